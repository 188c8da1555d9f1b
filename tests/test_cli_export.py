"""``unagree export``: formats, stdout or an atomically written file, errors and exit codes."""

from __future__ import annotations

import errno
import os
import shlex
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import Cli, Runner
from lxml import etree

from unagree_cli.export import files
from unagree_cli.export.data import load_records
from unagree_cli.model import TreatySet

README_COMMANDS = [
    "unagree export akn -o resolution.en.xml",
    "unagree export akn --lang zh --doc resolution",
    "unagree export akn --doc note",
    "unagree export tmx -o un-iom.tmx",
    "unagree export json --doc agreement",
    "unagree export csv --lang en",
    "unagree export md -o un-iom.md",
    "unagree export html -o review.html",
]


def test_readme_lists_exactly_these_examples() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("### unagree export", 1)[1].split("<!-- section:", 1)[0]
    shown = [line[2:] for line in section.splitlines() if line.startswith("$ unagree ")]
    assert shown == README_COMMANDS


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("line", README_COMMANDS)
def test_readme_examples_run(run: Runner, in_tmp: Path, line: str) -> None:
    result = run(*shlex.split(line)[1:])
    assert result.code == 0, result.err
    if "-o" in line:
        target = in_tmp / shlex.split(line)[-1]
        assert target.read_text(encoding="utf-8")
        assert result.out == ""
    else:
        assert result.out


def test_akn_goes_to_stdout_by_default_as_the_resolution_in_english(run: Runner) -> None:
    result = run("export", "akn")
    assert result.code == 0
    root = etree.fromstring(result.out.encode("utf-8"))
    assert root[0].get("name") == "resolution"
    assert root.find(".//{*}FRBRlanguage").get("language") == "eng"
    assert result.err == ""


def test_notices_go_to_stderr(run: Runner) -> None:
    result = run("export", "akn", "--lang", "zh")
    assert result.code == 0
    assert result.err.splitlines() == [
        "unagree: note: the zh resolution (A/70/976, annex II) has no date in the corpus; "
        "its FRBR date is the placeholder 0001-01-01 (unknown)",
        "unagree: note: the zh agreement (A/70/976, annex I) has no date in the corpus; "
        "its FRBR date is the placeholder 0001-01-01 (unknown)",
    ]
    tmx = run("export", "tmx")
    assert tmx.err == "unagree: note: left out 7 units present in one language only (resolution: 3, note: 4)\n"


def test_the_note_defaults_to_its_only_language(run: Runner) -> None:
    result = run("export", "akn", "--doc", "note")
    assert result.code == 0
    assert '<doc name="note">' in result.out and 'language="zho"' in result.out


def test_output_file_is_written_and_json_loads_back(run: Runner, treaty: TreatySet, in_tmp: Path) -> None:
    result = run("export", "json", "-o", "corpus.json")
    assert result.code == 0 and result.out == ""
    expected = [r for doc in treaty.doc_keys() for r in treaty.records(doc, treaty.languages)]
    assert load_records(in_tmp / "corpus.json") == expected
    assert leftovers(in_tmp) == ["corpus.json"]


def test_dash_means_stdout(run: Runner, in_tmp: Path) -> None:
    result = run("export", "jsonl", "--doc", "note", "-o", "-")
    assert result.code == 0 and result.out.count("\n") == 4
    assert leftovers(in_tmp) == []


