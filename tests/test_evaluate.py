"""The evaluation thresholds (``make eval``): what CI guards on the development set and the gold lists."""

from __future__ import annotations

import pytest

from unagree_cli.evaluate import (
    BLIND,
    BLIND_SLIPS,
    BLIND_SLIPS_GOLD,
    DEVSET,
    SLIPS,
    SLIPS_GOLD,
    Score,
    SlipReport,
    evaluate_obligations,
    evaluate_slips,
    gold_sets,
    read_gold,
    read_tsv,
    report_lines,
)

THRESHOLD = 0.95


@pytest.fixture(scope="module")
def scores() -> list[Score]:
    return evaluate_obligations()


def test_every_gold_list_is_scored(scores: list[Score]) -> None:
    names = {name for name, *_ in gold_sets()}
    assert {"un-iom-2016 (shipped)", "polar-2021 (fixture)"} <= names
    assert len(names) >= 5, "the development set's three treaties have gold lists"
    assert {(s.treaty, s.lang) for s in scores} == {(n, lang) for n in names for lang in ("en", "zh")}


def test_precision_and_recall_per_treaty_and_language(scores: list[Score]) -> None:
    low = [
        (s.treaty, s.lang, round(s.precision, 3), round(s.recall, 3))
        for s in scores
        if s.precision < THRESHOLD or s.recall < THRESHOLD
    ]
    assert not low, low


def test_the_gold_lists_are_well_formed() -> None:
    for _, _, _, path in gold_sets(include_blind=True):
        gold = read_gold(path)
        assert set(gold.keys) == {"en", "zh"}, path
        assert all(
            key[3] in ("obligation", "permission", "right", "prohibition", "recognition")
            for keys in gold.keys.values()
            for key in keys
        )


def test_slips_are_found_and_the_faithful_set_raises_no_alarm() -> None:
    report = evaluate_slips(DEVSET, SLIPS, SLIPS_GOLD)
    assert report.faithful_alarms == []
    assert len(report.found) + len(report.missed) >= 20
    assert report.recall >= 0.9, report.missed
    assert report.slip_alarms == []


def test_the_report_names_misses_by_class(scores: list[Score]) -> None:
    lines = report_lines(scores, None)
    assert lines[0].startswith("Obligations: precision and recall")
    assert any(line.strip().startswith("un-iom-2016 (shipped)  en") for line in lines)


def test_make_eval_reads_the_blind_set_but_the_thresholds_leave_it_out() -> None:
    # Discovery only: nothing here runs the extractor or a check on the blind set.
    tuned = {name for name, *_ in gold_sets()}
    every = gold_sets(include_blind=True)
    blind = [(name, root, folder, gold) for name, root, folder, gold in every if name.endswith(BLIND)]
    assert not any(name.endswith(BLIND) for name in tuned)
    assert {name for name, *_ in every} - tuned == {name for name, *_ in blind}
    assert len(blind) >= 2
    for name, root, folder, gold in blind:
        assert folder is not None and (root / folder / "treaty.yaml").is_file(), name
        keys = read_gold(gold).keys
        assert keys["en"] == keys["zh"], f"{gold}: the two languages' gold differ"


def test_the_blind_slips_point_at_units_of_the_perturbed_copy() -> None:
    rows = read_tsv(BLIND_SLIPS_GOLD)
    assert len(rows) >= 16
    assert len({row["class"] for row in rows}) >= 8
    for row in rows:
        assert (BLIND_SLIPS / row["treaty"] / "treaty.yaml").is_file(), row
        assert row["lang"] in ("en", "zh") and row["ref"] and row["description"], row


def test_the_report_has_a_section_for_the_blind_slips() -> None:
    lines = report_lines([], SlipReport(), SlipReport(faithful_alarms=["t agreement 1.1: modality: x"]))
    assert "Translation checks" in lines and "Translation checks (blind set)" in lines
    assert "  false alarms on the faithful blind set: 1" in lines
    assert "  no perturbed copy (tests/fixtures/blindset-slips with tests/data/blindset/slips.tsv) yet" in lines
