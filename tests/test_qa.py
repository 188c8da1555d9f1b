"""The translation-QA checks: each fixture's injected error is caught, and nothing else."""

from __future__ import annotations

import datetime
import difflib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import first_chars
from hypothesis import given
from hypothesis import strategies as st

from unagree_cli.corpus import load
from unagree_cli.model import TreatySet
from unagree_cli.qa import QAError, review, review_all, select_checks, summary
from unagree_cli.qa.numbers import items_en, items_zh, unmatched
from unagree_cli.qa.punctuation import end_mark, unpaired
from unagree_cli.qa.terminology import one_edit
from unagree_cli.qa.untranslated import latin_words
from unagree_cli.views.findings import summary_lines

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CLEAN = FIXTURES / "qa_clean"

# fixture -> (check, ref) of the one finding its injected error must produce
INJECTED = {
    "qa_missing": ("missing", "2.2(c)"),
    "qa_numbers": ("numbers", "preamble.3"),
    "qa_dates": ("numbers", "preamble.2"),
    "qa_terminology": ("terminology", "preamble.1"),
    "qa_modality": ("modality", "1"),
    "qa_untranslated": ("untranslated", "2.2(c)"),
    "qa_punctuation": ("punctuation", "3"),
}


def findings_of(treaty: TreatySet, doc: str, checks: list[str] | None = None) -> list[tuple[str, str, str, str]]:
    """(ref, check, severity, message) of every finding in ``doc``."""
    return [
        (item.record.ref, f.check, f.severity, f.message)
        for item in review(treaty, doc, select_checks(checks))
        for f in item.findings
    ]


@pytest.fixture
def variant(tmp_path: Path) -> Callable[..., TreatySet]:
    """A copy of the clean fixture with one replacement in one language's YAML."""

    def make(old: str, new: str, lang: str = "zh", glossary: str = "") -> TreatySet:
        root = tmp_path / "corpus"
        shutil.copytree(CLEAN, root)
        path = root / "accord" / f"agreement.{lang}.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        path.write_text(text.replace(old, new), encoding="utf-8")
        if glossary:
            treaty_yaml = root / "accord" / "treaty.yaml"
            treaty_yaml.write_text(treaty_yaml.read_text(encoding="utf-8") + glossary, encoding="utf-8")
        return load(root)

    return make


# ---------------------------------------------------------------- fixtures


def test_clean_fixture_has_no_findings() -> None:
    assert findings_of(load(CLEAN), "agreement") == []


@pytest.mark.parametrize("name", sorted(INJECTED))
def test_each_injected_error_is_one_finding_of_its_check(name: str) -> None:
    check, ref = INJECTED[name]
    found = findings_of(load(FIXTURES / name), "agreement")
    assert [(r, c) for r, c, _, _ in found] == [(ref, check)], found


@pytest.mark.parametrize("name", sorted(INJECTED))
def test_each_fixture_differs_from_the_clean_one_in_one_place(name: str) -> None:
    """One injected error: the English is untouched and the Chinese differs in one hunk."""
    for relative in ("accord/agreement.en.yaml", "accord/treaty.yaml", "sources/accord.en.txt"):
        assert (FIXTURES / name / relative).read_bytes() == (CLEAN / relative).read_bytes()
    for relative in ("accord/agreement.zh.yaml", "sources/accord.zh.txt"):
        before = (CLEAN / relative).read_text(encoding="utf-8").splitlines()
        after = (FIXTURES / name / relative).read_text(encoding="utf-8").splitlines()
        hunks = [op for op in difflib.SequenceMatcher(None, before, after).get_opcodes() if op[0] != "equal"]
        assert len(hunks) == 1, (relative, hunks)


def test_injected_messages_quote_both_sides() -> None:
    numbers = findings_of(load(FIXTURES / "qa_numbers"), "agreement")[0][3]
    assert "'No. 1309'" in numbers and "'第 1390 号'" in numbers
    dates = findings_of(load(FIXTURES / "qa_dates"), "agreement")[0][3]
    assert "'25 June 1996' (1996-06-25)" in dates and "'1996 年 6 月 26 日' (1996-06-26)" in dates
    missing = findings_of(load(FIXTURES / "qa_missing"), "agreement")[0]
    assert missing[2] == "error"
    assert "point (c) of 2.2 is in English only" in missing[3]
    assert "3 points in English and 2 points in Chinese" in missing[3]
    term = findings_of(load(FIXTURES / "qa_terminology"), "agreement")[0][3]
    assert term.startswith("国际移民组识 (") and "misspelling of 国际移民组织" in term
    untranslated = findings_of(load(FIXTURES / "qa_untranslated"), "agreement")[0][3]
    assert "'security'" in untranslated and "the English has 'security'" in untranslated
    punctuation = findings_of(load(FIXTURES / "qa_punctuation"), "agreement")[0][3]
    assert punctuation.startswith("unpaired in the Chinese: （")


