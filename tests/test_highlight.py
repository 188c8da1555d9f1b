"""Spans that carry meaning: deontic words by modality, search hits and their glossary counterparts, QA findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import CORPUS, FIXTURES

from unagree_cli.corpus import load
from unagree_cli.highlight import (
    FINDING,
    HIT,
    OBLIGATION,
    PERMISSION,
    PROHIBITION,
    RECOGNITION,
    RIGHT,
    Span,
    counterpart_spans,
    deontic_spans,
    finding_spans,
    hit_spans,
    merge,
    search_spans,
)
from unagree_cli.model import Record, TreatySet
from unagree_cli.search import compile_query


def words(text: str, spans: list[Span]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in spans]


def test_english_deontic_words_by_modality(treaty: TreatySet) -> None:
    text = (
        "The Director General shall be entitled to attend. The Parties shall not disclose it. "
        "The Council may invite the Secretary-General, who shall consult. The Parties recognize the need."
    )
    assert words(text, deontic_spans(treaty, text, "en")) == [
        ("shall be entitled", RIGHT),
        ("shall not", PROHIBITION),
        ("may", PERMISSION),
        ("shall", OBLIGATION),
        ("recognize", RECOGNITION),
    ]


def test_chinese_deontic_words_by_modality(treaty: TreatySet) -> None:
    text = "总干事应有权出席会议。双方不得泄露。理事会可邀请秘书长。联合国应当协商。双方认识到需要合作。"
    assert words(text, deontic_spans(treaty, text, "zh")) == [
        ("应有权", RIGHT),
        ("不得", PROHIBITION),
        ("可", PERMISSION),
        ("应当", OBLIGATION),
        ("认识到", RECOGNITION),
    ]


def test_chinese_words_that_only_look_deontic_are_left_alone(treaty: TreatySet) -> None:
    text = "应联合国的要求，理事会可能开会。"  # "at the request of", "possibly", 理事会 is not 会
    assert deontic_spans(treaty, text, "zh") == []


def test_offsets_point_into_the_unit_text_across_sentences(treaty: TreatySet) -> None:
    unit = treaty.versions[("agreement", "en")].unit("art_5__para_1")
    assert unit is not None
    spans = deontic_spans(treaty, unit.text, "en")
    assert len(spans) >= 3
    assert all(unit.text[s.start : s.end].split()[0] in ("shall", "may") for s in spans)
    assert all(s.note == s.kind for s in spans)


def test_a_language_without_rules_has_no_deontic_spans(treaty: TreatySet) -> None:
    assert deontic_spans(treaty, "Le Secrétaire général doit", "fr") == []


def test_a_fixture_treaty_uses_its_own_names() -> None:
    accord = load(FIXTURES / "accord")
    text = "The Parties shall use the watercourse."
    assert words(text, deontic_spans(accord, text, "en")) == [("shall", OBLIGATION)]


def record(en: str, zh: str) -> Record:
    return Record("agreement", "1", "art_1", "article", "1", {"en": en, "zh": zh})


def test_search_hits_and_the_glossary_counterpart_in_the_other_language(treaty: TreatySet) -> None:
    unit = record("The Secretary General and the Director-General", "秘书长和总干事")
    query = compile_query("secretary-general", ["en", "zh"])
    assert words(unit.text["en"], search_spans(treaty, query, unit, "en")) == [("Secretary General", HIT)]
    zh = search_spans(treaty, query, unit, "zh")
    assert words(unit.text["zh"], zh) == [("秘书长", HIT)]
    assert zh[0].note == "glossary: Secretary-General"


def test_a_chinese_query_marks_the_english_term(treaty: TreatySet) -> None:
    unit = record("The Director General shall report", "总干事应报告")
    query = compile_query("总干事", ["en", "zh"])
    assert words(unit.text["en"], search_spans(treaty, query, unit, "en")) == [("Director General", HIT)]


def test_no_counterpart_without_a_match_or_a_glossary_term(treaty: TreatySet) -> None:
    unit = record("The Council shall meet", "秘书长")
    assert counterpart_spans(treaty, compile_query("Secretary-General", ["en", "zh"]), unit, "zh") == []
    assert counterpart_spans(treaty, compile_query("Council", ["en", "zh"]), unit, "zh") == []


def test_hit_spans_keep_heading_and_text_apart() -> None:
    query = compile_query("passer", ["en"])
    unit = Record("a", "1", "art_1", "article", "1", {"en": "the laissez-passer"}, {"en": "passer"})
    matches = query.find(unit)
    assert hit_spans(matches, "en", "heading") == [Span(0, 6, HIT, "match")]
    assert hit_spans(matches, "en") == [Span(12, 18, HIT, "match")]


@dataclass(frozen=True)
class FakeFinding:
    check: str
    severity: str
    message: str
    spans: dict[str, list[object]] = field(default_factory=dict)


def test_finding_spans_come_from_the_findings() -> None:
    findings = [
        FakeFinding("numbers", "error", "70/263 has no counterpart", {"en": [(3, 9)], "zh": [Span(1, 4, FINDING)]}),
        FakeFinding("version", "info", "no spans"),
    ]
    assert finding_spans(findings, "en") == [Span(3, 9, FINDING, "error: 70/263 has no counterpart")]
    assert [(s.start, s.end) for s in finding_spans(findings, "zh")] == [(1, 4)]
    assert finding_spans(findings, "fr") == []


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        (([Span(0, 5, HIT)], [Span(3, 8, OBLIGATION), Span(9, 10, PERMISSION)]), [(0, 5), (9, 10)]),
        (([], [Span(1, 2, RIGHT)]), [(1, 2)]),
    ],
)
def test_merge_keeps_earlier_groups_over_overlaps(
    groups: tuple[list[Span], ...], expected: list[tuple[int, int]]
) -> None:
    assert [(s.start, s.end) for s in merge(*groups)] == expected


def test_operative_verbs_of_a_resolution_are_marked_only_in_operative_paragraphs(treaty: TreatySet) -> None:
    from unagree_cli.highlight import operative_units

    for lang, calls, notes in (("en", "Calls upon", "Notes"), ("zh", "促请", "注意到")):
        units = operative_units(treaty, "resolution", lang)
        version = treaty.versions[("resolution", lang)]
        body = [u for u in version.units if u.kind == "paragraph"]
        assert {u.eid for u in body} <= units
        assert not any(u.kind in ("recital", "formula") for u in version.units if u.eid in units)
        texts = {u.text.split()[0] if lang == "en" else u.text[:2]: u.text for u in body}
        calling = next(t for t in texts.values() if t.startswith(calls))
        assert words(calling, deontic_spans(treaty, calling, lang, operative=True))[0] == (calls, OBLIGATION)
        assert not any(s.start == 0 for s in deontic_spans(treaty, calling, lang))  # not without operative
        noting = next(t for t in texts.values() if t.startswith(notes))
        assert words(noting, deontic_spans(treaty, noting, lang, operative=True))[0] == (notes, RECOGNITION)
        approving = next(u.text for u in body if u.num == "1")  # Approves / 批准: an act, binds no one
        assert all(s.start > 0 for s in deontic_spans(treaty, approving, lang, operative=True))
    assert operative_units(treaty, "note", "zh") == frozenset()  # no opening formula: no acts of a body


def test_every_units_spans_are_kept_per_document_and_read_back_without_the_grammar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import unagree_cli.highlight as highlight
    from unagree_cli.highlight import DeonticMarks, operative_units, unit_deontic_spans

    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(tmp_path / "cache"))
    loaded = load(CORPUS)  # through the cache: a set with a fingerprint, whose analyses are kept
    assert loaded.fingerprint
    for (doc, lang), version in loaded.versions.items():
        operative = operative_units(loaded, doc, lang)
        expected = {
            unit.eid: spans
            for unit in version.units
            if (spans := deontic_spans(loaded, unit.text, lang, operative=unit.eid in operative))
        }
        assert unit_deontic_spans(loaded, doc, lang) == expected, (doc, lang)
    assert any(unit_deontic_spans(loaded, doc, "en") for doc in loaded.doc_keys())

    def grammar_used(*_args: object, **_kwargs: object) -> list[Span]:
        raise AssertionError("the spans were found again, not read from the cache")

    monkeypatch.setattr(highlight, "deontic_spans", grammar_used)
    again = load(CORPUS)
    marks = DeonticMarks(again)
    record = next(r for r in again.records("agreement", ["en", "zh"]) if r.eid == "art_2__para_5")
    assert [again_span.kind for again_span in marks(record, "en")] == [OBLIGATION]
    monkeypatch.setattr(highlight, "deontic_spans", deontic_spans)
    changed = "The Organization may decide."  # not the unit's text: found afresh
    assert words(changed, marks(record, "en", changed)) == [("may", PERMISSION)]
