"""Shell completion: the scripts, and what bash, zsh and fish are offered from the loaded corpus."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, Runner, subprocess_env

pytestmark = pytest.mark.slow


def complete(shell: str, line: str) -> list[str]:
    """What unagree offers ``shell`` for the command ``line`` (the cursor at its end)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = subprocess_env(_UNAGREE_COMPLETE=f"complete_{shell}")
    if shell == "bash":
        env.update(COMP_WORDS=line, COMP_CWORD=str(cword))
    else:
        env.update(_TYPER_COMPLETE_ARGS=line)
        if shell == "fish":
            env.update(_TYPER_COMPLETE_FISH_ACTION="get-args")
    result = subprocess.run(
        [sys.executable, "-m", "unagree_cli"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_shell_gets_a_script(run: Runner, shell: str) -> None:
    result = run("completion", shell)
    assert result.code == 0 and "_UNAGREE_COMPLETE" in result.out


def test_an_unknown_shell_is_refused(run: Runner) -> None:
    result = run("completion", "tcsh")
    assert result.code == 2 and "unknown shell 'tcsh'" in result.err


def test_bash_completes_commands_options_and_corpus_values() -> None:
    assert complete("bash", "unagree sh") == ["show"]
    assert "--only-issues" in complete("bash", "unagree diff --o")
    assert complete("bash", "unagree show 5.") == ["5.1", "5.2", "5.3"]
    assert complete("bash", "unagree toc --doc ") == ["resolution", "agreement", "note"]
    parties = complete("bash", "unagree obligations --party I")
    assert "IOM" in parties and "IOM: Council" in parties
    assert complete("bash", "unagree obligations --party 总") == ["总干事"]
    assert complete("bash", "unagree diff --fail-on w") == ["warning"]
    assert complete("bash", "unagree --color n") == ["never"]


def test_values_come_from_the_corpus_on_the_command_line() -> None:
    shelf = str(FIXTURES / "shelf")
    assert complete("bash", f"unagree --corpus {shelf} --treaty river-accord toc --doc ") == ["decision", "accord"]


def test_zsh_and_fish_complete_references() -> None:
    assert any("5.1" in line for line in complete("zsh", "unagree show 5."))
    assert any(line.startswith("IOM") for line in complete("fish", "unagree obligations --party I"))
