"""The reader's row layout: columns side by side, Chinese folded by the line-breaking rules."""

from __future__ import annotations

import io
import itertools

import pytest

pytest.importorskip("rich")

from rich.cells import cell_len
from rich.console import Console
from rich.text import Text

from unagree_cli.reader.layout import NO_LINE_END, NO_LINE_START, SideBySide, fold_breaks, wrap

ZH = (
    "国际移民组织总干事应有权出席联合国大会的全体会议以参加咨商。"
    "总干事应有权出席和参加大会各委员会的会议、经济及社会理事会的会议，但无表决权（见第 70/263 号决议）。"
)


def lines_of(text: str, width: int) -> list[str]:
    cuts = [0, *fold_breaks(text, width), len(text)]
    return [text[a:b] for a, b in itertools.pairwise(cuts)]


@pytest.mark.parametrize("width", range(6, 41))  # three characters: room for a character and two closing marks
def test_chinese_folds_within_the_width_by_the_line_breaking_rules(width: int) -> None:
    lines = lines_of(ZH, width)
    assert "".join(lines) == ZH
    for index, line in enumerate(lines):
        assert cell_len(line.rstrip()) <= width
        if index:
            assert line[0] not in NO_LINE_START, (width, lines)
        if index < len(lines) - 1:
            assert line.rstrip()[-1] not in NO_LINE_END, (width, lines)


def test_a_latin_run_stays_whole_when_it_fits() -> None:
    for width in range(10, 30):
        for line in lines_of(ZH, width):
            assert not line.endswith("70/2"), (width, line)


def test_side_by_side_puts_each_language_in_its_own_column() -> None:
    console = Console(width=60, file=io.StringIO(), color_system=None, legacy_windows=False)
    row = SideBySide(
        Text("5.2"),
        [(Text("The Director General shall be entitled to attend."), False), (Text(ZH[:40]), True)],
        6,
        Text("IOM · right"),
    )
    with console.capture() as captured:
        console.print(row)
    lines = captured.get().splitlines()
    assert lines[0].startswith("5.2    The Director")
    assert all(cell_len(line) <= 60 for line in lines)
    english_column = " ".join(line[7:33] for line in lines)
    assert "shall be entitled" in " ".join(english_column.split())
    assert lines[-1].strip() == "IOM · right"


def test_wrap_pads_every_line_to_the_width() -> None:
    console = Console(width=40, file=io.StringIO())
    for line in wrap(Text("a b c d e f g h i j k"), 5, console, spaceless=False):
        assert line.cell_len == 5
