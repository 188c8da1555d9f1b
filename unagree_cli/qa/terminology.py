"""``terminology``: the corpus glossary, applied to each aligned pair.

For every glossary term the English occurrences need Chinese counterparts:
when the Chinese has fewer (counting the canonical form and accepted
variants), that is a finding. More in the Chinese is not: Chinese often
repeats a name where English says "it". A form the glossary lists as
``deprecated`` is flagged, and so is a near-miss of a term (one character
dropped, added, changed or two swapped: 国际移民组 for 国际移民组织), as a
likely typo. Both count as the term's counterpart, so one slip is one finding.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from .. import patterns
from ..model import GlossaryTerm, Record
from . import Context, Finding, SpanSet, excerpt, spans_of

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass

NAME = "terminology"
NEAR_MISS_MIN = {"en": 8, "zh": 5}  # shorter forms have too many innocent one-letter neighbours (数据中心 / 数据中的)

Span = tuple[int, int]


class _Patterns:
    """The module's regular expressions, each compiled the first time it is used (not at import: start-up time)."""

    @cached_property
    def WORD(self) -> re.Pattern[str]:
        return patterns.compile(r"[A-Za-z][A-Za-z'’-]*")


_RE = _Patterns()


def is_ideographic(window: str) -> bool:
    """Whether ``window`` is CJK ideographs only (a final newline aside, as ``^[…]+$`` reads it).

    A plain test rather than a regular expression: a class over the ideograph blocks costs about a
    millisecond to compile, more than every window a run looks at.
    """
    body = window[:-1] if window.endswith("\n") else window
    return bool(body) and all("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in body)


@dataclass(frozen=True)
class Hit:
    """Where a term was found: exactly, in a deprecated form, or as a near-miss."""

    start: int
    end: int
    kind: str  # "exact", "deprecated" or "near"
    form: str  # the glossary form matched (for a near-miss: the form it resembles)


def exact_spans(text: str, form: str, lang: str) -> list[Span]:
    """Where ``form`` occurs in ``text``: whole words in English, anywhere in Chinese."""
    if form[1:] not in text:  # a plain substring test first: most forms are in no given unit
        return []
    if lang == "zh" and form:  # a literal: found by str.find, as a pattern would find it (left to right, no overlaps)
        return [(start, start + len(form)) for start in _occurrences(text, form, len(form))]
    if lang != "zh" and len(form) > 1:
        return _word_spans(text, form)
    return [(m.start(), m.end()) for m in _form_pattern(form, lang).finditer(text)]


_WORD_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-")
"""What may not touch an English form on either side (the ``[A-Za-z0-9-]`` of :func:`_form_pattern`)."""


@lru_cache(maxsize=1024)
def _form_parts(form: str) -> tuple[frozenset[str], str, tuple[str, ...]]:
    """An English form as :func:`_form_pattern` reads it: the characters its first may be, the rest of it (a
    last ``y`` left out when it may be ``ies``), and the endings tried after the rest, in the pattern's order."""
    head = form[0]
    heads = frozenset(head.lower() + head.upper()) if head.islower() else frozenset(head)
    words = form.split()
    last = words[-1] if words else ""
    if last.isalpha() and last.islower() and not last.endswith("s"):
        if last.endswith("y"):
            return heads, form[1:-1], ("y", "ies")
        return heads, form[1:], ("s", "es", "")
    return heads, form[1:], ("",)


def _word_spans(text: str, form: str) -> list[Span]:
    """:func:`_form_pattern`'s matches of an English form, found with ``str.find`` (no pattern compiled).

    Each occurrence of the form's rest, left to right, is a match when the character before it is one the
    first may be, nothing word-like precedes that, and an ending follows that nothing word-like touches.
    """
    heads, rest, endings = _form_parts(form)
    if not rest:  # a form of one letter and a y: the pattern itself
        return [(m.start(), m.end()) for m in _form_pattern(form, "en").finditer(text)]
    spans: list[Span] = []
    position = text.find(rest, 1)
    while position >= 0:
        start, after = position - 1, position + len(rest)
        found = -1
        if text[start] in heads and (start == 0 or text[start - 1] not in _WORD_CHARS):
            for ending in endings:
                end = after + len(ending)
                if text.startswith(ending, after) and (end == len(text) or text[end] not in _WORD_CHARS):
                    found = end
                    break
        if found >= 0:
            spans.append((start, found))
            position = text.find(rest, found + 1)  # the next match starts after this one
        else:
            position = text.find(rest, position + 1)
    return spans


@lru_cache(maxsize=1024)
def _form_pattern(form: str, lang: str) -> re.Pattern[str]:
    if lang == "zh":
        return patterns.compile(re.escape(form))
    head = form[0]
    first = f"[{head.lower()}{head.upper()}]" if head.islower() else re.escape(head)
    last = form.split()[-1] if form.split() else ""
    plural = ""
    if last.isalpha() and last.islower() and not last.endswith("s"):  # "emblem" finds "emblems"
        plural = "(?:s|es)?"
        if last.endswith("y"):
            body = re.escape(form[1:-1])
            return patterns.compile(rf"(?<![A-Za-z0-9-]){first}{body}(?:y|ies)(?![A-Za-z0-9-])")
    return patterns.compile(rf"(?<![A-Za-z0-9-]){first}{re.escape(form[1:])}{plural}(?![A-Za-z0-9-])")


def _overlaps(span: Span, taken: SpanSet) -> bool:
    return taken.overlaps(span[0], span[1])  # bisection: a term a thousand times in a unit is not a million tests


def find_forms(text: str, forms: list[str], lang: str, kind: str, taken: SpanSet) -> list[Hit]:
    """Non-overlapping occurrences of ``forms``, longest first; claims their spans in ``taken``."""
    hits: list[Hit] = []
    present = [form for form in forms if form and form[1:] in text]  # most forms are in no given unit
    for form in sorted(present, key=len, reverse=True) if len(present) > 1 else present:
        for span in exact_spans(text, form, lang):
            if not _overlaps(span, taken):
                taken.add(*span)
                hits.append(Hit(span[0], span[1], kind, form))
    return hits


def one_edit(candidate: str, form: str) -> bool:
    """True when ``candidate`` is ``form`` with one character dropped, added, changed, or two swapped."""
    if candidate == form or abs(len(candidate) - len(form)) > 1:
        return False
    if len(candidate) == len(form):
        i = 0
        while candidate[i] == form[i]:  # they differ somewhere
            i += 1
        if candidate[i + 1 :] == form[i + 1 :]:
            return True  # one character changed
        return (  # two neighbours swapped, nothing else changed
            i + 1 < len(form)
            and candidate[i] == form[i + 1]
            and candidate[i + 1] == form[i]
            and candidate[i + 2 :] == form[i + 2 :]
        )
    short, long = (candidate, form) if len(candidate) < len(form) else (form, candidate)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]


