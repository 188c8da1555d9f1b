"""``unagree refs``: both directions, outside instruments, every format and the Graphviz graph."""

from __future__ import annotations

import csv
import io
import json

from conftest import FIXTURES, Runner


def test_readme_refs_14_lists_what_cites_it(run: Runner) -> None:
    result = run("refs", "14")
    assert result.code == 0
    assert result.out == (
        "cited by\tagreement:10\tagreement:14\t\tArticle 14 of this Agreement\t本协定第十四条\n"
        "cited by\tagreement:13.2\tagreement:14\t\tArticle 14 of this Agreement\t本协定第十四条\n"
    )


def test_readme_refs_10_table_lists_what_it_cites(run: Runner) -> None:
    result = run("refs", "10", "--format", "table")
    assert result.code == 0
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines[0].split() == ["Direction", "Ref", "Cites", "Date", "English", "中文"]
    expected = ["cites", "agreement:10", "agreement:14", "Article", "14", "of", "this", "Agreement", "本协定第十四条"]
    assert lines[2].split() == expected


def test_readme_external_lists_instruments_with_dates_in_both_languages(run: Runner) -> None:
    result = run("refs", "--external")
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split("\t")[0] for line in lines] == [
        "ga-70-263",
        "iom-council-1317",
        "un-charter",
        "iom-constitution",
        "ga-47-4",
        "cooperation-agreement-1996",
        "ga-51-148",
        "mou-2013",
        "iom-council-1309",
    ]
    title = "General Assembly resolution 47/4 大会第47/4号决议"
    assert f"ga-47-4\t{title}\t1992-10-16\tagreement:preamble.3\tagreement:preamble.3" in lines


def test_readme_dot_graph(run: Runner) -> None:
    result = run("refs", "16", "--format", "dot")
    assert result.code == 0
    assert result.out.startswith("digraph citations {\n") and result.out.endswith("}\n")
    assert '  "note:3" -> "agreement:16" [tooltip="协定草案第十六条"];\n' in result.out
    assert (
        '  "agreement:16.2" -> "cooperation-agreement-1996" [tooltip="Cooperation Agreement / 合作协定"];\n'
        in result.out
    )


def test_readme_nothing_cites_article_1(run: Runner) -> None:
    result = run("refs", "1")
    assert (result.code, result.out) == (1, "")
    assert result.err == "unagree: error: no cross-references found for agreement:1\n"


def test_all_citations_in_json_and_jsonl(run: Runner) -> None:
    records = json.loads(run("refs", "--format", "json").out)
    assert len(records) == 22
    assert {r["doc"] for r in records} == {"resolution", "agreement", "note"}
    assert all("direction" not in r for r in records)
    lines = run("refs", "--format", "jsonl").out.splitlines()
    assert [json.loads(line) for line in lines] == records


def test_a_ref_with_a_document_prefix_and_cross_document_citations(run: Runner) -> None:
    records = json.loads(run("refs", "resolution:2", "--format", "json").out)
    assert [(r["direction"], r["target"], r["target_eid"]) for r in records] == [("cites", "agreement:12", "art_12")]
    cited = json.loads(run("refs", "12", "--format", "json").out)
    assert [(r["direction"], r["doc"], r["ref"]) for r in cited] == [("cited-by", "resolution", "2")]


def test_csv_flattens_language_maps(run: Runner) -> None:
    rows = list(csv.DictReader(io.StringIO(run("refs", "--external", "--format", "csv").out)))
    first = rows[0]
    assert (first["id"], first["title_en"], first["title_zh"]) == (
        "ga-70-263",
        "General Assembly resolution 70/263",
        "大会第70/263号决议",
    )
    assert first["cited_in_zh"].split(";") == ["resolution:preamble.1", "agreement:preamble.9", "note:1", "note:3"]
    assert first["dates"] == "2016-04-27"


def test_markdown(run: Runner) -> None:
    markdown = run("refs", "14", "--format", "md").out
    assert markdown.splitlines()[:3] == [
        "| Direction | Ref | Cites | Date | English | 中文 |",
        "|---|---|---|---|---|---|",
        "| cited by | agreement:10 | agreement:14 |  | Article 14 of this Agreement | 本协定第十四条 |",
    ]


def test_one_language(run: Runner) -> None:
    english = run("refs", "--external", "--lang", "en").out.splitlines()
    assert (
        english[0]
        == "ga-70-263\tGeneral Assembly resolution 70/263\t2016-04-27\tresolution:preamble.1, agreement:preamble.9"
    )
    chinese = json.loads(run("refs", "--doc", "note", "--lang", "zh", "--format", "json").out)
    assert [(r["ref"], r["target"]) for r in chinese] == [("1", "ga-70-263"), ("3", "ga-70-263"), ("3", "agreement:16")]


def test_external_with_a_ref_lists_what_it_cites(run: Runner) -> None:
    result = run("refs", "2", "--external")
    assert [line.split("\t")[0] for line in result.out.splitlines()] == [
        "iom-council-1309",
        "iom-constitution",
        "un-charter",
    ]
    assert run("refs", "14", "--external").code == 1


def test_bad_input(run: Runner) -> None:
    assert run("refs", "17").code == 2
    assert run("refs", "--format", "svg").code == 2
    assert run("refs", "--doc", "treaty").code == 2


def test_fixture_corpus_works_without_code(run: Runner) -> None:
    corpus = str(FIXTURES / "accord")
    records = json.loads(run("--corpus", corpus, "refs", "2", "--format", "json").out)
    assert [(r["direction"], r["doc"], r["ref"], r["target"]) for r in records] == [
        ("cited-by", "accord", "3", "accord:2.2"),
        ("cites", "accord", "2.2", "accord:1"),
        ("cites", "accord", "2.2", "accord:3"),
    ]
    external = run("--corpus", corpus, "refs", "--external").out.splitlines()
    assert [line.split("\t")[0] for line in external] == [
        "un-charter",
        "watercourses-1992",
        "commission-12",
        "resolution-51-229",
    ]
    missing = json.loads(run("--corpus", corpus, "refs", "decision:2", "--format", "json").out)
    assert missing[0]["target"] == "accord:9" and missing[0]["target_eid"] is None
    dot = run("--corpus", corpus, "refs", "--format", "dot").out
    assert '"accord:1" -> "un-charter:2"' in dot


def test_help_names_the_dot_format(run: Runner) -> None:
    result = run("refs", "--help")
    assert "dot" in result.out and "Example:" in result.out
