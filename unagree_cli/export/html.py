"""``export html``: one self-contained page for reading a treaty set, and a review, in a browser.

The languages stand side by side, one row per unit, each unit an anchor
(``id="DOC-EID"``, as in the Markdown export: an eId is unique within its
document). Cross-references to provisions of the exported documents are
links to those anchors; the deontic words (shall, may, 应, 不得 ...) are
marked by modality and translation-QA findings are listed under their unit
(and their words marked where a finding carries spans), with the message as
a tooltip; a legend explains the marks. The page asks for nothing over the
network: the style sheet is inline, there are no scripts, fonts or images,
and a Content-Security-Policy says so to the browser.

Text is escaped; control and bidi characters are made visible as in every
other human format. Nothing here imports typer or rich.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .. import __version__
from ..highlight import FINDING, DeonticMarks, Span, finding_spans
from ..model import Record, TreatySet
from ..render import Labels, visible

DEONTIC_KINDS = ("obligation", "permission", "right", "prohibition", "recognition")
LEGEND = {
    "obligation": "obligation (shall, must, agrees to, 应, 应当, 须)",
    "permission": "permission (may, 可, 可以)",
    "right": "right (is entitled to, has the right, 有权)",
    "prohibition": "prohibition (shall not, may not, 不得, 无权)",
    "recognition": "recognition (recognizes, takes note of, 认识到, 承认)",
}
SEVERITIES = ("error", "warning", "info")

STYLE = """
:root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d9d9de; --paper: #ffffff; --band: #f6f7f9;
  --obligation: #fde2a6; --permission: #cfe8ff; --right: #d3f2d0; --prohibition: #ffd0d0; --recognition: #ece0ff;
  --error: #c62828; --warning: #b26a00; --info: #3b6db3; }
* { box-sizing: border-box; }
html { color: var(--ink); background: var(--paper); }
body { margin: 0 auto; max-width: 1400px; padding: 1.5rem 2rem 4rem;
  font: 16px/1.55 Georgia, "Times New Roman", "Noto Serif CJK SC", "Songti SC", "SimSun", serif; }
header h1 { font-size: 1.5rem; line-height: 1.3; margin: 0 0 .5rem; }
header h1 span { display: block; }
.meta, .legend, nav, .sources { color: var(--muted); font: 13px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; margin: .8rem 0; padding: .6rem .8rem;
  background: var(--band); border: 1px solid var(--rule); border-radius: 6px; }