def test_modality_fixture_message_names_both_modalities() -> None:
    (ref, check, severity, message) = findings_of(load(FIXTURES / "qa_modality"), "agreement")[0]
    assert (ref, check, severity) == ("1", "modality", "error")
    assert "obligation" in message and "'shall'" in message
    assert "permission" in message and "'可'" in message


# ---------------------------------------------------------------- the shipped corpus

SHIPPED = [
    ("resolution", "all", "version", "warning"),
    ("resolution", "preamble.3", "terminology", "warning"),
    ("agreement", "all", "version", "info"),
    ("agreement", "2.2", "terminology", "warning"),
    ("agreement", "3.1", "terminology", "warning"),
    ("agreement", "5.1", "terminology", "warning"),
    ("agreement", "6.2", "terminology", "warning"),
    ("agreement", "14", "modality", "error"),
    ("note", "all", "missing", "info"),
]


def test_shipped_corpus_findings(treaty: TreatySet) -> None:
    """Every finding on the shipped corpus, as listed (and judged) in the README."""
    checks = select_checks(None)
    found = [
        (doc, item.record.ref, f.check, f.severity)
        for doc in treaty.doc_keys()
        for item in review(treaty, doc, checks)
        for f in item.findings
    ]
    assert found == SHIPPED


def test_article_14_may_against_hui(treaty: TreatySet) -> None:
    (found,) = findings_of(treaty, "agreement", ["modality"])
    assert found[:3] == ("14", "modality", "error")
    assert "'may'" in found[3] and "'会'" in found[3]


def test_shipped_slips_are_named(treaty: TreatySet) -> None:
    messages = {(ref, check): message for ref, check, _, message in findings_of(treaty, "agreement", ["terminology"])}
    assert "国际移徙组织" in messages[("2.2", "terminology")] and "deprecates" in messages[("2.2", "terminology")]
    assert "成立文书" in messages[("3.1", "terminology")] and "组成文书" in messages[("3.1", "terminology")]
    assert messages[("5.1", "terminology")].startswith("国际移民组 (")
    assert "'United Nations' 3 / 联合国 2" in messages[("6.2", "terminology")]


def test_draft_resolution_is_one_document_level_finding(treaty: TreatySet) -> None:
    found = findings_of(treaty, "resolution", ["version", "missing"])
    assert len(found) == 1
    ref, check, severity, message = found[0]
    assert (ref, check, severity) == ("all", "version", "warning")
    assert "'联合国同国际移民组织的合作'" in message
    assert "112th plenary meeting; 25 July 2016" in message
    assert "as adopted (A/RES/70/296)" in message and "draft (A/70/976, annex II)" in message


def test_note_is_reported_once_not_unit_by_unit(treaty: TreatySet) -> None:
    items = review(treaty, "note", select_checks(None))
    assert len(items) == 1
    assert items[0].record.kind == "document"
    assert [f.check for f in items[0].findings] == ["missing"]
    assert "exists in Chinese only (4 units)" in items[0].findings[0].message


def test_a_reference_to_part_leaves_out_document_findings(treaty: TreatySet) -> None:
    part = review_all(treaty, "5", None, ["version", "terminology"])
    assert part.docs == ["agreement"]
    assert [i.record.ref for i in part.items] == ["5", "5.1", "5.2", "5.3"]
    whole = review_all(treaty, "resolution:", None, ["version"])
    assert whole.items[0].record.kind == "document" and whole.count == 1


# ---------------------------------------------------------------- numbers


