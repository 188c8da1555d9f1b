"""``doubled``: the repetitions found are those of a plain scan of every token at every phrase length."""

from __future__ import annotations

import random
import re

import pytest

from unagree_cli.qa.doubled import ALLOWED, MAX_CHARS, MAX_WORDS, MIN_CHARS, MIN_LIST_PHRASE, SEPARATORS, repetitions

WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*|[\u3400-\u9fff\uf900-\ufaff]")


def reference(text: str, lang: str) -> list[tuple[int, int, str]]:
    """Every token, every phrase length from the shortest, the first repetition kept; its copies skipped."""
    matches = list(WORD.finditer(text))
    tokens = [m.group() if lang == "zh" else m.group().lower() for m in matches]
    shortest, longest, join = (MIN_CHARS, MAX_CHARS, "") if lang == "zh" else (1, MAX_WORDS, " ")
    found = []
    i = 0
    while i < len(tokens):
        step = 1
        for n in range(shortest, longest + 1):
            if i + 2 * n > len(tokens) or tokens[i : i + n] != tokens[i + n : i + 2 * n]:
                continue
            words = tokens[i : i + n]
            phrase = join.join(words)
            if phrase in ALLOWED.get(lang, frozenset()):
                continue
            if lang == "zh":
                if len(set(words)) == 1 or not all(re.fullmatch("[\u3400-\u9fff\uf900-\ufaff]", t) for t in words):
                    continue
                gap = text[matches[i + n - 1].start() + 1 : matches[i + n].start()]
                end = matches[i + 2 * n - 1].start() + 1
            else:
                if all(t.isdigit() for t in words):
                    continue
                gap = text[matches[i + n - 1].end() : matches[i + n].start()]
                end = matches[i + 2 * n - 1].end()
            if gap.strip() and not (gap.strip() in SEPARATORS and n >= MIN_LIST_PHRASE[lang == "zh"]):
                continue
            found.append((matches[i].start(), end, phrase))
            step = 2 * n
            break
        i += step
    return found


def random_text(rng: random.Random, lang: str) -> str:
    """Words from a small vocabulary, with phrases copied at once now and then, and separators between."""
    if lang == "zh":
        vocabulary = ["合", "作", "国", "应", "将", "人", "常", "第", "12", "a", "各", "项"]
        gaps = ["", "", "", "，", "、", "。", " "]
    else:
        vocabulary = ["the", "The", "Party", "shall", "that", "12", "7", "is", "may", "co-operate", "States"]
        if rng.random() < 0.5:  # not ASCII: "\u212a" (the Kelvin sign) is a "k" lower-cased, but no word character
            vocabulary += ["Party’s", "THE", "\u212aing", "\u212a", "é"]
        gaps = [" ", " ", " ", ", ", "; ", ". ", " - "]
    words: list[str] = []
    for _ in range(rng.randint(0, 120)):
        if words and rng.random() < 0.15:
            n = rng.randint(1, min(len(words), 8))
            words.extend(words[-n:])  # a phrase twice in a row
        else:
            words.append(rng.choice(vocabulary))
    return "".join(word + rng.choice(gaps) for word in words)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_repetitions_are_those_of_a_plain_scan(lang: str) -> None:
    rng = random.Random(20261202)
    seen = 0
    for _ in range(600):
        text = random_text(rng, lang)
        expected = reference(text, lang)
        assert repetitions(text, lang) == expected, text
        seen += len(expected)
    assert seen > 100  # the random texts do repeat phrases


def test_a_long_text_with_a_repetition_far_in() -> None:
    text = "".join(f"The United Nations shall inform the Organization of item {n}. " for n in range(2000))
    text += "It shall shall act."
    assert repetitions(text, "en") == reference(text, "en") == [(len(text) - 16, len(text) - 5, "shall")]
