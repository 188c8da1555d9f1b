"""Glossary counts: forms, variants, deprecated forms and units where the languages differ."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from conftest import FIXTURES

from unagree_cli.corpus import load
from unagree_cli.glossary import TermCounter, TermReport, find_terms, glossary_report, term_forms, term_report
from unagree_cli.model import GlossaryTerm, TreatySet


@pytest.fixture(scope="module")
def accord() -> TreatySet:
    return load(FIXTURES / "accord")


def report_for(
    treaty: TreatySet, query: str, docs: list[str] | None = None, langs: Sequence[str] = ("en", "zh")
) -> TermReport:
    (term,) = find_terms(treaty, query)
    return term_report(treaty, term, docs or treaty.doc_keys(), list(langs))


def test_forms_are_canonical_then_variants_then_deprecated() -> None:
    term = GlossaryTerm(
        {"en": "River Commission", "zh": "河流委员会"}, {"zh": ["委员会"]}, deprecated={"zh": ["河川委员会"]}
    )
    assert [(f.text, f.kind) for f in term_forms(term, "zh")] == [
        ("河流委员会", "term"),
        ("委员会", "variant"),
        ("河川委员会", "deprecated"),
    ]


def test_the_longest_form_wins_within_a_term() -> None:
    term = GlossaryTerm({"en": "General Assembly", "zh": "大会"}, {"en": ["Assembly"], "zh": ["联合国大会"]})
    counter = TermCounter(term, ["en", "zh"])
    english = dict((f.text, n) for f, n in counter.count("en", "the General Assembly and the Assembly"))
    assert english == {"General Assembly": 1, "Assembly": 1}
    chinese = dict((f.text, n) for f, n in counter.count("zh", "联合国大会和大会"))
    assert chinese == {"大会": 1, "联合国大会": 1}


def test_english_counts_whole_words_and_plurals() -> None:
    counter = TermCounter(GlossaryTerm({"en": "observer", "zh": "观察员"}), ["en"])
    assert counter.count("en", "observers and an Observer")[0][1] == 2
    assert counter.count("en", "observership, unobserved")[0][1] == 0
    assert (
        TermCounter(GlossaryTerm({"en": "third party", "zh": "第三方"}), ["en"]).count("en", "third parties")[0][1] == 1
    )


def test_iom_on_the_shipped_corpus(treaty: TreatySet) -> None:
    report = report_for(treaty, "IOM")
    assert report.canonical() == {"en": "International Organization for Migration", "zh": "国际移民组织"}
    assert [p.address for p in report.variant_places] == ["agreement:3.4", "agreement:5.3", "agreement:9"]
    assert report.variant_places[0].forms == {"zh": {"移民组织": 1}}
    # the slip 国际移徙组织 in the Chinese draft of 2.2 is a deprecated form: counted, and listed
    assert [p.address for p in report.deprecated_places] == ["agreement:2.2"]
    mismatched = {p.address: p.counts for p in report.mismatches}
    assert mismatched["agreement:5.1"] == {"en": 2, "zh": 1}  # 国际移民组理事会 misses a character
    assert "agreement:2.2" not in mismatched


def test_counts_add_up_over_forms(treaty: TreatySet) -> None:
    report = report_for(treaty, "General Assembly")
    data = report.to_dict()
    for lang in ("en", "zh"):
        assert data["counts"][lang] == sum(f["count"] for f in data["forms"] if f["lang"] == lang)
    assert [p.address for p in report.variant_places][:1] == ["agreement:5.2"]


def test_a_single_language_cannot_mismatch(treaty: TreatySet) -> None:
    report = report_for(treaty, "秘书长", langs=["zh"])
    assert report.langs == ["zh"] and report.mismatches == []
    assert list(report.to_dict()["counts"]) == ["zh"]


def test_units_only_one_language_has_count_but_do_not_mismatch(treaty: TreatySet) -> None:
    whole = report_for(treaty, "Director General")
    note = report_for(treaty, "Director General", docs=["note"])
    assert whole.counts["zh"] - whole.counts["en"] == note.counts["zh"] == 2
    assert whole.mismatches == []


def test_the_record_shape(treaty: TreatySet) -> None:
    data = report_for(treaty, "constituent instruments").to_dict()
    assert list(data) == [
        "term",
        "variants",
        "deprecated",
        "counts",
        "forms",
        "variants_at",
        "deprecated_at",
        "mismatches",
        "note",
    ]
    assert data["deprecated_at"] == [
        {
            "doc": "agreement",
            "ref": "3.1",
            "eid": "art_3__para_1",
            "counts": {"en": 1, "zh": 1},
            "forms": {"zh": {"成立文书": 1}},
        }
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("IOM", ["International Organization for Migration"]),
        ("iom", ["International Organization for Migration"]),
        ("秘书长", ["Secretary-General"]),
        ("联合国大会", ["General Assembly"]),
        ("Council", ["Security Council", "Economic and Social Council"]),
        ("nothing like this", []),
    ],
)
def test_find_terms(treaty: TreatySet, query: str, expected: list[str]) -> None:
    assert [t.en for t in find_terms(treaty, query)] == expected


def test_fixture_glossary(accord: TreatySet) -> None:
    reports = {r.term.en: r for r in glossary_report(accord, accord.doc_keys(), ["en", "zh"])}
    commission = reports["River Commission"]
    assert commission.counts == {"en": 6, "zh": 6}
    assert [p.address for p in commission.variant_places] == ["accord:2.2"]
    assert [p.address for p in commission.deprecated_places] == ["accord:3"]
    watercourse = reports["watercourse"]
    # "Watercourses Convention" has the plural of "watercourse" as 水道公约 has 水道
    assert watercourse.counts == {"en": 3, "zh": 3}
    assert watercourse.mismatches == []


def test_plural_headings_short_names_and_pronouns_on_the_development_set() -> None:
    from unagree_cli.glossary import DEFINED, defined_names

    devset = FIXTURES / "devset"
    calvara = load(devset, "calvara-gfcr-2025")
    reports = {r.term.en: r for r in glossary_report(calvara, calvara.doc_keys(), ["en", "zh"])}
    assert reports["emblem"].mismatches == []  # the heading says "emblems"
    fund = reports["Global Fund for Coastal Resilience"]
    assert {form.text: form.kind for form, _ in fund.forms["en"]}["Fund"] == DEFINED  # (hereinafter "the Fund")
    assert {form.text: form.kind for form, _ in fund.forms["zh"]}["基金"] == DEFINED  # （以下简称“基金”）
    assert fund.variant_places == [] and fund.mismatches == []
    ioea = load(devset, "un-ioea-2025")
    names = defined_names(ioea)
    authority = next(i for i, term in enumerate(ioea.glossary) if term.en == "International Ocean Energy Authority")
    assert names[authority] == {"en": ["Authority"], "zh": ["管理局"]}
    united = [r for r in glossary_report(ioea, ioea.doc_keys(), ["en", "zh"]) if r.term.en == "United Nations"]
    assert united[0].mismatches == []  # "its conference facilities" / 联合国会议设施
