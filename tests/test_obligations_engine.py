"""obligations.engine: the markers of a sentence, as the marker table and each grammar's tests say."""

from __future__ import annotations

import random
import re

import pytest

from unagree_cli.model import TreatySet
from unagree_cli.obligations import grammar
from unagree_cli.obligations.chinese import NOT_A_MARKER, not_a_marker
from unagree_cli.obligations.engine import Grammar, Marker, _compiled
from unagree_cli.obligations.sentences import split_sentences


def reference_markers(rules: Grammar, sentence: str) -> list[Marker]:
    """Every match of the marker pattern, its row of the table read from the number in its group's name."""
    pattern = _compiled(type(rules))[0]
    table = rules.marker_table
    out = []
    for found in pattern.finditer(sentence):
        modality, _, weak = table[int((found.lastgroup or "m0")[1:])]
        if rules.is_marker(sentence, found.start(), found.end(), weak):
            out.append(Marker(found.start(), found.end(), modality, weak))
    return out


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_markers_of_every_sentence_of_the_bundled_set(treaty: TreatySet, lang: str) -> None:
    rules = grammar(treaty, lang)
    seen = 0
    for version in treaty.versions.values():
        if version.lang != lang:
            continue
        for record in treaty.records(version.doc, [lang]):
            for sentence in split_sentences(record.text.get(lang, ""), lang):
                expected = reference_markers(rules, sentence)
                assert rules.markers(sentence) == expected, sentence
                seen += len(expected)
    assert seen > 50


def test_not_a_marker_reads_every_rule() -> None:
    """``after`` as one test of a tuple of prefixes: the same answers as a test of each prefix."""
    rng = random.Random(3)
    alphabet = sorted(
        {c for word in NOT_A_MARKER for c in word}
        | {c for r in NOT_A_MARKER.values() for v in r.values() for w in v for c in w}
    )
    for _ in range(3000):
        word = rng.choice(sorted(NOT_A_MARKER))
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
        after = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 3)))
        sentence, start = before + word + after, len(before)
        end = start + len(word)
        rules = NOT_A_MARKER[word]
        expected = (
            (bool(start) and sentence[start - 1] in rules.get("before", ()))
            or any(sentence.startswith(a, end) for a in rules.get("after", ()))
            or any(sentence.startswith(w, start - len(w)) for w in rules.get("words_before", ()) if start >= len(w))
        )
        assert not_a_marker(word, sentence, start, end) == expected, (word, sentence)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_every_word_of_the_trail_is_shorter_than_the_window_edge_trail_start_allows(lang: str) -> None:
    """:func:`trail_start` widens its window unless a match starts past ``TRAIL_WORD`` characters: a word
    of the trail cut by the window's edge must end (with its comma) within them."""
    from unagree_cli.obligations.chinese import Chinese
    from unagree_cli.obligations.engine import TRAIL_WINDOW, TRAIL_WORD
    from unagree_cli.obligations.english import English

    source = (English if lang == "en" else Chinese).trail
    words = re.findall(r"[A-Za-z\u4e00-\u9fff]+", source.replace("\\s", " ").replace("\\b", " "))
    assert len(words) > 5
    assert max(len(word) for word in words) + 1 < TRAIL_WORD < TRAIL_WINDOW


@pytest.mark.parametrize(
    ("name", "before"),
    [
        ("SUCH_AS", r"(?<!\bwell)\bas\s+(?!well\b)(?:[\w-]+\s+){0,6}$"),
        ("RELATIVE", r"\b(?:which|whom|whose|whereby|wherein|who|that)\b"),
    ],
)
def test_english_patterns_find_what_their_plain_forms_find(name: str, before: str) -> None:
    from unagree_cli.obligations.english import _RE

    plain, written = re.compile(before), getattr(_RE, name)
    rng = random.Random(name)
    words = ["as", "well", "was", "alas", "As", "such", "which", "whom", "whose", "who", "whoever", "that", "thats"]
    words += ["whereby", "wherein", "where", "w", "th", "_who", "1that", "-", "x", "é", "\n"]
    for _ in range(20_000):
        text = "".join(rng.choice(words) + rng.choice([" ", "", "  ", "-", "_"]) for _ in range(rng.randint(0, 12)))
        assert [m.span() for m in written.finditer(text)] == [m.span() for m in plain.finditer(text)], text


class _Counting:
    """A pattern that counts how often it is run (search: each a read of the rest of the text)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern_object = pattern
        self.pattern = pattern.pattern
        self.searches = 0
        self.scans = 0

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        self.searches += 1
        return self.pattern_object.search(text, pos)

    def finditer(self, text: str) -> object:
        self.scans += 1
        return self.pattern_object.finditer(text)


def test_a_request_after_ying_is_looked_for_once_in_a_long_sentence(
    treaty: TreatySet, monkeypatch: pytest.MonkeyPatch
) -> None:
    """应联合国的要求 ("at the request of") is read only when a request word follows 应. In a sentence of
    thousands of 应 that test is one scan of the sentence, not one read of its rest at each 应 (which made
    `diff` on a one-sentence paragraph of 4 MB quadratic: over 120 s)."""
    from unagree_cli.obligations import chinese
    from unagree_cli.obligations.engine import LONG_SENTENCE

    rules = grammar(treaty, "zh")
    clause = "联合国应将第{n}项通知国际移民组织并且"
    sentence = "".join(clause.format(n=n) for n in range(LONG_SENTENCE // 10)) + "应国际移民组织的要求提供协助。"
    counting = _Counting(chinese._RE.REQUEST_WORD)
    monkeypatch.setattr(chinese._RE, "REQUEST_WORD", counting)
    found = rules.markers(sentence)
    assert len(sentence) > LONG_SENTENCE and len(found) == sentence.count("应") - 1  # the last 应 is "at the request"
    assert counting.searches == 0 and counting.scans == 1
    rng = random.Random(3)
    for position in [0, len(sentence) - 8, len(sentence) - 1, *(rng.randrange(len(sentence)) for _ in range(200))]:
        expected = counting.pattern_object.search(sentence, position) is not None
        assert rules._request_after(sentence, position) is expected  # type: ignore[attr-defined]
    short = "应联合国的要求，国际移民组织应提供协助。"
    assert [sentence_marker.start for sentence_marker in rules.markers(short)] == [short.index("组织应") + 2]
