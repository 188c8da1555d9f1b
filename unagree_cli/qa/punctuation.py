"""``punctuation``: unpaired brackets and quotes; end punctuation that does not correspond.

Pairs are checked in each language: ( ) [ ] （ ） 《 》 〈 〉 【 】 「 」 “ ” ‘ ’
and the straight double quote. The last punctuation mark of a unit is
compared across languages by its role: . and 。 end a sentence, ; and ；
end a list item, : and ： introduce, , and ， continue, ? and ？ ask.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import patterns
from ..highlight import FINDING, Span
from ..model import Record
from . import Context, Finding, excerpt, spans_of

NAME = "punctuation"
PAIRS = {"(": ")", "[": "]", "（": "）", "《": "》", "〈": "〉", "【": "】", "「": "」", "“": "”", "‘": "’", "«": "»"}
CLOSERS = {close: open_ for open_, close in PAIRS.items()}
ROLES = {
    ".": "full stop",
    "。": "full stop",
    ";": "semicolon",
    "；": "semicolon",
    ":": "colon",
    "：": "colon",
    ",": "comma",
    "，": "comma",
    "?": "question mark",
    "？": "question mark",
    "!": "exclamation mark",
    "！": "exclamation mark",
    "،": "comma",  # Arabic
    "؛": "semicolon",
    "؟": "question mark",
}
TRAILING = " \t\n)]）》〉】」”’\"'»"


@lru_cache(maxsize=1)
def _marks() -> re.Pattern[str]:
    """Any one bracket or quote of :data:`PAIRS` and the straight double quote (compiled on first use)."""
    return patterns.compile("[" + re.escape("".join(sorted({*PAIRS, *CLOSERS, '"'}))) + "]")


def unpaired(text: str) -> list[tuple[int, str]]:
    """Positions and characters of brackets and quotes without a partner.

    The apostrophe ’ closes only a ‘ that is open: it is also the
    apostrophe in English ("Member States’"), so a stray one is not a finding.
    """
    marks = _marks()
    if marks.search(text) is None:
        return []  # no bracket or quote (most units)
    stack: list[tuple[int, str]] = []
    stray: list[tuple[int, str]] = []
    straight_open: int | None = None
    for match in marks.finditer(text):  # the brackets and quotes only, found by the engine: no step per character
        index, char = match.start(), match.group()
        if char == '"':
            straight_open = index if straight_open is None else None
        elif char in PAIRS:
            stack.append((index, char))
        elif char in CLOSERS:
            if stack and stack[-1][1] == CLOSERS[char]:
                stack.pop()
            elif char != "’":
                stray.append((index, char))
    if straight_open is not None:
        stray.append((straight_open, '"'))
    return sorted(stray + stack)


def end_mark(text: str) -> str:
    """The punctuation mark a text ends with (before closing brackets and quotes), or ``""``."""
    stripped = text.rstrip(TRAILING)
    return stripped[-1] if stripped and stripped[-1] in ROLES else ""


def check_unit(context: Context, record: Record) -> list[Finding]:
    texts = context.pair(record)
    if texts is None:
        return []
    findings: list[Finding] = []
    for lang, text in zip(context.langs, texts, strict=True):
        stray = unpaired(text)
        if stray:
            where = "; ".join(f"{char} in '{excerpt(text, i, i + 1, 12)}'" for i, char in stray)
            spans = spans_of(record, {lang: [(i, i + 1) for i, _ in stray]})
            findings.append(Finding(NAME, "warning", f"unpaired in the {context.name(lang)}: {where}", spans))
    bodies = [record.text[lang] for lang in context.langs]
    marks = [end_mark(body) for body in bodies]
    roles = [ROLES.get(mark, "") for mark in marks]
    if roles[0] != roles[1] and all(body.strip() for body in bodies):
        sides = []
        for lang, body, mark, role in zip(context.langs, bodies, marks, roles, strict=True):
            ending = f"a {role} ({mark})" if role else "no punctuation"
            sides.append(f"the {context.name(lang)} ends with {ending}: '{excerpt(body, len(body), len(body), 20)}'")
        ends = {}
        for lang, body in zip(context.langs, bodies, strict=True):
            stripped = body.rstrip(TRAILING)
            ends[lang] = [Span(len(stripped) - 1, len(stripped), FINDING, "end punctuation")] if stripped else []
        findings.append(Finding(NAME, "warning", "; ".join(sides), {k: v for k, v in ends.items() if v}))
    return findings
