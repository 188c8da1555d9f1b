"""Drawing a unit row: the reference, then one column per language, each wrapped once.

A rich ``Table`` measures every cell several times to size its columns; a
reader row knows its columns (the reference's width, then equal shares), so
:class:`SideBySide` wraps each cell exactly once. Text in a language written
without spaces is folded by the usual line-breaking rules: no line starts
with closing punctuation (，。；：、）」』】！？ ...) and none ends with an
opening bracket (（「『【 ...); a run of Latin letters and digits is kept whole
when it fits.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.text import Text

NO_LINE_START = set("，。；：、）」』】！？,.;:!?)]}》〉”’・…—")
NO_LINE_END = set("（「『【《〈“‘([{")
GAP = 1


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in "/.-_%")


def fold_breaks(plain: str, width: int) -> list[int]:
    """Where to break a line of unspaced text of at most ``width`` cells (offsets into ``plain``)."""
    breaks: list[int] = []
    start = 0
    while start < len(plain):
        used = 0
        end = start
        while end < len(plain) and used + cell_len(plain[end]) <= width:
            used += cell_len(plain[end])
            end += 1
        if end >= len(plain):
            break
        if end == start:  # a character wider than the column: it goes alone
            end = start + 1
        cut = end
        # keep a run of Latin letters and digits whole, when it does not fill the line by itself
        while cut > start and _is_word_char(plain[cut - 1]) and _is_word_char(plain[cut]):
            cut -= 1
        if cut == start:
            cut = end
        # closing punctuation never starts a line; opening brackets never end one
        while cut - 1 > start and (plain[cut] in NO_LINE_START or plain[cut - 1] in NO_LINE_END):
            cut -= 1
        breaks.append(cut)
        start = cut
        while start < len(plain) and plain[start] == " ":
            start += 1
            breaks[-1] = start
    return breaks


def wrap(text: Text, width: int, console: Console, spaceless: bool) -> list[Text]:
    """``text`` as lines of at most ``width`` cells, each padded to ``width``."""
    width = max(1, width)
    lines: list[Text] = []
    for paragraph in text.split("\n", allow_blank=True):
        if spaceless:
            parts = list(paragraph.divide(fold_breaks(paragraph.plain, width))) if paragraph.plain else [paragraph]
        else:
            parts = list(paragraph.wrap(console, width, overflow="fold"))
            if not parts:
                parts = [Text("")]
        for part in parts:
            part.rstrip()
            part.align("left", width)
            lines.append(part)
    return lines


class SideBySide:
    """A reference column of ``ref_width`` cells, then ``cells`` in equal columns, and ``notes`` under them."""

    def __init__(self, ref: Text, cells: list[tuple[Text, bool]], ref_width: int, notes: Text | None = None) -> None:
        self.ref = ref
        self.cells = cells  # (text, written without spaces)
        self.ref_width = ref_width
        self.notes = notes

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        width = options.max_width
        count = max(1, len(self.cells))
        free = max(count, width - self.ref_width - GAP * count)
        widths = [free // count + (1 if i < free % count else 0) for i in range(count)]
        columns = [wrap(self.ref, self.ref_width, console, False)]
        columns += [wrap(text, w, console, spaceless) for (text, spaceless), w in zip(self.cells, widths, strict=True)]
        height = max(len(column) for column in columns)
        blank = [Text(" " * self.ref_width)] + [Text(" " * w) for w in widths]
        gap = Segment(" " * GAP)
        for row in range(height):
            for index, column in enumerate(columns):
                if index:
                    yield gap
                line = column[row] if row < len(column) else blank[index]
                yield from line.render(console)
            yield Segment.line()
        if self.notes is not None:
            indent = Segment(" " * (self.ref_width + GAP))
            for line in wrap(self.notes, max(1, width - self.ref_width - GAP), console, False):
                yield indent
                yield from line.render(console)
                yield Segment.line()
