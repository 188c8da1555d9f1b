"""The obligations extractor: gold list, tricky sentences, a second treaty, disagreements, parties."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, ROOT, first_chars
from hypothesis import given, settings
from hypothesis import strategies as st

from unagree_cli.corpus import load
from unagree_cli.model import TreatySet
from unagree_cli.obligations import (
    MODALITIES,
    PartyChoice,
    Statement,
    UnknownParty,
    counterpart,
    disagreements,
    extract,
    extract_text,
    find_party,
    statement_records,
)
from unagree_cli.obligations.listing import UnknownModality, parse_modalities

GOLD = ROOT / "tests" / "data" / "obligations_gold.tsv"
Key = tuple[str, str, str, str]


def read_gold() -> dict[str, set[Key]]:
    """lang -> {(doc, ref, party, modality)}; each line also carries a reason."""
    gold: dict[str, set[Key]] = {}
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("lang\t"):
            continue
        lang, doc, ref, party, modality, reason = line.split("\t")
        assert reason.strip(), f"gold line without a reason: {line}"
        assert modality in MODALITIES, line
        gold.setdefault(lang, set()).add((doc, ref, party, modality))
    return gold


def found_keys(treaty: TreatySet, lang: str) -> set[Key]:
    return {key for doc in ("agreement", "resolution") for s in extract(treaty, doc, lang) for key in s.keys()}


def pairs(statements: list[Statement]) -> set[tuple[str, str]]:
    return {(party, s.modality) for s in statements for party in s.parties}


@pytest.fixture(scope="module")
def polar() -> TreatySet:
    return load(FIXTURES / "polar")


# ---------------------------------------------------------------- gold list


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_precision_and_recall_against_the_gold_list(treaty: TreatySet, lang: str) -> None:
    gold = read_gold()[lang]
    found = found_keys(treaty, lang)
    right = found & gold
    precision = len(right) / len(found)
    recall = len(right) / len(gold)
    assert precision >= 0.95 and recall >= 0.95, (
        f"{lang}: precision {precision:.3f}, recall {recall:.3f}; "
        f"spurious {sorted(found - gold)}; missed {sorted(gold - found)}"
    )


def test_the_gold_list_covers_both_documents_and_every_modality_it_should(treaty: TreatySet) -> None:
    gold = read_gold()
    assert set(gold) == {"en", "zh"}
    for lang in ("en", "zh"):
        assert {doc for doc, *_ in gold[lang]} == {"agreement", "resolution"}
        assert {m for *_, m in gold[lang]} == {"obligation", "permission", "right", "recognition"}
    # the languages differ in exactly one unit: article 14
    differing = {(d, r) for d, r, *_ in gold["en"] ^ gold["zh"]}
    assert differing == {("agreement", "14")}


# ---------------------------------------------------------------- tricky sentences


def unit(treaty: TreatySet, doc: str, lang: str, eid: str) -> str:
    found = treaty.versions[(doc, lang)].unit(eid)
    assert found is not None
    return found.text


def test_shall_be_entitled_is_a_right_not_a_duty(treaty: TreatySet) -> None:
    found = extract_text(treaty, "The Director General shall be entitled to attend plenary meetings.", "en")
    assert [(s.parties, s.modality, s.organ, s.marker) for s in found] == [
        (["IOM"], "right", "Director General", "shall be entitled")
    ]
    assert found[0].action == "attend plenary meetings"


def test_ying_you_quan_is_a_right(treaty: TreatySet) -> None:
    found = extract_text(treaty, "联合国秘书长应有权出席会议。", "zh")
    assert [(s.parties, s.modality, s.organ) for s in found] == [(["UN"], "right", "Secretary-General")]


def test_a_passive_without_agent_binds_the_party_that_acts_not_the_subject(treaty: TreatySet) -> None:
    text = unit(treaty, "agreement", "en", "art_5__para_1")
    invited = [s for s in extract_text(treaty, text, "en") if "invited" in s.sentence(text)]
    assert [(s.parties, s.modality) for s in invited] == [(["IOM"], "obligation")]
    assert invited[0].note.startswith("passive without agent")


def test_the_chinese_makes_iom_the_one_that_invites(treaty: TreatySet) -> None:
    found = extract_text(
        treaty,
        "国际移民组织还应酌情邀请秘书长出席和参加它可能召开的审议联合国所关心的事项的其他会议，但无表决权。",
        "zh",
    )
    assert [(s.parties, s.modality, s.actor) for s in found] == [(["IOM"], "obligation", "国际移民组织")]


def test_a_passive_names_its_bearer_after_by(treaty: TreatySet) -> None:
    found = extract_text(treaty, unit(treaty, "agreement", "en", "art_5__para_3"), "en")
    assert [(s.parties, s.organ) for s in found] == [(["IOM"], "Administration"), (["UN"], "Secretariat")]
    assert found[0].actor == "the Administration of the International Organization for Migration"


def test_an_organ_of_iom_distributes_in_chinese(treaty: TreatySet) -> None:
    found = extract_text(treaty, "国际移民组织管理局应向国际移民组织某一或各个适当机关的所有成员分发书面声明。", "zh")
    assert [(s.parties, s.organ, s.actor) for s in found] == [(["IOM"], "Administration", "国际移民组织管理局")]


def test_they_takes_the_parties_of_the_sentence_before(treaty: TreatySet) -> None:
    found = extract_text(treaty, unit(treaty, "agreement", "en", "art_8"), "en")
    assert [(s.actor, s.parties) for s in found] == [
        ("The United Nations and the International Organization for Migration", ["UN", "IOM"]),
        ("They", ["UN", "IOM"]),
    ]
    zh = extract_text(treaty, unit(treaty, "agreement", "zh", "art_8"), "zh")
    assert [(s.actor, s.parties) for s in zh] == [("联合国和国际移民组织", ["UN", "IOM"]), ("它们", ["UN", "IOM"])]


def test_they_at_the_start_of_a_unit_looks_at_the_context(treaty: TreatySet) -> None:
    context = ["The International Organization for Migration shall consult the Secretariat."]
    found = extract_text(treaty, "They shall also report.", "en", context=context)
    assert [(s.parties, s.actor) for s in found] == [(["IOM"], "They")]
    assert extract_text(treaty, "They shall also report.", "en") == []  # no one to refer to


def test_a_sentence_with_two_bearers_gives_two_statements(treaty: TreatySet) -> None:
    for lang in ("en", "zh"):
        found = extract_text(treaty, unit(treaty, "agreement", lang, "art_6__para_1"), lang)
        assert [(s.parties, s.modality, s.organ) for s in found] == [
            (["UN"], "permission", "Secretary-General"),
            (["UN"], "obligation", None),
            (["IOM"], "obligation", "Director General"),
        ], lang
    # the first action stops where the second clause begins
    english = extract_text(treaty, unit(treaty, "agreement", "en", "art_6__para_1"), "en")
    assert english[1].action == "notify the Director General of the agenda item or items concerned"


def test_ke_neng_possibly_is_not_ke_may(treaty: TreatySet) -> None:
    text = unit(treaty, "agreement", "zh", "art_3__para_2__list_1__intro")  # 已设立或可能设立的任何机构
    assert "可能设立" in text
    assert pairs(extract_text(treaty, text, "zh")) == {("IOM", "obligation")}
    assert extract_text(treaty, "这些机构可能需要专家咨询意见。", "zh") == []


def test_a_modal_inside_what_is_recognised_is_not_a_duty(treaty: TreatySet) -> None:
    text = unit(treaty, "agreement", "zh", "art_3__para_7")  # 认识到，必须适时实现…
    assert "必须" in text
    assert pairs(extract_text(treaty, text, "zh")) == {("UN", "recognition"), ("IOM", "recognition")}
    english = unit(treaty, "agreement", "en", "art_2__para_3")  # recognizes that ... shall function
    assert pairs(extract_text(treaty, english, "en")) == {("UN", "recognition")}


def test_savings_clauses_bind_no_one(treaty: TreatySet) -> None:
    for lang in ("en", "zh"):
        assert extract_text(treaty, unit(treaty, "agreement", lang, "art_13__para_1"), lang) == [], lang
    found = extract_text(treaty, unit(treaty, "agreement", "en", "art_2__para_1"), "en")
    assert pairs(found) == {("UN", "recognition")}
    assert extract_text(treaty, "上文所述不应妨碍联合国在移民领域的任务和活动。", "zh") == []


def test_hui_in_article_14_is_a_commitment_where_the_english_says_may(treaty: TreatySet) -> None:
    en = extract_text(treaty, unit(treaty, "agreement", "en", "art_14"), "en")
    zh = extract_text(treaty, unit(treaty, "agreement", "zh", "art_14"), "zh")
    assert pairs(en) == {("UN", "permission"), ("IOM", "permission")}
    assert pairs(zh) == {("UN", "obligation"), ("IOM", "obligation")}
    assert zh[0].marker == "会" and zh[0].organ == "Secretary-General, Director General"


def test_hui_inside_a_word_is_not_will(treaty: TreatySet) -> None:
    assert extract_text(treaty, "理事会会议于明年举行。", "zh") == []
    assert extract_text(treaty, unit(treaty, "agreement", "zh", "art_13__para_1"), "zh") == []  # 会违反


def test_jiang_is_will_only_before_a_verb_not_as_object_marker(treaty: TreatySet) -> None:
    assert pairs(extract_text(treaty, unit(treaty, "agreement", "zh", "art_2__para_6"), "zh")) == {
        ("UN", "obligation"),
        ("IOM", "obligation"),
    }
    found = extract_text(treaty, "联合国应将议程项目通知总干事。", "zh")  # 应将: one statement, not two
    assert [(s.marker, s.parties) for s in found] == [("应", ["UN"])]


def test_ying_before_a_request_means_upon_request(treaty: TreatySet) -> None:
    found = extract_text(treaty, unit(treaty, "agreement", "zh", "art_7__para_2"), "zh")  # 应…应联合国的要求
    assert [(s.marker, s.parties) for s in found] == [("应", ["IOM"])]
    found = extract_text(treaty, "总干事可应安全理事会的邀请出席其会议。", "zh")
    assert [(s.modality, s.parties) for s in found] == [("permission", ["IOM"])]


def test_relative_clauses_grant_nothing(treaty: TreatySet) -> None:
    intro = unit(treaty, "agreement", "en", "art_3__para_2__list_1__intro")  # bodies that may be established by the UN
    assert pairs(extract_text(treaty, intro, "en")) == {("IOM", "obligation")}
    found = extract_text(treaty, unit(treaty, "agreement", "en", "art_3__para_3"), "en")  # as may be necessary
    assert pairs(found) == {("IOM", "permission"), ("UN", "obligation")}
    assert extract_text(treaty, unit(treaty, "agreement", "en", "art_1"), "en") == []  # the terms on which ... shall


def test_a_rule_with_no_party_subject_is_borne_by_the_parties_that_arrange_it(treaty: TreatySet) -> None:
    for lang in ("en", "zh"):
        found = extract_text(treaty, unit(treaty, "agreement", lang, "art_12"), lang)
        assert pairs(found) == {("UN", "obligation"), ("IOM", "obligation")}, lang
    assert extract_text(treaty, "The Agreement shall enter into force upon signature.", "en") == []
    assert extract_text(treaty, "此后，本协定应在签字后生效。", "zh") == []


def test_approval_by_organs_counts_for_their_organisations(treaty: TreatySet) -> None:
    for lang in ("en", "zh"):
        found = extract_text(treaty, unit(treaty, "agreement", lang, "art_16__para_1"), lang)
        approval = found[0]
        assert approval.parties == ["UN", "IOM"] and approval.organ == "General Assembly, Council", lang


def test_the_united_nations_system_is_not_the_united_nations(treaty: TreatySet) -> None:
    text = unit(treaty, "agreement", "en", "art_9")
    second = extract_text(treaty, text, "en")[1]
    assert second.parties == ["IOM"]  # relationships "between the IOM and the organizations concerned"
    zh = extract_text(treaty, unit(treaty, "agreement", "zh", "art_9"), "zh")[1]
    assert zh.parties == ["IOM"]  # 国际移民组织和联合国系统内其他组织秘书处之间


def test_recognised_by_states_and_que_ren_as_deems_are_not_recognitions(treaty: TreatySet) -> None:
    for lang, eid in (("en", "art_11"), ("zh", "art_11"), ("zh", "art_4")):
        found = extract_text(treaty, unit(treaty, "agreement", lang, eid), lang)
        assert "recognition" not in {s.modality for s in found}, (lang, eid)


def test_resolution_paragraphs_are_acts_of_the_general_assembly(treaty: TreatySet) -> None:
    for lang in ("en", "zh"):
        found = extract(treaty, "resolution", lang)
        assert [(s.ref, s.parties, s.modality, s.organ) for s in found] == [
            ("2", ["UN"], "recognition", "General Assembly"),
            ("3", ["UN"], "obligation", "Secretary-General"),
        ], lang
    calls = extract(treaty, "resolution", "en")[1]
    assert calls.marker == "Calls upon" and calls.actor == "the Secretary-General"
    assert calls.action.startswith("invite the Director General")


def test_an_operative_verb_needs_an_enacting_body(treaty: TreatySet) -> None:
    text = "Requests the Secretary-General to report."
    assert extract_text(treaty, text, "en") == []
    found = extract_text(treaty, text, "en", context=["The General Assembly,"])
    assert [(s.parties, s.organ, s.modality) for s in found] == [(["UN"], "Secretary-General", "obligation")]
    decided = extract_text(
        treaty, "Decides that the Secretary-General shall report.", "en", context=["The General Assembly,"]
    )
    assert [(s.parties, s.modality, s.marker) for s in decided] == [(["UN"], "obligation", "shall")]


def test_prohibitions_in_both_languages(treaty: TreatySet) -> None:
    assert pairs(extract_text(treaty, "The Director General shall not attend.", "en")) == {("IOM", "prohibition")}
    assert pairs(extract_text(treaty, "The United Nations may not disclose the data.", "en")) == {("UN", "prohibition")}
    assert pairs(extract_text(treaty, "总干事不得出席。", "zh")) == {("IOM", "prohibition")}
    assert pairs(extract_text(treaty, "联合国无权披露这些数据。", "zh")) == {("UN", "prohibition")}


def test_recitals_and_signatures_are_not_read(treaty: TreatySet) -> None:
    assert {s.eid.split("__")[0] for s in extract(treaty, "agreement", "en")} <= {f"art_{n}" for n in range(1, 17)}


def test_the_note_binds_no_one(treaty: TreatySet) -> None:
    assert extract(treaty, "note", "zh") == []  # 规定，本协定应由…: reported; 我希望，…可…: hoped
    assert extract(treaty, "note", "en") == []  # no English note


# ---------------------------------------------------------------- a second treaty


POLAR_EN: set[Key] = {
    ("agreement", "2.1", "Nordvald", "obligation"),
    ("agreement", "2.1", "Austerra", "obligation"),
    ("agreement", "2.2", "Nordvald", "obligation"),
    ("agreement", "2.3", "Austerra", "prohibition"),
    ("agreement", "3.1", "Nordvald", "right"),
    ("agreement", "3.1", "Austerra", "right"),
    ("agreement", "3.2", "Austerra", "permission"),
    ("agreement", "3.2", "Austerra", "obligation"),
    ("agreement", "3.3", "Nordvald", "obligation"),
    ("agreement", "3.4", "Austerra", "obligation"),
    ("agreement", "3.6", "Austerra", "obligation"),
    ("agreement", "4.1", "Nordvald", "recognition"),
    ("agreement", "4.1", "Austerra", "recognition"),
    ("agreement", "4.2", "Nordvald", "obligation"),
    ("agreement", "4.2", "Austerra", "obligation"),
    ("agreement", "4.4", "Austerra", "prohibition"),
    ("agreement", "5.2", "Nordvald", "obligation"),
    ("agreement", "5.2", "Austerra", "obligation"),
    ("agreement", "5.3", "Austerra", "prohibition"),
    ("agreement", "6", "Nordvald", "obligation"),
    ("agreement", "6", "Austerra", "obligation"),
    ("agreement", "7", "Nordvald", "permission"),
    ("agreement", "7", "Austerra", "permission"),
    ("decision", "2", "Nordvald", "recognition"),
    ("decision", "3", "Nordvald", "obligation"),
}
POLAR_ZH = (POLAR_EN - {("agreement", "2.2", "Nordvald", "obligation")}) | {
    ("agreement", "2.2", "Nordvald", "permission")
}


@pytest.mark.parametrize(("lang", "expected"), [("en", POLAR_EN), ("zh", POLAR_ZH)])
def test_the_same_code_reads_another_treaty(polar: TreatySet, lang: str, expected: set[Key]) -> None:
    found = {key for doc in ("agreement", "decision") for s in extract(polar, doc, lang) for key in s.keys()}
    assert found == expected


def test_the_second_treaty_has_no_un_or_iom_and_uses_its_own_organs(polar: TreatySet) -> None:
    statements = extract(polar, "agreement", "en") + extract(polar, "agreement", "zh")
    assert {p for s in statements for p in s.parties} == {"Nordvald", "Austerra"}
    organs = {s.organ for s in statements if s.organ}
    assert {"Antarctic Office", "Polar Institute", "Ministry of Science, Antarctic Office"} <= organs
    shipped = [s for s in statements if s.ref == "3.3"]
    assert {s.organ for s in shipped} == {"Polar Institute"}  # "shipped by the Polar Institute", 须由…研究所


def test_non_party_subjects_in_the_second_treaty_bind_no_one(polar: TreatySet) -> None:
    for lang in ("en", "zh"):
        refs = {s.ref for s in extract(polar, "agreement", lang)}
        assert not refs & {"1", "3.5", "4.3", "5.1"}, lang  # relative clause, visitors, savings, Joint Committee


def test_the_planted_difference_in_the_second_treaty_is_found(polar: TreatySet) -> None:
    found = disagreements(polar, "agreement")
    assert [(d.ref, d.en, d.zh) for d in found] == [("2.2", {("Nordvald", "obligation")}, {("Nordvald", "permission")})]
    assert disagreements(polar, "decision") == []


# ---------------------------------------------------------------- disagreements


def test_the_languages_disagree_only_in_article_14(treaty: TreatySet) -> None:
    found = disagreements(treaty, "agreement")
    assert [(d.eid, d.ref) for d in found] == [("art_14", "14")]
    item = found[0]
    assert item.en == {("UN", "permission"), ("IOM", "permission")}
    assert item.zh == {("UN", "obligation"), ("IOM", "obligation")}
    assert "'may'" in item.message and "'会'" in item.message
    assert disagreements(treaty, "resolution") == []
    assert disagreements(treaty, "note") == []  # one language only


# ---------------------------------------------------------------- parties, records, options


@pytest.mark.parametrize(
    ("name", "choice"),
    [
        ("IOM", PartyChoice("IOM")),
        ("un", PartyChoice("UN")),
        ("United Nations", PartyChoice("UN")),
        ("联合国", PartyChoice("UN")),
        ("移民组织", PartyChoice("IOM")),
        ("Director General", PartyChoice("IOM", "Director General")),
        ("director-general", PartyChoice("IOM", "Director General")),
        ("总干事", PartyChoice("IOM", "Director General")),
        ("SECRETARIAT", PartyChoice("UN", "Secretariat")),
    ],
)
def test_find_party_takes_names_aliases_and_organs_in_either_language(
    treaty: TreatySet, name: str, choice: PartyChoice
) -> None:
    assert find_party(treaty, name) == choice


def test_an_unknown_party_lists_the_known_ones(treaty: TreatySet) -> None:
    with pytest.raises(UnknownParty) as caught:
        find_party(treaty, "WHO")
    assert caught.value.known[:2] == ["UN", "IOM"] and "IOM: Director General" in caught.value.known


def test_an_organ_narrows_to_that_organ(treaty: TreatySet) -> None:
    statements = extract(treaty, "agreement", "en")
    director = [s for s in statements if find_party(treaty, "Director General").matches(s)]
    assert {s.ref for s in director} == {"5.2", "6.1", "6.2", "14"}
    iom = [s for s in statements if find_party(treaty, "IOM").matches(s)]
    assert len(iom) > len(director)


def test_records_give_the_unit_address_and_the_statement_with_offsets(treaty: TreatySet) -> None:
    statement = extract(treaty, "agreement", "zh")[0]
    record = statement_records(treaty, [statement])[0]
    assert list(record)[:5] == ["doc", "ref", "eid", "kind", "lang"]
    assert "text" not in record and "sentence" not in record  # the unit's text is not repeated per statement
    assert record["lang"] == "zh" and record["parties"] == ["UN"] and record["modality"] == "recognition"
    assert {"actor", "organ", "action", "clause", "marker", "note"} <= set(record)
    text = unit(treaty, "agreement", "zh", statement.eid)
    start, end = record["clause_span"]
    assert text[start:end] == record["clause"] and record["marker"] in record["clause"]
    sentence = text[slice(*record["sentence_span"])]
    assert record["clause"] in sentence and text[slice(*record["marker_span"])] == record["marker"]


def test_counterpart_is_the_sentence_in_the_same_place(treaty: TreatySet) -> None:
    statement = next(s for s in extract(treaty, "agreement", "en") if s.ref == "5.3" and s.parties == ["UN"])
    assert counterpart(treaty, statement, "zh").startswith("联合国秘书处应向")


def test_a_table_row_shows_at_most_a_limited_counterpart(treaty: TreatySet) -> None:
    """A paragraph that is one long sentence would otherwise put the whole paragraph in every row."""
    statement = next(s for s in extract(treaty, "agreement", "en") if s.ref == "5.3" and s.parties == ["UN"])
    whole = counterpart(treaty, statement, "zh")
    assert counterpart(treaty, statement, "zh", len(whole)) == whole
    assert counterpart(treaty, statement, "zh", 8) == whole[:8] + "…"


def test_modalities_option() -> None:
    assert parse_modalities(None) == ("obligation", "permission", "right", "prohibition")
    assert parse_modalities("right, perm") == ("right", "permission")
    assert parse_modalities("all") == MODALITIES
    with pytest.raises(UnknownModality):
        parse_modalities("duty")


def test_a_language_without_rules_is_refused(treaty: TreatySet) -> None:
    with pytest.raises(ValueError, match="no obligation rules"):
        extract_text(treaty, "Le Secrétaire général peut ...", "fr")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "The United Nations",
                "IOM",
                "They",
                "shall",
                "may not",
                "be invited",
                "by the Council",
                ", and",
                "recognizes that",
                "as may",
                "联合国",
                "总干事",
                "应",
                "可能",
                "会",
                "将",
                "不得",
                "认识到，",
                "，而",
                "。",
                ". ",
                "the Parties",
                "双方",
                "应有权",
                "须经",
                "which",
                "Nothing in this Agreement",
                "理事会",
            ]
        ),
        max_size=14,
    ),
    st.sampled_from(["en", "zh"]),
)
def test_any_text_gives_known_parties_and_modalities(treaty: TreatySet, words: list[str], lang: str) -> None:
    text = " ".join(words) if lang == "en" else "".join(words)
    for statement in extract_text(treaty, text, lang, context=["The General Assembly,", text]):
        assert statement.parties and set(statement.parties) <= {"UN", "IOM"}
        assert statement.modality in MODALITIES
        sentence, clause = statement.sentence(text), statement.clause(text)
        assert sentence and clause in sentence
        assert statement.span[0] <= statement.clause_span[0] <= statement.clause_span[1] <= statement.span[1]


def test_the_fixture_folder_is_a_valid_corpus() -> None:
    from unagree_cli.corpus import validate

    count, problems = validate(Path(FIXTURES / "polar"))
    assert count == 1 and problems == []


def test_it_refers_back_only_to_a_single_party(treaty: TreatySet) -> None:
    one = extract_text(treaty, "The Director General shall attend. It shall also report.", "en")
    assert [(s.actor, s.parties) for s in one] == [("The Director General", ["IOM"]), ("It", ["IOM"])]
    two = extract_text(treaty, "The United Nations and the IOM shall meet. It shall also report.", "en")
    assert [s.actor for s in two] == ["The United Nations and the IOM"]


# ---------------------------------------------------------------- each unit read once


def _read_with_neighbours(treaty: TreatySet, doc: str, lang: str) -> list[Statement]:
    """What extraction gave when each unit's predecessor was read again, alone, to find whom "They" means."""
    from unagree_cli.obligations import BODY_KINDS, _statement, grammar

    rules = grammar(treaty, lang)
    version = treaty.versions[(doc, lang)]
    formula = next(
        (
            u.text
            for u in version.units
            if u.kind == "formula" and u.eid.startswith("preamble") and rules.lexicon.is_name_only(u.text)
        ),
        None,
    )
    units = [u for u in version.units if u.kind in BODY_KINDS and u.text]
    out: list[Statement] = []
    for index, item in enumerate(units):
        previous = units[index - 1].text if index else None
        following = units[index + 1].text if index + 1 < len(units) else ""
        found = rules.analyse(item.text, [t for t in (formula, previous) if t], following)
        out.extend(_statement(f, doc, item.ref, item.eid, lang) for f in found)
    return out