def _occurrences(text: str, part: str, step: int = 1) -> list[int]:
    """Start offsets of every occurrence of ``part`` in ``text``, overlapping ones too
    (``step=len(part)``: each search starts after the last occurrence, none overlapping)."""
    found: list[int] = []
    position = text.find(part)
    while position >= 0:
        found.append(position)
        position = text.find(part, position + step)
    return found


@lru_cache(maxsize=64)
def _known_starts(text: str, known: tuple[str, ...]) -> frozenset[int]:
    """Where a name the corpus knows starts in ``text``."""
    return frozenset(start for name in known if name and name in text for start in _occurrences(text, name))


def near_misses_zh(text: str, form: str, taken: SpanSet, known: Sequence[str] = ()) -> list[Hit]:
    """Chinese windows one edit away from ``form`` that overlap no known term.

    "国际移民组理事会" reads as 国际移民组织 with 织 dropped or changed to 理;
    when the character after the shorter reading starts a name the corpus
    knows (理事会), the dropped reading wins, else the changed one.
    """
    size = len(form)
    head, tail = form[:2], form[-2:]
    # a window is worth a look only if it shares its first or last two characters with the form
    candidates = set(_occurrences(text, head))
    candidates.update(p + len(tail) - w for p in _occurrences(text, tail) for w in (size - 1, size, size + 1))
    if not candidates:
        return []
    starts = _known_starts(text, tuple(known))
    hits: list[Hit] = []
    free = 0  # windows may not overlap a near-miss already found
    for start in sorted(c for c in candidates if c >= 0):
        if start < free or taken.overlaps(start, start + 1):
            continue  # (a window that starts inside a known term overlaps it, whatever its width)
        widths = (size - 1, size, size + 1) if start + size - 1 in starts else (size, size - 1, size + 1)
        for width in widths:
            window = text[start : start + width]
            span = (start, start + width)
            if len(window) < width or (window[:2] != head and window[-2:] != tail):
                continue
            if not one_edit(window, form) or not is_ideographic(window) or _overlaps(span, taken):
                continue
            taken.add(*span)
            hits.append(Hit(span[0], span[1], "near", form))
            free = span[1]
            break
    return hits


@lru_cache(maxsize=64)
def _words(text: str) -> tuple[Span, ...]:
    """The spans of the words of ``text`` (every form of every term looks at the same words)."""
    return _word_table(text)[0]


@lru_cache(maxsize=64)
def _by_first_letter(text: str) -> dict[str, tuple[int, ...]]:
    """The indexes of the words of ``text`` (:func:`_words`) by their first letter."""
    return _word_table(text)[1]


