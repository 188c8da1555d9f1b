"""The README is executable: every `$ unagree ...` line in a console block runs
and prints what the README shows; every command is documented and has help.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest
from conftest import ROOT, Runner, subprocess_env

pytestmark = pytest.mark.slow  # process-heavy: `make test-fast` leaves it out

README = ROOT / "README.md"


def console_examples() -> list[tuple[str, list[str]]]:
    """(command line, expected output lines) from ```console blocks."""
    examples: list[tuple[str, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        current: tuple[str, list[str]] | None = None
        for line in block.splitlines():
            if line.startswith("$ "):
                current = (line[2:].split("  #")[0].strip(), [])
                examples.append(current)
            elif current is not None:
                current[1].append(line)
    return [(command, expected) for command, expected in examples if command.startswith("unagree")]


EXAMPLES = console_examples()


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example(command: str, expected: list[str], tmp_path: Path) -> None:
    """Run in a scratch folder (examples may write files) that sees the corpus and fixtures."""
    for name in ("corpus", "tests"):
        (tmp_path / name).symlink_to(ROOT / name)
    bindir = Path(sys.executable).parent
    env = subprocess_env(PATH=f"{bindir}:{subprocess_env().get('PATH', '')}")
    result = subprocess.run(["bash", "-c", command], capture_output=True, env=env, cwd=tmp_path, timeout=120)
    out = result.stdout.decode("utf-8")
    err = result.stderr.decode("utf-8")
    failing = bool(expected) and expected[0].startswith("unagree: error:")
    if failing:
        assert result.returncode != 0, command
    else:
        assert result.returncode == 0, (command, err)
    produced = [line.rstrip() for line in (out + err).splitlines()]
    for line in expected:
        wanted = line.rstrip()
        if not wanted.strip() or wanted.strip() == "...":
            continue
        if wanted.endswith("..."):  # an elided line: the README shows its beginning
            assert any(p.startswith(wanted[:-3]) for p in produced), f"{command!r} no longer prints {line!r}"
        else:
            assert wanted in produced, f"{command!r} no longer prints {line!r}"


def registered_commands() -> list[str]:
    import typer

    from unagree_cli import commands  # noqa: F401  (registers the commands)
    from unagree_cli.app import app
    from unagree_cli.lazy import LazyGroup

    group = cast(LazyGroup, typer.main.get_command(app))  # the app's group class (see test_lazy)
    names = sorted(group.list_commands(None))
    assert {"show", "diff", "import", "read"} <= set(names), names  # never an empty list that skips itself
    return names


@pytest.mark.parametrize("name", registered_commands())
def test_every_command_is_documented_and_has_help(name: str, run: Runner) -> None:
    text = README.read_text(encoding="utf-8")
    assert f"### unagree {name}" in text, f"README has no section for {name}"
    assert re.search(rf"^\$ unagree {name}\b", text, re.M), f"README has no example of {name}"
    result = run(name, "--help")
    assert result.code == 0
    assert "Usage:" in result.out and "Example:" in result.out
