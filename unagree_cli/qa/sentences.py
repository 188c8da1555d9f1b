"""``sentences``: a sentence of one language with no counterpart in the other (omitted or added).

The sentences of an aligned unit are paired by length in the way of Gale and
Church (1993): a dynamic programme over beads of one sentence to one, one to
two, two to one, one to none and none to one, each priced by how unlikely
its length ratio is against the document's own ratio of Chinese to English
characters. A finding is a one-to-none (or none-to-one) bead in the cheapest
pairing: the sentence that has no counterpart, quoted and marked. The work
is linear in the number of sentences (a band of beads per sentence).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from .. import patterns
from ..model import Record
from ..obligations.sentences import sentence_spans
from . import Context, Finding, quote, spans_of

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass

NAME = "sentences"

PRIORS = {(1, 1): 0.95, (1, 0): 0.005, (0, 1): 0.005, (2, 1): 0.02, (1, 2): 0.02, (2, 2): 0.005}
"""Bead probabilities. Gale and Church's (0.89 one to one, 0.089 two to one) are for general text; the
official language versions of a treaty keep its sentences, so joins and splits are rarer here."""
_MOVES = tuple(PRIORS)
VARIANCE = 6.8
"""Gale-Church's variance of the length difference per character of the first language."""
CLAUSE_BOUNDARY: dict[str, str] = {"en": ",;:", "zh": "，；：,;:"}
"""Marks inside a sentence where two sentences of the other language may have been joined."""
BAND = 24
"""How far (in sentences) a pairing may stray from the diagonal: the work is linear in the number of sentences."""
MIN_SENTENCE = 12
"""A sentence shorter than this (in its own characters) is a heading or a number, not worth a finding."""


@dataclass(frozen=True)
class Bead:
    first: tuple[int, ...]  # sentence indexes in the first language
    second: tuple[int, ...]


def _length_cost(first: float, second: float, ratio: float) -> float:
    """-log P(match | lengths), with the first language's length scaled by ``ratio``."""
    mean = (first + second / ratio) / 2 if ratio else first
    if mean <= 0:
        return 0.0
    delta = (second / ratio - first) / math.sqrt(VARIANCE * mean) if ratio else 0.0
    probability = 2 * (1 - _phi(abs(delta)))
    return -math.log(max(probability, 1e-12))


def _phi(value: float) -> float:
    return 0.5 * (1 + math.erf(value / math.sqrt(2)))


