"""Who must, may, is entitled to or must not do what: deontic statements read from the text.

Rules per language (:mod:`.english`, :mod:`.chinese`) find the markers
(shall, may, 应, 可 ...), their subjects and the parties that bear them; the
parties, organs and their names come from the corpus's ``treaty.yaml``, so
another treaty needs no code. Categories are LegalRuleML's ``obligation``,
``permission``, ``right`` and ``prohibition``; ``recognition`` (recognizes,
认识到) is kept apart, as it binds no one.

Only the operative text is read: articles, paragraphs, points and list
wrap-ups, not recitals, formulas or signatures. In a resolution, each
operative paragraph is the act of the body its opening formula names ("The
General Assembly,"): "Calls upon the Secretary-General to ..." is an
obligation of the Secretary-General's party, "Notes ..." a recognition by
the Assembly's, and acts that are done by being said ("Approves", 批准)
bind no one afterwards and are not listed.
"""

from __future__ import annotations

import re
from dataclasses import field
from typing import TYPE_CHECKING, Any

from .. import store
from ..cache import cached_analysis
from ..model import TreatySet

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass

if TYPE_CHECKING:  # the rules load only when a text is read: results served from the cache do without them
    from .engine import Found, Grammar

__all__ = [
    "DEONTIC",
    "LANGUAGES",
    "MODALITIES",
    "Disagreement",
    "PartyChoice",
    "Statement",
    "UnknownParty",
    "counterpart",
    "decode_statements",
    "disagreements",
    "encode_statements",
    "extract",
    "extract_text",
    "find_party",
    "known_parties",
    "split_sentences",
    "statement_records",
]

DEONTIC = ("obligation", "permission", "right", "prohibition")
MODALITIES = (*DEONTIC, "recognition")

LANGUAGES = ("en", "zh")
"""Languages the extractor has rules for."""

BODY_KINDS = ("article", "paragraph", "intro", "point", "wrapup")
"""Unit kinds that carry operative text (recitals, formulas and signatures do not)."""


@dataclass
class Statement:
    """One deontic statement: who bears it, its modality, what they must or may do, where it is.

    Where it is are offsets into its unit's text in ``lang``, never a copy of the text: a paragraph
    that is one long sentence with a statement every few words would otherwise cost memory (and
    output, and cache) with the square of its length. :meth:`sentence` and :meth:`clause` read the
    words back from the unit's text.
    """

    doc: str
    ref: str
    eid: str
    parties: list[str]
    actor: str
    organ: str | None
    modality: str
    action: str  # what they must or may do: at most the statement's own clause
    lang: str
    marker: str = ""  # the words that make it: "shall be entitled", "应有权"
    note: str = ""  # how the bearer was found when the text does not name it as subject
    bearers: list[tuple[str, str | None]] = field(default_factory=list)  # (party, organ) pairs
    span: tuple[int, int] = (0, 0)  # the sentence, as offsets into the unit's text in ``lang``
    marker_span: tuple[int, int] = (0, 0)  # the marker's words, as offsets into the unit's text
    clause_span: tuple[int, int] = (0, 0)  # the statement's own words (no two statements' overlap)

    def keys(self) -> set[tuple[str, str, str, str]]:
        """(doc, ref, party, modality) for each party: what the gold list counts."""
        return {(self.doc, self.ref, party, self.modality) for party in self.parties}

    def sentence(self, text: str) -> str:
        """The statement's sentence, read from its unit's ``text`` in ``lang``."""
        return text[self.span[0] : self.span[1]]

    def clause(self, text: str) -> str:
        """The statement's own words, read from its unit's ``text`` in ``lang``."""
        return text[self.clause_span[0] : self.clause_span[1]]

    def data(self, text: str) -> dict[str, Any]:
        """The statement's fields in a record; ``text`` is its unit's text in ``lang``."""
        return {
            "lang": self.lang,
            "parties": list(self.parties),
            "actor": self.actor,
            "organ": self.organ,
            "modality": self.modality,
            "marker": self.marker,
            "action": self.action,
            "clause": self.clause(text),
            "note": self.note,
            "clause_span": list(self.clause_span),
            "sentence_span": list(self.span),
            "marker_span": list(self.marker_span),
        }


