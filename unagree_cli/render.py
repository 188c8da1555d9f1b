"""Turning records into output: table, plain text, JSON, JSON lines, CSV, Markdown.

This is the only module that imports rich, and only when a table is drawn.
Human formats (table, plain, md) make control characters visible; data
formats (json, jsonl, csv) keep the text exact, JSON with control characters
escaped. Whatever is written to a terminal has them made visible.
"""

from __future__ import annotations

import functools
import io
import itertools
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import field
from typing import IO, TYPE_CHECKING, Any

from .model import Record

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at start-up: see fastclass
    from .fastclass import dataclass

FORMATS = ("table", "plain", "json", "jsonl", "csv", "md")

# C0 and C1 controls except tab and newline, DEL, and the Unicode bidi
# embedding/override/isolate controls that can reorder what a terminal shows.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """Replace control characters with a visible escape (ESC -> ``\\x1b``)."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


# The same, except ESC when it starts a colour or style (SGR) sequence.
_UNSAFE_BUT_SGR = re.compile(
    "\x1b(?!\\[[0-9;]*m)|[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class PipeClosed(Exception):
    """The reader of our output went away (``unagree toc | head -1``).

    Not an ``OSError``, so no framework in between turns it into exit 1.
    """


class GuardedStream:
    """A text stream whose broken-pipe errors become :class:`PipeClosed`.

    Rich writes through it, so it also makes visible any control character
    but the colour codes Rich emits: a safety net under :func:`visible`.
    """

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(_UNSAFE_BUT_SGR.sub(_escape, text))
        except BrokenPipeError:
            raise PipeClosed from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise PipeClosed from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@dataclass
class Output:
    """Where and how to write: injected so tests can pin width, colour and TTY."""

    stream: IO[str] = field(default_factory=lambda: sys.stdout)
    is_tty: bool = False
    width: int = 80
    no_color: bool = False
    force_color: bool = False

    @classmethod
    def from_env(cls, stream: IO[str] | None = None, environ: dict[str, str] | None = None) -> Output:
        env = os.environ if environ is None else environ
        stream = stream or sys.stdout
        try:
            is_tty = stream.isatty()
        except (AttributeError, ValueError):
            is_tty = False
        width = 0
        for name in ("COLUMNS", "TERMINAL_WIDTH"):
            value = env.get(name, "")
            if value.isdigit() and int(value) > 0:
                width = int(value)
                break
        if not width:
            width = shutil.get_terminal_size((80, 24)).columns if is_tty else 80
        return cls(
            stream=stream,
            is_tty=is_tty,
            width=max(20, min(width, 1000)),
            no_color=bool(env.get("NO_COLOR")) or env.get("TERM") == "dumb",
            force_color=bool(env.get("FORCE_COLOR")) and not env.get("NO_COLOR"),
        )

    def default_format(self) -> str:
        return "table" if self.is_tty else "plain"

    def write(self, text: str) -> None:
        if self.is_tty:  # data stays exact in pipes and files; a terminal never gets raw control characters
            text = visible(text)
        try:
            self.stream.write(text)
        except BrokenPipeError:
            raise PipeClosed from None

    def console(self) -> Any:
        from rich.console import Console

        return Console(
            file=GuardedStream(self.stream),  # type: ignore[arg-type]
            width=self.width,
            height=25,  # with a height, rich keeps the width even for TERM=dumb
            no_color=self.no_color,
            force_terminal=self.force_color or None,
            color_system=None if self.no_color else "auto",
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=False,
        )


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
        from .labels import format_label

        return visible(format_label(template, lang, num))

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


def record_dicts(records: Iterable[Record]) -> Iterable[dict[str, Any]]:
    return (r.to_dict() for r in records)


def json_text(value: Any, indent: int | None = None) -> str:
    """JSON, UTF-8 (no ``\\u`` escapes) except for control characters.

    ``json.dumps`` escapes C0 controls only; DEL, C1 controls and bidi
    controls become ``\\uXXXX`` too, so JSON on a terminal is safe and still
    decodes to the exact text.
    """
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False, indent=indent))


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


def flatten(row: dict[str, Any], langs: Sequence[str]) -> dict[str, str]:
    """One CSV row: language maps become ``text_en``, ``text_zh`` columns."""
    flat: dict[str, str] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for lang in langs:
                item = value.get(lang, "")
                nested = isinstance(item, (list, dict))
                flat[f"{key}_{lang}"] = json.dumps(item, ensure_ascii=False) if nested else str(item)
        elif isinstance(value, list):
            flat[key] = json.dumps(value, ensure_ascii=False)
        else:
            flat[key] = "" if value is None else str(value)
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


def write_data(out: Output, fmt: str, rows: Iterable[dict[str, Any]], langs: Sequence[str]) -> bool:
    """Write the data formats; return False for a human format the caller draws."""
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


