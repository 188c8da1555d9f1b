"""Data exports: JSON and JSON lines that load back into the same records, CSV, Markdown."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from unagree_cli.corpus import load
from unagree_cli.export.data import (
    RecordsError,
    load_records,
    md_text,
    record_dict,
    to_csv,
    to_json,
    to_jsonl,
    to_markdown,
    unit_records,
)
from unagree_cli.labels import number_to_zh
from unagree_cli.model import Record, TreatySet
from unagree_cli.render import Labels

MINI = Path(__file__).parent / "fixtures" / "export_mini"


def everything(treaty: TreatySet) -> list[Record]:
    return [record for doc in treaty.doc_keys() for record in treaty.records(doc, treaty.languages)]


def test_unit_records_cover_every_document_in_order(treaty: TreatySet) -> None:
    records = unit_records(treaty, treaty.doc_keys(), treaty.languages)
    assert records == everything(treaty)
    assert [r.doc for r in records[:1]] + [r.doc for r in records[-1:]] == ["resolution", "note"]


def test_record_dict_adds_num_after_kind(treaty: TreatySet) -> None:
    record = next(r for r in treaty.records("agreement", ["en", "zh"]) if r.eid == "art_5__para_2")
    data = record_dict(record)
    assert list(data)[:6] == ["doc", "ref", "eid", "kind", "num", "text"]
    assert data["num"] == "2"
    assert data["text"]["zh"].startswith("国际移民组织总干事")


@pytest.mark.parametrize("writer", [to_json, to_jsonl])
def test_json_round_trips_into_the_same_records(treaty: TreatySet, tmp_path: Path, writer: Callable[..., Any]) -> None:
    records = everything(treaty)
    path = tmp_path / "corpus.json"
    path.write_text(writer(records), encoding="utf-8")
    assert load_records(path) == records


def test_json_round_trip_keeps_footnotes_and_control_characters_exact(tmp_path: Path) -> None:
    mini = load(MINI)
    records = everything(mini)
    path = tmp_path / "mini.json"
    path.write_text(to_json(records), encoding="utf-8")
    loaded = load_records(path)
    assert loaded == records
    paragraph = next(r for r in loaded if r.doc == "resolution" and r.eid == "para_2")
    assert "\x01" in paragraph.text["en"] and "\x1b[31m" in paragraph.text["en"] and "\r" in paragraph.text["en"]
    noted = next(r for r in loaded if r.eid == "art_2__para_1")
    assert noted.extra["footnotes"][0]["text"]["en"] == "The Commission replaces the former Lake Board."


def test_json_is_utf8_text_not_escapes(treaty: TreatySet) -> None:
    text = to_json(treaty.records("agreement", ["zh"]))
    assert "国际移民组织" in text
    assert json.loads(text)[0]["text"] == {"zh": "联合国和国际移民组织，"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{}", "record 1 has no doc"),
        ("[1]", "record 1 is not an object"),
        ('[{"doc": "a"}]', "has no ref, eid, kind, text"),
        ('[{"doc": "a", "ref": "1", "eid": "para_1", "kind": "paragraph", "text": "x"}]', "text must map"),
        ('[{"doc": "a", "ref": "1", "eid": "para_1", "kind": "paragraph", "num": 1, "text": {}}]', "num must be"),
        ("[{", "not JSON"),
    ],
)
def test_load_records_rejects_what_export_does_not_write(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RecordsError, match=message):
        load_records(path)


def test_csv_has_one_column_per_language_and_exact_text(treaty: TreatySet) -> None:
    records = everything(treaty)
    rows = list(csv.DictReader(io.StringIO(to_csv(records, ["en", "zh"]))))
    assert list(rows[0]) == [
        "doc", "ref", "eid", "kind", "num",
        "heading_en", "heading_zh", "text_en", "text_zh", "footnotes_en", "footnotes_zh",
    ]  # fmt: skip
    assert len(rows) == len(records)
    by_key = {(row["doc"], row["eid"]): row for row in rows}
    article = by_key[("agreement", "art_5")]
    assert (article["heading_en"], article["heading_zh"]) == ("Reciprocal representation", "对等出席会议")
    signature = by_key[("agreement", "conclusions__signature_1")]
    assert signature["text_en"] == "For the United Nations:\nBan Ki-Moon\nSecretary-General"
    assert by_key[("resolution", "preamble__rec_3")]["footnotes_en"] == "[1] A/70/976, annex I."
    assert by_key[("note", "para_1")]["text_en"] == ""


def test_markdown_is_a_bilingual_document_with_headings_and_anchors(treaty: TreatySet) -> None:
    labels = Labels(treaty.labels, number_to_zh)
    text = to_markdown(treaty, treaty.doc_keys(), treaty.languages, labels)
    assert text.startswith(f"# {treaty.title['en']} / {treaty.title['zh']}\n")
    assert "- [Resolution](#resolution)" in text
    assert '<a id="agreement"></a>\n\n## Agreement / 协定' in text
    assert "### Article 5  Reciprocal representation / 第五条  对等出席会议" in text
    assert '<a id="agreement-art_5__para_2"></a>' in text
    assert "**(a)** The United Nations System Chief Executives Board" in text
    assert "### Preamble / 序言" in text and "### Conclusions / 结尾" in text
    assert "*zh: A/70/976, annex II · draft*" in text
    # the footnote: a reference in the English text, its definition below
    assert "for Migration,[^resolution-en-1]" in text
    assert "[^resolution-en-1]: A/70/976, annex I." in text
    anchors = re.findall(r'<a id="([^"]+)"></a>', text)
    assert len(anchors) == len(set(anchors))
    assert len(anchors) == len(everything(treaty)) + len(treaty.doc_keys())


def test_markdown_of_one_language_and_one_document(treaty: TreatySet) -> None:
    labels = Labels(treaty.labels, number_to_zh)
    text = to_markdown(treaty, ["note"], ["zh"], labels)
    assert "## 秘书长的说明" in text and "- [" not in text
    assert "**1.** 大会在其第 70/263 号决议中" in text


def test_markdown_renders_corpus_text_literally() -> None:
    assert md_text("a *b* <i> [x](y) # _z_") == r"a \*b\* \<i\> \[x\](y) \# \_z\_"
    assert md_text("1. not a list\n- nor this") == "1\\. not a list\\\n\\- nor this"
    assert md_text("bell\x07") == r"bell\\x07"  # shows as bell\x07
