"""The language versions of a document, aligned unit by unit by eId.

``treaty.records`` already merges the versions by eId; this module adds what
comparing them needs: which language pair is compared, which units, headings
and list items one language lacks, how long each list is, whether a whole
document has no counterpart, and what each version is (draft or adopted).
Nothing here imports typer or rich.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import field
from typing import TYPE_CHECKING, Any

from . import eids
from .model import Record, TreatySet

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from .fastclass import dataclass

FINAL_STATUSES = ("adopted", "approved", "issued")
DOCUMENT_KIND = "document"


class AlignError(ValueError):
    """The treaty set cannot be compared (fewer than two languages)."""


def language_pair(treaty: TreatySet) -> tuple[str, str]:
    """The two languages compared: the treaty set's first two (``en``, ``zh``)."""
    if len(treaty.languages) < 2:
        raise AlignError(f"the treaty set has only one language ({', '.join(treaty.languages)}); nothing to compare")
    return treaty.languages[0], treaty.languages[1]


@dataclass
class Alignment:
    """One document in two languages: its records (merged by eId) and what each version is."""

    doc: str
    langs: tuple[str, str]
    records: list[Record]
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)  # lang -> the version's meta

    @property
    def present(self) -> list[str]:
        """Languages that have a version of the document."""
        return [lang for lang in self.langs if lang in self.meta]

    @property
    def one_sided(self) -> str | None:
        """The only language the document exists in, or ``None`` when both have it."""
        present = self.present
        return present[0] if len(present) == 1 else None

    def list_sizes(self) -> dict[str, Counter[str]]:
        """Points per list, per language: ``{"art_3__para_2__list_1": Counter(en=5, zh=5)}``."""
        sizes: dict[str, Counter[str]] = {}
        for record in self.records:
            owner = list_of(record)
            if owner is not None:
                sizes.setdefault(owner, Counter()).update(record.text.keys())
        return sizes

    def status(self, lang: str) -> str:
        return str(self.meta.get(lang, {}).get("status") or "")

    def draft_and_final(self) -> tuple[str, str] | None:
        """``(draft_lang, final_lang)`` when one version is a draft and the other is not."""
        first, second = self.langs
        if self.status(first) == "draft" and self.status(second) in FINAL_STATUSES:
            return first, second
        if self.status(second) == "draft" and self.status(first) in FINAL_STATUSES:
            return second, first
        return None

    def adoption_record(self) -> list[Record]:
        """Closing units only the final version has when the other is a draft.

        The meeting and date that close an adopted resolution are added on
        adoption; a draft cannot have them, so they are not a translation gap.
        """
        stages = self.draft_and_final()
        if stages is None:
            return []
        draft, final = stages
        return [
            r for r in self.records if r.eid.startswith("conclusions__") and final in r.text and draft not in r.text
        ]


def align(treaty: TreatySet, doc: str) -> Alignment:
    """The document ``doc`` in the treaty set's two languages."""
    langs = language_pair(treaty)
    meta = {lang: dict(treaty.versions[(doc, lang)].meta) for lang in langs if (doc, lang) in treaty.versions}
    return Alignment(doc, langs, treaty.records(doc, list(langs)), meta)


def list_of(record: Record) -> str | None:
    """The eId of the list a point belongs to (``art_3__para_2__list_1``), else ``None``."""
    if record.kind != "point":
        return None
    return eids.parent(record.eid)


def missing_langs(record: Record, langs: tuple[str, str]) -> list[str]:
    """The languages in which ``record`` has no text."""
    return [lang for lang in langs if lang not in record.text]


def describe(record: Record) -> str:
    """A unit's name for a message: ``point (e) of 3.2``, ``paragraph 5.1``, ``preamble clause 3``."""
    kind, ref = record.kind, record.ref
    if kind == DOCUMENT_KIND:
        return f"the {record.doc}"
    if kind == "point":
        return f"point ({record.num}) of {ref.split('(')[0]}"
    if kind == "article":
        return f"article {ref}"
    if kind == "paragraph":
        return f"paragraph {ref}"
    if kind == "intro":
        return f"the list introduction of {ref}"
    if kind == "wrapup":
        return f"the closing words after the list of {ref}"
    if kind == "recital":
        return f"preamble clause {record.num}"
    if kind == "formula":
        return "a formula of the " + ("preamble" if record.eid.startswith("preamble") else "conclusions")
    return f"a {kind} of the {ref}" if ref in ("preamble", "conclusions") else f"{kind} {ref}"


def document_record(alignment: Alignment) -> Record:
    """A record standing for the whole document: its titles, ``kind: document``, ``ref: all``."""
    titles = {lang: str(alignment.meta[lang].get("title") or "") for lang in alignment.present}
    return Record(alignment.doc, "all", "", DOCUMENT_KIND, None, titles)