def pair(
    first: list[int],
    second: list[int],
    ratio: float,
    joinable: tuple[list[bool], list[bool]] | None = None,
) -> list[Bead]:
    """The cheapest pairing of two lists of sentence lengths.

    ``joinable`` says, per sentence of each language, whether it has a clause
    boundary inside (a comma, a semicolon): only such a sentence can stand for
    two of the other language.

    Row ``i`` (the first ``i`` sentences of the first language) holds the cells of a band around the
    diagonal, never starting after the previous row's last cell (so the end is always reached, however
    unequal the counts). Only the last two rows' costs are kept, with every row's back pointers; the
    beads are tried in the order of :data:`PRIORS` (the first of equal costs wins), and the length cost of
    a pair of lengths is computed once: a long text pairs the same lengths again and again. A row's
    costs of each bead are looked up in one pass (``map`` over a dictionary per length), and its cells
    read the previous rows through slices zipped together, so a cell costs a few additions and
    comparisons (``tests/test_qa_sentences.py`` compares it with a plain dynamic programme).
    """
    n, m = len(first), len(second)
    inf = math.inf
    p11, p10, p01, p21, p12, p22 = (-math.log(PRIORS[move]) for move in _MOVES)
    prefix_a = [0]
    for length in first:
        prefix_a.append(prefix_a[-1] + length)
    # what a cell of column j pairs in the second language: sentence j - 1 alone, sentences j - 2 and
    # j - 1 together (-1 where there are not two: the cell such a bead comes from is outside every band)
    one_b = [0, *second]
    two_b = [-1, -1, *(x + y for x, y in pairwise(second))]
    join_a = joinable[0] if joinable is not None else [True] * n
    join_b = [False, *(joinable[1] if joinable is not None else [True] * m)]
    known: dict[tuple[int, int], float] = {}
    # per bead and length in the first language: the bead's prior plus the length cost, by length in the second
    memos: tuple[dict[int, dict[int, float]], ...] = ({}, {}, {}, {})

    def costs(bead: int, prior: float, a: int, seconds: list[int]) -> list[float]:
        """The prior plus the length cost of ``a`` against each of ``seconds``."""
        memo = memos[bead].get(a)
        if memo is None:
            memo = memos[bead][a] = {}
        try:
            return list(map(memo.__getitem__, seconds))
        except KeyError:
            for b in seconds:
                if b not in memo:
                    cost = known.get((a, b))
                    if cost is None:
                        cost = known[(a, b)] = _length_cost(a, b, ratio)
                    memo[b] = prior + cost
            return list(map(memo.__getitem__, seconds))

    lows: list[int] = []
    backs: list[list[int]] = []
    # each row is kept from column ``low - 2``: the two columns before its band are infinite
    row1: list[float] = [inf, inf]  # row i - 1
    row2: list[float] = [inf, inf]  # row i - 2
    low1 = low2 = 0
    high = -1
    for i in range(n + 1):
        middle = i * m // n if n else m
        low = max(0, min(middle - BAND, high)) if i else 0
        high = min(m, middle + BAND) if n else m
        row = [inf, inf]
        back: list[int] = []
        if i == 0:  # none to one all along
            cell = 0.0
            row.append(cell)
            back.append(-1)
            for _ in range(high):
                cell += p01
                row.append(cell)
                back.append(2)
        else:
            # the previous rows as long as this one: the columns after their bands are infinite
            row1.extend([inf] * (high - low1 + 3 - len(row1)))
            row2.extend([inf] * (high - low2 + 3 - len(row2)))
            start = low
            if low == 0:  # column 0: one to none only
                row.append(row1[2 - low1] + p10)
                back.append(1)
                start = 1
            if start <= high:
                width = high + 1 - start
                a1 = first[i - 1]
                ones = one_b[start : high + 1]
                twos = two_b[start : high + 1]
                c11 = costs(0, p11, a1, ones)
                one_two = join_a[i - 1]
                joins = join_b[start : high + 1]
                two_one = i >= 2 and True in joins
                c12 = costs(2, p12, a1, twos) if one_two else c11  # (not read)
                c21 = costs(1, p21, prefix_a[i] - prefix_a[i - 2], ones) if two_one else c11  # (not read)
                # (in row 1, row i - 2 is all infinite: two to two never wins)
                c22 = costs(3, p22, prefix_a[i] - prefix_a[i - 2], twos) if i >= 2 else [0.0] * width
                d1, d2 = 2 - low1, 2 - low2
                best = row[-1]
                add_cell, add_move = row.append, back.append
                # A cell out of every band is infinite, and every cell of a band is finite: an infinite
                # candidate never wins, so the beads are tried in the order of PRIORS (the first of equal
                # costs wins) without asking where each comes from.
                if not one_two and not two_one:  # no sentence to join on either side: four beads
                    for near1, above1, far2, cost11, cost22 in zip(
                        row1[start - 1 + d1 : high + d1],  # columns j - 1 and j of row i - 1
                        row1[start + d1 : high + 1 + d1],
                        row2[start - 2 + d2 : high - 1 + d2],  # column j - 2 of row i - 2
                        c11,
                        c22,
                        strict=True,
                    ):
                        cell = near1 + cost11  # one to one
                        move = 0
                        total = above1 + p10  # one to none
                        if total < cell:
                            cell = total
                            move = 1
                        total = best + p01  # none to one
                        if total < cell:
                            cell = total
                            move = 2
                        total = far2 + cost22  # two to two
                        if total < cell:
                            cell = total
                            move = 5
                        add_cell(cell)
                        add_move(move)
                        best = cell
                else:
                    for far1, near1, above1, far2, near2, joined, cost11, cost21, cost12, cost22 in zip(
                        row1[start - 2 + d1 : high - 1 + d1],  # columns j - 2, j - 1 and j of row i - 1
                        row1[start - 1 + d1 : high + d1],
                        row1[start + d1 : high + 1 + d1],
                        row2[start - 2 + d2 : high - 1 + d2],  # columns j - 2 and j - 1 of row i - 2
                        row2[start - 1 + d2 : high + d2],
                        joins,
                        c11,
                        c21,
                        c12,
                        c22,
                        strict=True,
                    ):
                        cell = near1 + cost11  # one to one
                        move = 0
                        total = above1 + p10  # one to none
                        if total < cell:
                            cell = total
                            move = 1
                        total = best + p01  # none to one
                        if total < cell:
                            cell = total
                            move = 2
                        if two_one and joined:  # two to one
                            total = near2 + cost21
                            if total < cell:
                                cell = total
                                move = 3
                        if one_two:
                            total = far1 + cost12  # one to two
                            if total < cell:
                                cell = total
                                move = 4
                        total = far2 + cost22  # two to two
                        if total < cell:
                            cell = total
                            move = 5
                        add_cell(cell)
                        add_move(move)
                        best = cell
        lows.append(low)
        backs.append(back)
        row2, low2 = row1, low1
        row1, low1 = row, low
    beads: list[Bead] = []
    i, j = n, m
    while i or j:
        di, dj = _MOVES[backs[i][j - lows[i]]]
        beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


