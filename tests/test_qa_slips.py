"""Translation slips injected into a copy of the polar fixture: each found at its unit, nothing else flagged.

The polar treaty was written for the obligations tests; nothing in the checks
knows it. Its one planted difference (2.2: undertakes to / 可以) is its only
finding when faithful; each slip below, made in a copy, must be found by the
check named at the unit named, with spans on the words behind it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from unagree_cli.corpus import load
from unagree_cli.model import TreatySet
from unagree_cli.qa import Finding, review, select_checks
from unagree_cli.qa.crossrefs import references
from unagree_cli.qa.doubled import repetitions
from unagree_cli.qa.modality import words_of
from unagree_cli.qa.negation import negations
from unagree_cli.qa.numbers import items_en, items_zh, unmatched
from unagree_cli.qa.sentences import pair

POLAR = FIXTURES / "polar"


def findings(treaty: TreatySet, doc: str = "agreement") -> list[tuple[str, Finding]]:
    return [
        (item.record.ref, f)
        for item in review(treaty, doc, select_checks(None))
        for f in item.findings
        if f.severity in ("error", "warning")
    ]


def perturbed(tmp_path: Path, lang: str, old: str, new: str) -> TreatySet:
    copy = tmp_path / "polar"
    shutil.copytree(POLAR, copy)
    path = copy / "polar-2021" / f"agreement.{lang}.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return load(copy)


def test_the_faithful_polar_treaty_has_only_its_planted_difference() -> None:
    found = findings(load(POLAR)) + findings(load(POLAR), "decision")
    assert [(ref, f.check) for ref, f in found] == [("2.2", "modality")]
    (_, finding), *_ = found
    assert "'undertakes to' (obligation)" in finding.message and "'可以' (permission)" in finding.message


SLIPS = [
    # (language, old, new, unit, check, words the finding marks)
    ("zh", "奥斯特拉应提供", "奥斯特拉可提供", "3.4", "modality", "可"),
    ("en", "The Joint Committee shall meet", "The Joint Committee may meet", "5.1", "modality", "may"),
    ("zh", "它们应在每一份出版物中注明缔约双方的贡献。", "", "4.2", "sentences", None),
    ("en", "Austerra may not transfer", "Austerra may transfer", "4.4", "negation", "无"),
    (
        "en",
        "in accordance with arrangements",
        "in accordance with in accordance with arrangements",
        "6",
        "doubled",
        "in accordance with in accordance with",
    ),
    ("en", "At the request of Nordvald, Austerra", "At the request of Austerra, Austerra", "3.4", "parties", None),
    ("zh", "根据第2款收到的数据", "根据第3款收到的数据", "2.3", "crossrefs", "第3款"),
    ("en", "data received under paragraph 2", "data received under paragraph 3", "2.3", "crossrefs", "paragraph 3"),
]


@pytest.mark.parametrize(("lang", "old", "new", "ref", "check", "marked"), SLIPS)
def test_an_injected_slip_is_found_at_its_unit(
    tmp_path: Path, lang: str, old: str, new: str, ref: str, check: str, marked: str | None
) -> None:
    treaty = perturbed(tmp_path, lang, old, new)
    found = [(r, f) for r, f in findings(treaty) if r != "2.2"]
    assert found, "nothing found"
    assert {r for r, _ in found} == {ref}, [(r, f.message) for r, f in found]
    ours = [f for _, f in found if f.check == check]
    assert ours, [f.check for _, f in found]
    assert ours[0].spans, "no spans"
    words = []
    for span_lang, spans in ours[0].spans.items():
        text = next(u.text for u in treaty.versions[("agreement", span_lang)].units if u.ref == ref)
        assert all(0 <= s.start < s.end <= len(text) for s in spans)
        words += [text[s.start : s.end] for s in spans]
    if marked is not None:
        assert marked in words


def test_a_swapped_party_finding_names_both_parties(tmp_path: Path) -> None:
    treaty = perturbed(tmp_path, "en", "At the request of Nordvald, Austerra", "At the request of Austerra, Austerra")
    (finding,) = [f for r, f in findings(treaty) if f.check == "parties"]
    assert "names Austerra where the Chinese names Nordvald" in finding.message


# ---------------------------------------------------------------- the pieces


@pytest.fixture(scope="module")
def polar() -> TreatySet:
    return load(POLAR)


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("Nordvald shall notify Austerra.", "诺德瓦尔德应当通知奥斯特拉。"),
        ("Nordvald is required to notify Austerra.", "诺德瓦尔德须通知奥斯特拉。"),
        ("Austerra may not transfer samples.", "奥斯特拉不得转让样本。"),
        ("Neither Party shall transfer samples.", "任何一方均不得转让样本。"),
        ("Austerra is not entitled to vote.", "奥斯特拉无权表决。"),
        ("Each Party is entitled to send observers.", "每一缔约方均有权派观察员。"),
        ("Austerra shall have the right to vote.", "奥斯特拉应有权表决。"),
        ("Nordvald may close a station.", "诺德瓦尔德可以关闭科考站。"),
        ("Austerra shall in no case transfer samples.", "奥斯特拉绝不得转让样本。"),
        ("Austerra shall refrain from transferring samples.", "奥斯特拉不得转让样本。"),
        ("Nordvald will cooperate with Austerra.", "诺德瓦尔德应与奥斯特拉合作。"),
    ],
)
def test_equivalent_deontic_words_are_one_group(polar: TreatySet, en: str, zh: str) -> None:
    groups = [sorted(w.group for w in words_of(polar, text, lang)) for text, lang in ((en, "en"), (zh, "zh"))]
    assert groups[0] == groups[1]


def test_upon_request_and_upon_invitation_are_not_shall(polar: TreatySet) -> None:
    assert words_of(polar, "应诺德瓦尔德的请求，奥斯特拉提供数据。", "zh") == []
    assert words_of(polar, "奥斯特拉应邀出席会议。", "zh") == []
    assert [w.text for w in words_of(polar, "奥斯特拉应邀请诺德瓦尔德出席会议。", "zh")] == ["应"]


def test_negation_words_and_the_phrases_that_negate_nothing() -> None:
    text = "Austerra shall not disclose data without delay, no later than 30 days."
    assert [text[s:e] for s, e in negations(text, "en")] == ["not"]
    assert [t for t in ("不得", "未", "无") if negations(f"奥斯特拉{t}披露", "zh")] == ["不得", "未", "无"]
    assert negations("不同的数据不迟于三十天", "zh") == []
    assert negations("无论是否在非洲，否则", "zh") == []
    assert negations("Austerra shall refrain from it, failing which", "en") != []


def test_repetitions_in_either_language() -> None:
    assert [p for _, _, p in repetitions("the the Parties shall shall meet", "en")] == ["the", "shall"]
    assert repetitions("provided that that Party agrees", "en") == []
    assert [p for _, _, p in repetitions("双方应合作合作。", "zh")] == ["合作"]
    assert repetitions("人人都常常合作。", "zh") == []


def test_cross_references_in_both_languages() -> None:
    en = [r.key for r in references("under paragraph 2 of Article 14 and Articles 3 and 4", "en")]
    zh = [r.key for r in references("根据第十四条第2款以及第三和第四条", "zh")]
    assert sorted(en) == sorted(zh) == ["article:14", "article:3", "article:4", "paragraph:2"]
    assert [r.key for r in references("as set out in (b) above", "en")] == ["point:b"]
    assert [r.key for r in references("上文(b)项所述", "zh")] == ["point:b"]


def test_gale_church_pairs_a_split_sentence_and_leaves_an_omission() -> None:
    beads = pair([100, 100], [66], ratio=0.33)  # the translation joins the two sentences: 2-1
    assert [(len(b.first), len(b.second)) for b in beads] == [(2, 1)]
    beads = pair([100, 100], [33], ratio=0.33)  # one sentence has no counterpart
    assert sorted((len(b.first), len(b.second)) for b in beads) == [(1, 0), (1, 1)]


@pytest.mark.parametrize(("first", "second"), [(1, 100), (100, 1), (3, 400)])
def test_gale_church_pairs_counts_far_apart(first: int, second: int) -> None:
    """The band of each row starts no later than the previous row ends: the last cell is always reached."""
    beads = pair([50] * first, [50] * second, ratio=1.0)
    assert [i for b in beads for i in b.first] == list(range(first))
    assert [j for b in beads for j in b.second] == list(range(second))


def test_gale_church_costs_each_pair_of_lengths_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long unit of sentences of a few lengths prices each pair of lengths once, not once per cell."""
    from unagree_cli.qa import sentences

    calls: list[tuple[float, float]] = []
    original = sentences._length_cost

    def counted(first: float, second: float, ratio: float) -> float:
        calls.append((first, second))
        return original(first, second, ratio)

    monkeypatch.setattr(sentences, "_length_cost", counted)
    beads = pair([90, 91] * 2_000, [30, 31] * 3_000, ratio=0.33)
    assert len(beads) >= 4_000
    assert len(calls) == len(set(calls)) < 100


