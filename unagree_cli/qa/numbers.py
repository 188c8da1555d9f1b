"""``numbers``: numbers, dates, symbols and article references must match as multisets.

Each language's text is read into normalised items: ``date:1996-06-25`` for
"25 June 1996" and "1996 年 6 月 25 日", ``symbol:70/263`` for "resolution
70/263" and "第 70/263 号决议", ``number:1309`` for "No. 1309" and
"第 1309号", ``article:14`` for "Article 14" and "第十四条". Numbers written
in words are compared when they count a period ("three months" ↔ 三个月 ↔
3 个月: :data:`NUMBER_WORDS`, :data:`PERIOD_UNITS`); other counts ("two
originals", "一式两份") are not.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cached_property
from operator import attrgetter
from typing import TYPE_CHECKING

from .. import patterns
from ..labels import zh_to_number
from ..model import Record
from . import Context, Finding, SpanSet, spans_of
from .crossrefs import reference_spans

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass

NAME = "numbers"

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# A UN document symbol: A/RES/70/296, A/70/976, A/70/L.57, E/CN.4/2005/1.
SYMBOL = r"(?<![A-Za-z0-9])[A-Z][A-Z.]*(?:/[A-Za-z0-9][A-Za-z0-9.]*)*/[A-Za-z0-9]*\d[A-Za-z0-9.]*"
# A resolution number: 70/263, 47/4.
RESOLUTION = r"(?<![A-Za-z0-9/])\d{1,4}/\d{1,4}(?![0-9/])"
_ZH_NUMERAL = "[0-9一二三四五六七八九十百零〇两]+"

_EN = rf"""(?P<dmy>\b(?P<d1>\d{{1,2}})\s+(?P<m1>{_MONTH}),?\s+(?P<y1>\d{{4}})\b)
    |(?P<mdy>\b(?P<m2>{_MONTH})\s+(?P<d2>\d{{1,2}}),\s*(?P<y2>\d{{4}})\b)
    |(?P<my>\b(?P<m3>{_MONTH})\s+(?P<y3>\d{{4}})\b)
    |(?P<symbol>{SYMBOL})
    |(?P<resolution>{RESOLUTION})
    |(?P<no>\bNo\.?\s*(?P<no_n>\d+))
    |(?P<article>\b[Aa]rticles?\s+(?P<art_n>\d+))
    |(?P<number>(?<![\w.])\d+(?:,\d{{3}})*(?:\.\d+)?(?:st|nd|rd|th)?\b)"""
_ZH = rf"""(?P<ymd>(?P<y1>\d{{4}})\s*年\s*(?P<m1>\d{{1,2}})\s*月\s*(?P<d1>\d{{1,2}})\s*日)
    |(?P<ym>(?P<y2>\d{{4}})\s*年\s*(?P<m2>\d{{1,2}})\s*月)
    |(?P<year>(?P<y3>\d{{4}})\s*年)
    |(?P<symbol>{SYMBOL})
    |(?P<hao>第\s*(?P<hao_n>\d+(?:/\d+)*)\s*号)
    |(?P<resolution>{RESOLUTION})
    |(?P<article>第\s*(?P<art_n>{_ZH_NUMERAL})\s*条)
    |(?P<number>(?<![A-Za-z0-9.])\d+(?:,\d{{3}})*(?:\.\d+)?)"""

GUARDS: dict[str, str] = {"en": "(?=[0-9A-Za])", "zh": "(?=[0-9A-Z第])"}
"""The characters an item of :data:`_EN` and :data:`_ZH` starts with (a test checks), tried before the
alternatives: without it the engine tries every alternative at every character of a text."""

NUMBER_WORDS: dict[str, int] = {
    **{w: n for n, w in enumerate("two three four five six seven eight nine ten eleven twelve".split(), start=2)},
    **{
        "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
        "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100,
    },
}  # fmt: skip
"""English number words read as numbers when they count a period ("three months" ↔ 三个月, 3 个月). One is
left out: "a year", "one year" and 一年 are too often written without a numeral in the other language."""
PERIOD_UNITS: dict[str, str] = {
    "en": r"[\s-]+(?:(?:calendar|working|business|full)\s+)?(?:days?|weeks?|months?|years?)\b",
    "zh": r"\s*(?:个月|个星期|个工作日|个日历日|天|日|周|星期|年)",
}
"""The units of a period that a number written as a word counts (not a date: 三月 is March, 二〇二六年 a year)."""
_EN_VOCABULARY = "|".join(sorted([*NUMBER_WORDS, "one"], key=len, reverse=True))
_EN_NUMBER_WORD = rf"(?:{_EN_VOCABULARY})(?:-(?:{_EN_VOCABULARY}))?\b"


def _en_number(words: list[str]) -> int | None:
    """The value of number words ("one hundred and twenty", "twenty-one"), or None if one is no number word."""
    current = 0
    for word in words:
        if word == "and":
            continue
        if word == "hundred":
            current = max(current, 1) * 100
            continue
        parts = word.split("-")
        values = [NUMBER_WORDS.get(part, 1 if part == "one" else 0) for part in parts]
        if not all(values):
            return None
        current += sum(values)
    return current if words else None


class _Patterns:
    """The module's regular expressions, each compiled the first time it is used (not at import: start-up time)."""

    # Each starts with a guard: the first character every alternative can start with (a digit, a capital
    # of a month, symbol or "No.", the A or a of "Article", 第), so that the alternatives are tried at a few
    # places in a long text rather than at every character.

    @cached_property
    def EN(self) -> re.Pattern[str]:
        return patterns.compile(f"{GUARDS['en']}(?:{_EN})", re.VERBOSE | re.ASCII)

    @cached_property
    def ZH(self) -> re.Pattern[str]:
        return patterns.compile(f"{GUARDS['zh']}(?:{_ZH})", re.VERBOSE | re.ASCII)

    @cached_property
    def EN_PERIOD(self) -> re.Pattern[str]:
        """Number words right before a unit: "three months", "one hundred and twenty days" (longest run)."""
        word = _EN_NUMBER_WORD
        return patterns.compile(rf"\b{word}(?:\s+(?:and\s+)?{word})*(?={PERIOD_UNITS['en']})", re.IGNORECASE)

    @cached_property
    def EN_UNIT(self) -> re.Pattern[str]:
        """A period's unit anywhere: the cheap test before :attr:`EN_PERIOD` is tried at every word."""
        return patterns.compile(PERIOD_UNITS["en"], re.IGNORECASE)

    @cached_property
    def ZH_PERIOD(self) -> re.Pattern[str]:
        return patterns.compile(
            rf"(?<![0-9〇零月年第一二三四五六七八九十百两千])"  # not inside a longer numeral or a date
            rf"(?P<n>[一二三四五六七八九十百两]+)(?={PERIOD_UNITS['zh']})"
        )

    @cached_property
    def ANY(self) -> re.Pattern[str]:
        return patterns.compile(
            rf"(?P<symbol>{SYMBOL})|(?P<resolution>{RESOLUTION})"
            rf"|(?P<number>\d{{1,3}}(?:[ ,.\u00a0\u202f]\d{{3}})+(?!\d)|\d+)"
        )

    @cached_property
    def EN_UNIT_WORD(self) -> re.Pattern[str]:
        """A word of a period's unit anywhere (the test before :attr:`EN_UNIT`, which the engine tries at every
        blank; this one only at d, w, m and y, the letters those words start with in any case)."""
        return patterns.compile("[DdWwMmYy](?i:ay|eek|onth|ear)")

    @cached_property
    def DIGIT(self) -> re.Pattern[str]:
        return patterns.compile("[0-9]")

    @cached_property
    def ARTICLE_ONE(self) -> re.Pattern[str]:
        return patterns.compile(r"(?i)\b(art[íi]culo|article)\s+(?:premier|première|primero|primera)\b")

    @cached_property
    def ZH_DATE(self) -> re.Pattern[str]:
        return patterns.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")

    @cached_property
    def ZH_ARTICLE(self) -> re.Pattern[str]:
        return patterns.compile(r"第([一二三四五六七八九十百零〇两]+)(条|款|段)")


