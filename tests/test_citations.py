"""Cross-references found by rules over both languages, on the shipped corpus and a fixture."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest
from conftest import FIXTURES

from unagree_cli.citations import Citation, about, find_citations, instruments_cited
from unagree_cli.corpus import load
from unagree_cli.model import TreatySet
from unagree_cli.refs import resolve
from unagree_cli.views.citations import to_dot


@pytest.fixture(scope="module")
def accord() -> TreatySet:
    return load(FIXTURES / "accord")


def links(citations: Iterable[Citation]) -> list[tuple[str, str]]:
    return [(c.address, c.target.key) for c in citations]


def test_every_citation_of_the_shipped_corpus(treaty: TreatySet) -> None:
    assert links(find_citations(treaty)) == [
        ("resolution:preamble.1", "ga-70-263"),
        ("resolution:preamble.2", "iom-council-1317"),
        ("resolution:2", "agreement:12"),
        ("agreement:preamble.1", "un-charter"),
        ("agreement:preamble.1", "iom-constitution"),
        ("agreement:preamble.3", "ga-47-4"),
        ("agreement:preamble.4", "cooperation-agreement-1996"),
        ("agreement:preamble.5", "ga-51-148"),
        ("agreement:preamble.6", "mou-2013"),
        ("agreement:preamble.8", "iom-council-1309"),
        ("agreement:preamble.9", "ga-70-263"),
        ("agreement:2.1", "iom-council-1309"),
        ("agreement:2.3", "iom-constitution"),
        ("agreement:2.3", "iom-council-1309"),
        ("agreement:2.4", "un-charter"),
        ("agreement:2.5", "un-charter"),
        ("agreement:10", "agreement:14"),
        ("agreement:13.2", "agreement:14"),
        ("agreement:16.2", "cooperation-agreement-1996"),
        ("note:1", "ga-70-263"),
        ("note:3", "ga-70-263"),
        ("note:3", "agreement:16"),
    ]


@pytest.mark.parametrize("corpus", ["shipped", "fixture"])
def test_english_and_chinese_find_the_same_citations_with_the_same_dates(
    corpus: str, treaty: TreatySet, accord: TreatySet
) -> None:
    """Wherever a unit exists in both languages, each language cites the same targets, on the same dates."""
    chosen = treaty if corpus == "shipped" else accord
    citations = find_citations(chosen)
    bilingual = [c for c in citations if {"en", "zh"} <= c.record.text.keys()]
    assert bilingual, "the corpus has bilingual citations to compare"
    for citation in bilingual:
        assert set(citation.langs) == {"en", "zh"}, (citation.address, citation.target.key, citation.cited_as())
        dates = citation.dates()
        assert dates.get("en") == dates.get("zh"), (citation.address, dates)
    both = [doc for doc in chosen.doc_keys() if {"en", "zh"} <= set(chosen.langs_of(doc))]
    assert links(find_citations(chosen, both, ["en"])) == links(find_citations(chosen, both, ["zh"]))


def test_a_citation_record_extends_the_unit_record(treaty: TreatySet) -> None:
    citation = next(c for c in find_citations(treaty) if c.address == "agreement:10")
    data = citation.to_dict("cites")
    assert list(data)[:6] == ["doc", "ref", "eid", "kind", "heading", "text"]
    assert {k: data[k] for k in ("direction", "target", "target_kind", "target_doc", "target_ref", "target_eid")} == {
        "direction": "cites",
        "target": "agreement:14",
        "target_kind": "provision",
        "target_doc": "agreement",
        "target_ref": "14",
        "target_eid": "art_14",
    }
    assert data["title"] == {"en": "Article 14", "zh": "第十四条"}
    assert data["cited_as"] == {"en": "Article 14 of this Agreement", "zh": "本协定第十四条"}
    for mention in data["mentions"]:
        assert data["text"][mention["lang"]][mention["start"] : mention["end"]] == mention["text"]


def test_dates_come_from_the_text_in_either_language(treaty: TreatySet) -> None:
    dated = {(c.address, c.target.key): c.dates() for c in find_citations(treaty)}
    assert dated[("agreement:preamble.3", "ga-47-4")] == {"en": "1992-10-16", "zh": "1992-10-16"}
    # the date is far from the name: "... Cooperation Agreement between ... of 25 June 1996"
    assert dated[("agreement:preamble.4", "cooperation-agreement-1996")] == {"en": "1996-06-25", "zh": "1996-06-25"}
    assert dated[("agreement:2.1", "iom-council-1309")] == {}
    assert dated[("note:1", "ga-70-263")] == {}


def selection_eids(treaty: TreatySet, ref: str) -> tuple[str, set[str]]:
    selection = resolve(treaty, ref, None, treaty.languages)
    return selection.doc, {r.eid for r in selection.records}


def test_a_provision_is_cited_by_and_cites(treaty: TreatySet) -> None:
    citations = find_citations(treaty)
    about_14 = about(citations, *selection_eids(treaty, "14"))
    assert [(d.direction, d.citation.address) for d in about_14] == [
        ("cited-by", "agreement:10"),
        ("cited-by", "agreement:13.2"),
    ]
    about_10 = about(citations, *selection_eids(treaty, "10"))
    assert [(d.direction, d.citation.target.key) for d in about_10] == [("cites", "agreement:14")]
    about_13 = about(citations, *selection_eids(treaty, "13"))
    assert [(d.direction, d.citation.address) for d in about_13] == [("cites", "agreement:13.2")]


def test_a_resolution_or_note_cites_the_agreement(treaty: TreatySet) -> None:
    citations = find_citations(treaty)
    assert [(d.direction, d.citation.address) for d in about(citations, *selection_eids(treaty, "16"))] == [
        ("cited-by", "note:3"),
        ("cites", "agreement:16.2"),
    ]
    assert [d.citation.address for d in about(citations, *selection_eids(treaty, "12"))] == ["resolution:2"]


def test_every_outside_instrument_and_where_it_is_cited(treaty: TreatySet) -> None:
    uses = {use.id: use for use in instruments_cited(find_citations(treaty))}
    assert set(uses) == {i.id for i in treaty.instruments}
    assert uses["ga-70-263"].cited_in(["en", "zh"]) == {
        "en": ["resolution:preamble.1", "agreement:preamble.9"],
        "zh": ["resolution:preamble.1", "agreement:preamble.9", "note:1", "note:3"],
    }
    assert uses["iom-council-1317"].dates() == ["2016-06-30"]
    assert uses["un-charter"].dates() == []
    data = uses["mou-2013"].to_dict(["en", "zh"])
    assert data["cited_as"] == {"en": ["Memorandum of Understanding"], "zh": ["谅解备忘录"]}


def test_language_filter(treaty: TreatySet) -> None:
    english = find_citations(treaty, langs=["en"])
    assert all(c.langs == ["en"] for c in english)
    assert not [c for c in english if c.record.doc == "note"]


def test_fixture_rules_cover_lists_paragraphs_instrument_articles_and_unknown_resolutions(accord: TreatySet) -> None:
    citations = find_citations(accord)
    assert links(citations) == [
        ("decision:1", "accord:3"),
        ("decision:2", "accord:9"),
        ("accord:preamble.1", "un-charter"),
        ("accord:preamble.1", "watercourses-1992"),
        ("accord:preamble.2", "commission-12"),
        ("accord:preamble.2", "resolution-51-229"),
        ("accord:1", "un-charter:2"),
        ("accord:2.2", "accord:1"),
        ("accord:2.2", "accord:3"),
        ("accord:3", "accord:2.2"),
    ]
    by_link = {(c.address, c.target.key): c for c in citations}
    assert by_link[("decision:2", "accord:9")].target.eid is None  # the accord has no article 9
    assert by_link[("accord:3", "accord:2.2")].target.eid == "art_2__para_2"
    assert by_link[("accord:3", "accord:2.2")].cited_as() == {
        "en": "paragraph 2 of article 2 of this Accord",
        "zh": "本协议第二条第二款",
    }
    assert by_link[("accord:1", "un-charter:2")].cited_as()["zh"] == "《联合国宪章》第二条"
    unknown = by_link[("accord:preamble.2", "resolution-51-229")]
    assert unknown.title == {"en": "resolution 51/229", "zh": "第51/229号决议"}
    assert unknown.dates() == {"en": "1997-05-21", "zh": "1997-05-21"}


def test_dot_graph(accord: TreatySet) -> None:
    dot = to_dot(find_citations(accord), ["en", "zh"])
    assert dot.startswith("digraph citations {\n") and dot.endswith("}\n")
    assert (
        '  "accord:3" -> "accord:2.2" [tooltip="paragraph 2 of article 2 of this Accord / 本协定第二条第二款"];'
        not in dot
    )
    assert (
        '  "accord:3" -> "accord:2.2" [tooltip="paragraph 2 of article 2 of this Accord / 本协议第二条第二款"];' in dot
    )
    assert '"un-charter" [shape=box, style=rounded, label="Charter of the United Nations\\n联合国宪章"];' in dot
    assert dot.count(" -> ") == 10


def test_dot_quotes_what_graphviz_would_misread() -> None:
    from unagree_cli.views.citations import _dot_quote

    assert _dot_quote('a "b" \\ c\nd') == '"a \\"b\\" \\\\ c\\nd"'


def test_instruments_are_validated_with_file_and_line(corpus_copy: Path) -> None:
    from unagree_cli.corpus import validate

    path = corpus_copy / "un-iom-2016" / "treaty.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("  - id: ga-51-148\n", "  - id: ga-47-4\n", 1)
    text = text.replace('    number: "1317"\n', "", 1)
    path.write_text(text + "  - id: stray\n    title: {fr: Charte}\n    names: {en: [Charter]}\n", encoding="utf-8")
    _count, problems = validate(corpus_copy)
    messages = [(p.line, p.message) for p in problems]
    lines = text.splitlines()
    assert (
        lines.index("  - id: ga-47-4", lines.index("  - id: ga-47-4") + 1) + 1,
        "duplicate instrument id 'ga-47-4'",
    ) in messages
    assert (
        lines.index("  - id: iom-council-1317") + 1,
        "instrument 'iom-council-1317' needs 'names' or a resolution 'number'",
    ) in messages
    assert any("unknown language code 'fr'" in m for _, m in messages)
    assert len(problems) == 3
