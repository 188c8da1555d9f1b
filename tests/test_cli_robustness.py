"""The command line under stress: random arguments, hostile environments, broken streams.

Commands are discovered from the Typer app when the suite runs, so a command
added later is covered without editing this file (see COMMAND_ARGS in
test_terminal_safety.py for the few that need a particular argument).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import io
import os
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, cast

import pytest
from conftest import CORPUS, ROOT, Runner, on_a_terminal, subprocess_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_terminal_safety import assert_terminal_safe, click_context, command_names, takes_format, working_args

from unagree_cli.cli import main
from unagree_cli.model import TreatySet
from unagree_cli.render import Output

pytestmark = pytest.mark.slow  # process-heavy: `make test-fast` leaves it out

Cli = Callable[..., subprocess.CompletedProcess[bytes]]
COMMANDS = command_names()
ALL_COMMANDS = command_names(interactive=True)  # with `read`, which needs a terminal: for arguments drawn at random
FORMAT_COMMANDS = [name for name in COMMANDS if takes_format(name)]
# Options that write files: never drawn at random (they would write into the working folder).
WRITING_OPTIONS = {"--output", "-o", "--force"}
STDERR_PREFIXES = ("unagree: ", "hint: ")


@pytest.fixture(scope="module")
def bundled_args() -> dict[str, list[str]]:
    """A cache, filled by :func:`args_for`."""
    return {}


def args_for(run: Runner, cache: dict[str, list[str]], name: str) -> list[str]:
    """Arguments with which ``name`` succeeds on the bundled corpus."""
    if name not in cache:
        cache[name] = working_args(run, CORPUS, name)[0]
    return cache[name]


def invoke(argv: list[str], tty: bool = False, width: int = 80) -> tuple[int, str, str]:
    """Run unagree in-process, capturing everything it writes anywhere."""
    stream, stdout, stderr = io.StringIO(), io.StringIO(), io.StringIO()
    output = Output(stream=stream, is_tty=tty, width=width, no_color=True)
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv, output=output)
    return code, stream.getvalue() + stdout.getvalue(), stderr.getvalue()


def assert_clean_exit(code: int, err: str) -> None:
    """Exit 0, 1 or 2; no traceback; stderr lines are ``unagree: ...`` or ``hint: ...``, safe for a terminal."""
    assert code in (0, 1, 2), (code, err)
    assert "Traceback" not in err, err
    assert "internal error" not in err, err
    for line in err.splitlines():
        assert line.startswith(STDERR_PREFIXES), err
    if code == 2:
        assert err.startswith("unagree: error: "), err
        assert len(err.splitlines()) <= 2, err
    assert_terminal_safe(err)


# ---------------------------------------------------------------- property tests

REF_ALPHABET = (
    "0123456789.()-–—,:;§ abcdivxlrtpzh第条款段项至到序言全部结尾签名零一二三四五六七八九十百〇两（）\t\u3000"
)
ref_like = st.text(alphabet=REF_ALPHABET, max_size=40)
ref_words = st.lists(
    st.sampled_from(
        [
            "article",
            "art.",
            "paragraph",
            "para",
            "point",
            "preamble",
            "conclusions",
            "all",
            "resolution:",
            "note:",
            "to",
        ]
    )
    | ref_like,
    max_size=5,
).map(" ".join)
any_text = st.text(max_size=200)
long_text = st.text(min_size=300, max_size=5000)
references = ref_like | ref_words | any_text | long_text


@settings(max_examples=400, deadline=None)
@given(references)
def test_the_reference_parser_raises_only_ref_errors(text: str) -> None:
    from unagree_cli.refs import RefError, parse

    try:
        parse(text)
    except RefError as exc:
        assert str(exc)


@settings(max_examples=300, deadline=None)
@given(references, st.sampled_from([["en"], ["zh"], ["en", "zh"]]))
def test_resolving_raises_only_ref_errors(treaty: TreatySet, text: str, langs: list[str]) -> None:
    from unagree_cli.errors import UnagreeError
    from unagree_cli.refs import RefError, resolve

    try:
        selection = resolve(treaty, text, None, langs)
    except (RefError, UnagreeError):
        return
    assert all(record.to_dict()["ref"] for record in selection.records)


def _option_names(name: str) -> list[str]:
    import typer

    from unagree_cli.app import app
    from unagree_cli.lazy import LazyGroup

    group = cast(LazyGroup, typer.main.get_command(app))
    command = group.get_command(click_context(group), name)
    assert command is not None, name
    names = []
    for param in command.params:
        for opt in [*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())]:
            if opt.startswith("-") and opt not in WRITING_OPTIONS:
                names.append(opt)
    return sorted(set(names))


def argv_for(name: str) -> st.SearchStrategy[list[str]]:
    """``[name, ...]`` with the command's own options, references and any text in any order."""
    tokens = (
        st.sampled_from(_option_names(name) or ["--help"])
        | st.sampled_from(["", "-", "--", "5", "all", "zh", "en", "json", "table", "第五条", "preamble"])
        | ref_like
        | any_text
        | st.text(min_size=1000, max_size=3000)
    )
    return st.lists(tokens, max_size=5).map(lambda rest: [name, *rest])


