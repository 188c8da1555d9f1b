"""Full-text search over unit records, in every language of the corpus.

Matching is kept apart from where records come from: :func:`compile_query`
builds a :class:`Query`, :meth:`Query.find` matches one record, and
:func:`search_records` runs a query over any iterable of records (the whole
corpus from :func:`unit_records` today, an index's candidates tomorrow).

Rules: case is ignored. A plain query in a language written with spaces
(English) matches whole words, and a phrase matches across any run of
whitespace, so ``UN`` does not match inside ``under``. In a language written
without spaces (Chinese) a plain query is a substring; spaces in the query or
the text are ignored and full-width and half-width forms of the same character
match each other (``第70/263号`` finds ``第 70/263 号``). ``regex=True`` takes the
query as a regular expression in Python's syntax, the same for every language,
run on a linear-time engine (see :mod:`.userregex`): no pattern can take
longer than the text is long.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .model import Record, TreatySet

if TYPE_CHECKING:
    from .userregex import Finder

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
    if re.match(r"\w", words[0][0]):
        body = r"(?<!\w)" + body
    if re.match(r"\w", words[-1][-1]):
        body += r"(?!\w)"
    return body


@dataclass(frozen=True)
class Query:
    """A compiled query: one pattern per language searched."""

    text: str
    regex: bool
    patterns: dict[str, Finder]

    @property
    def langs(self) -> list[str]:
        return list(self.patterns)

    def find(self, record: Record) -> list[Match]:
        """Every non-empty match in ``record``, by language, heading before text."""
        found: list[Match] = []
        for lang, pattern in self.patterns.items():
            for field, value in (("heading", (record.heading or {}).get(lang)), ("text", record.text.get(lang))):
                if not value:
                    continue
                for hit in pattern.finditer(value):
                    if hit.end() > hit.start():
                        found.append(Match(lang, field, hit.start(), hit.end(), hit.group()))
        return found


def compile_query(text: str, langs: Sequence[str], regex: bool = False) -> Query:
    """Build the query for ``langs``; raise :class:`QueryError` for an empty or invalid one."""
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
        source = phrase_pattern(text, lang)
        try:
            patterns[lang] = re.compile(source, re.IGNORECASE)
        except re.error as exc:
            raise QueryError(f"invalid regular expression '{text}': {exc}") from exc
        except (OverflowError, RecursionError) as exc:
            raise QueryError(f"regular expression '{text}' is too complex") from exc
    return Query(text, regex, patterns)


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


def unit_records(treaty: TreatySet, docs: Sequence[str]) -> Iterator[Record]:
    """Every unit record of ``docs`` (in that order), with all its languages."""
    for doc in docs:
        yield from treaty.records(doc, treaty.langs_of(doc))


def search_records(query: Query, records: Iterable[Record]) -> Iterator[Hit]:
    """The records among ``records`` that ``query`` matches, in the order given."""
    for record in records:
        matches = query.find(record)
        if matches:
            yield Hit(record, matches)


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
