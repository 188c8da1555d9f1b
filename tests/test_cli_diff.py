"""``unagree diff``: options, formats, exit codes, and the README's command lines."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import Cli, Runner
from rich.cells import cell_len

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SGR = re.compile(r"\x1b\[[0-9;]*m")
CJK = re.compile(r"[\u4e00-\u9fff]")


def records(out: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads(out)
    return loaded


# ---------------------------------------------------------------- README command lines


def test_readme_article_five(run: Runner) -> None:
    result = run("diff", "5", "--format", "plain")
    assert result.code == 1  # findings at or above --fail-on warning, the default
    assert result.out.startswith(
        "5\nArticle 5  Reciprocal representation\n第五条  对等出席会议\n\n5.1\n1. The Secretary-General"
    )
    assert "  warning  terminology: 国际移民组 ('…事项时出席和参加国际移民组理事会的各届会议…')" in result.out
    assert result.out.endswith("  version         0\n")


def test_readme_article_fourteen_plain(run: Runner) -> None:
    result = run("diff", "14", "--format", "plain")
    assert result.code == 1  # findings at or above --fail-on warning, the default
    assert result.out == (
        "14\n"
        "Article 14  Supplementary arrangements for the implementation of the present Agreement\n"
        "The Secretary-General of the United Nations and the Director General of the International Organization for "
        "Migration may, for the purpose of implementing the present Agreement, make such supplementary arrangements as "
        "may be found appropriate.\n"
        "第十四条  执行本协定的补充安排\n"
        "联合国秘书长和国际移民组织总干事为了实施本协定，会做出可能被认为适当的补充安排。\n"
        "  error  modality: the English has 'may' (permission) where the Chinese has '会' (obligation)\n"
        "\n"
        "1 finding: 1 error\n"
        "  missing         0\n"
        "  sentences       0\n"
        "  numbers         0\n"
        "  crossrefs       0\n"
        "  terminology     0\n"
        "  modality        1  (1 error)\n"
        "  negation        0\n"
        "  parties         0\n"
        "  doubled         0\n"
        "  untranslated    0\n"
        "  punctuation     0\n"
        "  version         0\n"
    )


def test_readme_article_fourteen_table(run: Runner) -> None:
    result = run("diff", "14", "--check", "modality", tty=True, width=100)
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines[0] == "Ref    English                                        中文"
    assert lines[2] == "14     Article 14  Supplementary arrangements for     第十四条  执行本协定的补充安排"
    assert (
        lines[3] == "       the implementation of the present Agreement    联合国秘书长和国际移民组织总干事为了实施本协"
    )
    assert "error  modality: the English has 'may' (permission) where the Chinese has '会' (obligation)" in lines
    assert lines[-2:] == ["1 finding: 1 error", "  modality    1  (1 error)"]


def test_readme_fixture_json(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(FIXTURES.parent.parent)
    result = run(
        "--corpus", "tests/fixtures/qa_numbers", "diff", "preamble.3", "--check", "numbers", "--format", "json"
    )
    assert result.code == 1  # findings at or above --fail-on warning, the default
    assert records(result.out) == [
        {
            "doc": "agreement",
            "ref": "preamble.3",
            "eid": "preamble__rec_3",
            "kind": "recital",
            "text": {"en": "Taking note of Council Resolution No. 1309,", "zh": "表示注意到理事会第 1390 号决议，"},
            "findings": [
                {
                    "check": "numbers",
                    "severity": "error",
                    "message": "in English only: 'No. 1309' (1309); in Chinese only: '第 1390 号' (1390)",
                    "spans": {"en": [[34, 42]], "zh": [[8, 16]]},
                }
            ],
        }
    ]


def test_the_checks_and_the_report_run_without_cyclic_collection(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The findings live until the command ends: no collection walks them; the collector is on again after."""
    import gc

    from unagree_cli import qa
    from unagree_cli.views import findings

    seen: list[bool] = []
    review_all, show_report = qa.review_all, findings.show_report

    def reviewed(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return review_all(*args)

    def shown(*args: Any) -> Any:
        seen.append(gc.isenabled())
        return show_report(*args)

    monkeypatch.setattr(qa, "review_all", reviewed)
    monkeypatch.setattr(findings, "show_report", shown)
    assert gc.isenabled()
    result = run("diff", "5", "--format", "plain")
    assert result.code == 1 and result.out.startswith("5\n")
    assert seen == [False, False]
    assert gc.isenabled()


def test_paragraph_json_names_the_typo(run: Runner) -> None:
    result = run("diff", "5.1", "--check", "terminology", "--format", "json")
    assert result.code == 1  # findings at or above --fail-on warning, the default
    (row,) = records(result.out)
    assert row["findings"] == [
        {
            "check": "terminology",
            "severity": "warning",
            "message": "国际移民组 ('…事项时出席和参加国际移民组理事会的各届会议…') looks like a misspelling of "
            "国际移民组织 ('International Organization for Migration' in the English)",
            "spans": {"zh": [[34, 39]]},
        }
    ]


def test_readme_only_issues_json(run: Runner) -> None:
    result = run("diff", "--only-issues", "--check", "terminology", "--format", "json")
    assert result.code == 1  # findings at or above --fail-on warning, the default
    rows = records(result.out)
    assert [(r["doc"], r["ref"]) for r in rows] == [
        ("resolution", "preamble.3"),
        ("agreement", "2.2"),
        ("agreement", "3.1"),
        ("agreement", "5.1"),
        ("agreement", "6.2"),
    ]
    first = rows[3]
    assert list(first) == ["doc", "ref", "eid", "kind", "text", "findings"]
    assert first["eid"] == "art_5__para_1"
    assert first["findings"][0]["check"] == "terminology"
    assert first["findings"][0]["severity"] == "warning"


def test_readme_fixture_numbers_strict(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    """The README runs it as `... --strict --format plain || echo "exit status $?"`."""
    monkeypatch.chdir(FIXTURES.parent.parent)
    result = run("--corpus", "tests/fixtures/qa_numbers", "diff", "--only-issues", "--strict", "--format", "plain")
    assert result.code == 1
    assert result.out.startswith(
        "preamble.3\nTaking note of Council Resolution No. 1309,\n表示注意到理事会第 1390 号决议，\n"
    )
    assert "  error  numbers: in English only: 'No. 1309' (1309); in Chinese only: '第 1390 号' (1390)\n" in result.out
    assert result.err == "unagree: note: --strict is deprecated; use --fail-on info\nunagree: 1 finding: 1 error\n"


def test_readme_note_document_json(run: Runner) -> None:
    result = run("diff", "--doc", "note", "--format", "json")
    assert result.code == 0
    (row,) = records(result.out)
    assert row["kind"] == "document" and row["ref"] == "all" and row["eid"] == ""
    assert row["text"] == {"zh": "联合国同国际移民组织间关系协定"}
    assert [f["check"] for f in row["findings"]] == ["missing"]


def test_readme_whole_corpus_summary(run: Runner) -> None:
    result = run("diff", "--only-issues", "--format", "plain")
    assert result.code == 1  # findings at or above --fail-on warning, the default
    summary = result.out.split("\n\n")[-1]
    assert summary == (
        "9 findings: 1 error, 6 warnings, 2 info\n"
        "  missing         1  (1 info)\n"
        "  sentences       0\n"
        "  numbers         0\n"
        "  crossrefs       0\n"
        "  terminology     5  (5 warnings)\n"
        "  modality        1  (1 error)\n"
        "  negation        0\n"
        "  parties         0\n"
        "  doubled         0\n"
        "  untranslated    0\n"
        "  punctuation     0\n"
        "  version         2  (1 warning, 1 info)\n"
    )


# ---------------------------------------------------------------- options and exit codes


def test_strict_passes_on_a_clean_corpus(run: Runner) -> None:
    result = run("--corpus", str(FIXTURES / "qa_clean"), "diff", "--strict", "--only-issues", "--format", "plain")
    assert result.code == 0
    assert result.out.startswith("0 findings\n")
    assert result.err == "unagree: note: --strict is deprecated; use --fail-on info\n"
    quiet = run(
        "--corpus", str(FIXTURES / "qa_clean"), "diff", "--fail-on", "info", "--only-issues", "--format", "plain"
    )
    assert quiet.code == 0 and quiet.err == ""


def test_fail_on_chooses_the_severity_that_fails(run: Runner) -> None:
    # the shipped corpus has errors, warnings and info notes; a fixture with only info notes passes by default
    assert run("diff", "--format", "jsonl").code == 1
    assert run("diff", "--fail-on", "never", "--format", "jsonl").code == 0
    only_info = run("diff", "--fail-on", "error", "--check", "version", "--format", "jsonl")
    assert only_info.code == 0, only_info.err
    assert run("diff", "--fail-on", "info", "--check", "version", "--format", "jsonl").code == 1
    assert run("diff", "--fail-on", "bogus").code == 2


def test_strict_fails_when_a_finding_remains(run: Runner) -> None:
    assert run("diff", "--strict", "--format", "jsonl").code == 1
    # the findings a --check leaves out do not count
    assert run("diff", "3.2", "--check", "numbers", "--strict", "--format", "jsonl").code == 0


def test_unknown_check_is_a_usage_error(run: Runner) -> None:
    result = run("diff", "--check", "spelling")
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(
        "unagree: error: unknown check 'spelling'; the checks are: missing, sentences, numbers, crossrefs, terminology"
    )
    assert "hint: see 'unagree diff --help'" in result.err


def test_bad_reference_is_a_usage_error(run: Runner) -> None:
    result = run("diff", "99")
    assert result.code == 2
    assert "the agreement has no article 99" in result.err


def test_check_option_accepts_repeats_and_commas(run: Runner) -> None:
    repeated = run("diff", "--check", "numbers", "--check", "missing", "--format", "plain")
    commas = run("diff", "--check", "numbers,missing", "--format", "plain")
    assert repeated.code == commas.code == 0
    assert repeated.out == commas.out
    assert repeated.out.endswith("\n\n1 finding: 1 info\n  missing    1  (1 info)\n  numbers    0\n")


def test_a_part_has_no_document_level_entry(run: Runner) -> None:
    rows = records(run("diff", "resolution:3", "--format", "json").out)
    assert [r["ref"] for r in rows] == ["3"]
    rows = records(run("diff", "resolution:", "--format", "json").out)
    assert rows[0]["kind"] == "document" and rows[0]["findings"][0]["check"] == "version"


def test_doc_option_limits_to_one_document(run: Runner) -> None:
    rows = records(run("diff", "--doc", "res", "--format", "json").out)
    assert {r["doc"] for r in rows} == {"resolution"}
    assert run("diff", "--doc", "treaty").code == 2


# ---------------------------------------------------------------- formats


def test_jsonl_one_record_per_line_with_findings(run: Runner) -> None:
    lines = run("diff", "--format", "jsonl").out.splitlines()
    rows = [json.loads(line) for line in lines]
    assert all("findings" in r for r in rows)
    assert any(r["kind"] == "point" and r["ref"] == "3.2(e)" for r in rows)


def test_csv_findings_column_is_json(run: Runner) -> None:
    out = run("diff", "5.1", "--check", "terminology", "--format", "csv").out
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert row["text_zh"].startswith("联合国秘书长应有权")
    assert json.loads(row["findings"])[0]["check"] == "terminology"


def test_markdown_lists_findings_under_the_pair(run: Runner) -> None:
    out = run("diff", "5.1", "--check", "terminology", "--format", "md").out
    assert out.startswith("`5.1`\n\n**1.** The Secretary-General")
    assert "\n- **warning** terminology: 国际移民组 (" in out


def test_table_keeps_the_columns_aligned_and_folds_chinese(run: Runner) -> None:
    result = run("diff", "5", "--check", "terminology", tty=True, width=120)
    assert result.code == 1  # findings at or above --fail-on warning, the default
    lines = SGR.sub("", result.out).splitlines()  # NO_COLOR still underlines the words behind a finding
    assert lines[0].split() == ["Ref", "English", "中文"]
    zh_column = cell_len(lines[0][: lines[0].index("中文")])
    in_notes = False
    pair_lines = 0
    for line in lines[2:]:
        if line.startswith(("error ", "warning ", "info ")):
            in_notes = True
        elif not line.strip():
            in_notes = False
        elif not in_notes and CJK.search(line):
            # every line of every pair starts its Chinese (or its "1." label) in the header's column
            index = next(i for i in range(len(line) + 1) if cell_len(line[:i]) >= zh_column)
            assert cell_len(line[:index]) == zh_column and line[index - 1] == " " and line[index] != " ", line
            assert CJK.match(line[index]) or re.match(r"\d+\. ", line[index:]), line
            pair_lines += 1
    assert pair_lines > 12  # the Chinese of 5.1-5.3 folds over many lines
    assert all(cell_len(line) <= 120 for line in lines)
    assert any(line.startswith("warning  terminology: 国际移民组 (") for line in lines)
    assert "1 finding: 1 warning" in result.out


def test_table_on_a_narrow_terminal_stacks_the_languages(run: Runner) -> None:
    result = run("diff", "5.1", "--check", "terminology", tty=True, width=60)
    lines = SGR.sub("", result.out).splitlines()
    assert lines[0].split() == ["Ref", "English", "/", "中文"]
    assert all(cell_len(line) <= 60 for line in lines)
    assert any(line.startswith("5.1") and "The Secretary-General" in line for line in lines)


def test_corpus_text_is_not_rich_markup(tmp_path: Path, run: Runner) -> None:
    import shutil

    root = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "qa_clean", root)
    path = root / "accord" / "agreement.en.yaml"
    plain = "text: The United Nations and the International Organization for Migration shall cooperate closely."
    # a double-quoted YAML string, so that \x1b is an escape PyYAML accepts
    marked = 'text: "The United Nations and the International Organization for Migration shall '
    marked += '[bold]cooperate[/bold] closely\\x1b[2J."'
    text = path.read_text(encoding="utf-8")
    assert text.count(plain) == 1
    path.write_text(text.replace(plain, marked), encoding="utf-8")
    result = run("--corpus", str(root), "diff", "1", "--check", "missing", tty=True)
    assert "[bold]cooperate[/bold]" in result.out
    assert "\\x1b[2J" in result.out and "\x1b" not in result.out


# ---------------------------------------------------------------- as a process


@pytest.mark.slow
def test_piped_output_is_plain(cli: Cli) -> None:
    proc = cli("diff", "5.1", "--check", "terminology")
    assert proc.returncode == 1  # a warning, and --fail-on warning is the default
    out = proc.stdout.decode("utf-8")
    assert out.startswith("5.1\n1. The Secretary-General")
    assert "─" not in out
