"""The checks' shortcuts for the common unit give what the long way gives.

Each shortcut skips work when a cheap test shows it would find nothing (no reference, no bracket,
no Latin word, one sentence, a unit's pair of texts read once). Each is compared here with the
long way on random texts built from the characters that matter, and on every unit of the
development sets.
"""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path

import pytest

from unagree_cli import patterns, qa
from unagree_cli.align import align
from unagree_cli.corpus import load
from unagree_cli.model import Record, TreatySet
from unagree_cli.obligations import sentences
from unagree_cli.qa import crossrefs, punctuation, untranslated

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ALPHABET = {
    "en": [
        "Article ",
        "articles ",
        "paragraph ",
        "para. ",
        "sub-paragraph ",
        "(a)",
        " (ii) above",
        "1",
        "14",
        " and ",
        ", ",
        ".",
        " ",
        "\n",
        "\u3000",
        "Mr. ",
        "No. 3",
        "shall",
        "x",
        "[",
        "]",
        '"',
        "“",
        "”",
        "’",
        "é",
    ],
    "zh": [
        "第",
        "十四",
        "2",
        "条",
        "款",
        "段",
        "、",
        "和",
        "（a）",
        "项",
        "。",
        "；",
        " ",
        "联合国",
        "应",
        "A/70",
        "《",
        "》",
    ],
}


def random_texts(lang: str, count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(ALPHABET[lang]) for _ in range(rng.randint(0, 12))) for _ in range(count)]


def development_texts() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for folder in sorted(FIXTURES.glob("devset*/*/treaty.yaml")):
        treaty = load(folder.parent.parent, folder.parent.name)
        for version in treaty.versions.values():
            out += [(unit.text, version.lang) for unit in version.units if unit.text]
    return out


@pytest.fixture(scope="module")
def texts() -> list[tuple[str, str]]:
    return development_texts() + [(t, lang) for lang in ("en", "zh") for t in random_texts(lang, 3000, 12)]


def spans_the_long_way(text: str, lang: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans as they were read before the one-sentence shortcut: blanks around each cut stepped over one by
    one."""
    cuts = sentences.cuts_of(text, lang)
    out: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, len(text)]:
        begin, end = start, cut
        while begin < end and text[begin].isspace():
            begin += 1
        while end > begin and text[end - 1].isspace():
            end -= 1
        if begin < end:
            out.append((begin, end))
        start = cut
    return tuple(out)


def test_sentence_spans_are_those_of_the_long_way(texts: list[tuple[str, str]]) -> None:
    for text, lang in texts:
        assert sentences.sentence_spans(text, lang) == list(spans_the_long_way(text, lang)), (text, lang)


def test_references_found_after_the_one_search_are_those_of_every_pattern(
    texts: list[tuple[str, str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    short = {(text, lang): crossrefs.references(text, lang) for text, lang in texts}
    assert any(short.values())  # the texts do refer to articles and paragraphs
    crossrefs._references.cache_clear()
    monkeypatch.setattr(crossrefs, "_any", lambda lang: patterns.compile(""))  # always "maybe"
    try:
        for (text, lang), found in short.items():
            assert crossrefs.references(text, lang) == found, (text, lang)
    finally:
        crossrefs._references.cache_clear()


def test_unpaired_marks_without_any_mark_are_none(texts: list[tuple[str, str]]) -> None:
    marks = punctuation._marks()
    for text, _ in texts:
        if marks.search(text) is None:
            assert punctuation.unpaired(text) == []
        else:  # the scan itself: a lone opener stays, a pair goes
            assert punctuation.unpaired(text + "(")[-1] == (len(text), "(")


def test_latin_words_are_found_as_before_the_shortcut() -> None:
    rng = random.Random(5)
    pieces = ["联合国", "IOM", "A/70/976", "Director-General", "é", "ad hoc", " ", "。", "“", "Ａ"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        masked = text
        for match in untranslated._RE.ALLOWED.finditer(text):
            masked = masked[: match.start()] + " " * (match.end() - match.start()) + masked[match.end() :]
        masked = masked.replace("IOM", "   ")
        expected = [(m.start(), m.end()) for m in untranslated._RE.LATIN_WORD.finditer(masked)]
        assert untranslated.latin_words(text, ["IOM"]) == expected, text


def test_the_pair_of_a_unit_is_read_afresh_outside_a_run(treaty: TreatySet) -> None:
    context = qa.Context(treaty, align(treaty, "agreement"))
    seen: list[tuple[str, str] | None] = []

    def spy(context: qa.Context, record: Record) -> list[qa.Finding]:
        seen.append(context.pair(record))
        return []

    qa.all_findings(context, [qa.Check("spy", "reads the pair", spy)])
    records = context.alignment.records
    assert seen == [qa.both(record, context.langs) for record in records]  # in a run: the pair read once
    assert "qa.unit" not in context.cache  # and not kept after it
    record = dataclasses.replace(next(r for r in records if r.text.get("en") and r.text.get("zh")))
    record.text = {**record.text, "en": "Changed: 12 days."}
    assert context.pair(record) == ("Changed: 12 days.", record.text["zh"])


def test_the_negation_lead_lies_inside_the_nobody_reach() -> None:
    """modality._denied asks the wider window first; the lead must be the end of it."""
    from unagree_cli.qa import modality

    assert 0 < modality.NEGATION_LEAD <= modality.NOBODY_REACH


def test_a_period_unit_is_never_found_where_its_word_test_finds_none() -> None:
    """numbers reads number words before a period ("three months") only where EN_UNIT_WORD finds a unit word
    first: wherever EN_UNIT (the unit with what may precede it) matches, the word test must match too."""
    import re

    from unagree_cli.qa.numbers import _RE, PERIOD_UNITS

    last = re.search(r"\(\?:([^()]*)\)\\b$", PERIOD_UNITS["en"])
    assert last is not None, PERIOD_UNITS["en"]
    words = [word.rstrip("?").rstrip("s") + "s" for word in last.group(1).split("|")]
    rng = random.Random(8)
    pieces = [*words, *(w.upper() for w in words), *(w.title() for w in words), "wee\u212a", " ", "-", "calendar ", "x"]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        if _RE.EN_UNIT.search(text):
            assert _RE.EN_UNIT_WORD.search(text), text


def test_a_per_document_table_is_made_once_even_when_it_is_none(treaty: TreatySet) -> None:
    context = qa.Context(treaty, align(treaty, "agreement"))
    made: list[tuple[str, ...]] = []

    def make(*args: str) -> None:
        made.append(args)

    assert context.once("test.none", make, "en", "zh") is None
    assert context.once("test.none", make, "fr") is None
    assert made == [("en", "zh")]