def test_existing_file_is_refused_without_force(run: Runner, in_tmp: Path) -> None:
    (in_tmp / "out.xml").write_text("keep me", encoding="utf-8")
    result = run("export", "akn", "-o", "out.xml")
    assert result.code == 2
    assert result.err.splitlines() == [
        "unagree: error: 'out.xml' already exists",
        "hint: add --force to replace it, or choose another name",
    ]
    assert (in_tmp / "out.xml").read_text(encoding="utf-8") == "keep me"
    forced = run("export", "akn", "-o", "out.xml", "--force")
    assert forced.code == 0
    assert (in_tmp / "out.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert leftovers(in_tmp) == ["out.xml"]


def test_a_file_that_appears_while_writing_is_not_replaced(
    run: Runner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def racing_fsync(fd: int) -> None:
        real_fsync(fd)
        (in_tmp / "out.md").write_text("someone else's", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", racing_fsync)
    result = run("export", "md", "-o", "out.md")
    assert result.code == 2
    assert "'out.md' already exists" in result.err
    assert (in_tmp / "out.md").read_text(encoding="utf-8") == "someone else's"
    assert leftovers(in_tmp) == ["out.md"]


def test_a_write_failing_midway_leaves_no_partial_file(
    run: Runner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class FailingStream:
        """Writes the first 100 characters, then the disk is full."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            self.stream = real_fdopen(*args, **kwargs)
            self.writing = "w" in str(args[1] if len(args) > 1 else kwargs.get("mode", "r"))

        def __getattr__(self, name: str) -> Any:  # a cache read through os.fdopen goes on as usual
            return getattr(self.stream, name)

        def __enter__(self) -> FailingStream:
            return self

        def __exit__(self, *exc: object) -> None:
            self.stream.close()

        def write(self, text: str) -> int:
            if not self.writing:
                return int(self.stream.write(text))
            self.stream.write(text[:100])
            self.stream.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fdopen", FailingStream)
    result = run("export", "tmx", "-o", "un-iom.tmx")
    assert result.code == 1
    assert result.err.splitlines()[-1] == (
        "unagree: error: could not write 'un-iom.tmx': No space left on device; nothing was written"
    )
    assert leftovers(in_tmp) == []


def test_an_unwritable_folder_is_one_line_and_exit_2(
    run: Runner, in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("export", "csv", "-o", "out.csv")
    assert result.code == 2
    assert result.err == "unagree: error: cannot write 'out.csv': Permission denied\n"
    assert leftovers(in_tmp) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into a read-only folder")
def test_a_read_only_folder_is_refused_before_exporting(run: Runner, in_tmp: Path) -> None:
    folder = in_tmp / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("export", "md", "-o", "locked/out.md")
    finally:
        folder.chmod(0o700)
    assert result.code == 2
    assert "is not writable" in result.err
    assert leftovers(folder) == []


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/out.xml", "cannot write 'missing/out.xml': folder 'missing' does not exist"),
        (".", "'.' is a folder, not a file"),
    ],
)
def test_impossible_targets_fail_before_exporting(run: Runner, in_tmp: Path, target: str, message: str) -> None:
    result = run("export", "akn", "-o", target)
    assert result.code == 2
    assert result.err.splitlines()[0] == f"unagree: error: {message}"
    assert leftovers(in_tmp) == []


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["export", "pdf"], 2, "unknown export format 'pdf'"),
        (["export", "akn", "--lang", "both"], 2, "an Akoma Ntoso document holds one language"),
        (["export", "akn", "--doc", "note", "--lang", "en"], 1, "the note has no version in en"),
        (["export", "tmx", "--lang", "zh"], 2, "a translation memory needs two languages"),
        (["export", "json", "--doc", "treaty"], 2, "unknown document 'treaty'"),
    ],
)
def test_bad_usage(run: Runner, args: list[str], code: int, message: str) -> None:
    result = run(*args)
    assert result.code == code
    assert result.out == ""
    assert result.err.startswith(f"unagree: error: {message}")


def test_one_language_data_export_leaves_out_documents_without_it(run: Runner) -> None:
    result = run("export", "jsonl", "--lang", "en")
    assert result.code == 0
    assert '"doc": "note"' not in result.out
    assert result.err == "unagree: note: the note has no version in en; the export leaves it out\n"


MINI = Path(__file__).parent / "fixtures" / "export_mini"


@pytest.mark.parametrize(
    ("fmt", "piped_has", "shown_has"),
    [
        ("csv", "escape\x1b[31m", "escape\\x1b[31m"),  # data: exact in a pipe, visible on a terminal
        ("akn", "escape[31m", "escape[31m"),  # XML cannot hold ESC: removed either way
        ("md", "escape\\\\x1b\\[31m", "escape\\\\x1b\\[31m"),  # Markdown is for people: always visible
    ],
)
def test_control_characters_reach_a_pipe_exactly_but_never_a_terminal(
    run: Runner, fmt: str, piped_has: str, shown_has: str
) -> None:
    args = ("--corpus", str(MINI), "export", fmt, "--doc", "resolution", "--lang", "en")
    shown = run(*args, tty=True)
    piped = run(*args)
    assert shown.code == piped.code == 0
    assert "\x1b" not in shown.out and "\x07" not in shown.out
    assert piped_has in piped.out
    assert shown_has in shown.out


def test_files_are_utf8_whatever_the_locale(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "corpus.md"
    done = cli("export", "md", "-o", str(target), env={"LANG": "C", "LC_ALL": "C"})
    assert done.returncode == 0, done.stderr
    assert "## Agreement / 协定" in target.read_text(encoding="utf-8")


def test_a_real_process_pipes_tmx_and_reports_on_stderr(cli: Cli, treaty: TreatySet) -> None:
    from unagree_cli.export.tmx import segments

    done = cli("export", "tmx", "--doc", "agreement")
    assert done.returncode == 0
    aligned = [s for r in treaty.records("agreement", ["en", "zh"]) for s in segments(r) if len(s.text) == 2]
    assert done.stdout.decode("utf-8").count("<tu ") == len(aligned) == 72
    assert done.stderr == b""


def test_temporary_files_live_beside_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real = tempfile.mkstemp

    def spy(*args: Any, **kwargs: Any) -> tuple[int, str]:
        handle, name = real(*args, **kwargs)
        seen.append(name)
        return handle, name

    monkeypatch.setattr(tempfile, "mkstemp", spy)
    files.write_atomic(str(tmp_path / "x.txt"), "hello\n")
    assert Path(seen[0]).parent == tmp_path and not Path(seen[0]).exists()
    assert (tmp_path / "x.txt").read_text(encoding="utf-8") == "hello\n"
