"""``unagree terms``: the glossary counted, in every format, on the shipped and a fixture corpus."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import FIXTURES, Runner

from unagree_cli.model import TreatySet


def test_readme_terms_iom(run: Runner) -> None:
    result = run("terms", "IOM")
    assert result.code == 0
    assert result.out == (
        "International Organization for Migration\t国际移民组织\tIOM; 移民组织\t78\t85\t"
        "variant: agreement:3.4, agreement:5.3, agreement:9 deprecated: agreement:2.2 "
        "counts differ: resolution:preamble.3, agreement:5.1\n"
    )


def test_readme_terms_constituent_in_the_agreement(run: Runner) -> None:
    result = run("terms", "constituent", "--doc", "agreement")
    term = "constituent instruments\t组成文书\tconstituent instrument\t5\t5"
    assert result.out == f"{term}\tvariant: agreement:13.1 deprecated: agreement:3.1\n"


def test_readme_unknown_term_exits_2(run: Runner) -> None:
    result = run("terms", "nothing-like-this")
    assert (result.code, result.out) == (2, "")
    assert result.err == "unagree: error: no glossary term 'nothing-like-this'\nhint: 'unagree terms' lists them all\n"


def test_readme_table_lists_every_term(run: Runner, treaty: TreatySet) -> None:
    result = run("terms", "--format", "table")
    assert result.code == 0
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines[0].split() == ["English", "中文", "Variants", "n", "en", "n", "zh", "Look", "at"]
    row = next(line for line in lines if line.startswith("Secretary-General "))
    assert row.split() == ["Secretary-General", "秘书长", "14", "14"]
    for term in treaty.glossary:
        assert term.zh in result.out


def test_json_record(run: Runner, treaty: TreatySet) -> None:
    records = json.loads(run("terms", "--format", "json").out)
    assert [r["term"]["en"] for r in records] == [t.en for t in treaty.glossary]
    charter = next(r for r in records if r["term"]["en"] == "Charter of the United Nations")
    assert charter["counts"] == {"en": 3, "zh": 3}
    assert [p["ref"] for p in charter["variants_at"]] == ["2.4"]
    assert charter["variants_at"][0]["forms"] == {"en": {"Charter": 1}, "zh": {"宪章": 1}}


def test_jsonl_csv_md(run: Runner) -> None:
    (line,) = run("terms", "秘书长", "--format", "jsonl").out.splitlines()
    assert json.loads(line)["counts"] == {"en": 14, "zh": 14}
    rows = list(csv.DictReader(io.StringIO(run("terms", "Charter", "--format", "csv").out)))
    assert (rows[0]["term_en"], rows[0]["term_zh"], rows[0]["counts_zh"]) == (
        "Charter of the United Nations",
        "联合国宪章",
        "3",
    )
    assert rows[0]["variants_zh"] == "宪章"  # lists are joined with ';'
    several = list(csv.DictReader(io.StringIO(run("terms", "IOM", "--format", "csv").out)))
    assert several[0]["variants_zh"] == "移民组织" and several[0]["variants_en"] == "IOM"
    markdown = run("terms", "Charter", "--format", "md").out.splitlines()
    assert markdown[0] == "| English | 中文 | Variants | n en | n zh | Look at |"
    assert (
        markdown[2] == "| Charter of the United Nations | 联合国宪章 | Charter; 宪章 | 3 | 3 | variant: agreement:2.4 |"
    )


def test_one_language_counts_and_cannot_mismatch(run: Runner) -> None:
    result = run("terms", "IOM", "--lang", "zh")
    assert (
        result.out
        == "国际移民组织\t移民组织\t85\tvariant: agreement:3.4, agreement:5.3, agreement:9 deprecated: agreement:2.2\n"
    )


def test_a_substring_can_name_several_terms(run: Runner) -> None:
    assert [line.split("\t")[0] for line in run("terms", "Council").out.splitlines()] == [
        "Security Council",
        "Economic and Social Council",
    ]


def test_fixture_corpus(run: Runner) -> None:
    corpus = str(FIXTURES / "accord")
    assert run("--corpus", corpus, "terms").out.splitlines() == [
        "River Commission\t河流委员会\tCommission; 委员会\t6\t6\tvariant: accord:2.2 deprecated: accord:3",
        "watercourse\t水道\t\t3\t3\t",
    ]


def test_a_corpus_without_a_glossary(run: Runner, tmp_path: Path) -> None:
    import shutil

    corpus = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "accord", corpus)
    treaty_yaml = corpus / "river-accord" / "treaty.yaml"
    text = treaty_yaml.read_text(encoding="utf-8")
    start, end = text.index("glossary:"), text.index("instruments:")
    treaty_yaml.write_text(text[:start] + text[end:], encoding="utf-8")
    result = run("--corpus", str(corpus), "terms")
    assert result.code == 1
    assert result.err.startswith("unagree: error: the corpus has no glossary")