@dataclass
class Disagreement:
    """A unit whose English and Chinese analyses give different (party, modality) pairs."""

    eid: str
    ref: str
    en: set[tuple[str, str]]
    zh: set[tuple[str, str]]
    message: str
    doc: str = ""


class UnsupportedLanguage(ValueError):
    """No rules for this language."""


class UnknownParty(LookupError):
    """A ``--party`` value that names no party or organ; ``known`` lists what does."""

    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(f"unknown party '{name}'")
        self.name = name
        self.known = known


def grammar(treaty: TreatySet, lang: str) -> Grammar:
    """The rules for ``lang``, with the treaty's names."""
    if lang == "en":
        from .english import English

        return English(treaty)
    if lang == "zh":
        from .chinese import Chinese

        return Chinese(treaty)
    raise UnsupportedLanguage(
        f"no obligation rules for language '{lang}' (there are rules for: {', '.join(LANGUAGES)})"
    )


def extract_text(
    treaty: TreatySet,
    text: str,
    lang: str,
    *,
    doc: str = "",
    ref: str = "",
    eid: str = "",
    context: list[str] | None = None,
    following: str = "",
) -> list[Statement]:
    """The statements of one unit's text.

    ``context`` is earlier text the unit may lean on, nearest last: an opening
    formula naming the enacting body ("The General Assembly,") makes operative
    paragraphs its acts, and the last earlier text says whom "They" means.
    ``following`` is the next unit's text (the first point of a list intro).
    """
    rules = grammar(treaty, lang)
    return [_statement(found, doc, ref, eid, lang) for found in rules.analyse(text, context, following)]


def extract(treaty: TreatySet, doc: str, lang: str) -> list[Statement]:
    """Every statement of a document's operative text in one language, in document order.

    Kept in the cache for the document's files and the set's own data (``treaty.yaml``): an edit of
    another document leaves it as it is (see :func:`unagree_cli.cache.document_fingerprint`).
    """
    if (doc, lang) not in treaty.versions:
        return []
    from ..cache import document_fingerprint
    from ..collector import no_collection

    # The statements of 80,000 units are as many objects that live on: each collection their allocations
    # triggered walked all of them again (about 2 s of the 12 s of ``obligations`` on 79,920 units).
    with no_collection():
        statements: list[Statement] = cached_analysis(
            treaty,
            f"obligations.extract/{doc}/{lang}",
            lambda: _extract(treaty, doc, lang),
            list[Statement],
            content=document_fingerprint(treaty, doc),
        )
    return statements


def _extract(treaty: TreatySet, doc: str, lang: str) -> list[Statement]:
    version = treaty.versions[(doc, lang)]
    rules = grammar(treaty, lang)
    formula = next(
        (
            u.text
            for u in version.units
            if u.kind == "formula" and u.eid.startswith("preamble") and rules.lexicon.is_name_only(u.text)
        ),
        None,
    )
    out: list[Statement] = []
    previous: str | None = None
    alone: list[Found] | None = None  # the previous unit's statements read alone, when its reading gave them
    units = [unit for unit in version.units if unit.kind in BODY_KINDS and unit.text]
    for index, unit in enumerate(units):
        context = [t for t in (formula, previous) if t]
        following = units[index + 1].text if index + 1 < len(units) else ""
        if previous is not None and alone is not None and rules.lexicon.is_name_only(previous) is None:
            # whom "They" means is the last bearer the previous unit names read alone: its own reading did
            # not lean on its neighbours, so it is that reading (each unit is read once, not twice)
            named = [item for item in alone if item.bearers]
            context = [formula] if formula else []
            found = rules.analyse(unit.text, context, following, named[-1].bearers if named else [])
        else:
            found = rules.analyse(unit.text, context, following)
        alone = None if rules.leaned else found
        out.extend(_statement(item, doc, unit.ref, unit.eid, lang) for item in found)
        previous = unit.text
    return out