def render_units(out: Output, fmt: str, records: list[Record], langs: Sequence[str], labels: Labels) -> None:
    """Show units: the shape of ``unagree show``."""
    if write_data(out, fmt, record_dicts(records), langs):
        return
    if fmt == "plain":
        out.write(units_plain(records, langs, labels))
    elif fmt == "md":
        out.write(units_markdown(records, langs, labels))
    else:
        units_table(out, records, langs, labels)


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


# Languages written without spaces between words. Rich wraps only at spaces
# and moves a long "word" to a new line before folding it, so cells in these
# languages use a Text that may break between any two characters.
FOLDING_LANGS = frozenset({"zh", "ja", "ko", "th"})
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef\u3000-\u303f"


@functools.cache
def _breakable() -> re.Pattern[str]:
    """Where a line may break; compiled on first use (the CJK ranges cost ~4 ms, too much for every start-up)."""
    # a CJK character keeps the closing punctuation after it (no line starts with "，")
    return re.compile(rf"[{_CJK}][，。；：、）》」』”’！？]*|\s*[^\s{_CJK}]+\s*|\s+")


def cjk_breaks(line: str, width: int) -> list[int]:
    """Offsets to break ``line`` at so each piece fits ``width`` cells.

    Every CJK character is a place to break; Latin runs break at spaces and
    fold only when longer than a whole line.
    """
    from rich.cells import cell_len

    breaks: list[int] = []
    used = 0
    for match in _breakable().finditer(line):
        token = match.group()
        lead = len(token) - len(token.lstrip())  # a new line starts at the word, not its space
        start = match.start() + lead
        if used + cell_len(token.rstrip()) <= width:
            used += cell_len(token)
            continue
        if used and start:
            breaks.append(start)
        used = 0
        word = token[lead:]
        if cell_len(word.rstrip()) > width:  # a Latin run longer than a line: fold it by cells
            position = start
            for char in word:
                size = cell_len(char)
                if used + size > width and position and not char.isspace():
                    breaks.append(position)
                    used = 0
                used += size
                position += 1
            continue
        used = cell_len(word)
    return breaks


_FOLDING_TEXT: Any = None


def text_for(lang: str | None) -> Any:
    """An empty rich Text that wraps well for ``lang`` (CJK breaks anywhere, never truncated)."""
    global _FOLDING_TEXT
    from rich.text import Text

    if lang not in FOLDING_LANGS:
        return Text(overflow="fold")
    if _FOLDING_TEXT is None:
        from rich.containers import Lines
        from rich.measure import Measurement

        class FoldingText(Text):
            def wrap(self, console: Any, width: int, **kwargs: Any) -> Lines:
                lines = Lines()
                for line in self.split(allow_blank=True):
                    pieces = line.divide(cjk_breaks(line.plain, width))
                    for piece in pieces:
                        piece.rstrip_end(width)
                        piece.truncate(width, overflow="fold")
                    lines.extend(pieces)
                return lines

            def __rich_measure__(self, console: Any, options: Any) -> Measurement:
                from rich.cells import cell_len

                plain = self.plain
                longest = max((cell_len(t.strip()) for t in _breakable().findall(plain)), default=1)
                widest = max((cell_len(line) for line in plain.splitlines()), default=0)
                return Measurement(min(longest, options.max_width), min(widest, options.max_width))

        _FOLDING_TEXT = FoldingText
    return _FOLDING_TEXT(overflow="fold")


def _cell(record: Record, lang: str, labels: Labels) -> Any:
    text = text_for(lang)
    if record.kind == "article":
        heading = visible((record.heading or {}).get(lang, ""))
        text.append(f"{labels.unit_label(record, lang)}  {heading}".strip(), style="bold")
        body = visible(record.text.get(lang, ""))
        if body:
            text.append("\n" + body)
        return text
    label = labels.unit_label(record, lang)
    if label:
        text.append(label + " ", style="bold")
    text.append(visible(record.text.get(lang, "")))
    for marker, note in footnotes_in(record, lang):
        text.append(f" [{marker}]", style="dim")
        text.append(f"\n[{marker}] {visible(note)}", style="dim")
    return text


SIDE_BY_SIDE_MIN_WIDTH = 100


