"""The view of translation-QA findings (``unagree diff``): notes under each aligned pair, the summary."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..qa import SEVERITIES, Check, Report, Reviewed, summary
from ..render import Labels, Note, Output, render_annotated
from .marks import finding_marks

if TYPE_CHECKING:
    from ..model import Record


def show_report(
    out: Output, fmt: str, report: Report, items: list[Reviewed], langs: Sequence[str], labels: Labels
) -> list[str]:
    """The aligned pairs with their findings in every format; returns the summary lines."""
    several = len(report.docs) > 1

    def notes(record: Record) -> list[Note]:
        return [Note(f["severity"], f"{f['check']}: {f['message']}", f["severity"]) for f in record.extra["findings"]]

    def shown_ref(record: Record) -> str:
        if record.kind == "document":
            return f"{record.doc}:"
        return f"{record.doc}:{record.ref}" if several else record.ref

    footer = summary_lines(items, report.checks)
    records = [item.as_record() for item in items]
    marks = finding_marks({(item.record.doc, item.record.eid): item.findings for item in items})
    render_annotated(out, fmt, records, langs, labels, notes, shown_ref, footer, marks if fmt == "table" else None)
    return footer


def summary_lines(reviewed: list[Reviewed], checks: list[Check]) -> list[str]:
    """The summary as lines of text: a total, then one line per check."""
    counts = summary(reviewed, checks)
    total: Counter[str] = Counter()
    for per_check in counts.values():
        total.update(per_check)

    def spell(counter: Counter[str]) -> str:
        parts = []
        for severity in SEVERITIES:
            n = counter[severity]
            if n:
                noun = severity if n == 1 or severity == "info" else severity + "s"
                parts.append(f"{n} {noun}")
        return ", ".join(parts)

    n = sum(total.values())
    lines = [f"{n} finding{'' if n == 1 else 's'}" + (f": {spell(total)}" if n else "")]
    width = max((len(name) for name in counts), default=0)
    for name, counter in counts.items():
        count = sum(counter.values())
        lines.append(f"  {name:<{width}}  {count:>3}" + (f"  ({spell(counter)})" if count else ""))
    return lines
