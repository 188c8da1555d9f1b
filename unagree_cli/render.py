"""The view layer's formats: every result shape as table, plain text, JSON, JSON lines, CSV and Markdown.

Commands hand typed results to one function per shape: :func:`render_units` (units of text),
:func:`render_rows` (rows under typed :class:`~unagree_cli.views.table.Column` accessors) and
:func:`render_annotated` (units with notes under each, the shape of ``diff``). Tables are drawn by
:mod:`unagree_cli.views.table` (no rich): a whole table is built as one string and written once.
Human formats (table, plain, md) make control characters visible; data formats (json, jsonl, csv) keep
the text exact, JSON with control characters escaped. Whatever is written to a terminal has them made
visible.
"""

from __future__ import annotations

import functools
import io
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .highlight import Span
from .model import Record
from .views import FORMATS, styles
from .views.env import UNSAFE as _UNSAFE
from .views.env import Environment, PipeClosed, ProgressBar, harmless, message, visible
from .views.table import Cell, Column, StyledSpan, cell, column_widths, draw_cells, draw_table, grid, text_lines

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at start-up: see fastclass
    from .fastclass import dataclass

__all__ = [
    "FORMATS",
    "Column",
    "Environment",
    "Labels",
    "Note",
    "Output",
    "PipeClosed",
    "ProgressBar",
    "message",
    "render_annotated",
    "render_rows",
    "render_units",
    "visible",
]

CSV_LIST_SEPARATOR = ";"

Output = Environment
"""The former name of :class:`~unagree_cli.views.env.Environment`."""

UnitSpans = Callable[[Record, str], Sequence[Span]]
"""Highlight spans of a record's text in a language (offsets into ``record.text[lang]``)."""


@dataclass
class Labels:
    """Per-language labels from the treaty set (``Article {n}``, ``第{n_zh}条``)."""

    table: dict[str, dict[str, str]]
    number_to_zh: Callable[[str], str]

    def get(self, lang: str, key: str, num: str | None = None) -> str:
        """A label with control characters made visible (labels are corpus data too)."""
        template = self.table.get(lang, {}).get(key, key)
        if num is None:
            return visible(template)
        return _filled(template, lang, num)

    def language(self, lang: str) -> str:
        return visible(self.table.get(lang, {}).get("language", lang))

    def unit_label(self, record: Record, lang: str) -> str:
        """The number as printed before a unit's text: ``Article 5``, ``2.``, ``(a)``."""
        if record.kind == "article" and record.num:
            return self.get(lang, "article", record.num)
        if record.kind in ("paragraph", "intro") and record.num:
            return self.get(lang, "paragraph", record.num)
        if record.kind == "point" and record.num:
            return self.get(lang, "point", record.num)
        return ""


@functools.lru_cache(maxsize=1024)
def _filled(template: str, lang: str, num: str) -> str:
    """A label template filled in and made visible: once per label, not once per unit ("1." to "80."
    in every article)."""
    from .labels import format_label

    return visible(format_label(template, lang, num))