@lru_cache(maxsize=64)
def _letters_before(text: str) -> tuple[int, ...]:
    """For each word of ``text`` (:func:`_words`) and past the last, how many word characters come before it."""
    return _word_table(text)[2]


@lru_cache(maxsize=4)
def _word_table(text: str) -> tuple[tuple[Span, ...], dict[str, tuple[int, ...]], tuple[int, ...]]:
    """:func:`_words`, :func:`_by_first_letter` and :func:`_letters_before` of ``text``, in one pass."""
    spans = tuple(map(re.Match.span, _RE.WORD.finditer(text)))
    found: dict[str, list[int]] = {}
    letters = [0]
    total = 0
    for index, (start, end) in enumerate(spans):
        found.setdefault(text[start], []).append(index)
        total += end - start
        letters.append(total)
    return spans, {letter: tuple(indexes) for letter, indexes in found.items()}, tuple(letters)


@lru_cache(maxsize=4)
def _flat(text: str) -> str:
    """``text`` with every run of white space one space: what a candidate of :func:`near_misses_en` is read as."""
    return " ".join(text.split())


_PREFILTER = True
"""Whether :func:`near_misses_en` first asks if a near-miss can be there at all (tests compare both ways)."""


def near_misses_en(text: str, form: str, taken: SpanSet, known: Sequence[str] = ()) -> list[Hit]:
    """English word sequences one letter away from ``form`` (not a mere plural) that overlap no known term."""
    size = len(form)
    if _PREFILTER and size >= 3:
        # one edit (a character dropped, added or changed, or two neighbours swapped) leaves one of the
        # form's three thirds whole: where none is in the text, no candidate can be one edit away
        flat = _flat(text)
        first, second = size // 3, 2 * size // 3
        if form[:first] not in flat and form[first:second] not in flat and form[second:] not in flat:
            return []
    words = _words(text)
    letters = _letters_before(text)
    count = len(form.split())
    hits: list[Hit] = []
    for index in _by_first_letter(text).get(form[0], ()):  # a near-miss keeps its first letter
        if index > len(words) - count:
            break
        span = (words[index][0], words[index + count - 1][1])
        # the candidate is no longer than its span and no shorter than its words' letters: when either
        # bound is more than one character from the form's length, one_edit cannot hold (no string made)
        if span[1] - span[0] < size - 1 or letters[index + count] - letters[index] > size + 1:
            continue
        candidate = " ".join(text[span[0] : span[1]].split())
        if candidate[0] != form[0] or candidate in (form + "s", form + "es") or form in (candidate + "s",):
            continue
        if not _overlaps(span, taken) and one_edit(candidate, form):
            taken.add(*span)
            hits.append(Hit(span[0], span[1], "near", form))
    return hits


def find_terms(text: str, glossary: list[GlossaryTerm], lang: str, known: Sequence[str] = ()) -> list[list[Hit]]:
    """For each glossary term, its hits in ``text``: exact and deprecated forms, then near-misses.

    Terms are counted independently (联合国 counts inside 联合国大会, as
    "United Nations" does inside "General Assembly of the United Nations"),
    but a near-miss may not overlap any exact or deprecated form of any term.
    """
    return _find_terms(text, _plan(glossary, lang), lang, known)


@dataclass(frozen=True)
class _Plan:
    """What :func:`find_terms` reads of a glossary in one language, worked out once for all units."""

    forms: list[tuple[list[str], list[str]]]  # per term: accepted forms, deprecated forms
    near: list[tuple[int, list[str]]]  # terms longest first, each with its forms long enough for near-misses
    cores: list[tuple[str, int]]  # every form but its first character, with its term's index, in term order


_PLANS: dict[tuple[str, tuple[int, ...]], tuple[list[GlossaryTerm], _Plan]] = {}


def _plan(glossary: list[GlossaryTerm], lang: str) -> _Plan:
    key = (lang, tuple(map(id, glossary)))  # the terms themselves: a list changed in place gets a new plan
    kept = _PLANS.get(key)
    if kept is not None:
        return kept[1]
    forms = [(term.forms(lang), term.deprecated.get(lang, [])) for term in glossary]
    order = sorted(range(len(glossary)), key=lambda i: -max((len(f) for f in forms[i][0]), default=0))
    shortest = NEAR_MISS_MIN.get(lang, 8)
    near = [(i, [f for f in sorted(forms[i][0], key=len, reverse=True) if len(f) >= shortest]) for i in order]
    # a form is found only where the text holds all of it but its first character (whose case may vary)
    cores = [
        (form[1:], i) for i, (accepted, deprecated) in enumerate(forms) for form in (*accepted, *deprecated) if form
    ]
    plan = _Plan(forms, [(i, long) for i, long in near if long], cores)
    if len(_PLANS) > 16:
        _PLANS.clear()
    _PLANS[key] = (list(glossary), plan)  # the terms kept alive: their ids stay theirs
    return plan