def encode_statements(statements: list[Statement]) -> list[dict[str, Any]]:
    """Statements as JSON data, each an object by field name (as the cache keeps them)."""
    data: list[dict[str, Any]] = store.encode(statements)
    return data


def decode_statements(data: Any) -> list[Statement]:
    """The statements of :func:`encode_statements`' data; raises ``ValueError`` on anything else."""
    statements: list[Statement] = store.decode(list[Statement], data)
    return statements


def _statement(found: Found, doc: str, ref: str, eid: str, lang: str) -> Statement:
    parties: list[str] = []
    organs: list[str] = []
    for bearer in found.bearers:
        if bearer.party not in parties:
            parties.append(bearer.party)
        if bearer.organ and bearer.organ not in organs:
            organs.append(bearer.organ)
    return Statement(
        doc=doc,
        ref=ref,
        eid=eid,
        parties=parties,
        actor=found.actor,
        organ=", ".join(organs) or None,
        modality=found.modality,
        action=found.action,
        lang=lang,
        marker=found.marker,
        note=found.note,
        bearers=[(b.party, b.organ) for b in found.bearers],
        span=found.span,
        marker_span=(found.offset + found.marker_span[0], found.offset + found.marker_span[1]),
        clause_span=(found.offset + found.clause_span[0], found.offset + found.clause_span[1]),
    )


def split_sentences(text: str, lang: str) -> list[str]:
    """A text's sentences by the rules of ``lang`` (the whole text for a language without rules)."""
    from .sentences import split_sentences as split

    return split(text, lang)


def counterpart(treaty: TreatySet, statement: Statement, lang: str, limit: int | None = None) -> str:
    """The statement's sentence in another language of its unit.

    The sentence in the same place when both versions of the unit have as
    many sentences; otherwise the unit's whole text in ``lang``. The sentences
    of a text are split once (and kept for the next statements of the unit),
    the statement's found by bisection: a unit of many statements costs time
    in proportion to its length, not to its length times its statements.
    ``limit``: at most that many characters, cut with "…" (a table cell).
    """
    import bisect

    from .sentences import cached_spans

    own = treaty.versions.get((statement.doc, statement.lang))
    other = treaty.versions.get((statement.doc, lang))
    own_unit = own.unit(statement.eid) if own else None
    other_unit = other.unit(statement.eid) if other else None
    if other_unit is None:
        return ""
    text = other_unit.text
    start, end = 0, len(text)
    if own_unit is not None:
        mine = cached_spans(own_unit.text, statement.lang)
        theirs = cached_spans(text, lang)
        index = bisect.bisect_right(mine, (statement.span[0], len(own_unit.text))) - 1
        if len(mine) == len(theirs) and index >= 0 and mine[index] == statement.span:
            start, end = theirs[index]
    if limit is not None and end - start > limit:  # cut before it is copied: a long unit has many statements
        return text[start : start + limit].rstrip() + "…"
    return text[start:end]


# ---------------------------------------------------------------- comparing the languages


def disagreements(treaty: TreatySet, doc: str) -> list[Disagreement]:
    """Units of ``doc`` where the English and Chinese analyses differ in (party, modality) pairs.

    Only units present in both languages are compared; recognitions count.
    """
    if (doc, "en") not in treaty.versions or (doc, "zh") not in treaty.versions:
        return []
    by_lang: dict[str, dict[str, list[Statement]]] = {}
    for lang in ("en", "zh"):  # each unit's statements, grouped once: linear in the number of units
        grouped = by_lang[lang] = {}
        for statement in extract(treaty, doc, lang):
            grouped.setdefault(statement.eid, []).append(statement)
    zh_units = {u.eid for u in treaty.versions[(doc, "zh")].units if u.kind in BODY_KINDS}
    out: list[Disagreement] = []
    for unit in treaty.versions[(doc, "en")].units:
        if unit.kind not in BODY_KINDS or unit.eid not in zh_units:
            continue
        found = {lang: grouped.get(unit.eid, []) for lang, grouped in by_lang.items()}
        pairs = {lang: {(p, s.modality) for s in found[lang] for p in s.parties} for lang in found}
        if pairs["en"] != pairs["zh"]:
            message = _describe(found["en"], found["zh"], pairs["en"], pairs["zh"], [p.id for p in treaty.parties])
            out.append(Disagreement(unit.eid, unit.ref, pairs["en"], pairs["zh"], message, doc))
    return out


