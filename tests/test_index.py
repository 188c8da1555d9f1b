"""The corpus search index: the same hits as a full scan, kept up to date, rebuilt when broken."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import Runner, subprocess_env
from hypothesis import given, settings
from hypothesis import strategies as st

from unagree_cli import index as index_module
from unagree_cli.corpus import load, treaty_folders
from unagree_cli.index import Prepared, index_file, open_index, search_key
from unagree_cli.model import Record, TreatySet
from unagree_cli.scale import write_scaled_corpus
from unagree_cli.search import compile_query, search
from unagree_cli.yamlio import Problem


@pytest.fixture
def corpus(three_sets: Path) -> Path:
    """A writable three-set corpus and an empty cache folder of its own (see conftest)."""
    return three_sets


def full_scan(root: Path, text: str, langs: list[str], regex: bool = False) -> list[str]:
    """What searching every set one by one gives: ``set doc:ref`` per hit."""
    query = compile_query(text, langs, regex)
    return [f"{folder.name} {hit.address}" for folder in treaty_folders(root) for hit in search(load(folder), query)]


QUERIES = [
    ("通行证", ["en", "zh"], False),
    ("协定", ["zh"], False),  # two characters: below a trigram
    ("协", ["zh"], False),
    ("laissez-passer", ["en", "zh"], False),
    ("UN", ["en"], False),
    ("united nations", ["en"], False),
    ("Organization   for Migration 2", ["en"], False),
    ("第７０/２６３号", ["zh"], False),  # full-width forms
    ("supplementary arrangements", ["en", "zh"], False),
    ("Article 14|第十四条", ["en", "zh"], True),
    # variants: the index's prefilter must keep every unit a variant matches
    ("arrangement", ["en", "zh"], False),  # arrangements
    ("Party", ["en"], False),  # Parties
    ("Organisation", ["en"], False),  # Organization
    ("Secretary General", ["en", "zh"], False),  # Secretary-General
    ("laissez passer", ["en"], False),  # laissez-passer
    ("Director-General", ["en"], False),  # Director General
    ("ＩＯＭ", ["en", "zh"], False),
    ("co-operation", ["en"], False),  # cooperation
    ("第70／263号决议", ["zh"], False),
    ("nothing like this", ["en", "zh"], False),
]


@pytest.mark.parametrize(("text", "langs", "regex"), QUERIES, ids=[q[0] for q in QUERIES])
def test_index_finds_what_a_full_scan_finds_in_the_same_order(
    corpus: Path, text: str, langs: list[str], regex: bool
) -> None:
    index = open_index(corpus)
    found = [hit.address for hit in index.search(compile_query(text, langs, regex))]
    assert found == full_scan(corpus, text, langs, regex)
    index.close()


def test_records_and_matches_are_the_scanned_ones(corpus: Path) -> None:
    query = compile_query("通行证", ["en", "zh"])
    hits = open_index(corpus).search(query, docs=["agreement"], treaties=["set-0002"])
    expected = search(load(corpus, "set-0002"), query, ["agreement"])
    assert [h.hit.to_dict() for h in hits] == [h.to_dict() for h in expected]
    assert hits[0].to_dict()["treaty"] == "set-0002"


def test_sets_lists_every_set_by_name(corpus: Path) -> None:
    entries = open_index(corpus).sets()
    assert [e.name for e in entries] == ["set-0001", "set-0002", "set-0003"]
    assert entries[1].to_dict() == {
        "name": "set-0002",
        "id": "un-iom-2016-set-0002",
        "title": load(corpus, "set-0002").title,
        "languages": ["en", "zh"],
        "documents": ["resolution", "agreement", "note"],
        "units": len(open_index(corpus).search(compile_query(".", ["en", "zh"], True), treaties=["set-0002"])),
        "problems": 0,
    }


class Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from unagree_cli import corpus

        self.calls: list[str] = []
        real = corpus.load_treaty

        def counting(folder: Path) -> tuple[TreatySet | None, list[Problem]]:
            self.calls.append(folder.name)
            return real(folder)

        monkeypatch.setattr(corpus, "load_treaty", counting)


def test_only_changed_sets_are_read_again(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = Counter(monkeypatch)
    open_index(corpus).close()
    assert counter.calls == ["set-0001", "set-0002", "set-0003"]
    open_index(corpus).close()
    assert counter.calls == ["set-0001", "set-0002", "set-0003"], "nothing changed, nothing is read"
    touched = corpus / "set-0001" / "note.zh.yaml"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    open_index(corpus).close()
    assert counter.calls[3:] == [], "a new mtime with the same content is not a change"
    path = corpus / "set-0003" / "agreement.en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("laissez-passer", "travel pass"), encoding="utf-8")
    index = open_index(corpus)
    assert counter.calls[3:] == ["set-0003"]
    assert [h.treaty for h in index.search(compile_query("travel pass", ["en"]))] == ["set-0003"]
    assert "set-0003" not in {h.treaty for h in index.search(compile_query("laissez-passer", ["en"]))}


def test_added_and_removed_sets(corpus: Path) -> None:
    open_index(corpus).close()
    shutil.rmtree(corpus / "set-0002")
    shutil.copytree(corpus / "set-0001", corpus / "set-0009")
    index = open_index(corpus)
    assert [e.name for e in index.sets()] == ["set-0001", "set-0003", "set-0009"]
    assert [h.treaty for h in index.search(compile_query("通行证", ["zh"]))] == ["set-0001", "set-0003", "set-0009"]


def test_a_set_with_problems_is_listed_with_them(corpus: Path) -> None:
    (corpus / "set-0003" / "note.zh.yaml").write_text("doc: note\nlang: zh\nbody: [", encoding="utf-8")
    entries = open_index(corpus).sets()
    assert [len(e.problems) > 0 for e in entries] == [False, False, True]
    assert "note.zh.yaml" in entries[2].problems[0][0]


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 100], ids=["empty", "garbage"])
def test_a_corrupt_index_is_rebuilt(corpus: Path, garbage: bytes) -> None:
    open_index(corpus).close()
    path = index_file(corpus)
    assert path is not None and path.is_file()
    path.write_bytes(garbage)
    assert len(open_index(corpus).search(compile_query("通行证", ["zh"]))) == 3


def test_an_index_of_another_schema_is_rebuilt(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_index(corpus).close()
    monkeypatch.setattr(index_module, "SCHEMA", index_module.SCHEMA + 1)
    index = open_index(corpus)
    assert index.schema() == index_module.SCHEMA and len(index.sets()) == 3


def test_without_a_cache_the_index_lives_in_memory(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNAGREE_NO_CACHE", "1")
    assert index_file(corpus) is None
    assert len(open_index(corpus).search(compile_query("通行证", ["zh"]))) == 3


def test_progress_is_reported_per_set(corpus: Path) -> None:
    seen: list[tuple[int, int]] = []
    open_index(corpus, lambda done, total: seen.append((done, total))).close()
    assert seen == [(1, 3), (2, 3), (3, 3)]


VARIANTS = {"a": "A", "A": "a", "s": "ſS", "i": "IıİＩ", "0": "０", "1": "１", "σ": "ςΣ", "K": "Kk", "é": "É"}


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aAbB ıIİſsSςσΣ通行证０0１1\u3000\t\u00e9e\u0301KKé"), min_size=1, max_size=14),
    st.data(),
)
def test_search_key_keeps_every_match_a_substring(text: str, data: st.DataObject) -> None:
    """Whatever a query matches in a text, the query's key is inside the text's key: the index loses no hit."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    needle = "".join(data.draw(st.sampled_from([c, *VARIANTS.get(c, ""), f" {c}"])) for c in text[start:end])
    if not needle.strip():
        return
    for lang in ("en", "zh"):
        if any(m.end() > m.start() for m in compile_query(needle, [lang]).patterns[lang].finditer(text)):
            assert search_key(needle) in search_key(text), (needle, text, lang)


