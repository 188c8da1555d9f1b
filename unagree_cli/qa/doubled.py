"""``doubled``: a word or phrase written twice in a row in one language only ("the the", 合作合作).

A text's words are written one character each, and one regular expression
finds where a phrase (up to :data:`MAX_WORDS` words or :data:`MAX_CHARS`
characters) is followed by itself; only there are the phrases looked at in
Python: linear in the text's length, at the regular expression engine's speed. A repetition the other
language also has is not a finding; nor are the repetitions of
:data:`ALLOWED` ("that that", 常常).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .. import patterns
from ..model import Record
from . import Context, Finding, excerpt, spans_of

NAME = "doubled"
MAX_WORDS = 20
MAX_CHARS = 40  # a whole clause doubled (以及秘书长可能索取的其他文件) is as much a slip as a word
SEPARATORS = {",", ";", "，", "、", "；"}
MIN_LIST_PHRASE = (3, 4)  # words (English), characters (Chinese) of a phrase repeated across a comma
MIN_CHARS = 2  # a Chinese repetition shorter than this is reduplication (人人, 常常)

ALLOWED: dict[str, frozenset[str]] = {
    "en": frozenset({"that", "had", "is", "very", "bye"}),
    "zh": frozenset({"一一", "各各", "个个", "常常", "人人", "年年", "渐渐", "谢谢", "多多"}),
}


@lru_cache(maxsize=2)
def _word() -> re.Pattern[str]:
    return patterns.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*|[\u3400-\u9fff\uf900-\ufaff]")


@lru_cache(maxsize=4)
def _repeated(shortest: int, longest: int) -> re.Pattern[str]:
    """Where a phrase of ``shortest`` to ``longest`` characters (token codes) is followed by itself."""
    return patterns.compile(f"(?=(.{{{shortest},{longest}}}?)\\1)", re.DOTALL)


def repetitions(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each phrase immediately repeated: the span covers both copies."""
    allowed = ALLOWED.get(lang, frozenset())
    found: list[tuple[int, int, str]] = []
    if lang == "zh":
        tokens = _word().findall(text)
        lengths = range(MIN_CHARS, MAX_CHARS + 1)
        join = ""
    elif text.isascii():  # lower-cased, the same words at the same places (not every text: K, the Kelvin sign)
        tokens = _word().findall(text.lower())
        lengths = range(1, MAX_WORDS + 1)
        join = " "
    else:
        tokens = [token.lower() for token in _word().findall(text)]
        lengths = range(1, MAX_WORDS + 1)
        join = " "
    if len(set(tokens)) == len(tokens):
        return found  # a phrase repeated starts with a token met twice: none is (most units), nothing to look for
    spans: list[tuple[int, int]] = []  # each token's (start, end), read only when a repetition is met

    def span(index: int) -> tuple[int, int]:
        if not spans:
            spans.extend(m.span() for m in _word().finditer(text))
        return spans[index]

    # each distinct token as one character: two phrases are compared as two slices of a string, at C speed
    codes = {token: chr(number) for number, token in enumerate(dict.fromkeys(tokens))}
    size = len(tokens)
    key: str | list[str] = tokens
    codes_key = ""
    if len(codes) < 0x110000:
        key = codes_key = "".join(map(codes.__getitem__, tokens))
    # where a phrase of ``lengths`` is repeated at once, found at C speed: only there is anything looked at
    search = _repeated(lengths[0], lengths[-1]).search if codes_key else None
    shortest, longest = lengths[0], lengths[-1]
    i = 0
    while i < size:
        if search is not None:
            hit = search(codes_key, i)
            if hit is None:
                break
            i = hit.start()
        taken = i + 1
        # the distances at which the tokens from i are repeated at once, shortest first
        for n in range(shortest, min(longest, (size - i) // 2) + 1):
            if key[i + n - 1] != key[i + 2 * n - 1] or key[i : i + n] != key[i + n : i + 2 * n]:
                continue
            phrase = join.join(tokens[i : i + n])
            if phrase in allowed or (lang == "zh" and len(set(tokens[i : i + n])) == 1):
                continue
            if lang == "zh":
                if not all("\u3400" <= t <= "\u9fff" or "\uf900" <= t <= "\ufaff" for t in tokens[i : i + n]):
                    continue
                gap = text[span(i + n - 1)[0] + 1 : span(i + n)[0]]
                end = span(i + 2 * n - 1)[0] + 1
            else:
                if all(t.isdigit() for t in tokens[i : i + n]):
                    continue
                gap = text[span(i + n - 1)[1] : span(i + n)[0]]
                end = span(i + 2 * n - 1)[1]
            if gap.strip() and not (gap.strip() in SEPARATORS and n >= MIN_LIST_PHRASE[lang == "zh"]):
                continue  # "shall, shall": short items of a list; a long phrase repeated after a comma is a slip
            found.append((span(i)[0], end, phrase))
            taken = i + 2 * n  # the tokens of both copies: none starts a repetition of its own
            break
        i = taken
    return found


def check_unit(context: Context, record: Record) -> list[Finding]:
    if context.pair(record) is None:
        return []
    texts = [record.text[lang] for lang in context.langs]  # not the heading: it may open the text with its word
    reps = [repetitions(text, lang) for text, lang in zip(texts, context.langs, strict=True)]
    if bool(reps[0]) == bool(reps[1]):
        return []
    side = 0 if reps[0] else 1
    lang, other = context.langs[side], context.langs[1 - side]
    text = texts[side]
    said = "; ".join(f"'{excerpt(text, start, end)}'" for start, end, _ in reps[side])
    message = f"the {context.name(lang)} repeats words that the {context.name(other)} has once: {said}"
    return [
        Finding(NAME, "warning", message, spans_of(record, {lang: [(s, e) for s, e, _ in reps[side]]}, in_text=True))
    ]
