"""The persistence module: atomic writes, swept temporaries, checked reading, safe folders, records by field name."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, Runner, subprocess_env

from unagree_cli import store
from unagree_cli.corpus import load, load_treaty
from unagree_cli.model import Record, TreatySet, Unit


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(store.TEMP_SUFFIX))


# ---------------------------------------------------------------- one atomic write


def test_atomic_write_replaces_the_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "entry.json"
    target.write_bytes(b"old")
    store.atomic_write(target, b"new" * 1000)
    assert target.read_bytes() == b"new" * 1000
    assert temps(tmp_path) == []
    assert target.stat().st_mode & 0o777 == 0o600


def test_temporary_names_are_random_and_never_follow_a_planted_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious", encoding="utf-8")
    target = tmp_path / "entry.json"
    names = {store.temp_file(target)[1].name for _ in range(20)}
    assert len(names) == 20, "names are not predictable"
    monkeypatch.setattr(os, "urandom", lambda n: b"\x01" * n)  # now predictable: plant a symlink at the name
    planted = target.with_name(f".{target.name}.{'01' * 8}{store.TEMP_SUFFIX}")
    for path in tmp_path.glob(".*.tmp"):
        path.unlink()
    planted.symlink_to(victim)
    with pytest.raises(FileExistsError):
        store.atomic_write(target, b"attacker's choice")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not target.exists()


@pytest.mark.parametrize("failing", ["write", "fsync"])
def test_disk_full_is_reported_as_such_and_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    target = tmp_path / "entry.json"
    target.write_bytes(b"old")

    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, failing, full)
    with pytest.raises(OSError) as caught:
        store.atomic_write(target, b"new")
    monkeypatch.undo()
    assert caught.value.errno == errno.ENOSPC and "No space left on device" in store.reason(caught.value)
    assert target.read_bytes() == b"old" and temps(tmp_path) == []


def test_ctrl_c_during_a_write_leaves_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.atomic_write(tmp_path / "entry.json", b"data")
    monkeypatch.undo()
    assert list(tmp_path.iterdir()) == []


def test_a_folder_in_the_way_is_an_error_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "entry.json").mkdir()
    with pytest.raises(IsADirectoryError):
        store.atomic_write(tmp_path / "entry.json", b"data")
    assert temps(tmp_path) == [] and (tmp_path / "entry.json").is_dir()


def test_write_json_says_once_what_went_wrong(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(*args: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    store.write_json(tmp_path / "a.json", {"format": 1}, [1])
    store.write_json(tmp_path / "b.json", {"format": 1}, [2])
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left on device" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []


def test_old_temporary_files_are_swept_on_the_next_write(tmp_path: Path) -> None:
    old = tmp_path / ".entry.json.0123456789abcdef.tmp"
    young = tmp_path / ".entry.json.fedcba9876543210.tmp"
    other = tmp_path / "keep.json"
    for path in (old, young, other):
        path.write_bytes(b"x")
    hours_ago = time.time() - 2 * store.SWEEP_AGE
    os.utime(old, (hours_ago, hours_ago))
    store.atomic_write(tmp_path / "entry.json", b"data")
    assert not old.exists(), "left by a killed process an hour ago"
    assert young.exists(), "perhaps another process still writing it"
    assert other.exists()


# ---------------------------------------------------------------- one reader rule


@pytest.mark.parametrize(
    "stored",
    [
        *(b"", b"\x00\xff", b"[1, 2", b"null", b'{"format": 2}'),
        *(b'{"format": 1, "data": 1}', b'{"format": 2, "data": 1, "x": 0}'),
    ],
)
def test_read_json_gives_missing_for_anything_but_exactly_its_entry(tmp_path: Path, stored: bytes) -> None:
    target = tmp_path / "entry.json"
    target.write_bytes(stored)
    assert store.read_json(target, {"format": 2}) is store.MISSING


def test_read_json_does_not_follow_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    store.write_json(real, {"format": 2}, [1])
    assert store.read_json(real, {"format": 2}) == [1]
    (tmp_path / "link.json").symlink_to(real)
    assert store.read_json(tmp_path / "link.json", {"format": 2}) is store.MISSING


# ---------------------------------------------------------------- records by field name


def test_records_are_stored_by_field_name_and_come_back_equal() -> None:
    treaty, problems = load_treaty(CORPUS / "un-iom-2016")
    assert treaty is not None and not problems
    data = json.loads(json.dumps(store.encode(treaty), ensure_ascii=False))
    assert data["versions"][0][1]["units"][0].keys() >= {"eid", "ref", "kind", "num", "text", "heading", "line"}
    assert store.decode(TreatySet, data) == treaty
    record = treaty.records("agreement", ["en", "zh"])[3]
    assert store.decode(Record, json.loads(json.dumps(store.encode(record)))) == record


def test_a_record_is_encoded_field_by_field_whatever_its_values() -> None:
    """Fields that are text, numbers, None, lists or mappings: each as encode() makes it on its own."""
    values: list[Any] = ["text", "", 3, 2.5, True, None, ["a", 1], {"en": "t"}, {1: "x"}, ("a", None)]
    for index, value in enumerate(values):
        unit = Unit("art_1", value, "article", "1", "text", values[-1 - index], 3)
        expected = {field.name: store.encode(getattr(unit, field.name)) for field in dataclasses.fields(Unit)}
        assert store.encode(unit) == expected
        assert json.dumps(store.encode(unit)) == json.dumps(expected)


@pytest.mark.parametrize(
    "change",
    [
        lambda unit: unit.update(text=["not", "text"]),
        lambda unit: unit.update(line="7"),
        lambda unit: unit.update(line=True),
        lambda unit: unit.pop("eid"),
        lambda unit: unit.update(colour="red"),
        lambda unit: unit.update(num={"a": 1}),
    ],
    ids=["list-for-text", "text-for-number", "bool-for-number", "missing-field", "unknown-field", "object-for-text"],
)
def test_decoding_checks_every_value_against_the_model(change: Callable[[dict[str, Any]], object]) -> None:
    unit = store.encode(Unit("art_1", "1", "article", "1", "text", None, 3))
    change(unit)
    with pytest.raises(store.Corrupt):
        store.decode(Unit, unit)


def test_one_key_scheme() -> None:
    assert store.key("a", "b") == store.key("a", "b")
    assert store.key("a", "b") != store.key("ab") and len(store.key("x")) == 32
    assert store.path_key("/tmp/x") == store.path_key(Path("/tmp/x"))


# ---------------------------------------------------------------- whose folder


def test_a_folder_others_can_write_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(shared))
    assert store.folder("sets") is None and store.folder("index") is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "others can write to it" in err and "running without a cache" in err
    assert list(shared.iterdir()) == [], "nothing is written there"
    store.forget_folders()
    shared.chmod(0o700)
    assert store.folder("sets") == shared / "sets"
    (shared / "index").mkdir(mode=0o700)
    (shared / "index").chmod(0o770)
    store.forget_folders()
    assert store.folder("index") is None, "a sub-folder others can write is refused too"
    store.forget_folders()
    os.rmdir(shared / "index")
    (shared / "index").symlink_to(tmp_path)
    assert store.folder("index") is None, "a sub-folder that is a symlink is refused"


def test_a_planted_entry_in_a_shared_folder_is_never_shown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: Runner
) -> None:
    """Someone who can write the cache folder plants an entry with the right key: show must not print it."""
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    shared = tmp_path / "shared"
    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(shared))
    load(corpus)  # a genuine entry, then tampered with
    entry = next((shared / "sets").iterdir())
    data = json.loads(entry.read_bytes())
    for version in data["data"]["versions"]:
        for unit in version[1]["units"]:
            unit["text"] = "PLANTED TEXT"
    entry.write_text(json.dumps(data), encoding="utf-8")
    shared.chmod(0o777)  # the folder others can write to
    store.forget_folders()
    result = run("--corpus", str(corpus), "show", "5", "--format", "plain")
    assert result.code == 0 and "PLANTED" not in result.out and "Secretary-General of the United Nations" in result.out
    assert result.err.count("\n") == 1 and "not using the cache folder" in result.err


def _as_nobody() -> list[str]:
    setpriv = shutil.which("setpriv")
    if setpriv is None or not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("needs root and setpriv to run as a second user")
    probe = subprocess.run(
        [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c", "import unagree_cli"],
        capture_output=True,
        cwd="/",
        check=False,
    )
    if probe.returncode != 0:
        pytest.skip(f"cannot run the package as a second user: {probe.stderr.decode(errors='replace')[-200:]}")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder every user can read (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="unagree-second-user-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.slow
def test_a_cache_folder_of_another_user_is_not_used(open_folder: Path) -> None:
    """As a second user, a cache folder that root owns (even one it may write to) is refused, said once."""
    prefix = _as_nobody()
    tmp_path = open_folder
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    for folder in (corpus, *corpus.rglob("*")):
        folder.chmod(0o755 if folder.is_dir() else 0o644)
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o755)
    env = subprocess_env(UNAGREE_CACHE_DIR=str(theirs), HOME="/nonexistent")
    command = [*prefix, sys.executable, "-m", "unagree_cli", "--corpus", str(corpus), "show", "5", "--format", "plain"]
    first = subprocess.run(command, capture_output=True, text=True, env=env, cwd="/", check=False)
    assert first.returncode == 0, first.stderr
    assert "Secretary-General of the United Nations" in first.stdout
    assert first.stderr.count("\n") == 1 and "belongs to another user" in first.stderr, first.stderr
    assert list(theirs.iterdir()) == []
    theirs.chmod(0o777)  # writable by everyone, still not the user's own
    second = subprocess.run(command, capture_output=True, text=True, env=env, cwd="/", check=False)
    assert second.returncode == 0 and second.stdout == first.stdout
    assert second.stderr.count("\n") == 1 and "not using the cache folder" in second.stderr
    assert list(theirs.iterdir()) == []
    own = tmp_path / "own"  # the second user's own folder is used, silently
    own.mkdir(mode=0o700)
    os.chown(own, 65534, 65534)
    third = subprocess.run(
        command, capture_output=True, text=True, env={**env, "UNAGREE_CACHE_DIR": str(own)}, cwd="/", check=False
    )
    assert third.returncode == 0 and third.stdout == first.stdout and third.stderr == ""
    assert {p.name for p in own.iterdir()} <= {"sets", "code", "patterns"} and (own / "sets").is_dir()


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        "",
        0,
        -1.5e300,
        True,
        None,
        {"a": [1, 2.5, "é 中文 \u2028", None, False, {"b": {}}]},
        "\ud800x",
        float("inf"),
    ],
)
def test_loads_reads_what_write_json_writes(value: object) -> None:
    import json

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    data = text.encode("utf-8", "surrogatepass")
    if "\ud800" in text:  # a lone surrogate cannot be UTF-8: the writer never stores it (see write_json)
        with pytest.raises(ValueError):
            store.loads(data)
        return
    assert store.loads(data) == json.loads(data) == value


@pytest.mark.parametrize(
    "data", [b"", b" {}", b"{} ", b'{"a":1}x', b"nan", b'{"a":}', b"\xff", b"[1,]", b"\xef\xbb\xbf{}"]
)
def test_loads_refuses_what_write_json_never_writes(data: bytes) -> None:
    with pytest.raises(ValueError):
        store.loads(data)


def test_reading_a_cache_entry_does_not_import_the_json_package() -> None:
    import subprocess
    import sys

    code = "import sys; from unagree_cli import store; store.loads(b'{\"a\":[1,\"x\"]}'); print('json' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_field_types_reads_every_annotation_of_the_package_as_get_type_hints_does() -> None:
    import dataclasses
    import importlib
    import pkgutil
    import typing

    import unagree_cli

    compared = 0
    for found in pkgutil.walk_packages(unagree_cli.__path__, "unagree_cli."):
        if found.name.endswith("__main__"):
            continue
        module = importlib.import_module(found.name)
        for cls in vars(module).values():
            if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == found.name):
                continue
            try:
                expected = typing.get_type_hints(cls)
            except NameError:  # an annotation only a type checker can resolve: nothing stored has one
                continue
            assert store.field_types(cls) == {f.name: expected[f.name] for f in dataclasses.fields(cls)}, cls
            compared += 1
    assert compared > 50


@pytest.mark.parametrize("text", ["Literal['a']", "list[", "int]", "a b", "list[int,]", "'str'", "1", "Unknown"])
def test_an_annotation_outside_the_small_language_is_left_to_get_type_hints(text: str) -> None:
    assert store._annotation(text, {}) is store._UNREAD
