"""TMX 1.4b translation memory: one ``tu`` per unit aligned in two or more languages.

Each unit of each document becomes ``<tu tuid="EID">`` with props ``x-doc``
(the document key) and ``x-context`` (the reference ``unagree show`` accepts,
``agreement:5.2``; translate-toolkit reads it as the unit's context), then one
``tuv`` per language. An article's heading is a unit of its own, with the
tuid ``EID__heading``, and so is a footnote (``EID__authorialNote_1``, its eId
in the Akoma Ntoso export). TMX 1.4b does not require tuids to be unique (TMX 2.0
does): ``preamble__formula_1`` occurs in the resolution and the agreement, and
``x-doc`` tells them apart. Units present in one language only are left out
and counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import __version__
from ..errors import UsageFailure
from ..model import Record, TreatySet
from .xmlwriter import Element, document

DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


@dataclass
class Segment:
    """One translation unit: an id, where it comes from, and its text per language."""

    tuid: str
    doc: str
    ref: str
    text: dict[str, str]


@dataclass
class TmxExport:
    text: str
    notices: list[str]
    units: int = 0
    left_out: dict[str, int] = field(default_factory=dict)


def segments(record: Record) -> list[Segment]:
    """The translatable pieces of a record: an article's heading, then any text."""
    out: list[Segment] = []
    context = f"{record.doc}:{record.ref}"
    if record.kind == "article" and record.heading:
        heading = {lang: text for lang, text in record.heading.items() if text}
        out.append(Segment(f"{record.eid}__heading", record.doc, context, heading))
    text = {lang: value for lang, value in record.text.items() if value}
    if text:
        out.append(Segment(record.eid, record.doc, context, text))
    for index, note in enumerate(record.extra.get("footnotes", []), start=1):
        notes = {lang: value for lang, value in note.get("text", {}).items() if value}
        out.append(Segment(f"{record.eid}__authorialNote_{index}", record.doc, context, notes))
    return out


def export_tmx(treaty: TreatySet, docs: list[str], langs: list[str]) -> TmxExport:
    """The TMX document for ``docs`` in ``langs`` (at least two), and notices for stderr."""
    if len(langs) < 2:
        raise UsageFailure(
            f"a translation memory needs two languages, not only '{','.join(langs)}'",
            hint=f"leave out --lang, or use --lang {','.join(treaty.languages)}",
        )
    root = Element("tmx", {"version": "1.4"})
    root.append(
        Element(
            "header",
            {
                "creationtool": "unagree",
                "creationtoolversion": __version__,
                "segtype": "paragraph",
                "o-tmf": "unagree corpus YAML",
                "adminlang": "en",
                "srclang": langs[0],
                "datatype": "plaintext",
            },
        )
    )
    header = root.find("header")
    assert header is not None
    header.add("prop", {"type": "x-treaty"}, text=treaty.id)
    body = root.add("body")
    left_out: dict[str, int] = {}
    count = 0
    for doc in docs:
        for record in treaty.records(doc, langs):
            for segment in segments(record):
                present = [lang for lang in langs if lang in segment.text]
                if len(present) < 2:
                    left_out[doc] = left_out.get(doc, 0) + 1
                    continue
                tu = body.add("tu", {"tuid": segment.tuid})
                tu.add("prop", {"type": "x-doc"}, text=segment.doc)
                tu.add("prop", {"type": "x-context"}, text=segment.ref)
                for lang in present:
                    tuv = tu.add("tuv", {"xml:lang": lang})
                    tuv.add("seg", text=segment.text[lang])
                count += 1
    text, removed = document(root, DOCTYPE)
    notices = []
    if left_out:
        total = sum(left_out.values())
        where = ", ".join(f"{doc}: {n}" for doc, n in left_out.items())
        notices.append(f"left out {total} unit{'s' if total != 1 else ''} present in one language only ({where})")
    if removed:
        notices.append(f"removed {removed} control character{'s' if removed != 1 else ''} that XML cannot hold")
    return TmxExport(text, notices, count, left_out)
