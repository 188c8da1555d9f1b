"""Tables drawn without rich: typed columns, side by side when every column fits, stacked when not.

A column is never narrower than the widest piece of its text that cannot break (a word, a reference, an
identifier), so a table never splits one. When the terminal cannot hold every column at that width, each
row becomes a block (``Title: value`` lines): the stacked layout, chosen by width for every table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from ..highlight import Span
from ..patterns import lazy
from . import styles
from .env import visible
from .styles import Style
from .text import cell_width, longest_atom, longest_atom_over, widest_line, wrap, wrap_lines

T = TypeVar("T")

GAP = 2
MIN_TEXT = 20
"""A wrapping column narrower than this (or its widest line) is unreadable: stack the table instead."""

StyledSpan = tuple[int, int, Style]


class Cell:
    """Text made safe for a terminal, with styled spans (offsets into ``text``)."""

    __slots__ = ("spans", "style", "text")

    def __init__(self, text: str, spans: Sequence[StyledSpan] = (), style: Style | None = None) -> None:
        self.text = text
        self.spans = list(spans)
        self.style = style


def cell(
    raw: str, spans: Sequence[Span | StyledSpan | tuple[int, int]] = (), mode: str = "color", style: Style | None = None
) -> Cell:
    """A cell of ``raw`` text (control characters made visible) with highlight ``spans`` drawn in ``mode``.

    Spans are :class:`~unagree_cli.highlight.Span` (styled by kind), ``(start, end, Style)`` or a bare
    ``(start, end)`` (a hit); offsets
    are into ``raw``. Overlapping spans are clipped. With ``mode == "none"`` a span's marks (brackets)
    become part of the text, so layout counts them.
    """
    resolved: list[StyledSpan] = []
    for span in spans:
        if isinstance(span, Span):
            resolved.append((span.start, span.end, styles.for_kind(span.kind)))
        elif len(span) == 2:  # a bare (start, end): a hit
            resolved.append((span[0], span[1], styles.HIT))
        else:
            resolved.append(span)
    resolved.sort(key=lambda s: (s[0], -s[1]))
    out: list[str] = []
    drawn: list[StyledSpan] = []
    position = 0
    length = 0
    for start, end, span_style in resolved:
        start, end = max(start, position), min(end, len(raw))
        if end <= start:
            continue
        before = visible(raw[position:start])
        out.append(before)
        length += len(before)
        inner = visible(raw[start:end])
        if mode == "none":
            inner = span_style.marks[0] + inner + span_style.marks[1]
            out.append(inner)
        else:
            out.append(inner)
            drawn.append((length, length + len(inner), span_style))
        length += len(inner)
        position = end
    out.append(visible(raw[position:]))
    return Cell("".join(out), drawn, style)


def draw(c: Cell, start: int, end: int, mode: str) -> str:
    """``c.text[start:end]`` with its spans' styles opened and closed inside the piece."""
    if mode == "none":
        return c.text[start:end]
    pieces: list[str] = []
    position = start
    for a, b, span_style in c.spans:
        a, b = max(a, position), min(b, end)
        if b <= a:
            continue
        pieces.append(_base(c, c.text[position:a], mode))
        pieces.append(span_style.draw(c.text[a:b], mode))
        position = b
    pieces.append(_base(c, c.text[position:end], mode))
    return "".join(pieces)


def _base(c: Cell, text: str, mode: str) -> str:
    return c.style.draw(text, mode) if c.style is not None and text.strip() else text


def paragraph(c: Cell, width: int, mode: str, indent: str = "", first: int | None = None) -> list[str]:
    """A cell wrapped to ``width`` cells, drawn."""
    return [indent + draw(c, a, b, mode) for a, b in wrap(c.text, width, first)]


