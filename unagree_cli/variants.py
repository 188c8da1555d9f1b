"""The forms a search query stands for: inflections, spellings, hyphens, widths and punctuation.

``unagree search`` (without ``--exact``) finds what a reader means, not only the
characters typed: ``arrangement`` finds "arrangements", ``Party`` "Parties",
``Organisation`` "Organization", ``Secretary General`` "Secretary-General",
``laissez passer`` "laissez-passer", ``ＩＯＭ`` "IOM" and ``第70/263号`` "第 70／263 号".

The rules are data, one table per language in ``data/search-variants.json``
(``all`` applies to every language): characters that stand for each other,
what may join two words, prefixes written with or without a hyphen, British
and American spellings (whole words and endings), plural endings and
irregular plurals. A language with no table of its own still gets the
``all`` rules; a language written without spaces (Chinese) matches its query
as a substring, ignoring spaces. Nothing here imports typer or rich.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from .fastclass import dataclass

TABLE_FILE = Path(__file__).parent / "data" / "search-variants.json"


@dataclass(frozen=True)
class Rules:
    """One language's variant table, merged with the rules for every language."""

    chars: dict[str, str]  # character -> every character that stands for it (a regex class body)
    hyphens: str  # the characters of the hyphen group
    separators: tuple[str, ...]
    prefixes: tuple[str, ...] = ()
    spellings: dict[str, frozenset[str]] | None = None
    endings: tuple[tuple[str, str], ...] = ()
    min_stem: int = 4
    plural: tuple[tuple[str, str, str], ...] = ()
    irregular: dict[str, frozenset[str]] | None = None
    possessive: tuple[str, ...] = ()
    not_plural: tuple[str, ...] = ()
    min_word: int = 3


@cache
def _tables() -> dict[str, Any]:
    from .store import loads  # json.loads without importing json (see there)

    data: dict[str, Any] = loads(TABLE_FILE.read_bytes().strip())
    return data


