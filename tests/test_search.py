"""The search library: query rules, matching, and iteration kept apart from matching."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from unagree_cli.model import Record, TreatySet
from unagree_cli.search import (
    QueryError,
    addresses,
    cell,
    compile_query,
    phrase_pattern,
    search,
    search_records,
    summary,
    unit_records,
)


def record(en: str = "", zh: str = "", heading: dict[str, str] | None = None) -> Record:
    text = {k: v for k, v in (("en", en), ("zh", zh)) if v}
    return Record("doc", "1", "art_1", "article", "1", text, heading)


def test_english_matches_whole_words_ignoring_case() -> None:
    query = compile_query("un", ["en"])
    spans = [(m.start, m.end, m.text) for m in query.find(record("Under the UN flag, the un-numbered"))]
    assert spans == [(10, 12, "UN"), (23, 25, "un")]


def test_the_english_pattern_adds_word_boundaries_only_at_word_characters() -> None:
    assert phrase_pattern("UN", "en") == r"(?<!\w)UN(?!\w)"
    assert phrase_pattern("(a)", "en") == r"\(a\)"


def test_a_phrase_matches_across_any_whitespace() -> None:
    query = compile_query("rules  of\tprocedure", ["en"])
    (match,) = query.find(record("the relevant Rules of\nprocedure apply"))
    assert match.text == "Rules of\nprocedure"


def test_a_word_does_not_match_inside_a_longer_word() -> None:
    assert compile_query("water", ["en"]).find(record("the Watercourses Convention")) == []
    assert compile_query("watercourse", ["en"], exact=True).find(record("the Watercourses Convention")) == []


def test_punctuation_at_the_edges_needs_no_word_boundary() -> None:
    (match,) = compile_query("(a)", ["en"]).find(record("point(a) applies"))
    assert match.text == "(a)"


def test_chinese_is_a_substring_ignoring_spaces_and_width() -> None:
    query = compile_query("第70/263号决议", ["zh"])
    (match,) = query.find(record(zh="大会第 70/263 号决议"))
    assert match.text == "第 70/263 号决议"
    (wide,) = compile_query("(a)", ["zh"]).find(record(zh="第（a）项"))
    assert wide.text == "（a）"


def test_each_language_uses_its_own_rule() -> None:
    query = compile_query("UN", ["en", "zh"])
    assert [m.lang for m in query.find(record("UN and UNDP", "UNDP"))] == ["en", "zh"]


def test_headings_match_and_say_so() -> None:
    hit = record("Members of the staff", "工作人员", heading={"en": "United Nations laissez-passer"})
    (match,) = compile_query("laissez-passer", ["en"]).find(hit)
    assert (match.field, match.start, match.end) == ("heading", 15, 29)


def test_regex_mode_uses_the_pattern_as_written_ignoring_case() -> None:
    query = compile_query(r"resolution \d+/\d+", ["en", "zh"], regex=True)
    found = query.find(record("Recalling RESOLUTION 70/263 and resolution 47/4", "第 70/263 号决议"))
    assert [m.text for m in found] == ["RESOLUTION 70/263", "resolution 47/4"]


def test_empty_regex_matches_are_skipped() -> None:
    assert compile_query("x*", ["en"], regex=True).find(record("abc")) == []


@pytest.mark.parametrize(
    ("query", "regex", "message"),
    [
        ("(", True, "invalid regular expression '(': missing ), unterminated subpattern"),
        ("  ", False, "empty search query"),
        ("a" * 1001, False, "search query is too long"),
    ],
)
def test_bad_queries_say_why(query: str, regex: bool, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        compile_query(query, ["en"], regex)


def test_search_covers_every_document_in_corpus_order(treaty: TreatySet) -> None:
    hits = search(treaty, compile_query("70/263", ["en", "zh"]))
    assert addresses(hits) == ["resolution:preamble.1", "agreement:preamble.9", "note:1", "note:3"]
    assert hits[0].record.text.keys() == {"en", "zh"}


def test_search_narrows_to_one_document(treaty: TreatySet) -> None:
    hits = search(treaty, compile_query("70/263", ["zh"]), ["note"])
    assert addresses(hits) == ["note:1", "note:3"]


def test_search_records_takes_any_iterable_of_records(treaty: TreatySet) -> None:
    """An index can hand the matcher its candidates: here, two records picked by hand."""
    candidates = [r for r in unit_records(treaty, ["agreement"]) if r.ref in ("10", "11")]
    hits = list(search_records(compile_query("Article 14", ["en"]), iter(candidates)))
    assert [h.address for h in hits] == ["agreement:10"]


def test_a_hit_extends_the_unit_record(treaty: TreatySet) -> None:
    (hit,) = search(treaty, compile_query("laissez-passer", ["en"]))
    data = hit.to_dict()
    assert list(data) == ["doc", "ref", "eid", "kind", "heading", "text", "matches"]
    assert data["matches"] == [
        {"lang": "en", "field": "heading", "start": 15, "end": 29, "text": "laissez-passer"},
        {"lang": "en", "field": "text", "start": 297, "end": 311, "text": "laissez-passer"},
    ]
    assert data["text"]["en"][297:311] == "laissez-passer"


def test_cell_puts_the_heading_first_and_shifts_the_spans(treaty: TreatySet) -> None:
    (hit,) = search(treaty, compile_query("laissez-passer", ["en"]))
    text, spans = cell(hit.to_dict(), "en")
    assert [text[s:e] for s, e in spans] == ["laissez-passer", "laissez-passer"]
    assert text.startswith("United Nations laissez-passer\nMembers of the staff")
    assert cell(hit.to_dict(), "zh") == ("联合国通行证\n" + hit.record.text["zh"], [])


def test_addresses_are_distinct_and_summary_counts_by_language(treaty: TreatySet) -> None:
    hits = search(treaty, compile_query("移民组织", ["zh"]), ["agreement"])
    assert len(addresses(hits)) == len(set(addresses(hits)))
    assert len(hits) > len(addresses(hits))  # 3.2's intro and wrap-up share one reference
    assert summary(hits, ["en", "zh"]).startswith(f"{len(hits)} units, ")
    assert summary(hits[:1], ["zh"]) == "1 unit, 1 match (zh 1)"


def test_fixture_corpus_search(tmp_path: Path) -> None:
    from unagree_cli.corpus import load

    accord = load(FIXTURES / "accord")
    hits = search(accord, compile_query("watercourse", ["en", "zh"], exact=True))
    assert addresses(hits) == ["accord:1"]
    plurals = search(accord, compile_query("watercourse", ["en", "zh"]))  # "the Watercourses Convention" too
    assert addresses(plurals) == ["accord:preamble.1", "accord:1"]
    assert [m.lang for m in hits[0].matches] == ["en", "en"]
    chinese = search(accord, compile_query("水道", ["zh"]))
    assert addresses(chinese) == ["accord:preamble.1", "accord:1"]


@given(st.text(alphabet="abc ABC-.,联合国\n", max_size=40), st.sampled_from(["a", "b c", "联合", "-"]))
def test_every_match_is_the_text_at_its_offsets(text: str, query: str) -> None:
    for lang in ("en", "zh"):
        for match in compile_query(query, [lang]).find(record(text, text)):
            assert record(text, text).text[match.lang][match.start : match.end] == match.text
            assert match.text


# ---------------------------------------------------------------- context, keyword in context, counts


def test_with_context_merges_overlapping_windows_and_keeps_document_order(treaty: TreatySet) -> None:
    from unagree_cli.search import with_context

    records = treaty.records("agreement", ["en", "zh"])
    hits = search(treaty, compile_query("laissez-passer|Expenses", ["en"], regex=True), ["agreement"])
    shown = with_context(lambda doc: treaty.records(doc, ["en", "zh"]), hits, 1)
    eids = [r.eid for r in records]
    positions = [eids.index(unit.record.eid) for unit in shown]
    assert positions == sorted(set(positions))  # each unit once, in order
    assert [unit.is_context for unit in shown].count(False) == len(hits)
    hit_positions = {eids.index(h.record.eid) for h in hits}
    assert set(positions) == {p + d for p in hit_positions for d in (-1, 0, 1)}


def test_in_context_cuts_by_terminal_cells_and_keeps_the_other_language() -> None:
    from unagree_cli.search import cells, in_context

    hit = search_records(
        compile_query("通行证", ["zh"]),
        [record("The laissez-passer", "工作人员应有权使用联合国通行证作为有效旅行证件。")],
    )
    (item,) = in_context(list(hit), width=10)
    assert item.match.text == "通行证"
    assert cells(item.left) <= 10 and item.left.startswith("…") and item.left.endswith("联合国")
    assert cells(item.right) <= 10 and item.right.endswith("…")
    assert item.other == {"en": "The laissez-passer"}


def test_kwic_lines_line_up_the_matches_and_fit_a_width() -> None:
    from unagree_cli.search import cells, kwic_lines

    hits = list(
        search_records(
            compile_query("arrangement", ["en"]),
            [record("Such arrangements as may be agreed upon by the Parties from time to time.", "安排")],
        )
    )
    (wide,) = kwic_lines(hits)
    assert "[arrangements]" in wide and wide.endswith("│ 安排")
    (narrow,) = [line for line in kwic_lines(hits, line_width=60) if "[" in line]
    assert cells(narrow) <= 60


def test_counts_per_document(treaty: TreatySet) -> None:
    from unagree_cli.search import count_lines, counts

    hits = search(treaty, compile_query("arrangement", ["en", "zh"]))
    per_doc = counts(hits, treaty.doc_keys(), ["en", "zh"])
    assert [c.doc for c in per_doc] == treaty.doc_keys()
    assert sum(c.units for c in per_doc) == len(hits)
    assert sum(sum(c.matches.values()) for c in per_doc) == sum(len(h.matches) for h in hits)
    assert count_lines(hits, per_doc, ["en", "zh"])[-1].startswith("total")


def test_matches_and_hits_made_for_speed_are_the_ones_the_classes_make() -> None:
    from unagree_cli.search import Hit, Match, _match, make_hit

    made = _match("zh", "text", 1, 4, "通行证")
    plain = Match("zh", "text", 1, 4, "通行证")
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert made.to_dict() == plain.to_dict()
    field = "start"
    with pytest.raises(AttributeError):  # frozen, as the class makes it
        setattr(made, field, 2)
    record = Record("agreement", "1", "art_1", "article", "1", {"zh": "通行证"})
    assert make_hit(record, [made]) == Hit(record, [plain])
    assert make_hit(record, [made]).to_dict() == Hit(record, [plain]).to_dict()


def _reference_cells(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _reference_cut_left(text: str, width: int) -> str:
    flat = " ".join(text.split()) + (" " if text[-1:].isspace() and text.strip() else "")
    if _reference_cells(flat) <= width:
        return flat
    out = ""
    for char in reversed(flat):
        if _reference_cells(out) + _reference_cells(char) > width - 1:
            break
        out = char + out
    return "…" + out


def _reference_cut_to(text: str, width: int) -> str:
    if _reference_cells(text) <= width:
        return text
    out = ""
    for char in text:
        if _reference_cells(out) + _reference_cells(char) > width - 1:
            break
        out += char
    return out + "…"


@given(st.text(alphabet=st.sampled_from("ab 中文，Ｉé\u0301\t\n\x1b…𝔘"), max_size=40), st.integers(-2, 45))
def test_kwic_cuts_are_the_character_by_character_ones(text: str, width: int) -> None:
    from unagree_cli.search import _cut_left, cells, cut_to

    assert cells(text) == _reference_cells(text)
    assert cut_to(text, width) == _reference_cut_to(text, width)
    if text:
        assert _cut_left(text, width) == _reference_cut_left(text, width)
