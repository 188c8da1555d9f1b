"""``unagree show``: every format, both languages, errors and exit codes."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import Runner

ESC = "\x1b"


def test_plain_is_the_default_when_piped(run: Runner) -> None:
    result = run("show", "5")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:2] == ["Article 5  Reciprocal representation", "第五条  对等出席会议"]
    assert lines[3].startswith("1. The Secretary-General of the United Nations shall be entitled")
    assert lines[4].startswith("1. 联合国秘书长应有权")
    assert ESC not in result.out


def test_lang_selects_one_language(run: Runner) -> None:
    en = run("show", "5.2", "--lang", "en")
    zh = run("show", "5.2", "--lang", "zh")
    assert en.out.startswith("2. The Director General") and "国际" not in en.out
    assert zh.out.startswith("2. 国际移民组织总干事应有权") and "Director" not in zh.out


def test_points_and_list_intro(run: Runner) -> None:
    out = run("show", "3.2", "--lang", "en").out
    assert out.splitlines()[0].startswith("2. The International Organization for Migration agrees to participate in")
    assert "    (a) The United Nations System Chief Executives Board" in out
    assert "    (e) Country-level security management teams." in out
    assert out.rstrip().endswith("as per established cost-sharing arrangements.")


def test_json_is_an_array_of_unit_records_in_document_order(run: Runner) -> None:
    result = run("show", "5", "--format", "json")
    assert result.code == 0
    assert "\\u" not in result.out, "JSON must be UTF-8, not \\u escapes"
    records = json.loads(result.out)
    assert [r["eid"] for r in records] == ["art_5", "art_5__para_1", "art_5__para_2", "art_5__para_3"]
    assert records[0] == {
        "doc": "agreement",
        "ref": "5",
        "eid": "art_5",
        "kind": "article",
        "heading": {"en": "Reciprocal representation", "zh": "对等出席会议"},
        "text": {"en": "", "zh": ""},
    }
    assert records[1]["ref"] == "5.1"
    assert set(records[1]["text"]) == {"en", "zh"}
    assert records[1]["text"]["zh"].startswith("联合国秘书长应有权")


def test_json_point_record(run: Runner) -> None:
    (record,) = json.loads(run("show", "3.2(a)", "--format", "json", "--lang", "en").out)
    assert record["ref"] == "3.2(a)"
    assert record["eid"] == "art_3__para_2__list_1__point_a"
    assert record["text"] == {"en": record["text"]["en"]} and record["text"]["en"].startswith(
        "The United Nations System"
    )


def test_jsonl_has_one_record_per_line(run: Runner) -> None:
    out = run("show", "3.2", "--format", "jsonl").out
    lines = out.splitlines()
    assert len(lines) == 7
    assert [json.loads(line)["eid"].rsplit("__", 1)[-1] for line in lines] == [
        "intro",
        "point_a",
        "point_b",
        "point_c",
        "point_d",
        "point_e",
        "wrapup",
    ]


def test_csv_has_a_column_per_language(run: Runner) -> None:
    out = run("show", "5", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["doc", "ref", "eid", "kind", "heading_en", "heading_zh", "text_en", "text_zh"]
    assert rows[0]["heading_zh"] == "对等出席会议"
    assert rows[2]["ref"] == "5.2" and rows[2]["text_zh"].startswith("国际移民组织总干事")


def test_markdown_has_headings_and_anchors(run: Runner) -> None:
    out = run("show", "5", "--format", "md").out
    assert '<a id="art_5"></a>' in out
    assert "### Article 5 Reciprocal representation / 第五条 对等出席会议" in out
    assert "**1.** The Secretary-General" in out and "**1.** 联合国秘书长" in out


def test_table_side_by_side_on_a_wide_terminal(run: Runner) -> None:
    out = run("show", "5.1", "--format", "table", width=120).out
    header = next(line for line in out.splitlines() if "Ref" in line)
    assert "English" in header and "中文" in header
    assert "…" not in out
    first = next(line for line in out.splitlines() if line.strip().startswith("5.1"))
    assert "The Secretary-General" in first and "联合国秘书长" in first


def test_table_stacks_languages_on_a_narrow_terminal(run: Runner) -> None:
    out = run("show", "5.1", "--format", "table", width=60).out
    header = next(line for line in out.splitlines() if "Ref" in line)
    assert "English / 中文" in header
    assert all(len(line) <= 60 for line in out.splitlines())
    joined = re.sub(r"[\s\[\]]+", "", out)  # brackets: the deontic marks where no style is possible
    assert "秘书长可为本款的目的，指派任何人作为其代表。" in joined, "Chinese folds, never truncates"


def test_table_is_the_default_on_a_terminal(run: Runner) -> None:
    out = run("show", "5.1", tty=True).out
    assert "─" in out and "Ref" in out


def test_chinese_never_truncated_in_narrow_columns(run: Runner) -> None:
    out = run("show", "3", "--format", "table", width=100).out
    assert "…" not in out
    lines = out.splitlines()
    column = next(line for line in lines if "Ref" in line).index("中文")
    squeezed = re.sub(r"[\s\[\]]", "", "".join(line[column:] for line in lines))  # brackets: the deontic marks
    for text in ("国际移民组织同意按照上述机构的既定议事规则加入这些机构", "人道主义事务执行委员会；"):
        assert text in squeezed


def test_colour_only_when_forced(run: Runner) -> None:
    mono = run("show", "5.1", "--format", "table", tty=True, no_color=True).out
    # NO_COLOR: no colour at all, but the deontic words stay visible as bold or underline
    assert not re.search(r"\x1b\[[0-9;]*(?:3\d|4\d|9\d|10\d)[;m]", mono)
    assert "\x1b[3;4mshall be entitled\x1b[0m" in mono  # a right: italic and underlined, a permission underlined
    assert ESC in run("show", "5.1", "--format", "table", tty=True, no_color=False, force_color=True).out


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("17", "the agreement has no article 17; it has articles 1-16"),
        ("5.4", "article 5 has no paragraph 4; article 5 has paragraphs 1-3"),
        ("bogus", "cannot read reference 'bogus'"),
    ],
)
def test_unknown_reference_exits_2_with_what_exists(run: Runner, ref: str, message: str) -> None:
    result = run("show", ref)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("unagree: error: ")
    assert message in result.err
    assert "Traceback" not in result.err


def test_bad_options_exit_2(run: Runner) -> None:
    assert run("show", "5", "--lang", "fr").code == 2
    assert run("show", "5", "--format", "xml").code == 2
    assert run("show", "5", "--doc", "treaty").code == 2
    missing = run("show")
    assert missing.code == 2 and "Missing argument" in missing.err
    unknown = run("show", "5", "--nope")
    assert unknown.code == 2 and unknown.err.startswith("unagree: error: No such option")


def test_documents_by_option_and_prefix(run: Runner) -> None:
    assert run("show", "3", "--doc", "resolution", "--lang", "en").out.startswith("3. Calls upon the Secretary-General")
    assert run("show", "resolution:3", "--lang", "en").out == run("show", "3", "--doc", "res", "--lang", "en").out
    note = run("show", "note:1")
    assert note.code == 0 and note.out.startswith("1. 大会在其第 70/263 号决议中")


def test_the_note_has_no_english_version(run: Runner) -> None:
    result = run("show", "note:1", "--lang", "en")
    assert result.code == 1
    assert "has no version in en" in result.err


def test_preamble_and_conclusions(run: Runner) -> None:
    out = run("show", "preamble", "--lang", "en").out
    assert out.startswith("The United Nations and the International Organization for Migration,")
    assert out.rstrip().endswith("Have agreed as follows:")
    signatures = run("show", "conclusions", "--lang", "zh").out
    assert "潘基文(签名)" in signatures and "下列签署人在本协定上签字，以昭信守。" in signatures


def test_chinese_references(run: Runner) -> None:
    assert run("show", "第五条第二款").out == run("show", "5.2").out
    assert run("show", "第三条至第四条", "--lang", "en").out == run("show", "3-4", "--lang", "en").out


def test_footnotes_travel_with_their_unit(run: Runner) -> None:
    (record,) = __import__("json").loads(run("show", "resolution:preamble.3", "--format", "json").out)
    assert record["footnotes"] == [{"marker": "1", "text": {"en": "A/70/976, annex I."}}]
    plain = run("show", "resolution:preamble.3", "--lang", "en").out
    assert plain.splitlines() == [
        "Having considered the negotiated draft Agreement concerning the Relationship between the United Nations"
        " and the International Organization for Migration, [1]",
        "[1] A/70/976, annex I.",
    ]
    (zh_only,) = __import__("json").loads(run("show", "resolution:preamble.3", "--lang", "zh", "--format", "json").out)
    assert "footnotes" not in zh_only
