"""What the reader shows, as plain data: the one place the reader meets the library.

Everything the Textual application needs comes through :class:`Book`:
documents and their unit records, the table of contents, references typed
after ``g`` (:mod:`unagree_cli.refs`), search with the rules of ``unagree
search`` (:func:`unagree_cli.search.compile_query`), cross-references as links
(:mod:`unagree_cli.citations`), the statements of one party
(:func:`unagree_cli.obligations.extract`) and translation-QA findings
(:func:`unagree_cli.qa.review`). The spans the reader marks come from
:mod:`unagree_cli.highlight`, the library ``show``, ``search`` and ``export
html`` draw from: deontic words by modality (:func:`~unagree_cli.highlight.deontic_spans`,
with the opening verbs of a resolution's operative paragraphs), search hits
and their glossary counterparts in the other language
(:func:`~unagree_cli.highlight.search_spans`) and the words behind each QA
finding (:func:`~unagree_cli.highlight.finding_spans`). The application only
sees :class:`Book`, :class:`Link` and :class:`~unagree_cli.highlight.Span`.

Every analysis is computed per document on first use and kept, so the reader
opens without running any of them. Nothing here imports textual or rich.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..highlight import Span
from ..model import Record, TreatySet
from ..views.env import UNSAFE, harmless

if TYPE_CHECKING:
    from ..obligations import Statement
    from ..qa import Finding

# Control characters, direction overrides and the like (views.env.UNSAFE), each replaced by one visible
# character so that offsets into the text stay valid (corpus text is data: it must not drive the terminal).


def safe(text: str) -> str:
    """``text`` with each control character replaced by one visible character (same length)."""
    if harmless(text):
        return text
    return UNSAFE.sub(lambda m: chr(0x2400 + ord(m.group())) if ord(m.group()) < 0x20 else "\ufffd", text)


@dataclass(frozen=True)
class Link:
    """A cross-reference in a unit that points at a provision of the treaty set."""

    lang: str
    field: str  # "text" or "heading"
    start: int
    end: int
    text: str
    doc: str
    ref: str
    eid: str

    @property
    def address(self) -> str:
        return f"{self.doc}:{self.ref}"


@dataclass(frozen=True)
class Place:
    """A unit of a document: where the reader is, or where a link, hit or reference leads."""

    doc: str
    eid: str


@dataclass(frozen=True)
class TocEntry:
    """One line of the table of contents: a document, its preamble, an article, a paragraph, its conclusions."""

    place: Place
    kind: str
    label: str


@dataclass
class SearchHit:
    """A unit that matched, and the matches by (language, field)."""

    place: Place
    spans: dict[tuple[str, str], list[Span]] = field(default_factory=dict)
    """The spans to mark by (language, field): the matches, and the glossary counterparts (``note`` says which)."""
    matches: int = 0
    """How many matches the query has in the unit (glossary counterparts not counted)."""


class ReaderError(ValueError):
    """A reference or query the reader cannot use; the message says why, in one line."""


class Book:
    """A treaty set as the reader shows it, in ``langs`` (one pane per language)."""

    def __init__(self, treaty: TreatySet, langs: list[str]) -> None:
        self.treaty = treaty
        self.langs = langs
        self.docs = [doc for doc in treaty.doc_keys() if any((doc, lang) in treaty.versions for lang in langs)]
        self._records: dict[str, list[Record]] = {}
        self._positions: dict[str, dict[str, int]] = {}
        self._deontic: dict[str, dict[str, dict[str, list[Span]]]] = {}
        self._links: dict[str, dict[str, list[Link]]] = {}
        self._findings: dict[str, dict[str, list[Finding]]] = {}
        self._statements: dict[str, list[Statement]] = {}

    # ------------------------------------------------------------ documents and units

    def records(self, doc: str) -> list[Record]:
        """The unit records of ``doc`` in the reader's languages, in document order."""
        if doc not in self._records:
            have = [lang for lang in self.langs if (doc, lang) in self.treaty.versions]
            self._records[doc] = self.treaty.records(doc, have)
            self._positions[doc] = {r.eid: i for i, r in enumerate(self._records[doc])}
        return self._records[doc]

    def index(self, place: Place) -> int:
        self.records(place.doc)
        return self._positions[place.doc].get(place.eid, 0)

    def record(self, place: Place) -> Record:
        return self.records(place.doc)[self.index(place)]

    def first(self) -> Place:
        doc = self.treaty.default_doc if self.treaty.default_doc in self.docs else self.docs[0]
        records = self.records(doc)
        return Place(doc, records[0].eid if records else "")

    def doc_title(self, doc: str) -> str:
        """The document's name and title in its first language: ``agreement · Agreement concerning ...``."""
        for lang in self.langs:
            version = self.treaty.versions.get((doc, lang))
            if version is not None:
                return safe(f"{doc} · {version.meta.get('title') or ''}".strip(" ·"))
        return doc

    def label(self, record: Record, lang: str) -> str:
        """The number printed before a unit: ``Article 5`` / ``第五条``, ``2.``, ``(a)``; empty for others."""
        table = self.treaty.labels.get(lang, {})
        key = {"article": "article", "paragraph": "paragraph", "intro": "paragraph", "point": "point"}.get(record.kind)
        if key is None or not record.num:
            return ""
        from ..labels import number_to_zh

        default = {"article": "Article {n}", "paragraph": "{n}.", "point": "({n})"}[key]
        try:
            return safe(table.get(key, default).format(n=record.num, n_zh=number_to_zh(record.num)))
        except (KeyError, IndexError, ValueError):
            return record.num

    def address(self, place: Place) -> str:
        """``agreement:5.2``: the reference the CLI accepts for the unit."""
        return f"{place.doc}:{self.record(place).ref}" if self.records(place.doc) else f"{place.doc}:"

    def where(self, place: Place) -> str:
        """The current reference with the heading of its article: ``agreement:5.2 · Article 5 Reciprocal ...``."""
        records = self.records(place.doc)
        if not records:
            return self.doc_title(place.doc)
        record = self.record(place)
        top = record.eid.split("__")[0]
        article = records[self._positions[place.doc].get(top, -1)] if top in self._positions[place.doc] else None
        lang = next((lang for lang in self.langs if article and lang in (article.heading or {})), None)
        if article is not None and article.kind == "article":
            heading = (article.heading or {}).get(lang or "", "")
            label = self.label(article, lang or self.langs[0])
            return safe(f"{place.doc}:{record.ref} · {label} {heading}".rstrip())
        return safe(f"{place.doc}:{record.ref}")

    def copy_text(self, place: Place) -> str:
        """What ``y`` copies: the reference, then the unit in each language (heading, number, text)."""
        record = self.record(place)
        parts = [self.address(place)]
        for lang in self.langs:
            heading = (record.heading or {}).get(lang, "")
            text = record.text.get(lang, "")
            label = self.label(record, lang)
            if heading:
                lines = [f"{label} {heading}".strip(), text]
            else:
                lines = [f"{label} {text}".strip() if text else ""]
            if any(lines):
                parts.append("\n".join(line for line in lines if line))
        return "\n\n".join(parts) + "\n"

    # ------------------------------------------------------------ table of contents and references

    def toc(self) -> list[TocEntry]:
        """Every document, then its preamble, articles (or paragraphs) and conclusions: ``unagree toc``'s entries."""
        from ..outline import outline

        entries: list[TocEntry] = []
        for entry in outline(self.treaty, self.docs, self.langs):
            records = self.records(entry.doc)
            if not records:
                continue
            if entry.kind == "document":
                place, label = Place(entry.doc, records[0].eid), self.doc_title(entry.doc)
            else:
                eid = next((r.eid for r in records if r.eid == entry.eid or r.eid.startswith(f"{entry.eid}__")), "")
                if not eid:
                    continue
                place = Place(entry.doc, eid)
                heading = next((entry.heading[lang] for lang in self.langs if entry.heading.get(lang)), "")
                number = entry.ref if entry.kind in ("article", "paragraph") else ""
                label = safe(f"{number} {heading}".strip())
            entries.append(TocEntry(place, entry.kind, label))
        return entries

    def locate(self, text: str, current: Place) -> Place:
        """The first unit a reference selects, read as ``unagree show`` reads it.

        Without a document prefix the reference is tried in the current document first, then in the
        default document (where ``unagree show`` looks): ``3`` in the resolution is its paragraph 3.
        """
        from ..refs import RefError, parse, resolve

        try:
            named = parse(text).doc
        except RefError as exc:
            raise ReaderError(str(exc)) from None
        if named is not None and named not in self.treaty.doc_keys():
            raise ReaderError(f"unknown document '{named}'; the corpus has: {', '.join(self.treaty.doc_keys())}")
        candidates = [named] if named else list(dict.fromkeys([current.doc, self.treaty.default_doc]))
        problem = ""
        for doc in candidates:
            try:
                selection = resolve(self.treaty, text, doc, self.treaty.langs_of(doc))
            except RefError as exc:
                problem = problem or str(exc)
                continue
            wanted = {r.eid for r in selection.records}
            for record in self.records(selection.doc) if selection.doc in self.docs else []:
                if record.eid in wanted:
                    return Place(selection.doc, record.eid)
            problem = problem or f"the {selection.doc} has no text at '{text.strip()}' in {', '.join(self.langs)}"
        raise ReaderError(problem)

    # ------------------------------------------------------------ search

    def search(self, text: str, *, exact: bool = False) -> list[SearchHit]:
        """Units matching ``text`` in any pane's language, every document in order; the rules of ``unagree search``.

        As ``search`` does by default, a query finds its variants (``arrangement``: arrangements;
        ``Secretary General``: Secretary-General); ``exact`` matches it as typed. Each hit carries the
        matches and, in the other languages, the glossary counterparts of what matched (秘书长 for
        Secretary-General).
        """
        from ..highlight import search_spans
        from ..search import QueryError, compile_query, search_records

        try:
            query = compile_query(text, self.langs, exact=exact)
        except QueryError as exc:
            raise ReaderError(str(exc)) from None
        hits: list[SearchHit] = []
        for doc in self.docs:
            for hit in search_records(query, self.records(doc)):
                found = SearchHit(Place(doc, hit.record.eid))
                for lang in self.langs:
                    for field_name in ("heading", "text"):
                        spans = search_spans(self.treaty, query, hit.record, lang, field_name)
                        if spans:
                            found.spans[(lang, field_name)] = spans
                found.matches = len(hit.matches)
                hits.append(found)
        return hits

    # ------------------------------------------------------------ cross-references

    def links(self, doc: str) -> dict[str, list[Link]]:
        """Cross-references to provisions of the treaty set, by the eId of the unit they are in."""
        if doc not in self._links:
            from ..citations import find_citations

            found: dict[str, list[Link]] = {}
            langs = [lang for lang in self.langs if (doc, lang) in self.treaty.versions]
            for citation in find_citations(self.treaty, [doc], langs):
                target = citation.target
                if target.kind != "provision" or not target.doc or not target.eid or not target.ref:
                    continue
                for mention in citation.mentions:
                    found.setdefault(citation.record.eid, []).append(
                        Link(
                            mention.lang,
                            mention.field,
                            mention.start,
                            mention.end,
                            mention.text,
                            target.doc,
                            target.ref,
                            target.eid,
                        )
                    )
            for links in found.values():
                links.sort(key=lambda link: (self.langs.index(link.lang), link.field != "heading", link.start))
            self._links[doc] = found
        return self._links[doc]

    def link_target(self, link: Link) -> Place:
        """Where a link leads: the unit with the target's eId (its first unit for a whole article)."""
        if link.doc not in self.docs:
            raise ReaderError(f"{link.address} is not in {', '.join(self.langs)}")
        for record in self.records(link.doc):
            if record.eid == link.eid or record.eid.startswith(f"{link.eid}__"):
                return Place(link.doc, record.eid)
        raise ReaderError(f"{link.address} has no text in {', '.join(self.langs)}")

    # ------------------------------------------------------------ deontic words and one party's statements

    def analysis_langs(self, doc: str) -> list[str]:
        """The reader's languages of ``doc`` that the obligations engine has rules for."""
        from ..obligations import LANGUAGES

        return [lang for lang in self.langs if lang in LANGUAGES and (doc, lang) in self.treaty.versions]

    def deontic(self, doc: str) -> dict[str, dict[str, list[Span]]]:
        """Deontic words by modality: ``{eid: {lang: [Span(start, end, modality, modality)]}}`` (text only).

        The rule of ``show`` and ``export html`` (:func:`unagree_cli.highlight.deontic_spans`): the
        markers of each language's obligations grammar, and the opening verb of an operative paragraph
        of a resolution ("Calls upon", 促请).
        """
        if doc not in self._deontic:
            from ..highlight import DeonticMarks

            marks = DeonticMarks(self.treaty)
            spans: dict[str, dict[str, list[Span]]] = {}
            for lang in self.analysis_langs(doc):
                for record in self.records(doc):
                    found = marks(record, lang)
                    if found:
                        spans.setdefault(record.eid, {})[lang] = found
            self._deontic[doc] = spans
        return self._deontic[doc]

    def parties(self) -> list[str]:
        return [party.id for party in self.treaty.parties]

    def statements(self, doc: str) -> list[Statement]:
        """The statements of ``doc`` as read in the first language with rules (English before Chinese here)."""
        if doc not in self._statements:
            from ..obligations import extract

            langs = self.analysis_langs(doc)
            self._statements[doc] = extract(self.treaty, doc, langs[0]) if langs else []
        return self._statements[doc]

    def choose_party(self, name: str) -> str:
        """A party or organ named as ``obligations --party`` takes it, as ``IOM`` or ``IOM: Director General``."""
        from ..obligations import UnknownParty, find_party

        try:
            choice = find_party(self.treaty, name)
        except UnknownParty as exc:
            raise ReaderError(f"unknown party '{name}'; known: {'; '.join(exc.known)}") from None
        return f"{choice.party}: {choice.organ}" if choice.organ else choice.party

    def party_statements(self, doc: str, who: str) -> dict[str, list[Statement]]:
        """What ``who`` (a party, or ``party: organ``) must, may, is entitled to or must not do in ``doc``, by eId.

        Recognitions are left out: they bind no one.
        """
        from ..obligations import DEONTIC, PartyChoice

        party, _, organ = who.partition(": ")
        choice = PartyChoice(party, organ or None)
        found: dict[str, list[Statement]] = {}
        for statement in self.statements(doc):
            if choice.matches(statement) and statement.modality in DEONTIC:
                found.setdefault(statement.eid, []).append(statement)
        return found

    # ------------------------------------------------------------ translation-QA findings

    def findings(self, doc: str) -> dict[str, list[Finding]]:
        """QA findings of ``doc`` by eId (``""``: the document as a whole); empty when it cannot be checked."""
        if doc not in self._findings:
            from ..qa import QAError, all_checks, review

            try:
                reviewed = review(self.treaty, doc, all_checks())
            except QAError:
                reviewed = []
            self._findings[doc] = {item.record.eid: item.findings for item in reviewed if item.findings}
        return self._findings[doc]

    def finding_spans(self, doc: str, eid: str) -> dict[str, list[Span]]:
        """The words behind the findings of one unit, by language (:func:`unagree_cli.highlight.finding_spans`).

        ``note`` is the finding's severity and message; overlapping findings keep the first.
        """
        from ..highlight import finding_spans, merge

        found = self.findings(doc).get(eid, [])
        out: dict[str, list[Span]] = {}
        for lang in self.langs:
            spans = merge(finding_spans(found, lang))
            if spans:
                out[lang] = spans
        return out

    def findings_note(self) -> str:
        """Why there are no findings at all, when the treaty set cannot be checked (one language)."""
        from ..align import AlignError, language_pair

        try:
            language_pair(self.treaty)
        except AlignError as exc:
            return str(exc)
        return ""
