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

from collections import Counter
from typing import TYPE_CHECKING

from .. import patterns
from ..model import Record
from ..obligations.sentences import sentence_spans
from . import Context, Finding, both, by_sentence, spans_of

if TYPE_CHECKING:
    from ..obligations.lexicon import Lexicon

NAME = "parties"


def _lexicon(context: Context, lang: str) -> Lexicon:
    key = f"{NAME}.lexicon.{lang}"
    if key not in context.cache:
        from .modality import grammar_of

        rules = grammar_of(context, lang)  # the modality check's grammar: one lexicon per language and document
        if rules is not None:
            context.cache[key] = rules.lexicon
        else:
            from ..obligations.lexicon import Lexicon

            context.cache[key] = Lexicon(context.treaty, lang)
    lexicon: Lexicon = context.cache[key]
    return lexicon


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
    key = f"{NAME}.short"
    if key not in context.cache:
        context.cache[key] = frozenset(
            organ.id
            for party in context.treaty.parties
            for organ in party.organs
            if any(_is_short(name, lang) for lang in context.langs for name in organ.names.get(lang, []))
        )
    return context.cache[key]  # type: ignore[no-any-return]


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
    if both(record, context.langs) is None or len(context.treaty.parties) < 2:
        return []

    first, second = context.langs
    texts = [record.text[first], record.text[second]]
    if not texts[0] or texts[0].isspace() or not texts[1] or texts[1].isspace():  # blank: no copy stripped
        return []
    skip = short_organs(context)
    found = [mentions(_lexicon(context, lang), text, skip) for text, lang in zip(texts, context.langs, strict=True)]
    if not found[0] or not found[1]:
        return []  # a swap needs a party named more often in each language: none is named in one of them
    spans = [sentence_spans(text, lang) for text, lang in zip(texts, context.langs, strict=True)]
    if len(spans[0]) != len(spans[1]):
        spans = [[(0, len(texts[0]))], [(0, len(texts[1]))]]
    buckets = [by_sentence([m[1] for m in names], side) for names, side in zip(found, spans, strict=True)]
    findings: list[Finding] = []
    for index in range(len(spans[0])):
        mine = [found[0][i] for i in buckets[0][index]]
        theirs = [found[1][i] for i in buckets[1][index]]
        if [p for p, _, _ in mine] == [p for p, _, _ in theirs]:
            continue  # the same parties in the same order: the common case, without counting
        a, b = Counter(p for p, _, _ in mine), Counter(p for p, _, _ in theirs)
        more_first = [p for p in a if a[p] > b[p]]
        more_second = [p for p in b if b[p] > a[p]]
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


def _counts(a: Counter[str], b: Counter[str], parties: list[str], context: Context) -> str:
    first, second = context.langs
    return "; ".join(f"{p}: {a[p]} in {context.name(first)}, {b[p]} in {context.name(second)}" for p in parties)
