"""Plain data for a corpus: treaty sets, documents, units and their records.

Nothing here imports typer or rich; every command builds on these types.
"""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from .fastclass import dataclass

LangText = dict[str, str]
"""Text keyed by language code: ``{"en": "...", "zh": "..."}``."""


@dataclass(frozen=True)
class Unit:
    """One addressable piece of one language version of a document."""

    eid: str
    ref: str
    kind: str  # formula, recital, article, paragraph, intro, point, wrapup, p, signature
    num: str | None
    text: str
    heading: str | None = None
    line: int = 0  # line in the YAML file, for messages


@dataclass
class Footnote:
    marker: str
    at: str
    text: str


@dataclass
class Version:
    """One document in one language, as transcribed in one YAML file."""

    doc: str
    lang: str
    path: str
    meta: dict[str, Any]
    preface: list[str]
    units: list[Unit]
    footnotes: list[Footnote] = field(default_factory=list)

    def unit(self, eid: str) -> Unit | None:
        """The first unit with ``eid``, through an index built on first use (a lookup per unit stays linear)."""
        index: tuple[list[Unit], int, dict[str, int]] | None = self.__dict__.get("_by_eid")
        if index is None or index[0] is not self.units or index[1] != len(self.units):
            positions: dict[str, int] = {}
            for number, unit in enumerate(self.units):
                positions.setdefault(unit.eid, number)
            index = (self.units, len(self.units), positions)
            self.__dict__["_by_eid"] = index  # not a field: never compared, stored or shown
        found = index[2].get(eid)
        if found is not None and self.units[found].eid == eid:
            return self.units[found]
        # absent, or the list was changed in place since the index was built: look the slow way
        return next((unit for unit in self.units if unit.eid == eid), None)


@dataclass
class DocumentInfo:
    """A document of a treaty set, as declared in ``treaty.yaml``."""

    key: str
    names: LangText
    default: bool = False


@dataclass
class Organ:
    id: str
    names: dict[str, list[str]]


@dataclass
class Party:
    id: str
    names: dict[str, list[str]]
    organs: list[Organ] = field(default_factory=list)


@dataclass
class GlossaryTerm:
    """A term in each language it is given in, keyed by language code."""

    terms: LangText
    variants: dict[str, list[str]] = field(default_factory=dict)
    note: str = ""
    deprecated: dict[str, list[str]] = field(default_factory=dict)  # forms seen but not accepted (TBX "deprecated")

    def term(self, lang: str) -> str:
        """The canonical form in ``lang`` ("" when the entry has none)."""
        return self.terms.get(lang, "")

    @property
    def en(self) -> str:
        return self.term("en")

    @property
    def zh(self) -> str:
        return self.term("zh")

    def forms(self, lang: str) -> list[str]:
        """The canonical form and every accepted variant in ``lang``."""
        return [f for f in [self.term(lang), *self.variants.get(lang, [])] if f]


@dataclass
class Instrument:
    """An outside instrument the texts cite: a resolution known by its number, or one known by its names."""

    id: str
    title: LangText
    names: dict[str, list[str]] = field(default_factory=dict)  # how each language names it, longest first
    number: str | None = None  # a resolution's number as cited: "70/263", "1309"


@dataclass
class Source:
    file: str
    lang: str
    symbol: str
    furniture: list[str] = field(default_factory=list)