class Column(Generic[T]):
    """A column of a table of ``T``: a title and typed accessors for its text and highlight spans.

    ``whole``: the text is an identifier or reference, never wrapped. ``style``: a named style
    (:mod:`.styles`). ``spans``: the highlight spans of a row's text.

    The keywords of the former rich columns still work: ``fold=False`` is ``whole=True``, ``highlight``
    is ``spans``, a style given by name (``"cyan"``) is the named style for it, ``lang`` is not needed
    (every column wraps by the line-breaking rules of what it holds).
    """

    __slots__ = ("get", "lang", "spans", "style", "title", "whole")

    def __init__(
        self,
        title: str,
        get: Callable[[T], str],
        *,
        whole: bool = False,
        style: Style | str | None = None,
        spans: Callable[[T], Sequence[Span | StyledSpan | tuple[int, int]]] | None = None,
        fold: bool | None = None,
        lang: str | None = None,
        highlight: Callable[[T], Sequence[Span | StyledSpan | tuple[int, int]]] | None = None,
    ) -> None:
        self.title = title
        self.get = get
        self.whole = whole if fold is None else not fold
        self.style = styles.named(style) if isinstance(style, str) else style
        self.spans = spans if spans is not None else highlight
        self.lang = lang

    def cell(self, row: T, mode: str) -> Cell:
        return cell(self.get(row), self.spans(row) if self.spans else (), mode, self.style)