@given(
    st.lists(st.tuples(st.integers(-3, 30), st.integers(-3, 30)), max_size=12),
    st.sampled_from(["", "Article 1"]),
    st.booleans(),
    st.sampled_from(["", "why"]),
)
def test_spans_of_sorts_and_drops_as_spans_do(
    pairs: list[tuple[int, int]], heading: str, in_text: bool, note: str
) -> None:
    """The spans are those of sorting the set of Span objects: duplicates once, by position."""
    from unagree_cli.highlight import FINDING, Span
    from unagree_cli.model import Record
    from unagree_cli.qa import spans_of

    record = Record("agreement", "1", "art_1", "article", "1", {"en": "text"}, heading={"en": heading})
    shift = len(heading) + 1 if heading and not in_text else 0
    expected = sorted({Span(a - shift, b - shift, FINDING, note) for a, b in pairs if a >= shift and b > a})
    assert spans_of(record, {"en": pairs}, note, in_text=in_text) == ({"en": expected} if expected else {})


def test_dates_symbols_and_articles_normalise_across_languages() -> None:
    en = items_en("resolution 70/263 of 27 April 2016, Resolution No. 1309, Article 14, A/RES/70/296, 112th meeting")
    zh = items_zh("2016 年 4 月 27 日第 70/263 号决议，第 1309号决议，第十四条，A/RES/70/296，第 112 次会议")
    assert sorted(i.key for i in en) == sorted(i.key for i in zh)
    assert {i.key for i in en} == {
        "symbol:70/263",
        "date:2016-04-27",
        "number:1309",
        "article:14",
        "symbol:A/RES/70/296",
        "number:112",
    }


def test_year_alone_and_blank_dates() -> None:
    assert [i.key for i in items_en("Signed this xxth day of xx 2016")] == ["number:2016"]
    assert [i.key for i in items_zh("2016 年____月____日签署于____")] == ["number:2016"]
    assert [i.key for i in items_zh("2016 年 9 月 19日")] == ["date:2016-09-19"]
    assert [i.key for i in items_en("June 25, 1996 and June 1996")] == ["date:1996-06-25", "date:1996-06"]


MONTH_NAMES = "January February March April May June July August September October November December".split()


@given(st.dates())
def test_any_date_reads_the_same_in_both_languages(day: datetime.date) -> None:
    english = f"of {day.day} {MONTH_NAMES[day.month - 1]} {day.year:04d},"
    chinese = f"{day.year:04d} 年 {day.month} 月 {day.day}日"
    assert [i.key for i in items_en(english)] == [i.key for i in items_zh(chinese)] == [f"date:{day.isoformat()}"]


@given(st.integers(min_value=1, max_value=999))
def test_any_article_reference_reads_the_same(number: int) -> None:
    from unagree_cli.labels import number_to_zh

    assert [i.key for i in items_en(f"pursuant to Article {number}")] == [f"article:{number}"]
    assert [i.key for i in items_zh(f"根据本协定第{number_to_zh(str(number))}条")] == [f"article:{number}"]


@given(
    st.text(alphabet="国际移民组织理事会", min_size=1, max_size=8),
    st.text(alphabet="国际移民组织理事会", min_size=1, max_size=8),
)
def test_one_edit_is_symmetric(first: str, second: str) -> None:
    assert one_edit(first, second) == one_edit(second, first)


def test_numbers_compare_as_multisets() -> None:
    only_en, only_zh = unmatched(items_en("No. 1309 and No. 1309"), items_zh("第 1309 号"))
    assert [i.surface for i in only_en] == ["No. 1309"] and only_zh == []
    assert unmatched(items_en("47/4 and 51/148"), items_zh("第51/148 号和第 47/4 号")) == ([], [])


# ---------------------------------------------------------------- terminology


@pytest.mark.parametrize(
    ("candidate", "form", "expected"),
    [
        ("国际移民组", "国际移民组织", True),  # dropped
        ("国际移徙组织", "国际移民组织", True),  # changed
        ("国际民移组织", "国际移民组织", True),  # swapped
        ("国际移民组织织", "国际移民组织", True),  # added
        ("国际移民组织", "国际移民组织", False),  # the term itself
        ("组成文书", "成立文书", False),  # two changes
    ],
)
def test_one_edit(candidate: str, form: str, expected: bool) -> None:
    assert one_edit(candidate, form) is expected


