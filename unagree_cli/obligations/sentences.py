"""Sentence boundaries per language, as offsets into the text: one procedure, a table of rules.

A language's rule says where a sentence may end (``.`` before a capital,
``。``) and which words ending in a full stop do not end one ("No.", "e.g.").
Every scan is a single pass over the text: the abbreviation test looks only
at the few characters before a candidate end, so a long text costs time in
proportion to its length.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import patterns

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass


@dataclass(frozen=True)
class SentenceRule:
    end: str  # a candidate sentence end; the sentence includes the match
    abbreviation: str = ""  # matched against the text just before a candidate end
    lookback: int = 12  # how many characters the abbreviation test sees


RULES: dict[str, SentenceRule] = {
    "en": SentenceRule(
        end=r"[.!?](?=\s+[A-Z(\"“‘'])",
        abbreviation=r"(?<![\w.])(?:No|Nos|Art|art|para|paras|e\.g|i\.e|etc|cf|p|pp|Mr|Ms|Mrs|Dr|St|vol|Vol|[A-Z])\.$",
    ),
    "zh": SentenceRule(end=r"[。！？](?![”’）)])|[。！？][”’）)]"),
}


@lru_cache(maxsize=8)
def _compiled(lang: str) -> tuple[re.Pattern[str], re.Pattern[str] | None, int] | None:
    rule = RULES.get(lang)
    if rule is None:
        return None
    return (
        patterns.compile(rule.end),
        (patterns.compile(rule.abbreviation) if rule.abbreviation else None),
        rule.lookback,
    )


def sentence_spans(text: str, lang: str) -> list[tuple[int, int]]:
    """The (start, end) of each sentence of ``text``, leading and trailing blanks left out.

    The last few texts' spans are remembered: the checks of one unit (sentences, modality,
    negation, parties) and the obligations engine each ask for the same text's sentences.
    """
    return list(_spans(text, lang))


def cached_spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """:func:`sentence_spans` as the tuple kept for the last few texts: no copy per call (do not change it)."""
    return _spans(text, lang)


def cuts_of(text: str, lang: str) -> list[int]:
    """Where the sentences of ``text`` end (after their end mark), by the language's rule; none without one."""
    rules = _compiled(lang)
    cuts: list[int] = []
    if rules is not None:
        end_pattern, abbreviation, lookback = rules
        for found in end_pattern.finditer(text):
            if abbreviation is not None:
                window_start = max(cuts[-1] if cuts else 0, found.end() - lookback)
                if abbreviation.search(text[window_start : found.end()]):
                    continue
            cuts.append(found.end())
    return cuts


@lru_cache(maxsize=8)
def _spans(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    cuts = cuts_of(text, lang)
    if (not cuts or cuts == [len(text)]) and text and not text[0].isspace() and not text[-1].isspace():
        return ((0, len(text)),)  # one sentence, nothing to trim (most units)
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        part = text[start:cut]
        kept = part.lstrip()  # the blanks around a sentence (what str.isspace calls blank) left out
        if kept:
            begin = start + len(part) - len(kept)
            spans.append((begin, begin + len(kept.rstrip())))
        start = cut
    return tuple(spans)


def split_sentences(text: str, lang: str) -> list[str]:
    """The sentences of ``text`` (the whole text, stripped, for a language without rules)."""
    return [text[start:end] for start, end in sentence_spans(text, lang)]
