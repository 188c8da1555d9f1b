"""What ``make fuzz`` found stays fixed, and the fuzz harness itself keeps working.

Every input the fuzzer kept (``tests/fuzz/crashes/NAME--HASH.case``: the
bytes that replaced corpus file NAME) is replayed in its own process, since
some of them once killed the interpreter.

Kept so far:

- ``resolution.zh.yaml--006d91ed6c1a``: a line of 60,000 ``[``. PyYAML's C
  parser recursed once per level and died with a segmentation fault; the
  loader now refuses nesting deeper than ``MAX_DEPTH`` before parsing.
- ``agreement.en.yaml--76991a9b3370``: ``doc: 2016-02-30``. PyYAML's date
  constructor raised ValueError, not a YAML error, so the loader crashed; a
  value no constructor can build is now an "invalid YAML" problem at its line.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, subprocess_env
from fuzz.target import CRASHES, Workspace, case_name, mutations
from hypothesis import HealthCheck, given, settings

pytestmark = pytest.mark.slow  # process-heavy: `make test-fast` leaves it out

CASES = sorted(CRASHES.glob("*.case"))


@pytest.fixture(scope="module")
def workspace() -> Iterator[Workspace]:
    space = Workspace()
    yield space
    space.close()


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_a_kept_crash_replays_cleanly(case: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.target", str(case)],
        capture_output=True,
        env=subprocess_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")[-3000:]


def test_every_kept_crash_names_a_corpus_file(workspace: Workspace) -> None:
    assert CASES, "the segmentation fault case is kept"
    for case in CASES:
        assert case_name(case) in workspace.seeds, case.name


def test_the_deep_nesting_case_is_refused_with_a_line(workspace: Workspace) -> None:
    from unagree_cli.corpus import load_treaty

    case = CRASHES / "resolution.zh.yaml--006d91ed6c1a.case"
    path = workspace.folder / "resolution.zh.yaml"
    original = path.read_bytes()
    path.write_bytes(case.read_bytes())
    try:
        _, problems = load_treaty(workspace.folder)
    finally:
        path.write_bytes(original)
    assert any(p.file.endswith("resolution.zh.yaml") and "nested more than" in p.message and p.line for p in problems)


def test_the_unbroken_corpus_passes_the_property(workspace: Workspace) -> None:
    for name, data in workspace.seeds.items():
        workspace.check(name, data)


def test_a_short_fuzz_finds_nothing(workspace: Workspace) -> None:
    """A small, repeatable slice of ``make fuzz`` in every test run."""

    @settings(max_examples=60, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))
    @given(mutations(workspace.seeds))
    def check(case: tuple[str, bytes]) -> None:
        workspace.check(*case)

    check()


def test_the_property_catches_a_planted_bug(workspace: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from unagree_cli.yamlio import LineFinder

    def broken(self: LineFinder, path: tuple[object, ...]) -> int:
        raise KeyError(path)

    monkeypatch.setattr(LineFinder, "line", broken)
    data = workspace.seeds["agreement.en.yaml"].replace(b'  - article: "6"', b'  - article: "5"', 1)
    with pytest.raises(KeyError):
        workspace.check("agreement.en.yaml", data)


PLANTED_CRASH = """
import os
import unagree_cli.yamlio as yamlio
_read = yamlio.read_yaml
def read_yaml(path, display):
    if path.name == "note.zh.yaml" and path.read_bytes() != NOTE:
        os.abort()
    return _read(path, display)
NOTE = (yamlio.Path({corpus!r}) / "un-iom-2016" / "note.zh.yaml").read_bytes()
yamlio.read_yaml = read_yaml
"""


@pytest.mark.slow
def test_make_fuzz_keeps_an_input_that_kills_the_interpreter(tmp_path: Path) -> None:
    """The harness outlives a worker that aborts, and keeps the input that did it."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(PLANTED_CRASH.format(corpus=str(ROOT / "corpus")), encoding="utf-8")
    crashes = tmp_path / "crashes"
    result = subprocess.run(
        [sys.executable, "-m", "tests.fuzz.run", "--seconds", "4", "--seed", "7", "--crash-dir", str(crashes)],
        capture_output=True,
        env=subprocess_env(PYTHONPATH=str(site)),
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr.decode(errors="replace")[-2000:]
    kept = sorted(crashes.glob("note.zh.yaml--*.case"))
    assert kept, result.stdout.decode()
    assert b"the worker died" in result.stdout


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_fuzz_runs_the_harness_for_a_bounded_time() -> None:
    result = subprocess.run(["make", "-n", "fuzz", "FUZZ_SECONDS=7"], capture_output=True, cwd=ROOT, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "-m tests.fuzz.run --seconds 7" in result.stdout.decode()
