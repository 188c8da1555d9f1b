"""The table of contents of a treaty set: documents, preambles, articles."""

from __future__ import annotations

from dataclasses import field
from typing import TYPE_CHECKING, Any

from . import eids
from .corpus import article_label
from .model import LangText, TreatySet

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at start-up: see fastclass
    from .fastclass import dataclass

SUMMARY_CHARS = 60


@dataclass
class Entry:
    """One line of the table of contents."""

    doc: str
    ref: str
    eid: str | None
    kind: str  # document, preamble, article, paragraph, conclusions
    heading: LangText
    units: int = 0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "ref": self.ref,
            "eid": self.eid,
            "kind": self.kind,
            "heading": self.heading,
            "units": self.units,
            **self.extra,
        }


def _summary(text: str) -> str:
    """A unit's text standing as its heading: whole (a table view may shorten it; data never loses it)."""
    return text


def outline(treaty: TreatySet, docs: list[str], langs: list[str]) -> list[Entry]:
    """Entries for ``docs`` in ``langs``: a document line, then its top-level parts."""
    entries: list[Entry] = []
    for doc in docs:
        have = [lang for lang in langs if (doc, lang) in treaty.versions]
        if not have:
            continue
        versions = [treaty.versions[(doc, lang)] for lang in have]
        first = versions[0].meta
        entries.append(
            Entry(
                doc,
                f"{doc}:",
                None,
                "document",
                {v.lang: str(v.meta.get("title", "")) for v in versions},
                sum(len(v.units) for v in versions[:1]),
                {"symbol": first.get("symbol"), "status": {v.lang: v.meta.get("status") for v in versions}},
            )
        )
        records = treaty.records(doc, have)
        tops: dict[str, Entry] = {}
        for record in records:
            top = eids.top(record.eid)
            if top.startswith("preamble"):
                key, kind, heading, ref = (
                    "preamble",
                    "preamble",
                    {lang: treaty.labels[lang]["preamble"] for lang in have},
                    "preamble",
                )
            elif top.startswith("conclusions"):
                key, kind, heading, ref = (
                    "conclusions",
                    "conclusions",
                    {lang: treaty.labels[lang]["conclusions"] for lang in have},
                    "conclusions",
                )
            elif record.kind == "article":
                key, kind, ref = top, "article", record.ref
                heading = dict(record.heading or {})
                for lang in have:
                    heading.setdefault(lang, article_label(treaty, lang, record.num or ""))
            elif top not in tops:
                key, kind, ref = top, "paragraph", record.ref.split("(")[0]
                heading = {lang: _summary(text) for lang, text in record.text.items()}
            else:
                key = top
                kind = ref = ""
                heading = {}
            entry = tops.get(key)
            if entry is None:
                entry = Entry(doc, ref, key, kind, heading)
                tops[key] = entry
                entries.append(entry)
            entry.units += 1
    return entries
