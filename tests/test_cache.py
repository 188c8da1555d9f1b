"""The compiled corpus cache: keyed by size, mtime and content hash, atomic, rebuilt when stale or corrupt."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Runner, subprocess_env

from unagree_cli import model
from unagree_cli.cache import cache_dir, decode_treaty, encode_treaty, load_treaty_cached, path_key
from unagree_cli.corpus import CorpusError, load, load_treaty, missing_sources
from unagree_cli.yamlio import Problem


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache folder for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(folder))
    return folder


def cache_file(cache: Path, folder: Path) -> Path:
    return cache / "sets" / f"{path_key(folder)}.json"


class Counting:
    """load_treaty, counting how often the YAML is really parsed."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, folder: Path) -> tuple[model.TreatySet | None, list[Problem]]:
        self.calls += 1
        return load_treaty(folder)


def test_cache_folder_follows_xdg_and_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(tmp_path / "mine"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("UNAGREE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "unagree"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "unagree"


def test_second_load_is_read_from_the_cache_and_equals_the_parsed_one(cache: Path, corpus_copy: Path) -> None:
    folder = corpus_copy / "un-iom-2016"
    build = Counting()
    first, problems = load_treaty_cached(folder, build)
    assert problems == [] and build.calls == 1
    assert cache_file(cache, folder).is_file()
    second, problems = load_treaty_cached(folder, build)
    assert problems == [] and build.calls == 1, "the second load parsed the YAML again"
    assert second == first == load_treaty(folder)[0]


def test_a_cached_load_does_not_import_yaml(cache: Path) -> None:
    code = (
        "import sys; from unagree_cli.corpus import bundled_corpus, load; "
        "treaty = load(bundled_corpus()); print('yaml' in sys.modules, len(treaty.versions))"
    )
    env = subprocess_env(UNAGREE_CACHE_DIR=str(cache))
    outputs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT, check=True)
        for _ in range(2)
    ]
    assert [o.stdout.split() for o in outputs] == [["True", "5"], ["False", "5"]]


def test_changed_content_with_the_same_size_and_mtime_is_noticed(cache: Path, corpus_copy: Path) -> None:
    path = corpus_copy / "un-iom-2016" / "agreement.en.yaml"
    assert "Reciprocal representation" in str(load(corpus_copy).versions[("agreement", "en")].units)
    before = path.stat()
    text = path.read_text(encoding="utf-8").replace("Reciprocal representation", "Reciprocal REPRESENTATION")
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    units = load(corpus_copy).versions[("agreement", "en")].units
    assert any(u.heading == "Reciprocal REPRESENTATION" for u in units)


@pytest.mark.parametrize(
    "garbage",
    [b"", b"\x00\xff not json", b"[1, 2", b'{"format": 1}', b"null"],
    ids=["empty", "binary", "truncated", "no-key", "null"],
)
def test_a_corrupt_cache_file_is_ignored_and_rebuilt(cache: Path, corpus_copy: Path, garbage: bytes) -> None:
    folder = corpus_copy / "un-iom-2016"
    expected = load(corpus_copy)
    target = cache_file(cache, folder)
    target.write_bytes(garbage)
    assert load(corpus_copy) == expected
    assert json.loads(target.read_bytes())["data"]["id"] == "un-iom-2016"


def test_a_tampered_cache_file_with_the_right_key_is_checked_value_by_value(cache: Path, corpus_copy: Path) -> None:
    folder = corpus_copy / "un-iom-2016"
    expected = load(corpus_copy)
    target = cache_file(cache, folder)
    data = json.loads(target.read_bytes())
    data["data"]["versions"][0][1]["units"][0]["text"] = ["not", "text"]  # a unit's text
    target.write_text(json.dumps(data), encoding="utf-8")
    build = Counting()
    treaty, problems = load_treaty_cached(folder, build)
    assert build.calls == 1 and problems == [] and treaty == expected


def test_an_invalid_corpus_is_never_cached(cache: Path, corpus_copy: Path) -> None:
    folder = corpus_copy / "un-iom-2016"
    (folder / "note.zh.yaml").write_text("doc: note\nlang: zh\nbody: [", encoding="utf-8")
    with pytest.raises(CorpusError):
        load(corpus_copy)
    assert not cache_file(cache, folder).exists()


def test_a_source_file_that_goes_away_is_noticed(cache: Path, corpus_copy: Path) -> None:
    """A set whose published texts are absent still loads (a copied set); the absence is a note."""
    load(corpus_copy)
    (corpus_copy / "sources" / "A-70-976.zh.txt").unlink()
    treaty = load(corpus_copy)
    notes = missing_sources(treaty)
    assert len(notes) == 1 and "A-70-976.zh.txt" in notes[0] and notes[0].startswith("note:")


def test_writes_are_atomic_and_never_into_the_corpus(cache: Path, corpus_copy: Path) -> None:
    def snapshot() -> dict[str, tuple[int, int]]:
        return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(corpus_copy.rglob("*"))}

    before = snapshot()
    load(corpus_copy)
    load(corpus_copy)
    assert snapshot() == before
    assert [p.name for p in (cache / "sets").iterdir()] == [f"{path_key(corpus_copy / 'un-iom-2016')}.json"]


def test_no_cache_when_turned_off_or_unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from unagree_cli.corpus import bundled_corpus

    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(tmp_path / "off"))
    monkeypatch.setenv("UNAGREE_NO_CACHE", "1")
    assert load(bundled_corpus()).id == "un-iom-2016"
    assert not (tmp_path / "off").exists()
    monkeypatch.delenv("UNAGREE_NO_CACHE")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(blocker))
    assert load(bundled_corpus()).id == "un-iom-2016"


def test_every_model_field_survives_the_cache_by_name(treaty: model.TreatySet) -> None:
    """Fields are stored by name from the data classes: none is kept in step by hand, a new one is simply there."""
    data = json.loads(json.dumps(encode_treaty(treaty)))
    assert decode_treaty(data, Path(treaty.path)) == treaty
    assert set(data) == {f.name for f in dataclasses.fields(model.TreatySet)}
    version = data["versions"][0][1]
    assert set(version) == {f.name for f in dataclasses.fields(model.Version)}
    assert set(version["units"][0]) == {f.name for f in dataclasses.fields(model.Unit)}
    assert set(data["parties"][0]) == {f.name for f in dataclasses.fields(model.Party)}


def test_show_twice_through_the_cli_prints_the_same(cache: Path, run: Runner) -> None:
    first = run("show", "5.2", "--format", "json")
    assert first.code == 0 and (cache / "sets").is_dir()
    assert run("show", "5.2", "--format", "json").out == first.out
