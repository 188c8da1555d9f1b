"""``parties``: one party named where the other language names another (a swapped party).

The names of the parties and their organs come from ``treaty.yaml`` (the
obligations lexicon matches them in each language). Per unit (per sentence
pair when the sentences pair up), the mentions of each party are counted in
both languages. Chinese often repeats a name where English says "it", so a
party named more often in one language is not a finding by itself; a swap is
one party named more often in one language while another party is named more
often in the other. The finding names both parties.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import patterns
from ..model import Record
from ..obligations.sentences import cached_spans
from . import Context, Finding, by_sentence, spans_of

if TYPE_CHECKING:
    from ..obligations.lexicon import Lexicon

NAME = "parties"


def _lexicon(context: Context, lang: str) -> Lexicon:
    return context.once(f"{NAME}.lexicon.{lang}", _make_lexicon, context, lang)


def _make_lexicon(context: Context, lang: str) -> Lexicon:
    from .modality import grammar_of

    rules = grammar_of(context, lang)  # the modality check's grammar: one lexicon per language and document
    if rules is not None:
        return rules.lexicon
    from ..obligations.lexicon import Lexicon

    return Lexicon(context.treaty, lang)


JOINS: dict[str, str] = {"en": r"\s*(?:of\s+(?:the\s+)?|'s\s+|’s\s+)?", "zh": r"的?"}
"""What may stand between two names of one party that name one thing: "Director General of the IOM", 联合国大会."""
SHORT_ORGAN: dict[str, int] = {"en": 1, "zh": 2}
"""An organ name this short (in words; in characters for Chinese) is too ambiguous to count: "Council", 大会."""


def _is_short(surface: str, lang: str) -> bool:
    size = len(surface) if lang == "zh" else len(surface.split())
    return size <= SHORT_ORGAN.get(lang, 0)


def short_organs(context: Context) -> frozenset[str]:
    """Organs with a name too short to count in any language compared ("General Assembly" ↔ 大会): left
    out in every language, so that a name counted in one language only is no mismatch."""
    return context.once(f"{NAME}.short", _short_organs, context)


def _short_organs(context: Context) -> frozenset[str]:
    return frozenset(
        organ.id
        for party in context.treaty.parties
        for organ in party.organs
        if any(_is_short(name, lang) for lang in context.langs for name in organ.names.get(lang, []))
    )


def mentions(lexicon: Lexicon, text: str, skip: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
    """(party, start, end) of each name of a party or of one of its organs in ``text``.

    Names joined into one ("Director General of the International Organization
    for Migration") count once; short organ names are left out, and the organs of ``skip``.
    """
    lang = lexicon.lang
    join = patterns.compile(JOINS.get(lang, r"\s*"))
    out: list[tuple[str, int, int]] = []
    for term, start, end in lexicon.mentions(text):
        if term.organ is not None and (_is_short(term.surface, lang) or (skip is not None and term.organ in skip)):
            continue
        if out and out[-1][0] == term.party and join.fullmatch(text, out[-1][2], start):
            out[-1] = (term.party, out[-1][1], end)
            continue
        out.append((term.party, start, end))
    return out


def check_unit(context: Context, record: Record) -> list[Finding]:
    lexicons, skip = _prepared(context)
    if lexicons is None or context.pair(record) is None:
        return []

    first, second = context.langs
    texts = [record.text[first], record.text[second]]
    if not texts[0] or texts[0].isspace() or not texts[1] or texts[1].isspace():  # blank: no copy stripped
        return []
    found = [mentions(lexicons[0], texts[0], skip)]
    if not found[0]:
        return []  # a swap needs a party named more often in each language: none is named in one of them
    found.append(mentions(lexicons[1], texts[1], skip))
    if not found[1]:
        return []
    spans = [cached_spans(text, lang) for text, lang in zip(texts, context.langs, strict=True)]
    if len(spans[0]) == len(spans[1]) > 1:
        buckets = [by_sentence([m[1] for m in names], side) for names, side in zip(found, spans, strict=True)]
        pairs = [
            ([found[0][i] for i in mine], [found[1][i] for i in theirs])
            for mine, theirs in zip(buckets[0], buckets[1], strict=True)
        ]
    else:  # one sentence each, or the whole units compared: every name is in it (a name starts with no blank)
        pairs = [(found[0], found[1])]
    findings: list[Finding] = []
    for mine, theirs in pairs:
        named_mine, named_theirs = [p for p, _, _ in mine], [p for p, _, _ in theirs]
        if named_mine == named_theirs or not named_mine or not named_theirs:
            continue  # the same parties in the same order (the common case, without counting), or none in one
        a, b = _count(named_mine), _count(named_theirs)
        more_first = [p for p in a if a[p] > b.get(p, 0)]
        more_second = [p for p in b if b[p] > a.get(p, 0)]
        if not more_first or not more_second:
            continue
        message = (
            f"the {context.name(first)} names {', '.join(more_first)} where the {context.name(second)} names "
            f"{', '.join(more_second)} ({_counts(a, b, [*more_first, *more_second], context)})"
        )
        behind = {
            first: [(s, e) for p, s, e in mine if p in more_first],
            second: [(s, e) for p, s, e in theirs if p in more_second],
        }
        findings.append(Finding(NAME, "error", message, spans_of(record, behind, in_text=True)))
    return findings


_PREPARED = f"{NAME}.prepared"


def _prepared(context: Context) -> tuple[tuple[Lexicon, Lexicon] | None, frozenset[str]]:
    """The lexicons of the pair's languages (None with fewer than two parties: no swap) and the organs left
    out (:func:`short_organs`): looked up once a document, not at every unit."""
    return context.once(_PREPARED, _prepare, context)


def _prepare(context: Context) -> tuple[tuple[Lexicon, Lexicon] | None, frozenset[str]]:
    first, second = context.langs
    lexicons = (_lexicon(context, first), _lexicon(context, second)) if len(context.treaty.parties) >= 2 else None
    return lexicons, short_organs(context)


def _count(names: list[str]) -> dict[str, int]:
    """How many times each party is named, in order of first mention (a Counter, without its cost: a unit
    names a few)."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return counts


def _counts(a: dict[str, int], b: dict[str, int], parties: list[str], context: Context) -> str:
    first, second = context.langs
    return "; ".join(
        f"{p}: {a.get(p, 0)} in {context.name(first)}, {b.get(p, 0)} in {context.name(second)}" for p in parties
    )