_RE = _Patterns()


def _has_digit(text: str) -> bool:
    """Whether ``text`` has an ASCII digit: every item of :data:`_EN` has one (and of :data:`_ZH`, but 第…条)."""
    return _RE.DIGIT.search(text) is not None


@dataclass(frozen=True)
class Item:
    """A number-like thing found in a text: its normalised key and how it was written."""

    key: str
    surface: str
    start: int = 0
    end: int = 0

    def show(self) -> str:
        value = self.key.split(":", 1)[1]
        return f"'{self.surface}'" if self.surface == value else f"'{self.surface}' ({value})"


_START = attrgetter("start")
_KEY = attrgetter("key")


def _date(year: str, month: int, day: str | None = None) -> str:
    return f"{int(year):04d}-{month:02d}" + (f"-{int(day):02d}" if day else "")


def _number(text: str) -> str:
    text = text.replace(",", "")
    return text[:-2] if text.endswith(("st", "nd", "rd", "th")) else text


def _normal(text: str) -> str:
    """NFKC, character by character when that changes the length, so offsets stay those of ``text``."""
    normal = unicodedata.normalize("NFKC", text)
    if len(normal) == len(text):
        return normal
    return "".join(c if len(n := unicodedata.normalize("NFKC", c)) != 1 else n for c in text)