@pytest.mark.parametrize("folder", ["corpus/un-iom-2016", "tests/fixtures/polar/polar-2021"])
def test_each_unit_read_once_gives_what_rereading_the_one_before_gave(folder: str) -> None:
    from unagree_cli.obligations import _extract

    treaty = load(ROOT / folder)
    for doc in treaty.doc_keys():
        for lang in ("en", "zh"):
            if (doc, lang) in treaty.versions:
                assert _extract(treaty, doc, lang) == _read_with_neighbours(treaty, doc, lang), (doc, lang)


def test_each_unit_is_analysed_once(polar: TreatySet, monkeypatch: pytest.MonkeyPatch) -> None:
    """Units that do not lean on their neighbours are read once, not once more as the next one's context."""
    from unagree_cli.obligations import _extract
    from unagree_cli.obligations.engine import Grammar

    texts: list[str] = []
    original = Grammar.analyse_sentence

    def counted(self: Grammar, sentence: str, state: Any, *, first: bool) -> Any:
        texts.append(sentence)
        return original(self, sentence, state, first=first)

    monkeypatch.setattr(Grammar, "analyse_sentence", counted)
    _extract(polar, "agreement", "en")
    assert texts and len(texts) < 1.2 * len(set(texts))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["also", "likewise", " ", ", ", "then", "hereby", "UN", "x" * 70, "也", "还", "均", "国"]),
        max_size=120,
    ),
    st.sampled_from(["en", "zh"]),
)
def test_the_adverbs_before_a_marker_are_found_as_a_search_of_the_whole_clause_would(
    words: list[str], lang: str
) -> None:
    """``trail_start`` reads a window before the marker first; the answer is the full search's."""
    from unagree_cli.obligations.chinese import Chinese
    from unagree_cli.obligations.engine import _compiled, trail_start
    from unagree_cli.obligations.english import English

    text = " ".join(words) if lang == "en" else "".join(words)
    pattern = _compiled(English if lang == "en" else Chinese)[2]
    for start in (0, len(text) // 3):
        found = pattern.search(text, start, len(text))
        assert trail_start(pattern, text, start, len(text)) == (found.start() if found else len(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["将", "视为", "通知", "，", "。", "；", "合作", "国", "视", "为"]), max_size=80))
