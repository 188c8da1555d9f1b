"""``untranslated``: Latin-script words left in the Chinese.

Allowed: UN document symbols (A/RES/70/296), point letters in brackets
((a), (iv)), and any Chinese form the glossary accepts that is written in
Latin script (list a name as a Chinese variant to allow it untranslated).
"""

from __future__ import annotations

import re
from functools import cached_property

from .. import patterns
from ..model import Record, TreatySet
from . import Context, Finding, excerpt, spans_of
from .numbers import SYMBOL

NAME = "untranslated"


class _Patterns:
    """The module's regular expressions, each compiled the first time it is used (not at import: start-up time)."""

    @cached_property
    def ALLOWED(self) -> re.Pattern[str]:
        return patterns.compile(rf"{SYMBOL}|\(\s*(?:[a-z]{{1,2}}|[ivxlc]+)\s*\)", re.ASCII)

    @cached_property
    def LATIN_WORD(self) -> re.Pattern[str]:
        return patterns.compile(r"[A-Za-z\u00c0-\u024f]+(?:['’-][A-Za-z\u00c0-\u024f]+)*")


_RE = _Patterns()


def allowed_forms(context: Context, lang: str) -> list[str]:
    """Glossary forms in ``lang`` that contain Latin letters, longest first (worked out once per document)."""
    return context.once(f"{NAME}.allowed.{lang}", _allowed_forms, context.treaty, lang)


def _allowed_forms(treaty: TreatySet, lang: str) -> list[str]:
    forms = {f for term in treaty.glossary for f in term.forms(lang) if _RE.LATIN_WORD.search(f)}
    return sorted(forms, key=len, reverse=True)


def latin_words(text: str, allowed: list[str]) -> list[tuple[int, int]]:
    """Spans of Latin-script words in ``text`` that are neither symbols nor allowed forms."""
    if _RE.LATIN_WORD.search(text) is None:
        return []  # no Latin word at all (most Chinese units): nothing to mask
    blank = list(text)
    for match in _RE.ALLOWED.finditer(text):
        blank[match.start() : match.end()] = " " * (match.end() - match.start())
    masked = "".join(blank)
    for form in allowed:
        masked = masked.replace(form, " " * len(form))
    return [(m.start(), m.end()) for m in _RE.LATIN_WORD.finditer(masked)]


def check_unit(context: Context, record: Record) -> list[Finding]:
    texts = context.pair(record)
    if texts is None:
        return []
    source, target = context.langs
    if target != "zh":  # any other pair: a unit left exactly as the other language has it
        bodies = [record.text.get(lang, "").strip() for lang in (source, target)]
        same = bodies[0] == bodies[1] and len(re.findall(r"\w{3,}", bodies[0])) >= 3
        if same and source != target:
            return [
                Finding(NAME, "warning", f"the {context.name(target)} is the {context.name(source)} text, untranslated")
            ]
        return []
    english, chinese = texts
    spans = latin_words(chinese, allowed_forms(context, target))
    if not spans:
        return []
    words = [chinese[s:e] for s, e in spans]
    where = "; ".join(f"'{excerpt(chinese, s, e)}'" for s, e in spans)
    in_source = [w for w in words if re.search(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])", english, re.IGNORECASE)]
    tail = f"; the {context.name(source)} has " + ", ".join(f"'{w}'" for w in in_source) if in_source else ""
    noun = "word" if len(words) == 1 else "words"
    message = (
        f"Latin-script {noun} in the {context.name(target)}: "
        + ", ".join(f"'{w}'" for w in words)
        + f" ({where}){tail}"
    )
    return [Finding(NAME, "warning", message, spans_of(record, {target: spans}))]