@pytest.mark.parametrize("name", ALL_COMMANDS)
def test_random_arguments_never_crash(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # whatever a command might write lands here

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None)
    @given(argv_for(name), st.booleans())
    def check(argv: list[str], tty: bool) -> None:
        code, _out, err = invoke(argv, tty=tty)
        assert_clean_exit(code, err)

    check()


@settings(max_examples=150, deadline=None, database=None)
@given(st.lists(any_text | st.sampled_from(["--corpus", "--treaty", "--version", "-h", *ALL_COMMANDS]), max_size=4))
def test_random_global_arguments_never_crash(argv: list[str]) -> None:
    code, _out, err = invoke([a for a in argv if a not in WRITING_OPTIONS])
    assert_clean_exit(code, err)


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize("name", COMMANDS)
def test_an_unknown_option_is_one_line_and_a_hint(run: Runner, name: str) -> None:
    result = run(name, "--no-such-option")
    assert result.code == 2
    assert result.err == f"unagree: error: No such option: --no-such-option\nhint: see 'unagree {name} --help'\n"


@pytest.mark.parametrize("name", FORMAT_COMMANDS)
def test_an_unknown_format_names_the_good_ones(run: Runner, bundled_args: dict[str, list[str]], name: str) -> None:
    result = run(name, *args_for(run, bundled_args, name), "--format", "yaml")
    assert result.code == 2
    lines = result.err.splitlines()
    assert lines[0] == "unagree: error: unknown format 'yaml'"
    assert lines[1].startswith("hint: use one of: table, plain, json")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["nosuchcommand"], 2),
        (["show"], 2),
        (["show", "99"], 2),
        (["show", "5", "--lang", "fr"], 2),
        (["show", "5", "--doc", "treaty"], 2),
        (["--corpus", "/nonexistent", "toc"], 1),
        (["show", "note:1", "--lang", "en"], 1),
    ],
)
def test_errors_are_one_line_and_maybe_a_hint(run: Runner, args: list[str], code: int) -> None:
    result = run(*args)
    assert result.code == code
    assert result.out == ""
    lines = result.err.splitlines()
    assert lines[0].startswith("unagree: error: ")
    assert len(lines) <= 2
    assert len(lines) == 1 or lines[1].startswith("hint: ")


def test_bare_unagree_prints_the_help(run: Runner) -> None:
    result = run()
    assert result.code == 0
    assert result.out.startswith("Usage: unagree [OPTIONS] COMMAND [ARGS]...")
    assert "Commands:" in result.out and "\n  show " in result.out
    assert result.err == ""


def _broken_outline(*args: object, **kwargs: object) -> None:
    raise RuntimeError("boom\nsecond line")