# ---------------------------------------------------------------- second wave: what the blind set's misses taught


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("Neither Party shall be required to share unpublished data.", "任何一方均无须分享未公布的数据。"),
        ("Austerra shall not be required to disclose its sources.", "奥斯特拉无须披露其来源。"),
        (
            "No officer or official of Nordvald, whether civil or military, shall enter the station.",
            "诺德瓦尔德的任何文职或军事官员或人员均不得进入科考站。",
        ),
        ("Austerra may enter under conditions approved by Nordvald.", "奥斯特拉可按照诺德瓦尔德核可的条件进入。"),
    ],
)
def test_denied_duties_and_nobody_of_a_party_are_one_group(polar: TreatySet, en: str, zh: str) -> None:
    groups = [sorted(w.group for w in words_of(polar, text, lang)) for text, lang in ((en, "en"), (zh, "zh"))]
    assert groups[0] == groups[1]


def test_lexical_negation_inside_a_word_is_no_negated_clause() -> None:
    assert negations("its immovable property is exempt from prohibitions and restrictions on imports", "en") == []
    assert negations("消除一切不必要的重复工作", "zh") == []
    assert negations("Austerra is prohibited from transferring samples", "en") != []
    assert negations("The station shall be inviolable", "en") != []


def test_a_doubled_clause_longer_than_a_phrase() -> None:
    text = "将报告以及秘书长可能索取的其他文件以及秘书长可能索取的其他文件送交联合国"
    assert [p for _, _, p in repetitions(text, "zh")] == ["以及秘书长可能索取的其他文件"]
    english = "the report and such other documents as it may request and such other documents as it may request"
    assert [p for _, _, p in repetitions(english, "en")] == ["and such other documents as it may request"]


