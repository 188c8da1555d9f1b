"""``modality``: a unit obliges in one language and permits (or merely states) in the other.

The obligations engine (:mod:`unagree_cli.obligations`) reads who shall, may
or will do what in each language; its disagreements for a document are the
findings of this check, one per unit.
"""

from __future__ import annotations

from ..model import Record
from . import Check, Context, Finding

NAME = "modality"


def _disagreements(context: Context) -> dict[str, str]:
    """eId -> the engine's message, computed once per document."""
    cached = context.cache.get(NAME)
    if cached is None:
        from ..obligations import disagreements

        cached = {d.eid: d.message for d in disagreements(context.treaty, context.alignment.doc)}
        context.cache[NAME] = cached
    return cached


def check_unit(context: Context, record: Record) -> list[Finding]:
    if any(lang not in record.text for lang in context.langs):
        return []
    message = _disagreements(context).get(record.eid)
    return [Finding(NAME, "error", message)] if message else []


CHECK = Check(NAME, "the deontic modality (shall, may, will) differs between the languages", check_unit)
