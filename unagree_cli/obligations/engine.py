"""The extraction procedure shared by every language.

A :class:`Grammar` subclass (``english``, ``chinese``) says how its language
writes modal markers, clause boundaries, passives and subordinate clauses;
:meth:`Grammar.analyse` walks a unit's sentences with it:

1. find the markers (shall, may, 应, 可 ...) and the spans where a marker is
   not a duty: what is recognised, reported or hoped for, and savings clauses;
2. cut the sentence into clauses where a new subject starts
   (", and the Director General shall", "，而总干事应");
3. find each marker's subject: the bearers at the start of its comma-chunk,
   or of an earlier chunk when the marker follows a comma;
4. turn passives round ("shall be distributed by the Administration",
   "须经大会核准"); a passive with no agent is borne by the party that acts
   on the subject ("The Secretary-General shall be invited" binds the party
   that invites); "They" takes the bearers of the sentence before.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, ClassVar

from .. import patterns
from ..model import TreatySet
from . import DEONTIC, MODALITIES
from .lexicon import Chain, Item, Lexicon

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass

__all__ = ["DEONTIC", "MODALITIES", "Bearer", "Found", "Grammar", "Marker", "Operative", "State"]

_COMPILED: dict[type, tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]] = {}


_FRAMES: dict[type, re.Pattern[str]] = {}
_PLACES: dict[str, re.Pattern[str]] = {}  # a character class of the characters given, by them
_MARKER_FINDERS: dict[
    type, tuple[Callable[[str], Iterator[re.Match[str]]], dict[str | None, tuple[str, bool]]]
] = {}  # a grammar's marker finditer, and the (modality, weak) of each alternative's group


def _compiled_frame(grammar: type[Grammar]) -> re.Pattern[str]:
    found = _FRAMES.get(grammar)
    if found is None:
        found = _FRAMES[grammar] = patterns.compile(grammar.frame)
    return found


def _compiled(grammar: type[Grammar]) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """A grammar's marker, lead and trail patterns, compiled the first time they are used."""
    found = _COMPILED.get(grammar)
    if found is None:
        guard = grammar.marker_guard
        # the guard's word boundary holds where every alternative starts: an alternative's own leading \b is
        # the same test, left out (tried at every word of a text, it costs more than the rest of the guard)
        bare = [p[2:] if guard.startswith(r"\b") and p.startswith(r"\b") else p for _, p, _ in grammar.marker_table]
        table = "|".join(f"(?P<m{i}>{pattern})" for i, pattern in enumerate(bare))
        marker = f"{guard}(?:{table})" if table else r"(?!)"
        found = (patterns.compile(marker), patterns.compile(grammar.lead), patterns.compile(grammar.trail))
        _COMPILED[grammar] = found
    return found


LONG_SENTENCE = 4096
"""Sentences at least this long have their separators indexed once (see :meth:`Grammar.chunk_start`)."""
TRAIL_WINDOW = 32
"""How many characters before a marker :func:`trail_start` reads first (the search tries each: a long sentence
has tens of thousands of markers)."""
TRAIL_WORD = 16
"""Longer than any word of a grammar's :attr:`Grammar.trail` table with its comma (the longest, "accordingly,",
has 12 characters; a test checks every grammar's)."""


