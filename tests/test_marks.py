"""show and diff draw the spans the highlight library finds (hand-made finders stand in for it here)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest
from conftest import Runner

from unagree_cli import highlight
from unagree_cli.highlight import FINDING, OBLIGATION, PERMISSION, Span
from unagree_cli.model import Record, TreatySet


def fake_spans(text: str, lang: str) -> list[Span]:
    """Every 'shall' (obligation) and 'may' (permission) in English, 应 in Chinese."""
    words = {"en": [("shall", OBLIGATION), ("may", PERMISSION)], "zh": [("应", OBLIGATION)]}.get(lang, [])
    return sorted(
        Span(m.start(), m.end(), kind, kind) for word, kind in words for m in re.finditer(rf"\b{word}\b", text)
    )


class FakeMarks:
    """Stands in for highlight.DeonticMarks: the spans of fake_spans."""

    def __init__(self, treaty: TreatySet) -> None:
        self.treaty = treaty

    def __call__(self, record: Record, lang: str, text: str | None = None) -> list[Span]:
        return fake_spans(record.text.get(lang, "") if text is None else text, lang)


class NoMarks(FakeMarks):
    def __call__(self, record: Record, lang: str, text: str | None = None) -> list[Span]:
        return []


@pytest.fixture
def fake_deontic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Marks every 'shall' (obligation) and 'may' (permission) in English, 应 in Chinese."""
    monkeypatch.setattr(highlight, "DeonticMarks", FakeMarks, raising=False)


@pytest.mark.usefixtures("fake_deontic")
def test_show_marks_deontic_words_in_tables_only(run: Runner) -> None:
    never = run("--color", "never", "show", "5.1", "--format", "table", tty=True, width=160).out
    assert "[shall] be entitled" in never and "[may]" in never
    coloured = run("--color", "always", "show", "5.1", "--format", "table", width=160).out
    assert "\x1b[1;31mshall\x1b[0m" in coloured and "\x1b[1;32mmay\x1b[0m" in coloured
    mono = run("show", "5.1", "--format", "table", tty=True, width=160, no_color=True).out
    assert "\x1b[1mshall\x1b[0m" in mono and "\x1b[31" not in mono  # NO_COLOR: bold, never a colour
    plain = run("show", "5.1", "--format", "plain").out
    assert "[shall]" not in plain and "\x1b" not in plain  # data stays exact


@pytest.mark.usefixtures("fake_deontic")
@pytest.mark.parametrize("width", [40, 60, 80, 100, 160])
def test_marked_words_survive_every_width(run: Runner, width: int) -> None:
    out = run("--color", "never", "show", "5", "--format", "table", tty=True, width=width).out
    assert out.count("[shall]") == run("show", "5", "--lang", "en", "--format", "plain").out.count("shall")


def test_show_without_a_finder_marks_nothing(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delattr(highlight, "DeonticMarks", raising=False)
    out = run("--color", "never", "show", "5.1", "--format", "table", tty=True).out
    assert "[shall]" not in out and "shall be entitled" in out


def test_diff_marks_the_words_behind_a_finding(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def finding_spans(findings: Iterable[Any], lang: str) -> list[Span]:
        return [Span(0, 2, FINDING, str(f.message)) for f in findings] if lang == "zh" else []

    monkeypatch.setattr(highlight, "finding_spans", finding_spans, raising=False)
    out = run("--color", "never", "diff", "14", "--check", "modality", "--format", "table", tty=True).out
    assert "{联合}国秘书长" in out  # the first two characters of the Chinese, as the fake finder says
    assert "{" not in run("--color", "never", "diff", "13", "--check", "modality", "--format", "table").out


# ---------------------------------------------------------------- the legend under a table (real spans)

SGR = re.compile(r"\x1b\[[0-9;]*m")


def _legend(out: str) -> list[str]:
    """The legend lines at the end of a table: from the line starting 'Marks:' to the next blank line."""
    lines = out.splitlines()
    start = next((i for i, line in enumerate(lines) if SGR.sub("", line).startswith("Marks:")), None)
    if start is None:
        return []
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


@pytest.mark.parametrize("width", [40, 60, 100, 160])
def test_show_says_what_its_marks_mean_in_the_style_they_are_drawn(run: Runner, width: int) -> None:
    from unagree_cli.views import styles

    out = run("--color", "always", "show", "5", "--format", "table", tty=True, width=width).out
    legend = _legend(out)
    assert legend, out[-300:]
    drawn = {kind for kind, style in styles.FOR_KIND.items() if style.color and f"\x1b[{style.color}m" in out}
    body = out[: out.rfind("Marks:")]
    for kind in (highlight.OBLIGATION, highlight.PERMISSION, highlight.RIGHT):
        style = styles.for_kind(kind)
        assert f"\x1b[{style.color}m" in body  # article 5 has words of this kind, drawn so
        assert style.draw(styles.MEANING[kind], "color") in "\n".join(legend)  # and the legend says so, alike
    assert drawn
    for line in legend:
        assert len(SGR.sub("", line)) <= width, line


def test_the_legend_names_only_the_kinds_drawn(run: Runner) -> None:
    out = run("--color", "never", "show", "5", "--format", "table", tty=True, width=100).out
    legend = " ".join(_legend(out))
    assert "[ ] obligation, permission, right" in legend
    assert "prohibition" not in legend and "finding" not in legend and "recognition" not in legend


def test_no_legend_without_marks_nor_outside_tables(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    assert not _legend(run("show", "5", "--format", "plain").out)
    assert not _legend(run("show", "5", "--format", "md").out)
    monkeypatch.setattr(highlight, "DeonticMarks", NoMarks)
    assert not _legend(run("--color", "never", "show", "5", "--format", "table", tty=True).out)


@pytest.mark.parametrize("width", [60, 100, 160])
def test_diff_says_what_its_underlined_words_are(run: Runner, width: int) -> None:
    from unagree_cli.views import styles

    mono = run("diff", "--only-issues", "--fail-on", "never", "--format", "table", tty=True, width=width).out
    assert f"\x1b[{styles.FINDING.mono}m" in mono  # the words behind findings, underlined under NO_COLOR
    assert any(styles.FINDING.draw("words behind a finding", "mono") in line for line in _legend(mono))
    never = run("--color", "never", "diff", "--only-issues", "--fail-on", "never", "--format", "table", tty=True).out
    assert "{ } words behind a finding" in " ".join(_legend(never))
    clean = run("diff", "--only-issues", "--check", "version", "--fail-on", "never", "--format", "table", tty=True)
    assert not _legend(clean.out)


def test_every_mark_tells_its_meaning_apart_under_no_color() -> None:
    from unagree_cli.views import styles

    deontic = [styles.for_kind(kind) for kind in highlight.KINDS if kind not in (highlight.HIT, highlight.FINDING)]
    assert all(style.mono for style in deontic)
    assert len({style.mono for style in deontic}) == len(deontic)  # 'may' and 'is entitled to' differ
