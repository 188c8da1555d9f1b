"""``unagree search``: every format, both languages, exit codes, pipelines and terminal safety."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import FIXTURES, Cli, Runner


def test_readme_refs_only(run: Runner) -> None:
    result = run("search", "第70/263号", "--refs-only")
    assert result.code == 0
    assert result.out == "resolution:preamble.1\nagreement:preamble.9\nnote:1\nnote:3\n"


def test_readme_no_match_exits_1_like_grep(run: Runner) -> None:
    result = run("search", "UN", "--lang", "en")
    assert (result.code, result.out) == (1, "")
    assert result.err == "unagree: error: no match for 'UN' in any document (en)\n"


def test_readme_invalid_regex_exits_2(run: Runner) -> None:
    result = run("search", "(", "--regex")
    assert result.code == 2
    assert result.err.startswith("unagree: error: invalid regular expression '(': missing ), unterminated subpattern")


def test_readme_regex_table_highlights_both_languages(run: Runner) -> None:
    result = run("search", "Article 14|第十四条", "--regex", tty=True, width=120, no_color=False, force_color=True)
    assert result.code == 0
    assert "\x1b[1;7mArticle 14\x1b[0m" in result.out
    assert "\x1b[1;7m第十四条\x1b[0m" in result.out
    assert result.out.rstrip().endswith("2 units, 4 matches (en 2, zh 2)\x1b[0m")


def test_table_without_colour_has_the_count_line_and_both_languages(run: Runner) -> None:
    result = run("search", "supplementary arrangements", "--format", "table")
    assert result.code == 0
    lines = result.out.rstrip("\n").splitlines()
    assert lines[0].split() == ["Ref", "English", "中文"]
    assert "[supplementary" in result.out  # no style possible: the hits are bracketed
    assert lines[-1] == "3 units, 4 matches (en 4, zh 0)"
    assert "人事安排" in result.out  # the other language beside the match
    assert "\x1b" not in result.out


def test_plain_is_one_line_per_unit(run: Runner) -> None:
    result = run("search", "laissez-passer")
    assert result.code == 0
    (line,) = result.out.splitlines()
    ref, english, chinese = line.split("\t")
    assert (ref, english[:29], chinese[:6]) == ("agreement:11", "United Nations laissez-passer", "联合国通行证")


def test_json_extends_the_unit_record_with_matches(run: Runner) -> None:
    result = run("search", "Article 14|第十四条", "--regex", "--format", "json")
    records = json.loads(result.out)
    assert [r["ref"] for r in records] == ["10", "13.2"]
    for record in records:
        assert [m["lang"] for m in record["matches"]] == ["en", "zh"]
        for match in record["matches"]:
            assert record["text"][match["lang"]][match["start"] : match["end"]] == match["text"]


def test_jsonl_csv_and_md(run: Runner) -> None:
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


def test_lang_narrows_the_search_not_the_display(run: Runner) -> None:
    english = json.loads(run("search", "Charter", "--lang", "en", "--format", "json").out)
    assert {m["lang"] for r in english for m in r["matches"]} == {"en"}
    assert all("zh" in r["text"] for r in english)
    assert run("search", "Charter", "--lang", "zh").code == 1


def test_doc_narrows_to_one_document(run: Runner) -> None:
    assert run("search", "70/263", "--doc", "note", "--refs-only").out == "note:1\nnote:3\n"
    result = run("search", "70/263", "--doc", "note", "--lang", "en")
    assert result.code == 1 and "no version in en" in result.err


def test_bad_options(run: Runner) -> None:
    assert run("search", "x", "--doc", "treaty").code == 2
    assert run("search", "x", "--lang", "fr").code == 2
    assert run("search", "x", "--format", "yaml").code == 2
    assert run("search", " ").err == "unagree: error: empty search query\nhint: see 'unagree search --help'\n"


def test_fixture_corpus(run: Runner) -> None:
    corpus = str(FIXTURES / "accord")
    result = run("--corpus", corpus, "search", "watercourse", "--refs-only", "--exact")
    assert result.out == "accord:1\n"
    result = run("--corpus", corpus, "search", "watercourse", "--refs-only")
    assert result.out == "accord:preamble.1\naccord:1\n"  # Watercourses
    assert run("--corpus", corpus, "search", "水道", "--refs-only").out == "accord:preamble.1\naccord:1\n"
    assert run("--corpus", corpus, "search", "Accord", "--refs-only").out == "decision:1\ndecision:2\naccord:3\n"


def test_corpus_text_is_not_markup_and_controls_are_made_visible(run: Runner, corpus_copy: Path) -> None:
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
def test_refs_only_feeds_show_in_a_pipeline(cli: Cli) -> None:
    refs = cli("search", "Charter", "--refs-only")
    assert refs.returncode == 0
    for address in refs.stdout.decode().split():
        shown = cli("show", address, "--lang", "zh", "--format", "plain")
        assert shown.returncode == 0 and "宪章" in shown.stdout.decode(), address


# ---------------------------------------------------------------- variants, --exact, --kwic, -C, --count


@pytest.mark.parametrize(
    "query", ["arrangement", "Secretary General", "Organisation", "laissez passer", "Director-General"]
)
def test_issue_examples_match_by_default_and_not_with_exact(run: Runner, query: str) -> None:
    assert run("search", query, "--refs-only").code == 0
    result = run("search", query, "--refs-only", "--exact")
    assert (result.code, result.out) == (1, "")
    assert result.err.startswith(f"unagree: error: no match for '{query}'")


def test_regex_and_exact_together_are_a_usage_error(run: Runner) -> None:
    result = run("search", "a", "--regex", "--exact")
    assert result.code == 2
    assert "--regex and --exact" in result.err


def test_kwic_prints_one_line_per_match_with_the_other_language(run: Runner) -> None:
    result = run("search", "laissez passer", "--kwic", "--lang", "en")
    lines = result.out.splitlines()
    json_rows = json.loads(run("search", "laissez passer", "--kwic", "--lang", "en", "--format", "json").out)
    assert result.code == 0
    assert len(lines) == len(json_rows) == 2  # the heading and the text of article 11
    for line, row in zip(lines, json_rows, strict=True):
        assert line.startswith("agreement:11 ")
        assert f"[{row['match']}]" in line
        assert "│ " in line and "联合国通行证" in line.split("│ ", 1)[1]
    assert {row["match"] for row in json_rows} == {"laissez-passer"}
    assert json_rows[0]["other"]["zh"].startswith("国际移民组织工作人员")
    # the hits line up: every "[" at the same column
    assert len({line.index("[") for line in lines}) == 1


def test_kwic_in_chinese_counts_cells(run: Runner) -> None:
    result = run("search", "通行证", "--kwic", "--lang", "zh")
    assert result.code == 0
    assert all("[通行证]" in line for line in result.out.splitlines())
    assert any("laissez-passer" in line for line in result.out.splitlines())


def test_context_adds_neighbouring_units_marked_as_grep_does(run: Runner) -> None:
    plain = run("search", "laissez-passer", "--doc", "agreement", "-C", "1", "--lang", "en")
    refs = [line.split("\t")[0] for line in plain.out.splitlines()]
    assert refs == ["agreement:10-", "agreement:11", "agreement:12-"]
    rows = json.loads(run("search", "laissez-passer", "--doc", "agreement", "-C", "1", "--format", "json").out)
    assert [(row["ref"], row["context"]) for row in rows] == [("10", True), ("11", False), ("12", True)]
    assert "matches" in rows[1] and "matches" not in rows[0]
    kwic = run("search", "laissez-passer", "--doc", "agreement", "-C", "1", "--kwic", "--lang", "en")
    assert [line.split()[0] for line in kwic.out.splitlines()] == [
        "agreement:10-",
        "agreement:11",
        "agreement:11",
        "agreement:12-",
    ]


def test_no_context_keeps_the_rows_as_they_were(run: Runner) -> None:
    rows = json.loads(run("search", "laissez-passer", "--format", "json").out)
    assert all("context" not in row for row in rows)


def test_count(run: Runner) -> None:
    result = run("search", "arrangement", "--count")
    lines = result.out.splitlines()
    assert result.code == 0
    assert lines[0].split()[0] == "resolution" and lines[-1].split()[0] == "total"
    data = json.loads(run("search", "arrangement", "--count", "--format", "json").out)
    hits = json.loads(run("search", "arrangement", "--format", "json").out)
    assert sum(row["units"] for row in data) == len(hits)
    assert sum(row["matches"] for row in data) == sum(len(h["matches"]) for h in hits)
    none = run("search", "zzzz", "--count")
    assert none.code == 1
    assert none.out.splitlines()[-1].split()[:3] == ["total", "0", "units,"]


def test_the_table_marks_the_glossary_counterpart_in_chinese(run: Runner) -> None:
    result = run(
        "search", "Secretary General", "--doc", "agreement", tty=True, width=160, no_color=False, force_color=True
    )
    assert result.code == 0
    assert "\x1b[1;7mSecretary-General\x1b[0m" in result.out
    assert "\x1b[1;7m秘书长\x1b[0m" in result.out  # glossary: Secretary-General = 秘书长


@pytest.fixture(scope="module")
def several_sets(tmp_path_factory: pytest.TempPathFactory) -> str:
    from unagree_cli.scale import write_scaled_corpus

    target = tmp_path_factory.mktemp("sets") / "big"
    write_scaled_corpus(target, 3)
    return str(target)


def test_variants_kwic_and_count_across_treaty_sets(run: Runner, several_sets: str) -> None:
    plain = run("--corpus", several_sets, "search", "laissez passer", "--lang", "en", "--refs-only")
    exact = run("--corpus", several_sets, "search", "laissez passer", "--lang", "en", "--refs-only", "--exact")
    assert plain.code == 0 and exact.code == 1
    one_by_one = []
    for name in sorted({line.split(" ")[0] for line in plain.out.splitlines()}):
        single = run(
            "--corpus", several_sets, "--treaty", name, "search", "laissez passer", "--lang", "en", "--refs-only"
        )
        one_by_one += [f"{name} {ref}" for ref in single.out.splitlines()]
    assert plain.out.splitlines() == one_by_one  # the index's prefilter loses no variant
    kwic = run("--corpus", several_sets, "search", "laissez passer", "--lang", "en", "--kwic")
    rows = json.loads(
        run("--corpus", several_sets, "search", "laissez passer", "--lang", "en", "--kwic", "-f", "json").out
    )
    lines = kwic.out.splitlines()
    assert len(lines) == len(rows) and rows
    assert [line.split(" ")[0] for line in lines] == [row["treaty"] for row in rows]
    count = run("--corpus", several_sets, "search", "laissez passer", "--lang", "en", "--count")
    total = count.out.splitlines()[-1].split()
    assert total[0] == "total" and int(total[3]) == len(rows)
    context = run("--corpus", several_sets, "search", "laissez passer", "-C", "1")
    assert context.code == 2 and "--treaty" in context.err


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(__import__("os"), "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize("width", [60, 100, 160])
def test_kwic_on_a_terminal_fits_its_width_and_marks_matches_without_colour(width: int) -> None:
    """What a person sees: one line per match that fits the terminal, the match in brackets even under NO_COLOR."""
    import os
    import pty
    import subprocess
    import sys

    from conftest import ROOT, subprocess_env

    controller, terminal = pty.openpty()
    env = subprocess_env(COLUMNS=str(width), NO_COLOR="1")
    args = ["search", "arrangement", "--kwic", "-C", "1", "--doc", "agreement"]
    process = subprocess.Popen(
        [sys.executable, "-m", "unagree_cli", *args], stdout=terminal, stdin=subprocess.DEVNULL, env=env, cwd=ROOT
    )
    os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(controller)
    assert process.wait(timeout=60) == 0
    text = b"".join(chunks).decode("utf-8")
    lines = [line for line in text.replace("\r\n", "\n").split("\n") if line]
    from unagree_cli.search import cells

    assert lines and max(cells(line) for line in lines) <= width
    assert "\x1b[" not in text
    hits = [index for index, line in enumerate(lines) if "[arrangement" in line]
    assert len(hits) >= 5
    for index in hits:  # the other language beside the match, or below it when the terminal is narrow
        beside = "│ " in lines[index]
        below = lines[index + 1].lstrip().startswith("│ ") and lines[index + 1].startswith(" ")
        assert beside or below, lines[index : index + 2]
        assert beside == (width >= 100)
    assert any(line.split()[0].endswith("-") for line in lines)