def test_an_english_misspelling_is_caught(variant: Callable[..., TreatySet]) -> None:
    treaty = variant("The Inter-Agency Standing Committee;", "The Inter-Agency Standing Comittee;", lang="en")
    found = findings_of(treaty, "agreement")
    assert [(r, c) for r, c, _, _ in found] == [("2.2(a)", "terminology")]
    assert "Inter-Agency Standing Comittee" in found[0][3]
    assert "misspelling of 'Inter-Agency Standing Committee'" in found[0][3]


def test_a_deprecated_form_is_one_finding(variant: Callable[..., TreatySet]) -> None:
    glossary = "  - en: Cooperation Agreement\n    zh: 合作协定\n    deprecated: {zh: [合作协议]}\n"
    treaty = variant("《合作协定》", "《合作协议》", glossary=glossary)
    found = findings_of(treaty, "agreement")
    assert [(r, c) for r, c, _, _ in found] == [("preamble.2", "terminology")]
    assert "合作协议" in found[0][3] and "deprecates" in found[0][3]


def test_a_missing_term_is_a_count_shortfall(variant: Callable[..., TreatySet]) -> None:
    treaty = variant("秘书长可提出议程项目。", "它可提出议程项目。")
    found = findings_of(treaty, "agreement", ["terminology"])
    assert found == [
        (
            "2.1",
            "terminology",
            "warning",
            "glossary terms of the English without their counterpart in the Chinese (English / Chinese count): "
            "'Secretary-General' 1 / 秘书长 0",
        )
    ]


def test_more_in_the_chinese_is_not_a_finding(variant: Callable[..., TreatySet]) -> None:
    treaty = variant("联合国和国际移民组织应密切合作。", "联合国和国际移民组织应密切合作，联合国和国际移民组织。")
    assert findings_of(treaty, "agreement", ["terminology"]) == []


# ---------------------------------------------------------------- untranslated and punctuation


def test_symbols_point_letters_and_glossary_names_may_stay_latin() -> None:
    assert latin_words("见 A/70/976 和第三条第二款(a)项", []) == []
    assert latin_words("使用 UNHCR 的名称", ["UNHCR"]) == []
    text = "使用 UNHCR 的 security 名称"
    assert [text[s:e] for s, e in latin_words(text, [])] == ["UNHCR", "security"]


def test_a_glossary_latin_variant_is_allowed_in_the_chinese(variant: Callable[..., TreatySet]) -> None:
    glossary = (
        "  - en: security management teams\n    zh: 安保管理小组\n    variants: {zh: [security management teams]}\n"
    )
    treaty = variant("国家一级安保管理小组。", "国家一级security management teams。", glossary=glossary)
    assert findings_of(treaty, "agreement", ["untranslated"]) == []


def test_unpaired_and_end_marks() -> None:
    assert unpaired("（包括（a）和《宪章》）") == []
    assert unpaired("the Members’ rights") == []
    assert unpaired("（包括") == [(0, "（")]
    assert unpaired("包括）") == [(2, "）")]
    assert unpaired('a "quote') == [(2, '"')]
    assert end_mark("The Global Migration Group;") == ";"
    assert end_mark("（包括工作人员）。") == "。"
    assert end_mark("安排（包括工作人员。）") == "。"
    assert end_mark("Purpose") == ""


def test_end_punctuation_that_does_not_correspond(variant: Callable[..., TreatySet]) -> None:
    treaty = variant("全球移徙小组；", "全球移徙小组。")
    found = findings_of(treaty, "agreement")
    assert [(r, c) for r, c, _, _ in found] == [("2.2(b)", "punctuation")]
    assert "English ends with a semicolon (;)" in found[0][3] and "Chinese ends with a full stop (。)" in found[0][3]


# ---------------------------------------------------------------- selection and summary


def test_select_checks() -> None:
    assert [c.name for c in select_checks(["numbers,terminology"])] == ["numbers", "terminology"]
    assert [c.name for c in select_checks(["Terminology", "numbers"])] == ["numbers", "terminology"]
    assert len(select_checks(None)) == 12
    with pytest.raises(QAError, match="unknown check 'spelling'; the checks are: missing, sentences, numbers"):
        select_checks(["spelling"])


