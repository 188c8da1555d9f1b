"""``unagree search``: every format, both languages, exit codes, pipelines and terminal safety."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import FIXTURES


def test_readme_refs_only(run):
    result = run("search", "第70/263号", "--refs-only")
    assert result.code == 0
    assert result.out == "resolution:preamble.1\nagreement:preamble.9\nnote:1\nnote:3\n"


def test_readme_no_match_exits_1_like_grep(run):
    result = run("search", "UN", "--lang", "en")
    assert (result.code, result.out) == (1, "")
    assert result.err == "unagree: error: no match for 'UN' in any document (en)\n"


def test_readme_invalid_regex_exits_2(run):
    result = run("search", "(", "--regex")
    assert result.code == 2
    assert result.err.startswith("unagree: error: invalid regular expression '(': missing ), unterminated subpattern")


def test_readme_regex_table_highlights_both_languages(run):
    result = run("search", "Article 14|第十四条", "--regex", tty=True, width=120, no_color=False, force_color=True)
    assert result.code == 0
    assert "\x1b[1;7mArticle 14\x1b[0m" in result.out
    assert "\x1b[1;7m第十四条\x1b[0m" in result.out
    assert result.out.rstrip().endswith("2 units, 4 matches (en 2, zh 2)\x1b[0m")


def test_table_without_colour_has_the_count_line_and_both_languages(run):
    result = run("search", "supplementary arrangements", "--format", "table")
    assert result.code == 0
    lines = result.out.rstrip("\n").splitlines()
    assert lines[0].split() == ["Ref", "English", "中文"]
    assert "[supplementary" in result.out  # no style possible: the hits are bracketed
    assert lines[-1] == "3 units, 4 matches (en 4, zh 0)"
    assert "人事安排" in result.out  # the other language beside the match
    assert "\x1b" not in result.out


def test_plain_is_one_line_per_unit(run):
    result = run("search", "laissez-passer")
    assert result.code == 0
    (line,) = result.out.splitlines()
    ref, english, chinese = line.split("\t")
    assert (ref, english[:29], chinese[:6]) == ("agreement:11", "United Nations laissez-passer", "联合国通行证")


def test_json_extends_the_unit_record_with_matches(run):
    result = run("search", "Article 14|第十四条", "--regex", "--format", "json")
    records = json.loads(result.out)
    assert [r["ref"] for r in records] == ["10", "13.2"]
    for record in records:
        assert [m["lang"] for m in record["matches"]] == ["en", "zh"]
        for match in record["matches"]:
            assert record["text"][match["lang"]][match["start"] : match["end"]] == match["text"]


def test_jsonl_csv_and_md(run):
    jsonl = run("search", "通行证", "--format", "jsonl")
    assert [json.loads(line)["ref"] for line in jsonl.out.splitlines()] == ["11"]
    rows = list(csv.DictReader(io.StringIO(run("search", "通行证", "--format", "csv").out)))
    assert rows[0]["ref"] == "11" and rows[0]["heading_zh"] == "联合国通行证"
    assert json.loads(rows[0]["matches"])[0] == {
        "lang": "zh",
        "field": "heading",
        "start": 3,
        "end": 6,
        "text": "通行证",
    }
    markdown = run("search", "通行证", "--format", "md").out
    assert markdown.startswith(
        "| Ref | English | 中文 |\n|---|---|---|\n| agreement:11 | United Nations laissez-passer<br>"
    )


def test_lang_narrows_the_search_not_the_display(run):
    english = json.loads(run("search", "Charter", "--lang", "en", "--format", "json").out)
    assert {m["lang"] for r in english for m in r["matches"]} == {"en"}
    assert all("zh" in r["text"] for r in english)
    assert run("search", "Charter", "--lang", "zh").code == 1


def test_doc_narrows_to_one_document(run):
    assert run("search", "70/263", "--doc", "note", "--refs-only").out == "note:1\nnote:3\n"
    result = run("search", "70/263", "--doc", "note", "--lang", "en")
    assert result.code == 1 and "no version in en" in result.err


def test_bad_options(run):
    assert run("search", "x", "--doc", "treaty").code == 2
    assert run("search", "x", "--lang", "fr").code == 2
    assert run("search", "x", "--format", "yaml").code == 2
    assert run("search", " ").err == "unagree: error: empty search query\nhint: see 'unagree search --help'\n"


def test_fixture_corpus(run):
    corpus = str(FIXTURES / "accord")
    result = run("--corpus", corpus, "search", "watercourse", "--refs-only")
    assert result.out == "accord:1\n"
    assert run("--corpus", corpus, "search", "水道", "--refs-only").out == "accord:preamble.1\naccord:1\n"
    assert run("--corpus", corpus, "search", "Accord", "--refs-only").out == "decision:1\ndecision:2\naccord:3\n"


def test_corpus_text_is_not_markup_and_controls_are_made_visible(run, corpus_copy):
    path = corpus_copy / "un-iom-2016" / "agreement.en.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("text: Expenses resulting"))
    lines[index] = '    text: "[bold red]boom[/] \\e[31mred"'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run(
        "--corpus", str(corpus_copy), "search", "boom", "--format", "table", tty=True, no_color=False, force_color=True
    )
    assert result.code == 0, result.err
    assert "[bold red]" in result.out and "\\x1b[31m" in result.out
    assert "\x1b[31mred" not in result.out


@pytest.mark.slow
def test_refs_only_feeds_show_in_a_pipeline(cli):
    refs = cli("search", "Charter", "--refs-only")
    assert refs.returncode == 0
    for address in refs.stdout.decode().split():
        shown = cli("show", address, "--lang", "zh", "--format", "plain")
        assert shown.returncode == 0 and "宪章" in shown.stdout.decode(), address
