"""The view of deontic statements (``unagree obligations``) in every format."""

from __future__ import annotations

from typing import Any

from ..obligations.listing import Listing, PartyRow, pairs_in, plain_row, records, summary, table_rows
from ..render import Labels, Output, render_rows
from . import styles
from .table import Column


def show_listing(out: Output, fmt: str, listing: Listing, labels: Labels) -> None:
    """Statements grouped by party and modality (table), one per line (plain), or records (data formats)."""
    treaty = listing.treaty
    langs = treaty.languages
    if listing.differences:
        rows = listing.differences
        columns: list[Column[Any]] = [
            Column("Ref", lambda r: f"{r['doc']}:{r['ref']}", whole=True, style=styles.REF),
            *(Column(labels.language(c), pairs_in(c)) for c in ("en", "zh")),
        ]
        caption = f"{len(rows)} {'unit' if len(rows) == 1 else 'units'} where the analyses differ"
        render_rows(out, fmt, rows, columns, ["en", "zh"], caption)
    elif fmt in ("json", "jsonl", "csv"):
        render_rows(out, fmt, [], [], langs, data=records(treaty, listing.statements))
    elif fmt == "table":
        table: list[Column[PartyRow]] = [
            Column("Ref", lambda r: r.ref, whole=True, style=styles.REF),
            Column("Who", lambda r: r.statement.actor),
            Column("Action", lambda r: r.statement.action),
        ]
        if listing.other:
            table.append(Column(labels.language(listing.other), lambda r: r.other))
        rows_ = table_rows(treaty, listing.statements, listing.choice, listing.other, listing.with_doc)
        caption = summary(listing.statements, treaty, listing.choice)
        render_rows(out, fmt, rows_, table, langs, caption, group=lambda r: r.group)
    else:
        keys = ("ref", "parties", "modality", "marker", "actor", "action")
        lines = [plain_row(s, listing.with_doc) for s in listing.statements]
        render_rows(out, fmt, lines, [Column(k.title(), _key(k)) for k in keys], langs)


def _key(key: str) -> Any:
    return lambda row: str(row[key])
