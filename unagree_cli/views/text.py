"""Terminal cell widths and line breaking that never splits a word, a reference or an identifier.

Latin text breaks at spaces only. Text in languages written without spaces (Chinese, Japanese) may break
between any two characters, except that, by the usual Chinese line-breaking rules, no line starts with a
closing mark (，。；：、）」』】！？…) and none ends with an opening one (（「『【…). A run of characters
with no break opportunity longer than a whole line is the only thing ever folded.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from .. import patterns

# Marks that may not start a line (they stay with what precedes them) and may not end one.
CLOSING = "，。；：、）」』】！？》〉〕〗〙〛”’．・％,.;:!?)]}%"
OPENING = "（「『【《〈〔〖〘〚“‘([{"
_SOFT_BREAKS = "-/–—:"
"""Where an atom too wide for a line may break, after the mark, before folding by cells."""
_SPACED_END = "\u2e7f"
"""The last character of the scripts that separate words with spaces (Latin, Greek, Cyrillic, Arabic ...)."""


@functools.cache
def _atoms() -> re.Pattern[str]:
    """Pieces between which a line may break: a space run, or an unbreakable atom with its marks."""
    close = re.escape(CLOSING)
    open_ = re.escape(OPENING)
    # From U+2E80 on (CJK, kana, Hangul, full-width forms) a line may break between any two characters;
    # below it, only at spaces. Two small ranges rather than the CJK blocks: compiling those costs ~3 ms.
    one_cjk = rf"(?:(?![{close}{open_}])[^\x00-{_SPACED_END}])"
    latin = rf"(?:(?!\s)[\x00-{_SPACED_END}])+"
    return patterns.compile(rf"(\s+)|([{open_}]*(?:{one_cjk}|{latin})[{close}]*)|(.)", re.S)


@functools.cache
def char_width(char: str) -> int:
    """Terminal cells of one character: 2 for wide East Asian forms, 0 for combining and format marks."""
    if char < "\u0300":
        return 1
    if "\u4e00" <= char <= "\u9fff" or "\u3000" <= char <= "\u303e" or "\uff01" <= char <= "\uff60":
        return 2  # the common case, without the Unicode database
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes on one line."""
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def atoms(text: str) -> list[str]:
    """The unbreakable pieces of ``text`` (spaces dropped)."""
    return [m.group() for m in _atoms().finditer(text) if not m.group(1)]


def longest_atom(text: str) -> int:
    """The width of the widest piece a line can never break: the narrowest a column may be."""
    best = 0
    for chunk in text.split():  # atoms never span spaces; an ASCII chunk is one atom
        width = len(chunk) if chunk.isascii() else max((cell_width(a) for a in atoms(chunk)), default=0)
        best = max(best, width)
    return best


@functools.cache
def _long_run() -> re.Pattern[str]:
    return patterns.compile(f"(?:(?!\\s)[\\x00-{_SPACED_END}]){{12,}}")


def longest_atom_over(text: str, floor: int) -> int:
    """:func:`longest_atom`, or ``floor`` when no atom is wider (a quick test first: only a run of at least
    twelve characters of spaced scripts, with a few marks attached, can be wider than 16 cells; CJK atoms
    are one character and its marks)."""
    if floor >= 16 and _long_run().search(text) is None:
        return floor
    return max(longest_atom(text), floor)


def widest_line(text: str) -> int:
    return max((cell_width(line) for line in text.split("\n")), default=0)


def wrap(text: str, width: int, first: int | None = None) -> list[tuple[int, int]]:
    """Lines of ``text`` fitting ``width`` cells (the first ``first`` cells), as ``(start, end)`` offsets.

    Hard line breaks are kept; spaces where a line breaks are dropped; trailing spaces are not counted.
    """
    width = max(1, width)
    limit = max(1, first if first is not None else width)
    lines: list[tuple[int, int]] = []
    position = 0
    for para in text.split("\n"):
        body = para.strip()
        ascii_only = para.isascii()
        if (len(body) if ascii_only else cell_width(body)) <= limit:  # the common case: it fits
            lead = position + len(para) - len(para.lstrip()) if body else position + len(para)
            lines.append((lead, lead + len(body)))
            if body:
                limit = width
            position += len(para) + 1
            continue
        if ascii_only and _FAST_ASCII and para.isprintable():
            fast = _ascii_lines(para, position, limit, width)
            if fast is not None:
                lines += fast
                limit = width
                position += len(para) + 1
                continue
        start = end = position
        used = 0
        pending = 0  # width of the spaces between the line so far and the next atom
        line_open = False
        for match in _atoms().finditer(para):
            a, b = match.span()
            a += position
            b += position
            if match.lastindex == 1:  # spaces
                pending = (b - a if ascii_only else cell_width(match.group())) if line_open else 0
                if not line_open:
                    start = end = b
                continue
            size = b - a if ascii_only else char_width(match.group()) if b - a == 1 else cell_width(match.group())
            if line_open and used + pending + size <= limit:
                used += pending + size
                end = b
                pending = 0
                continue
            if line_open:
                lines.append((start, end))
                limit = width
            start, used, pending, line_open = a, 0, 0, True
            if size <= limit:
                used, end = size, b
                continue
            # an atom wider than a whole line: break it after a hyphen or a slash where one fits
            # ("Secretary-" / "General"), else fold it by cells: the only break inside a word
            word = match.group()
            soft = [i + 1 for i, char in enumerate(word[:-1]) if char in _SOFT_BREAKS]
            for offset, char in enumerate(word):
                w = char_width(char)
                if used + w > limit and used:
                    cut = max((i for i in soft if a + i > start and i <= offset), default=offset)
                    lines.append((start, a + cut))
                    limit = width
                    start = a + cut
                    used = cell_width(word[cut:offset])
                used += w
            end = b
        lines.append((start, end if line_open else start))
        if line_open:
            limit = width
        position += len(para) + 1
    return lines


_FAST_ASCII = True
"""Whether :func:`wrap` takes :func:`_ascii_lines` for printable ASCII (tests compare it with the general way)."""


def _ascii_lines(para: str, position: int, first: int, width: int) -> list[tuple[int, int]] | None:
    """:func:`wrap`'s lines of a paragraph of printable ASCII, found with ``rfind`` rather than atom by atom.

    Words are the runs between spaces, one cell a character: each line ends at the last space that
    leaves it within its width. None when a word is wider than its line (it must be broken: the general
    way does that).
    """
    lines: list[tuple[int, int]] = []
    size = len(para)
    last = len(para.rstrip(" "))
    limit = first
    start = 0
    while True:
        while start < last and para[start] == " ":
            start += 1
        if start >= last:
            return lines
        if last - start <= limit:
            lines.append((position + start, position + last))
            return lines
        cut = para.rfind(" ", start, min(start + limit + 1, size))
        if cut <= start:
            return None  # the word at ``start`` is wider than the line
        end = cut
        while para[end - 1] == " ":
            end -= 1
        lines.append((position + start, position + end))
        start = cut
        limit = width


def wrap_lines(text: str, width: int) -> list[str]:
    """:func:`wrap` as strings."""
    return [text[a:b] for a, b in wrap(text, width)]


def shorten(text: str, cells: int) -> str:
    """``text`` cut at the last break that leaves it within ``cells`` cells, with "…"; never inside a word."""
    if cell_width(text) <= cells:
        return text
    (start, end), *_ = wrap(text.replace("\n", " "), max(1, cells - 1))
    return text[start:end].rstrip(" ,;:，；：、") + "…"


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` cells."""
    return text + " " * max(0, width - cell_width(text))
