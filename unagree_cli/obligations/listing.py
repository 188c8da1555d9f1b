"""What ``unagree obligations`` lists: choosing statements, grouping them, counting them.

Plain data only; :mod:`unagree_cli.views.statements` draws them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import field
from typing import TYPE_CHECKING, Any

from ..errors import NothingFound, UsageFailure
from ..model import TreatySet
from . import (
    DEONTIC,
    LANGUAGES,
    MODALITIES,
    Disagreement,
    PartyChoice,
    Statement,
    counterpart,
    disagreements,
    extract,
    known_parties,
    statement_records,
)

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at start-up: see fastclass
    from ..fastclass import dataclass


COUNTERPART_LIMIT = 1000
"""The most of the other language's sentence a table row shows: a paragraph that is one long sentence with
a statement every few words would otherwise put the whole paragraph in every row."""


class UnknownModality(ValueError):
    """A ``--modality`` value that is none of :data:`MODALITIES`."""


def parse_modalities(value: str | None) -> tuple[str, ...]:
    """``obligation,right`` -> the modalities; none given: the four deontic ones; ``all``: with recognitions."""
    if value is None or not value.strip():
        return DEONTIC
    wanted: list[str] = []
    for part in value.replace(" ", ",").split(","):
        word = part.strip().lower()
        if not word:
            continue
        if word == "all":
            return MODALITIES
        matches = [m for m in MODALITIES if m == word] or [m for m in MODALITIES if m.startswith(word)]
        if len(matches) != 1:
            raise UnknownModality(part.strip())
        if matches[0] not in wanted:
            wanted.append(matches[0])
    if not wanted:
        raise UnknownModality(value)
    return tuple(wanted)


def select(
    treaty: TreatySet, docs: list[str], lang: str, modalities: tuple[str, ...], choice: PartyChoice | None
) -> list[Statement]:
    """The statements of ``docs`` read in ``lang`` with one of ``modalities``, of the chosen party."""
    return [
        statement
        for doc in docs
        for statement in extract(treaty, doc, lang)
        if statement.modality in modalities and (choice is None or choice.matches(statement))
    ]


def records(treaty: TreatySet, statements: list[Statement]) -> list[dict[str, Any]]:
    """One JSON record per statement: its unit's address and the statement (see :func:`statement_records`)."""
    return statement_records(treaty, statements)


@dataclass
class PartyRow:
    """One statement under one of its parties: a row of the grouped table."""

    group: str
    sort: tuple[int, int, int]
    ref: str
    statement: Statement
    other: str = ""


def table_rows(
    treaty: TreatySet, statements: list[Statement], choice: PartyChoice | None, other: str | None, with_doc: bool
) -> list[PartyRow]:
    """Rows grouped by party, then modality: a joint statement appears under each of its parties."""
    order = [p.id for p in treaty.parties]
    rows: list[PartyRow] = []
    for position, statement in enumerate(statements):
        for party in statement.parties:
            if choice is not None and party != choice.party:
                continue
            rows.append(
                PartyRow(
                    f"{party} · {statement.modality}",
                    (
                        order.index(party) if party in order else len(order),
                        MODALITIES.index(statement.modality),
                        position,
                    ),
                    f"{statement.doc}:{statement.ref}" if with_doc else statement.ref,
                    statement,
                    counterpart(treaty, statement, other, COUNTERPART_LIMIT) if other else "",
                )
            )
    rows.sort(key=lambda row: row.sort)
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.group] = counts.get(row.group, 0) + 1
    for row in rows:
        row.group = f"{row.group} ({counts[row.group]})"
    return rows


def plain_row(statement: Statement, with_doc: bool) -> dict[str, Any]:
    """One tab-separated line: ref, parties, modality, marker, actor, action."""
    return {
        "ref": f"{statement.doc}:{statement.ref}" if with_doc else statement.ref,
        "parties": ",".join(statement.parties),
        "modality": statement.modality,
        "marker": statement.marker,
        "actor": statement.actor,
        "action": statement.action,
    }