def test_periods_written_in_words_compare_with_numerals() -> None:
    assert [i.key for i in items_en("within three months or twenty-one days")] == ["number:3", "number:21"]
    assert [i.key for i in items_zh("在三个月或二十一天内")] == ["number:3", "number:21"]
    first, second = unmatched(items_en("three months' notice"), items_zh("两个月的通知"))
    assert [i.key for i in first] == ["number:3"] and [i.key for i in second] == ["number:2"]
    assert unmatched(items_en("sixty (60) days"), items_zh("六十（60）天")) == ([], [])
    assert unmatched(items_en("3 months"), items_zh("三个月")) == ([], [])
    assert items_zh("二〇二六年三月十二日") == []  # a date in Chinese numerals is no period
    assert items_en("two originals, a year") == []
    assert unmatched(items_en("a two-year period"), items_zh("两年期")) == ([], [])
    assert unmatched(items_en("one hundred and twenty days"), items_zh("一百二十天")) == ([], [])
    assert [i.key for i in items_en("within the twenty working days")] == ["number:20"]


def test_a_short_organ_name_in_either_language_is_counted_in_neither(tmp_path: Path) -> None:
    from unagree_cli.qa import Context
    from unagree_cli.qa.parties import _lexicon, mentions, short_organs

    copy = tmp_path / "polar"
    shutil.copytree(POLAR, copy)
    path = copy / "polar-2021" / "treaty.yaml"
    text = path.read_text(encoding="utf-8")
    old = "        names: {en: [Council of Ministers], zh: [部长理事会]}"
    assert text.count(old) == 1
    path.write_text(text.replace(old, "        names: {en: [Council of Ministers], zh: [内阁]}"), encoding="utf-8")
    treaty = load(copy)
    from unagree_cli.align import align

    context = Context(treaty, align(treaty, "agreement"))
    assert short_organs(context) == frozenset({"Council of Ministers"})
    english = "the Council of Ministers of Nordvald"
    assert [p for p, _, _ in mentions(_lexicon(context, "en"), english, short_organs(context))] == ["Nordvald"]


@given(st.lists(st.sampled_from(["UN", "IOM", "shall", "inform", "Parties", "7", "14", "the", "and"]), max_size=9))
def test_repetitions_need_a_word_met_twice(words: list[str]) -> None:
    """doubled looks for nothing in a text whose words are all different: it finds what a doubled word adds."""
    distinct = list(dict.fromkeys(word.lower() for word in words))
    text = " ".join(distinct)
    assert repetitions(text, "en") == []
    if distinct and not distinct[-1].isdigit() and distinct[-1] not in ("that",):
        doubled = f"{text} {distinct[-1]}"
        assert [p for _, _, p in repetitions(doubled, "en")] == [distinct[-1]]
