"""English: shall, may, will, must, agree to, undertake to, be entitled to, recognize."""

from __future__ import annotations

import re
from functools import cached_property

from .. import patterns
from .engine import Grammar, Marker, Operative
from .lexicon import Chain

_NOT_ADVERB = r"(?!(?:apply|supply|rely|reply|comply|multiply|ally|fly)\b)"  # verbs that end in -ly
_ADVERB = rf"(?:also|likewise|thereafter|then|further|jointly|duly|so|accordingly|{_NOT_ADVERB}\w+ly)"

# Tried left to right at each position, the first alternative that matches wins.
_MARKERS: list[tuple[str, str, bool]] = [
    ("prohibition", rf"\b(?:shall|must|may|will)\s+not\s+(?:{_ADVERB}\s+)?be\s+entitled\b", False),
    ("prohibition", r"\b(?:is|are)\s+not\s+(?:entitled|permitted|authori[sz]ed)\b", False),
    ("prohibition", r"\b(?:is|are)\s+prohibited\s+from\b", False),
    # "shall not be required to", "need not": no obligation, the party may (before "shall not")
    ("permission", r"\b(?:shall|will|is|are)\s+not\s+(?:be\s+)?(?:required|obliged|obligated|bound)\s+to\b", False),
    ("permission", r"\bneed\s+not\b", False),
    ("prohibition", r"\b(?:agrees?|undertakes?)\s+not\s+to\b", False),
    (
        "prohibition",
        rf"\b(?:shall|must|will|agrees?\s+to|undertakes?\s+to)\s+(?:{_ADVERB}\s+)?(?:refrain|abstain)\s+from\b",
        False,
    ),
    ("prohibition", r"\b(?:shall|must|may|will)\s+(?:not|never|in\s+no\s+case|under\s+no\s+circumstances)\b", False),
    ("right", rf"\b(?:shall|will)\s+(?:{_ADVERB}\s+)?be\s+entitled\b", False),
    ("right", rf"\b(?:is|are)\s+(?:{_ADVERB}\s+)?entitled\b", False),
    ("right", r"\b(?:shall\s+|will\s+)?(?:has|have)\s+the\s+right\b", False),
    ("permission", r"\b(?:is|are)\s+(?:authori[sz]ed|permitted|allowed|free)\s+to\b", False),
    ("permission", rf"\b(?:shall|will)\s+(?:{_ADVERB}\s+)?be\s+(?:authori[sz]ed|permitted|allowed|free)\s+to\b", False),
    ("obligation", r"\b(?:agrees?|undertakes?)\s+to\b", False),
    ("obligation", r"\b(?:is|are|shall\s+be|will\s+be)\s+(?:required|obliged|obligated|bound)\s+to\b", False),
    ("obligation", r"\b(?:is|are)\s+under\s+(?:an|the)\s+obligation\s+to\b", False),
    ("obligation", r"\b(?:(?:has|have)\s+the|and\s+the)\s+duty\s+to\b", False),
    ("obligation", r"\b(?:shall|must|will)\b", False),
    ("permission", r"\bmay\b", False),
    ("recognition", r"\b(?:recogni[sz]es|recogni[sz]e|recogni[sz]ing|acknowledges|acknowledge|acknowledging)\b", False),
    ("recognition", r"\b(?:takes?|taking)\s+note\s+of\b", False),
]

SUBORDINATE_REACH = 300
"""How far before a marker a relative pronoun may open the clause it is in (a bound keeps the work linear)."""

_STATUS_IF_DENIED = {"subject"}
"""Status words that are a passive (granted by the other party) only when denied: "shall not be subject to"."""
_NOT_PASSIVE = {"entitled", "required", "obliged", "bound", "permitted", "authorized", "authorised", "prohibited"}

_OPERATIVE: list[tuple[str, str | None, bool]] = [
    (r"(?:Calls\s+upon|Calls\s+on|Requests|Urges|Directs|Instructs|Demands|Entrusts)\b", "obligation", True),
    (r"(?:Invites|Encourages|Authori[sz]es|Empowers)\b", "permission", True),
    (
        r"(?:Takes\s+note\s+of|Takes\s+note|Notes\s+with\s+\w+|Notes|Recogni[sz]es|Acknowledges|Welcomes|Reaffirms|"
        r"Recalls|Emphasi[sz]es|Stresses|Underlines|Expresses|Affirms|Reiterates|Commends|Appreciates)\b",
        "recognition",
        False,
    ),
    (r"(?:Approves|Adopts|Decides|Endorses|Appoints|Elects|Declares|Confirms|Accepts)\b", None, False),
]


