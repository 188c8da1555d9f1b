"""unagree at home in pipelines: real processes, closed pipes, locales, colour."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, Cli, subprocess_env

pytestmark = pytest.mark.slow  # process-heavy: `make test-fast` leaves it out


def test_python_dash_m_runs_the_tool(cli: Cli) -> None:
    result = cli("show", "5.2", "--lang", "zh")
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").startswith("2. 国际移民组织总干事应有权")


def test_closed_pipe_ends_quietly() -> None:
    command = f"{sys.executable} -m unagree_cli toc | head -1"
    result = subprocess.run(["bash", "-c", command], capture_output=True, env=subprocess_env(), cwd=ROOT, timeout=60)
    assert result.returncode == 0
    assert result.stdout.decode().startswith("resolution:")
    assert result.stderr == b""


def test_closed_pipe_on_a_long_output_ends_quietly() -> None:
    command = f"set -o pipefail; {sys.executable} -m unagree_cli show all --format json | head -c 10"
    result = subprocess.run(["bash", "-c", command], capture_output=True, env=subprocess_env(), cwd=ROOT, timeout=60)
    assert result.stderr == b""
    assert result.returncode == 0


def test_lang_c_still_prints_chinese(cli: Cli) -> None:
    for locale in ("C", "POSIX"):
        result = cli("show", "5.1", "--lang", "zh", env={"LANG": locale, "LC_ALL": locale, "PYTHONUTF8": "0"})
        assert result.returncode == 0, result.stderr
        assert "联合国秘书长应有权" in result.stdout.decode("utf-8")


def test_json_is_utf8_not_escaped(cli: Cli) -> None:
    result = cli("show", "5.1", "--format", "json", env={"LANG": "C", "LC_ALL": "C"})
    assert "联合国秘书长".encode() in result.stdout
    assert json.loads(result.stdout)[0]["eid"] == "art_5__para_1"


def test_no_color_and_force_color(cli: Cli) -> None:
    forced = cli("show", "5.1", "--format", "table", env={"FORCE_COLOR": "1"})
    assert b"\x1b[" in forced.stdout
    plain = cli("show", "5.1", "--format", "table", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert b"\x1b[" not in plain.stdout
    piped = cli("show", "5.1", "--format", "table")
    assert b"\x1b[" not in piped.stdout


def test_exit_codes(cli: Cli) -> None:
    assert cli("show", "5").returncode == 0
    assert cli("show", "note:1", "--lang", "en").returncode == 1
    assert cli("show", "99").returncode == 2
    assert cli("show", "5", "--lang", "xx").returncode == 2
    assert cli("--corpus", "/nonexistent", "show", "5").returncode == 1


def test_help_and_version(cli: Cli) -> None:
    help_text = cli("--help").stdout.decode()
    assert "show" in help_text and "toc" in help_text and "validate" in help_text
    assert cli("--version").stdout.decode().startswith("unagree ")
    assert cli().returncode in (0, 2)