def test_a_long_sentence_finds_what_follows_jiang_as_a_search_would(pieces: list[str]) -> None:
    """In a long sentence the clause ends and the disposal words are bisected; the answer is the search's."""
    from unagree_cli.obligations.chinese import _RE, Chinese
    from unagree_cli.obligations.engine import LONG_SENTENCE

    rules = Chinese(load(FIXTURES / "polar"))
    short = "".join(pieces)
    sentence = short + "国" * LONG_SENTENCE  # long: the indexed path
    for end in range(len(short) + 1):
        found = _RE.CLAUSE_END.search(sentence, end)
        expected = bool(_RE.DISPOSAL.search(sentence, end, found.start() if found else len(sentence)))
        assert rules._disposal_in_clause(sentence, end) == expected
        assert rules.next_separator(sentence, end) == sentence.find("，", end)


def test_every_english_marker_starts_with_a_letter_of_the_guard() -> None:
    """The guard names the letters a marker can start with; a marker starting with another would never be found."""
    from unagree_cli.obligations.english import English

    guard = re.fullmatch(r"\\b\(\?=(\[[a-z]+\])\)", English.marker_guard)
    assert guard is not None
    for _modality, pattern, _weak in English.marker_table:
        assert first_chars(pattern) <= first_chars(guard.group(1)), pattern