def items_en(text: str) -> list[Item]:
    """The numbers, dates, symbols and article references of an English text."""
    found: list[Item] = []
    normal = _normal(text)
    for m in _RE.EN.finditer(normal) if _has_digit(normal) else ():  # most units have no digit: no scan
        surface = m.group()
        kind = m.lastgroup  # the alternative that matched (its groups close before it)
        if kind == "number":  # the most common first
            key = "number:" + _number(surface)
        elif kind == "dmy":
            key = "date:" + _date(m.group("y1"), MONTHS[m.group("m1").lower()], m.group("d1"))
        elif kind == "mdy":
            key = "date:" + _date(m.group("y2"), MONTHS[m.group("m2").lower()], m.group("d2"))
        elif kind == "my":
            key = "date:" + _date(m.group("y3"), MONTHS[m.group("m3").lower()])
        elif kind in ("symbol", "resolution"):
            key = "symbol:" + surface
        elif kind == "no":
            key = "number:" + m.group("no_n")
        else:
            key = "article:" + m.group("art_n")
        found.append(Item(key, surface, m.start(), m.end()))
    for m in _RE.EN_PERIOD.finditer(text) if _RE.EN_UNIT_WORD.search(text) and _RE.EN_UNIT.search(text) else ():
        value = _en_number(m.group().lower().split())
        if value is not None and value > 1:
            found.append(Item(f"number:{value}", m.group(), m.start(), m.end()))
    return sorted(found, key=_START) if len(found) > 1 else found


def items_zh(text: str) -> list[Item]:
    """The numbers, dates, symbols and article references of a Chinese text."""
    found: list[Item] = []
    normal = _normal(text)
    for m in _RE.ZH.finditer(normal) if _has_digit(normal) or "第" in normal else ():
        surface = m.group()
        kind = m.lastgroup  # the alternative that matched (its groups close before it)
        if kind == "number":  # the most common first
            key = "number:" + _number(surface)
        elif kind == "ymd":
            key = "date:" + _date(m.group("y1"), int(m.group("m1")), m.group("d1"))
        elif kind == "ym":
            key = "date:" + _date(m.group("y2"), int(m.group("m2")))
        elif kind == "year":
            key = "number:" + m.group("y3")
        elif kind in ("symbol", "resolution"):
            key = "symbol:" + surface
        elif kind == "hao":
            value = m.group("hao_n")
            key = ("symbol:" if "/" in value else "number:") + value
        else:
            article = zh_to_number(m.group("art_n"))
            if article is None:
                continue
            key = f"article:{article}"
        found.append(Item(key, surface, m.start(), m.end()))
    for m in _RE.ZH_PERIOD.finditer(text):
        value = zh_to_number(m.group("n").replace("两", "二"))
        if value is not None and 1 < value < 1000:
            found.append(Item(f"number:{value}", m.group(), m.start(), m.end()))
    return sorted(found, key=_START)