def record_dicts(records: Iterable[Any]) -> Iterable[dict[str, Any]]:
    """Typed results as the dicts the data formats print (each result type has ``to_dict``)."""
    return (r if isinstance(r, dict) else r.to_dict() for r in records)


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON, UTF-8 (no ``\\u`` escapes) except for control characters.

    ``json.dumps`` escapes C0 controls only; DEL, C1 controls and bidi
    controls become ``\\uXXXX`` too, so JSON on a terminal is safe and still
    decodes to the exact text.
    """
    from .views.jsontext import dumps

    text = dumps(value, indent)
    return text if harmless(text) else _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(out: Output, rows: Iterable[dict[str, Any]]) -> None:
    """A JSON array, UTF-8 (no ``\\u`` escapes), written as it is produced."""
    first = True
    out.write("[")
    for row in rows:
        out.write(("\n  " if first else ",\n  ") + json_text(row, indent=2).replace("\n", "\n  "))
        first = False
    out.write("\n]\n" if not first else "]\n")


def write_jsonl(out: Output, rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        out.write(json_text(row) + "\n")


def _csv_value(value: Any) -> str:
    """A CSV cell: lists of words joined with ``;`` (``UN;IOM``), other nested data as JSON."""
    if value is None:
        return ""
    if isinstance(value, list) and all(not isinstance(v, (list, dict)) for v in value):
        return CSV_LIST_SEPARATOR.join("" if v is None else str(v) for v in value)
    if isinstance(value, (list, dict)):
        from .views.jsontext import dumps

        return dumps(value)
    return str(value)


def flatten(row: dict[str, Any], langs: Sequence[str]) -> dict[str, str]:
    """One CSV row: language maps become ``text_en``, ``text_zh`` columns; lists are joined with ``;``."""
    flat: dict[str, str] = {}
    for key, value in row.items():
        if isinstance(value, dict) and (not value or any(lang in value for lang in langs)):
            for lang in langs:
                flat[f"{key}_{lang}"] = _csv_value(value.get(lang, ""))
        else:
            flat[key] = _csv_value(value)
    return flat


def write_csv(out: Output, rows: Iterable[dict[str, Any]], langs: Sequence[str]) -> None:
    import csv

    flat_rows = [flatten(row, langs) for row in rows]
    columns: list[str] = []
    for row in flat_rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in flat_rows:
        writer.writerow(row)
    # CSV cannot escape; exact text is for pipes and files, a terminal gets it made visible
    out.write(visible(buffer.getvalue()) if out.is_tty else buffer.getvalue())


def write_data(out: Output, fmt: str, rows: Iterable[Any], langs: Sequence[str]) -> bool:
    """Write the data formats; return False for a human format the caller draws."""
    rows = record_dicts(rows)
    if fmt == "json":
        write_json(out, rows)
    elif fmt == "jsonl":
        write_jsonl(out, rows)
    elif fmt == "csv":
        write_csv(out, rows, langs)
    else:
        return False
    return True


# ---------------------------------------------------------------- units


def _indent(record: Record) -> str:
    return "    " if record.kind in ("point", "wrapup") else ""


def footnotes_in(record: Record, lang: str) -> list[tuple[str, str]]:
    """(marker, text) of the footnotes attached to a unit, in ``lang``."""
    return [(n["marker"], n["text"][lang]) for n in record.extra.get("footnotes", []) if lang in n["text"]]


def unit_line(record: Record, lang: str, labels: Labels) -> str:
    """One unit in one language as a line of plain text (control characters made visible)."""
    label = labels.unit_label(record, lang)
    text = visible(record.text.get(lang, ""))
    for marker, note in footnotes_in(record, lang):
        text += f" [{marker}]\n{_indent(record)}[{marker}] {visible(note)}"
    if record.kind == "article":
        heading = visible((record.heading or {}).get(lang, ""))
        head = f"{label}  {heading}".rstrip()
        return head + (f"\n{text}" if text else "")
    return _indent(record) + (f"{label} {text}" if label else text)


def units_plain(records: list[Record], langs: Sequence[str], labels: Labels) -> str:
    blocks = []
    for record in records:
        lines = [
            unit_line(record, lang, labels)
            for lang in langs
            if lang in record.text or (record.heading and lang in record.heading)
        ]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_#|<>\[\]])", r"\\\1", visible(text))


def units_markdown(records: list[Record], langs: Sequence[str], labels: Labels) -> str:
    parts: list[str] = []
    for record in records:
        if record.kind == "article":
            headings = [
                f"{labels.unit_label(record, lang)} {_md_escape((record.heading or {}).get(lang, ''))}".strip()
                for lang in langs
                if record.heading and lang in record.heading
            ]
            parts.append(f'<a id="{record.eid}"></a>\n\n### ' + " / ".join(headings))
        for lang in langs:
            text = record.text.get(lang)
            if not text:
                continue
            label = labels.unit_label(record, lang) if record.kind != "article" else ""
            prefix = "    " if record.kind in ("point", "wrapup") else ""
            lead = f"**{_md_escape(label)}** " if label else ""
            parts.append(
                f"{prefix}{lead}{_md_escape(text)}".replace("    ", "> ", 1) if prefix else f"{lead}{_md_escape(text)}"
            )
    return "\n\n".join(parts) + "\n" if parts else ""


def render_units(
    out: Output,
    fmt: str,
    records: list[Record],
    langs: Sequence[str],
    labels: Labels,
    spans: UnitSpans | None = None,
) -> None:
    """Show units: the shape of ``unagree show``; ``spans`` marks words (deontic words, hits) in tables."""
    if write_data(out, fmt, records, langs):
        return
    if fmt == "plain":
        out.write(units_plain(records, langs, labels))
    elif fmt == "md":
        out.write(units_markdown(records, langs, labels))
    else:
        out.write_raw(units_table(records, langs, labels, out.width, out.color_mode, spans))


SIDE_BY_SIDE_MIN_WIDTH = 100
"""Below this width the languages of a unit are stacked in one column rather than side by side."""


def unit_cell_parts(
    record: Record, lang: str, labels: Labels, spans: UnitSpans | None
) -> tuple[str, list[StyledSpan | Span]]:
    """A unit in one language as raw cell text and its spans: the label in bold, highlights, footnotes."""
    label = labels.unit_label(record, lang)
    found: list[StyledSpan | Span] = []
    if record.kind == "article":
        heading = (record.heading or {}).get(lang, "")
        head = f"{label}  {heading}".strip()
        body = record.text.get(lang, "")
        text = head + ("\n" + body if body else "")
        found.append((0, len(head), styles.LABEL))
        shift = len(head) + 1
    else:
        lead = label + " " if label else ""
        text = lead + record.text.get(lang, "")
        if label:
            found.append((0, len(label), styles.LABEL))
        shift = len(lead)
    if spans is not None:
        found += [Span(s.start + shift, s.end + shift, s.kind, s.note) for s in spans(record, lang)]
    for marker, note in footnotes_in(record, lang):
        mark = f" [{marker}]"
        found.append((len(text), len(text) + len(mark), styles.DIM))
        text += mark
        line = f"\n[{marker}] {note}"
        found.append((len(text), len(text) + len(line), styles.DIM))
        text += line
    return text, found


def _joined(parts: Sequence[tuple[str, list[StyledSpan | Span]]]) -> tuple[str, list[StyledSpan | Span]]:
    text = ""
    found: list[StyledSpan | Span] = []
    for raw, spans in parts:
        if text:
            text += "\n"
        shift = len(text)
        found += [
            Span(s.start + shift, s.end + shift, s.kind, s.note)
            if isinstance(s, Span)
            else (s[0] + shift, s[1] + shift, s[2])
            for s in spans
        ]
        text += raw
    return text, found


def units_table(
    records: list[Record], langs: Sequence[str], labels: Labels, width: int, mode: str, spans: UnitSpans | None = None
) -> str:
    """Units as a table: languages side by side on a wide terminal, stacked in one column on a narrow one."""
    present = [lang for lang in langs if any(lang in r.text for r in records)]
    side_by_side = len(present) > 1 and width >= SIDE_BY_SIDE_MIN_WIDTH
    Row = tuple[Record, list[tuple[str, list[StyledSpan | Span]]]]
    rows: list[Row] = [
        (r, [unit_cell_parts(r, lang, labels, spans) if lang in r.text else ("—", []) for lang in present])
        for r in records
    ]
    columns: list[Column[Row]] = [Column("Ref", lambda row: row[0].ref, whole=True, style=styles.REF)]
    if side_by_side:
        for index, lang in enumerate(present):
            columns.append(_part_column(labels.language(lang), index))
    else:
        title = " / ".join(labels.language(lang) for lang in present) or "Text"
        columns.append(
            Column(
                title,
                lambda row: _joined([p for p in row[1] if p[0] != "—"])[0],
                spans=lambda row: _joined([p for p in row[1] if p[0] != "—"])[1],
            )
        )
    lines = draw_table(rows, columns, width, mode)
    marked = _kinds(found for _, parts in rows for _, found in parts)
    return _lines(lines + (["", *styles.legend(marked, width, mode)] if marked else []), width)


def _kinds(groups: Iterable[Sequence[StyledSpan | Span]]) -> set[str]:
    """The kinds of the highlight spans among ``groups`` (the styled spans of labels are not highlights)."""
    return {s.kind for spans in groups for s in spans if isinstance(s, Span) and s.end > s.start}


def _part_column(title: str, index: int) -> Column[Any]:
    return Column(title, lambda row: row[1][index][0], spans=lambda row: row[1][index][1])


def _lines(lines: Sequence[str], width: int | None = None) -> str:
    """The table's lines as text; with ``width``, a line still wider than the terminal is wrapped (see fit)."""
    if width is not None:
        from .views.table import fit

        lines = fit(lines, width)
    return "".join(line + "\n" for line in lines)