def test_summary_counts_every_chosen_check() -> None:
    treaty = load(FIXTURES / "qa_missing")
    checks = select_checks(["missing", "numbers"])
    items = review(treaty, "agreement", checks)
    assert {name: dict(c) for name, c in summary(items, checks).items()} == {"missing": {"error": 1}, "numbers": {}}
    assert summary_lines(items, checks) == ["1 finding: 1 error", "  missing    1  (1 error)", "  numbers    0"]


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)), max_size=30), st.integers(0, 70), st.integers(1, 12))
def test_a_span_set_answers_as_a_scan_of_every_span_would(spans: list[tuple[int, int]], start: int, width: int) -> None:
    """Overlapping spans are merged; the answer is still the one a scan of every span added gives."""
    from unagree_cli.qa import SpanSet

    kept = SpanSet()
    for begin, size in spans:
        kept.add(begin, begin + size)
    end = start + width
    assert kept.overlaps(start, end) == any(start < b + s and b < end for b, s in spans)
    assert all(a < b <= c for a, b, c in zip(kept.starts, kept.ends, kept.starts[1:], strict=False))


def test_terminology_of_a_term_named_thousands_of_times_claims_spans_by_bisection() -> None:
    """Each occurrence was tested against every span claimed before it: quadratic in a long paragraph."""
    from unagree_cli.qa import SpanSet
    from unagree_cli.qa.terminology import find_forms, near_misses_en

    calls: list[int] = []

    class Counted(SpanSet):
        def overlaps(self, start: int, end: int) -> bool:
            calls.append(len(self.starts))
            return super().overlaps(start, end)

    text = "The Joint Committee shall meet and the Joint Comittee may report. " * 2_000
    taken = Counted()
    assert len(find_forms(text, ["Joint Committee"], "en", "exact", taken)) == 2_000
    assert len(near_misses_en(text, "Joint Committee", taken)) == 2_000
    assert len(calls) <= 6_000  # one question per candidate, each a bisection (not a scan of what is claimed)


def test_units_missing_a_language_ask_for_the_adopted_records_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The adopted text's closing records were listed again for every unit missing a language: quadratic."""
    from unagree_cli.align import Alignment, align
    from unagree_cli.model import Record
    from unagree_cli.qa import Context
    from unagree_cli.qa.missing import check_unit

    treaty = load(FIXTURES / "polar")
    calls: list[int] = []
    original = Alignment.adoption_record

    def counted(self: Alignment) -> list[Record]:
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Alignment, "adoption_record", counted)
    context = Context(treaty, align(treaty, "agreement"))
    units = [Record("agreement", f"9.{n}", f"art_9__para_{n}", "paragraph", str(n), {"en": "Text."}) for n in range(50)]
    assert all(len(check_unit(context, unit)) == 1 for unit in units)
    assert len(calls) == 1


NUMBER_PIECES = [
    *("25 June 1996", "June 25, 2016", "May 2017", "A/RES/70/296", "70/263", "No. 12", "Article 14", "articles 3"),
    *("1,000.5", "3rd", "21st", " and ", "A", "a", ".", ",", "x1", "1/2/3", "E/CN.4/2005/1", "No.5", "9"),
    *("2016年6月25日", "2017 年 6 月", "2018年", "第70/263号", "第十四条", "第3条", "。", "，", "国", "第 12 号"),
]


@given(st.lists(st.sampled_from(NUMBER_PIECES), max_size=12), st.sampled_from(["en", "zh"]))
def test_the_guard_of_the_number_patterns_changes_no_match(pieces: list[str], lang: str) -> None:
    """The patterns start with a lookahead for the characters a match can start with; without it, the same."""
    import re

    from unagree_cli.qa import numbers

    text = " ".join(pieces)
    guarded = numbers._RE.EN if lang == "en" else numbers._RE.ZH
    plain = re.compile(numbers._EN if lang == "en" else numbers._ZH, re.VERBOSE | re.ASCII)
    assert [(m.span(), m.groupdict()) for m in guarded.finditer(text)] == [
        (m.span(), m.groupdict()) for m in plain.finditer(text)
    ]


_ENGLISH_PIECES = st.sampled_from(
    ["not", "No", "NOT", "no.", "No. 5", "without", "Without Delay", "can't", "non-State", "Non-binding", "fail",
     "Failing", "in the absence of", "prohibited", "INVIOLABLE", "whether or not", "no later than", "shall", "the",
     " ", ", ", ". ", "\n", "-", "'", "(", "2", "Neither", "nor", "either", "Nation", "knot", "one", "; ", "NONE"]
)  # fmt: skip