def _find_terms(text: str, plan: _Plan, lang: str, known: Sequence[str]) -> list[list[Hit]]:
    found: list[list[Hit]] = [[] for _ in plan.forms]
    covered = SpanSet()
    # one pass of substring tests over every form picks the terms that may occur (most terms are in no
    # given unit); only theirs are searched, in glossary order
    for index in dict.fromkeys(i for core, i in plan.cores if core in text):
        accepted, deprecated = plan.forms[index]
        own = SpanSet()
        hits = find_forms(text, accepted, lang, "exact", own)
        if deprecated:
            hits += find_forms(text, deprecated, lang, "deprecated", own)
        for start, end in zip(own.starts, own.ends, strict=True):
            covered.add(start, end)
        found[index] = hits
    search = near_misses_zh if lang == "zh" else near_misses_en
    for index, forms in plan.near:
        for form in forms:
            found[index] += search(text, form, covered, known)
    return found


def known_names(context: Context, lang: str) -> list[str]:
    """Every name the corpus knows in ``lang``: glossary forms, parties and their organs (once per document)."""
    return context.once(f"{NAME}.known.{lang}", _known_names, context, lang)


_PLANNED = f"{NAME}.plans"


def _plans(context: Context) -> tuple[tuple[_Plan, list[str]], ...]:
    """Per language of the pair, the glossary's plan and the names the corpus knows: worked out once a document."""
    return context.once(_PLANNED, _make_plans, context)


def _make_plans(context: Context) -> tuple[tuple[_Plan, list[str]], ...]:
    glossary = context.treaty.glossary
    return tuple((_plan(glossary, lang), known_names(context, lang)) for lang in context.langs)


def _known_names(context: Context, lang: str) -> list[str]:
    names = [f for term in context.treaty.glossary for f in term.forms(lang)]
    for party in context.treaty.parties:
        names += party.names.get(lang, [])
        names += [n for organ in party.organs for n in organ.names.get(lang, [])]
    return names


def _term_label(term: GlossaryTerm, lang: str) -> str:
    return term.zh if lang == "zh" else f"'{term.en}'"


def check_unit(context: Context, record: Record) -> list[Finding]:
    glossary = context.treaty.glossary
    if not glossary:
        return []  # no term to find, nor a near-miss of one
    texts = context.pair(record)
    if texts is None:
        return []
    langs = context.langs
    hits = {
        lang: _find_terms(text, plan, lang, known)
        for lang, text, (plan, known) in zip(langs, texts, _plans(context), strict=True)
    }
    findings: list[Finding] = []
    for lang, text in zip(langs, texts, strict=True):
        other = langs[1] if lang == langs[0] else langs[0]
        for term, term_hits in zip(glossary, hits[lang], strict=True):
            if not any(hit.kind != "exact" for hit in term_hits):
                continue  # most terms: nothing to report, no label to make
            counterpart = _term_label(term, other)
            for hit in term_hits:
                surface, where = text[hit.start : hit.end], excerpt(text, hit.start, hit.end)
                if hit.kind == "deprecated":
                    findings.append(
                        Finding(
                            NAME,
                            "warning",
                            f"the {context.name(lang)} has {surface} ('{where}') for {counterpart}, "
                            f"a form the glossary deprecates; its term is {_term_label(term, lang)}",
                            spans_of(record, {lang: [(hit.start, hit.end)]}),
                        )
                    )
                elif hit.kind == "near":
                    findings.append(
                        Finding(
                            NAME,
                            "warning",
                            f"{surface} ('{where}') looks like a misspelling of {_term_label(term, lang)} "
                            f"({counterpart} in the {context.name(other)})",
                            spans_of(record, {lang: [(hit.start, hit.end)]}),
                        )
                    )
    source, target = langs
    short: list[str] = []
    behind: dict[str, list[tuple[int, int]]] = {source: [], target: []}
    for term, source_hits, target_hits in zip(glossary, hits[source], hits[target], strict=True):
        wanted = sum(1 for h in source_hits if h.kind == "exact")
        if wanted > len(target_hits):
            behind[source] += [(h.start, h.end) for h in source_hits if h.kind == "exact"]
            behind[target] += [(h.start, h.end) for h in target_hits]
            short.append(f"{_term_label(term, source)} {wanted} / {'/'.join(term.forms(target))} {len(target_hits)}")
    if short:
        findings.append(
            Finding(
                NAME,
                "warning",
                f"glossary terms of the {context.name(source)} without their counterpart in the {context.name(target)} "
                f"({context.name(source)} / {context.name(target)} count): " + "; ".join(short),
                spans_of(record, behind),
            )
        )
    return findings