def _groups(pairs: list[list[str]]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for group in pairs:
        members = frozenset(g.lower() for g in group)
        for member in members:
            out[member] = out.get(member, frozenset()) | members
    return out


@cache
def rules(lang: str) -> Rules:
    """The variant rules for ``lang`` (the ``all`` table alone for a language without one)."""
    tables = _tables()
    common: dict[str, Any] = tables.get("all", {})
    own: dict[str, Any] = tables.get(lang, {})
    chars: dict[str, str] = {}
    hyphens = "-"
    for group in [*common.get("chars", []), *own.get("chars", [])]:
        members = "".join(dict.fromkeys(group))
        if "-" in members:
            hyphens = members
        for member in members:
            chars[member] = "".join(dict.fromkeys(chars.get(member, "") + members))
    return Rules(
        chars=chars,
        hyphens=hyphens,
        separators=tuple(dict.fromkeys([*common.get("separators", []), *own.get("separators", [])])),
        prefixes=tuple(sorted(own.get("prefixes", []), key=len, reverse=True)),
        spellings=_groups(own.get("spellings", [])),
        endings=tuple((a, b) for a, b in own.get("endings", [])),
        min_stem=int(own.get("min_stem", 4)),
        plural=tuple((a, b, c) for a, b, c in own.get("plural", [])),
        irregular=_groups(own.get("irregular", [])),
        possessive=tuple(own.get("possessive", [])),
        not_plural=tuple(own.get("not_plural_endings", [])),
        min_word=int(own.get("min_word", 3)),
    )


# ---------------------------------------------------------------- characters


def char_pattern(char: str, table: Rules) -> str:
    """A character, its full-width/half-width twins and the characters that stand for it, as a regex."""
    forms = {char, unicodedata.normalize("NFKC", char)}
    for form in list(forms):
        forms.update(table.chars.get(form, ""))
    for form in list(forms):
        if len(form) == 1 and "!" <= form <= "~":
            forms.add(chr(ord(form) + 0xFEE0))
    if len(forms) == 1:
        return re.escape(char)
    ordered = sorted(forms, key=lambda f: (-len(f), f))
    if all(len(f) == 1 for f in ordered):
        return "[" + "".join(re.escape(f) for f in ordered) + "]"
    return "(?:" + "|".join(re.escape(f) for f in ordered) + ")"


def text_pattern(text: str, table: Rules) -> str:
    return "".join(char_pattern(c, table) for c in text)


# ---------------------------------------------------------------- words


def _spelled(word: str, table: Rules) -> set[str]:
    """``word`` and its other spellings (whole words, then endings)."""
    out = {word}
    if table.spellings:
        out |= table.spellings.get(word, frozenset())
    for form in list(out):
        for one, other in table.endings:
            for end, swap in ((one, other), (other, one)):
                if form.endswith(end) and len(form) - len(end) >= table.min_stem:
                    out.add(form[: len(form) - len(end)] + swap)
    return out


def _singulars(word: str, table: Rules) -> set[str]:
    """``word`` and what it may be the plural (or third person) of."""
    out = {word}
    if table.irregular:
        out |= table.irregular.get(word, frozenset())
    if word.endswith(table.not_plural):
        return out
    for single, plural, before in table.plural:
        if not word.endswith(plural):
            continue
        stem = word[: len(word) - len(plural)]
        lemma = stem + single
        if len(lemma) < table.min_word or not stem:
            continue
        if before and not re.search(f"(?:{before}){re.escape(single)}$", lemma):
            continue
        out.add(lemma)
    return out


def _plurals(word: str, table: Rules) -> set[str]:
    out: set[str] = set()
    if table.irregular:
        out |= table.irregular.get(word, frozenset())
    for single, plural, before in table.plural:
        if not word.endswith(single):
            continue
        if before and not re.search(f"(?:{before}){re.escape(single)}$", word):
            continue
        out.add(word[: len(word) - len(single)] + plural)
    return out


def word_forms(word: str, lang: str) -> list[str]:
    """Every form a query word stands for in ``lang``, lower case, longest first (``party``: parties, party's ...)."""
    table = rules(lang)
    folded = unicodedata.normalize("NFKC", word).lower()
    if not folded.isalpha() or len(folded) < table.min_word or not table.plural:
        return sorted(_spelled(folded, table), key=lambda f: (-len(f), f))
    forms: set[str] = set()
    for spelling in _spelled(folded, table):
        lemmas = _singulars(spelling, table) - {spelling}
        irregular = table.irregular.get(spelling, frozenset()) if table.irregular else frozenset()
        forms |= {spelling, *irregular}
        for lemma in (lemmas - irregular) or {spelling}:
            forms |= {lemma, *_plurals(lemma, table)}
    for form in list(forms):
        forms |= _spelled(form, table)
    forms |= {
        form + mark for form in list(forms) for mark in table.possessive if not (form.endswith("s") and "s" in mark)
    }
    return sorted(forms, key=lambda f: (-len(f), f))


def _form_pattern(form: str, table: Rules) -> str:
    """A word form as a regex; a prefix may be set off by a hyphen or a space (co-operation, cooperation)."""
    for prefix in table.prefixes:
        if form.startswith(prefix) and len(form) - len(prefix) >= 3:
            hyphen = "[" + re.escape(table.hyphens) + "]"
            return text_pattern(prefix, table) + rf"(?:{hyphen}|\s+)?" + text_pattern(form[len(prefix) :], table)
    return text_pattern(form, table)


def words_of(query: str, lang: str) -> list[str]:
    """The words of a query: split at whitespace and hyphens (``Secretary-General``: Secretary, General)."""
    return split_words(unicodedata.normalize("NFKC", query), rules(lang).hyphens)


def split_words(text: str, hyphens: str) -> list[str]:
    """``[w for w in re.split(rf"(?:\\s|[{re.escape(hyphens)}])+", text) if w]`` without compiling a pattern
    (a few hundred microseconds for a class of wide dashes): ``\\s`` and ``str.split`` split at the same
    characters, those ``str.isspace`` calls whitespace."""
    return text.translate(dict.fromkeys(map(ord, hyphens), " ")).split()


def is_word_char(char: str) -> bool:
    """``re.match(r"\\w", char) is not None`` for one character, without the pattern: a letter, a digit or
    another number character (``str.isalnum``), or an underscore."""
    return char.isalnum() or char == "_"


def spaced_pattern(query: str, lang: str) -> str:
    """The regex of a query in a language written with spaces, every variant included."""
    table = rules(lang)
    words = words_of(query, lang)
    if not words:
        return text_pattern(query.strip(), table)
    hyphen = "[" + re.escape(table.hyphens) + "]"
    others = "".join(re.escape(s) for s in table.separators if s not in table.hyphens)
    joiner = rf"(?:\s*{hyphen}\s*|\s*[{others}]\s*|\s+|)" if others else rf"(?:\s*{hyphen}\s*|\s+|)"
    parts = []
    for word in words:
        forms = word_forms(word, lang)
        alternatives = list(dict.fromkeys(_form_pattern(f, table) for f in forms))
        parts.append(alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")")
    body = joiner.join(parts)
    if is_word_char(words[0][0]):
        body = r"(?<!\w)" + body
    if is_word_char(words[-1][-1]):
        body += r"(?!\w)"
    return body


def spaceless_pattern(query: str, lang: str) -> str:
    """The regex of a query in a language written without spaces: a substring, spaces ignored."""
    table = rules(lang)
    return r"\s*".join(char_pattern(c, table) for c in unicodedata.normalize("NFKC", query) if not c.isspace())


def _common_prefix(forms: list[str]) -> str:
    first = min(forms, key=len)
    for index, char in enumerate(first):
        if any(f[index] != char for f in forms):
            return first[:index]
    return first


def prefilter(query: str, langs: Sequence[str], spaceless: bool = False) -> str:
    """A piece of text every match of the query in ``langs`` contains (folded as the index folds), or ``""``.

    For languages written with spaces: the longest common beginning of one
    word's forms in every language of ``langs`` (after a prefix that may be
    set off), cut at any character that has stand-ins (hyphens, apostrophes,
    punctuation). It is part of the query's own word, so a match in a language
    written without spaces, which holds the query's characters, contains it
    too. ``spaceless``: the longest such run of the query itself.
    """
    tables = [rules(lang) for lang in langs]
    stand_ins = {char for table in tables for char in table.chars}

    def safe(text: str) -> str:
        """The longest run of letters and digits that have no stand-ins."""
        runs, run = [], ""
        for char in text:
            if char.isalnum() and char not in stand_ins:
                run += char
            else:
                runs.append(run)
                run = ""
        runs.append(run)
        return max(runs, key=len, default="")

    if spaceless or not langs:  # the query itself, spaces left out
        return safe("".join(unicodedata.normalize("NFKC", query).lower().split()))
    best = ""
    hyphens = "".join(dict.fromkeys(c for table in tables for c in table.hyphens))
    words = split_words(unicodedata.normalize("NFKC", query), hyphens)
    for word in words:
        tails = []
        for lang, table in zip(langs, tables, strict=True):
            for form in word_forms(word, lang):
                prefix = next((p for p in table.prefixes if form.startswith(p) and len(form) - len(p) >= 3), "")
                tails.append(form[len(prefix) :])
        candidate = safe(_common_prefix(tails))
        if len(candidate) > len(best):
            best = candidate
    return best