# ---------------------------------------------------------------- faults: every reader rebuilds once or does without


def expected_hits(corpus: Path) -> list[str]:
    return full_scan(corpus, "通行证", ["en", "zh"])


def searched(corpus: Path) -> list[str]:
    index = open_index(corpus)
    try:
        return [hit.address for hit in index.search(compile_query("通行证", ["en", "zh"]))]
    finally:
        index.close()


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".tmp-journal")))


@pytest.mark.parametrize("start", [0.1, 0.3, 0.5, 0.7, 0.9])
def test_damaged_pages_are_rebuilt_once_with_one_line(
    corpus: Path, capsys: pytest.CaptureFixture[str], start: float
) -> None:
    expected = expected_hits(corpus)
    open_index(corpus).close()
    path = index_file(corpus)
    assert path is not None
    data = bytearray(path.read_bytes())
    page = 4096
    first = max(page, int(len(data) * start) // page * page)
    data[first : first + 8 * page] = os.urandom(8 * page)
    path.write_bytes(bytes(data))
    capsys.readouterr()
    assert searched(corpus) == expected
    err = capsys.readouterr().err
    assert err.count("\n") <= 1 and "Traceback" not in err
    assert searched(corpus) == expected and capsys.readouterr().err == "", "rebuilt: the next command is quiet"


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.95])
def test_a_truncated_index_is_rebuilt(corpus: Path, capsys: pytest.CaptureFixture[str], keep: float) -> None:
    """SQLite may read a cut file without complaint (and find nothing): its header says how long it should be."""
    expected = expected_hits(corpus)
    open_index(corpus).close()
    path = index_file(corpus)
    assert path is not None
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    assert searched(corpus) == expected
    assert "was damaged; rebuilt it" in capsys.readouterr().err


