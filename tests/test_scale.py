"""Synthetic corpora for the benchmark: N valid treaty sets derived from the bundled one."""

from __future__ import annotations

from pathlib import Path

import pytest

from unagree_cli.corpus import load, treaty_folders, validate
from unagree_cli.scale import MARKER, ScaleError, main, write_scaled_corpus


@pytest.fixture(scope="module")
def scaled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("scaled") / "corpus"
    write_scaled_corpus(target, 3)
    return target


def test_writes_n_valid_sets_each_standing_alone(scaled: Path) -> None:
    assert [f.name for f in treaty_folders(scaled)] == ["set-0001", "set-0002", "set-0003"]
    assert validate(scaled) == (3, [])
    assert (scaled / "set-0002" / "sources" / "A-70-976.zh.txt").is_file()
    assert (scaled / MARKER).is_file()


def test_ids_and_parties_are_renamed(scaled: Path) -> None:
    treaty = load(scaled, "set-0002")
    assert treaty.id == "un-iom-2016-set-0002"
    assert [p.id for p in treaty.parties] == ["UN", "IOM-0002"]
    assert treaty.parties[1].names["en"] == ["International Organization for Migration 2", "IOM-0002"]
    text = " ".join(r.text.get("en", "") for r in treaty.records("agreement", ["en"]))
    assert "International Organization for Migration 2" in text and "Migration," not in text


def test_articles_are_shuffled_the_same_way_in_every_language(scaled: Path) -> None:
    def headings(name: str) -> list[tuple[str, str]]:
        records = load(scaled, name).records("agreement", ["en", "zh"])
        return [(r.heading["en"], r.heading["zh"]) for r in records if r.kind == "article" and r.heading]

    one, two = headings("set-0001"), headings("set-0002")
    assert sorted(one) == sorted(two) and one != two  # same pairs, other order: en and zh moved together
    numbers = [r.num for r in load(scaled, "set-0002").records("agreement", ["en"]) if r.kind == "article"]
    assert numbers == [str(n) for n in range(1, len(numbers) + 1)]


def test_the_same_n_writes_the_same_files(scaled: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    write_scaled_corpus(again, 2)
    for name in ("treaty.yaml", "agreement.zh.yaml"):
        assert (again / "set-0002" / name).read_bytes() == (scaled / "set-0002" / name).read_bytes()


def test_a_smaller_n_removes_the_sets_beyond_it(tmp_path: Path) -> None:
    target = tmp_path / "corpus"
    write_scaled_corpus(target, 3)
    write_scaled_corpus(target, 1)
    assert [f.name for f in treaty_folders(target)] == ["set-0001"]


def test_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ScaleError, match="not empty"):
        write_scaled_corpus(tmp_path, 2)
    with pytest.raises(ScaleError, match="between 1"):
        write_scaled_corpus(tmp_path / "new", 0)


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--corpus", str(tmp_path / "c"), "2"]) == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'c'}: 2 treaty sets, ")
    (tmp_path / "other.txt").write_text("x", encoding="utf-8")
    assert main(["--corpus", str(tmp_path), "2"]) == 2
    assert "was not written by this tool" in capsys.readouterr().err
