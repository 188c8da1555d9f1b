"""``unagree toc``: the structure of every document, in every format."""

from __future__ import annotations

import json

from conftest import Runner


def test_toc_lists_documents_then_articles(run: Runner) -> None:
    result = run("toc")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].startswith("resolution:\tAgreement concerning the Relationship")
    assert "agreement:5\tReciprocal representation\t对等出席会议" in lines
    assert "agreement:16\tEntry into force\t生效" in lines
    assert any(line.startswith("note:\t\t联合国同国际移民组织间关系协定") for line in lines)


def test_toc_of_one_document_in_one_language(run: Runner) -> None:
    lines = run("toc", "--doc", "agreement", "--lang", "zh").out.splitlines()
    assert lines[0] == "agreement:\t联合国同国际移民组织间关系协定草案"
    assert lines[1] == "preamble\t序言"
    assert lines[2] == "1\t协定的目的"
    assert lines[-1] == "conclusions\t结尾"
    assert len(lines) == 19


def test_toc_json_records(run: Runner) -> None:
    rows = json.loads(run("toc", "--doc", "agreement", "--format", "json").out)
    assert rows[0]["kind"] == "document" and rows[0]["symbol"] == "A/RES/70/296"
    article = next(r for r in rows if r["ref"] == "3")
    assert article == {
        "doc": "agreement",
        "ref": "3",
        "eid": "art_3",
        "kind": "article",
        "heading": {"en": "Cooperation and coordination", "zh": "合作与协调"},
        "units": 14,
    }


def test_toc_table_folds_chinese(run: Runner) -> None:
    out = run("toc", "--doc", "agreement", "--format", "table", width=70).out
    assert "…" not in out
    assert "执行本协定的补充安排" in out.replace(" ", "") or "执行本协定的补" in out


def test_toc_unknown_document(run: Runner) -> None:
    result = run("toc", "--doc", "treaty")
    assert result.code == 2
    assert result.err.splitlines() == [
        "unagree: error: unknown document 'treaty'",
        "hint: use one of: resolution, agreement, note",
    ]
