"""What ``unagree obligations`` lists: choosing statements, grouping them, counting them.

Plain data only; the command hands the rows to :mod:`unagree_cli.render`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model import TreatySet
from . import DEONTIC, MODALITIES, Disagreement, PartyChoice, Statement, counterpart, extract, statement_records


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
    """One JSON record per statement: the unit record extended with the statement."""
    return [record.to_dict() for record in statement_records(treaty, statements)]


def table_rows(
    treaty: TreatySet, statements: list[Statement], choice: PartyChoice | None, other: str | None, with_doc: bool
) -> list[dict[str, Any]]:
    """Rows grouped by party, then modality: a joint statement appears under each of its parties."""
    order = [p.id for p in treaty.parties]
    rows: list[dict[str, Any]] = []
    for position, statement in enumerate(statements):
        for party in statement.parties:
            if choice is not None and party != choice.party:
                continue
            rows.append(
                {
                    "group": f"{party} · {statement.modality}",
                    "sort": (
                        order.index(party) if party in order else len(order),
                        MODALITIES.index(statement.modality),
                        position,
                    ),
                    "ref": f"{statement.doc}:{statement.ref}" if with_doc else statement.ref,
                    "actor": statement.actor,
                    "action": statement.action,
                    "other": counterpart(treaty, statement, other) if other else "",
                }
            )
    rows.sort(key=lambda row: row["sort"])
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["group"]] = counts.get(row["group"], 0) + 1
    for row in rows:
        row["group"] = f"{row['group']} ({counts[row['group']]})"
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


def field(key: str) -> Callable[[dict[str, Any]], str]:
    """A row's value as text, for a table column."""
    return lambda row: str(row[key])


def pairs_in(lang: str) -> Callable[[dict[str, Any]], str]:
    """A disagreement row's pairs in ``lang`` as text, for a table column."""
    return lambda row: ", ".join(row["pairs"][lang]) or "—"