def units_table(out: Output, records: list[Record], langs: Sequence[str], labels: Labels) -> None:
    """A Rich table: languages side by side on a wide terminal, stacked on a narrow one."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    present = [lang for lang in langs if any(lang in r.text for r in records)]
    side_by_side = len(present) > 1 and out.width >= SIDE_BY_SIDE_MIN_WIDTH
    table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=True, pad_edge=False)
    table.add_column("Ref", no_wrap=True, overflow="fold", style="cyan", min_width=4)
    if side_by_side:
        for lang in present:
            table.add_column(labels.language(lang), overflow="fold", ratio=1)
    else:
        table.add_column(" / ".join(labels.language(lang) for lang in present) or "Text", overflow="fold", ratio=1)
    for record in records:
        cells = [_cell(record, lang, labels) for lang in present if lang in record.text]
        if side_by_side:
            row = [_cell(record, lang, labels) if lang in record.text else Text("—", style="dim") for lang in present]
        else:
            stacked = text_for(next((lang for lang in present if lang in FOLDING_LANGS), None))
            for index, cell in enumerate(cells):
                stacked.append_text(Text("\n") + cell if index else cell)
            row = [stacked]
        table.add_row(Text(record.ref), *row)
    out.console().print(table)


# ---------------------------------------------------------------- generic rows


@dataclass
class Column:
    """A column of a generic table: a title and how to get its text from a row."""

    title: str
    get: Callable[[dict[str, Any]], str]
    fold: bool = True
    style: str | None = None
    lang: str | None = None  # the language of the column's text, for wrapping
    highlight: Callable[[dict[str, Any]], Sequence[tuple[int, int]]] | None = None  # (start, end) spans of get(row)


HIGHLIGHT_STYLE = "bold reverse"


def _table_cell(column: Column, row: dict[str, Any]) -> Any:
    """A column's text for one row as a rich Text, its highlight spans styled (never parsed as markup)."""
    value = column.get(row)
    text = text_for(column.lang)
    spans = sorted(column.highlight(row)) if column.highlight else []
    position = 0
    for start, end in spans:
        start = max(start, position)
        if end <= start:
            continue
        text.append(visible(value[position:start]))
        text.append(visible(value[start:end]), style=HIGHLIGHT_STYLE)
        position = end
    text.append(visible(value[position:]))
    return text


def rows_plain(rows: Iterable[dict[str, Any]], columns: Sequence[Column]) -> str:
    """Tab-separated lines with no header: friendly to cut, sort and awk."""
    lines = ["\t".join(visible(c.get(row)).replace("\t", " ").replace("\n", " ") for c in columns) for row in rows]
    return "\n".join(lines) + ("\n" if lines else "")


def rows_markdown(rows: Iterable[dict[str, Any]], columns: Sequence[Column]) -> str:
    head = "| " + " | ".join(_md_escape(c.title) for c in columns) + " |\n|" + "---|" * len(columns) + "\n"
    body = "".join(
        "| " + " | ".join(_md_escape(c.get(row)).replace("\n", "<br>") for c in columns) + " |\n" for row in rows
    )
    return head + body


def _unfolded_fit(width: int, rows: list[dict[str, Any]], columns: Sequence[Column]) -> bool:
    """Whether the columns that never fold leave room for the others (else rich would hide them: COLUMNS=20)."""
    from rich.cells import cell_len

    whole = [c for c in columns if not c.fold]
    needed = sum(max((cell_len(visible(c.get(row))) for row in rows), default=0) for c in whole)
    return needed + 10 * (len(columns) - len(whole)) + 2 * len(columns) <= width


def rows_table(
    out: Output,
    rows: Iterable[dict[str, Any]],
    columns: Sequence[Column],
    caption: str | None = None,
    *,
    group: Callable[[dict[str, Any]], str] | None = None,
) -> None:
    """A Rich table; with ``group``, one titled table per run of rows with the same group."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    rows = list(rows)
    runs = [(key, list(members)) for key, members in itertools.groupby(rows, key=group)] if group else [("", rows)]
    console = out.console()
    for title, members in runs:
        table = Table(
            box=box.SIMPLE_HEAD,
            expand=False,
            pad_edge=False,
            title=Text(visible(title), style="bold") if title else None,
            title_justify="left",
        )
        keep_whole = _unfolded_fit(out.width, members, columns)
        for column in columns:
            no_wrap = not column.fold and keep_whole
            table.add_column(visible(column.title), overflow="fold", no_wrap=no_wrap, style=column.style)
        for row in members:
            table.add_row(*[_table_cell(c, row) for c in columns])
        console.print(table)
    if caption:
        console.print(Text(visible(caption), style="dim"))


def render_rows(
    out: Output,
    fmt: str,
    rows: list[dict[str, Any]],
    columns: Sequence[Column],
    langs: Sequence[str],
    caption: str | None = None,
    *,
    group: Callable[[dict[str, Any]], str] | None = None,
) -> None:
    """Any command's rows in any shared format; ``group`` titles runs of rows in a table."""
    if write_data(out, fmt, rows, langs):
        return
    if fmt == "plain":
        out.write(rows_plain(rows, columns))
    elif fmt == "md":
        out.write(rows_markdown(rows, columns))
    else:
        rows_table(out, rows, columns, caption, group=group)


