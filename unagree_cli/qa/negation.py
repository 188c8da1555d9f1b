"""``negation``: a negation in one language that the other lacks.

Each language's negation words come from :data:`NEGATIONS` (not, no, neither,
nor, without ↔ 不, 未, 无, 非, 均不, 不得), less the phrases of :data:`NOT_NEGATIONS`
that negate nothing in the sense compared ("no later than" ↔ 不迟于 is kept,
"without delay" ↔ 立即 and 不同 "different" are not). Sentences are compared
pair by pair when both versions of the unit have as many, else the whole
unit: a finding is a sentence (or unit) with negation in one language and
none in the other, which is what a dropped or added "not" leaves. A negative
prefix inside a noun or adjective is lexical, not a negated clause, and is not
counted ("immovable", "prohibitions", "unnecessary" ↔ 不动产, 不必要); a word that
makes the clause deny (the verb "prohibited", "inviolable" ↔ 不可侵犯) is.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import patterns
from ..model import Record
from ..obligations.sentences import sentence_spans
from . import Context, Finding, by_sentence, quote, spans_of

NAME = "negation"

NEGATIONS: dict[str, str] = {
    "en": (
        r"\b(?:not|no|neither|nor|never|none|nothing|without|cannot|non)\b|n't\b|\bnon-"
        r"|\b(?:inviolab\w*|unauthori[sz]ed|unable|unlawful\w*|invalid\w*|inapplicable|incompatible|impossib\w*|"
        r"illegal\w*|irrevocab\w*|inadmissible|unacceptable|prohibit(?:s|ed|ing)?|refrain\w*|abstain\w*|"
        r"failing)\b|\bfail(?:s|ed|ure)?\s+to\b|\bin\s+the\s+absence\s+of\b"
    ),
    "zh": r"均不|不得|不|未|无|非|没有|毋|勿|否",
}
NOT_NEGATIONS: dict[str, str] = {
    "en": (
        r"\bwithout\s+(?:delay|prejudice|undue\s+delay|charge|cost|payment|fees?|remuneration)\b"
        r"|\bnot\s+(?:affect|prejudice|impair|derogate|limit)\b|\bnot\s+be\s+(?:construed|interpreted)\b|\bno\.\s*\d|\bNo\.|\bnot\s+only\b|\bnotwithstanding\b"
        r"|\bwhether\s+or\s+not\b|\bif\s+not\b|\bno\s+(?:later|earlier|sooner)\s+than\b"
        r"|\bnot\s+(?:later|earlier|less|more|fewer)\s+than\b|\bno\s+(?:less|more|fewer)\s+than\b"
        r"|\bnon-(?:governmental|profit|commercial|political|discriminat\w*|exhaustive|binding|member\w*|State)\b"
    ),
    "zh": (
        r"不同|不断|不时|不定期|不仅|不但|不论|无论|不迟于|不早于|不少于|不多于|不超过|不低于|不晚于|不妨碍|不影响|"
        r"不(?:应|得|会)?(?:妨碍|影响|损害|减损|限制)|不偏不倚|无偿|无线|非政府|非营利|非商业|非政治|非歧视|非常|并非仅|未来|除非|无一例外|毫无保留|"
        r"不可分割|不可抗力|无损于|无碍于|不言而喻|非正式|未予|无歧视|不歧视|不加歧视|不具约束力|非约束性|非成员|"
        r"无延误|不加拖延|不拖延|不延误|无不当延误|不当延误|不受影响|非经|免费|否则|是否|与否|非洲|不动产|"
        r"不必要|不需要|不必需"
    ),
}
"""Phrases with a negation word that each language may or may not render with one."""
LOWER_GUARDS: dict[str, tuple[str, str]] = {"en": ("(?=[acfinpruw])", "(?=[inw])")}
"""The letters a match of each pattern lower-cased starts with (a test checks), tried before its alternatives."""


@lru_cache(maxsize=8)
def _patterns(lang: str, lowered: bool = False) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The negation and exemption patterns of ``lang``; ignoring case, or (``lowered``) for a lower-case text."""
    sources = NEGATIONS.get(lang, r"(?!)"), NOT_NEGATIONS.get(lang, r"(?!)")
    if lowered:
        word_guard, exempt_guard = LOWER_GUARDS.get(lang, ("", ""))
        return (
            patterns.compile(f"{word_guard}(?:{_lower(sources[0])})"),
            patterns.compile(f"{exempt_guard}(?:{_lower(sources[1])})"),
        )
    flags = re.IGNORECASE if lang == "en" else 0
    return patterns.compile(sources[0], flags), patterns.compile(sources[1], flags)


def _lower(source: str) -> str:
    """A pattern's letters in lower case, its escapes (``\\b``, ``\\w``, ``\\.``) as they are."""
    out: list[str] = []
    escaped = False
    for char in source:
        out.append(char if escaped else char.lower())
        escaped = not escaped and char == "\\"
    return "".join(out)


def negations(text: str, lang: str) -> list[tuple[int, int]]:
    """The spans of the negation words of ``text``.

    The English patterns ignore case, which makes the regular expression engine test every letter
    twice: an ASCII text (where ignoring case is exactly lower-casing, offsets unchanged) is read
    lower-cased instead, with the patterns' letters lower-cased.
    """
    lowered = lang == "en" and text.isascii()
    word, exempt = _patterns(lang, lowered)
    if lowered:
        text = text.lower()
    skip = [(m.start(), m.end()) for m in exempt.finditer(text)]
    out = []
    index = 0
    for m in word.finditer(text):
        while index < len(skip) and skip[index][1] <= m.start():
            index += 1
        if index < len(skip) and skip[index][0] <= m.start():
            continue
        out.append((m.start(), m.end()))
    return out


def check_unit(context: Context, record: Record) -> list[Finding]:
    if context.pair(record) is None or record.kind in ("formula", "signature"):
        return []

    first, second = context.langs
    texts = [record.text[first], record.text[second]]
    if not texts[0] or texts[0].isspace() or not texts[1] or texts[1].isspace():  # blank: no copy stripped
        return []
    found = [negations(text, lang) for text, lang in zip(texts, context.langs, strict=True)]
    if not found[0] and not found[1]:
        return []  # no negation in either language (most units): no sentence can have one in one language only
    spans = [sentence_spans(text, lang) for text, lang in zip(texts, context.langs, strict=True)]
    if len(spans[0]) != len(spans[1]):
        spans = [[(0, len(texts[0]))], [(0, len(texts[1]))]]
    buckets = [by_sentence([s for s, _ in words], side) for words, side in zip(found, spans, strict=True)]
    findings: list[Finding] = []
    for index, ((a_start, a_end), (b_start, b_end)) in enumerate(zip(spans[0], spans[1], strict=True)):
        mine = [found[0][i] for i in buckets[0][index]]
        theirs = [found[1][i] for i in buckets[1][index]]
        if bool(mine) == bool(theirs):
            continue
        side = 0 if mine else 1
        lang, words = (first, mine) if mine else (second, theirs)
        other = context.langs[1 - side]
        sentence = texts[side][(a_start, b_start)[side] : (a_end, b_end)[side]]
        said = ", ".join(dict.fromkeys(f"'{texts[side][s:e]}'" for s, e in words))
        message = (
            f"the {context.name(lang)} negates ({said}) where the {context.name(other)} does not: {quote(sentence)}"
        )
        findings.append(Finding(NAME, "error", message, spans_of(record, {lang: words}, in_text=True)))
    return findings
