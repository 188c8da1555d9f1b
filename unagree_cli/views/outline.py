"""The views of structure: the table of contents (``unagree toc``) and the treaty sets (``unagree list``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..render import Labels, Output, render_rows
from . import styles
from .table import Column

if TYPE_CHECKING:  # not imported at run time: toc must not load the search index's modules
    from ..index import SetEntry
    from ..outline import Entry


def show_outline(
    out: Output, fmt: str, entries: list[Entry], langs: Sequence[str], labels: Labels, with_doc: bool
) -> None:
    """Documents and their top-level parts, with whole headings in every format."""

    def ref(entry: Entry) -> str:
        return f"{entry.doc}:{entry.ref}" if with_doc and entry.kind != "document" else entry.ref

    columns: list[Column[Entry]] = [Column("Ref", ref, whole=True, style=styles.REF)]
    columns += [Column(labels.language(code), _heading_in(code)) for code in langs]
    render_rows(out, fmt, entries, columns, langs)


def _heading_in(lang: str) -> Callable[[Entry], str]:
    return lambda entry: str(entry.heading.get(lang, ""))


def show_sets(out: Output, fmt: str, entries: list[SetEntry]) -> None:
    """The treaty sets of a corpus, by the name ``--treaty`` takes."""
    langs = list(dict.fromkeys(lang for entry in entries for lang in entry.languages))
    columns: list[Column[SetEntry]] = [
        Column("Treaty set", lambda e: e.name, whole=True, style=styles.REF),
        Column("Languages", lambda e: ",".join(e.languages), whole=True),
        Column("Documents", lambda e: ",".join(e.documents), whole=True),
        Column("Units", lambda e: str(e.units), whole=True),
        Column("Problems", lambda e: str(len(e.problems)) if e.problems else "-", whole=True),
        Column("Title", lambda e: next((str(e.title[lang]) for lang in langs if e.title.get(lang)), "")),
    ]
    broken = sum(1 for entry in entries if entry.problems)
    caption = f"{len(entries)} treaty {'set' if len(entries) == 1 else 'sets'}"
    if broken:
        caption += f", {broken} with problems (see 'unagree validate')"
    render_rows(out, fmt, entries, columns, langs, caption=caption)