@dataclass
class TreatySet:
    """A treaty and its related documents in every language the corpus has."""

    id: str
    path: str
    title: LangText
    languages: list[str]
    labels: dict[str, dict[str, str]]
    documents: list[DocumentInfo]
    versions: dict[tuple[str, str], Version]
    parties: list[Party]
    glossary: list[GlossaryTerm]
    sources: list[Source]
    instruments: list[Instrument] = field(default_factory=list)
    # A hash of the files the set was loaded from, set by the cached loader ("" when unknown):
    # what cached analyses are keyed by. Not part of equality; clear it after editing a set in memory.
    fingerprint: str = field(default="", compare=False, repr=False)
    # The content hash of each of those files by name, set with the fingerprint: what an analysis of one
    # document is keyed by (its own files and the set's, not the other documents').
    files: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    @property
    def default_doc(self) -> str:
        for info in self.documents:
            if info.default:
                return info.key
        return self.documents[0].key

    def doc_keys(self) -> list[str]:
        return [d.key for d in self.documents]

    def doc_names(self, lang: str | None = None) -> dict[str, str]:
        """Each document's key and its name in ``lang`` (else the first language it has a name in)."""
        out: dict[str, str] = {}
        for info in self.documents:
            name = info.names.get(lang or "", "") or next(iter(info.names.values()), info.key)
            out[info.key] = name
        return out

    def doc_help(self, lang: str | None = None) -> str:
        """``agreement (default), resolution, note``: for help texts and messages built from the loaded set."""
        default = self.default_doc
        return ", ".join(f"{key} (default)" if key == default else key for key in self.doc_keys())

    def example_ref(self, doc: str | None = None) -> str:
        """A reference that exists in ``doc`` (the default document): for examples in help texts."""
        key = doc or self.default_doc
        for lang in self.langs_of(key):
            for unit in self.versions[(key, lang)].units:
                if unit.kind in ("paragraph", "article"):
                    return unit.ref
        return "1"

    def with_languages(self, langs: list[str]) -> TreatySet:
        """The same set with ``langs`` first, in that order (``diff --langs en,fr`` compares the first two)."""
        import dataclasses

        unknown = [lang for lang in langs if lang not in self.languages]
        if unknown:
            raise ValueError(f"the treaty set has no language '{unknown[0]}' (it has: {', '.join(self.languages)})")
        order = [*langs, *(lang for lang in self.languages if lang not in langs)]
        fingerprint = f"{self.fingerprint}:{','.join(order)}" if self.fingerprint else ""
        return dataclasses.replace(self, languages=order, fingerprint=fingerprint)

    def author(self, lang: str = "en") -> str:
        """Who issued the texts, for export identifiers: the first party (the organization the set is about)."""
        for party in self.parties:
            names = party.names.get(lang) or next(iter(party.names.values()), [])
            return names[0] if names else party.id
        return ""

    def langs_of(self, doc: str) -> list[str]:
        """Languages that have a version of ``doc``, in corpus order."""
        return [lang for lang in self.languages if (doc, lang) in self.versions]

    def records(self, doc: str, langs: list[str]) -> list[Record]:
        """Bilingual unit records of ``doc`` in document order."""
        return merge_versions(doc, [self.versions[(doc, lang)] for lang in langs if (doc, lang) in self.versions])


@dataclass
class Record:
    """A unit with its text in several languages: the shape every command prints."""

    doc: str
    ref: str
    eid: str
    kind: str
    num: str | None
    text: LangText
    heading: LangText | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"doc": self.doc, "ref": self.ref, "eid": self.eid, "kind": self.kind}
        if self.heading is not None:
            data["heading"] = self.heading
        data["text"] = self.text
        data.update(self.extra)
        return data


def merge_versions(doc: str, versions: list[Version]) -> list[Record]:
    """Align language versions by eId into records, keeping document order.

    A unit present in only some languages keeps only those languages' text,
    placed after the unit that precedes it in its own language. The order is
    kept as a linked list (each eId points to the next), so merging costs time
    in proportion to the number of units, however many there are.
    """
    records: dict[str, Record] = {}
    following: dict[str, str | None] = {}  # eId -> the next eId in document order
    head: str | None = None
    for version in versions:
        previous: str | None = None
        for unit in version.units:
            record = records.get(unit.eid)
            if record is None:
                record = Record(doc, unit.ref, unit.eid, unit.kind, unit.num, {}, None)
                records[unit.eid] = record
                # insert after the unit that precedes it in this language
                if previous is None:
                    following[unit.eid], head = head, unit.eid
                else:
                    following[unit.eid], following[previous] = following[previous], unit.eid
            record.text[version.lang] = unit.text
            if unit.heading is not None:
                if record.heading is None:
                    record.heading = {}
                record.heading[version.lang] = unit.heading
            previous = unit.eid
        for note in version.footnotes:
            target = records.get(note.at)
            if target is None:
                continue
            notes: list[dict[str, Any]] = target.extra.setdefault("footnotes", [])
            entry = next((n for n in notes if n["marker"] == note.marker), None)
            if entry is None:
                entry = {"marker": note.marker, "text": {}}
                notes.append(entry)
            entry["text"][version.lang] = note.text
    ordered: list[Record] = []
    eid = head
    while eid is not None:
        ordered.append(records[eid])
        eid = following[eid]
    return ordered
