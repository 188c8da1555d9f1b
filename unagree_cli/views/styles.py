"""Every style unagree draws with, by name, in one place.

A style has three renderings, chosen by the environment's colour mode:
``color`` (SGR colour and attributes), ``mono`` (NO_COLOR: attributes only, and only for styles that carry
meaning, such as a highlight) and ``none`` (no escape sequence at all: a highlight is bracketed so it stays
visible in plain text).
"""

from __future__ import annotations

from .. import highlight

RESET = "\x1b[0m"


class Style:
    """A named style: SGR parameters in colour, under NO_COLOR, and the marks that replace it in plain text."""

    __slots__ = ("color", "marks", "mono", "name")

    def __init__(self, name: str, color: str, mono: str = "", marks: tuple[str, str] = ("", "")) -> None:
        self.name = name
        self.color = color
        self.mono = mono
        self.marks = marks

    def _code(self, mode: str) -> str:
        return self.color if mode == "color" else self.mono if mode == "mono" else ""

    def open(self, mode: str) -> str:
        code = self._code(mode)
        return f"\x1b[{code}m" if code else self.marks[0] if mode == "none" else ""

    def close(self, mode: str) -> str:
        return RESET if self._code(mode) else self.marks[1] if mode == "none" else ""

    def draw(self, text: str, mode: str) -> str:
        return f"{self.open(mode)}{text}{self.close(mode)}" if text else text

    def __repr__(self) -> str:
        return f"Style({self.name!r})"


# Structure: only in colour; they carry no meaning the layout does not already show.
REF = Style("ref", "36")
HEADER = Style("header", "1")
TITLE = Style("title", "1")
LABEL = Style("label", "1")
DIM = Style("dim", "2")
RULE = Style("rule", "2")

# Severities of a translation-QA finding: the word itself is always printed.
ERROR = Style("error", "1;31")
WARNING = Style("warning", "33")
INFO = Style("info", "34")
SEVERITY = {"error": ERROR, "warning": WARNING, "info": INFO}

# Highlights: they carry meaning, so they stay visible under NO_COLOR and in plain text.
OBLIGATION = Style(highlight.OBLIGATION, "1;31", "1", ("[", "]"))
PERMISSION = Style(highlight.PERMISSION, "1;32", "4", ("[", "]"))
PROHIBITION = Style(highlight.PROHIBITION, "1;35", "1;4", ("[", "]"))
RIGHT = Style(highlight.RIGHT, "1;34", "3;4", ("[", "]"))  # under NO_COLOR told apart from a permission
RECOGNITION = Style(highlight.RECOGNITION, "3;36", "3", ("[", "]"))
HIT = Style(highlight.HIT, "1;7", "1;7", ("[", "]"))
FINDING = Style(highlight.FINDING, "4;33", "4", ("{", "}"))

FOR_KIND = {style.name: style for style in (OBLIGATION, PERMISSION, PROHIBITION, RIGHT, RECOGNITION, HIT, FINDING)}
"""The style that draws a :class:`~unagree_cli.highlight.Span` of each kind."""


def for_kind(kind: str) -> Style:
    """The style of a span kind; an unknown kind is drawn as a hit, never dropped."""
    return FOR_KIND.get(kind, HIT)


BY_NAME = {"cyan": REF, "bold": LABEL, "dim": DIM, "bold red": ERROR, "yellow": WARNING, "blue": INFO}
"""Styles as the former rich style strings named them."""


def named(name: str) -> Style | None:
    """The named style for a style string (``"cyan"`` is :data:`REF`), a kind's style, or None."""
    return BY_NAME.get(name) or FOR_KIND.get(name)


MEANING = {
    highlight.OBLIGATION: "obligation",
    highlight.PERMISSION: "permission",
    highlight.PROHIBITION: "prohibition",
    highlight.RIGHT: "right",
    highlight.RECOGNITION: "recognition",
    highlight.HIT: "search hit",
    highlight.FINDING: "words behind a finding",
}
"""What a mark of each span kind means, as a legend says it."""


def legend(kinds: set[str], width: int, mode: str) -> list[str]:
    """Lines saying what the marks of ``kinds`` mean, each meaning drawn as its marks are; none without marks.

    In colour and under NO_COLOR each meaning is written in its own style; in plain text (``none``) the
    brackets are shown with the meanings they stand for.
    """
    seen = [kind for kind in (*highlight.KINDS, *sorted(kinds - set(highlight.KINDS))) if kind in kinds]
    if not seen:
        return []
    items: list[tuple[str, int]] = []  # (drawn, width in cells)
    if mode == "none":
        groups: dict[tuple[str, str], list[str]] = {}
        for kind in seen:
            groups.setdefault(for_kind(kind).marks, []).append(MEANING.get(kind, kind))
        for (opening, closing), names in groups.items():
            text = f"{opening} {closing} {', '.join(names)}"
            items.append((text, len(text)))
    else:
        for kind in seen:
            name = MEANING.get(kind, kind)
            items.append((for_kind(kind).draw(name, mode), len(name)))
    lead = "Marks:"
    lines: list[str] = []
    line, used = DIM.draw(lead, mode), len(lead)
    for drawn, size in items:
        if used + 2 + size > width and used > len(lead):
            lines.append(line)
            line, used = " " * len(lead), len(lead)
        line += "  " + drawn
        used += 2 + size
    lines.append(line)
    return lines
