"""Aligning the language versions of a document by eId."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from unagree_cli.align import AlignError, align, describe, document_record, language_pair, list_of, missing_langs
from unagree_cli.corpus import load
from unagree_cli.model import TreatySet

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_language_pair_is_the_first_two_languages(treaty: TreatySet) -> None:
    assert language_pair(treaty) == ("en", "zh")


def test_a_single_language_treaty_cannot_be_compared(treaty: TreatySet) -> None:
    with pytest.raises(AlignError, match="only one language"):
        language_pair(dataclasses.replace(treaty, languages=["en"]))


def test_agreement_pairs_every_unit_in_both_languages(treaty: TreatySet) -> None:
    alignment = align(treaty, "agreement")
    assert alignment.langs == ("en", "zh")
    assert alignment.one_sided is None
    assert alignment.present == ["en", "zh"]
    assert [r for r in alignment.records if missing_langs(r, alignment.langs)] == []
    eids = [r.eid for r in alignment.records]
    assert eids[0] == "preamble__formula_1"
    assert "art_3__para_2__list_1__point_e" in eids


def test_note_exists_in_chinese_only(treaty: TreatySet) -> None:
    alignment = align(treaty, "note")
    assert alignment.one_sided == "zh"
    assert alignment.present == ["zh"]


def test_list_sizes_count_points_per_language(treaty: TreatySet) -> None:
    sizes = align(treaty, "agreement").list_sizes()
    assert dict(sizes["art_3__para_2__list_1"]) == {"en": 5, "zh": 5}


def test_a_dropped_point_shows_in_the_list_sizes() -> None:
    alignment = align(load(FIXTURES / "qa_missing"), "agreement")
    assert dict(alignment.list_sizes()["art_2__para_2__list_1"]) == {"en": 3, "zh": 2}
    point = next(r for r in alignment.records if r.eid == "art_2__para_2__list_1__point_c")
    assert missing_langs(point, alignment.langs) == ["zh"]


def test_draft_and_final_versions(treaty: TreatySet) -> None:
    assert align(treaty, "agreement").draft_and_final() == ("zh", "en")
    assert align(treaty, "resolution").draft_and_final() == ("zh", "en")
    assert align(load(FIXTURES / "qa_clean"), "agreement").draft_and_final() is None


def test_adoption_record_is_the_adopted_resolution_closing_lines(treaty: TreatySet) -> None:
    closing = align(treaty, "resolution").adoption_record()
    assert [r.eid for r in closing] == ["conclusions__p_1", "conclusions__p_2"]
    assert [r.text["en"] for r in closing] == ["112th plenary meeting", "25 July 2016"]
    # the agreement's conclusions exist in both languages: nothing to excuse
    assert align(treaty, "agreement").adoption_record() == []


def test_document_record_carries_the_titles(treaty: TreatySet) -> None:
    record = document_record(align(treaty, "resolution"))
    assert (record.doc, record.ref, record.eid, record.kind) == ("resolution", "all", "", "document")
    assert record.text["zh"] == "联合国同国际移民组织的合作"
    assert set(record.text) == {"en", "zh"}


def test_list_of_and_describe(treaty: TreatySet) -> None:
    records = {r.eid: r for r in align(treaty, "agreement").records}
    point = records["art_3__para_2__list_1__point_e"]
    assert list_of(point) == "art_3__para_2__list_1"
    assert list_of(records["art_5__para_1"]) is None
    assert describe(point) == "point (e) of 3.2"
    assert describe(records["art_5__para_1"]) == "paragraph 5.1"
    assert describe(records["art_14"]) == "article 14"
    assert describe(records["preamble__rec_3"]) == "preamble clause 3"
    assert describe(records["art_3__para_2__list_1__intro"]) == "the list introduction of 3.2"
