"""The view of search hits: a unit's heading and text in one language, its hits marked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .. import highlight
from ..highlight import Span
from . import styles
from .table import Column


def hit_text(row: dict[str, Any], lang: str) -> tuple[str, list[Span]]:
    """A hit (as ``Hit.to_dict``) in ``lang`` as one string, heading then text, and its hit spans."""
    heading = (row.get("heading") or {}).get(lang, "")
    text = row["text"].get(lang, "")
    offset = len(heading) + 1 if heading and text else 0
    whole = f"{heading}\n{text}" if heading and text else heading or text
    spans = [
        Span(m["start"], m["end"], highlight.HIT)
        if m["field"] == "heading"
        else Span(m["start"] + offset, m["end"] + offset, highlight.HIT)
        for m in row.get("matches", [])
        if m["lang"] == lang
    ]
    return whole, spans


def hit_columns(
    languages: Sequence[str], title: Callable[[str], str], treaty_column: bool = False
) -> list[Column[Any]]:
    """Columns of a hit table: (treaty set,) ``doc:ref``, then each language with its hits marked."""
    columns: list[Column[Any]] = []
    if treaty_column:
        columns.append(Column("Treaty set", lambda row: str(row["treaty"]), whole=True, style=styles.REF))
    columns.append(Column("Ref", lambda row: f"{row['doc']}:{row['ref']}", whole=True, style=styles.REF))
    for code in languages:
        columns.append(Column(title(code), _text(code), spans=_spans(code)))
    return columns


def hit_whole(row: dict[str, Any], lang: str) -> str:
    """:func:`hit_text` without the spans: heading then text (what plain output prints)."""
    heading = (row.get("heading") or {}).get(lang, "")
    text: str = row["text"].get(lang, "")
    return f"{heading}\n{text}" if heading and text else heading or text


def _text(code: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: hit_whole(row, code)


def _spans(code: str) -> Callable[[dict[str, Any]], list[Span]]:
    return lambda row: hit_text(row, code)[1]