def test_an_internal_error_is_one_line_with_a_hint(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("unagree_cli.outline.outline", _broken_outline)
    result = run("toc")
    assert result.code == 1
    assert result.err == (
        "unagree: error: internal error: RuntimeError: boom second line\n"
        "hint: this is a bug in unagree; run again with UNAGREE_DEBUG=1 to see the traceback, and report it\n"
    )


def test_unagree_debug_raises_the_internal_error(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("unagree_cli.outline.outline", _broken_outline)
    monkeypatch.setenv("UNAGREE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="boom"):
        run("toc")


DEBUG_SCRIPT = """
import sys
import unagree_cli.outline
def broken(*args, **kwargs):
    raise RuntimeError("boom")
unagree_cli.outline.outline = broken
from unagree_cli.cli import run
sys.argv = ["unagree", "toc"]
run()
"""


@pytest.mark.parametrize("debug", [None, "1"])
def test_unagree_debug_shows_the_traceback_in_a_real_process(debug: str | None) -> None:
    result = subprocess.run(
        [sys.executable, "-c", DEBUG_SCRIPT],
        capture_output=True,
        env=subprocess_env(UNAGREE_DEBUG=debug),
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 1
    err = result.stderr.decode()
    if debug:
        assert "Traceback (most recent call last)" in err
        assert err.rstrip().endswith("RuntimeError: boom")
    else:
        assert err.startswith("unagree: error: internal error: RuntimeError: boom\nhint: ")
        assert "Traceback" not in err


def test_unagree_debug_keeps_usage_errors_short(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNAGREE_DEBUG", "1")
    result = run("show", "--no-such-option")
    assert result.code == 2
    assert result.err.startswith("unagree: error: No such option")


def test_an_os_error_is_one_line(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", "/some/file")

    monkeypatch.setattr("unagree_cli.outline.outline", denied)
    result = run("toc")
    assert result.code == 1
    assert result.err == "unagree: error: /some/file: Permission denied\n"


# ---------------------------------------------------------------- environments


def _run_process(
    argv: list[str], env: dict[str, str | None] | None = None, **kwargs: Any
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "unagree_cli", *argv],
        capture_output="stdout" not in kwargs,
        env=subprocess_env(**(env or {})),
        cwd=ROOT,
        timeout=60,
        **kwargs,
    )


@pytest.mark.slow
@pytest.mark.parametrize("name", COMMANDS)
def test_lang_c_every_command(run: Runner, bundled_args: dict[str, list[str]], name: str) -> None:
    args = [name, *args_for(run, bundled_args, name)]
    result = _run_process(args, env={"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"})
    assert result.returncode == 0, result.stderr
    assert result.stderr.decode("utf-8").startswith(STDERR_PREFIXES) or not result.stderr
    result.stdout.decode("utf-8")  # UTF-8 whatever the locale
    assert b"Traceback" not in result.stderr


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_narrow_pythonioencoding_still_prints_chinese(encoding: str) -> None:
    result = _run_process(["show", "5.1", "--lang", "zh"], env={"PYTHONIOENCODING": encoding, "LANG": "C"})
    assert result.returncode == 0, result.stderr
    assert "联合国秘书长应有权" in result.stdout.decode("utf-8")


def _cells(line: str) -> int:
    """Terminal cells of ``line``: style sequences (a highlight under NO_COLOR is underlined) take none."""
    from rich.cells import cell_len

    return int(cell_len(re.sub(r"\x1b\[[0-9;]*m", "", line)))


def _glyphs(text: str) -> Counter[str]:
    """Every character but spaces and table rules."""
    return Counter(c for c in text if not c.isspace() and c not in "─━│┃╇╈┼┳┻")


@pytest.mark.parametrize("name", FORMAT_COMMANDS)
def test_a_twenty_column_table_fits_every_command(run: Runner, bundled_args: dict[str, list[str]], name: str) -> None:
    result = run(name, *args_for(run, bundled_args, name), "--format", "table", width=20, tty=True)
    assert result.code == 0, result.err
    assert max(map(_cells, result.out.splitlines())) <= 20


@pytest.mark.parametrize("args", [["show", "5", "--lang", "en"], ["show", "5.1", "--lang", "zh"], ["toc"]])
def test_a_twenty_column_table_loses_nothing(args: list[str]) -> None:
    table = _run_process([*args, "--format", "table"], env={"COLUMNS": "20"})
    plain = _run_process([*args, "--format", "plain"])
    assert table.returncode == plain.returncode == 0
    table_text, plain_text = table.stdout.decode(), plain.stdout.decode()
    assert max(map(_cells, table_text.splitlines())) <= 20
    missing = _glyphs(plain_text) - _glyphs(table_text)
    assert not missing, f"the narrow table lost {missing}"


def _on_a_terminal(argv: list[str], env: dict[str, str | None]) -> tuple[int, bytes]:
    """Run unagree with stdout on a pseudo-terminal; return its exit code and everything it drew."""
    code, drawn, err = on_a_terminal(argv, env, columns=None)
    assert code == 0, err
    return code, drawn


pty_only = pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")


@pty_only
@pytest.mark.parametrize("args", [["show", "5"], ["toc"]])
def test_a_terminal_gets_colour_unless_no_color(args: list[str]) -> None:
    _, coloured = _on_a_terminal(args, {})
    assert b"\x1b[" in coloured  # the control: a terminal does get colour
    envs: list[dict[str, str | None]] = [{"NO_COLOR": "1"}, {"NO_COLOR": "1", "FORCE_COLOR": "1"}]
    for env in envs:
        _, plain = _on_a_terminal(args, env)
        # NO_COLOR: no colour; a highlight that carries meaning may stay bold or underlined
        assert not re.search(rb"\x1b\[[0-9;]*(?:3\d|4\d|9\d|10\d)[;m]", plain), env
        assert "Reciprocal" in plain.decode() or "Preamble" in plain.decode()


@pty_only
@pytest.mark.parametrize("args", [["show", "5"], ["toc"]])
def test_term_dumb_gets_no_escape_codes_and_keeps_the_width(args: list[str]) -> None:
    _, drawn = _on_a_terminal(args, {"TERM": "dumb", "COLUMNS": "60"})
    assert b"\x1b" not in drawn
    lines = drawn.decode().splitlines()
    assert max(map(_cells, lines)) <= 60
    assert max(map(_cells, lines)) >= 50  # the table uses the width it was given


@pytest.mark.parametrize("name", FORMAT_COMMANDS)
def test_force_color_colours_a_piped_table(run: Runner, bundled_args: dict[str, list[str]], name: str) -> None:
    args = [name, *args_for(run, bundled_args, name), "--format", "table"]
    forced = _run_process(args, env={"FORCE_COLOR": "1"})
    assert forced.returncode == 0, forced.stderr
    assert b"\x1b[" in forced.stdout
    assert b"\x1b[" not in _run_process(args, env={"FORCE_COLOR": "1", "NO_COLOR": "1"}).stdout
    assert b"\x1b[" not in _run_process(args).stdout


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, {"width": 80, "no_color": False, "force_color": False}),
        ({"COLUMNS": "20"}, {"width": 20}),
        ({"COLUMNS": "5"}, {"width": 20}),
        ({"COLUMNS": "99999"}, {"width": 1000}),
        ({"COLUMNS": "wide"}, {"width": 80}),
        ({"COLUMNS": "-3"}, {"width": 80}),
        ({"NO_COLOR": "1"}, {"no_color": True, "force_color": False}),
        ({"NO_COLOR": ""}, {"no_color": False}),
        ({"TERM": "dumb"}, {"dumb": True}),
        ({"FORCE_COLOR": "1"}, {"force_color": True, "no_color": False}),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, {"force_color": False, "no_color": True}),
    ],
)
def test_output_settings_from_the_environment(environ: dict[str, str], expected: dict[str, object]) -> None:
    output = Output.from_env(io.StringIO(), environ)
    assert output.is_tty is False
    for key, value in expected.items():
        assert getattr(output, key) == value, key


@pytest.mark.slow
@pytest.mark.parametrize("name", COMMANDS)
def test_stdin_closed_or_not_a_terminal(run: Runner, bundled_args: dict[str, list[str]], name: str) -> None:
    args = [name, *args_for(run, bundled_args, name)]
    expected = _run_process(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert expected.returncode == 0, expected.stderr
    closed = _run_process(args, preexec_fn=lambda: os.close(0), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert closed.returncode == 0, closed.stderr
    assert closed.stdout == expected.stdout
    assert closed.stderr == expected.stderr


@contextlib.contextmanager
def _closed_pipe() -> Iterator[int]:
    """The write end of a pipe whose reader has gone."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # nobody will ever read: every write fails with EPIPE
    try:
        yield write_end
    finally:
        os.close(write_end)


@pytest.mark.slow
@pytest.mark.parametrize("name", COMMANDS)
def test_stdout_a_closed_pipe(run: Runner, bundled_args: dict[str, list[str]], name: str) -> None:
    args = [name, *args_for(run, bundled_args, name)]
    with _closed_pipe() as stdout:
        result = _run_process(args, stdout=stdout, stderr=subprocess.PIPE)
        assert result.stderr == b""
        assert result.returncode == 0


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["--version"]])
def test_help_into_a_closed_pipe(args: list[str]) -> None:
    with _closed_pipe() as stdout:
        result = _run_process(args, stdout=stdout, stderr=subprocess.PIPE)
    assert result.stderr == b""
    assert result.returncode == 0


@pytest.mark.parametrize("args", [["toc"], ["show", "all"], ["show", "all", "--format", "json"]])
def test_head_closing_the_pipe_early(args: list[str]) -> None:
    command = f"set -o pipefail; {sys.executable} -m unagree_cli {' '.join(args)} | head -1"
    result = subprocess.run(["bash", "-c", command], capture_output=True, env=subprocess_env(), cwd=ROOT, timeout=60)
    assert result.returncode == 0
    assert result.stderr == b""
    assert len(result.stdout.splitlines()) == 1


def test_stdout_closed_is_an_error() -> None:
    result = _run_process(["toc"], preexec_fn=lambda: os.close(1), stdout=None, stderr=subprocess.PIPE)
    assert result.returncode == 1
    assert result.stderr == b"unagree: error: standard output is closed\n"


def test_stderr_closed_keeps_the_exit_code() -> None:
    result = _run_process(["show", "99"], preexec_fn=lambda: os.close(2), stdout=subprocess.PIPE, stderr=None)
    assert result.returncode == 2
    assert result.stdout == b""


# ---------------------------------------------------------------- nothing lost


def _snapshot(root: Path) -> dict[str, tuple[str, int]]:
    """Every file under ``root``: content hash and modification time."""
    return {
        str(path.relative_to(root)): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_no_command_writes_to_the_corpus_or_the_working_folder(
    run: Runner, corpus_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from test_terminal_safety import COMMAND_ARGS

    before = _snapshot(corpus_copy)
    monkeypatch.chdir(tmp_path)
    for name in COMMANDS:
        for args in working_args(run, corpus_copy, name, every=name in COMMAND_ARGS):
            for fmt in (["--format", "json"], ["--format", "table"]) if takes_format(name) else [[]]:
                result = run("--corpus", str(corpus_copy), name, *args, *fmt)
                assert result.code == 0, result.err
    assert _snapshot(corpus_copy) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [corpus_copy.name]


@pytest.mark.skipif("export" not in COMMANDS, reason="no export command yet")
def test_a_failed_export_write_leaves_no_partial_file(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "agreement.json"
    target.parent.mkdir()

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = run("export", "json", "-o", str(target))
    assert result.code == 1
    assert result.err.startswith("unagree: error: ")
    assert "No space left on device" in result.err
    assert list(target.parent.iterdir()) == []  # neither the target nor a temporary file


@pytest.mark.skipif("export" not in COMMANDS, reason="no export command yet")
def test_a_failed_export_write_keeps_the_old_file(run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "agreement.json"
    target.write_text("the previous export\n", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = run("export", "json", "-o", str(target), "--force")
    assert result.code == 1
    assert target.read_text(encoding="utf-8") == "the previous export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.json"]


@pytest.mark.skipif("export" not in COMMANDS, reason="no export command yet")
def test_an_export_is_complete_or_absent(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "agreement.json"
    result = run("export", "json", "-o", str(target))
    assert result.code == 0, result.err
    assert target.read_text(encoding="utf-8") == run("export", "json").out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.json"]