# ---------------------------------------------------------------- rows


def rows_plain(rows: Iterable[Any], columns: Sequence[Column[Any]]) -> str:
    """Tab-separated lines with no header: friendly to cut, sort and awk."""
    getters = [c.get for c in columns]
    lines = ["\t".join([get(row).replace("\t", " ").replace("\n", " ") for get in getters]) for row in rows]
    return visible("\n".join(lines)) + ("\n" if lines else "")  # control characters made visible, all at once


def rows_markdown(rows: Iterable[Any], columns: Sequence[Column[Any]]) -> str:
    head = "| " + " | ".join(_md_escape(c.title) for c in columns) + " |\n|" + "---|" * len(columns) + "\n"
    body = "".join(
        "| " + " | ".join(_md_escape(c.get(row)).replace("\n", "<br>") for c in columns) + " |\n" for row in rows
    )
    return head + body


def rows_table(
    rows: Sequence[Any],
    columns: Sequence[Column[Any]],
    width: int,
    mode: str,
    caption: str | None = None,
    *,
    group: Callable[[Any], str] | None = None,
) -> str:
    """A table, or with ``group`` one titled table per run of rows of the same group, and a caption."""
    cells: list[Sequence[Cell]] = [[column.cell(row, mode) for column in columns] for row in rows]
    runs: list[tuple[str, list[Sequence[Cell]]]] = [("", cells)]
    if group:
        keyed = itertools.groupby(zip(rows, cells, strict=True), key=lambda pair: group(pair[0]))
        runs = [(key, [c for _, c in members]) for key, members in keyed]
    shared = column_widths(columns, cells, width) if group else None  # one layout for every group
    lines: list[str] = []
    for index, (title, members) in enumerate(runs):
        if index:
            lines.append("")
        lines += draw_cells(members, columns, width, mode, title=title or None, layout=shared)
    if caption:
        lines.append("")
        lines += text_lines(caption, width, mode, styles.DIM)
    return _lines(lines, width)


