"""The reference parser and resolver."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unagree_cli.labels import number_to_zh, zh_to_number
from unagree_cli.model import TreatySet
from unagree_cli.refs import Address, RefError, parse, resolve


def eids(treaty: TreatySet, text: str, doc: str | None = None, langs: tuple[str, ...] = ("en", "zh")) -> list[str]:
    return [r.eid for r in resolve(treaty, text, doc, list(langs)).records]


@pytest.mark.parametrize(
    ("text", "nums", "hint"),
    [
        ("5", ("5",), None),
        ("art5", ("5",), True),
        ("Article 5", ("5",), True),
        ("art. 5", ("5",), True),
        ("5.2", ("5", "2"), None),
        ("5(2)", ("5", "2"), None),
        ("Article 5(2)", ("5", "2"), True),
        ("Article 5, paragraph 2", ("5", "2"), True),
        ("3.2(a)", ("3", "2", "a"), None),
        ("3.2.a", ("3", "2", "a"), None),
        ("3(2)(a)", ("3", "2", "a"), None),
        ("第五条", ("5",), True),
        ("第十六条", ("16",), True),
        ("第三条第二款", ("3", "2"), True),
        ("第三条第二款(a)", ("3", "2", "a"), True),
        ("第三条第二款第(a)项", ("3", "2", "a"), True),
        ("paragraph 3", ("3",), False),
        ("  ５ ", ("5",), None),
    ],
)
def test_parse_forms(text: str, nums: tuple[str, ...], hint: bool | None) -> None:
    ref = parse(text)
    assert ref.start == Address("body", nums, hint)
    assert ref.end is None


def test_parse_sections_and_documents() -> None:
    assert parse("preamble").start == Address("preamble")
    assert parse("序言").start == Address("preamble")
    assert parse("preamble.3").start == Address("preamble", ("3",))
    assert parse("conclusions").start == Address("conclusions")
    assert parse("resolution:3").doc == "resolution"
    assert parse("note:").start == Address("all")
    assert parse("all").start == Address("all")


def test_parse_ranges() -> None:
    ref = parse("3-5")
    assert (ref.start.nums, ref.end and ref.end.nums) == (("3",), ("5",))
    ref = parse("5.1-3")
    assert ref.end is not None and ref.end.nums == ("5", "3")
    ref = parse("第三条至第五条")
    assert ref.end is not None and ref.end.nums == ("5",)
    with pytest.raises(RefError, match="range"):
        parse("3.1-5.2")
    with pytest.raises(RefError):
        parse("1-2-3")


@pytest.mark.parametrize("text", ["", "   ", "five", "5..2", "Article", "第条", "3.2(a)(b)(c)", "x" * 500, "5 6"])
def test_unreadable_references(text: str) -> None:
    with pytest.raises(RefError):
        parse(text)


def test_resolve_articles_paragraphs_points(treaty: TreatySet) -> None:
    assert eids(treaty, "5") == ["art_5", "art_5__para_1", "art_5__para_2", "art_5__para_3"]
    assert eids(treaty, "5.2") == ["art_5__para_2"]
    assert eids(treaty, "5(2)") == eids(treaty, "第五条第二款") == ["art_5__para_2"]
    assert eids(treaty, "3.2(a)") == eids(treaty, "3.2.a") == ["art_3__para_2__list_1__point_a"]
    assert eids(treaty, "3.2") == [
        "art_3__para_2__list_1__intro",
        *(f"art_3__para_2__list_1__point_{c}" for c in "abcde"),
        "art_3__para_2__list_1__wrapup",
    ]
    assert eids(treaty, "1") == ["art_1"]


def test_resolve_preamble_ranges_and_documents(treaty: TreatySet) -> None:
    preamble = eids(treaty, "preamble")
    assert preamble[0] == "preamble__formula_1" and preamble[-1] == "preamble__formula_2" and len(preamble) == 11
    assert eids(treaty, "preamble.3") == ["preamble__rec_3"]
    span = eids(treaty, "3-5")
    assert span[0] == "art_3" and span[-1] == "art_5__para_3"
    assert [e for e in span if "__" not in e] == ["art_3", "art_4", "art_5"]
    assert eids(treaty, "5.1-2") == ["art_5__para_1", "art_5__para_2"]
    assert eids(treaty, "resolution:3") == ["para_3"]
    assert eids(treaty, "3", doc="resolution") == ["para_3"]
    assert eids(treaty, "note:2", langs=("zh",)) == ["para_2"]
    assert eids(treaty, "conclusions")[-1] == "conclusions__signature_2"


@pytest.mark.parametrize(
    ("text", "doc", "message"),
    [
        ("17", None, "the agreement has no article 17; it has articles 1-16"),
        ("5.4", None, "article 5 has no paragraph 4; article 5 has paragraphs 1-3"),
        ("1.1", None, "article 1 has no numbered paragraphs"),
        ("3.2(f)", None, "article 3, paragraph 2 has points a-e"),
        ("5.2(a)", None, "article 5, paragraph 2 has no lettered points"),
        ("preamble.10", None, "the agreement's preamble has clauses 1-9"),
        ("resolution:4", None, "the resolution has no paragraph 4; the resolution has paragraphs 1-3"),
        ("article 2", "resolution", "the resolution has no articles; it has paragraphs 1-3"),
        ("treaty:5", None, "unknown document 'treaty'; the corpus has: resolution, agreement, note"),
        ("5-3", None, "runs backwards"),
        ("note:preamble", None, "the note by the Secretary-General has no preamble"),
    ],
)
def test_missing_references_say_what_exists(treaty: TreatySet, text: str, doc: str | None, message: str) -> None:
    with pytest.raises(RefError) as caught:
        resolve(treaty, text, doc, ["en", "zh"])
    assert message in str(caught.value)


def test_every_unit_is_reachable_by_its_ref(treaty: TreatySet) -> None:
    for (doc, lang), version in treaty.versions.items():
        for unit in version.units:
            found = eids(treaty, f"{doc}:{unit.ref}", langs=(lang,))
            assert unit.eid in found, (doc, unit.ref, unit.eid)


@given(st.integers(min_value=1, max_value=999))
def test_chinese_numerals_round_trip(n: int) -> None:
    assert zh_to_number(number_to_zh(str(n))) == n


@given(st.integers(min_value=1, max_value=16), st.integers(min_value=1, max_value=7))
def test_chinese_and_english_forms_agree(article: int, paragraph: int) -> None:
    zh = parse(f"第{number_to_zh(str(article))}条第{number_to_zh(str(paragraph))}款")
    en = parse(f"{article}.{paragraph}")
    assert zh.start.nums == en.start.nums


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_parse_never_fails_except_with_ref_error(text: str) -> None:
    try:
        parse(text)
    except RefError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(list("0123456789.()-: abcpreamblt第条款十一二三四五六至resolution")), max_size=40)
)
def test_resolve_never_fails_except_with_ref_error(treaty: TreatySet, text: str) -> None:
    try:
        selection = resolve(treaty, text, None, ["en", "zh"])
    except RefError as exc:
        assert str(exc)
    else:
        assert selection.records


@pytest.mark.parametrize("text", ["5", "05", "5.2", "12.10", "999.80", "0", "1234", "5.2.3", "5.", ".5", "٥", "5 . 2"])
def test_plain_numbers_read_without_the_grammar_as_the_grammar_reads_them(text: str) -> None:
    from unagree_cli import refs

    raw = refs._normalise(text)
    plain = refs._plain_number(raw)
    try:
        expected: refs.Address | None = refs._parse_address(raw, text)
    except refs.RefError:
        expected = None
    if plain is not None:  # where the short path answers, it answers as the grammar does
        assert plain == expected
    if expected is not None:
        assert refs.parse(text).start == expected
    else:
        with pytest.raises(refs.RefError):
            refs.parse(text)
