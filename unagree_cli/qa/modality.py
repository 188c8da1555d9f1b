"""``modality``: a unit obliges in one language and permits (or forbids) in the other.

The deontic words of each language (found by the obligations grammar's marker
tables: shall, may, shall not, is entitled to; 应, 可, 不得, 有权 ...) are
compared clause by clause, sentence pair by sentence pair when both versions
of the unit have as many sentences, else over the whole unit. Words are
compared by their group in :data:`GROUPS` (shall ↔ 应/应当/须/必须, may ↔
可/可以, shall not/may not ↔ 不得/不应/无权, is entitled to ↔ 有权), never by
who the extractor thinks bears them: a subject the extractor misses in one
language cannot become a translation error.

A finding needs a shift: one language has more words of one group where the
other has more of another group ("shall" against "可"). A word that has no
counterpart at all (a "shall" rendered without 应, a "may" inside a relative
clause) is not a change of modality. Permissions and rights are near
neighbours (may ↔ 有权) and are not told apart.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import patterns
from ..model import Record
from ..obligations.sentences import cached_spans
from . import Context, Finding, spans_of

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass

if TYPE_CHECKING:
    from ..model import TreatySet
    from ..obligations.engine import Grammar, Marker

NAME = "modality"

GROUPS: dict[str, str] = {
    "obligation": "shall",
    "prohibition": "shall not",
    "permission": "may",
    "right": "may",
}
"""Modality -> what it is compared as. 'will'/将/会 count as 'shall' (a commitment)."""

NEGATED_SUBJECT: dict[str, str] = {
    "en": r"(?:^|[,;:]\s*|\b(?:and|but|or)\s+)(?:no|neither|nor|nothing|none)\b[^,;:]*$",
}
"""Words before a marker that make it a prohibition: "No Party shall", "Neither Party may"."""

NOBODY_HINT: dict[str, str] = {
    "en": r"\b(?:no|neither|none)\b",
}
"""Words without which a subject cannot be nobody of a party (a cheap test before the subject is read)."""

IGNORED: dict[str, str] = {
    "en": r"\bas\s+the\s+case\s+may\s+be\b|\bas\s+may\s+be\s+(?:necessary|appropriate|required)\b",
}
"""Phrases whose modal word is no deontic statement of the text."""


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    group: str
    text: str
    modality: str


@lru_cache(maxsize=8)
def _pattern(table: str, lang: str) -> re.Pattern[str]:
    source = {"negated": NEGATED_SUBJECT, "nobody": NOBODY_HINT}.get(table, IGNORED)
    return patterns.compile(source.get(lang, r"(?!)"), re.IGNORECASE)


def grammar_of(context: Context, lang: str) -> Grammar | None:
    """The obligations grammar of ``lang`` for the document of ``context``, made once."""
    return context.once(f"{NAME}.grammar.{lang}", _grammar, context.treaty, lang)


def _grammar(treaty: TreatySet, lang: str) -> Grammar | None:
    from ..obligations import LANGUAGES, grammar

    return grammar(treaty, lang) if lang in LANGUAGES else None


def deontic_words(treaty_grammar: Grammar, text: str, lang: str) -> list[Word]:
    """The deontic words of ``text`` with their group, savings clauses ("shall be construed") left out."""

    words: list[Word] = []
    denies = lang in NEGATED_SUBJECT or lang in NOBODY_HINT  # a language without those words denies no subject
    # in order, apart; a language without such phrases has none to look for
    ignored = [(m.start(), m.end()) for m in _pattern("ignored", lang).finditer(text)] if lang in IGNORED else []
    ignored_starts = [a for a, _ in ignored]
    for begin, end in cached_spans(text, lang):
        sentence = text[begin:end]
        for marker in treaty_grammar.markers(sentence):
            group = GROUPS.get(marker.modality)
            if group is None or treaty_grammar.is_savings(sentence, marker, 0):
                continue
            if treaty_grammar.is_subordinate(sentence, treaty_grammar.chunk_start(sentence, 0, marker.start), marker):
                continue  # "such data as it may hold", "which it may designate": no statement of the text
            start, stop = begin + marker.start, begin + marker.end
            inside = bisect.bisect_right(ignored_starts, start) - 1  # the last phrase that starts at or before it
            if inside >= 0 and start < ignored[inside][1]:
                continue  # not a scan of every phrase for every marker: "as the case may be" 10,000 times is linear
            modality = marker.modality
            if group != "shall not" and denies and _denied(treaty_grammar, sentence, marker, lang):
                if re.search(treaty_grammar.unrequired, sentence[marker.start : marker.end]):
                    group, modality = "may", "permission"  # "Neither Party shall be required to" ↔ 任何一方均无须
                else:
                    group, modality = "shall not", "prohibition"
            words.append(Word(start, stop, group, text[start:stop], modality))
    return words


def _denied(treaty_grammar: Grammar, sentence: str, marker: Marker, lang: str) -> bool:
    """Whether the subject of the marker is denied ("No Party shall", "Neither Party may"): the words before
    it, or a subject that is nobody of a party."""
    if not _may_deny(sentence[max(0, marker.start - NOBODY_REACH) : marker.start]):
        return False  # (no word that denies in reach of either test: the lead is the end of this window)
    lead = sentence[max(0, marker.start - NEGATION_LEAD) : marker.start]
    return bool(_may_deny(lead) and _pattern("negated", lang).search(lead)) or _nobody(
        treaty_grammar, sentence, marker, lang
    )


NOBODY_REACH = 300
"""How far before its marker a subject that is nobody of a party may start (a bound keeps the check linear)."""
NEGATION_LEAD = 60
"""How far before its marker the words of :data:`NEGATED_SUBJECT` are looked for (no further than
:data:`NOBODY_REACH`: :func:`_denied` first asks the wider window whether it can deny at all)."""


def _may_deny(text: str) -> bool:
    """False when ``text`` cannot hold the words of :data:`NEGATED_SUBJECT` or :data:`NOBODY_HINT` (no, neither,
    nor, none, nothing: each has "no" or "neither" in it): a plain test before the patterns, for an ASCII text
    (where ignoring case is lower-casing); any other text goes to the patterns."""
    if not text.isascii():
        return True
    lowered = text.lower()
    return "no" in lowered or "neither" in lowered


def _nobody(treaty_grammar: Grammar, sentence: str, marker: Marker, lang: str) -> bool:
    """Whether the marker's subject is nobody of a party ("No officer or official of X, whether ..., shall")."""
    reach = max(0, marker.start - NOBODY_REACH)
    if not _may_deny(sentence[reach : marker.start]) or not _pattern("nobody", lang).search(
        sentence, reach, marker.start
    ):
        return False
    chain, _, _ = treaty_grammar.subject(sentence, reach, marker)
    return chain is not None and any(item.kind in ("none", "people-none") for item in chain.items)