def summary(statements: list[Statement], treaty: TreatySet, choice: PartyChoice | None = None) -> str:
    """``46 statements: 32 obligations, 10 permissions, 4 rights · UN 28, IOM 37`` (a joint one counts for each)."""
    by_modality = [(m, sum(1 for s in statements if s.modality == m)) for m in MODALITIES]
    parts = [f"{count} {modality}{'s' if count != 1 else ''}" for modality, count in by_modality if count]
    shown = [p.id for p in treaty.parties if choice is None or p.id == choice.party]
    by_party = [(party, sum(1 for s in statements if party in s.parties)) for party in shown]
    parties = ", ".join(f"{party} {count}" for party, count in by_party if count)
    noun = "statement" if len(statements) == 1 else "statements"
    return f"{len(statements)} {noun}: {', '.join(parts)} · {parties}"


def disagreement_rows(
    treaty: TreatySet, found: list[Disagreement], modalities: tuple[str, ...], choice: PartyChoice | None
) -> list[dict[str, Any]]:
    """Units where the languages disagree, as unit records with the pairs each language has."""
    units = {(doc, r.eid): r for doc in {x.doc for x in found} for r in treaty.records(doc, treaty.langs_of(doc))}
    rows = []
    for item in found:
        differing = item.en ^ item.zh
        if not any(m in modalities and (choice is None or p == choice.party) for p, m in differing):
            continue
        record = units.get((item.doc, item.eid))
        row: dict[str, Any] = record.to_dict() if record else {"doc": item.doc, "ref": item.ref, "eid": item.eid}
        row["pairs"] = {
            lang: [f"{p} {m}" for p, m in _ordered(pairs, treaty)] for lang, pairs in (("en", item.en), ("zh", item.zh))
        }
        row["message"] = item.message
        rows.append(row)
    return rows


def _ordered(pairs: set[tuple[str, str]], treaty: TreatySet) -> list[tuple[str, str]]:
    order = [p.id for p in treaty.parties]
    return sorted(
        pairs, key=lambda pair: (order.index(pair[0]) if pair[0] in order else len(order), MODALITIES.index(pair[1]))
    )


def pairs_in(lang: str) -> Callable[[dict[str, Any]], str]:
    """A disagreement row's pairs in ``lang`` as text, for a table column."""
    return lambda row: ", ".join(row["pairs"][lang]) or "—"


# ---------------------------------------------------------------- the question asked


@dataclass
class Listing:
    """The answer to ``unagree obligations``: statements read in ``lang``, or the units where analyses differ."""

    treaty: TreatySet
    lang: str
    chosen: str | None
    choice: PartyChoice | None
    modalities: tuple[str, ...]
    statements: list[Statement] = field(default_factory=list)
    differences: list[dict[str, Any]] = field(default_factory=list)

    @property
    def with_doc(self) -> bool:
        return self.chosen is None

    @property
    def other(self) -> str | None:
        """The language shown beside the one analysed."""
        return next((c for c in self.treaty.languages if c != self.lang), None)


