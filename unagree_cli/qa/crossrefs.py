"""``crossrefs``: references to articles, paragraphs and points that differ between the languages.

"Article 14" ↔ 第十四条, "paragraph 2" ↔ 第2款 / 第二款 / 第2段, "subparagraph (a)"
↔ (a)项. Each language's references are read into keys (``article:14``,
``paragraph:2``, ``point:a``) through the per-language patterns of
:data:`PATTERNS`, and compared as multisets; a reference in a list of them
("Articles 3 and 4", 第三和第四条) counts once for each number.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import patterns
from ..labels import from_letter, zh_to_number
from ..model import Record
from . import Context, Finding, SpanSet, spans_of

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass

NAME = "crossrefs"

_ZH_NUM = "[0-9０-９一二三四五六七八九十百零〇两]+"
_LIST_EN = r"\d+(?:\s*(?:,|and|or|to|-|–)\s*\d+)*"


def _list(words: str) -> str:
    """Numbers in a list joined by ``words`` (and commas, dashes): "3 et 4", "3, 4 y 5"."""
    return rf"(?:\d+|premier|primero)(?:\s*(?:,|-|–|{words})\s*\d+)*"


_LIST_FR = _list(r"et|ou|à")
_LIST_ES = _list(r"y|o|a")
_LIST_RU = r"\d+(?:\s*(?:,|-|–|и|или)\s*\d+)*"
_AR_DIGITS = "0-9٠-٩"
_LIST_AR = rf"[{_AR_DIGITS}]+(?:\s*(?:،|,|-|–|و)\s*[{_AR_DIGITS}]+)*"

PATTERNS: dict[str, list[tuple[str, str]]] = {
    "en": [
        ("article", rf"\b[Aa]rticles?\s+(?P<n>{_LIST_EN})\b"),
        ("paragraph", rf"\b(?:[Pp]aragraphs?|[Pp]aras?\.)\s+(?P<n>{_LIST_EN})\b"),
        ("point", r"\b(?:[Ss]ub-?paragraphs?|[Pp]oints?)\s+\((?P<n>[a-z]{1,2}|[ivx]+)\)"),
        ("point", r"(?<![\w)])\((?P<n>[a-z]{1,2}|[ivx]+)\)(?=\s+(?:above|below|of\s+(?:this|paragraph|article)))"),
    ],
    "zh": [
        ("article", rf"第\s*(?P<n>{_ZH_NUM}(?:\s*(?:、|，|和|及|至|到)\s*(?:第\s*)?{_ZH_NUM})*)\s*条"),
        ("paragraph", rf"第\s*(?P<n>{_ZH_NUM}(?:\s*(?:、|，|和|及|至|到)\s*(?:第\s*)?{_ZH_NUM})*)\s*[款段]"),
        ("point", r"[(（](?P<n>[a-z]{1,2}|[ivx]+)[)）]\s*(?:项|分段|目)"),
    ],
    # The other official languages: the same kinds, so "l'article 14" and "Article 14" compare alike.
    "fr": [
        ("article", rf"\b[Aa]rticles?\s+(?P<n>{_LIST_FR})\b"),
        ("paragraph", rf"\b[Pp]aragraphes?\s+(?P<n>{_LIST_FR})\b"),
        ("point", r"\b(?:[Aa]linéas?|[Ss]ous-paragraphes?)\s+(?P<n>[a-z])\)?"),
    ],
    "es": [
        ("article", rf"\b[Aa]rtículos?\s+(?P<n>{_LIST_ES})\b"),
        ("paragraph", rf"\b[Pp]árrafos?\s+(?P<n>{_LIST_ES})\b"),
        ("point", r"\b(?:[Aa]partados?|[Ii]ncisos?)\s+(?P<n>[a-z])\)?"),
    ],
    "ru": [
        ("article", rf"(?<!\w)[Сс]тат(?:ья|ьи|ье|ью|ьей|ьях|ьям|ьями|ей)\s+(?P<n>{_LIST_RU})(?!\d)"),
        ("paragraph", rf"(?<!\w)[Пп]ункт(?:а|е|у|ом|ы|ов|ах|ам|ами)?\s+(?P<n>{_LIST_RU})(?!\d)"),
        ("point", r"(?<!\w)[Пп]одпункт(?:а|е|у|ом|ы|ов|ах)?\s+(?P<n>[а-я])\)?"),
    ],
    "ar": [
        ("article", rf"(?:ال)?(?:مادة|المادة|مواد|المواد)\s+(?P<n>{_LIST_AR})"),
        ("paragraph", rf"(?:ال)?(?:فقرة|الفقرة|فقرات|الفقرات)\s+(?P<n>{_LIST_AR})"),
        ("point", r"(?:ال)?(?:فقرة الفرعية|الفقرة الفرعية)\s+\((?P<n>[أ-ي])\)"),
    ],
}
"""Per language: (kind, pattern with the number or numbers in group ``n``)."""


GUARDS: dict[str, str] = {
    "en": "(?=[AaPpSs(])",
    "zh": "(?=[第(（])",
    "fr": "(?=[AaPpSs])",
    "es": "(?=[AaPpIi])",
    "ru": "(?=[СсПп])",
    "ar": "(?=[امف])",
}
"""The characters a reference of :data:`PATTERNS` starts with, per language (a test checks), tried before the
alternatives when asking whether a text has any: without it the engine tries every pattern at every character."""


@dataclass(frozen=True)
class Reference:
    key: str
    surface: str
    start: int
    end: int


@lru_cache(maxsize=8)
def _compiled(lang: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(kind, patterns.compile(pattern)) for kind, pattern in PATTERNS.get(lang, [])]


@lru_cache(maxsize=8)
def _any(lang: str) -> re.Pattern[str]:
    """Whether any pattern of ``lang`` matches somewhere: one search, before each pattern is tried (most units
    refer to nothing)."""
    sources = [pattern.replace("(?P<n>", "(?:") for _, pattern in PATTERNS.get(lang, [])]
    if not sources:
        return patterns.compile(r"(?!)")
    return patterns.compile(GUARDS.get(lang, "") + "(?:" + "|".join(f"(?:{source})" for source in sources) + ")")


def _numbers(text: str, lang: str) -> list[str]:
    if lang == "zh":
        parts = re.split(r"\s*(?:、|，|和|及|至|到)\s*(?:第\s*)?", text)
        values = [zh_to_number(part.translate(_FULLWIDTH).strip()) for part in parts]
        return [str(v) for v in values if v is not None]
    text = text.translate(_DIGITS)
    ones = ["1"] if re.match(r"(?:premier|primero)\b", text) else []
    return ones + re.findall(r"\d+", text)


_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def references(text: str, lang: str) -> list[Reference]:
    """The cross-references of ``text``, one per number named, in text order."""
    return list(_references(text, lang))


@lru_cache(maxsize=16)
def _references(text: str, lang: str) -> tuple[Reference, ...]:
    """:func:`references`, remembered for the last few texts: the numbers check reads them first, then this one."""
    if _any(lang).search(text) is None:
        return ()
    found: list[Reference] = []
    taken = SpanSet()
    for kind, pattern in _compiled(lang):
        for match in pattern.finditer(text):
            if taken.overlaps(match.start(), match.end()):
                continue
            taken.add(match.start(), match.end())
            values = [from_letter(lang, match.group("n"))] if kind == "point" else _numbers(match.group("n"), lang)
            found += [Reference(f"{kind}:{v}", match.group(), match.start(), match.end()) for v in values]
    return tuple(sorted(found, key=lambda r: r.start))


def reference_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """Where the cross-references of ``text`` are (the numbers check leaves them to this one)."""
    return [(r.start, r.end) for r in _references(text, lang)]


def check_unit(context: Context, record: Record) -> list[Finding]:
    texts = context.pair(record)
    if texts is None:
        return []
    refs = [references(text, lang) for text, lang in zip(texts, context.langs, strict=True)]
    if [r.key for r in refs[0]] == [r.key for r in refs[1]]:
        return []  # the same references in the same order: the common case, without counting
    counts = [Counter(r.key for r in side) for side in refs]
    only = [counts[0] - counts[1], counts[1] - counts[0]]
    if not only[0] and not only[1]:
        return []
    parts = []
    behind: dict[str, list[tuple[int, int]]] = {}
    for lang, side, extra in zip(context.langs, refs, only, strict=True):
        chosen = [r for r in side if extra[r.key] > 0]
        if not chosen:
            continue
        behind[lang] = [(r.start, r.end) for r in chosen]
        shown = ", ".join(dict.fromkeys(f"'{r.surface}' ({r.key.replace(':', ' ')})" for r in chosen))
        parts.append(f"in {context.name(lang)} only: {shown}")
    return [Finding(NAME, "error", "references differ: " + "; ".join(parts), spans_of(record, behind))]