def shift(first: list[Word], second: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """The words behind a change of modality between two aligned texts, or None when there is none."""
    if [w.group for w in first] == [w.group for w in second]:
        return None  # the same groups in the same order: the common case, without counting
    a = Counter(w.group for w in first)
    b = Counter(w.group for w in second)
    more_first = {g for g in a if a[g] > b[g]}
    more_second = {g for g in b if b[g] > a[g]}
    if not more_first or not more_second:
        return None
    return [w for w in first if w.group in more_first], [w for w in second if w.group in more_second]


def _sentence_groups(words: list[Word], spans: Sequence[tuple[int, int]]) -> list[list[Word]]:
    out: list[list[Word]] = [[] for _ in spans]
    index = 0
    for word in words:
        while index < len(spans) - 1 and word.start >= spans[index][1]:
            index += 1
        out[index].append(word)
    return out


def compare(
    texts: tuple[str, str], langs: tuple[str, str], grammars: tuple[Grammar, Grammar]
) -> list[tuple[list[Word], list[Word]]]:
    """Every change of modality between two texts: per sentence pair when the sentences pair up."""

    # a shift needs words of two groups, one in each language: a text without any ends the comparison
    words = [deontic_words(grammars[0], texts[0], langs[0])]
    if not words[0]:
        return []
    words.append(deontic_words(grammars[1], texts[1], langs[1]))
    if not words[1]:
        return []
    spans = [cached_spans(t, lang) for t, lang in zip(texts, langs, strict=True)]
    if len(spans[0]) == len(spans[1]) and len(spans[0]) > 1:
        pairs = zip(_sentence_groups(words[0], spans[0]), _sentence_groups(words[1], spans[1]), strict=True)
        return [found for pair in pairs if (found := shift(*pair)) is not None]
    found = shift(words[0], words[1])
    return [found] if found else []


def _say(words: list[Word]) -> str:
    by_modality: dict[str, list[str]] = {}
    for word in words:
        by_modality.setdefault(word.modality, [])
        if repr(word.text) not in by_modality[word.modality]:
            by_modality[word.modality].append(repr(word.text))
    return ", ".join(f"{' '.join(texts)} ({modality})" for modality, texts in by_modality.items())


_GRAMMARS = f"{NAME}.grammars"


def _grammars(context: Context) -> tuple[Grammar | None, Grammar | None]:
    first, second = context.langs
    return grammar_of(context, first), grammar_of(context, second)


def check_unit(context: Context, record: Record) -> list[Finding]:
    texts = context.pair(record)
    if texts is None or record.kind in ("formula", "signature"):
        return []
    first, second = context.langs
    grammars = context.once(_GRAMMARS, _grammars, context)  # looked up once a document, not at every unit
    if grammars[0] is None or grammars[1] is None:
        return []
    findings = []
    for mine, theirs in compare(texts, context.langs, (grammars[0], grammars[1])):
        message = f"the {context.name(first)} has {_say(mine)} where the {context.name(second)} has {_say(theirs)}"
        spans = spans_of(
            record,
            {first: [(w.start, w.end) for w in mine], second: [(w.start, w.end) for w in theirs]},
            "modality",
        )
        findings.append(Finding(NAME, "error", message, spans))
    return findings


def words_of(treaty: TreatySet, text: str, lang: str) -> list[Word]:
    """The deontic words of one text (for tests and other callers without a :class:`Context`)."""
    from ..obligations import grammar

    return deontic_words(grammar(treaty, lang), text, lang)
