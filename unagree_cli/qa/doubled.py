"""``doubled``: a word or phrase written twice in a row in one language only ("the the", 合作合作).

Each text is scanned once per phrase length (up to :data:`MAX_WORDS` words or
:data:`MAX_CHARS` characters): linear in its length. A repetition the other
language also has is not a finding; nor are the repetitions of
:data:`ALLOWED` ("that that", 常常).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Record
from . import Check, Context, Finding, both, excerpt, spans_of

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
    return re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*|[\u3400-\u9fff\uf900-\ufaff]")


def repetitions(text: str, lang: str) -> list[tuple[int, int, str]]:
    """(start, end, phrase) of each phrase immediately repeated: the span covers both copies."""
    allowed = ALLOWED.get(lang, frozenset())
    found: list[tuple[int, int, str]] = []
    if lang == "zh":
        chars = [(m.start(), m.group()) for m in _word().finditer(text)]
        tokens = [c for _, c in chars]
        starts = [p for p, _ in chars]
        lengths = range(MIN_CHARS, MAX_CHARS + 1)
        join = ""
    else:
        words = list(_word().finditer(text))
        tokens = [w.group().lower() for w in words]
        starts = [w.start() for w in words]
        ends = [w.end() for w in words]
        lengths = range(1, MAX_WORDS + 1)
        join = " "
    # where each token occurs next: a phrase repeated at distance n starts with a token that recurs n later, so
    # only those distances are tried (linear in the text, whatever the longest phrase looked for)
    following = [len(tokens)] * len(tokens)
    last: dict[str, int] = {}
    for index in range(len(tokens) - 1, -1, -1):
        following[index] = last.get(tokens[index], len(tokens))
        last[tokens[index]] = index
    shortest, longest = lengths[0], lengths[-1]
    taken_until = -1
    for i in range(len(tokens)):
        if starts[i] < taken_until:
            continue
        j = following[i]
        while j - i <= longest and i + 2 * (j - i) <= len(tokens):
            n, j = j - i, following[j]
            if (
                n < shortest
                or (n > 1 and (tokens[i + 1] != tokens[i + n + 1] or tokens[i + n - 1] != tokens[i + 2 * n - 1]))
                or tokens[i : i + n] != tokens[i + n : i + 2 * n]
            ):
                continue  # (the second and last tokens first: most candidates differ there, no slices made)
            phrase = join.join(tokens[i : i + n])
            if phrase in allowed or (lang == "zh" and len(set(tokens[i : i + n])) == 1):
                continue
            if lang == "zh":
                if not all("\u3400" <= t <= "\u9fff" or "\uf900" <= t <= "\ufaff" for t in tokens[i : i + n]):
                    continue
                gap = text[starts[i + n - 1] + 1 : starts[i + n]]
                end = starts[i + 2 * n - 1] + 1
            else:
                if all(t.isdigit() for t in tokens[i : i + n]):
                    continue
                gap = text[ends[i + n - 1] : starts[i + n]]
                end = ends[i + 2 * n - 1]
            if gap.strip() and not (gap.strip() in SEPARATORS and n >= MIN_LIST_PHRASE[lang == "zh"]):
                continue  # "shall, shall": short items of a list; a long phrase repeated after a comma is a slip
            found.append((starts[i], end, phrase))
            taken_until = end
            break
    return found


def check_unit(context: Context, record: Record) -> list[Finding]:
    if both(record, context.langs) is None:
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


CHECK = Check(NAME, "a word or phrase written twice in a row in one language only", check_unit)
