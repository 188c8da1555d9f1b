"""Shared fixtures: a pinned terminal, the bundled corpus and a command runner.

Rich and Typer read width and colour from the environment, so every test
runs with the same COLUMNS, no colour flags and no corpus override.
"""

from __future__ import annotations

import importlib
import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from unagree_cli.model import TreatySet

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PINNED_ENV = {
    "COLUMNS": "120",
    "LINES": "40",
    "TERM": "xterm-256color",
    "LANG": "C.UTF-8",
    "UNAGREE_PAGER": "cat",  # no pager on a pseudo-terminal unless a test asks for one
}
UNSET_ENV = (
    "NO_COLOR",
    "FORCE_COLOR",
    "TERMINAL_WIDTH",
    "UNAGREE_CORPUS",
    "UNAGREE_DEBUG",
    "CLICOLOR_FORCE",
    "PYTHONIOENCODING",
    "PAGER",
    "LESS",
)


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A cache folder of the session's own (set before any other fixture loads a corpus): never the user's."""
    folder = tmp_path_factory.mktemp("unagree-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("UNAGREE_CACHE_DIR", str(folder))
        patch.delenv("UNAGREE_NO_CACHE", raising=False)
        yield folder


@pytest.fixture(autouse=True)
def fresh_store() -> None:
    """Each test is a command of its own: cache folders checked again, its one warning not yet said."""
    from unagree_cli import store

    store.forget_folders()


@pytest.fixture(autouse=True)
def no_monitor(monkeypatch: pytest.MonkeyPatch) -> None:
    """No file-system monitor (unagree_cli.watch) unless a test turns it on: none is left behind."""
    monkeypatch.setenv("UNAGREE_WATCH", "off")


@pytest.fixture(autouse=True)
def pinned_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in PINNED_ENV.items():
        monkeypatch.setenv(name, value)
    for name in UNSET_ENV:
        monkeypatch.delenv(name, raising=False)


@dataclass
class Result:
    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run unagree in-process: ``run("show", "5", tty=True, width=80)``."""
    from unagree_cli.cli import main
    from unagree_cli.render import Output

    def invoke(
        *args: str, tty: bool = False, width: int = 120, no_color: bool = True, force_color: bool = False
    ) -> Result:
        capsys.readouterr()
        stream = io.StringIO()
        output = Output(stream=stream, is_tty=tty, width=width, no_color=no_color, force_color=force_color)
        code = main(list(args), output=output)
        captured = capsys.readouterr()
        return Result(code, stream.getvalue() + captured.out, captured.err)

    return invoke


def subprocess_env(**extra: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in UNSET_ENV}
    env.update(PINNED_ENV)
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


Cli = Callable[..., "subprocess.CompletedProcess[bytes]"]


@pytest.fixture
def cli() -> Cli:
    """Run ``python -m unagree_cli`` as a real process (pipes, locale, closed streams)."""

    def invoke(
        *args: str,
        env: dict[str, str | None] | None = None,
        **kwargs: Any,  # forwarded to subprocess.run
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "unagree_cli", *args],
            capture_output=kwargs.pop("capture_output", True),
            env=subprocess_env(**(env or {})),
            cwd=ROOT,
            timeout=60,
            **kwargs,
        )

    return invoke


@pytest.fixture(scope="session")
def treaty() -> TreatySet:
    """The bundled treaty set, loaded once."""
    from unagree_cli.corpus import bundled_corpus, load

    return load(bundled_corpus())


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Iterator[Path]:
    """A writable copy of the bundled corpus, for tests that break it."""
    import shutil

    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    yield target