class _Patterns:
    """The module's regular expressions, each compiled the first time it is used (not at import: start-up time)."""

    @cached_property
    def THAT(self) -> re.Pattern[str]:
        return patterns.compile(r"\s+that\b")

    @cached_property
    def REPORT(self) -> re.Pattern[str]:
        return patterns.compile(
            r"\b(?:provides?|provided|stipulates?|stipulated|states|specifies|specify|hopes?|trusts?|expects?|"
            r"believes?|considers?|wish(?:es)?)\s+that\b"
        )

    @cached_property
    def SAVINGS_AFTER(self) -> re.Pattern[str]:
        return patterns.compile(
            rf"\s+(?:{_ADVERB}\s+)?(?:not\s+)?be\s+(?:so\s+)?(?:construed|interpreted|deemed|without\s+prejudice)\b"
            r"|\s+not\s+(?:affect|prejudice|derogate|impair|limit)\b"
        )

    @cached_property
    def COORDINATED(self) -> re.Pattern[str]:
        return patterns.compile(r"\s*,?\s*(?:and|or)?\s*")

    @cached_property
    def NEGATED_SUBJECT(self) -> re.Pattern[str]:
        return patterns.compile(
            r"\s*(?:and\s+|but\s+)?(?:no|neither|none)\b(?!\s+(?:later|earlier|less|more)\b)", re.IGNORECASE
        )

    @cached_property
    def NOTHING(self) -> re.Pattern[str]:
        return patterns.compile(r"\s*(?:Nothing|No\s+provision)\b", re.IGNORECASE)

    @cached_property
    def COORDINATOR(self) -> re.Pattern[str]:
        return patterns.compile(
            r";\s*|:\s+|,\s+(?:and|but|or|while|whereas)\s+|\b(?:agrees?|undertakes?|ensures?|decides?)\s+that\s+"
            r"|\b(?:understood|agreed|accepted|decided|recalled)(?:\s*,\s*(?:however|moreover|further|also)\s*,)?"
            r"\s+that\s+"
        )

    @cached_property
    def SUBJECT_START(self) -> re.Pattern[str]:
        return patterns.compile(
            r"\s*(?:the|this|that|these|those|any|such|each|its|their|they|it|either|both|no|nothing|all)\b",
            re.IGNORECASE,
        )

    @cached_property
    def RELATIVE(self) -> re.Pattern[str]:
        # \b(?:which|whom|whose|whereby|wherein|who|that)\b, each alternative opening with its first letter so
        # that the engine skips to a w or a t (the boundary before it tested after it): twice as fast
        return patterns.compile(r"w(?<=\bw)h(?:ich|om|ose|ereby|erein|o)\b|t(?<=\bt)hat\b")

    @cached_property
    def FINITE(self) -> re.Pattern[str]:
        """An auxiliary that gives a relative clause its own verb ("who are assigned", "which has been")."""
        return patterns.compile(r"\b(?:is|are|was|were|has|have|had)\b")

    @cached_property
    def SUCH_AS(self) -> re.Pattern[str]:
        # "as" and up to six words before the marker. Written (?<!\bwell)\bas\s+... before, whose lookbehind
        # never held (there is no word boundary between "well" and "as" written together); opening with the
        # letters "as" lets the engine skip to them: a search of the 300 characters before a marker 27x faster
        return patterns.compile(r"as(?<=\bas)\s+(?!well\b)(?:[\w-]+\s+){0,6}$")

    @cached_property
    def PARTICIPLE(self) -> re.Pattern[str]:
        return patterns.compile(
            rf"\s+(?:{_ADVERB}\s+)*be\s+(?:{_ADVERB}\s+)*"
            r"(?P<verb>[a-z]+ed|brought|made|given|held|taken|done|sent|drawn|shown|known|kept|paid|met|borne|chosen|"
            r"set|put|laid|sought|written|spent|built|led|read|sold|told|found|undertaken|withdrawn|bound"
            r"|subject(?=\s+to\b)|exempt(?=\s+from\b)|immune(?=\s+from\b))\b"
        )

    @cached_property
    def LIST_INTRO(self) -> re.Pattern[str]:
        return patterns.compile(r"\s+be\s*:\s*$")

    @cached_property
    def STATUS(self) -> re.Pattern[str]:
        """What a point grants, not does: "exempt from", "immune from", "free from"."""
        return patterns.compile(r"\s*(?:\([a-z0-9]+\)\s*)?(?:exempt(?:ed)?|immune|free)\s+from\b", re.IGNORECASE)

    @cached_property
    def BETWEEN_AGENTS(self) -> re.Pattern[str]:
        """A passive done "between" two parties ("an exchange shall be made between X and Y"): both do it."""
        return patterns.compile(r"\bbetween\s+")

    @cached_property
    def BY(self) -> re.Pattern[str]:
        return patterns.compile(
            r"\bby\s+(?:(?:mutual\s+|common\s+)?(?:agreement|consent|arrangements?|decision)\s+(?:between|of)\s+"
            r"|(?:an\s+|an\s+exchange\s+of\s+)?(?:exchange\s+of\s+)?(?:letters|notes)\s+(?:between|of)\s+)?"
        )

    @cached_property
    def OTHER_PARTICIPLE(self) -> re.Pattern[str]:
        return patterns.compile(
            r"\b(?:[a-z]+ed|made|given|held|taken|done|sent|drawn|shown|known|kept|paid|set|issued)\s+$"
        )

    @cached_property
    def BETWEEN(self) -> re.Pattern[str]:
        return patterns.compile(
            r"\b(?:agreement|arrangements?|consultations?|negotiations?|exchange\s+of\s+(?:letters|notes))\s+between\s+"
        )

    @cached_property
    def ACTION_LEAD(self) -> re.Pattern[str]:
        return patterns.compile(rf"^\s*(?:(?:{_ADVERB}|to)\s+)*")