def test_a_damaged_header_is_rebuilt(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = expected_hits(corpus)
    open_index(corpus).close()
    path = index_file(corpus)
    assert path is not None
    data = bytearray(path.read_bytes())
    data[:100] = b"\0" * 100
    path.write_bytes(bytes(data))
    assert searched(corpus) == expected
    assert "was damaged; rebuilt it" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("table", "value"),
    [("records", '{"doc": 1}'), ("records", "not json"), ("sets", "{"), ("sets", '{"id": 1}'), ("sets", "[]")],
    ids=["record-of-wrong-type", "record-not-json", "set-info-not-json", "set-info-incomplete", "set-info-a-list"],
)
def test_a_bad_row_is_rebuilt_once(corpus: Path, capsys: pytest.CaptureFixture[str], table: str, value: str) -> None:
    import sqlite3

    expected = expected_hits(corpus)
    entries = [e.to_dict() for e in open_index(corpus).sets()]
    path = index_file(corpus)
    assert path is not None
    db = sqlite3.connect(path)
    column = "data" if table == "records" else "info"
    with db:
        db.execute(f"UPDATE {table} SET {column} = ?", (value,))
    db.close()
    capsys.readouterr()
    assert searched(corpus) == expected
    assert [e.to_dict() for e in open_index(corpus).sets()] == entries
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "rebuilt" in err


def test_a_signature_of_the_wrong_type_is_rebuilt(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    expected = expected_hits(corpus)
    open_index(corpus).close()
    path = index_file(corpus)
    assert path is not None
    db = sqlite3.connect(path)
    with db:
        db.execute("UPDATE sets SET names = 7, racy = x'00ff'")
    db.close()
    assert searched(corpus) == expected
    assert capsys.readouterr().err.count("\n") <= 1


def test_a_damaged_index_through_the_cli_is_one_line_never_an_internal_error(corpus: Path, run: Runner) -> None:
    first = run("--corpus", str(corpus), "search", "通行证", "--format", "plain")
    path = index_file(corpus)
    assert path is not None and first.code == 0
    data = bytearray(path.read_bytes())
    data[4096:] = os.urandom(len(data) - 4096)
    path.write_bytes(bytes(data))
    again = run("--corpus", str(corpus), "search", "通行证", "--format", "plain")
    assert again.code == 0 and again.out == first.out
    assert "internal error" not in again.err and again.err.count("\n") <= 1


def test_a_folder_at_the_index_path_is_searched_around_without_temporaries(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from unagree_cli import store

    path = index_file(corpus)
    assert path is not None
    path.mkdir(parents=True)
    for _ in range(2):
        store.forget_folders()
        assert searched(corpus) == expected_hits(corpus)
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "in the way" in err
    assert leftovers(path.parent) == [] and path.is_dir()


def test_disk_full_during_the_build_says_so_and_leaves_no_temporary(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """SQLite reports a full disk from inside the build: the cause is said, nothing is left, search still answers."""
    import sqlite3

    real = index_module.CorpusIndex._insert
    calls = []

    def full(self: index_module.CorpusIndex, prepared: Prepared) -> None:
        calls.append(prepared.name)
        if len(calls) == 2:
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = 13
            raise error
        return real(self, prepared)

    expected = expected_hits(corpus)
    with monkeypatch.context() as patch:
        patch.setattr(index_module.CorpusIndex, "_insert", full)
        assert searched(corpus) == expected
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "database or disk is full" in err and "rollback" not in err
    path = index_file(corpus)
    assert path is not None and leftovers(path.parent) == [] and not path.exists()
    assert searched(corpus) == expected and path.is_file(), "with room again, the index is built"


def _mount_tmpfs(where: Path, size: str) -> None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root and mount")
    where.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)], check=False)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here")