def on_a_terminal(
    args: list[str], env: Mapping[str, str | None], *, stderr_too: bool = False, columns: int | None = 100
) -> tuple[int, bytes, bytes]:
    """Run unagree with stdout (and stderr) on a pseudo-terminal: exit code, what it drew, stderr if piped.

    ``columns``: the terminal's width (COLUMNS unset, so the program asks the terminal); None keeps the
    pinned environment's COLUMNS and the terminal's default size.
    """
    import fcntl
    import pty
    import struct
    import termios

    controller, terminal = pty.openpty()
    if columns is not None:
        fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        env = {"COLUMNS": None, **env}
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "unagree_cli", *args],
            stdout=terminal,
            stderr=terminal if stderr_too else subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            env=subprocess_env(**env),
            cwd=ROOT,
        )
    finally:
        os.close(terminal)
    chunks = []
    while True:
        try:
            data = os.read(controller, 65536)
        except OSError:  # EIO once every writer has gone
            break
        if not data:
            break
        chunks.append(data)
    os.close(controller)
    code = process.wait(timeout=60)
    err = process.stderr.read() if process.stderr else b""
    return code, b"".join(chunks), err


def _first(items: Any, ascii_digits: bool = False) -> tuple[set[int] | None, bool]:
    """The code points a match of parsed ``items`` may start with (None: any), and whether it may be empty."""
    chars: set[int] = set()
    for op, value in items:
        name = op.name
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero width
        if name == "LITERAL":
            return chars | {value}, False
        if name == "IN":
            for kind, member in value:
                if kind.name == "LITERAL":
                    chars.add(member)
                elif kind.name == "RANGE":
                    chars.update(range(member[0], member[1] + 1))
                elif kind.name == "CATEGORY" and member.name == "CATEGORY_DIGIT" and ascii_digits:
                    chars.update(range(ord("0"), ord("9") + 1))  # \\d under re.ASCII
                else:
                    return None, False
            return chars, False
        if name in ("SUBPATTERN", "BRANCH", "MAX_REPEAT", "MIN_REPEAT"):
            parts = [value[3]] if name == "SUBPATTERN" else value[1] if name == "BRANCH" else [value[2]]
            nullable = name.endswith("REPEAT") and value[0] == 0
            for part in parts:
                found, empty = _first(part, ascii_digits)
                if found is None:
                    return None, False
                chars |= found
                nullable = nullable or empty
            if not nullable:
                return chars, False
            continue
        return None, False
    return chars, True


def first_chars(pattern: str, flags: int = 0) -> set[str]:
    """The characters a match of ``pattern`` can start with (a guard such as ``(?=[ab])`` must allow them all).

    Read from the parsed pattern: literals and classes of literals and ranges, through groups,
    alternatives, optional parts and zero-width assertions; anything else fails the test.
    """
    parsed = importlib.import_module("re._parser").parse(pattern, flags)
    found, empty = _first(parsed, bool(flags & re.ASCII))
    assert found is not None and not empty, f"no first characters for {pattern!r}"
    return {chr(code) for code in found}


@pytest.fixture(scope="session")
def three_set_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of three synthetic treaty sets (see unagree_cli.scale), written once; copy it to change it."""
    from unagree_cli.scale import write_scaled_corpus

    target = tmp_path_factory.mktemp("template") / "corpus"
    write_scaled_corpus(target, 3)
    return target


@pytest.fixture
def three_sets(three_set_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the three-set corpus, an empty cache folder of its own, and no corpus listing kept."""
    from unagree_cli import folders

    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(folders, "_listed", [])
    target = tmp_path / "corpus"
    shutil.copytree(three_set_template, target)
    return target


def calls_made(work: Callable[[], object]) -> int:
    """How much ``work`` does, counted rather than timed: the Python and C functions it calls.

    Growth tests compare two sizes by this count: it is the same on a busy machine and a quiet one
    (timed ratios failed now and then under load); time itself is what ``make bench`` measures. A C
    function counts once however long it runs: work that grows inside one call (``list.index`` in a
    loop, a regex scanning a whole text at every marker) is for the sizes section of ``make bench``
    (``bench/sizes.py``, growth exponents per family) to show.
    """
    calls = 0

    def count(_frame: object, event: str, _arg: object) -> None:
        nonlocal calls
        if event == "call" or event == "c_call":
            calls += 1

    previous = sys.getprofile()
    sys.setprofile(count)
    try:
        work()
    finally:
        sys.setprofile(previous)
    return calls
