"""The view layer: line breaking, span drawing, table layouts and the environment, with made-up data."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from conftest import Runner

from unagree_cli.highlight import FINDING, HIT, OBLIGATION, PERMISSION, PROHIBITION, Span
from unagree_cli.views import styles
from unagree_cli.views.env import DEFAULT_PAGER, Environment
from unagree_cli.views.table import Column, cell, draw, draw_table
from unagree_cli.views.text import CLOSING, OPENING, atoms, cell_width, shorten, wrap_lines

SGR = re.compile(r"\x1b\[([0-9;]*)m")
COLOUR_CODE = re.compile(r"(^|;)(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;|$)")
CHINESE = (
    "本协定的任何规定均不应被解释为要求国际移民组织采取任何违背其章程的行动；联合国秘书长（以下称“秘书长”）"
    "应当在可行范围内「通知」国际移民组织总干事。国际移民组织同意按照上述机构的既定议事规则加入这些机构，"
    "并按既定费用分摊安排为其费用分摊预算捐款：（a）机构间常设委员会；（b）全球移徙小组！"
)
ENGLISH = (
    "The Secretary-General of the United Nations and the Director General of the International Organization "
    "for Migration may, for the purpose of implementing the present Agreement (see resolution:preamble.10 and "
    "agreement:14), make such supplementary arrangements as may be found appropriate."
)

# ---------------------------------------------------------------- line breaking


@pytest.mark.parametrize("width", range(6, 61))
def test_chinese_lines_follow_the_line_breaking_rules(width: int) -> None:
    lines = wrap_lines(CHINESE, width)
    assert "".join(lines) == CHINESE  # nothing lost, nothing added
    for line in lines:
        assert cell_width(line) <= width
        assert line[0] not in CLOSING, (width, line)
        assert line[-1] not in OPENING, (width, line)


@pytest.mark.parametrize("width", range(22, 81))  # 22: the longest word, resolution:preamble.10
def test_latin_lines_never_break_a_word_or_a_reference(width: int) -> None:
    lines = wrap_lines(ENGLISH, width)
    assert " ".join(lines).split() == ENGLISH.split()
    assert all(cell_width(line) <= width for line in lines)


def test_only_a_word_longer_than_a_line_is_folded() -> None:
    # too wide for the line: broken after a colon, hyphen or slash where one fits, else folded by cells
    assert wrap_lines("see resolution:preamble.10 now", 8) == ["see", "resoluti", "on:", "preamble", ".10 now"]
    assert wrap_lines("the Secretary-General", 12) == ["the", "Secretary-", "General"]
    assert wrap_lines("see resolution:preamble.10", 12) == ["see", "resolution:", "preamble.10"]
    assert atoms("第70/263号决议（a）") == ["第", "70/263", "号", "决", "议", "（a）"]


def test_shorten_cuts_at_a_break() -> None:
    assert shorten("Supplementary arrangements for the implementation", 30) == "Supplementary arrangements…"
    assert shorten("short", 30) == "short"


# ---------------------------------------------------------------- spans

TEXT = "The IOM shall inform and may attend but shall not vote."
SPANS = [Span(8, 13, OBLIGATION), Span(25, 28, PERMISSION), Span(40, 49, PROHIBITION)]


def test_spans_in_colour_use_the_named_style_of_each_kind() -> None:
    c = cell(TEXT, SPANS, "color")
    drawn = draw(c, 0, len(c.text), "color")
    assert styles.OBLIGATION.draw("shall", "color") in drawn
    assert styles.PERMISSION.draw("may", "color") in drawn
    assert styles.PROHIBITION.draw("shall not", "color") in drawn
    assert SGR.sub("", drawn) == TEXT


def test_under_no_color_a_span_stays_visible_without_colour() -> None:
    c = cell(TEXT, SPANS, "mono")
    drawn = draw(c, 0, len(c.text), "mono")
    codes = [m.group(1) for m in SGR.finditer(drawn) if m.group(1) not in ("0", "")]
    assert len(codes) == len(SPANS)  # every span still marked ...
    assert not any(COLOUR_CODE.search(code) for code in codes)  # ... by bold/underline, never a colour
    assert SGR.sub("", drawn) == TEXT


def test_with_no_style_possible_spans_are_bracketed() -> None:
    c = cell(TEXT, [*SPANS, Span(0, 3, FINDING)], "none")
    assert "\x1b" not in c.text
    assert c.text == "{The} IOM [shall] inform and [may] attend but [shall not] vote."


def test_overlapping_and_out_of_range_spans_are_clipped_never_lost() -> None:
    c = cell("abcdef", [Span(1, 4, HIT), Span(2, 5, HIT), Span(4, 99, "unknown-kind")], "none")
    assert c.text == "a[bcd][e][f]"  # each span keeps what the one before it left


def test_spans_survive_wrapping_on_every_line() -> None:
    rows = [TEXT]
    column: Column[str] = Column("Text", lambda row: row, spans=lambda row: SPANS)
    for width in (20, 40, 80):
        lines = draw_table(rows, [column], width, "none")
        assert "[shall not]" in " ".join(lines) or "[shall" in " ".join(lines)
        coloured = "\n".join(draw_table(rows, [column], width, "color"))
        assert coloured.count("\x1b[0m") >= len(SPANS)


def test_control_characters_in_a_cell_are_made_visible_and_spans_follow() -> None:
    c = cell("a\x1bb shall", [Span(4, 9, OBLIGATION)], "none")
    assert c.text == "a\\x1bb [shall]"


# ---------------------------------------------------------------- tables


class Row:
    def __init__(self, ref: str, text: str, zh: str) -> None:
        self.ref, self.text, self.zh = ref, text, zh


ROWS = [Row("agreement:14", ENGLISH, CHINESE), Row("resolution:preamble.10", "Short.", "短。")]
COLUMNS: list[Column[Row]] = [
    Column("Ref", lambda r: r.ref, whole=True, style=styles.REF),
    Column("English", lambda r: r.text),
    Column("中文", lambda r: r.zh),
]


@pytest.mark.parametrize("width", [40, 60, 80, 100, 160])
def test_a_table_stays_in_its_width_and_keeps_references_whole(width: int) -> None:
    lines = draw_table(ROWS, COLUMNS, width, "none")
    assert all(cell_width(line) <= width for line in lines)
    text = "\n".join(lines)
    for ref in ("agreement:14", "resolution:preamble.10", "resolution:preamble.10", "Secretary-General"):
        assert ref in text
    assert sorted(" ".join(lines).split()) != []


def test_narrow_tables_stack_wide_ones_do_not() -> None:
    narrow = draw_table(ROWS, COLUMNS, 40, "none")
    wide = draw_table(ROWS, COLUMNS, 160, "none")
    assert narrow[0] == "agreement:14" and any(line.startswith("  English: ") for line in narrow)
    assert wide[0].split() == ["Ref", "English", "中文"]


# ---------------------------------------------------------------- environment


def test_colour_modes() -> None:
    def mode(**kwargs: Any) -> str:  # Environment's keyword options, each of its own type
        return Environment(io.StringIO(), **kwargs).color_mode

    assert mode(is_tty=True) == "color"
    assert mode(is_tty=False) == "none"
    assert mode(is_tty=True, no_color=True) == "mono"
    assert mode(is_tty=True, dumb=True) == "none"
    assert mode(is_tty=False, color="always") == "color"
    assert mode(is_tty=True, color="never") == "none"
    assert mode(is_tty=False, force_color=True) == "color"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_pager_is_chosen_as_git_chooses_it() -> None:
    assert Environment.from_env(Terminal(), {}).pager == DEFAULT_PAGER == "less -FRX"
    assert Environment.from_env(Terminal(), {"PAGER": "more"}).pager == "more"
    assert Environment.from_env(Terminal(), {"PAGER": "more", "UNAGREE_PAGER": "most"}).pager == "most"
    assert Environment.from_env(Terminal(), {"UNAGREE_PAGER": ""}).pager is None
    assert Environment.from_env(io.StringIO(), {"PAGER": "more"}).pager is None  # never when not a terminal


def test_a_pager_that_cannot_run_means_no_pager() -> None:
    screen = Terminal()
    env = Environment(screen, is_tty=True, pager="no-such-pager-anywhere -R")
    env.write("hello\n")
    env.close()
    assert screen.getvalue() == "hello\n" and env.pager is None


def test_csv_joins_lists(run: Runner) -> None:
    out = run("obligations", "--format", "csv").out
    assert "UN;IOM" in out and '"[""' not in out


def test_former_column_keywords_still_work() -> None:
    rows = [{"ref": "agreement:14", "text": "make such supplementary arrangements"}]
    old: list[Column[dict[str, str]]] = [
        Column("Ref", lambda r: r["ref"], fold=False, style="cyan"),
        Column("English", lambda r: r["text"], lang="en", highlight=lambda r: [(10, 23)]),
    ]
    assert old[0].whole and old[0].style is styles.REF and not old[1].whole
    assert "[supplementary]" in "\n".join(draw_table(rows, old, 80, "none"))


def test_plain_rows_make_controls_visible_and_keep_one_line_a_row() -> None:
    """Plain rows: a tab or line break inside a cell is a space; control and bidi characters are escaped."""
    from unagree_cli.render import rows_plain
    from unagree_cli.views.table import Column

    columns: list[Column[tuple[str, str]]] = [Column("a", lambda row: row[0]), Column("b", lambda row: row[1])]
    rows = [("x\ty", "line\nbreak\x1b[31m"), ("\u202eevil", "ok")]
    assert rows_plain(rows, columns) == "x y\tline break\\x1b[31m\n<U+202E>evil\tok\n"
    assert rows_plain([], columns) == ""


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain\nlines\tand tabs", "plain\nlines\tand tabs"),
        ("line\n\x1b[31mred", "line\n\\x1b[31mred"),
        ("中文\u3000全角空格\n\u202etxt", "中文\u3000全角空格\n<U+202E>txt"),
        ("\x7f\x85", "\\x7f\\x85"),
    ],
)
def test_visible_escapes_controls_in_text_of_several_lines(text: str, shown: str) -> None:
    from unagree_cli.views.env import visible

    assert visible(text) == shown