def trail_start(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    """Where the leftmost match of ``pattern`` (a run of words anchored at ``end`` by ``$``) starts in
    ``text[start:end]``; ``end`` if none. The same answer as ``pattern.search(text, start, end)``, in time
    in proportion to the run, not to ``end - start``: a search over a whole long sentence at each of its
    markers is quadratic.

    The search reads a window before ``end`` first. A run that starts before the window passes through
    the window's first ``TRAIL_WORD`` characters, where a match would then start (a word cut by the
    window's edge ends within them, and the next word or the final blanks match from there): only then is
    the window widened.
    """
    window = TRAIL_WINDOW
    while True:
        begin = max(start, end - window)
        found = pattern.search(text, begin, end)
        if found is None:
            return end if begin == start else _full(pattern, text, start, end)
        if begin == start or found.start() > begin + TRAIL_WORD:
            return found.start()
        window *= 4


def _full(pattern: re.Pattern[str], text: str, start: int, end: int) -> int:
    found = pattern.search(text, start, end)
    return found.start() if found else end


_CLAUSE_EDGES = " \t\n\r\u3000,;:.，；：。、"


def _clause(sentence: str, start: int, end: int) -> tuple[int, int]:
    """``start:end`` of ``sentence`` without the blanks and punctuation at either edge."""
    while start < end and sentence[start] in _CLAUSE_EDGES:
        start += 1
    while end > start and sentence[end - 1] in _CLAUSE_EDGES:
        end -= 1
    return start, end


class _Intervals:
    """Open intervals, merged, asked whether they contain a point in logarithmic time."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for begin, end in sorted(spans):
            if merged and begin < merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([begin, end])
        self.starts = [begin for begin, _ in merged]
        self.ends = [end for _, end in merged]

    def contains(self, point: int) -> bool:
        index = bisect.bisect_left(self.starts, point) - 1  # the last interval that starts before the point
        return index >= 0 and point < self.ends[index]


@dataclass(frozen=True)
class Marker:
    """A word that may make a statement: its span, modality and how much to trust it."""

    start: int
    end: int
    modality: str
    weak: bool = False  # 将, 会: only when its subject comes right before it


@dataclass(frozen=True)
class Bearer:
    party: str
    organ: str | None


@dataclass
class Found:
    """One statement found in one sentence, before it is given its unit."""

    bearers: list[Bearer]
    actor: str
    modality: str
    marker: str
    action: str
    sentence: str  # the sentence itself (one object for all its statements), never a copy per statement
    note: str = ""
    offset: int = 0  # where the sentence starts in the unit's text
    marker_span: tuple[int, int] = (0, 0)  # the marker's words, within the sentence
    clause_span: tuple[int, int] = (0, 0)  # the statement's own words, within the sentence (see ``_clause``)

    @property
    def span(self) -> tuple[int, int]:
        """The sentence's offsets in the unit's text."""
        return self.offset, self.offset + len(self.sentence)


@dataclass
class Operative:
    """The verb that opens an operative paragraph: "Calls upon", "Notes", 促请, 注意到."""

    end: int
    modality: str | None  # None: an act of the body ("Approves"), which binds no one afterwards
    addressed: bool  # the statement is borne by whom the verb addresses, not by the body


@dataclass
class State:
    """What a unit's analysis remembers from one sentence to the next."""

    last: list[Bearer] = field(default_factory=list)
    previous: tuple[int, list[Bearer], str] | None = None  # the sentence's last statement: marker end, bearers, actor
    enacting: Chain | None = None
    enacting_text: str = ""
    following: str = ""  # the next unit's text: the points a list intro ("shall be:") leads into
    own: bool = False  # ``last`` holds bearers the text itself named
    leaned: bool = False  # the statements used what is around the text (``last``, ``enacting``, ``following``)


class Grammar:
    """How one language writes deontic statements; subclasses give the tables and fill in the hooks.

    The tables are data: ``marker_table`` lists (modality, pattern, weak) tried
    left to right at each position (the first alternative that matches wins),
    ``lead`` the conjunctions a chunk may start with, ``trail`` the adverbs
    between a subject and its marker.
    """

    lang = ""
    chunk_separator = ","
    marker_table: ClassVar[Sequence[tuple[str, str, bool]]] = ()
    marker_guard = ""  # a cheap test of where a marker may start, tried before the alternatives (a leading
    # \b in it stands for the leading \b of each alternative)
    frame = r"(?!)"  # the verb of a frame between its parties and what they agree ("agree that", 同意，)
    unrequired = r"(?!)"  # a marker that, negated ("No Party shall be required to"), leaves a permission
    lead = r"\s*"
    trail = r"\s*$"

    def __init__(self, treaty: TreatySet) -> None:
        self.treaty = treaty
        self.lexicon = Lexicon(treaty, self.lang)

    # ------------------------------------------------------------ hooks

    def sentences(self, text: str) -> list[str]:
        """The text's sentences by the language's rule in :mod:`.sentences`."""
        from .sentences import split_sentences

        return split_sentences(text, self.lang)

    def markers(self, sentence: str) -> list[Marker]:
        """The markers of :attr:`marker_table` in ``sentence``, left to right, that :meth:`is_marker` keeps."""
        found_in = _MARKER_FINDERS.get(type(self))
        if found_in is None:  # asked once a sentence: what it needs is made once a grammar
            table = self.marker_table
            kinds: dict[str | None, tuple[str, bool]] = {f"m{i}": (row[0], row[2]) for i, row in enumerate(table)}
            if table:
                kinds[None] = kinds["m0"]  # (``lastgroup or "m0"``)
            finder: Callable[[str], Iterator[re.Match[str]]] = _compiled(type(self))[0].finditer
            found_in = _MARKER_FINDERS[type(self)] = (finder, kinds)
        finditer, found_kinds = found_in
        is_marker = self.is_marker
        out = []
        for found in finditer(sentence):
            modality, weak = found_kinds[found.lastgroup]
            start, end = found.span()
            if is_marker(sentence, start, end, weak):
                out.append(Marker(start, end, modality, weak))
        return out

    def is_marker(self, sentence: str, start: int, end: int, weak: bool) -> bool:
        """Whether the marker word at ``start:end`` is one here (not 可能, not 理事会)."""
        return True

    def scopes(self, sentence: str, markers: list[Marker]) -> list[tuple[int, int]]:
        """Spans whose markers are content, not duties: what is recognised, reported, hoped."""
        raise NotImplementedError

    def is_savings(self, sentence: str, marker: Marker, clause_start: int) -> bool:
        raise NotImplementedError

    def boundaries(self, sentence: str, markers: list[Marker]) -> list[tuple[int, int]]:
        """Where clauses meet before a marker: (end of the last clause, start of the marker's clause)."""
        raise NotImplementedError

    def is_subordinate(self, sentence: str, chunk_start: int, marker: Marker) -> bool:
        raise NotImplementedError

    def strip_lead(self, sentence: str, start: int, end: int) -> int:
        """Skip conjunctions at the start of a chunk ("and", 则, 而: :attr:`lead`); return the new start."""
        found = _compiled(type(self))[1].match(sentence, start, end)
        return found.end() if found else start

    def strip_trail(self, sentence: str, start: int, end: int) -> int:
        """Drop adverbs before the marker ("also", 也, 还: :attr:`trail`); return the new end."""
        return trail_start(_compiled(type(self))[2], sentence, start, end)

    def passive(
        self, sentence: str, marker: Marker, clause_end: int, subject: Chain | None
    ) -> tuple[bool, Chain | None]:
        """Whether the marker heads a passive, and its agent if one is named."""
        raise NotImplementedError

    def agents_between(self, sentence: str, marker: Marker, clause_end: int) -> Chain | None:
        """Bearers of a rule with no party subject: "arrangements between the UN and the IOM"."""
        return None

    def action(self, sentence: str, marker: Marker, clause_end: int) -> str:
        raise NotImplementedError

    def operative(self, sentence: str) -> Operative | None:
        """The operative verb that opens a resolution's paragraph, if any."""
        raise NotImplementedError

    def operative_action(self, sentence: str, start: int) -> str:
        raise NotImplementedError

    def actor_text(self, sentence: str, chain: Chain, chunk_end: int) -> str:
        return sentence[chain.start : chain.end]

    # ------------------------------------------------------------ procedure

    def analyse(
        self, text: str, context: list[str] | None = None, following: str = "", last: list[Bearer] | None = None
    ) -> list[Found]:
        """Every statement in one unit's text, in order; each knows where its sentence and marker are in ``text``.

        ``following`` is the next unit's text, read only to see what a list intro leads into. ``last``, when
        given, are the bearers last named before the text (whom "They" means) as the caller knows them, in place
        of reading the earlier text of ``context`` again."""
        from .sentences import sentence_spans

        state = self.context_state(context or [])
        if last is not None:
            state.last = list(last)
        state.following = following
        found: list[Found] = []
        for index, (begin, end) in enumerate(sentence_spans(text, self.lang)):
            for item in self.analyse_sentence(text[begin:end], state, first=index == 0):
                item.offset = begin
                found.append(item)
        self.leaned = state.leaned
        return found

    leaned = False
    """Whether the last :meth:`analyse` used its context or the following text: when it did not, reading the
    text alone gives the same statements (a caller that needs that reading can reuse them)."""

    def context_state(self, context: list[str]) -> State:
        """The enacting body (an opening formula) and the bearers last named, from earlier text."""
        state = State()
        for text in context:
            chain = self.lexicon.is_name_only(text)
            if chain is not None:
                state.enacting = chain
                state.enacting_text = text.strip().rstrip(" ,，:：")
                continue
            earlier = self.analyse(text)
            named = [f for f in earlier if f.bearers]
            if named:
                state.last = named[-1].bearers
        return state

    def analyse_sentence(self, sentence: str, state: State, *, first: bool) -> list[Found]:
        out: list[Found] = []
        start = 0
        if first and state.enacting is not None:
            opening = self.operative(sentence)
            if opening is not None:
                state.leaned = True
                found = self.operative_statement(sentence, opening, state)
                for item in found:
                    item.clause_span = _clause(sentence, 0, len(sentence))
                if opening.modality is not None:
                    return found
                start = opening.end
        made: list[tuple[Marker, int, Found]] = []
        state.previous = None
        markers = [m for m in self.markers(sentence) if m.start >= start]
        scopes = _Intervals(self.scopes(sentence, markers))
        bounds = self.boundaries(sentence, markers)
        afters = sorted(after for _, after in bounds)
        befores = sorted(before for before, _ in bounds)
        for marker in markers:
            if scopes.contains(marker.start):
                continue
            index = bisect.bisect_right(afters, marker.start)
            clause_start = max(start, afters[index - 1]) if index else start
            index = bisect.bisect_left(befores, marker.end)
            clause_end = befores[index] if index < len(befores) else len(sentence)
            if self.is_savings(sentence, marker, clause_start):
                continue
            chunk_start = self.chunk_start(sentence, clause_start, marker.start)
            if self.is_subordinate(sentence, chunk_start, marker):
                continue
            statement = self.statement(sentence, marker, clause_start, clause_end, state)
            if statement is not None:
                made.append((marker, clause_end, statement))
                state.last, state.own = statement.bearers, True
                state.previous = (marker.end, statement.bearers, statement.actor)
        # an action ends where the next statement of its clause starts ("可以关闭科考站，但应通知")
        taken = start  # the statements' own words never overlap: together they are at most the sentence
        for index, (marker, clause_end, statement) in enumerate(made):
            end = clause_end
            if index + 1 < len(made) and made[index + 1][0].start < clause_end:
                later = made[index + 1][0].start
                cut = sentence.rfind(self.chunk_separator, marker.end, later)
                end = cut if cut > marker.end else later
            statement.action = self.action(sentence, marker, end)  # once, up to the next statement: linear
            statement.marker_span = (marker.start, marker.end)
            # its own words: from where the statement before it in the sentence ended (its subject, even in
            # an earlier clause, and what leads up to it), the conjunction left out, to the end of its action
            begin, _ = _clause(sentence, min(taken, marker.start), marker.start)
            statement.clause_span = _clause(sentence, self.strip_lead(sentence, begin, marker.start), end)
            taken = max(taken, end)
            out.append(statement)
        return out

    def chunk_start(self, sentence: str, clause_start: int, position: int) -> int:
        """Where the comma-chunk that holds ``position`` starts (not before ``clause_start``).

        The separators of the sentence last asked about are kept in order and bisected: a search back
        from each marker of a long sentence without commas would read the whole sentence each time.
        """
        separator = self.chunk_separator
        if len(sentence) < LONG_SENTENCE or len(separator) != 1:
            comma = sentence.rfind(separator, clause_start, position)
            return clause_start if comma < 0 else comma + 1
        found = self.places(sentence, separator)
        index = bisect.bisect_left(found, position) - 1
        comma = found[index] if index >= 0 and found[index] >= clause_start else -1
        return clause_start if comma < 0 else comma + 1

    def next_separator(self, sentence: str, position: int) -> int:
        """``sentence.find(chunk_separator, position)``, from the kept separators in a long sentence (see
        :meth:`chunk_start`): a search forward from each marker would read the rest of the sentence each time."""
        separator = self.chunk_separator
        if len(sentence) < LONG_SENTENCE or len(separator) != 1:
            return sentence.find(separator, position)
        found = self.places(sentence, separator)
        index = bisect.bisect_left(found, position)
        return found[index] if index < len(found) else -1

    def places(self, sentence: str, characters: str) -> list[int]:
        """Where any of ``characters`` occurs in ``sentence``, in order (see :meth:`positions`)."""
        pattern = _PLACES.get(characters)
        if pattern is None:  # asked at every marker of a long sentence: made once
            pattern = _PLACES[characters] = patterns.compile("[" + re.escape(characters) + "]")
        return self.positions(sentence, pattern)

    def positions(self, sentence: str, pattern: re.Pattern[str]) -> list[int]:
        """Where ``pattern`` matches in ``sentence``, in order; kept for the last few long sentences asked, so
        that questions about what follows each marker are bisections, not a read of the rest of the sentence."""
        kept: dict[tuple[int, str], tuple[str, list[int]]] = self.__dict__.setdefault("_places", {})
        key = (id(sentence), pattern.pattern)
        found = kept.get(key)
        if found is None or found[0] is not sentence:
            if len(kept) > 8:
                kept.clear()
            found = kept[key] = (sentence, [m.start() for m in pattern.finditer(sentence)])
        return found[1]

    def subject(self, sentence: str, clause_start: int, marker: Marker) -> tuple[Chain | None, str, str]:
        """The marker's subject: its chain (None: not a party), the actor's words, and how close it is.

        Closeness is ``adjacent`` (nothing but adverbs between subject and
        marker, or an apposition: "The UN and the IOM, recognizing"),
        ``chunk`` (same comma-chunk) or ``earlier`` (an earlier chunk).
        """
        chunk = self.chunk_start(sentence, clause_start, marker.start)
        lead = self.strip_lead(sentence, chunk, marker.start)
        trail = self.strip_trail(sentence, lead, marker.start)
        if lead < trail:
            chain = self.chain_in(sentence, lead, trail)
            if chain is None:
                return None, "", ""
            closeness = "adjacent" if chain.end == trail else "chunk"
            return chain, self.actor_text(sentence, chain, trail), closeness
        # the marker follows a comma ("The UN, on its part, agrees to"): look back chunk by chunk
        end = chunk - 1
        while end > clause_start:
            begin = self.chunk_start(sentence, clause_start, end)
            lead = self.strip_lead(sentence, begin, end)
            trail = self.strip_trail(sentence, lead, end)
            chain = self.lexicon.chain(sentence, lead) if lead < trail else None
            if chain is None and lead < trail:
                chain = self.lexicon.conditional_chain(sentence, lead)  # 如奥斯特拉关闭科考站，应通知…
            if chain is None and lead < trail and self.lexicon.words("TEMPORAL_END").search(sentence, lead, trail):
                chain = self.lexicon.chain(sentence, lead, strict=False)  # 奥斯特拉收到通知后，应…
            if chain is not None:
                closeness = "adjacent" if chain.end == trail and end == chunk - 1 else "earlier"
                return chain, sentence[chain.start : chain.end], closeness
            end = begin - 1
        return None, "", ""

    def chain_in(self, sentence: str, start: int, end: int) -> Chain | None:
        return self.lexicon.chain(sentence, start)

    def statement(
        self, sentence: str, marker: Marker, clause_start: int, clause_end: int, state: State
    ) -> Found | None:
        subject, actor, closeness = self.subject(sentence, clause_start, marker)
        words = sentence[marker.start : marker.end]
        if marker.modality == "recognition" and closeness != "adjacent":
            return None  # "The UN recognizes", not "… in agreements where it is recognized"
        if marker.weak and closeness not in ("adjacent", "earlier"):
            return None  # 两组织将合作 or 两组织为此，会…; not a 将 inside a longer subject
        note = ""
        if subject is None and state.previous is not None and self.coordinated(sentence, state.previous[0], marker):
            # "has the right and the duty to", 有权利也有义务: the second predicate shares the first's subject
            shared, sharer = state.previous[1], state.previous[2]
            return Found(shared, sharer, marker.modality, words, "", sentence)
        is_passive, agent = self.passive(sentence, marker, clause_end, subject)
        if not is_passive and state.following and self.status_list(sentence, marker, state.following):
            is_passive = state.leaned = True  # "The Centre ... shall be:" (a) exempt from: granted by the other
        bearers: list[Bearer]
        if subject is not None and subject.is_back_reference:
            # "If Austerra closes a station, it shall": the pronoun is the conditional clause's subject
            conditional = self.lexicon.conditional_chain(sentence, 0)
            if conditional is not None and conditional.end < subject.start:
                subject, actor = conditional, sentence[conditional.start : conditional.end]
        if subject is not None and not (is_passive and marker.modality != "recognition"):
            bearers = self.bearers(subject, state)
        elif is_passive and agent is not None:
            bearers, actor = self.bearers(agent, state), sentence[agent.start : agent.end]
            note = "passive: the agent bears it"
        elif is_passive and subject is not None:
            inferred = self.inferred_agent(sentence, marker, clause_end, self.bearers(subject, state))
            if inferred is None:
                return None
            bearers, actor = inferred
            note = "passive without agent: borne by the party that acts on the subject"
        else:
            between = self.agents_between(sentence, marker, clause_end)
            if between is not None:
                bearers, actor = self.bearers(between, state), sentence[between.start : between.end]
                note = "no party subject: borne by the parties that make the arrangement"
            elif (framed := self.framed(sentence, clause_start, marker)) is not None:
                bearers, actor = self.bearers(framed, state), sentence[framed.start : framed.end]
                note = "no party subject: borne by the parties whose agreement frames it"
            elif self.agentless(sentence, marker, clause_start, clause_end, is_passive):
                unnamed = self.unnamed_agent(sentence, clause_start, clause_end)
                if unnamed is None:
                    return None
                bearers, actor = unnamed
                note = "no agent named: borne by the party that acts on what the clause names"
            else:
                return None
        if not bearers:
            return None
        modality = marker.modality
        negated = subject is not None and any(item.kind in ("none", "people-none") for item in subject.items)
        if modality in DEONTIC and (negated or self.negated_subject(sentence, clause_start, marker)):
            # "Neither Party shall", "No Party may", "No censorship shall be applied"; but "Neither Party
            # shall be required to" denies a duty: each party may
            modality = "permission" if patterns.compile(self.unrequired).search(words) else "prohibition"
        return Found(bearers, actor.strip(), modality, words, "", sentence, note)  # the action comes later

    def framed(self, sentence: str, clause_start: int, marker: Marker) -> Chain | None:
        """The parties of a frame the statement stands in: "The Parties agree that disputes shall be settled",
        缔约双方同意，争端应…: the text before the marker's chunk is a party chain and a frame verb (:attr:`frame`)."""
        chunk = self.chunk_start(sentence, clause_start, marker.start)
        before = max(clause_start, chunk)
        if not before:
            return None
        lead = self.strip_lead(sentence, 0, before)
        chain = self.lexicon.chain(sentence, lead, strict=False)
        if chain is None or chain.is_back_reference:
            return None
        pattern = _compiled_frame(type(self))
        return chain if pattern.fullmatch(sentence, chain.end, before) else None

    def coordinated(self, sentence: str, previous_end: int, marker: Marker) -> bool:
        """Whether only a conjunction stands between the previous statement's marker and this one."""
        return False

    def status_list(self, sentence: str, marker: Marker, following: str) -> bool:
        """Whether the marker ends a list intro whose points grant a status ("shall be:" (a) exempt from)."""
        return False

    def agentless(self, sentence: str, marker: Marker, clause_start: int, clause_end: int, is_passive: bool) -> bool:
        """Whether a statement with no party subject and no agent is still someone's: a passive."""
        return is_passive

    def negated_subject(self, sentence: str, clause_start: int, marker: Marker) -> bool:
        """Whether the subject before the marker is negated ("No censorship shall"): a prohibition."""
        return False

    def unnamed_agent(self, sentence: str, clause_start: int, clause_end: int) -> tuple[list[Bearer], str] | None:
        """Who bears a passive with no agent and no party subject ("The premises shall be made available to
        the Authority"): every party if the clause speaks of them all ("the Parties", 双方); else the other
        party than the one it names as recipient, or than the only one it names."""
        named, receiving, everyone = self.lexicon.named_parties(sentence, clause_start, clause_end)
        parties = self.lexicon.party_ids
        if everyone and len(parties) > 1:
            return [Bearer(p, None) for p in parties], ""
        acted_on = receiving if len(receiving) == 1 else named if len(named) == 1 else []
        others = [p for p in parties if p not in acted_on]
        if acted_on and len(others) == 1:
            return [Bearer(others[0], None)], ""
        return None

    def bearers(self, chain: Chain, state: State) -> list[Bearer]:
        out: list[Bearer] = []
        for item in chain.items:
            for bearer in self.item_bearers(item, state):
                if bearer not in out:
                    out.append(bearer)
        return out

    def item_bearers(self, item: Item, state: State) -> list[Bearer]:
        if item.kind in ("back", "back-one") and not state.own:
            state.leaned = True
        if item.kind == "back":
            return list(state.last)
        if item.kind == "back-one":
            return list(state.last) if len({b.party for b in state.last}) == 1 else []
        if item.kind in ("all", "none"):
            return [Bearer(party, None) for party in self.lexicon.party_ids]
        if item.party is None:
            return []
        return [Bearer(item.party, item.organ)]

    def inferred_agent(
        self, sentence: str, marker: Marker, clause_end: int, patients: list[Bearer]
    ) -> tuple[list[Bearer], str] | None:
        """Who acts on a passive's party subject: another party the clause names, else the other party."""
        patient_parties = {b.party for b in patients}
        others: list[tuple[str, str]] = []
        for term, begin, end in self.lexicon.mentions(sentence[marker.end : clause_end]):
            if term.party not in patient_parties and term.party not in [p for p, _ in others]:
                start = marker.end + begin
                others.append((term.party, sentence[start : marker.end + end]))
        if len(others) == 1:
            return [Bearer(others[0][0], None)], others[0][1]
        rest = [p for p in self.lexicon.party_ids if p not in patient_parties]
        if len(rest) == 1 and not others:
            return [Bearer(rest[0], None)], rest[0]
        return None

    def operative_statement(self, sentence: str, opening: Operative, state: State) -> list[Found]:
        assert state.enacting is not None
        if opening.modality is None:
            return []
        enacting = self.bearers(state.enacting, state)
        if not opening.addressed:
            action = self.operative_action(sentence, opening.end)
            note = "operative paragraph: the enacting body speaks"
            return [
                Found(
                    enacting,
                    state.enacting_text,
                    opening.modality,
                    sentence[: opening.end].strip(),
                    action,
                    sentence,
                    note,
                    marker_span=(0, opening.end),
                )
            ]
        lead = self.strip_lead(sentence, opening.end, len(sentence))
        addressee = self.lexicon.chain(sentence, lead, strict=False)
        if addressee is None or addressee.is_back_reference:
            return []
        body = state.enacting_text
        note = f"operative paragraph: addressed by {body}" if body else "operative paragraph"
        return [
            Found(
                self.bearers(addressee, state),
                sentence[addressee.start : addressee.end],
                opening.modality,
                sentence[: opening.end].strip(),
                self.operative_action(sentence, addressee.end),
                sentence,
                note,
                marker_span=(0, opening.end),
            )
        ]
