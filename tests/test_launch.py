"""The console entry point's exit: output flushed, and nothing skipped that a normal exit would run."""

from __future__ import annotations

import subprocess
import sys

import pytest

LEAVE = "from unagree_cli.launch import leave\n"


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", LEAVE + code], capture_output=True, text=True, timeout=60, check=False)


def test_leaving_flushes_what_was_written_and_keeps_the_code() -> None:
    result = run("import sys\nsys.stdout.write('x' * 1_000_000)\nsys.stderr.write('said')\nleave(3)")
    assert result.returncode == 3
    assert len(result.stdout) == 1_000_000 and result.stderr == "said"


def test_an_atexit_function_still_runs() -> None:
    result = run("import atexit\natexit.register(print, 'ran at exit')\nleave(0)")
    assert result.returncode == 0 and result.stdout == "ran at exit\n"


def test_a_running_thread_is_waited_for() -> None:
    code = "import threading, time\n"
    code += "threading.Thread(target=lambda: (time.sleep(0.3), print('thread done'))).start()\nleave(4)"
    result = run(code)
    assert result.returncode == 4 and result.stdout == "thread done\n"


@pytest.mark.parametrize(("code", "status"), [(256, 0), (-1, 255)])
def test_a_code_outside_0_to_255_takes_the_normal_exit(code: int, status: int) -> None:
    assert run(f"leave({code})").returncode == status  # what sys.exit makes of it