def message(stream: IO[str], text: str) -> None:
    """A line for the user on stderr (control characters and line breaks made visible)."""
    try:
        stream.write(visible(text).replace("\n", "\\n") + "\n")
        stream.flush()
    except BrokenPipeError:
        raise PipeClosed from None


# ---------------------------------------------------------------- annotated units


@dataclass
class Note:
    """A remark printed under a record, such as a finding under an aligned pair."""

    label: str  # a short tag printed in the reference column: "error", "warning"
    text: str
    style: str | None = None


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
) -> None:
    """Records side by side with notes under each (the shape of ``unagree diff``).

    Data formats print the records' dicts (with whatever ``extra`` holds);
    the footer lines follow the human formats only.
    """
    if write_data(out, fmt, record_dicts(records), langs):
        return
    show_ref = ref or (lambda record: record.ref)
    if fmt == "plain":
        out.write(annotated_plain(records, langs, labels, notes, show_ref, footer))
    elif fmt == "md":
        out.write(annotated_markdown(records, langs, labels, notes, show_ref, footer))
    else:
        annotated_table(out, records, langs, labels, notes, show_ref, footer)


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
    out: Output,
    records: list[Record],
    langs: Sequence[str],
    labels: Labels,
    notes: NoteSource,
    ref: Callable[[Record], str],
    footer: Sequence[str],
) -> None:
    """Each record as a row of fixed-width columns, its notes under it across the full width.

    Every row uses the same column widths, so the languages stay aligned
    from one pair to the next; CJK text folds between characters.
    """
    from rich.table import Table
    from rich.text import Text

    console = out.console()
    present = [lang for lang in langs if any(lang in r.text for r in records)]
    side_by_side = len(present) > 1 and out.width >= SIDE_BY_SIDE_MIN_WIDTH
    columns = len(present) if side_by_side else 1
    all_notes = [list(notes(record)) for record in records]
    refs = [min(len(visible(ref(r))), 24) for r in records]
    ref_width = max([4, *refs, *(len(n.label) for ns in all_notes for n in ns)])
    gap = 2
    text_width = max(10, (out.width - ref_width - gap * columns) // columns)

    def grid(widths: list[int]) -> Any:
        table = Table.grid(padding=(0, gap, 0, 0))
        for width in widths:
            table.add_column(width=width, overflow="fold")
        return table

    if present:
        header = grid([ref_width] + [text_width] * columns)
        titles = [labels.language(lang) for lang in present]
        shown = titles if side_by_side else [" / ".join(titles)]
        header.add_row(Text("Ref", style="bold"), *[Text(title, style="bold") for title in shown])
        console.print(header)
        console.print(Text("─" * min(out.width, ref_width + (text_width + gap) * columns), style="dim"))
    for record, record_notes in zip(records, all_notes, strict=True):
        row = grid([ref_width] + [text_width] * columns)
        cells = [_cell(record, lang, labels) if lang in record.text else Text("—", style="dim") for lang in present]
        if not side_by_side:
            stacked = text_for(next((lang for lang in present if lang in FOLDING_LANGS), None))
            for index, cell in enumerate(c for lang, c in zip(present, cells, strict=True) if lang in record.text):
                stacked.append_text(Text("\n") + cell if index else cell)
            cells = [stacked]
        row.add_row(Text(visible(ref(record)), style="cyan"), *cells)
        console.print(row)
        if record_notes:
            below = grid([ref_width, max(10, out.width - ref_width - gap)])
            for note in record_notes:
                text = text_for("zh")  # notes quote both languages: fold between CJK characters
                text.append(visible(note.text))
                below.add_row(Text(note.label, style=note.style or "bold"), text)
            console.print(below)
        console.print()
    for line in footer:
        console.print(Text(visible(line)))


# ---------------------------------------------------------------- progress


class ProgressBar:
    """A Rich progress bar on ``stream`` while a long task runs, only on a terminal: ``with ProgressBar(..) as update``.

    ``update(done, total)`` draws it; Rich is imported on the first update, so
    a task with nothing to do costs nothing. The bar is removed when done.
    """

    def __init__(self, stream: IO[str], label: str) -> None:
        self.stream = stream
        self.label = label
        self._bar: Any = None
        self._task: Any = None
        try:
            self.enabled = bool(stream.isatty())
        except (AttributeError, ValueError):
            self.enabled = False

    def __enter__(self) -> Callable[[int, int], None]:
        return self.update

    def update(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            console = Console(file=GuardedStream(self.stream), highlight=False, markup=False, emoji=False)  # type: ignore[arg-type]
            columns = (TextColumn(visible(self.label)), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            self._bar = Progress(*columns, console=console, transient=True)
            self._bar.start()
            self._task = self._bar.add_task(visible(self.label), total=total)
        self._bar.update(self._task, completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()