def _describe(
    en: list[Statement],
    zh: list[Statement],
    en_pairs: set[tuple[str, str]],
    zh_pairs: set[tuple[str, str]],
    order: list[str],
) -> str:
    """``en: permission for UN, IOM ('may'); zh: obligation for UN, IOM ('会')``."""

    def side(lang: str, statements: list[Statement], only: set[tuple[str, str]]) -> str:
        if not only:
            return f"{lang}: nothing more"
        parts = []
        for modality in MODALITIES:
            parties = sorted(
                {p for p, m in only if m == modality},
                key=lambda p: (p not in order, order.index(p) if p in order else 0, p),
            )
            if not parties:
                continue
            words = sorted({s.marker for s in statements if s.modality == modality and set(s.parties) & set(parties)})
            said = f" ({', '.join(repr(w) for w in words)})" if words else ""
            parts.append(f"{modality} for {', '.join(parties)}{said}")
        return f"{lang}: " + "; ".join(parts)

    return f"{side('en', en, en_pairs - zh_pairs)} | {side('zh', zh, zh_pairs - en_pairs)}"


# ---------------------------------------------------------------- parties


@dataclass(frozen=True)
class PartyChoice:
    """What ``--party`` chose: a party, or one organ of it."""

    party: str
    organ: str | None = None

    def matches(self, statement: Statement) -> bool:
        if self.organ is None:
            return self.party in statement.parties
        return (self.party, self.organ) in statement.bearers


def _fold(name: str) -> str:
    return re.sub(r"[\s\-‐‑–—_]+", " ", name).strip().casefold()


def find_party(treaty: TreatySet, name: str) -> PartyChoice:
    """A party or organ by canonical name, alias or organ name in any language, ignoring case."""
    wanted = _fold(name)
    for party in treaty.parties:
        if wanted in {_fold(party.id), *(_fold(n) for names in party.names.values() for n in names)}:
            return PartyChoice(party.id)
    for party in treaty.parties:
        for organ in party.organs:
            if wanted in {_fold(organ.id), *(_fold(n) for names in organ.names.values() for n in names)}:
                return PartyChoice(party.id, organ.id)
    raise UnknownParty(name, known_parties(treaty))


def known_parties(treaty: TreatySet) -> list[str]:
    """Canonical party names, then organs as ``party: organ``."""
    return [p.id for p in treaty.parties] + [f"{p.id}: {o.id}" for p in treaty.parties for o in p.organs]


# ---------------------------------------------------------------- records


def statement_records(treaty: TreatySet, statements: list[Statement]) -> list[dict[str, Any]]:
    """Each statement as a record: its unit's address (doc, ref, eid, kind) and the statement.

    The unit's text is not repeated: the statement's own words (``clause``) and its offsets into
    the unit's text in ``lang`` are given, so the output grows with the text, not with the text
    times its statements (``unagree show REF --format json`` gives the text the offsets point into).
    """
    out = []
    for statement in statements:
        version = treaty.versions.get((statement.doc, statement.lang))
        unit = version.unit(statement.eid) if version else None
        record = {"doc": statement.doc, "ref": statement.ref, "eid": statement.eid, "kind": unit.kind if unit else ""}
        out.append({**record, **statement.data(unit.text if unit else "")})
    return out
