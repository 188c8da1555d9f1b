"""What a person sees on a real terminal: a pseudo-terminal (and tmux, when installed), not CliRunner.

The pager as git runs it, the progress bar drawn for real on a terminal's stderr, the layout a
narrow terminal gets.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, on_a_terminal, subprocess_env

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")]


def test_output_on_a_terminal_goes_through_unagree_pager(tmp_path: Path) -> None:
    seen = tmp_path / "paged.txt"
    code, drawn, err = on_a_terminal(["show", "5", "--lang", "en"], {"UNAGREE_PAGER": f"tee {seen}"})
    assert code == 0, err
    assert "Reciprocal representation" in seen.read_text(encoding="utf-8")
    assert b"Reciprocal representation" in drawn


def test_pager_falls_back_to_pager_and_no_pager_turns_it_off(tmp_path: Path) -> None:
    seen = tmp_path / "paged.txt"
    code, _, err = on_a_terminal(["toc"], {"UNAGREE_PAGER": None, "PAGER": f"tee {seen}"})
    assert code == 0, err
    assert "Preamble" in seen.read_text(encoding="utf-8")
    seen.unlink()
    code, drawn, _ = on_a_terminal(["--no-pager", "toc"], {"UNAGREE_PAGER": None, "PAGER": f"tee {seen}"})
    assert code == 0 and b"Preamble" in drawn and not seen.exists()


def test_never_a_pager_when_stdout_is_not_a_terminal(tmp_path: Path) -> None:
    seen = tmp_path / "paged.txt"
    result = subprocess.run(
        [sys.executable, "-m", "unagree_cli", "toc"],
        capture_output=True,
        env=subprocess_env(UNAGREE_PAGER=f"tee {seen}"),
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0 and b"Preamble" in result.stdout and not seen.exists()


def test_the_default_pager_is_less_and_quits_on_one_screen() -> None:
    if shutil.which("less") is None:
        pytest.skip("less is not installed")
    code, drawn, err = on_a_terminal(["show", "5.1", "--lang", "en"], {"UNAGREE_PAGER": None, "PAGER": None})
    assert code == 0, err  # less -F quit by itself: the output fits one screen
    assert b"Secretary-General" in drawn


def test_progress_bar_is_drawn_on_a_terminal_and_absent_otherwise(tmp_path: Path) -> None:
    corpus = tmp_path / "shelf"
    shutil.copytree(FIXTURES / "shelf", corpus)
    env = {"UNAGREE_CACHE_DIR": str(tmp_path / "cache")}
    code, drawn, _ = on_a_terminal(["--corpus", str(corpus), "list"], env, stderr_too=True)
    assert code == 0
    assert b"\r\x1b[2KIndexing the corpus " in drawn  # drawn for real ...
    assert b"\\x1b" not in drawn  # ... never escaped into literal text
    assert b"river-accord" in drawn
    (corpus / "mini-pact" / "treaty.yaml").touch()  # something to index again
    time.sleep(0.01)
    piped = subprocess.run(
        [sys.executable, "-m", "unagree_cli", "--corpus", str(corpus), "list"],
        capture_output=True,
        env=subprocess_env(UNAGREE_CACHE_DIR=str(tmp_path / "cache2")),
        cwd=ROOT,
        timeout=60,
    )
    assert piped.returncode == 0 and piped.stderr == b""


def test_a_terminal_sees_a_stacked_table_when_narrow_and_columns_when_wide() -> None:
    import re

    sgr = re.compile(rb"\x1b\[[0-9;]*m")
    _, narrow, _ = on_a_terminal(["obligations", "--party", "IOM", "--modality", "right"], {}, columns=50)
    _, wide, _ = on_a_terminal(["obligations", "--party", "IOM", "--modality", "right"], {}, columns=160)
    narrow, wide = sgr.sub(b"", narrow), sgr.sub(b"", wide)
    assert b"  Who: " in narrow and b"Who  " not in narrow
    assert b"  Who: " not in wide and b"Who  " in wide


def test_colour_flag_beats_the_terminal() -> None:
    _, never, _ = on_a_terminal(["--color", "never", "search", "arrangements"], {})
    _, always, _ = on_a_terminal(["--color", "always", "search", "arrangements"], {"NO_COLOR": "1"})
    assert b"\x1b[" not in never and b"[arrangements]" in never
    assert b"\x1b[1;7marrangements" in always


def test_no_color_keeps_search_hits_visible_without_colour() -> None:
    _, drawn, _ = on_a_terminal(["search", "arrangements"], {"NO_COLOR": "1"})
    assert b"\x1b[1;7marrangements\x1b[0m" in drawn  # reverse video and bold are not colour
    assert b"\x1b[3" not in drawn and b"\x1b[4" not in drawn.replace(b"\x1b[4m", b"")


def test_tmux_shows_chinese_wrapped_by_the_rules() -> None:
    """What a person sees in a 60-column terminal (the report: a closing ； started a line)."""
    screen = _tmux_screen("show 3.2 --lang zh", 60, {}, "既定费用分摊", height=40, escapes=False)
    assert "国际移民组织" in screen, screen
    for line in screen.splitlines():
        text = line.strip()
        assert len(line) <= 60
        if text:
            assert text[0] not in "，。；：、）」』】！？", line
            assert text[-1] not in "（「『【", line


_SCREENS = itertools.count()


def _tmux_screen(
    args: str, width: int, env_extra: dict[str, str | None], until: str, *, height: int = 120, escapes: bool = True
) -> str:
    """What tmux shows of ``unagree ARGS`` at ``width`` x ``height``, once ``until`` is on the screen
    (with its escape sequences, capture-pane -e, unless ``escapes`` is False)."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    # a server of its own for each screen: two screens on one socket raced a server still shutting down
    session = f"unagree-test-{os.getpid()}-{width}-{next(_SCREENS)}"
    command = f"{sys.executable} -m unagree_cli {args} --no-pager; sleep 30"
    env = subprocess_env(COLUMNS=None, TMUX=None, TERM="xterm-256color", **env_extra)
    start = ["tmux", "-L", session, "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), command]
    for attempt in range(3):  # "server exited unexpectedly": tmux's own start, now and then on a loaded machine
        started = subprocess.run(start, env=env, cwd=ROOT, capture_output=True, text=True, timeout=30, check=False)
        if started.returncode == 0:
            break
        time.sleep(0.5 * (attempt + 1))
    else:
        raise AssertionError(f"tmux did not start: {started.stderr.strip()}")
    capture = ["tmux", "-L", session, "capture-pane", *(["-e"] if escapes else []), "-p", "-S", f"-{height}"]
    capture += ["-t", session]
    try:
        screen = ""
        for _ in range(150):
            time.sleep(0.1)
            screen = subprocess.run(
                [
                    "tmux",
                    "-L",
                    session,
                    "capture-pane",
                    *(["-e"] if escapes else []),
                    "-p",
                    "-S",
                    f"-{height}",
                    "-t",
                    session,
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=30,
            ).stdout
            if until in screen:
                break
        return screen
    finally:
        subprocess.run(["tmux", "-L", session, "kill-server"], env=env, timeout=30, check=False)


@pytest.mark.parametrize("width", [60, 100, 160])
def test_tmux_shows_the_legend_and_tells_modalities_apart_without_colour(width: int) -> None:
    """Under NO_COLOR a person still sees which word is a right and which a permission, and what the marks mean."""
    import re

    screen = _tmux_screen("show 5.2", width, {"NO_COLOR": "1"}, "Marks:")
    plain = re.sub(r"\x1b\[[0-9;]*m", "", screen)
    legend = next(line for line in plain.splitlines() if line.startswith("Marks:"))
    assert "permission" in legend and "right" in legend
    assert not re.search(
        r"\x1b\[[0-9;]*(?:3[0-7]|38|4[0-7]|48|9\d)[;m]", screen.replace("\x1b[39m", "").replace("\x1b[49m", "")
    )

    # tmux redraws attributes as it likes; the words themselves must carry different ones
    def attributes(word: str) -> set[str]:
        return set(re.findall(r"\x1b\[([0-9;]*)m" + re.escape(word), screen))

    right, permission = attributes("shall be entitled") | attributes("shall"), attributes("may")
    assert right and permission and right != permission, (right, permission)
    for line in plain.splitlines():
        assert len(line) <= width
