"""``unagree obligations``: options, formats, errors, and the README's command lines."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import FIXTURES, Cli, Runner

# ---------------------------------------------------------------- the README's examples


def test_readme_party_and_modality(run: Runner) -> None:
    result = run("obligations", "--party", "IOM", "--modality", "right")
    assert result.code == 0
    lines = result.out.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["agreement:5.2", "agreement:5.2", "agreement:11"]
    assert lines[0] == (
        "agreement:5.2\tIOM\tright\tshall be entitled\tThe Director General of the International Organization for "
        "Migration\tattend plenary meetings of the General Assembly of the United Nations "
        "for the purposes of consultations"
    )


def test_readme_chinese_organ(run: Runner) -> None:
    result = run("obligations", "--party", "总干事", "--lang", "zh")
    assert result.code == 0
    assert (
        "agreement:5.2\tIOM\tright\t应有权\t国际移民组织总干事\t出席联合国大会的全体会议以参加咨商"
        in result.out.splitlines()
    )
    assert (
        "agreement:14\tUN,IOM\tobligation\t会\t联合国秘书长和国际移民组织总干事\t做出可能被认为适当的补充安排"
        in result.out.splitlines()
    )
    assert all("总干事" in line.split("\t")[4] for line in result.out.splitlines())


def test_readme_resolution(run: Runner) -> None:
    result = run("obligations", "--doc", "resolution", "--modality", "all")
    assert result.code == 0
    assert [line.split("\t")[:5] for line in result.out.splitlines()] == [
        ["2", "UN", "recognition", "Notes", "The General Assembly"],
        ["3", "UN", "obligation", "Calls upon", "the Secretary-General"],
    ]


def test_readme_compare(run: Runner) -> None:
    result = run("obligations", "--compare")
    assert result.code == 0
    assert result.out == "agreement:14\tUN permission, IOM permission\tUN obligation, IOM obligation\n"


def test_readme_compare_on_the_second_treaty(run: Runner) -> None:
    result = run("--corpus", str(FIXTURES / "polar"), "obligations", "--compare")
    assert result.code == 0
    assert result.out == "agreement:2.2\tNordvald obligation\tNordvald permission\n"


def test_readme_unknown_party(run: Runner) -> None:
    result = run("obligations", "--party", "WHO")
    assert result.code == 2
    assert result.err.splitlines() == [
        "unagree: error: unknown party 'WHO'",
        "hint: known parties: UN; IOM; UN: Secretary-General; UN: General Assembly; UN: Secretariat; "
        "UN: Security Council; UN: Economic and Social Council; IOM: Director General; IOM: Council; "
        "IOM: Administration; IOM: staff",
    ]


def test_readme_table(run: Runner) -> None:
    result = run("obligations", "--party", "Director General", tty=True, width=100)
    assert result.code == 0
    lines = [line.rstrip() for line in result.out.splitlines()]
    assert lines[0] == "IOM · obligation (1)"
    header = lines[1].split()
    assert header == ["Ref", "Who", "Action", "中文"]
    row = next(line for line in lines if line.startswith("agreement:6.1"))
    assert row.split()[:3] == ["agreement:6.1", "the", "Director"] and "bring any such agenda item" in row
    assert lines[-1] == "7 statements: 1 obligation, 4 permissions, 2 rights · IOM 7"


# ---------------------------------------------------------------- table


def test_the_table_groups_by_party_then_modality_and_counts(run: Runner) -> None:
    result = run("obligations", "--doc", "agreement", tty=True, width=140)
    assert result.code == 0
    titles = [
        line.strip() for line in result.out.splitlines() if "·" in line and "(" in line and "statements" not in line
    ]
    assert titles == [
        "UN · obligation (22)",
        "UN · permission (5)",
        "UN · right (1)",
        "IOM · obligation (27)",
        "IOM · permission (7)",
        "IOM · right (3)",
    ]
    assert (
        result.out.rstrip().splitlines()[-1]
        == "46 statements: 32 obligations, 10 permissions, 4 rights · UN 28, IOM 37"
    )


def test_the_table_shows_the_same_sentence_in_the_other_language(run: Runner) -> None:
    english = run("obligations", "--party", "Secretariat", tty=True, width=1000)
    assert "中文" in english.out
    row = next(line for line in english.out.splitlines() if line.startswith("agreement:5.3"))
    assert "联合国秘书处应向联合国的某一或各个适当机关的所有成员分发国际移民组织向联合国提交的供分发的书面声明。" in row
    assert "管理局" not in row  # the other sentence of the paragraph is not repeated
    assert english.out.rstrip().splitlines()[-1] == "2 statements: 2 obligations · UN 2"
    chinese = run("obligations", "--party", "Secretariat", "--lang", "zh", tty=True, width=1000)
    assert "English" in chinese.out and "distributed by the Secretariat of the United Nations" in chinese.out


def test_a_narrow_table_stays_in_its_width(run: Runner) -> None:
    from rich.cells import cell_len

    result = run("obligations", "--party", "IOM", "--modality", "right", "--lang", "zh", tty=True, width=60)
    assert result.code == 0
    assert max(cell_len(line) for line in result.out.splitlines()) <= 60
    assert result.out.count("agreement:") == 3 and "国际移民组织" in result.out


# ---------------------------------------------------------------- data formats


def test_json_records_give_the_statement_and_offsets_into_the_unit_text(run: Runner) -> None:
    result = run("obligations", "--party", "Secretariat", "--format", "json")
    assert result.code == 0
    records = json.loads(result.out)
    assert [(r["ref"], r["organ"]) for r in records] == [("5.3", "Secretariat"), ("9", "Secretariat, Administration")]
    first = records[0]
    assert list(first)[:4] == ["doc", "ref", "eid", "kind"]
    assert first["eid"] == "art_5__para_3" and "text" not in first
    assert first["parties"] == ["UN"] and first["modality"] == "obligation" and first["lang"] == "en"
    assert first["actor"] == "the Secretariat of the United Nations"
    assert first["note"] == "passive: the agent bears it"
    shown = json.loads(run("show", "5.3", "--format", "json").out)[0]["text"]["en"]
    assert shown[slice(*first["clause_span"])] == first["clause"]
    assert first["clause"].startswith("Written statements") and first["clause"].endswith("organs of the United Nations")
    assert first["clause"] in shown[slice(*first["sentence_span"])]
    assert "\\u" not in result.out  # UTF-8, not escapes


def test_jsonl_and_csv(run: Runner) -> None:
    lines = run("obligations", "--lang", "zh", "--format", "jsonl").out.splitlines()
    assert all(json.loads(line)["lang"] == "zh" for line in lines)
    rows = list(csv.DictReader(io.StringIO(run("obligations", "--format", "csv").out)))
    assert len(rows) == len(lines)
    assert {"clause", "parties", "modality", "actor", "action", "clause_span"} <= set(rows[0])
    assert not any(column.startswith("text") for column in rows[0])
    assert all(len(row["clause_span"].split(";")) == 2 for row in rows)  # [start, end] as start;end
    assert rows[0]["parties"] and not rows[0]["parties"].startswith("[")  # lists are joined: UN;IOM
    assert all(set(row["parties"].split(";")) <= {"UN", "IOM"} for row in rows)
    assert any(row["parties"] in ("UN;IOM", "IOM;UN") for row in rows)


def test_markdown(run: Runner) -> None:
    result = run("obligations", "--doc", "resolution", "--format", "md")
    assert result.out.splitlines()[0] == "| Ref | Parties | Modality | Marker | Actor | Action |"
    assert "| 3 | UN | obligation | Calls upon | the Secretary-General |" in result.out


def test_compare_json_gives_pairs_per_language(run: Runner) -> None:
    records = json.loads(run("obligations", "--compare", "--format", "json").out)
    assert [r["eid"] for r in records] == ["art_14"]
    assert records[0]["pairs"] == {"en": ["UN permission", "IOM permission"], "zh": ["UN obligation", "IOM obligation"]}
    assert "会" in records[0]["message"]


# ---------------------------------------------------------------- options


def test_recognitions_only_when_asked(run: Runner) -> None:
    default = run("obligations", "--format", "json")
    assert "recognition" not in {r["modality"] for r in json.loads(default.out)}
    asked = json.loads(run("obligations", "--modality", "recognition", "--format", "json").out)
    assert asked and {r["modality"] for r in asked} == {"recognition"}
    assert {r["ref"] for r in asked} >= {"2.1", "3.7"}


def test_party_filter_is_case_insensitive_in_both_languages(run: Runner) -> None:
    outputs = {
        name: run("obligations", "--party", name, "--format", "json").out for name in ("IOM", "iom", "国际移民组织")
    }
    assert len(set(outputs.values())) == 1
    assert all("IOM" in r["parties"] for r in json.loads(outputs["IOM"]))
    un = json.loads(run("obligations", "--party", "联合国", "--format", "json").out)
    assert un and all("UN" in r["parties"] for r in un)


def test_the_default_lists_every_document(run: Runner) -> None:
    refs = [line.split("\t")[0] for line in run("obligations").out.splitlines()]
    assert refs[0] == "resolution:3" and "agreement:16.1" in refs
    assert not any(ref.startswith("note:") for ref in refs)


def test_the_second_treaty_lists_its_own_parties(run: Runner) -> None:
    result = run("--corpus", str(FIXTURES / "polar"), "obligations", "--party", "Austerra", "--modality", "prohibition")
    assert result.code == 0
    assert [line.split("\t")[:4] for line in result.out.splitlines()] == [
        ["agreement:2.3", "Austerra", "prohibition", "must not"],
        ["agreement:4.4", "Austerra", "prohibition", "may not"],
        ["agreement:5.3", "Austerra", "prohibition", "shall not be entitled"],
    ]
    zh = run("--corpus", str(FIXTURES / "polar"), "obligations", "--party", "奥斯特拉", "-m", "prohibition", "-l", "zh")
    assert [line.split("\t")[3] for line in zh.out.splitlines()] == ["不得", "无权", "无权"]


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--modality", "duty"], 2, "unagree: error: unknown modality 'duty'"),
        (["--lang", "fr"], 2, "unagree: error: cannot analyse language 'fr'"),
        (["--lang", "both"], 2, "unagree: error: cannot analyse language 'both'"),
        (["--doc", "treaty"], 2, "unagree: error: unknown document 'treaty'"),
        (["--doc", "note", "--lang", "en"], 1, "unagree: error: the note has no version in en (it has: zh)"),
        (
            ["--doc", "note", "--lang", "zh"],
            1,
            "unagree: error: no obligation, permission, right or prohibition in the note (read in zh)",
        ),
        (["--modality", "prohibition"], 1, "unagree: error: no prohibition in the documents (read in en)"),
        (
            ["--compare", "--doc", "resolution"],
            1,
            "unagree: error: the English and Chinese analyses agree in the resolution",
        ),
        (["--format", "yaml"], 2, "unagree: error: unknown format 'yaml'"),
    ],
)
def test_errors(run: Runner, args: list[str], code: int, message: str) -> None:
    result = run("obligations", *args)
    assert result.code == code
    assert result.err.splitlines()[0] == message
    assert result.out == ""


def test_help(run: Runner) -> None:
    result = run("obligations", "--help")
    assert result.code == 0 and "--party" in result.out and "--compare" in result.out and "Example:" in result.out


def test_a_real_process_pipes_plain_utf8(cli: Cli) -> None:
    result = cli("obligations", "--party", "IOM", "--lang", "zh", env={"LANG": "C"})
    assert result.returncode == 0
    text = result.stdout.decode("utf-8")
    assert "\t" in text and "国际移民组织" in text