@given(st.lists(_ENGLISH_PIECES, max_size=30))
def test_negations_of_an_ascii_text_lowered_are_those_found_ignoring_case(pieces: list[str]) -> None:
    from unagree_cli.qa.negation import _patterns

    text = "".join(pieces)
    for ignoring, lowered in zip(_patterns("en"), _patterns("en", True), strict=True):
        assert [m.span() for m in lowered.finditer(text.lower())] == [m.span() for m in ignoring.finditer(text)]


def test_ideographic_windows_read_as_the_pattern_reads_them() -> None:
    import re

    from unagree_cli.qa.terminology import is_ideographic

    pattern = re.compile(r"^[\u3400-\u9fff\uf900-\ufaff]+$")
    for window in [
        "国际移民组",
        "国际移民组\n",
        "国际\n\n",
        "\n",
        "",
        "国a",
        "豈",
        "\u3400\u9fff\uf900\ufaff",
        "組織 ",
    ]:
        assert is_ideographic(window) == bool(pattern.match(window)), window


def _guarded(guard: str) -> set[str]:
    """The characters a guard ``(?=[...])`` lets through."""
    import re

    found = re.fullmatch(r"\(\?=(\[[^]]+\])\)", guard)
    assert found is not None, guard
    return first_chars(found.group(1))


def test_every_number_item_starts_with_a_character_of_the_guard() -> None:
    import re

    from unagree_cli.qa.numbers import _EN, _ZH, GUARDS

    for lang, source in (("en", _EN), ("zh", _ZH)):
        assert first_chars(source, re.VERBOSE | re.ASCII) <= _guarded(GUARDS[lang]), lang


def test_every_cross_reference_starts_with_a_character_of_the_guard() -> None:
    from unagree_cli.qa.crossrefs import GUARDS, PATTERNS

    assert set(GUARDS) == set(PATTERNS)
    for lang, rows in PATTERNS.items():
        for _kind, pattern in rows:
            assert first_chars(pattern) <= _guarded(GUARDS[lang]), (lang, pattern)


def test_every_lowered_negation_starts_with_a_letter_of_the_guard() -> None:
    from unagree_cli.qa.negation import LOWER_GUARDS, NEGATIONS, NOT_NEGATIONS, _lower

    for lang, (word, exempt) in LOWER_GUARDS.items():
        assert first_chars(_lower(NEGATIONS[lang])) <= _guarded(word)
        assert first_chars(_lower(NOT_NEGATIONS[lang])) <= _guarded(exempt)


_FORM_PIECES = st.sampled_from(
    ["Emblem", "emblem", "emblems", "emblemes", "s", "es", " ", "-", "y", "ies", "party", "Party", "parties", "ß",
     "SS", "Member States", "IOM", "iom", "laissez-passer", "Laissez-passers", "x", "\n", "é", "ab", "Ab", "1"]
)  # fmt: skip


@given(
    st.lists(_FORM_PIECES, max_size=14),
    st.sampled_from(["emblem", "party", "Member States", "ßtraße", "IOM", "laissez-passer", "ab", "es", "-ab", "iy"]),
)
def test_english_forms_found_without_a_pattern_are_the_patterns_matches(pieces: list[str], form: str) -> None:
    from unagree_cli.qa.terminology import _form_pattern, _word_spans

    text = "".join(pieces)
    assert _word_spans(text, form) == [m.span() for m in _form_pattern(form, "en").finditer(text)]


@given(st.lists(_ENGLISH_PIECES, max_size=20))
def test_a_text_without_no_or_neither_has_no_negated_subject(pieces: list[str]) -> None:
    from unagree_cli.qa.modality import _may_deny, _pattern

    text = "".join(pieces)
    if not _may_deny(text):
        assert _pattern("negated", "en").search(text) is None
        assert _pattern("nobody", "en").search(text) is None


def _unpaired_char_by_char(text: str) -> list[tuple[int, str]]:
    """``unpaired`` as it read every character (the reference for the version that finds the marks first)."""
    from unagree_cli.qa.punctuation import CLOSERS, PAIRS

    stack: list[tuple[int, str]] = []
    stray: list[tuple[int, str]] = []
    straight_open: int | None = None
    for index, char in enumerate(text):
        if char == '"':
            straight_open = index if straight_open is None else None
        elif char in PAIRS:
            stack.append((index, char))
        elif char in CLOSERS:
            if stack and stack[-1][1] == CLOSERS[char]:
                stack.pop()
            elif char != "’":
                stray.append((index, char))
    if straight_open is not None:
        stray.append((straight_open, '"'))
    return sorted(stray + stack)