.legend b { color: var(--ink); margin-right: .3rem; }
nav ul { display: flex; flex-wrap: wrap; gap: .3rem 1.2rem; list-style: none; padding: 0; margin: .4rem 0 1rem; }
a { color: #1a55a8; }
h2 { font-size: 1.25rem; margin: 2.2rem 0 .2rem; border-bottom: 2px solid var(--ink); padding-bottom: .2rem; }
h3.part { font: 600 13px/1.4 system-ui, sans-serif; letter-spacing: .06em; text-transform: uppercase;
  color: var(--muted); margin: 1.4rem 0 .2rem; }
.langs, .unit { display: grid; grid-template-columns: 7.5rem repeat(var(--n), minmax(0, 1fr)); gap: 0 1.5rem; }
.langs { position: sticky; top: 0; background: var(--paper); border-bottom: 1px solid var(--rule);
  font: 600 12px/2 system-ui, sans-serif; color: var(--muted); z-index: 1; }
.unit { padding: .45rem 0; border-bottom: 1px solid var(--rule); scroll-margin-top: 2.5rem; }
.unit:target { background: #fff8d6; outline: 2px solid #e0b400; }
.unit.has-error { border-left: 4px solid var(--error); padding-left: .4rem; }
.unit.has-warning { border-left: 4px solid var(--warning); padding-left: .4rem; }
.unit.has-info { border-left: 4px solid var(--info); padding-left: .4rem; }
.ref { font: 600 13px/1.9 system-ui, sans-serif; color: var(--muted); }
.ref a { color: inherit; text-decoration: none; }
.ref a:hover { text-decoration: underline; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; }
.text .label { font-weight: 600; margin-right: .35em; }
.heading { display: block; font-weight: 700; }
.article .text { padding-top: .2rem; }
.missing { color: var(--muted); font-style: italic; }
mark { color: inherit; border-radius: 2px; padding: 0 1px; }
mark.obligation { background: var(--obligation); }
mark.permission { background: var(--permission); }
mark.right { background: var(--right); }
mark.prohibition { background: var(--prohibition); }
mark.recognition { background: var(--recognition); }
.finding { text-decoration: underline wavy var(--error); text-underline-offset: 3px; }
.legend .finding { text-decoration-color: var(--error); }
a.xref, .xref-sample { color: #1a55a8; text-decoration: underline dotted; }
.findings { grid-column: 2 / -1; margin: .35rem 0 0; padding: 0; list-style: none;
  font: 13px/1.45 system-ui, sans-serif; }
.findings li { margin: .15rem 0; padding-left: .5rem; border-left: 3px solid var(--info); }
.findings li.error { border-color: var(--error); }
.findings li.warning { border-color: var(--warning); }
.sev { font-weight: 700; text-transform: uppercase; font-size: 11px; margin-right: .3rem; }
li.error .sev { color: var(--error); } li.warning .sev { color: var(--warning); } li.info .sev { color: var(--info); }
.footnotes { font-size: 13px; color: var(--muted); margin-top: .3rem; }
footer { margin-top: 3rem; color: var(--muted); font: 12px/1.5 system-ui, sans-serif; }
@media (max-width: 760px) {
  body { padding: 1rem; }
  .langs { display: none; }
  .unit { grid-template-columns: 1fr; }
  .findings { grid-column: 1; }
}
@media print { .langs { position: static; } .unit { break-inside: avoid; } }
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


@dataclass
class HtmlExport:
    text: str
    notices: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Link:
    start: int
    end: int
    href: str
    title: str


def _esc(text: str) -> str:
    """Corpus text for an HTML text node: control characters made visible, then escaped."""
    return html.escape(visible(text), quote=False)


def _attr(text: str) -> str:
    return html.escape(visible(text), quote=True)


def marked(text: str, spans: Sequence[Span], links: Sequence[_Link] = ()) -> str:
    """``text`` as HTML with links, finding spans and deontic marks; overlapping spans are split, never lost."""
    bounds = {0, len(text)}
    for span in spans:
        bounds.update((max(0, min(span.start, len(text))), max(0, min(span.end, len(text)))))
    for link in links:
        bounds.update((max(0, min(link.start, len(text))), max(0, min(link.end, len(text)))))
    points = sorted(bounds)
    out: list[str] = []
    for start, end in itertools.pairwise(points):
        if end <= start:
            continue
        piece = _esc(text[start:end])
        inside = [s for s in spans if s.start <= start and end <= s.end]
        for span in sorted((s for s in inside if s.kind != FINDING), key=lambda s: (s.kind, s.note)):
            piece = f'<mark class="{_attr(span.kind)}" title="{_attr(span.note or span.kind)}">{piece}</mark>'
        notes = list(dict.fromkeys(s.note for s in inside if s.kind == FINDING))
        if notes:
            piece = f'<span class="finding" title="{_attr(chr(10).join(notes))}">{piece}</span>'
        around = next((k for k in links if k.start <= start and end <= k.end), None)
        if around is not None:
            piece = f'<a class="xref" href="{_attr(around.href)}" title="{_attr(around.title)}">{piece}</a>'
        out.append(piece)
    return "".join(out)


def export_html(
    treaty: TreatySet, docs: Sequence[str], langs: Sequence[str], labels: Labels, *, review: bool = True
) -> HtmlExport:
    """The page for ``docs`` in ``langs``; ``review`` adds the translation-QA findings (two languages or more)."""
    notices: list[str] = []
    langs = list(langs)
    docs = [doc for doc in docs if any((doc, lang) in treaty.versions for lang in langs)]
    names = {info.key: info.names for info in treaty.documents}
    anchors = {(doc, record.eid) for doc in docs for record in treaty.records(doc, treaty.langs_of(doc))}
    links = _links(treaty, docs, langs, anchors)
    findings = _findings(treaty, docs, langs, notices) if review and len(langs) > 1 else {}
    first = langs[0] if langs else "en"
    title = " / ".join(dict.fromkeys(t for t in (treaty.title.get(lang, "") for lang in langs) if t)) or treaty.id
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{_attr(first)}">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="referrer" content="no-referrer">',
        f'<meta name="generator" content="unagree {__version__}">',
        f"<title>{_esc(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>"
        + "".join(
            f'<span lang="{_attr(lang)}">{_esc(treaty.title[lang])}</span>' for lang in langs if treaty.title.get(lang)
        )
        + "</h1>",
        _legend(bool(findings)),
        '<nav aria-label="Documents"><ul>'
        + "".join(f'<li><a href="#{_attr(doc)}">{_doc_name(names, doc, langs)}</a></li>' for doc in docs)
        + "</ul></nav>",
        "</header>",
        "<main>",
    ]
    for doc in docs:
        out.extend(_document(treaty, doc, langs, labels, names, links, findings))
    out += [
        "</main>",
        f"<footer>Exported by unagree {_esc(__version__)} from the treaty set “{_esc(treaty.id)}”. "
        "Marks are found by rules and are a reading aid, not a legal analysis.</footer>",
        "</body>",
        "</html>",
    ]
    return HtmlExport("\n".join(out) + "\n", notices)


def _doc_name(names: dict[str, dict[str, str]], doc: str, langs: Sequence[str]) -> str:
    own = names.get(doc, {})
    parts = [f'<span lang="{_attr(lang)}">{_esc(own[lang])}</span>' for lang in langs if own.get(lang)]
    return " / ".join(dict.fromkeys(parts)) or _esc(doc)


def _legend(with_findings: bool) -> str:
    items = [f'<span><mark class="{kind}">{_esc(kind)}</mark> {_esc(LEGEND[kind])}</span>' for kind in DEONTIC_KINDS]
    items.append('<span><span class="xref-sample">Article 14</span> cross-reference: a link to the provision</span>')
    if with_findings:
        items.append('<span><span class="finding">words</span> behind a translation-QA finding (hover: message)</span>')
        items += [f'<span class="sev-{sev}"><b>{sev}</b>{_esc(_SEVERITY_NOTE[sev])}</span>' for sev in SEVERITIES]
    return '<div class="legend" role="note"><b>Legend</b>' + "".join(items) + "</div>"


_SEVERITY_NOTE = {
    "error": "the versions say different things",
    "warning": "the form is defective or inconsistent",
    "info": "worth knowing",
}


def _document(
    treaty: TreatySet,
    doc: str,
    langs: list[str],
    labels: Labels,
    names: dict[str, dict[str, str]],
    links: dict[tuple[str, str, str, str], list[_Link]],
    findings: dict[tuple[str, str], list[object]],
) -> list[str]:
    versions = [treaty.versions[(doc, lang)] for lang in langs if (doc, lang) in treaty.versions]
    langs = [v.lang for v in versions]  # the columns: the languages this document has
    out = [
        f'<section id="{_attr(doc)}" class="document" style="--n: {len(langs)}">',
        f"<h2>{_doc_name(names, doc, langs)}</h2>",
    ]
    sources = []
    for version in versions:
        meta = version.meta
        details = [", ".join(str(meta[k]) for k in ("symbol", "component") if meta.get(k))]
        details += [str(meta.get("status") or ""), str(meta.get("date") or "")]
        sources.append(f"{_esc(version.lang)}: " + " · ".join(_esc(d) for d in details if d))
    out.append('<p class="sources">' + "<br>".join(sources) + "</p>")
    for version in versions:
        if version.preface:
            out.append(
                f'<p class="meta" lang="{_attr(version.lang)}">' + "<br>".join(map(_esc, version.preface)) + "</p>"
            )
    out.append(
        '<div class="langs" aria-hidden="true"><span></span>'
        + "".join(f'<span lang="{_attr(lang)}">{_esc(labels.language(lang))}</span>' for lang in langs)
        + "</div>"
    )
    document_findings = findings.get((doc, ""), [])
    if document_findings:
        out.append(
            '<div class="unit document-findings"><div class="ref">document</div>'
            + _finding_list(document_findings)
            + "</div>"
        )
    marks = DeonticMarks(treaty)  # the rule of show and the reader, from the analysis cache
    section = ""
    for record in treaty.records(doc, [v.lang for v in versions]):
        part = record.eid.split("__", 1)[0] if record.eid.startswith(("preamble__", "conclusions__")) else "body"
        if part != section and part != "body":
            heads = " / ".join(dict.fromkeys(labels.get(v.lang, part) for v in versions))
            out.append(f'<h3 class="part">{_esc(heads)}</h3>')
        section = part
        out.append(_unit(marks, record, langs, labels, links, findings.get((doc, record.eid), [])))
    out.append("</section>")
    return out


def _unit(
    marks: DeonticMarks,
    record: Record,
    langs: list[str],
    labels: Labels,
    links: dict[tuple[str, str, str, str], list[_Link]],
    found: list[object],
) -> str:
    anchor = f"{record.doc}-{record.eid}"
    worst = next((sev for sev in SEVERITIES if any(getattr(f, "severity", "") == sev for f in found)), None)
    classes = ["unit", _attr(record.kind)] + ([f"has-{worst}"] if worst else [])
    cells = []
    for lang in langs:
        text = record.text.get(lang)
        heading = (record.heading or {}).get(lang)
        if text is None and heading is None:
            cells.append(f'<div class="text missing" lang="{_attr(lang)}">—</div>')
            continue
        label = labels.unit_label(record, lang)
        parts = []
        if heading:
            lead = _esc(label) + " " if label and record.kind == "article" else ""
            heading_links = links.get((record.doc, record.eid, lang, "heading"), [])
            parts.append(f'<span class="heading">{lead}{marked(heading, [], heading_links)}</span>')
        elif label and record.kind == "article":
            parts.append(f'<span class="heading">{_esc(label)}</span>')
        if text:
            lead = f'<span class="label">{_esc(label)}</span>' if label and record.kind != "article" else ""
            deontic = marks(record, lang, text)
            spans = [*deontic, *finding_spans(found, lang)]
            parts.append(lead + marked(text, spans, links.get((record.doc, record.eid, lang, "text"), [])))
        notes = [n for n in record.extra.get("footnotes", []) if lang in n.get("text", {})]
        if notes:
            parts.append(
                '<div class="footnotes">'
                + "<br>".join(f"[{_esc(str(n['marker']))}] {_esc(n['text'][lang])}" for n in notes)
                + "</div>"
            )
        cells.append(f'<div class="text" lang="{_attr(lang)}">' + "".join(parts) + "</div>")
    address = _attr(f"{record.doc}:{record.ref}")
    ref = f'<div class="ref"><a href="#{_attr(anchor)}" title="{address}">{_esc(record.ref)}</a></div>'
    listing = _finding_list(found) if found else ""
    return (
        f'<div id="{_attr(anchor)}" class="{" ".join(classes)}" data-eid="{_attr(record.eid)}" '
        f'data-ref="{_attr(record.doc)}:{_attr(record.ref)}">{ref}{"".join(cells)}{listing}</div>'
    )


def _finding_list(found: Iterable[object]) -> str:
    items = []
    for finding in found:
        severity = str(getattr(finding, "severity", "info"))
        check = str(getattr(finding, "check", ""))
        message = str(getattr(finding, "message", ""))
        items.append(
            f'<li class="{_attr(severity)}" title="{_attr(message)}"><span class="sev">{_esc(severity)}</span>'
            f"{_esc(check)}: {_esc(message)}</li>"
        )
    return '<ul class="findings">' + "".join(items) + "</ul>"


def _links(
    treaty: TreatySet, docs: Sequence[str], langs: Sequence[str], anchors: set[tuple[str, str]]
) -> dict[tuple[str, str, str, str], list[_Link]]:
    """Cross-references to provisions on the page, by (doc, eid, lang, field)."""
    from ..citations import find_citations

    out: dict[tuple[str, str, str, str], list[_Link]] = {}
    for citation in find_citations(treaty, docs, langs):
        target = citation.target
        if target.kind != "provision" or not target.doc or not target.eid or (target.doc, target.eid) not in anchors:
            continue
        for mention in citation.mentions:
            title = citation.title.get(mention.lang, "") or target.key
            key = (citation.record.doc, citation.record.eid, mention.lang, mention.field)
            out.setdefault(key, []).append(_Link(mention.start, mention.end, f"#{target.doc}-{target.eid}", title))
    return out


def _findings(
    treaty: TreatySet, docs: Sequence[str], langs: Sequence[str], notices: list[str]
) -> dict[tuple[str, str], list[object]]:
    """The QA findings of each unit (``(doc, eid)``; ``(doc, "")`` for the whole document)."""
    from ..qa import QAError, review, select_checks

    out: dict[tuple[str, str], list[object]] = {}
    checks = select_checks(None)
    for doc in docs:
        if len([lang for lang in langs if (doc, lang) in treaty.versions]) < 2:
            continue
        try:
            reviewed = review(treaty, doc, checks)
        except QAError as exc:
            notices.append(f"no translation review of the {doc}: {exc}")
            continue
        for item in reviewed:
            if item.findings:
                out.setdefault((doc, item.record.eid if item.record.ref != "all" else ""), []).extend(item.findings)
    return out