def render_rows(
    out: Output,
    fmt: str,
    rows: Sequence[Any],
    columns: Sequence[Column[Any]],
    langs: Sequence[str],
    caption: str | None = None,
    *,
    group: Callable[[Any], str] | None = None,
    data: Iterable[Any] | None = None,
) -> None:
    """Rows of any typed result in every format: ``data`` (default: the rows) is what json/jsonl/csv print."""
    if write_data(out, fmt, rows if data is None else data, langs):
        return
    if fmt == "plain":
        out.write(rows_plain(rows, columns))
    elif fmt == "md":
        out.write(rows_markdown(rows, columns))
    else:
        out.write_raw(rows_table(rows, columns, out.width, out.color_mode, caption, group=group))


# ---------------------------------------------------------------- annotated units


@dataclass
class Note:
    """A remark printed under a record, such as a finding under an aligned pair."""

    label: str  # a short tag printed in the reference column: "error", "warning"
    text: str
    style: str | None = None  # a severity ("error", "warning", "info") or a style name


NoteSource = Callable[[Record], Sequence[Note]]


def render_annotated(
    out: Output,
    fmt: str,
    records: list[Record],
    langs: Sequence[str],
    labels: Labels,
    notes: NoteSource,
    ref: Callable[[Record], str] | None = None,
    footer: Sequence[str] = (),
    spans: UnitSpans | None = None,
) -> None:
    """Records side by side with notes under each (the shape of ``unagree diff``).

    Data formats print the records' dicts (with whatever ``extra`` holds); the footer lines follow the
    human formats only. ``spans`` marks words in the table (the words behind a finding).
    """
    if write_data(out, fmt, records, langs):
        return
    show_ref = ref or (lambda record: record.ref)
    if fmt == "plain":
        out.write(annotated_plain(records, langs, labels, notes, show_ref, footer))
    elif fmt == "md":
        out.write(annotated_markdown(records, langs, labels, notes, show_ref, footer))
    else:
        out.write_raw(
            annotated_table(records, langs, labels, notes, show_ref, footer, out.width, out.color_mode, spans)
        )


def annotated_plain(
    records: list[Record],
    langs: Sequence[str],
    labels: Labels,
    notes: NoteSource,
    ref: Callable[[Record], str],
    footer: Sequence[str],
) -> str:
    """A block per record: its reference, a line per language, then ``  label  note`` lines."""
    blocks = []
    for record in records:
        lines = [visible(ref(record))]
        lines += [unit_line(record, lang, labels) for lang in langs if lang in record.text]
        lines += [f"  {note.label}  {visible(note.text)}" for note in notes(record)]
        blocks.append("\n".join(lines))
    if footer:
        blocks.append("\n".join(visible(line) for line in footer))
    return "\n\n".join(blocks) + "\n" if blocks else ""