@pytest.mark.slow
def test_a_really_full_disk(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Runner) -> None:
    """A 100 KB file system as the cache folder: the index cannot fit; the real cause is said, no temporary is left."""
    small = tmp_path / "small"
    _mount_tmpfs(small, "100k")
    try:
        monkeypatch.setenv("UNAGREE_CACHE_DIR", str(small))
        from unagree_cli import store

        for attempt in range(2):
            store.forget_folders()
            result = run("--corpus", str(corpus), "search", "通行证", "--refs-only")
            assert result.code == 0 and result.out.count("\n") == 3, result.err
            assert result.err.count("\n") == 1, (attempt, result.err)
            assert "No space left on device" in result.err or "database or disk is full" in result.err
            assert "internal error" not in result.err and "rollback" not in result.err
            assert leftovers(small / "index") == []
    finally:
        subprocess.run(["umount", str(small)], check=False)


def test_a_same_size_edit_with_its_mtime_restored_is_seen(corpus: Path) -> None:
    open_index(corpus).close()
    path = corpus / "set-0002" / "agreement.en.yaml"
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "laissez-passer" in text
    path.write_text(text.replace("laissez-passer", "laissez-passez"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns
    query = compile_query("laissez-passez", ["en"])
    index = open_index(corpus)
    hits = [hit for hit in index.search(query) if hit.treaty == "set-0002"]
    assert hits and all("laissez-passez" in hit.hit.record.text["en"] for hit in hits)


def test_a_racy_edit_is_caught_by_content_where_times_are_coarse(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a file system with no ctime or inode to tell, a same-size edit in the same clock tick is hashed."""

    def coarse(path: str) -> bytes:
        try:
            info = os.stat(path)
        except OSError:
            return b"-"
        return f"{info.st_size},{info.st_mtime_ns // 10**9};".encode()

    monkeypatch.setattr(index_module, "_stat_bytes", coarse)
    path = corpus / "set-0003" / "agreement.en.yaml"
    path.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")  # just written: racy when indexed
    open_index(corpus).close()
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("laissez-passer", "laissez-passez"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    hits = open_index(corpus).search(compile_query("laissez-passez", ["en"]))
    assert {hit.treaty for hit in hits} == {"set-0003"}


def test_a_warm_open_lists_the_corpus_once_and_no_set_folder(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_index(corpus).close()
    listed: list[str] = []
    real = os.scandir

    def counting(path: str | os.PathLike[str]) -> os._ScandirIterator[str]:  # what os.scandir returns
        listed.append(os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", counting)
    open_index(corpus).close()
    assert [p for p in listed if os.path.abspath(p).startswith(str(corpus))] == [str(corpus)]


# ---------------------------------------------------------------- several processes; killed builds


def _cli(corpus: Path, cache: Path, *args: str) -> subprocess.Popen[bytes]:
    env = subprocess_env(UNAGREE_CACHE_DIR=str(cache))
    return subprocess.Popen(
        [sys.executable, "-m", "unagree_cli", "--corpus", str(corpus), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


@pytest.mark.slow
def test_several_processes_build_and_refresh_one_index_together(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    processes = [_cli(corpus, cache, "search", "通行证", "--refs-only") for _ in range(6)]
    outputs = [process.communicate() for process in processes]
    assert {out for out, _err in outputs} == {outputs[0][0]} and outputs[0][0].count(b"\n") == 3
    assert all(err == b"" for _out, err in outputs), [err for _out, err in outputs]
    index = next((cache / "index").glob("*.sqlite"))
    inode = index.stat().st_ino
    path = corpus / "set-0001" / "agreement.en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("laissez-passer", "travel pass"), encoding="utf-8")
    processes = [_cli(corpus, cache, "search", "travel pass", "--refs-only") for _ in range(6)]
    outputs = [process.communicate() for process in processes]
    assert all(process.returncode == 0 for process in processes), outputs
    assert {out for out, _err in outputs} == {outputs[0][0]} and outputs[0][0].startswith(b"set-0001 ")
    assert all(err == b"" for _out, err in outputs), [err for _out, err in outputs]  # no UNIQUE constraint failed
    assert index.stat().st_ino == inode, "refreshed in place, never deleted and rebuilt"
    assert leftovers(index.parent) == []


@pytest.mark.slow
def test_a_killed_build_leaves_temporaries_the_next_run_removes(tmp_path: Path) -> None:
    import signal

    corpus = tmp_path / "big"
    write_scaled_corpus(corpus, 40)
    cache = tmp_path / "cache"
    for _ in range(2):
        process = _cli(corpus, cache, "list", "--format", "plain")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not ((cache / "index").is_dir() and leftovers(cache / "index")):
            time.sleep(0.02)
        assert (cache / "index").is_dir() and leftovers(cache / "index"), "the build writes a temporary file"
        os.kill(process.pid, signal.SIGKILL)
        # the build's workers, orphaned, leave too: none keeps our pipe open (communicate would wait forever)
        process.communicate(timeout=30)
    assert leftovers(cache / "index"), "a killed build leaves its temporary file"
    done = _cli(corpus, cache, "list", "--format", "plain")
    out, err = done.communicate()
    assert done.returncode == 0 and out.count(b"\n") >= 40 and err == b""
    assert leftovers(cache / "index") == []


def test_ctrl_c_during_a_build_leaves_no_temporary(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(self: index_module.CorpusIndex, prepared: Prepared) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(index_module.CorpusIndex, "_insert", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_index(corpus)
    path = index_file(corpus)
    assert path is not None and leftovers(path.parent) == [] and not path.exists()


def test_while_another_process_builds_past_the_wait_the_search_does_without_the_index(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl

    path = index_file(corpus)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    monkeypatch.setattr(index_module, "LOCK_WAIT", 0.3)
    with open(path.with_suffix(".lock"), "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another builder
        assert searched(corpus) == expected_hits(corpus)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "another unagree is still building" in err
    assert not path.exists() and leftovers(path.parent) == []
    assert searched(corpus) == expected_hits(corpus) and path.is_file(), "the lock released, the index is built"


def test_a_lock_that_cannot_be_taken_is_said_once_and_the_search_answers(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = index_file(corpus)
    assert path is not None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.with_suffix(".lock").mkdir()  # not a file: it cannot be opened to lock
    assert searched(corpus) == expected_hits(corpus)
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot lock the search index" in err
    assert leftovers(path.parent) == [] and not path.exists()


def test_the_summary_is_what_the_sets_say_after_every_change(corpus: Path) -> None:
    """A warm search reads one summary row instead of every set's entry: it must follow every change."""
    index = open_index(corpus)
    assert index.summary() == index_module.Summary.of(index.sets())
    assert index.summary().sets == 3 and index.summary().problems == []
    assert index.summary().languages == ["en", "zh"]
    assert index.summary().language_names == {"en": "English", "zh": "中文"}
    index.close()
    shutil.rmtree(corpus / "set-0001")
    shutil.copytree(corpus / "set-0002", corpus / "set-0007")
    (corpus / "set-0003" / "note.zh.yaml").write_text("doc: note\nlang: zh\nbody: [", encoding="utf-8")
    index = open_index(corpus)
    summary = index.summary()
    assert summary == index_module.Summary.of(index.sets())
    assert summary.sets == 3
    assert summary.problems and "set-0003" in summary.problems[0][0], "the first broken set's problems"
    index.close()


def test_an_index_without_its_summary_is_rebuilt(corpus: Path) -> None:
    open_index(corpus).close()
    path = index_file(corpus)
    assert path is not None
    import sqlite3

    db = sqlite3.connect(path)
    with db:
        db.execute("DELETE FROM meta WHERE key = 'summary'")
    db.close()
    index = open_index(corpus)
    assert index.summary().sets == 3
    index.close()


# ---------------------------------------------------------------- the fingerprint: freshness in one go


def _fingerprint(corpus: Path) -> tuple[str, bytes, bytes, int]:
    import sqlite3

    path = index_file(corpus)
    assert path is not None
    db = sqlite3.connect(path)
    try:
        row = db.execute("SELECT sets, paths, sig, racy FROM fresh").fetchone()
    finally:
        db.close()
    names, paths, sig, racy = row
    assert type(names) is str and type(paths) is bytes and type(sig) is bytes and type(racy) is int
    return names, paths, sig, racy


def test_the_fingerprint_is_every_sets_signature_in_order(corpus: Path) -> None:
    open_index(corpus).close()
    names, paths, sig, racy = _fingerprint(corpus)
    folders = treaty_folders(corpus)
    assert names.split("\0") == [folder.name for folder in folders]
    wanted = [(str(folder), index_module.set_names(folder)) for folder in folders]
    assert sig == b"".join(index_module.signatures(wanted))
    assert paths.split(b"\0") == [
        os.fsencode(path)
        for folder, names_of in wanted
        for path in [Path(folder).name, *[os.path.join(Path(folder).name, name) for name in names_of]]
    ]
    assert racy == 0


def test_a_warm_open_judges_freshness_without_the_set_by_set_check(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_index(corpus).close()

    def refused(wanted: object) -> list[bytes]:
        raise AssertionError("the set-by-set check ran on a warm open")

    monkeypatch.setattr(index_module, "signatures", refused)
    counter = Counter(monkeypatch)
    index = open_index(corpus)
    assert index.stale(index_module.Scan(corpus)) is False
    assert [h.treaty for h in index.search(compile_query("通行证", ["zh"]))] == ["set-0001", "set-0002", "set-0003"]
    index.close()
    assert counter.calls == []


def _same_size_edit(corpus: Path) -> None:
    path = corpus / "set-0002" / "agreement.en.yaml"
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace("laissez-passer", "laissez-passez"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size and path.stat().st_mtime_ns == before.st_mtime_ns


def _file_added(corpus: Path) -> None:
    shutil.copy(corpus / "set-0002" / "note.zh.yaml", corpus / "set-0002" / "note.en.yaml")


def _file_removed(corpus: Path) -> None:
    (corpus / "set-0002" / "note.zh.yaml").unlink()


def _set_added(corpus: Path) -> None:
    shutil.copytree(corpus / "set-0002", corpus / "set-0005")


def _set_removed(corpus: Path) -> None:
    shutil.rmtree(corpus / "set-0002")


def _set_renamed(corpus: Path) -> None:
    os.rename(corpus / "set-0002", corpus / "set-0005")


def _sets_swapped(corpus: Path) -> None:
    os.rename(corpus / "set-0002", corpus / "swap")
    os.rename(corpus / "set-0003", corpus / "set-0002")
    os.rename(corpus / "swap", corpus / "set-0003")


def _folder_became_a_set(corpus: Path) -> None:
    shutil.copy(corpus / "set-0002" / "treaty.yaml", corpus / "later" / "treaty.yaml")


def _no_longer_a_set(corpus: Path) -> None:
    (corpus / "set-0002" / "treaty.yaml").unlink()


def _source_added(corpus: Path) -> None:
    (corpus / "set-0002" / "sources" / "more.en.txt").write_text("more", encoding="utf-8")


CHANGES = [
    _same_size_edit,
    _file_added,
    _file_removed,
    _set_added,
    _set_removed,
    _set_renamed,
    _sets_swapped,
    _folder_became_a_set,
    _no_longer_a_set,
    _source_added,
]


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__.strip("_") for change in CHANGES])
def test_the_fingerprint_sees_every_change(corpus: Path, change: Callable[[Path], None]) -> None:
    """Each change makes the one-go check fail, and the index then says what a fresh build says."""
    if change is _folder_became_a_set:  # listed, but not a set, when the index is written
        shutil.copytree(corpus / "set-0002", corpus / "later", ignore=shutil.ignore_patterns("treaty.yaml"))
    open_index(corpus).close()
    index = open_index(corpus)
    assert index._fresh(index_module.Scan(corpus)) is True
    change(corpus)
    assert index._fresh(index_module.Scan(corpus)) is False
    assert index.stale(index_module.Scan(corpus)) is True
    index.close()
    index = open_index(corpus)
    assert index._fresh(index_module.Scan(corpus)) is True, "the refresh wrote the fingerprint again"
    entries = [entry.to_dict() for entry in index.sets()]
    hits = [(hit.treaty, hit.hit.address) for hit in index.search(compile_query("laissez-passe", ["en"], True))]
    index.close()
    cache = Path(os.environ["UNAGREE_CACHE_DIR"])
    shutil.rmtree(cache)
    built = open_index(corpus)
    assert [entry.to_dict() for entry in built.sets()] == entries
    assert [(h.treaty, h.hit.address) for h in built.search(compile_query("laissez-passe", ["en"], True))] == hits
    built.close()


def test_racy_files_are_hashed_by_the_one_go_check_too(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where an edit leaves every stat field as it was (a coarse clock), a racy file is caught by its content."""
    monkeypatch.setattr(index_module, "RACY_NS", 10**18)  # every file is racy
    open_index(corpus).close()
    _names, _paths, sig, racy = _fingerprint(corpus)
    assert racy == 3
    monkeypatch.setattr(index_module.Scan, "stat_all", lambda self, paths: sig)  # nothing shows in the stat fields
    index = open_index(corpus)
    assert index._fresh(index_module.Scan(corpus)) is True
    path = corpus / "set-0003" / "agreement.en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("laissez-passer", "laissez-passez"), encoding="utf-8")
    assert index._fresh(index_module.Scan(corpus)) is False
    index.close()


def test_without_racy_files_the_one_go_check_trusts_the_stat_fields(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The counterpart of the test above: it is the content hash, not something else, that catches the edit."""
    monkeypatch.setattr(index_module, "RACY_NS", -(10**18))  # no file is racy
    open_index(corpus).close()
    _names, _paths, sig, racy = _fingerprint(corpus)
    assert racy == 0
    monkeypatch.setattr(index_module.Scan, "stat_all", lambda self, paths: sig)
    index = open_index(corpus)
    path = corpus / "set-0003" / "agreement.en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("laissez-passer", "laissez-passez"), encoding="utf-8")
    assert index._fresh(index_module.Scan(corpus)) is True
    index.close()


@pytest.mark.parametrize(
    "damage",
    [
        "DELETE FROM fresh",
        "UPDATE fresh SET paths = 'text'",
        "UPDATE fresh SET sig = 7",
        "UPDATE fresh SET sets = x'00'",
    ],
    ids=["missing", "paths-as-text", "sig-a-number", "sets-as-bytes"],
)
def test_a_fingerprint_that_cannot_be_used_is_written_again(
    corpus: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    import sqlite3

    open_index(corpus).close()
    path = index_file(corpus)
    assert path is not None
    db = sqlite3.connect(path)
    with db:
        db.execute(damage)
    db.close()
    expected = expected_hits(corpus)
    counter = Counter(monkeypatch)
    index = open_index(corpus)
    assert index._fresh(index_module.Scan(corpus)) is True
    index.close()
    assert counter.calls == [], "no set is read again: only the fingerprint is written"
    assert searched(corpus) == expected


def test_a_corpus_of_one_set_has_a_fingerprint_too(corpus: Path) -> None:
    one = corpus / "set-0002"
    open_index(one).close()
    names, paths, _sig, _racy = _fingerprint(one)
    assert names == "set-0002" and paths.split(b"\0")[0] == b"."
    index = open_index(one)
    assert index._fresh(index_module.Scan(one)) is True
    _same_size_edit(corpus)
    assert index._fresh(index_module.Scan(one)) is False
    index.close()


def test_records_are_decoded_as_the_general_decoder_decodes_them(corpus: Path) -> None:
    import dataclasses
    import json

    from unagree_cli import store
    from unagree_cli.model import Record

    assert {f.name for f in dataclasses.fields(Record)} == index_module._RECORD_FIELDS
    index = open_index(corpus)
    rows = [str(data) for (data,) in index.db.execute("SELECT data FROM records")]
    index.close()
    for data in rows:
        fast = index_module._decode_record(data)
        assert fast == store.decode(Record, json.loads(data)) and fast.extra == json.loads(data)["extra"]
    with pytest.raises(store.Corrupt):
        index_module._decode_record(
            '{"doc": "a", "ref": "1", "eid": "x", "kind": "article", "num": null, '
            '"text": {"en": 1}, "heading": null, "extra": {}}'
        )


@pytest.mark.parametrize(
    "value",
    [{}, [], "", 0, -1.5e300, True, None, {"a": [1, 2.5, "é 中文 \u2028", None, False, {"b": {}}]}, float("inf")],
)
def test_rows_are_read_as_json_reads_them(value: object) -> None:
    import json

    text = index_module._json(value)
    assert index_module._loads(text) == json.loads(text) == value


@pytest.mark.parametrize("text", ["", " {}", "{} ", '{"a":1}x', '{"a":}', "[1,]", "not json", "\ufeff{}"])
def test_rows_that_are_not_what_was_written_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        index_module._loads(text)


def test_a_row_that_is_not_text_is_refused() -> None:
    damaged: Any = b"{}"  # what a damaged row may hold: SQLite gives any column any type
    with pytest.raises(ValueError):
        index_module._loads(damaged)


# ---------------------------------------------------------------- the file-system monitor's token (see test_watch)


def test_the_token_kept_is_the_one_given_before_the_last_check_or_write(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index = open_index(corpus)
    checks: list[int] = []
    real = index_module.Scan.stat_all

    def counted(self: index_module.Scan, paths: Sequence[bytes]) -> bytes:
        checks.append(1)
        return real(self, paths)

    monkeypatch.setattr(index_module.Scan, "stat_all", counted)

    def mark() -> str:
        found = index._watch_mark()
        assert found is not None
        return found

    def stale(token: str | None) -> tuple[bool, int]:
        checks.clear()
        return index.stale(index_module.Scan(corpus), token), len(checks)

    assert mark().startswith("- ")  # written without a monitor
    assert stale("a1:4") == (False, 1)  # a token not kept: the full check, and it is kept
    assert stale("a1:4") == (False, 0)  # the same token: nothing changed since that check, no stat
    assert stale("a1:5") == (False, 1)  # another count (or session): the full check again
    assert stale("a1:4") == (False, 1)
    assert stale(None) == (False, 1)  # no monitor: the full check, as ever
    path = corpus / "set-0002" / "agreement.en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("laissez-passer", "travel pass"), encoding="utf-8")
    assert stale("a1:6") == (True, 1)
    assert mark().startswith("a1:4 ")  # a stale index keeps no new token
    index.refresh(index_module.Scan(corpus), None, "a1:6")  # a write keeps the token given before it
    assert stale("a1:6") == (False, 0)
    index.close()


def test_a_token_is_not_kept_over_a_write_made_during_the_check(corpus: Path) -> None:
    """The index's mark changes with every write: a check that raced a writer keeps nothing."""
    index = open_index(corpus)
    read_before_the_check = index._watch_mark()
    other = open_index(corpus)
    other.refresh(index_module.Scan(corpus), None, "b2:1")  # another process wrote meanwhile
    other.close()
    index._keep_token("b2:0", read_before_the_check)
    mark = index._watch_mark()
    assert mark is not None and mark.startswith("b2:1 ")
    index.refresh(index_module.Scan(corpus), None, "b2:1")
    assert index._watch_mark() != mark  # the same token, a new mark: the nonce is the write's
    index.close()


# ---------------------------------------------------------------- plain output from the stored lines


@pytest.mark.parametrize(("text", "langs", "regex"), QUERIES, ids=[q[0] for q in QUERIES])
def test_stored_plain_lines_are_the_plain_hits_of_the_search(
    corpus: Path, text: str, langs: list[str], regex: bool
) -> None:
    from unagree_cli.views.hits import languages_shown, plain_hits, plain_stored

    index = open_index(corpus)
    query = compile_query(text, langs, regex)
    lines = index.plain_lines(query)
    items = [(hit.treaty, hit.hit) for hit in index.search(query)]
    languages = index.summary().languages
    index.close()
    if regex:
        assert lines is None  # no prefilter: matched from the records
        return
    assert lines is not None
    assert [name for name, *_ in lines] == [treaty for treaty, _ in items]
    written = plain_stored(lines, languages)
    assert written == plain_hits(items, languages_shown(items, languages)).encode()


TRICKY = 'a中\xa0 \t\n\r"\\\x00\x1b\x7f\x85\u202e\u2028é，\ud800'
tricky = st.text(alphabet=st.sampled_from(TRICKY), max_size=8)
codes = st.sampled_from(["en", "zh", "fr", "e\x1fn", ""])
by_code = st.dictionaries(codes, tricky, max_size=3)
records = st.builds(
    Record,
    tricky,
    tricky,
    tricky,
    tricky,
    st.none(),
    by_code,
    st.one_of(st.none(), by_code),
    st.one_of(st.just({}), st.just({"note": "x"})),
)


@settings(max_examples=400)
@given(records, st.lists(codes, max_size=4, unique=True))
def test_a_stored_plain_line_is_the_line_plain_hits_prints(record: Record, languages: list[str]) -> None:
    from unagree_cli.search import make_hit
    from unagree_cli.views.env import visible
    from unagree_cli.views.hits import plain_hits

    stored = index_module.plain_line(record, languages)
    heading = record.heading or {}
    storable = (
        not record.extra
        and all(code in languages and code and "\x1f" not in code for code in record.text)
        and all(code in record.text for code in heading)
        and not any("\ud800" in value for value in (record.doc, record.ref, *record.text.values(), *heading.values()))
    )
    assert (stored is not None) == storable
    fields = index_module._record_row(record, languages)[2]
    surrogate = any("\ud800" in value for value in (*record.text.values(), *heading.values()))
    assert (fields == []) == (surrogate or not (record.text or heading))
    if stored is None:
        return
    shape, line, clean = stored
    shown = [code for code in languages if code in record.text]
    assert shape == "\x1f".join(shown)
    expected = plain_hits([("set\t1", make_hit(record, []))], shown)
    assert expected == (f"set 1\t{line}" if clean else visible(f"set 1\t{line}")) + "\n"
    assert clean == (visible(line) == line)


def test_a_record_whose_text_sqlite_cannot_hold_is_matched_as_decoded() -> None:
    record = Record("agreement", "1", "art_1", "article", None, {"en": "laissez-passer \ud800"}, None, {})
    _data, keys, fields, plain = index_module._record_row(record, ["en"])
    assert fields == [] and plain is None and keys


@pytest.mark.slow
def test_plain_lines_written_as_bytes_to_a_pipe_are_the_text_written_in_process(
    corpus: Path, tmp_path: Path, run: Runner
) -> None:
    """A pipe gets the stored UTF-8 as it is (views.hits.write_utf8): the same bytes as the text written in-process."""
    cache = tmp_path / "cache"
    for query in ("通行证", "laissez-passer", "协定", "nothing like this"):
        process = _cli(corpus, cache, "search", query, "--format", "plain")
        out, _err = process.communicate()
        result = run("--corpus", str(corpus), "search", query, "--format", "plain")
        assert (process.returncode, out.decode()) == (result.code, result.out)
        assert bool(out) == (query != "nothing like this")
