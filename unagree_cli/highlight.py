"""Spans of text that carry meaning: deontic words, search hits, the words behind a QA finding.

Plain data shared by the library (which finds spans) and the view layer (which draws them).
Offsets are Python string indices into the unit text the span was found in; ``end`` is exclusive.
This module imports neither typer nor rich.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # made without compiling code at import (start-up time): see fastclass
    from .fastclass import dataclass

if TYPE_CHECKING:
    from .model import Record, TreatySet
    from .search import Match, Query

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


@dataclass(frozen=True)
class Span:
    """``text[start:end]`` is of ``kind``; ``note`` says why (a modality, a finding's message).

    Spans sort by position (start, end), then kind and note.
    """

    start: int
    end: int
    kind: str
    note: str = ""

    def __lt__(self, other: Span) -> bool:
        return (self.start, self.end, self.kind, self.note) < (other.start, other.end, other.kind, other.note)


# ---------------------------------------------------------------- deontic words


def deontic_spans(treaty: TreatySet, text: str, lang: str, *, operative: bool = False) -> list[Span]:
    """The deontic words of a unit text by modality (shall, may, shall not, is entitled to, 应, 可, 不得, 有权 ...).

    The words are the markers of the ``obligations`` rules for ``lang`` (read
    through :func:`marker_finder`, so their source can change); a language
    without rules has none. ``note`` is the modality. ``operative``: the text
    is an operative paragraph of a resolution (see :func:`operative_units`),
    whose opening verb is marked too ("Calls upon", "Notes", 促请, 注意到);
    an act done by being said ("Approves", 批准) binds no one and is not.
    """
    key = (id(treaty), lang)
    if key not in _FINDERS or _FINDERS[key][0] is not treaty:
        if len(_FINDERS) > 8:
            _FINDERS.clear()
        _FINDERS[key] = (treaty, marker_finder(treaty, lang))
    find = _FINDERS[key][1]
    if find is None or not text:
        return []
    return _drop_overlaps(
        sorted(Span(start, end, modality, modality) for start, end, modality in find(text, operative))
    )


def unit_deontic_spans(treaty: TreatySet, doc: str, lang: str) -> dict[str, list[Span]]:
    """The deontic spans of every unit of ``doc`` in ``lang``, by eId (units without any left out).

    An analysis like ``obligations``: kept in the cache for this document's files, the set's own data
    and this code, so a warm ``show`` draws its marks without compiling the grammar's patterns.
    """
    from .cache import cached_analysis, document_fingerprint

    def compute() -> dict[str, list[Span]]:
        version = treaty.versions.get((doc, lang))
        if version is None:
            return {}
        operative = operative_units(treaty, doc, lang)
        found: dict[str, list[Span]] = {}
        for unit in version.units:
            if unit.text and version.unit(unit.eid) is unit:  # the first unit of an eId, as lookups give
                spans = deontic_spans(treaty, unit.text, lang, operative=unit.eid in operative)
                if spans:
                    found[unit.eid] = spans
        return found

    name = f"highlight.deontic/{doc}/{lang}"
    return cached_analysis(treaty, name, compute, dict[str, list[Span]], content=document_fingerprint(treaty, doc))


class DeonticMarks:
    """The deontic spans of records, each document's table read once (see :func:`unit_deontic_spans`).

    A record whose text is not its unit's text (made up by a view) has its spans found afresh.
    """

    def __init__(self, treaty: TreatySet) -> None:
        self.treaty = treaty
        self._tables: dict[tuple[str, str], dict[str, list[Span]]] = {}
        self._operative: dict[tuple[str, str], frozenset[str]] = {}

    def __call__(self, record: Record, lang: str, text: str | None = None) -> list[Span]:
        """The spans of ``text`` (default: the record's text in ``lang``)."""
        text = record.text.get(lang, "") if text is None else text
        if not text:
            return []
        key = (record.doc, lang)
        version = self.treaty.versions.get(key)
        unit = version.unit(record.eid) if version is not None else None
        if unit is not None and unit.text == text:
            if key not in self._tables:
                self._tables[key] = unit_deontic_spans(self.treaty, record.doc, lang)
            return list(self._tables[key].get(record.eid, ()))
        if key not in self._operative:
            self._operative[key] = operative_units(self.treaty, record.doc, lang)
        return deontic_spans(self.treaty, text, lang, operative=record.eid in self._operative[key])


def operative_units(treaty: TreatySet, doc: str, lang: str) -> frozenset[str]:
    """The eIds of ``doc``'s operative paragraphs in ``lang``: none unless an opening formula names a body.

    As ``unagree obligations`` reads a resolution: after "The General
    Assembly," (大会，) each paragraph of the body is an act of that body.
    """
    from .obligations import BODY_KINDS, LANGUAGES, grammar

    version = treaty.versions.get((doc, lang))
    if version is None or lang not in LANGUAGES:
        return frozenset()
    lexicon = grammar(treaty, lang).lexicon
    formula = any(
        u.kind == "formula" and u.eid.startswith("preamble") and lexicon.is_name_only(u.text) for u in version.units
    )
    return frozenset(u.eid for u in version.units if formula and u.kind in BODY_KINDS and u.text)


MarkerFinder = Callable[[str, bool], list[tuple[int, int, str]]]
_FINDERS: dict[tuple[int, str], tuple[TreatySet, MarkerFinder | None]] = {}


def marker_finder(treaty: TreatySet, lang: str) -> MarkerFinder | None:
    """A function of ``(text, operative)`` giving the ``(start, end, modality)`` of every deontic marker, or None.

    It reads the markers from the ``obligations`` grammar of ``lang``: the
    same words, and the same lexical exceptions (应 in 应联合国的要求 is "at
    the request of", 理事会 is not 会), that ``unagree obligations`` uses.
    """
    from .obligations import LANGUAGES, grammar

    if lang not in LANGUAGES:
        return None
    rules = grammar(treaty, lang)

    def find(text: str, operative: bool = False) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        offset = 0
        for index, sentence in enumerate(rules.sentences(text)):
            start = text.find(sentence, offset)
            if start < 0:
                continue
            opening = rules.operative(sentence) if operative and index == 0 else None
            if opening is not None and opening.modality is not None:
                out.append((start, start + len(sentence[: opening.end].rstrip()), opening.modality))
            out.extend((start + m.start, start + m.end, m.modality) for m in rules.markers(sentence))
            offset = start + len(sentence)
        return out

    return find


# ---------------------------------------------------------------- search hits


def hit_spans(matches: Iterable[Match], lang: str, field: str = "text") -> list[Span]:
    """The spans of a search hit's matches in one language and field (``text`` or ``heading``)."""
    return sorted(Span(m.start, m.end, HIT, "match") for m in matches if m.lang == lang and m.field == field)


def counterpart_spans(treaty: TreatySet, query: Query, record: Record, lang: str, field: str = "text") -> list[Span]:
    """The glossary counterparts, in ``lang``, of what ``query`` matches in the record's other languages.

    A search for ``Secretary-General`` marks 秘书长 in the Chinese text: for each
    glossary pair, if the query matches one of the term's forms whole in a
    language where the record has a match, the term's forms in ``lang`` are
    marked (``note`` names the term). Forms are found as written (with the
    variants of :mod:`unagree_cli.search`).
    """
    from .search import compile_query

    value = (record.heading or {}).get(lang) if field == "heading" else record.text.get(lang)
    if not value:
        return []
    matched_langs = {m.lang for m in query.find(record) if m.lang != lang}
    out: list[Span] = []
    for term in treaty.glossary:
        source = next(
            (
                form
                for other in matched_langs
                for form in term.forms(other)
                if (pattern := query.patterns.get(other)) is not None and pattern.fullmatch(form)
            ),
            None,
        )
        if source is None:
            continue
        for form in term.forms(lang):
            found = compile_query(form, [lang], exact=query.exact)
            out += [
                Span(m.start, m.end, HIT, f"glossary: {source}")
                for m in found.find(_single(record, lang, field, value))
            ]
    return _drop_overlaps(sorted(set(out)))


def _single(record: Record, lang: str, field: str, value: str) -> Record:
    from .model import Record

    if field == "heading":
        return Record(record.doc, record.ref, record.eid, record.kind, record.num, {}, {lang: value})
    return Record(record.doc, record.ref, record.eid, record.kind, record.num, {lang: value})


def search_spans(treaty: TreatySet, query: Query, record: Record, lang: str, field: str = "text") -> list[Span]:
    """Every span to mark for a search in one language of a hit: the matches, then the glossary counterparts."""
    matches = query.find(record)
    own = hit_spans(matches, lang, field)
    return _drop_overlaps(sorted({*own, *counterpart_spans(treaty, query, record, lang, field)}), prefer=own)


# ---------------------------------------------------------------- QA findings


def finding_spans(findings: Iterable[Any], lang: str) -> list[Span]:
    """The words behind ``findings`` in ``lang``, as :data:`FINDING` spans whose note is the finding's message.

    A finding carries its spans as ``spans``: a mapping from language to
    :class:`Span` objects or ``(start, end)`` pairs. Findings without spans
    give none.
    """
    out: list[Span] = []
    for finding in findings:
        spans = getattr(finding, "spans", None) or {}
        message = str(getattr(finding, "message", ""))
        severity = str(getattr(finding, "severity", ""))
        note = f"{severity}: {message}" if severity else message
        for item in spans.get(lang, []) if isinstance(spans, Mapping) else []:
            if isinstance(item, Span):
                start, end = item.start, item.end
            else:
                start, end = int(item[0]), int(item[1])
            if end > start:
                out.append(Span(start, end, FINDING, note))
    return sorted(out)


# ---------------------------------------------------------------- combining


def _drop_overlaps(spans: list[Span], prefer: Iterable[Span] = ()) -> list[Span]:
    """``spans`` without those that overlap an earlier kept one (``prefer`` kept first)."""
    kept: list[Span] = []
    for span in [*prefer, *(s for s in spans if s not in set(prefer))]:
        if all(span.end <= k.start or span.start >= k.end for k in kept):
            kept.append(span)
    return sorted(kept)


def merge(*groups: Iterable[Span]) -> list[Span]:
    """Several span lists as one, without overlaps: a span of an earlier group wins over a later one."""
    kept: list[Span] = []
    for group in groups:
        for span in sorted(group):
            if all(span.end <= k.start or span.start >= k.end for k in kept):
                kept.append(span)
    return sorted(kept)
