"""Every command's table at 40, 60, 80, 100 and 160 columns: within the width, no word, reference or
identifier broken, Chinese wrapped by the line-breaking rules."""

from __future__ import annotations

import itertools
import re

import pytest
from conftest import FIXTURES, Runner

from unagree_cli.views.text import CLOSING, OPENING, cell_width

WIDTHS = (40, 60, 80, 100, 160)
COMMANDS = [
    ("show", "3"),
    ("show", "5", "3.2", "--lang", "zh"),
    ("toc",),
    ("obligations", "--party", "IOM"),
    ("obligations", "--compare"),
    ("diff", "14", "--fail-on", "never"),
    ("diff", "--only-issues", "--fail-on", "never"),
    ("search", "arrangements"),
    ("terms",),
    ("refs", "14"),
    ("refs", "--external"),
    ("refs",),
    ("list",),
    ("--corpus", str(FIXTURES / "shelf"), "search", "river"),
]
LATIN_TOKEN = re.compile(r"[\x21-\x7e]+")
RULE = "─"
SGR = re.compile(r"\x1b\[[0-9;]*m")


def _latin_tokens(text: str) -> set[str]:
    """Runs of ASCII print characters (a word, a reference, an identifier)."""
    return set(LATIN_TOKEN.findall(text))


@pytest.mark.parametrize("args", COMMANDS, ids=[" ".join(a[-3:]) for a in COMMANDS])
def test_tables_fit_every_width_and_break_no_word(run: Runner, args: tuple[str, ...]) -> None:
    wide = run(*args, "--format", "table", tty=True, width=1000)
    assert wide.code == 0, wide.err
    whole = _latin_tokens(SGR.sub("", wide.out)) | _latin_tokens(run(*args, "--format", "plain").out)
    whole |= {token + ":" for token in whole} | {token.rstrip(":") for token in whole} | {":", "/"}
    for width in WIDTHS:
        result = run(*args, "--format", "table", tty=True, width=width)
        assert result.code == 0, (width, result.err)
        lines = SGR.sub("", result.out).splitlines()
        assert lines, width
        for line in lines:
            assert cell_width(line) <= width, (width, line)
            stripped = line.strip()
            if stripped and not set(stripped) <= {RULE}:
                assert stripped[0] not in CLOSING or stripped[0] in ",.;:!?)]}%", (width, line)
                assert stripped[-1] not in OPENING or stripped[-1] in "([{", (width, line)
        broken = {t for t in _latin_tokens("\n".join(lines)) if t not in whole and t.strip("[]") not in whole}
        assert not broken, (width, sorted(broken)[:10])


@pytest.mark.parametrize("width", WIDTHS)
def test_chinese_never_starts_a_line_with_a_closing_mark(run: Runner, width: int) -> None:
    """The report: at 60 columns a closing ； started a line of its own (show 3.2 --lang zh)."""
    out = run("show", "all", "--lang", "zh", "--format", "table", tty=True, width=width).out
    for line in out.splitlines():
        text = line.strip()
        if text:
            assert text[0] not in "，。；：、）」』】！？", (width, line)
            assert text[-1] not in "（「『【", (width, line)


@pytest.mark.parametrize(
    "args",
    [("search", "Secretary-General"), ("search", "arrangements"), ("refs", "14")],
    ids=["search Secretary-General", "search arrangements", "refs 14"],
)
def test_no_text_column_is_too_narrow_to_read(run: Runner, args: tuple[str, ...]) -> None:
    """At 60 columns a search table stacks rather than wrap Chinese at seven characters a line."""
    from unagree_cli.views.table import MIN_TEXT

    assert MIN_TEXT >= 20  # ten Chinese characters, three or four English words
    for width in WIDTHS:
        lines = SGR.sub("", run(*args, "--format", "table", tty=True, width=width).out).splitlines()
        header = next((line for line in lines if line.startswith("Ref ")), None)
        if header is None:
            continue  # stacked: every value has the full width
        starts = [m.start() for m in re.finditer(r"(?<=  )\S", header)]  # the text columns after the reference
        for left, right in itertools.pairwise(starts):
            assert right - left - 2 >= MIN_TEXT, (width, header)


def test_search_stacks_at_60_columns_and_sits_side_by_side_at_100(run: Runner) -> None:
    narrow = SGR.sub("", run("search", "Secretary-General", "--format", "table", tty=True, width=60).out)
    assert "  English: " in narrow and "  中文: " in narrow and not narrow.startswith("Ref")
    wide = SGR.sub("", run("search", "Secretary-General", "--format", "table", tty=True, width=100).out)
    header = wide.splitlines()[0]
    assert header.startswith("Ref") and "English" in header and "中文" in header


def test_printable_ascii_wraps_as_the_general_way_wraps_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import random

    from unagree_cli.views import text as text_module

    rng = random.Random(2026)
    words = ["a", "of", "the", "shall", "Secretary-General", "Organization", "9.5(b)", "x" * 30, ""]
    for _ in range(3000):
        para = "".join(rng.choice(words) + " " * rng.choice([1, 1, 1, 2, 0]) for _ in range(rng.randrange(12)))
        if rng.random() < 0.2:
            para = " " * rng.randrange(3) + para + "\n" + para[: rng.randrange(len(para) + 1)]
        width = rng.randrange(1, 40)
        first = rng.choice([None, rng.randrange(1, 40)])
        fast = text_module.wrap(para, width, first)
        monkeypatch.setattr(text_module, "_FAST_ASCII", False)
        assert fast == text_module.wrap(para, width, first), (para, width, first)
        monkeypatch.setattr(text_module, "_FAST_ASCII", True)