EXTRACTORS = {"en": items_en, "zh": items_zh}
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９", "0123456789" * 3)


def items_any(text: str) -> list[Item]:
    """Symbols, resolution numbers and numbers in digits, in any language (for a pair the extractors do not know).

    Article 1 written as a word (Article premier, Artículo primero) and articles in Chinese numerals (第十二条)
    are read as the digits the other languages write.
    """
    text = _RE.ARTICLE_ONE.sub(r"\1 1", text.translate(_DIGITS))
    text = _RE.ZH_ARTICLE.sub(lambda m: f"第{zh_to_number(m.group(1))}{m.group(2)}", text)
    # other languages name the month: a Chinese date keeps its day and year (2017 年 6 月 1 日 -> 2017 1)
    text = _RE.ZH_DATE.sub(lambda m: f"{m.group(1)} {m.group(3)}", text)
    found: list[Item] = []
    for match in _RE.ANY.finditer(text):
        kind = match.lastgroup or "number"
        surface = match.group()
        value = re.sub(r"[ ,.\u00a0\u202f]", "", surface) if kind == "number" else surface
        found.append(Item(f"{kind}:{value}", surface))
    return found


def unmatched(first: list[Item], second: list[Item]) -> tuple[list[Item], list[Item]]:
    """The items of each list with no counterpart in the other (multiset difference)."""
    first_keys, second_keys = list(map(_KEY, first)), list(map(_KEY, second))
    if first_keys == second_keys:
        return [], []  # the same items in the same order: the common case, without counting
    first_counts, second_counts = Counter(first_keys), Counter(second_keys)
    left = first_counts - second_counts
    right = second_counts - first_counts

    def pick(items: list[Item], extra: Counter[str]) -> list[Item]:
        chosen: list[Item] = []
        for item in items:
            if extra[item.key] > 0:
                extra[item.key] -= 1
                chosen.append(item)
        return chosen

    return pick(first, left), pick(second, right)


def _compared(text: str, lang: str, known: bool = True) -> list[Item]:
    """The items this check compares: cross-references (Article 14, paragraph 2) are the ``crossrefs`` check's.

    ``known``: both languages of the pair have an extractor; otherwise only what reads alike in any
    language (symbols, resolution numbers, digits) is compared.
    """

    items = (EXTRACTORS[lang] if known else items_any)(text)
    if not items:
        return items
    references = reference_spans(text, lang)
    if not references:  # (most units)
        return [item for item in items if not item.key.startswith("article:")]
    taken = SpanSet()
    for start, end in references:
        taken.add(start, end)
    return [item for item in items if not item.key.startswith("article:") and not taken.overlaps(item.start, item.end)]


def check_unit(context: Context, record: Record) -> list[Finding]:
    texts = context.pair(record)
    if texts is None:
        return []
    first, second = context.langs
    known = first in EXTRACTORS and second in EXTRACTORS
    only_first, only_second = unmatched(_compared(texts[0], first, known), _compared(texts[1], second, known))
    if not only_first and not only_second:
        return []
    parts = []
    for lang, items in ((first, only_first), (second, only_second)):
        if items:
            parts.append(f"in {context.name(lang)} only: " + ", ".join(i.show() for i in items))
    spans = spans_of(
        record, {first: [(i.start, i.end) for i in only_first], second: [(i.start, i.end) for i in only_second]}
    )
    return [Finding(NAME, "error", "; ".join(parts), spans)]