@lru_cache(maxsize=8)
def _boundary(lang: str) -> Callable[[str, int, int], re.Match[str] | None]:
    """Finds a clause boundary of :data:`CLAUSE_BOUNDARY` in ``text[start:end]``: ``(text, start, end)``."""
    return patterns.compile(f"[{re.escape(CLAUSE_BOUNDARY.get(lang, ','))}]").search


def joinable_sentences(text: str, spans: list[tuple[int, int]], lang: str) -> list[bool]:
    """Whether each sentence of ``text`` has a clause boundary inside (before its last character)."""
    boundary = _boundary(lang)
    return [boundary(text, start, end - 1) is not None for start, end in spans]


def document_ratio(context: Context) -> float:
    """Characters of the second language per character of the first, over the document's aligned units."""
    return context.once(f"{NAME}.ratio", _ratio, context)


def _ratio(context: Context) -> float:
    first, second = context.langs
    a = b = 0
    for record in context.alignment.records:
        if first in record.text and second in record.text:
            a += len(record.text[first])
            b += len(record.text[second])
    return b / a if a and b else 1.0


def unit_context(context: Context) -> str:
    """What :func:`check_unit` reads beyond its unit: the document's length ratio."""
    return repr(document_ratio(context))


def check_unit(context: Context, record: Record) -> list[Finding]:
    if context.pair(record) is None:
        return []

    first, second = context.langs
    texts = [record.text[first], record.text[second]]
    spans = [sentence_spans(text, lang) for text, lang in zip(texts, context.langs, strict=True)]
    if len(spans[0]) == len(spans[1]) == 1 or not spans[0] or not spans[1]:
        return []
    lengths = [[end - start for start, end in side] for side in spans]
    findings: list[Finding] = []
    joinable = tuple(
        joinable_sentences(text, side, lang) for text, side, lang in zip(texts, spans, context.langs, strict=True)
    )
    for bead in pair(lengths[0], lengths[1], document_ratio(context), (joinable[0], joinable[1])):
        if bead.first and bead.second:
            continue
        lang, index = (first, bead.first[0]) if bead.first else (second, bead.second[0])
        side = 0 if bead.first else 1
        start, end = spans[side][index]
        other = context.langs[1 - side]
        if (end - start) * (1 if side == 0 else 3) < MIN_SENTENCE:
            continue
        counts = f"{len(spans[0])} sentences in {context.name(first)}, {len(spans[1])} in {context.name(second)}"
        message = (
            f"a sentence of the {context.name(lang)} has no counterpart in the {context.name(other)} ({counts}): "
            f"{quote(texts[side][start:end])}"
        )
        findings.append(Finding(NAME, "error", message, spans_of(record, {lang: [(start, end)]}, in_text=True)))
    return findings
