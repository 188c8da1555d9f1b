"""The language of a published text, from its script and, for Latin script, its most frequent words."""

from __future__ import annotations

import re
from collections import Counter

from ..patterns import lazy
from .rules import RULES

_SCRIPTS = (
    ("zh", lazy(r"[\u4e00-\u9fff\u3400-\u4dbf]")),
    ("ar", lazy(r"[\u0600-\u06ff\u0750-\u077f]")),
    ("ru", lazy(r"[\u0400-\u04ff]")),
)
_LATIN = lazy(r"[A-Za-z\u00c0-\u024f]")
_WORD = lazy(r"[a-zà-ÿ]+")


def detect_language(text: str) -> tuple[str | None, str]:
    """``(code, why)``: the language and how it was told, or ``(None, why not)``."""
    sample = re.sub(r"https?://\S+|<<[^>]*>>", " ", text)
    counts = {code: len(pattern.findall(sample)) for code, pattern in _SCRIPTS}
    latin = len(_LATIN.findall(sample))
    total = sum(counts.values()) + latin
    if total == 0:
        return None, "no letters in the text"
    code, most = max(counts.items(), key=lambda item: item[1])
    if most >= total * 0.2:
        return code, f"script: {most} of {total} letters are {_NAMES[code]}"
    words = Counter(_WORD.findall(sample.lower()))
    scores = {
        lang: sum(words[w] for w in RULES[lang].stopwords) for lang in ("en", "fr", "es") if RULES[lang].stopwords
    }
    best = max(scores, key=lambda lang: scores[lang])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] == 0:
        return None, "Latin script, but none of the frequent words of English, French or Spanish"
    return best, f"Latin script; frequent words: {best} {ranked[0]}, next {ranked[1]}"


_NAMES = {"zh": "Chinese characters", "ar": "Arabic letters", "ru": "Cyrillic letters"}
