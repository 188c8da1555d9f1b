"""Where ``export -o`` may write: never into the corpus, over nothing but a file, into FIFOs and devices in place."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest
from conftest import Cli, Result, Runner

from unagree_cli.errors import UnagreeError
from unagree_cli.export import files

SET = "un-iom-2016"


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def one_error(result: Result, text: str) -> None:
    assert result.code == 2, result.err
    assert result.out == ""
    assert result.err.splitlines()[0].startswith(f"unagree: error: {text}"), result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("target", "force"),
    [
        (f"corpus/{SET}/agreement.en.yaml", True),  # replacing a document
        (f"corpus/{SET}/notes.en.yaml", False),  # a new file that would break every command
        ("corpus/export.json", False),  # anywhere in the corpus folder
        (f"outside/../corpus/{SET}/x.json", False),  # `..` resolved before comparing
        (f"./corpus/./{SET}/../{SET}/agreement.zh.yaml", True),
    ],
)
def test_never_writes_inside_the_corpus_in_use(
    run: Runner, in_tmp: Path, corpus_copy: Path, target: str, force: bool
) -> None:
    (in_tmp / "outside").mkdir()
    before = snapshot(corpus_copy)
    result = run("--corpus", "corpus", "export", "json", "-o", target, *(["--force"] if force else []))
    one_error(result, f"'{target}' is inside the corpus folder")
    assert "unagree never writes into the corpus" in result.err
    assert snapshot(corpus_copy) == before


def test_symlinks_into_the_corpus_are_followed_before_comparing(run: Runner, in_tmp: Path, corpus_copy: Path) -> None:
    before = snapshot(corpus_copy)
    (in_tmp / "linked-folder").symlink_to(corpus_copy / SET)
    (in_tmp / "linked-file.yaml").symlink_to(corpus_copy / SET / "agreement.en.yaml")
    (in_tmp / "dangling.json").symlink_to(corpus_copy / SET / "new.json")
    for target, force in [("linked-folder/new.json", False), ("linked-file.yaml", True), ("dangling.json", True)]:
        result = run("--corpus", str(corpus_copy), "export", "csv", "-o", target, *(["--force"] if force else []))
        one_error(result, f"'{target}' is inside the corpus folder")
    assert snapshot(corpus_copy) == before
    assert (in_tmp / "linked-file.yaml").is_symlink()


def test_a_corpus_reached_through_a_symlink_is_still_the_corpus(run: Runner, in_tmp: Path, corpus_copy: Path) -> None:
    (in_tmp / "alias").symlink_to(corpus_copy)
    before = snapshot(corpus_copy)
    result = run("--corpus", "alias", "export", "md", "-o", str(corpus_copy / SET / "notes.md"))
    one_error(result, "'")
    assert "inside the corpus folder 'alias'" in result.err
    assert snapshot(corpus_copy) == before


def test_the_bundled_corpus_is_protected_too(run: Runner, in_tmp: Path) -> None:
    from unagree_cli.corpus import bundled_corpus

    target = str(bundled_corpus() / SET / "export-test.json")
    result = run("export", "json", "-o", target, "--force")
    one_error(result, f"'{target}' is inside the corpus folder")
    assert not os.path.lexists(target)


def test_an_empty_output_name_is_a_usage_error(run: Runner, in_tmp: Path) -> None:
    result = run("export", "json", "-o", "")
    one_error(result, "--output needs a file name")
    assert result.err.splitlines()[1] == "hint: use -o - for standard output"
    assert list(in_tmp.iterdir()) == []


def test_dev_null_is_written_into_and_stays_a_device(run: Runner, in_tmp: Path) -> None:
    for extra in ([], ["--force"]):
        result = run("export", "json", "-o", "/dev/null", *extra)
        assert result.code == 0, result.err
        assert result.out == ""
        mode = os.stat("/dev/null").st_mode
        assert stat.S_ISCHR(mode) and os.stat("/dev/null").st_size == 0


def test_a_fifo_with_a_reader_gets_the_whole_export_and_stays_a_fifo(run: Runner, in_tmp: Path) -> None:
    fifo = in_tmp / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def reader() -> None:
        with open(fifo, "rb") as stream:
            received.append(stream.read())

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        result = run("export", "jsonl", "-o", str(fifo))  # no --force needed, as with the shell's noclobber
    finally:
        thread.join(timeout=30)
    assert result.code == 0, result.err
    assert received[0].decode("utf-8") == run("export", "jsonl").out
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(p.name for p in in_tmp.iterdir()) == ["pipe"]


def test_dev_stdout_is_standard_output(run: Runner, in_tmp: Path) -> None:
    result = run("export", "jsonl", "--doc", "note", "-o", "/dev/stdout")
    assert result.code == 0, result.err
    assert result.out == run("export", "jsonl", "--doc", "note").out
    assert list(in_tmp.iterdir()) == []


def test_dev_stdout_in_a_real_pipe(cli: Cli) -> None:
    done = cli("export", "jsonl", "--doc", "note", "-o", "/dev/stdout", "--force")
    assert done.returncode == 0, done.stderr
    assert done.stdout.count(b"\n") == 4 and done.stderr == b""


def test_force_through_a_symlink_replaces_the_file_and_keeps_the_link(run: Runner, in_tmp: Path) -> None:
    (in_tmp / "real.csv").write_text("old", encoding="utf-8")
    (in_tmp / "link.csv").symlink_to("real.csv")
    refused = run("export", "csv", "-o", "link.csv")
    one_error(refused, "'link.csv' already exists")
    result = run("export", "csv", "-o", "link.csv", "--force")
    assert result.code == 0, result.err
    assert (in_tmp / "link.csv").is_symlink()
    assert (in_tmp / "real.csv").read_text(encoding="utf-8").startswith("doc,ref,eid")
    assert sorted(p.name for p in in_tmp.iterdir()) == ["link.csv", "real.csv"]


def test_a_dangling_symlink_needs_force_then_its_target_is_created(run: Runner, in_tmp: Path) -> None:
    (in_tmp / "link.md").symlink_to("made.md")
    one_error(run("export", "md", "-o", "link.md"), "'link.md' already exists")
    assert run("export", "md", "-o", "link.md", "--force").code == 0
    assert (in_tmp / "link.md").is_symlink() and (in_tmp / "made.md").read_text(encoding="utf-8").startswith("#")


def test_a_socket_is_refused_even_with_force(run: Runner, in_tmp: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    server.bind("sock")
    try:
        one_error(run("export", "json", "-o", "sock", "--force"), "'sock' is a socket")
        assert stat.S_ISSOCK(os.lstat("sock").st_mode)
    finally:
        server.close()


def test_a_symlink_loop_is_one_line(run: Runner, in_tmp: Path) -> None:
    (in_tmp / "loop.json").symlink_to("loop.json")
    one_error(run("export", "json", "-o", "loop.json", "--force"), "cannot write 'loop.json': Too many levels")
    assert (in_tmp / "loop.json").is_symlink()


def test_a_file_replaced_by_a_fifo_after_the_check_is_written_into(in_tmp: Path) -> None:
    target = files.plan("out.txt", force=False)
    os.mkfifo("out.txt")
    received: list[bytes] = []
    thread = threading.Thread(target=lambda: received.append(Path("out.txt").read_bytes()))
    thread.start()
    files.write_target(target, "hello\n")
    thread.join(timeout=30)
    assert received == [b"hello\n"] and stat.S_ISFIFO(os.lstat("out.txt").st_mode)


def test_a_file_replaced_by_a_folder_after_the_check_is_not_renamed_over(in_tmp: Path) -> None:
    Path("out.txt").write_text("x", encoding="utf-8")
    target = files.plan("out.txt", force=True)
    os.unlink("out.txt")
    os.mkdir("out.txt")
    with pytest.raises(UnagreeError, match="no longer a regular file"):
        files.write_target(target, "hello\n", force=True)
    assert Path("out.txt").is_dir() and sorted(os.listdir(".")) == ["out.txt"]