_RE = _Patterns()


def split_sentences(text: str) -> list[str]:
    """Sentences end at . ! ? before a capital, except after abbreviations such as "No."."""
    from .sentences import split_sentences as split

    return split(text, "en")


class English(Grammar):
    lang = "en"
    chunk_separator = ","
    marker_table = _MARKERS
    marker_guard = r"\b(?=[ahimnrstuw])"  # the letters the alternatives of _MARKERS start with (a test checks)
    frame = r"\s*(?:hereby\s+|also\s+)?(?:agrees?|undertakes?|decides?|accepts?|understands?)\s+that\s*"
    unrequired = r"\b(?:required|obliged|obligated|bound)\b"
    lead = r"\s*(?:(?:and|but|or|then|thereafter|moreover|furthermore|accordingly)\b\s*)*"
    trail = r"(?:\s*,?\s*\b(?:also|likewise|then|thereafter|further|jointly|accordingly|hereby)\b,?)*\s*$"

    def scopes(self, sentence: str, markers: list[Marker]) -> list[tuple[int, int]]:
        spans = [
            (m.end, len(sentence)) for m in markers if m.modality == "recognition" and _RE.THAT.match(sentence, m.end)
        ]
        for marker in markers:
            if marker.modality == "recognition" and not _RE.THAT.match(sentence, marker.end):
                comma = self.next_separator(sentence, marker.end)
                spans.append((marker.end, comma if comma >= 0 else len(sentence)))
        conditional = self.lexicon.words("CONDITIONAL")
        for found in _RE.REPORT.finditer(sentence):
            # "If the Government considers that ..., it shall": what is considered ends with the condition
            chunk = self.chunk_start(sentence, 0, found.start())
            comma = self.next_separator(sentence, found.end())
            if conditional.match(sentence, chunk) and comma > 0:
                spans.append((found.end(), comma))
            else:
                spans.append((found.end(), len(sentence)))
        return spans

    def is_savings(self, sentence: str, marker: Marker, clause_start: int) -> bool:
        if _RE.SAVINGS_AFTER.match(sentence, marker.end):
            return True
        return bool(_RE.NOTHING.match(sentence, self.chunk_start(sentence, clause_start, marker.start)))

    def boundaries(self, sentence: str, markers: list[Marker]) -> list[tuple[int, int]]:
        bounds: list[tuple[int, int]] = []
        previous_end = 0
        for marker in markers:
            for found in reversed(list(_RE.COORDINATOR.finditer(sentence, previous_end, marker.start))):
                between = sentence[found.end() : marker.start]
                new_subject = "," not in between and (
                    _RE.SUBJECT_START.match(between) or self.lexicon.chain(sentence, found.end()) is not None
                )
                if (
                    found.group().startswith(";")
                    or patterns.compile(r"\bthat\s*$").search(found.group())
                    or new_subject
                ):
                    bounds.append((found.start(), found.end()))
                    break
            previous_end = marker.end
        return bounds

    def is_subordinate(self, sentence: str, chunk_start: int, marker: Marker) -> bool:
        begin = max(chunk_start, marker.start - SUBORDINATE_REACH)
        region = sentence[begin : marker.start]
        if _RE.SUCH_AS.search(region):
            return True
        relatives = list(_RE.RELATIVE.finditer(region))
        if not relatives:
            return False
        # "Members of the staff of X who are assigned to Y shall": the relative clause has its own verb and
        # ends before the marker, which is the main verb of the party subject that the clause qualifies
        last = relatives[-1]
        if relatives[0].start() > 0 and _RE.FINITE.search(region, last.end()):
            lead = self.strip_lead(sentence, begin, marker.start)
            subject = self.lexicon.chain(sentence, lead, strict=False)
            if subject is not None and not subject.is_back_reference and subject.end <= begin + relatives[0].start():
                return False
        return True

    def actor_text(self, sentence: str, chain: Chain, chunk_end: int) -> str:
        if any(item.kind == "generic" for item in chain.items):
            return sentence[chain.start : chunk_end].strip()  # "The United Nations bodies referred to above"
        return sentence[chain.start : chain.end]

    def passive(
        self, sentence: str, marker: Marker, clause_end: int, subject: Chain | None
    ) -> tuple[bool, Chain | None]:
        if marker.modality not in ("obligation", "permission", "prohibition"):
            return False, None
        found = _RE.PARTICIPLE.match(sentence, marker.end)
        if found is None or found.end() > clause_end or found.group("verb") in _NOT_PASSIVE:
            return False, None
        if found.group("verb") in _STATUS_IF_DENIED and marker.modality != "prohibition":
            return False, None  # "X shall be subject to the laws" is X's duty; "shall not be subject to" is granted
        for by in _RE.BY.finditer(sentence, found.end(), clause_end):
            if by.start() > found.end() and _RE.OTHER_PARTICIPLE.search(sentence, found.end(), by.start()):
                continue  # "without a permit issued by X": X issues the permit, it is not the passive's agent
            agent = self.lexicon.chain(sentence, by.end(), strict=False)
            if agent is not None and not agent.is_back_reference:
                return True, agent
        if subject is None:
            for between in _RE.BETWEEN_AGENTS.finditer(sentence, found.end(), clause_end):
                agent = self.lexicon.chain(sentence, between.end(), strict=False)
                if agent is not None and (len(agent.items) > 1 or agent.items[0].kind == "all"):
                    return True, agent
        return True, None

    def coordinated(self, sentence: str, previous_end: int, marker: Marker) -> bool:
        return bool(_RE.COORDINATED.fullmatch(sentence, previous_end, marker.start))

    def status_list(self, sentence: str, marker: Marker, following: str) -> bool:
        return marker.modality == "obligation" and bool(
            _RE.LIST_INTRO.match(sentence, marker.end) and _RE.STATUS.match(following)
        )

    def negated_subject(self, sentence: str, clause_start: int, marker: Marker) -> bool:
        start = self.chunk_start(sentence, clause_start, marker.start)
        return bool(_RE.NEGATED_SUBJECT.match(sentence, start, marker.start))

    def agents_between(self, sentence: str, marker: Marker, clause_end: int) -> Chain | None:
        for found in _RE.BETWEEN.finditer(sentence, marker.end, clause_end):
            chain = self.lexicon.chain(sentence, found.end(), strict=False)
            if chain is not None and not chain.is_back_reference:
                return chain
        return None

    def action(self, sentence: str, marker: Marker, clause_end: int) -> str:
        text = sentence[marker.end : clause_end]
        while True:
            text = _RE.ACTION_LEAD.sub("", text)
            if text.startswith(","):
                close = text.find(",", 1)
                text = text[close + 1 :] if close > 0 else text[1:]
                continue
            break
        return text.strip().rstrip(".;,:").strip()

    def operative(self, sentence: str) -> Operative | None:
        for pattern, modality, addressed in _OPERATIVE:
            found = patterns.compile(pattern).match(sentence)
            if found:
                end = found.end()
                if modality is None:  # "Decides that the Secretary-General shall ...": read what follows
                    that = patterns.compile(r"\s+that\b").match(sentence[end:])
                    end += that.end() if that else 0
                return Operative(end, modality, addressed)
        return None

    def operative_action(self, sentence: str, start: int) -> str:
        return _RE.ACTION_LEAD.sub("", sentence[start:]).strip().rstrip(".;,:").strip()