def widths_for(
    titles: Sequence[str], cells: Sequence[Sequence[Cell]], whole: Sequence[bool], width: int
) -> list[int] | None:
    """Column widths that fit ``width`` without breaking a word, or None: stack the table.

    Each column gets at least its widest unbreakable piece; the room left goes to the columns in
    proportion to how much text they hold (so the languages of a row end at about the same line), none
    wider than its longest line.
    """
    n = len(titles)
    natural = [widest_line(visible(t)) for t in titles]
    least = list(natural)  # a title is never wrapped
    area = [0] * n
    for row in cells:
        for i, c in enumerate(row):
            line = widest_line(c.text)
            natural[i] = max(natural[i], line)
            area[i] += len(c.text) if c.text.isascii() else cell_width(c.text)
            if whole[i] or line <= MIN_TEXT:
                least[i] = max(least[i], line)
            elif line > least[i]:
                least[i] = max(least[i], min(longest_atom_over(c.text, MIN_TEXT), line))
    gaps = GAP * (n - 1)
    if sum(natural) + gaps <= width:
        return natural
    if sum(least) + gaps > width:
        return None
    widths = list(least)
    room = width - gaps - sum(least)
    while room > 0:
        growing = [i for i in range(n) if widths[i] < natural[i]]
        if not growing:
            break
        total = sum(area[i] for i in growing) or len(growing)
        given = 0
        for i in growing:
            share = min(natural[i] - widths[i], room * (area[i] or 1) // total)
            widths[i] += share
            given += share
        if not given:  # shares rounded to nothing: one cell to the column with the most text
            widest = max(growing, key=lambda i: area[i])
            widths[widest] += 1
            given = 1
        room -= given
    return widths


def grid(cells: Sequence[Sequence[Cell]], widths: Sequence[int], mode: str) -> list[list[str]]:
    """Each row of cells as its drawn lines, columns padded to ``widths`` and ``GAP`` apart."""
    drawn_rows = []
    for row in cells:
        wrapped = [wrap(c.text, w) for c, w in zip(row, widths, strict=True)]
        height = max((len(w) for w in wrapped), default=0)
        lines = []
        for index in range(height):
            parts = []
            for c, pieces, w in zip(row, wrapped, widths, strict=True):
                if index < len(pieces):
                    a, b = pieces[index]
                    piece = c.text[a:b]
                    used = len(piece) if piece.isascii() else cell_width(piece)
                    parts.append(draw(c, a, b, mode) + " " * max(0, w - used))
                else:
                    parts.append(" " * w)
            lines.append((" " * GAP).join(parts).rstrip())
        drawn_rows.append(lines)
    return drawn_rows


def draw_table(
    rows: Sequence[T],
    columns: Sequence[Column[T]],
    width: int,
    mode: str,
    *,
    title: str | None = None,
    layout: Sequence[Sequence[Cell]] | None = None,
) -> list[str]:
    """A table of ``rows`` as lines: a header, a rule and the rows, or stacked blocks when it cannot fit.

    ``layout``: the cells of the rows whose layout to share (each group of a grouped table gets the same
    columns as the whole).
    """
    cells = [[column.cell(row, mode) for column in columns] for row in rows]
    return draw_cells(cells, columns, width, mode, title=title, layout=layout)


class Layout:
    """Column widths worked out once for several tables that share them (None: stack the rows)."""

    __slots__ = ("widths",)

    def __init__(self, widths: list[int] | None) -> None:
        self.widths = widths


def column_widths(columns: Sequence[Column[Any]], cells: Sequence[Sequence[Cell]], width: int) -> Layout:
    """The layout of :func:`widths_for` for ``cells`` under ``columns``."""
    return Layout(widths_for([c.title for c in columns], cells, [c.whole for c in columns], width))


def draw_cells(
    cells: Sequence[Sequence[Cell]],
    columns: Sequence[Column[Any]],
    width: int,
    mode: str,
    *,
    title: str | None = None,
    layout: Sequence[Sequence[Cell]] | Layout | None = None,
) -> list[str]:
    """:func:`draw_table` for rows already made into cells.

    ``layout`` may also be the column widths :func:`column_widths` gave for the cells to share
    (a grouped table works them out once, not once a group).
    """
    titles = [c.title for c in columns]
    lines = [styles.TITLE.draw(visible(title), mode)] if title else []
    widths = (
        layout.widths
        if isinstance(layout, Layout)
        else column_widths(columns, cells if layout is None else layout, width).widths
    )
    if widths is None:
        return lines + stacked(titles, cells, width, mode)
    header = [Cell(visible(t), (), styles.HEADER) for t in titles]
    lines += grid([header], widths, mode)[0]
    lines.append(styles.RULE.draw("─" * (sum(widths) + GAP * (len(widths) - 1)), mode))
    drawn = grid(cells, widths, mode)
    spaced = any(len(r) > 1 for r in drawn)
    for index, row_lines in enumerate(drawn):
        if spaced and index:
            lines.append("")
        lines += row_lines
    return lines


def stacked(titles: Sequence[str], cells: Sequence[Sequence[Cell]], width: int, mode: str) -> list[str]:
    """Each row as a block: its first cell on a line, then ``Title: value`` for the others."""
    lines: list[str] = []
    for index, row in enumerate(cells):
        if index:
            lines.append("")
        if not row:
            continue
        lines += paragraph(row[0], width, mode)
        for title, c in zip(titles[1:], row[1:], strict=True):
            if not c.text.strip():
                continue
            label = visible(title) + ": "
            if cell_width(label) + min(longest_atom(c.text), MIN_TEXT) + 2 > width:
                lines.append("  " + styles.LABEL.draw(label.rstrip(), mode))
                lines += paragraph(c, width - 4, mode, "    ")
                continue
            body = wrap(c.text, width - 4, width - 2 - cell_width(label))
            for number, (a, b) in enumerate(body):
                lead = "  " + styles.LABEL.draw(label, mode) if number == 0 else "    "
                lines.append((lead + draw(c, a, b, mode)).rstrip())
    return lines


def text_lines(text: str, width: int, mode: str, style: Style | None = None) -> list[str]:
    """Free text (a caption, a footer) wrapped to ``width`` without breaking a word."""
    return paragraph(cell(text, (), mode, style), width, mode)


_SGR = lazy(r"\x1b\[[0-9;]*m")


def fit(lines: Sequence[str], width: int) -> list[str]:
    """``lines``, each that is still wider than ``width`` (a reference or a title longer than a very narrow
    terminal) wrapped, its indentation kept, its styles dropped: nothing is ever cut or left overflowing."""
    out: list[str] = []
    for line in lines:
        bare = _SGR.sub("", line) if "\x1b" in line else line
        if cell_width(bare) <= width:
            out.append(line)
            continue
        indent = bare[: len(bare) - len(bare.lstrip(" "))]
        room = max(1, width - len(indent))
        out += [indent + piece for piece in wrap_lines(bare.strip(), room)]
    return out
