"""The view of the glossary counted in the corpus (``unagree terms``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..render import Labels, Output, render_rows
from .table import Column

Row = dict[str, Any]
LOOK_AT = (("variant", "variants_at"), ("deprecated", "deprecated_at"), ("counts differ", "mismatches"))


def show_terms(out: Output, fmt: str, rows: list[Row], langs: Sequence[str], labels: Labels) -> None:
    """Each term, its counterpart, variants, counts per language, and the units to look at."""
    columns: list[Column[Row]] = [Column(labels.language(c), _in_lang("term", c)) for c in langs]
    columns.append(Column("Variants", lambda row: "; ".join(v for c in langs for v in row["variants"].get(c, []))))
    columns += [Column(f"n {c}", _in_lang("counts", c), whole=True) for c in langs]
    columns.append(Column("Look at", look_at))
    render_rows(out, fmt, rows, columns, langs)


def look_at(row: Row) -> str:
    """``variant: agreement:3.4, ...`` lines: the units that use a variant, a deprecated form, other counts."""
    return "\n".join(
        f"{label}: " + ", ".join(f"{item['doc']}:{item['ref']}" for item in row[key])
        for label, key in LOOK_AT
        if row[key]
    )


def _in_lang(key: str, code: str) -> Callable[[Row], str]:
    return lambda row: str(row[key].get(code, ""))