@given(st.lists(st.sampled_from(list("()[]（）《》〈〉【】「」“”‘’«»\"'ab 中\\^-")), max_size=30))
def test_unpaired_marks_are_those_a_scan_of_every_character_finds(chars: list[str]) -> None:
    text = "".join(chars)
    assert unpaired(text) == _unpaired_char_by_char(text)


def test_the_catalogue_names_each_checks_module_and_what_it_defines() -> None:
    import importlib

    from unagree_cli.qa import CATALOGUE, all_checks
    from unagree_cli.qa.crossrefs import PATTERNS

    for name, _summary, unit, document, languages, reads_document in CATALOGUE:
        module = importlib.import_module(f"unagree_cli.qa.{name}")
        assert module.NAME == name
        assert hasattr(module, "check_unit") == unit and hasattr(module, "check_document") == document, name
        assert hasattr(module, "unit_context") == reads_document, name
        if name == "crossrefs":
            assert languages == tuple(PATTERNS)
    assert all_checks() == all_checks() and [c.name for c in all_checks()] == [row[0] for row in CATALOGUE]


def test_a_diff_served_from_the_cache_imports_no_check(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    code = (
        "import io, sys; from unagree_cli.cli import main; from unagree_cli.views.env import Environment;"
        "out = io.StringIO(); env = Environment.from_env(out, stderr=out);"
        "main(['diff', '--format', 'json', '--fail-on', 'never'], env);"
        "print(sorted(m for m in sys.modules if m.startswith(('unagree_cli.qa.', 'unagree_cli.obligations'))))"
    )
    env = {**os.environ, "UNAGREE_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("UNAGREE_NO_CACHE", None)
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
        for _ in range(2)
    ]
    assert "unagree_cli.qa.terminology" in runs[0]  # computed: every check ran
    assert runs[1].strip() == "[]"  # from the cache: no check module, no grammar


_NEAR_PIECES = st.sampled_from(
    ["International", "Organization", "Organisation", "Orgainzation", "Organizaton", "Organizations", "for",
     "Migration", "Migratoin", "Migraton", "of", "the", "Member", "States", "Statse", "Secretary-General",
     "Secretary-Genral", "Secertary-General", " ", "  ", "\n", ", ", "IOM", "Interantional", "Intenrational"]
)  # fmt: skip


@given(
    st.lists(_NEAR_PIECES, max_size=16),
    st.sampled_from(["International Organization for Migration", "Member States", "Secretary-General", "IOM"]),
)
def test_near_misses_found_with_the_thirds_prefilter_are_those_found_without(pieces: list[str], form: str) -> None:
    """One edit leaves one of the form's thirds whole: a text holding none of them holds no near-miss."""
    from unagree_cli.qa import SpanSet, terminology

    text = " ".join(pieces)
    with_filter = terminology.near_misses_en(text, form, SpanSet())
    terminology._PREFILTER = False
    try:
        without = terminology.near_misses_en(text, form, SpanSet())
    finally:
        terminology._PREFILTER = True
    assert with_filter == without


@given(
    st.dictionaries(st.sampled_from(["en", "zh", "fr"]), st.text(alphabet=" \t\n\u3000\u00a0\u2028ax中")),
    st.one_of(st.none(), st.dictionaries(st.sampled_from(["en", "zh"]), st.text(alphabet=" \u3000aT"))),
)
def test_both_is_the_texts_when_one_has_more_than_blanks(texts: dict[str, str], heading: dict[str, str] | None) -> None:
    """qa.both tests for blanks without copying the texts: the same answer as stripping them."""
    from unagree_cli.model import Record
    from unagree_cli.qa import both, text_of

    record = Record(doc="d", ref="1", eid="para_1", kind="paragraph", num=None, text=texts, heading=heading)
    for langs in (("en", "zh"), ("zh", "fr")):
        first, second = langs
        expected = None
        if first in texts and second in texts:
            a, b = text_of(record, first), text_of(record, second)
            expected = (a, b) if a.strip() or b.strip() else None
        assert both(record, langs) == expected
