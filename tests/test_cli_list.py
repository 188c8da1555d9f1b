"""``unagree list``, and a corpus of several treaty sets through the CLI: --treaty, search across sets."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from conftest import Runner

from unagree_cli.render import ProgressBar
from unagree_cli.scale import write_scaled_corpus


@pytest.fixture
def big(three_sets: Path) -> str:
    return str(three_sets)


def test_readme_list(run: Runner, big: str) -> None:
    result = run("--corpus", big, "list")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split("\t")[:5] for line in lines] == [
        [f"set-000{n}", "en,zh", "resolution,agreement,note", "76", "-"] for n in (1, 2, 3)
    ]
    assert lines[1].split("\t")[5] == (
        "Agreement concerning the Relationship between the United Nations and the International Organization"
        " for Migration 2 (set-0002)"
    )


def test_list_json_and_table(run: Runner, big: str) -> None:
    rows = json.loads(run("--corpus", big, "list", "--format", "json").out)
    assert rows[0] == {
        "name": "set-0001",
        "id": "un-iom-2016-set-0001",
        "title": rows[0]["title"],
        "languages": ["en", "zh"],
        "documents": ["resolution", "agreement", "note"],
        "units": 76,
        "problems": 0,
    }
    assert set(rows[0]["title"]) == {"en", "zh"}
    table = run("--corpus", big, "list", "--format", "table").out
    assert "Treaty set" in table and "set-0003" in table and "3 treaty sets" in table


def test_list_the_bundled_corpus(run: Runner) -> None:
    result = run("list", "--format", "csv")
    assert result.code == 0
    assert result.out.splitlines()[1].startswith("un-iom-2016,un-iom-2016,")


def test_list_shows_a_broken_set_and_still_exits_0(run: Runner, big: str) -> None:
    (Path(big) / "set-0002" / "treaty.yaml").write_text("id: [", encoding="utf-8")
    result = run("--corpus", big, "list", "--format", "table")
    assert result.code == 0
    assert "1 with problems (see 'unagree validate')" in result.out


def test_readme_search_spans_every_set(run: Runner, big: str) -> None:
    result = run("--corpus", big, "search", "通行证", "--refs-only")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split(" ")[0] for line in lines] == ["set-0001", "set-0002", "set-0003"]
    for line in lines:  # each line is what --treaty and show take
        treaty, ref = line.split(" ")
        shown = run("--corpus", big, "--treaty", treaty, "show", ref, "--lang", "zh")
        assert shown.code == 0 and "通行证" in shown.out


def test_search_across_sets_formats(run: Runner, big: str) -> None:
    rows = json.loads(run("--corpus", big, "search", "laissez-passer", "--lang", "en", "--format", "json").out)
    assert [row["treaty"] for row in rows] == ["set-0001", "set-0002", "set-0003"]
    assert list(rows[0])[:3] == ["treaty", "doc", "ref"] and rows[0]["matches"][0]["lang"] == "en"
    table = run("--corpus", big, "search", "通行证", "--format", "table").out
    assert "Treaty set" in table and "in 3 treaty sets" in table
    assert run("--corpus", big, "search", "通行证", "--doc", "note").code == 1
    assert run("--corpus", big, "search", "x", "--lang", "fr").code == 2
    assert run("--corpus", big, "search", "x", "--doc", "nope").code == 2
    assert run("--corpus", big, "search", "(", "--regex").code == 2


def test_treaty_narrows_search_to_one_set(run: Runner, big: str) -> None:
    result = run("--corpus", big, "--treaty", "set-0002", "search", "通行证", "--refs-only")
    assert result.code == 0 and result.out.count("\n") == 1 and result.out.startswith("agreement:")


def test_search_across_sets_stops_on_a_broken_set(run: Runner, big: str) -> None:
    (Path(big) / "set-0002" / "note.zh.yaml").write_text("doc: note\nlang: zh\nbody: [", encoding="utf-8")
    result = run("--corpus", big, "search", "通行证")
    assert result.code == 1 and "note.zh.yaml" in result.err


def test_other_commands_take_a_set_by_name(run: Runner, big: str, tmp_path: Path) -> None:
    result = run("--corpus", big, "show", "5")
    assert result.code == 1
    assert "several treaty sets; pick one of: set-0001, set-0002, set-0003" in result.err
    assert run("--corpus", big, "--treaty", "set-0003", "show", "5", "--lang", "en").code == 0
    assert "no treaty set 'set-9'" in run("--corpus", big, "--treaty", "set-9", "show", "5").err
    many = tmp_path / "many"
    write_scaled_corpus(many, 12)
    err = run("--corpus", str(many), "toc").err
    assert "set-0010, ... (12 in all; 'unagree list' shows them)" in err


def test_a_large_corpus_shows_a_progress_bar_only_on_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    screen = Terminal()
    with ProgressBar(screen, "Indexing the corpus") as update:
        for done in range(1, 4):
            update(done, 3)
    assert "Indexing the corpus" in screen.getvalue()
    piped = io.StringIO()
    with ProgressBar(piped, "Indexing the corpus") as update:
        update(1, 3)
    assert piped.getvalue() == ""


def test_readme_shelf_lines(run: Runner) -> None:
    from conftest import FIXTURES

    shelf = str(FIXTURES / "shelf")
    assert run("--corpus", shelf, "list").out.splitlines() == [
        "mini-pact\ten,zh\tpact\t1\t-\tPact between Alpha and Beta",
        "river-accord\ten,zh\tdecision,accord\t12\t-\tAccord on the Shared River",
    ]
    assert run("--corpus", shelf, "search", "river", "--refs-only").out.splitlines() == [
        "river-accord decision:preamble",
        "river-accord accord:preamble.2",
        "river-accord accord:2",
        "river-accord accord:2.1",
        "river-accord accord:3",
    ]
    shown = run("--corpus", shelf, "--treaty", "river-accord", "show", "2.1", "--lang", "en")
    assert shown.out == "1. The Parties hereby establish the River Commission.\n"
    refused = run("--corpus", shelf, "show", "1")
    assert refused.code == 1 and "pick one of: mini-pact, river-accord" in refused.err
