"""show and diff draw the spans the highlight library finds (hand-made finders stand in for it here)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import pytest
from conftest import Runner

from unagree_cli import highlight
from unagree_cli.highlight import FINDING, OBLIGATION, PERMISSION, Span
from unagree_cli.model import TreatySet


@pytest.fixture
def fake_deontic(monkeypatch: pytest.MonkeyPatch) -> None:
    """Marks every 'shall' (obligation) and 'may' (permission) in English, 应 in Chinese."""

    def deontic_spans(treaty: TreatySet, text: str, lang: str, *, operative: bool = False) -> list[Span]:
        words = {"en": [("shall", OBLIGATION), ("may", PERMISSION)], "zh": [("应", OBLIGATION)]}.get(lang, [])
        return sorted(
            Span(m.start(), m.end(), kind, kind) for word, kind in words for m in re.finditer(rf"\b{word}\b", text)
        )

    monkeypatch.setattr(highlight, "deontic_spans", deontic_spans, raising=False)
    monkeypatch.setattr(highlight, "operative_units", lambda treaty, doc, lang: frozenset(), raising=False)


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
    monkeypatch.delattr(highlight, "deontic_spans", raising=False)
    out = run("--color", "never", "show", "5.1", "--format", "table", tty=True).out
    assert "[shall]" not in out and "shall be entitled" in out


def test_diff_marks_the_words_behind_a_finding(run: Runner, monkeypatch: pytest.MonkeyPatch) -> None:
    def finding_spans(findings: Iterable[Any], lang: str) -> list[Span]:
        return [Span(0, 2, FINDING, str(f.message)) for f in findings] if lang == "zh" else []

    monkeypatch.setattr(highlight, "finding_spans", finding_spans, raising=False)
    out = run("--color", "never", "diff", "14", "--check", "modality", "--format", "table", tty=True).out
    assert "{联合}国秘书长" in out  # the first two characters of the Chinese, as the fake finder says
    assert "{" not in run("--color", "never", "diff", "13", "--check", "modality", "--format", "table").out
