"""Which words a view marks: deontic words in unit text, the words behind QA findings.

The spans come from :mod:`unagree_cli.highlight` (the library that finds them); this module only chooses
them for a view, and gives none when the library has no finder for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .. import highlight
from ..highlight import Span
from ..model import Record, TreatySet

UnitSpans = Callable[[Record, str], Sequence[Span]]


def deontic_marks(treaty: TreatySet) -> UnitSpans | None:
    """The deontic words of each unit (shall, may, 应, 可, 不得 ...) by modality, or None without a finder."""
    marks = getattr(highlight, "DeonticMarks", None)
    if marks is None:
        return None
    find: UnitSpans = marks(treaty)
    return find


def finding_marks(findings: dict[tuple[str, str], Iterable[Any]]) -> UnitSpans | None:
    """The words behind each unit's findings (keyed by ``(doc, eid)``), or None without a finder."""
    find = getattr(highlight, "finding_spans", None)
    if find is None:
        return None

    def spans(record: Record, lang: str) -> Sequence[Span]:
        return list(find(findings.get((record.doc, record.eid), ()), lang))

    return spans
