"""Spans of text that carry meaning: deontic words, search hits, the words behind a QA finding.

Plain data shared by the library (which finds spans) and the view layer (which draws them).
Offsets are Python string indices into the unit text the span was found in; ``end`` is exclusive.
This module imports neither typer nor rich.
"""

from __future__ import annotations

from dataclasses import dataclass

# Kinds of span. The deontic kinds are the modality names of ``obligations``.
OBLIGATION = "obligation"
PERMISSION = "permission"
PROHIBITION = "prohibition"
RIGHT = "right"
RECOGNITION = "recognition"
HIT = "hit"
"""A search hit (or its glossary counterpart in the other language)."""
FINDING = "finding"
"""The words behind a translation-QA finding."""

KINDS = (OBLIGATION, PERMISSION, PROHIBITION, RIGHT, RECOGNITION, HIT, FINDING)


@dataclass(frozen=True, order=True)
class Span:
    """``text[start:end]`` is of ``kind``; ``note`` says why (a modality, a finding's message)."""

    start: int
    end: int
    kind: str
    note: str = ""