def annotated_markdown(
    records: list[Record],
    langs: Sequence[str],
    labels: Labels,
    notes: NoteSource,
    ref: Callable[[Record], str],
    footer: Sequence[str],
) -> str:
    parts = []
    for record in records:
        body = units_markdown([record], langs, labels).rstrip("\n")
        items = "\n".join(f"- **{_md_escape(note.label)}** {_md_escape(note.text)}" for note in notes(record))
        parts.append("\n\n".join(p for p in (f"`{visible(ref(record))}`", body, items) if p))
    if footer:
        parts.append("```\n" + "\n".join(visible(line) for line in footer) + "\n```")
    return "\n\n".join(parts) + "\n" if parts else ""


def annotated_table(
    records: list[Record],
    langs: Sequence[str],
    labels: Labels,
    notes: NoteSource,
    ref: Callable[[Record], str],
    footer: Sequence[str],
    width: int,
    mode: str,
    spans: UnitSpans | None = None,
) -> str:
    """Each record as a row of fixed-width columns, its notes under it across the full width.

    Every row uses the same column widths, so the languages stay aligned from one pair to the next.
    On a narrow terminal the languages stack in one column; narrower still, the reference goes on a
    line of its own. Built as one string.
    """
    from .views.table import GAP, MIN_TEXT
    from .views.text import cell_width, longest_atom_over

    present = [lang for lang in langs if any(lang in r.text for r in records)]
    all_notes = [list(notes(record)) for record in records]
    refs = [visible(ref(r)) for r in records]
    ref_width = max([3, *(cell_width(r) for r in refs), *(len(n.label) for ns in all_notes for n in ns)])
    parts = [
        [unit_cell_parts(r, lang, labels, spans) if lang in r.text else ("—", []) for lang in present] for r in records
    ]
    least = max((longest_atom_over(text, MIN_TEXT) for row in parts for text, _ in row), default=MIN_TEXT)
    side = (
        len(present) > 1
        and width >= SIDE_BY_SIDE_MIN_WIDTH
        and (width - ref_width - GAP * len(present)) // len(present) >= least
    )
    columns = len(present) if side else 1
    text_width = (width - ref_width - GAP * columns) // columns if present else 0
    ref_line = text_width < least  # no room beside the reference: it takes a line of its own
    if ref_line:
        text_width = width
    lines: list[str] = []
    if present and not ref_line:
        titles = [labels.language(lang) for lang in present]
        shown = titles if side else [" / ".join(titles)]
        header = [Cell(visible(t), (), styles.HEADER) for t in ["Ref", *shown]]
        lines += grid([header], [ref_width] + [text_width] * columns, mode)[0]
        lines.append(styles.RULE.draw("─" * min(width, ref_width + (text_width + GAP) * columns), mode))
    for record, shown_ref, row_parts, record_notes in zip(records, refs, parts, all_notes, strict=True):
        ref_cell = Cell(shown_ref, (), styles.REF)
        real = [p for lang, p in zip(present, row_parts, strict=True) if lang in record.text]
        cells = [cell(text, found, mode) for text, found in (row_parts if side else [_joined(real)])]
        if ref_line:
            lines.append(styles.REF.draw(shown_ref, mode))
            for c in cells:
                lines += grid([[c]], [width], mode)[0]
        else:
            lines += grid([[ref_cell, *cells]], [ref_width] + [text_width] * columns, mode)[0]
        if record_notes:
            note_width = max(1, width - ref_width - GAP)
            for note in record_notes:
                style = (
                    styles.SEVERITY.get(note.style or note.label)
                    or styles.named(note.style or "")
                    or styles.SEVERITY.get(note.label, styles.LABEL)
                )
                label = Cell(visible(note.label), (), style)
                if note_width < least:
                    lines.append(style.draw(visible(note.label), mode))
                    lines += grid([[cell(note.text, (), mode)]], [width], mode)[0]
                else:
                    lines += grid([[label, cell(note.text, (), mode)]], [ref_width, note_width], mode)[0]
        lines.append("")
    marked = _kinds(found for row in parts for _, found in row)
    if marked:
        lines += [*styles.legend(marked, width, mode), ""]
    for line in footer:
        safe = visible(line)
        lines += [safe] if cell_width(safe) <= width else text_lines(line, width, mode)
    return _lines(lines, width)
