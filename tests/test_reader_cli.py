"""``unagree read`` as a command: errors off a terminal, start-up cost for other commands, a real terminal."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time

import pytest
from conftest import ROOT, Runner, subprocess_env


class _TtyStdin:
    def isatty(self) -> bool:
        return True


def test_off_a_terminal_it_is_one_line_that_suggests_show(run: Runner) -> None:
    result = run("read")
    assert result.code == 1
    assert result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("unagree: error: unagree read needs a terminal (standard output is not one)")
    assert "unagree show all" in lines[0]


def test_input_must_be_a_terminal_too(run: Runner) -> None:
    result = run("read", tty=True)
    assert result.code == 1
    assert "standard input is not one" in result.err and "Traceback" not in result.err


def test_a_bad_reference_or_language_is_refused_before_the_screen_opens(
    run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", _TtyStdin())
    result = run("read", "17", tty=True)
    assert result.code == 2
    assert result.err.splitlines() == ["unagree: error: the agreement has no article 17; it has articles 1-16"]
    result = run("read", "--lang", "fr", tty=True)
    assert result.code == 2 and "unknown language 'fr'" in result.err


def test_help_lists_read(run: Runner) -> None:
    result = run("--help")
    assert "read" in result.out
    result = run("read", "--help")
    assert result.code == 0 and "--lang" in result.out


@pytest.mark.parametrize("args", [["show", "5"], ["read"]])
def test_other_commands_do_not_import_textual(args: list[str]) -> None:
    """Textual is loaded by ``read`` only, after it knows it has a terminal."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "unagree_cli", *args],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        cwd=ROOT,
        timeout=60,
        check=False,
    )
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines() if line.startswith("import time:")}
    assert ("unagree_cli.commands.read" in imported) == (args[0] == "read")  # each command imports its own module
    assert not any(name == "textual" or name.startswith("textual.") for name in imported)
    assert "unagree_cli.reader.app" not in imported


def _colours(screen: str) -> list[tuple[int, int, int] | int]:
    """The foreground and background colours of SGR sequences: RGB triples, or 256-colour indexes."""
    found: list[tuple[int, int, int] | int] = []
    for params in re.findall(r"\x1b\[([0-9;]*)m", screen):
        values = [int(v) if v else 0 for v in params.split(";")]
        index = 0
        while index < len(values):
            value = values[index]
            if value in (38, 48) and index + 1 < len(values):
                if values[index + 1] == 2 and index + 4 < len(values):
                    found.append((values[index + 2], values[index + 3], values[index + 4]))
                    index += 5
                    continue
                if values[index + 1] == 5 and index + 2 < len(values):
                    found.append(values[index + 2])
                    index += 3
                    continue
            if 30 <= value <= 37 or 40 <= value <= 47 or 90 <= value <= 97 or 100 <= value <= 107:
                found.append(value % 10 + (8 if value >= 90 else 0))
            index += 1
    return found


GREYS = {0, 7, 8, 15, 16, 59, 102, 145, 188, 231, *range(232, 256)}


def _is_grey(colour: tuple[int, int, int] | int) -> bool:
    if isinstance(colour, tuple):
        return max(colour) - min(colour) <= 2
    return colour in GREYS


@pytest.mark.slow
@pytest.mark.parametrize(
    ("width", "height", "no_color", "args", "start", "target"),
    [
        (100, 30, False, ["read", "5.2"], "agreement:5.2 · Article 5", ("第十四条", "agreement:14 · Article 14")),
        (80, 24, True, ["read", "5.2"], "agreement:5.2 · Article 5", ("第十四条", "agreement:14 · Article 14")),
        (
            200,
            60,
            False,
            ["--corpus", "tests/fixtures/polar", "read", "3.2"],
            "agreement:3.2 · Article 3 Research stations",
            ("第二条", "agreement:2 · Article 2 Cooperation"),
        ),
    ],
)
def test_in_a_real_terminal_keys_work_and_q_leaves_the_terminal_as_it_was(
    width: int, height: int, no_color: bool, args: list[str], start: str, target: tuple[str, str]
) -> None:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    session = f"unagree-read-{time.monotonic_ns()}"
    env = subprocess_env(NO_COLOR="1" if no_color else None, COLORTERM="truecolor")
    tmux = ["tmux", "-L", session]  # a tmux server of the test's own
    before = "READY-BEFORE-READ"
    reader = f"{sys.executable} -m unagree_cli {' '.join(args)}"
    command = f"printf '{before}\\n'; {reader}; printf 'EXIT=%s\\n' $?; sleep 30"
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), "sh", "-c", command],
        env=env,
        cwd=ROOT,
        check=True,
    )

    def capture(*options: str) -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", *options, "-t", session], capture_output=True, text=True, check=True
        ).stdout

    def wait_for(words: str) -> str:
        deadline = time.monotonic() + 30
        screen = ""
        while time.monotonic() < deadline:
            screen = capture()
            if words in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{words!r} never appeared; the screen was:\n{screen}")

    def send(*keys: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", session, *keys], check=True)

    try:
        screen = wait_for(start)
        assert before not in screen  # the reader draws on the alternate screen
        assert "English (en)" in screen and "中文 (zh)" in screen
        assert len(screen.splitlines()) <= height
        colours = _colours(capture("-e"))
        assert colours
        assert all(map(_is_grey, colours)) == no_color  # NO_COLOR: greys only; otherwise colours too
        send("g")
        wait_for("go to:")
        send("-l", target[0])
        send("Enter")
        wait_for(target[1])
        send("BSpace")
        wait_for(start)
        setting = subprocess.run(
            [*tmux, "show-options", "-gv", "set-clipboard"], capture_output=True, text=True, check=True
        ).stdout.strip()
        send("y")
        address = start.split(" ")[0]
        wait_for(f"copied {address}" if setting == "on" else f"not copied: tmux has set-clipboard {setting}")
        send("q")
        screen = wait_for("EXIT=0")
        assert before in screen  # the shell's screen is back as it was
        assert address not in screen
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)
