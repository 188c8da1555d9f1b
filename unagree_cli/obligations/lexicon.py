"""Who the text names: parties, organs and aliases from ``treaty.yaml``, matched in one language.

Nothing here is specific to a treaty: the names come from the corpus, and
only words of the language (articles, "and", 和, pronouns, "bodies", 机构)
live in code.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import TYPE_CHECKING

from .. import patterns
from ..model import TreatySet

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass


@dataclass(frozen=True)
class Term:
    """One name of a party or of one of its organs, in one language."""

    surface: str
    party: str
    organ: str | None = None


@dataclass(frozen=True)
class Item:
    """One bearer named in a chain: a party, an organ of it, or a pronoun.

    ``kind`` is ``name`` (a party or organ named), ``generic`` ("United
    Nations bodies", 联合国机构), ``all`` ("the Parties", 双方), ``back``
    ("They", 它们: the bearers of the sentence before), ``back-one`` ("It",
    它: the bearer before, if there was only one), ``none`` ("Neither Party",
    "No Party": every party, and the statement is a prohibition) or ``people``
    ("Representatives of X", X的代表: people or bodies acting for a party).
    """

    party: str | None
    organ: str | None
    start: int
    end: int
    kind: str = "name"


@dataclass(frozen=True)
class Chain:
    """Bearers joined by "and", "or", commas, 和, 与 ...: ``the United Nations and the IOM``."""

    items: tuple[Item, ...]
    start: int
    end: int

    @property
    def is_back_reference(self) -> bool:
        return any(item.kind.startswith("back") for item in self.items)


# ---------------------------------------------------------------- language words


class _LanguageWords:
    """The patterns for the words of each language, each compiled the first time it is used (not at import)."""

    @cached_property
    def EN_DETERMINER(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:(?:the|its|their|both|either|each\s+of)\s+)*", re.IGNORECASE)

    @cached_property
    def EN_CONNECTOR(self) -> re.Pattern[str]:
        return patterns.compile(
            r"\s*,\s*(?:and\s+|or\s+)?(?:by\s+|of\s+)?|\s+(?:and|or|as\s+well\s+as)\s+(?:by\s+|of\s+)?", re.IGNORECASE
        )

    @cached_property
    def EN_OF(self) -> re.Pattern[str]:
        return patterns.compile(r"\s+of\s+(?:the\s+)?", re.IGNORECASE)

    @cached_property
    def EN_GENERIC(self) -> re.Pattern[str]:
        return patterns.compile(r"\s+(?:bodies|body|organs|organ|officials|entities)\b", re.IGNORECASE)

    @cached_property
    def EN_BACK(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:they|(?P<one>it))\b", re.IGNORECASE)

    @cached_property
    def EN_ALL(self) -> re.Pattern[str]:
        return patterns.compile(
            r"(?:(?:the|both|the\s+two|each|either|one|a|any|each\s+of\s+the|either\s+of\s+the|the\s+other)\s+)?"
            r"(?:contracting\s+)?"
            r"(?:parties|party|organizations|organisations)\b"
            r"|(?:each|either|both|any|one)\s+of\s+them\b",  # "either of them may": the two just named
            re.IGNORECASE,
        )

    @cached_property
    def EN_NONE(self) -> re.Pattern[str]:
        """A subject that is no party at all: its statement is a prohibition for every party."""
        return patterns.compile(
            r"(?:neither|no|none)\s+(?:of\s+the\s+)?(?:two\s+)?(?:contracting\s+)?(?:parties|party)\b"
            r"|(?:neither|none)\s+of\s+them\b",
            re.IGNORECASE,
        )

    @cached_property
    def EN_PEOPLE(self) -> re.Pattern[str]:
        """People and bodies of a party, who act for it: "Representatives of", "members of the staff of"."""
        noun = (
            r"(?:representatives?|members?\s+of\s+(?:the\s+)?staff|staff\s+members?|staff|"
            r"officials?|officers?|experts?|delegates?|delegations?|personnel|agents?|employees?|organs?|"
            r"subsidiary\s+bodies|bodies|authorities)"
        )
        # "No officer or official of X": people of a party, none of whom may (a prohibition for the party)
        return patterns.compile(
            rf"(?:the\s+|any\s+|all\s+|(?P<no>no\s+))?{noun}(?:\s*,\s*{noun})*(?:\s+(?:or|and)\s+{noun})?\s+of\s+",
            re.IGNORECASE,
        )

    @cached_property
    def EN_BACK_PEOPLE(self) -> re.Pattern[str]:
        """People of the party named before: "its representatives", "their officials"."""
        return patterns.compile(
            r"(?:(?P<one>its)|their)\s+(?:representatives?|officials?|officers?|experts?|delegates?|delegations?|"
            r"staff(?:\s+members)?|personnel|agents?|employees?|organs?|subsidiary\s+bodies)\b",
            re.IGNORECASE,
        )

    @cached_property
    def EN_CONDITIONAL(self) -> re.Pattern[str]:
        return patterns.compile(
            r"\s*(?:if|when|where|whenever|should|once|in\s+the\s+event\s+that|in\s+case)\s+", re.IGNORECASE
        )

    @cached_property
    def EN_SUBJECT_FOLLOWER(self) -> re.Pattern[str]:
        """What may follow a bearer that is the subject of a clause.

        A verb, an adverb, a preposition, a connector or punctuation: "United
        Nations system" or "United Nations Development Group" are not the United Nations.
        """
        return patterns.compile(
            r"\s*(?:$|[,;:.)]|(?:shall|may|must|will|can|need|agrees?|undertakes?|recogni[sz]es?|recogni[sz]e|acknowledges?|"
            r"takes?|notes?|is|are|has|have|also|likewise|jointly|then|thereafter|further|each|both|alone|and|or|as|"
            r"on|in|within|upon|for|to|at|by|with|through|under|referred|concerned|mentioned|respectively|"
            r"hereby|accordingly|who|whose)\b)"
        )

    @cached_property
    def EN_BLOCKED_FOLLOWER(self) -> re.Pattern[str]:
        return patterns.compile(r"\s+(?:[A-Z][a-z]|system\b|Charter\b|Member\b|member\b)")

    @cached_property
    def ZH_CONNECTOR(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:以及|和|与|及|、|或|同)")

    @cached_property
    def ZH_GENERIC(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:各机构|有关机构|机构|机关)")

    @cached_property
    def ZH_BACK(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:它们|他们|(?P<one>它))")

    @cached_property
    def ZH_ALL(self) -> re.Pattern[str]:
        return patterns.compile(
            r"(?:每一缔约方|各缔约方|缔约双方|缔约各方|缔约任何一方|任何一方|任一缔约方|任何缔约方|一缔约方|每一方|双方|各方|"
            r"另一方|一方|两个组织|两组织|两国)"
        )

    @cached_property
    def EN_RECIPIENT(self) -> re.Pattern[str]:
        return patterns.compile(r"\b(?:to|for)\s+(?:the\s+)?$", re.IGNORECASE)

    @cached_property
    def ZH_RECIPIENT(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:向|给|提供给|交给|通知|告知|转交|交由|偿还给)$")

    @cached_property
    def ZH_PEOPLE(self) -> re.Pattern[str]:
        people = r"(?:代表团|代表|工作人员|官员|专家|人员|雇员|附属机构|主管机关)"
        item = r"[^，。；：的、或和及与]{1,4}"
        # 梅罗维亚共和国的任何行政、司法、军事或警察官员或人员: people of the party, with what qualifies them
        return patterns.compile(
            # 的任何行政、司法、军事或警察…: short qualifiers joined as a list, not a clause (的特权和豁免适用于官员)
            rf"(?:的(?:任何|所有|各|一切)?(?:{item}(?:、|或|和|及|与))*(?:{item})?|任何|所有|各|一切)?"
            rf"{people}(?:(?:或|和|及|与){people})?"
        )

    @cached_property
    def EN_TEMPORAL_END(self) -> re.Pattern[str]:
        return patterns.compile(r"(?!)")

    @cached_property
    def ZH_TEMPORAL_END(self) -> re.Pattern[str]:
        """A chunk that ends as a time clause, whose subject is the main clause's: 奥斯特拉收到通知后，应…"""
        return patterns.compile(r"(?:后|时|以后|之后|以前|之前)\s*$")

    @cached_property
    def ZH_CONDITIONAL(self) -> re.Pattern[str]:
        return patterns.compile(r"\s*(?:如果|倘若|假如|如|若|一旦|凡)")

    @cached_property
    def ZH_SUBJECT_FOLLOWER(self) -> re.Pattern[str]:
        return patterns.compile(
            r"$|[，,。；;：:、）)]|(?:以及|和|与|及|或|同|之间|也|还|亦|均|都|则|同样|并|应|可|须|必须|不|无权|无须|毋须|有权|有义务|获授权|同意|承诺|认为|非经|未经|除非|尤其|特别|"
            r"将|会|认识到|承认|确认|注意到|表示|在|根据|按照|依据|依照|为|以|就|向|对|于|经|由|从|已|曾|再|即|特此|各自|共同|"
            r"酌情|尽|彼此|相互|考虑到|鉴于|如|若|如果|倘若|一旦)"
        )

    @cached_property
    def ZH_BLOCKED_FOLLOWER(self) -> re.Pattern[str]:
        return patterns.compile(r"(?:系统|宪章|会员国|成员国|各组织|组织|发展|通行证|特权|豁免)")


_WORDS = _LanguageWords()
_PREFIX = {"en": "EN", "zh": "ZH"}
"""Which patterns of :class:`_LanguageWords` a language uses (a language without its own uses English's)."""
_WORD_NAMES = frozenset(name for name in vars(_LanguageWords) if name.isupper())


def __getattr__(name: str) -> re.Pattern[str]:
    """The module-level names the patterns had (``lexicon.EN_CONNECTOR``), compiled on first use."""
    if name in _WORD_NAMES:
        pattern: re.Pattern[str] = getattr(_WORDS, name)  # a cached_property of _LanguageWords, by name
        return pattern
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class Lexicon:
    """The names of the parties and organs of a treaty set in one language."""

    def __init__(self, treaty: TreatySet, lang: str) -> None:
        self.lang = lang
        self.party_ids = [party.id for party in treaty.parties]
        self.organ_owners: dict[str, list[str]] = {}
        terms: dict[str, list[Term]] = {}
        for party in treaty.parties:
            for name in party.names.get(lang, []):
                terms.setdefault(name, []).append(Term(name, party.id))
            for organ in party.organs:
                self.organ_owners.setdefault(organ.id, []).append(party.id)
                for name in organ.names.get(lang, []):
                    terms.setdefault(name, []).append(Term(name, party.id, organ.id))
        self.terms = terms
        self._name_only: dict[str, Chain | None] = {}
        self._words: dict[str, re.Pattern[str]] = {}
        self._folded = {self._fold(surface): found for surface, found in terms.items()}
        surfaces = sorted(terms, key=len, reverse=True)
        if not surfaces:
            self.pattern: re.Pattern[str] | None = None
        elif lang == "zh":
            self.pattern = patterns.compile("|".join(re.escape(s) for s in surfaces))
        else:
            alternatives = [re.escape(s) if _is_acronym(s) else f"(?i:{re.escape(s)})" for s in surfaces]
            self.pattern = patterns.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])")

    def words(self, name: str) -> re.Pattern[str]:
        """The language's pattern for a kind of word (``CONNECTOR``, ``ALL``, ``PEOPLE`` ...) from the tables above."""
        pattern = self._words.get(name)
        if pattern is None:  # asked thousands of times a document: looked up in the tables once per name
            pattern = self._words[name] = getattr(_WORDS, f"{_PREFIX.get(self.lang, 'EN')}_{name}")
        return pattern

    @staticmethod
    def _fold(surface: str) -> str:
        return surface if _is_acronym(surface) else surface.casefold()

    def match(self, text: str, pos: int) -> tuple[list[Term], int] | None:
        """The names that start exactly at ``pos`` (longest first) and where they end."""
        if self.pattern is None:
            return None
        found = self.pattern.match(text, pos)
        if not found:
            return None
        surface = found.group()
        terms = self.terms.get(surface) or self._folded.get(self._fold(surface), [])
        return (terms, found.end()) if terms else None

    def mentions(self, text: str) -> list[tuple[Term, int, int]]:
        """Every name in ``text`` with its span (the first owner of an ambiguous name)."""
        if self.pattern is None:
            return []
        out = []
        for found in self.pattern.finditer(text):
            terms = self.terms.get(found.group()) or self._folded.get(self._fold(found.group()), [])
            if terms:
                out.append((terms[0], found.start(), found.end()))
        return out

    # ------------------------------------------------------------ chains

    def chain(self, text: str, pos: int, *, strict: bool = True) -> Chain | None:
        """The bearers named from ``pos`` on, or None if ``text`` does not start with one there.

        ``strict`` asks that each bearer be followed by what may follow a
        subject (a verb, an adverb, a preposition, punctuation), so that
        "United Nations system" is not the United Nations.
        """
        items: list[Item] = []
        position = pos
        while True:
            item = self._item(text, position, strict=strict, first=not items)
            if item is None:
                break
            items.append(item)
            if item.kind in ("back", "back-one", "all"):
                break
            connector = self.words("CONNECTOR").match(text, item.end)
            if connector is None or connector.end() == item.end:
                break
            if strict and self._item(text, connector.end(), strict=True, first=False) is None:
                named = self.match(text, connector.end())
                blocked = self.words("BLOCKED_FOLLOWER")
                if named is not None and not blocked.match(text, named[1]):
                    return None  # 联合国与管理局间…协定的用语: the names modify a noun, they are not the subject
                break  # "the IOM and the United Nations system": the chain ends before a longer name
            position = connector.end()
        if not items:
            return None
        return Chain(tuple(items), items[0].start, items[-1].end)

    def _item(self, text: str, pos: int, *, strict: bool, first: bool) -> Item | None:
        if self.lang == "zh":
            return self._item_zh(text, pos, strict=strict, first=first)
        return self._item_en(text, pos, strict=strict, first=first)

    def _item_en(self, text: str, pos: int, *, strict: bool, first: bool) -> Item | None:
        start = pos
        determiner = self.words("DETERMINER").match(text, pos)
        pos = determiner.end() if determiner else pos
        if first:
            mine = self.words("BACK_PEOPLE").match(text, start)
            if mine:
                return Item(None, None, start, mine.end(), "back-one" if mine.group("one") else "back")
            back = self.words("BACK").match(text, pos)
            if back and pos == start:
                return Item(None, None, start, back.end(), "back-one" if back.group("one") else "back")
            nobody = self.words("NONE").match(text, start)
            if nobody and len(self.party_ids) > 1:
                return Item(None, None, start, nobody.end(), "none")
            every = self.words("ALL").match(text, start)
            if every and (len(self.party_ids) > 1):
                return Item(None, None, start, every.end(), "all")
        people = self.words("PEOPLE").match(text, start)
        if people:
            whose = self._item_en(text, people.end(), strict=strict, first=False)
            if whose is not None and whose.party is not None:
                kind = "people-none" if people.group("no") else "people"
                return Item(whose.party, whose.organ, start, whose.end, kind)
            return None
        found = self.match(text, pos)
        if found is None:
            return None
        terms, end = found
        term = terms[0]
        party, organ, kind = term.party, term.organ, "name"
        if organ is not None:
            owner = self.words("OF").match(text, end)
            if owner:
                of_party = self.match(text, owner.end())
                if of_party and of_party[0][0].organ is None:
                    owners = [t.party for t in terms]
                    named = of_party[0][0].party
                    if named in owners or len(owners) == 1:
                        party = named
                        end = of_party[1]
        else:
            generic = self.words("GENERIC").match(text, end)
            if generic:
                end, kind = generic.end(), "generic"
        if self.words("BLOCKED_FOLLOWER").match(text, end):
            return None
        if strict and not self.words("SUBJECT_FOLLOWER").match(text, end):
            return None
        return Item(party, organ, start, end, kind)

    def _item_zh(self, text: str, pos: int, *, strict: bool, first: bool) -> Item | None:
        if first:
            back = self.words("BACK").match(text, pos)
            if back:
                return Item(None, None, pos, back.end(), "back-one" if back.group("one") else "back")
            every = self.words("ALL").match(text, pos)
            if every and len(self.party_ids) > 1:
                return Item(None, None, pos, every.end(), "all")
        found = self.match(text, pos)
        if found is None:
            return None
        terms, end = found
        term = terms[0]
        party, organ, kind = term.party, term.organ, "name"
        if organ is None:
            # 联合国秘书长, 国际移民组织的管理局: a party followed by one of its organs
            after = end + 1 if text.startswith("的", end) else end
            inner = self.match(text, after)
            if inner and inner[0][0].organ is not None:
                owners = [t.party for t in inner[0]]
                organ = inner[0][0].organ
                party = party if party in owners else owners[0]
                end = inner[1]
            else:
                generic = self.words("GENERIC").match(text, end)
                if generic:
                    end, kind = generic.end(), "generic"
        people = self.words("PEOPLE").match(text, end)
        if people:
            end, kind = people.end(), "people"
        if self.words("BLOCKED_FOLLOWER").match(text, end):
            return None
        if strict and not self.words("SUBJECT_FOLLOWER").match(text, end):
            return None
        return Item(party, organ, pos, end, kind)

    def conditional_chain(self, text: str, pos: int) -> Chain | None:
        """The bearers named right after a conditional word at ``pos`` ("If Austerra ...", 如奥斯特拉…)."""
        pattern = self.words("CONDITIONAL")
        found = pattern.match(text, pos)
        if found is None:
            return None
        chain = self.chain(text, found.end(), strict=False)
        return None if chain is None or chain.is_back_reference else chain

    def named_parties(self, text: str, start: int, end: int) -> tuple[list[str], list[str], bool]:
        """Parties named in ``text[start:end]``: all of them, those named as recipients ("to the Authority",
        向管理局), and whether words for every party ("the Parties", 双方) occur there."""
        recipient = self.words("RECIPIENT")
        every = self.words("ALL")
        named: list[str] = []
        receiving: list[str] = []
        region = text[start:end]
        for term, begin, _ in self.mentions(region):
            if term.party not in named:
                named.append(term.party)
            if recipient.search(region[max(0, begin - 12) : begin]) and term.party not in receiving:
                receiving.append(term.party)
        everyone = any(m.group().strip() for m in every.finditer(region) if _is_word_start(region, m.start()))
        return named, receiving, everyone

    def is_name_only(self, text: str) -> Chain | None:
        """The chain if ``text`` is nothing but bearers (an opening formula: "The General Assembly,").

        Remembered per text: a document's opening formula is asked about again before each of its units.
        """
        if text in self._name_only:
            return self._name_only[text]
        found = self._is_name_only(text)
        if len(self._name_only) > 256:
            self._name_only.clear()
        self._name_only[text] = found
        return found

    def _is_name_only(self, text: str) -> Chain | None:
        stripped = text.rstrip(" ,，:：;；")
        lead = len(stripped) - len(stripped.lstrip())
        chain = self.chain(stripped, lead, strict=False)
        if chain is None or chain.is_back_reference or stripped[chain.end :].strip():
            return None
        return chain


def _is_word_start(text: str, position: int) -> bool:
    return position == 0 or not (text[position - 1].isascii() and text[position - 1].isalnum())


def _is_acronym(surface: str) -> bool:
    return surface.isascii() and surface.isupper() and len(surface) <= 8