def list_statements(
    treaty: TreatySet,
    chosen: str | None,
    party: str | None,
    modality: str | None,
    lang: str | None,
    compare: bool = False,
) -> Listing:
    """Answer ``obligations``: the statements (or, with ``compare``, the disagreements) asked for.

    Raises :class:`UsageFailure` for a bad option and :class:`NothingFound` for an empty answer.
    """
    try:
        modalities = parse_modalities(modality)
    except UnknownModality as exc:
        raise UsageFailure(f"unknown modality '{exc}'", hint=f"use one of: {', '.join(MODALITIES)}, all") from None
    choice = choose_party(treaty, party) if party is not None else None
    docs = [chosen] if chosen else treaty.doc_keys()
    analysable = [c for c in LANGUAGES if c in treaty.languages]
    code = (lang or (analysable or treaty.languages)[0]).strip().lower()
    listing = Listing(treaty, code, chosen, choice, modalities)
    if compare:
        found = [d for key in docs for d in disagreements(treaty, key)]
        listing.differences = disagreement_rows(treaty, found, modalities, choice)
        if not listing.differences:
            raise NothingFound("the English and Chinese analyses agree" + (f" in the {chosen}" if chosen else ""))
        return listing
    if code in treaty.languages and code not in LANGUAGES:
        raise NothingFound(f"not analysed for {code}: obligations are read in {' and '.join(LANGUAGES)} only")
    if code not in LANGUAGES or code not in treaty.languages:
        known = [c for c in LANGUAGES if c in treaty.languages]
        both = "the text is shown in every language; --compare compares the analyses"
        hint = both if code in ("both", "all") else f"use one of: {', '.join(known)}"
        raise UsageFailure(f"cannot analyse language '{lang}'", hint=hint)
    if chosen and (chosen, code) not in treaty.versions:
        raise NothingFound(f"the {chosen} has no version in {code} (it has: {', '.join(treaty.langs_of(chosen))})")
    listing.statements = select(treaty, docs, code, modalities, choice)
    if not listing.statements:
        kinds = ", ".join(modalities[:-1]) + (" or " if len(modalities) > 1 else "") + modalities[-1]
        who = f" of {party}" if party else ""
        raise NothingFound(f"no {kinds}{who} in the {chosen or 'documents'} (read in {code})")
    return listing


# ---------------------------------------------------------------- --party


def _fold(name: str) -> str:
    """Case, hyphens, dashes, underscores, apostrophes and a leading article do not matter."""
    folded = re.sub(r"[\s\-‐‑–—_·・]+", " ", name).strip().casefold()
    return re.sub(r"^(the|l'|la|le|les) ", "", folded)


def _initials(name: str) -> str:
    """``Secretary-General`` -> ``sg``, ``Director General`` -> ``dg``: capitalised words' initials."""
    words = re.split(r"[\s\-‐‑–—]+", name)
    caps = [w[0] for w in words if w[:1].isupper()]
    return "".join(caps).casefold() if len(caps) >= 2 and name.isascii() else ""


def choose_party(treaty: TreatySet, name: str) -> PartyChoice:
    """What ``--party`` names, in every form its hint shows and more, any language, any case.

    A party by id or name (``IOM``, ``联合国``); an organ by id, name or initials (``Council``,
    ``the Secretary-General``, ``SG``, ``总干事``); an organ of a party as ``IOM: Council``,
    ``IOM Council``, ``Council of IOM`` or run together (``联合国秘书长``).
    """
    wanted = _fold(name)
    parties = {p.id: [_fold(p.id), *(_fold(n) for ns in p.names.values() for n in ns)] for p in treaty.parties}
    for party in treaty.parties:
        if wanted in parties[party.id]:
            return PartyChoice(party.id)
    for party in treaty.parties:
        for organ in party.organs:
            if wanted in _organ_forms(organ):
                return PartyChoice(party.id, organ.id)
    # "party: organ", "party organ", "party's organ", "organ of party", "联合国秘书长"
    for party in treaty.parties:
        for form in sorted(parties[party.id], key=len, reverse=True):
            if not form:
                continue
            rests = []
            if wanted.startswith(form):
                rests.append(re.sub(r"^(?:\s*[:：]\s*|['’]s\s+|\s+)", "", wanted[len(form) :]))
            for joint in (" of ", " of the "):
                if wanted.endswith(joint + form):
                    rests.append(wanted[: -len(joint + form)].strip())
            for rest in rests:
                found = next((o for o in party.organs if rest and rest in _organ_forms(o)), None)
                if found is not None:
                    return PartyChoice(party.id, found.id)
    initials = [(p, o) for p in treaty.parties for o in p.organs if wanted in {_initials(n) for n in _names(o)} - {""}]
    if len(initials) == 1:
        return PartyChoice(initials[0][0].id, initials[0][1].id)
    raise UsageFailure(f"unknown party '{name}'", hint=f"known parties: {'; '.join(known_parties(treaty))}")


def _names(organ: Any) -> list[str]:
    return [organ.id, *(n for ns in organ.names.values() for n in ns)]


def _organ_forms(organ: Any) -> set[str]:
    return {_fold(n) for n in _names(organ)}
