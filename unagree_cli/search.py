"""Full-text search over unit records, in every language of the corpus.

Matching is kept apart from where records come from: :func:`compile_query`
builds a :class:`Query`, :meth:`Query.find` matches one record, and
:func:`search_records` runs a query over any iterable of records (the whole
corpus from :func:`unit_records` today, an index's candidates tomorrow).

Rules: case is ignored. A plain query in a language written with spaces
(English) matches whole words, and a phrase matches across any run of
whitespace, so ``UN`` does not match inside ``under``. In a language written
without spaces (Chinese) a plain query is a substring; spaces in the query or
the text are ignored.

By default a query also finds the forms a reader means (:mod:`.variants`):
inflections (``arrangement``: arrangements; ``Party``: Parties), British and
American spellings (``Organisation``: Organization), words joined by a
hyphen, a space or nothing (``Secretary General``: Secretary-General),
full-width and half-width forms and Chinese punctuation (``ＩＯＭ``: IOM;
``第70/263号`` finds ``第 70／263 号``). ``exact=True`` matches the query as typed
(case and runs of whitespace still ignored). ``regex=True`` takes the query as
a regular expression in Python's syntax, the same for every language,
run on a linear-time engine (see :mod:`.userregex`): no pattern can take
longer than the text is long.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .model import Record, TreatySet

if TYPE_CHECKING:
    from dataclasses import dataclass

    from .userregex import Finder
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from .fastclass import dataclass

SPACELESS_LANGS = frozenset({"zh", "ja", "ko", "th"})
"""Languages written without spaces between words: plain queries match substrings."""

MAX_QUERY_CHARS = 1000


class QueryError(ValueError):
    """A query that cannot be searched for: empty, too long, or an invalid regular expression."""


@dataclass(frozen=True)
class Match:
    """One match in one language of a record: offsets into its ``text`` or ``heading``."""

    lang: str
    field: str  # "text" or "heading"
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "field": self.field, "start": self.start, "end": self.end, "text": self.text}


_new = object.__new__
_set = object.__setattr__


def _match(lang: str, field: str, start: int, end: int, text: str) -> Match:
    """``Match(lang, field, start, end, text)``, made without the generic ``__init__``: a search makes thousands."""
    made: Match = _new(Match)
    _set(made, "__dict__", {"lang": lang, "field": field, "start": start, "end": end, "text": text})
    return made


def _char_class(char: str) -> str:
    """A character and its full-width/half-width twins, as a regex."""
    forms = {char, unicodedata.normalize("NFKC", char)}
    for form in list(forms):
        if len(form) == 1 and "!" <= form <= "~":
            forms.add(chr(ord(form) + 0xFEE0))
    if len(forms) == 1:
        return re.escape(char)
    return "(?:" + "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f))) + ")"


def phrase_pattern(phrase: str, lang: str) -> str:
    """The regex for a literal word or phrase in ``lang`` (see the module docstring)."""
    if lang in SPACELESS_LANGS:
        return r"\s*".join(_char_class(c) for c in phrase if not c.isspace())
    words = phrase.split()
    body = r"\s+".join(re.escape(word) for word in words)
    if not words:
        return body
    if words[0][0].isalnum() or words[0][0] == "_":  # re.match(r"\w", ...) without the pattern
        body = r"(?<!\w)" + body
    if words[-1][-1].isalnum() or words[-1][-1] == "_":
        body += r"(?!\w)"
    return body


def exact_pattern(phrase: str, lang: str) -> str:
    """The regex for a phrase as typed: :func:`phrase_pattern` without width folding in a language without spaces."""
    if lang in SPACELESS_LANGS:
        return r"\s*".join(re.escape(c) for c in phrase if not c.isspace())
    return phrase_pattern(phrase, lang)


@dataclass(frozen=True)
class Query:
    """A compiled query: one pattern per language searched."""

    text: str
    regex: bool
    patterns: dict[str, Finder]
    exact: bool = False
    prefilter: str | None = None
    """Text every match contains (folded as :func:`unagree_cli.index.search_key` folds); None: no such text."""

    @property
    def langs(self) -> list[str]:
        return list(self.patterns)

    def find(self, record: Record) -> list[Match]:
        """Every non-empty match in ``record``, by language, heading before text."""
        found: list[Match] = []
        headings, texts = record.heading, record.text
        for lang, pattern in self.patterns.items():
            if headings:
                value = headings.get(lang)
                if value:
                    _find_in(pattern, value, lang, "heading", found)
            value = texts.get(lang)
            if value:
                _find_in(pattern, value, lang, "text", found)
        return found


def has_match(pattern: Finder, text: str) -> bool:
    """Whether ``pattern`` has a non-empty match in ``text`` (one :meth:`Query.find` keeps), stopping at the first."""
    for hit in pattern.finditer(text):
        start, end = hit.span()
        if end > start:
            return True
    return False


def _find_in(pattern: Finder, value: str, lang: str, field: str, found: list[Match]) -> None:
    """Append the non-empty matches of ``pattern`` in ``value`` to ``found``, each made as :func:`_match` makes it."""
    for hit in pattern.finditer(value):
        start, end = hit.span()
        if end > start:
            made: Match = _new(Match)
            _set(made, "__dict__", {"lang": lang, "field": field, "start": start, "end": end, "text": hit.group()})
            found.append(made)


def variant_pattern(text: str, lang: str) -> str:
    """The regex for a query and every form it stands for in ``lang`` (see :mod:`.variants`)."""
    from .variants import spaced_pattern, spaceless_pattern

    return spaceless_pattern(text, lang) if lang in SPACELESS_LANGS else spaced_pattern(text, lang)


def _prefilter(text: str, langs: Sequence[str], regex: bool, exact: bool) -> str | None:
    if regex:
        return None
    if exact:
        return text
    from .variants import prefilter

    spaced = [lang for lang in langs if lang not in SPACELESS_LANGS]
    found = prefilter(text, spaced) if spaced else prefilter(text, list(langs), spaceless=True)
    return found or None


def compile_query(text: str, langs: Sequence[str], regex: bool = False, exact: bool = False) -> Query:
    """Build the query for ``langs``; raise :class:`QueryError` for an empty or invalid one.

    ``exact``: match the query as typed, without the variants of :mod:`.variants`.
    """
    if not text.strip():
        raise QueryError("empty search query")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"search query is too long ({len(text)} characters; at most {MAX_QUERY_CHARS})")
    patterns: dict[str, Finder] = {}
    if regex:
        from .userregex import RegexError, compile_user

        try:
            compiled = compile_user(text)
        except RegexError as exc:
            raise QueryError(str(exc)) from None
        return Query(text, regex, dict.fromkeys(langs, compiled))
    for lang in langs:
        source = exact_pattern(text, lang) if exact else variant_pattern(text, lang)
        try:
            patterns[lang] = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise QueryError(f"invalid regular expression '{text}': {exc}") from exc
        except (OverflowError, RecursionError) as exc:
            raise QueryError(f"regular expression '{text}' is too complex") from exc
    return Query(text, regex, patterns, exact, _prefilter(text, langs, regex, exact))


@dataclass
class Hit:
    """A record that matched, with where it matched."""

    record: Record
    matches: list[Match]

    def to_dict(self) -> dict[str, Any]:
        data = self.record.to_dict()
        data["matches"] = [m.to_dict() for m in self.matches]
        return data

    @property
    def address(self) -> str:
        """``doc:ref``, a reference ``unagree show`` accepts."""
        return f"{self.record.doc}:{self.record.ref}"


def make_hit(record: Record, matches: list[Match]) -> Hit:
    """``Hit(record, matches)``, made without the generic ``__init__`` (as :func:`_match`)."""
    made: Hit = _new(Hit)
    _set(made, "__dict__", {"record": record, "matches": matches})
    return made


def unit_records(treaty: TreatySet, docs: Sequence[str]) -> Iterator[Record]:
    """Every unit record of ``docs`` (in that order), with all its languages."""
    for doc in docs:
        yield from treaty.records(doc, treaty.langs_of(doc))


def search_records(query: Query, records: Iterable[Record]) -> Iterator[Hit]:
    """The records among ``records`` that ``query`` matches, in the order given."""
    for record in records:
        matches = query.find(record)
        if matches:
            yield make_hit(record, matches)


def search(treaty: TreatySet, query: Query, docs: Sequence[str] | None = None) -> list[Hit]:
    """Search ``docs`` (default: every document, in corpus order)."""
    return list(search_records(query, unit_records(treaty, docs or treaty.doc_keys())))


def cell(row: dict[str, Any], lang: str) -> tuple[str, list[tuple[int, int]]]:
    """A hit (as :meth:`Hit.to_dict`) in ``lang`` as one string, heading then text, and the spans to highlight."""
    heading = (row.get("heading") or {}).get(lang, "")
    text = row["text"].get(lang, "")
    offset = len(heading) + 1 if heading and text else 0
    whole = f"{heading}\n{text}" if heading and text else heading or text
    spans = [
        (m["start"], m["end"]) if m["field"] == "heading" else (m["start"] + offset, m["end"] + offset)
        for m in row.get("matches", [])
        if m["lang"] == lang
    ]
    return whole, spans


def addresses(hits: Iterable[Hit]) -> list[str]:
    """The distinct ``doc:ref`` of ``hits`` in order (a list's intro and wrap-up share one)."""
    seen: dict[str, None] = {}
    for hit in hits:
        seen.setdefault(hit.address, None)
    return list(seen)


def summary(hits: Sequence[Hit], langs: Sequence[str]) -> str:
    """``3 units, 5 matches (en 4, zh 1)``."""
    per_lang = {lang: sum(1 for h in hits for m in h.matches if m.lang == lang) for lang in langs}
    total = sum(per_lang.values())
    units = "unit" if len(hits) == 1 else "units"
    matches = "match" if total == 1 else "matches"
    detail = ", ".join(f"{lang} {count}" for lang, count in per_lang.items())
    return f"{len(hits)} {units}, {total} {matches} ({detail})"


# ---------------------------------------------------------------- context, keyword in context, counts


@dataclass
class Shown:
    """A unit to print: a hit, or (``hit`` None) a neighbouring unit shown for context (``-C N``)."""

    record: Record
    hit: Hit | None

    @property
    def is_context(self) -> bool:
        return self.hit is None

    def to_dict(self) -> dict[str, Any]:
        data = self.hit.to_dict() if self.hit else self.record.to_dict()
        data["context"] = self.hit is None
        return data


def with_context(records_of: Callable[[str], Sequence[Record]], hits: Sequence[Hit], around: int) -> list[Shown]:
    """The hits with ``around`` units before and after each, from the same document, each unit once, in order.

    ``records_of(doc)`` gives a document's units in order (those searched).
    """
    if around <= 0:
        return [Shown(hit.record, hit) for hit in hits]
    by_doc: dict[str, list[Hit]] = {}
    for hit in hits:
        by_doc.setdefault(hit.record.doc, []).append(hit)
    out: list[Shown] = []
    for doc, doc_hits in by_doc.items():
        records = list(records_of(doc))
        position = {record.eid: index for index, record in enumerate(records)}
        hit_at = {position[h.record.eid]: h for h in doc_hits if h.record.eid in position}
        wanted: set[int] = set()
        for index in hit_at:
            wanted.update(range(max(0, index - around), min(len(records), index + around + 1)))
        out += [Shown(records[i], hit_at.get(i)) for i in sorted(wanted)]
    return out


@dataclass
class InContext:
    """One match with the words around it, and the aligned unit in the other languages: a ``--kwic`` line."""

    hit: Hit
    match: Match
    left: str
    right: str
    other: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        record = self.hit.record
        return {
            "doc": record.doc,
            "ref": record.ref,
            "eid": record.eid,
            "lang": self.match.lang,
            "field": self.match.field,
            "start": self.match.start,
            "end": self.match.end,
            "left": self.left,
            "match": self.match.text,
            "right": self.right,
            "other": self.other,
        }


def cells(text: str) -> int:
    """Terminal cells ``text`` takes (wide East Asian characters take two; ASCII text one a character)."""
    if text.isascii():
        return len(text)
    width = unicodedata.east_asian_width
    return sum(2 if width(c) in "WF" else 1 for c in text)


def _fits(text: str, width: int) -> bool:
    """``cells(text) <= width``, told from the length alone where it can be (a character takes one or two cells)."""
    length = len(text)
    if length > width:
        return False
    return 2 * length <= width or cells(text) <= width


def _flat(text: str) -> str:
    return " ".join(text.split())


def _cut_left(text: str, width: int) -> str:
    """The end of ``text`` in at most ``width`` cells, on one line, "…" where cut."""
    flat = _flat(text) + (" " if text[-1:].isspace() and text.strip() else "")
    if _fits(flat, width):
        return flat
    return "…" + "".join(reversed(_fitting(reversed(flat), width - 1)))


def _fitting(chars: Iterable[str], room: int) -> list[str]:
    """The first of ``chars`` that fit in ``room`` cells together (counted as they come, not again a character)."""
    width = unicodedata.east_asian_width
    kept: list[str] = []
    used = 0
    for char in chars:
        used += 2 if width(char) in "WF" else 1
        if used > room:
            break
        kept.append(char)
    return kept


def _cut_right(text: str, width: int) -> str:
    """The start of ``text`` in at most ``width`` cells, on one line, "…" where cut."""
    return cut_to((" " if text[:1].isspace() and text.strip() else "") + _flat(text), width)


def cut_to(text: str, width: int) -> str:
    """``text`` (one line, spacing kept) in at most ``width`` cells, "…" where cut."""
    if _fits(text, width):
        return text
    return "".join(_fitting(text, width - 1)) + "…"


def in_context(hits: Sequence[Hit], width: int = 30) -> list[InContext]:
    """A keyword-in-context line per match: ``width`` cells of text either side, the other languages whole."""
    out: list[InContext] = []
    for hit in hits:
        record = hit.record
        for match in hit.matches:
            source = (record.heading or {}).get(match.lang, "") if match.field == "heading" else record.text[match.lang]
            other = {lang: text for lang, text in record.text.items() if lang != match.lang}
            left = _cut_left(source[: match.start], width)
            right = _cut_right(source[match.end :], width)
            out.append(InContext(hit, match, left, right, other))
    return out


def kwic_line(
    item: InContext, width: int, ref_width: int, line_width: int | None = None, ref: str | None = None
) -> str:
    """``ref  …left [match] right…  │ other``: the match in brackets, the left context right-aligned.

    ``line_width`` (a terminal): the other language is cut to end the line
    there; when less than 16 cells would be left for it, it goes on a line of
    its own below, indented.
    """
    ref = item.hit.address if ref is None else ref
    left = " " * max(0, width - cells(item.left)) + item.left
    line = f"{ref:<{ref_width}}  {left}[{_flat(item.match.text)}]{item.right}"
    other = "  ".join(_flat(text) for text in item.other.values())
    if line_width is None:
        return line + (f"  │ {other}" if other else "")
    line = cut_to(line, line_width)
    if not other:
        return line
    room = line_width - cells(line) - 4
    if room >= 16:
        return f"{line}  │ {_cut_right(other, room)}"
    indent = min(ref_width + 2, line_width // 3)
    return f"{line}\n{' ' * indent}│ {_cut_right(other, max(1, line_width - indent - 2))}"


def kwic_lines(
    hits: Sequence[Hit],
    records_of: Callable[[str], Sequence[Record]] | None = None,
    around: int = 0,
    line_width: int | None = None,
    sets: Sequence[str] | None = None,
) -> list[str]:
    """The ``--kwic`` listing: a line per match, with ``around`` neighbouring units as ``doc:ref-`` lines.

    ``records_of(doc)`` gives a document's units (needed for ``around``);
    ``line_width`` fits the lines to a terminal (None: whole lines, for
    pipes); ``sets`` names the treaty set of each hit, first on its lines.
    """
    names = {id(hit): name for hit, name in zip(hits, sets or [], strict=False)}
    shown = with_context(records_of, hits, around) if around and records_of else []
    shown = shown or [Shown(hit.record, hit) for hit in hits]

    def address(unit: Shown) -> str:
        own = f"{unit.record.doc}:{unit.record.ref}" + ("-" if unit.hit is None else "")
        return f"{names[id(unit.hit)]} {own}" if names and unit.hit is not None else own

    ref_width = max(len(address(unit)) for unit in shown)
    width = 30 if line_width is None else max(8, min(30, (line_width - ref_width - 11) // 4))
    by_hit: dict[int, list[InContext]] = {}
    for item in in_context(hits, width):
        by_hit.setdefault(id(item.hit), []).append(item)
    lines = []
    for unit in shown:
        if unit.hit is None:
            parts = [*(unit.record.heading or {}).values(), *unit.record.text.values()]
            line = address(unit).ljust(ref_width + 2) + "  ".join(_flat(t) for t in parts if t.strip())
            lines.append(line if line_width is None else cut_to(line, line_width))
            continue
        lines += [kwic_line(item, width, ref_width, line_width, address(unit)) for item in by_hit.get(id(unit.hit), [])]
    return lines


def count_lines(hits: Sequence[Hit], per_doc: Sequence[Count], langs: Sequence[str]) -> list[str]:
    """The ``--count`` listing: ``agreement   9 units, 12 matches (en 12, zh 0)`` per document, then a total."""
    width = max([len(c.doc) for c in per_doc] + [5])
    lines = [f"{c.doc:<{width}}  {summary([h for h in hits if h.record.doc == c.doc], langs)}" for c in per_doc]
    if len(per_doc) > 1:
        lines.append(f"{'total':<{width}}  {summary(hits, langs)}")
    return lines


@dataclass
class Count:
    """How many units and matches a search found, per document and language (``--count``)."""

    doc: str
    units: int
    matches: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "units": self.units, "matches": sum(self.matches.values()), "by_lang": self.matches}


def counts(hits: Sequence[Hit], docs: Sequence[str], langs: Sequence[str]) -> list[Count]:
    """Units and matches per document of ``docs`` (zero for a document without a match)."""
    out = []
    for doc in docs:
        mine = [h for h in hits if h.record.doc == doc]
        per_lang = {lang: sum(1 for h in mine for m in h.matches if m.lang == lang) for lang in langs}
        out.append(Count(doc, len(mine), per_lang))
    return out
