"""Where the corpus is and which folders it holds: one listing a command, never a stale one."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import Runner

from unagree_cli import folders


@pytest.fixture
def corpus(three_sets: Path) -> Path:
    """A writable three-set corpus and an empty cache folder of its own (see conftest)."""
    return three_sets


class Listings:
    """Counts ``os.scandir`` calls on one folder."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
        self.count = 0
        real = os.scandir

        def counting(path: str | os.PathLike[str] | int) -> os._ScandirIterator[str]:  # what os.scandir returns
            if not isinstance(path, int) and os.path.abspath(os.fspath(path)) == str(folder):
                self.count += 1
            return real(path)

        monkeypatch.setattr(os, "scandir", counting)


def test_subfolders_are_the_folders_by_name(corpus: Path) -> None:
    (corpus / "notes.txt").write_text("not a folder", encoding="utf-8")
    os.symlink(corpus / "set-0002", corpus / "linked")
    assert folders.subfolders(corpus) == ["linked", "set-0001", "set-0002", "set-0003"]
    assert folders.subfolders(corpus / "nowhere") == []


def test_a_settled_folder_is_listed_once_and_listed_again_when_it_changes(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(folders, "RACY_NS", -(10**18))  # as if the folder had not changed for a long time
    listings = Listings(monkeypatch, corpus)
    assert folders.several_treaty_sets(corpus)
    assert folders.subfolders(corpus) == ["set-0001", "set-0002", "set-0003"]
    assert listings.count == 1, "the second question is answered from the first listing"
    os.rename(corpus / "set-0002", corpus / "set-0009")
    assert folders.subfolders(corpus) == ["set-0001", "set-0003", "set-0009"]
    (corpus / "set-0004").mkdir()
    assert folders.subfolders(corpus) == ["set-0001", "set-0003", "set-0004", "set-0009"]
    shutil.rmtree(corpus / "set-0001")
    assert folders.subfolders(corpus) == ["set-0003", "set-0004", "set-0009"]
    assert listings.count == 4
    assert folders.subfolders(corpus / "set-0003") == ["sources"]
    assert folders.subfolders(corpus) == ["set-0003", "set-0004", "set-0009"], "one folder kept: another listed"


def test_a_folder_changed_within_the_racy_window_is_listed_every_time(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Just written (as every corpus of these tests is): a change in the same clock tick would keep its times."""
    listings = Listings(monkeypatch, corpus)
    for _ in range(3):
        assert folders.subfolders(corpus) == ["set-0001", "set-0002", "set-0003"]
    assert listings.count == 3


def test_a_warm_search_over_several_sets_lists_the_corpus_once(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, run: Runner
) -> None:
    first = run("--corpus", str(corpus), "search", "通行证", "--refs-only")
    assert first.code == 0 and first.out.count("\n") == 3
    monkeypatch.setattr(folders, "RACY_NS", -(10**18))
    listings = Listings(monkeypatch, corpus)
    again = run("--corpus", str(corpus), "search", "通行证", "--refs-only")
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    assert listings.count == 1
