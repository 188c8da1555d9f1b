"""Ctrl-C at any moment, start-up included: ``unagree: interrupted`` on stderr, exit 130, no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, Runner, subprocess_env

from unagree_cli import launch

INTERRUPTED = b"unagree: interrupted\n"

# A child that signals itself while a given module is being imported (an audit hook sees every import):
# a deterministic way to interrupt at each stage of start-up and of a command.
AT_IMPORT = """
import os, signal, sys
target = sys.argv[1]
def hook(event, args):
    if event == "import" and args[0] == target:
        os.kill(os.getpid(), signal.SIGINT)
sys.addaudithook(hook)
sys.argv = ["unagree", *sys.argv[2:]]
from unagree_cli.launch import run
run()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "command"),
    [
        ("typer", ["toc"]),  # importing the command-line framework
        ("unagree_cli.commands", ["toc"]),  # registering the commands
        ("yaml", ["--corpus", "corpus", "validate"]),  # reading the corpus
        ("unagree_cli.outline", ["toc"]),  # inside a command, where typer would swallow it
        ("unagree_cli.obligations", ["obligations"]),
        ("unagree_cli.qa", ["diff", "5"]),
        ("unagree_cli.export.akn", ["export", "akn"]),
    ],
)
def test_interrupted_at_each_stage(module: str, command: list[str], tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", AT_IMPORT, module, *command],
        capture_output=True,
        env=subprocess_env(UNAGREE_CACHE_DIR=str(tmp_path / "cache")),
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stderr) == (130, INTERRUPTED), done.stderr.decode()


# Waits for the interpreter to be up (a line on stderr once the handler is in place), then lets the
# command run `delay` seconds.
AFTER_START = """
import sys
from unagree_cli import launch
launch.install(early=True)  # as when run as the `unagree` script
sys.stderr.write("started\\n"); sys.stderr.flush()
sys.argv = ["unagree", *sys.argv[1:]]
launch.run()
"""


@pytest.mark.slow
@pytest.mark.parametrize(
    "command",
    [
        ["obligations"],
        ["diff", "all", "--fail-on", "never"],
        ["search", "organization"],
        ["export", "tmx", "-o", "OUT/memory.tmx"],
    ],
)
def test_sigint_at_several_delays(command: list[str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    args = [a.replace("OUT", str(out)) for a in command]
    outcomes = []
    for delay in (0, 0.005, 0.02, 0.05, 0.1, 0.2, 0.4, 0.8):
        target = out / "memory.tmx"
        target.unlink(missing_ok=True)
        env = subprocess_env(UNAGREE_CACHE_DIR=str(tmp_path / f"cache-{delay}"))
        child = subprocess.Popen(
            [sys.executable, "-c", AFTER_START, *args],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=ROOT,
        )
        assert child.stderr is not None
        assert child.stderr.readline() == b"started\n"
        time.sleep(delay)
        child.send_signal(signal.SIGINT)
        err = child.stderr.read()
        code = child.wait(timeout=120)
        assert b"Traceback" not in err, (delay, err.decode())
        if code == 130:  # the notes the command printed before the signal arrived (export's), then one line
            *before, last = err.splitlines(keepends=True)
            assert last == INTERRUPTED and all(line.startswith(b"unagree: note: ") for line in before), err
        else:  # finished before the signal arrived
            assert code == 0, err.decode()
        outcomes.append(code)
        # an export is all there or not there at all, and no temporary file stays behind
        assert [p.name for p in out.iterdir()] in ([], ["memory.tmx"])
        if target.exists():
            assert target.read_text(encoding="utf-8").rstrip().endswith("</tmx>")
    assert 130 in outcomes


@pytest.mark.slow
def test_the_installed_script_says_interrupted(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "unagree"
    if not script.is_file():
        pytest.skip("no installed unagree script beside this interpreter")
    child = subprocess.Popen(
        [str(script), "obligations"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=subprocess_env(UNAGREE_CACHE_DIR=str(tmp_path / "cache")),
        cwd=ROOT,
    )
    time.sleep(0.3)  # past the interpreter's own start-up, inside unagree's
    child.send_signal(signal.SIGINT)
    _, err = child.communicate(timeout=120)
    assert child.returncode in (0, 130)
    assert b"Traceback" not in err
    if child.returncode == 130:
        assert err == INTERRUPTED


def test_an_interrupt_typer_swallows_is_still_reported(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    import unagree_cli.outline

    def interrupted(*args: object, **kwargs: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(5)  # the handler raises KeyboardInterrupt here

    monkeypatch.setattr(unagree_cli.outline, "outline", interrupted)
    result = run("toc")
    assert (result.code, result.err) == (130, "unagree: interrupted\n")
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # main() put Python's handler back
    monkeypatch.undo()
    assert run("toc").code == 0  # the next run in the same process does not think itself interrupted
    assert not launch.interrupted()
