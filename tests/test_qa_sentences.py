"""The ``sentences`` check's Gale-Church pairing against a plain dynamic programme over the same band."""

from __future__ import annotations

import math
import random
from itertools import pairwise

import pytest

from unagree_cli.qa import sentences
from unagree_cli.qa.sentences import BAND, CLAUSE_BOUNDARY, PRIORS, joinable_sentences, pair


def reference_pair(
    first: list[int], second: list[int], ratio: float, joinable: tuple[list[bool], list[bool]] | None = None
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The cheapest pairing, cell by cell in a dictionary: every bead of :data:`PRIORS` from every cell of the band.

    The band is :func:`pair`'s (row ``i`` from ``max(0, min(middle - BAND, previous high))`` to
    ``min(m, middle + BAND)``); a bead may come only from a cell of the band; of equal costs the
    first bead in the order of :data:`PRIORS` wins.
    """
    n, m = len(first), len(second)
    join_a = joinable[0] if joinable is not None else [True] * n
    join_b = joinable[1] if joinable is not None else [True] * m
    cost: dict[tuple[int, int], float] = {}
    move: dict[tuple[int, int], tuple[int, int]] = {}
    high = -1
    for i in range(n + 1):
        middle = i * m // n if n else m
        low = max(0, min(middle - BAND, high)) if i else 0
        high = min(m, middle + BAND) if n else m
        for j in range(low, high + 1):
            if i == j == 0:
                cost[0, 0] = 0.0
                continue
            best, chosen = math.inf, (0, 0)
            for di, dj in PRIORS:
                if (i - di, j - dj) not in cost:
                    continue
                if di == 2 and dj == 1 and not join_b[j - 1]:
                    continue
                if di == 1 and dj == 2 and not join_a[i - 1]:
                    continue
                total = cost[i - di, j - dj] - math.log(PRIORS[di, dj])
                if di and dj:
                    length_a = sum(first[i - di : i])
                    length_b = sum(second[j - dj : j])
                    total = cost[i - di, j - dj] + (
                        -math.log(PRIORS[di, dj]) + sentences._length_cost(length_a, length_b, ratio)
                    )
                if total < best:
                    best, chosen = total, (di, dj)
            cost[i, j] = best
            move[i, j] = chosen
    beads = []
    i, j = n, m
    while i or j:
        di, dj = move[i, j]
        beads.append((tuple(range(i - di, i)), tuple(range(j - dj, j))))
        i, j = i - di, j - dj
    return beads[::-1]


def test_reference_pairs_a_split_sentence() -> None:
    assert reference_pair([100, 100], [66], 0.33) == [((0, 1), (0,))]


@pytest.mark.parametrize("seed", range(12))
def test_pair_is_the_plain_dynamic_programme(seed: int) -> None:
    """Random lengths, counts (none, one, equal, far apart, beyond the band), ratios and clause boundaries."""
    rng = random.Random(seed)
    for _ in range(60):
        n = rng.choice([0, 1, 2, 3, rng.randint(0, 40), rng.randint(0, 120)])
        m = rng.choice([0, 1, 2, 3, n, rng.randint(0, 40), rng.randint(0, 120)])
        low, high = rng.choice([(1, 200), (0, 5), (30, 40), (1, 1000)])
        first = [rng.randint(low, high) for _ in range(n)]
        second = [rng.randint(low, high) for _ in range(m)]
        ratio = rng.choice([1.0, 0.33, 3.0, rng.uniform(0.05, 5.0), 0.0])
        joinable = None
        if rng.random() < 0.8:  # none, a few or half of the sentences joinable, or all
            share = rng.choice([0.0, 0.02, 0.5, 1.0])
            joinable = ([rng.random() < share for _ in first], [rng.random() < share for _ in second])
        got = [(bead.first, bead.second) for bead in pair(first, second, ratio, joinable)]
        assert got == reference_pair(first, second, ratio, joinable), (first, second, ratio, joinable)


def test_pair_of_a_long_unit_with_few_lengths() -> None:
    """Thousands of sentences of a few lengths, one language's count 1.7 times the other's (ties galore)."""
    first = [90, 91, 95, 120] * 150
    second = [54, 56, 60] * 340
    got = [(bead.first, bead.second) for bead in pair(first, second, 0.6)]
    assert got == reference_pair(first, second, 0.6)


@pytest.mark.parametrize("lang", ["en", "zh", "fr"])
def test_joinable_sentences_have_a_boundary_before_their_last_character(lang: str) -> None:
    rng = random.Random(7)
    for _ in range(200):
        text = "".join(rng.choice("ab ,;:，；：.。") for _ in range(rng.randint(1, 40)))
        cuts = sorted(rng.sample(range(len(text) + 1), min(len(text) + 1, rng.randint(2, 6))))
        spans = [(start, end) for start, end in pairwise(cuts) if end > start]
        marks = CLAUSE_BOUNDARY.get(lang, ",")
        expected = [any(mark in text[start : end - 1] for mark in marks) for start, end in spans]
        assert joinable_sentences(text, spans, lang) == expected
