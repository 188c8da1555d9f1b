"""``version``: the two texts of a document are not the same version of it.

Reported once per document, from each version's metadata: one is a draft
and the other adopted or approved; their titles do not correspond (each
version's title is expected to contain the treaty set's title in its
language, or neither to); and the closing record (meeting, date) that only
the adopted text can have. Unit-level differences that follow from these
are not reported again unit by unit.
"""

from __future__ import annotations

from . import Context, Finding, quote

NAME = "version"


def _where(meta: dict[str, object]) -> str:
    symbol = str(meta.get("symbol") or "")
    component = str(meta.get("component") or "")
    return f"{symbol}, {component}" if symbol and component else symbol or "no symbol"


def titles_differ(context: Context) -> bool:
    """One version's title contains the treaty set's title in its language and the other's does not."""
    alignment = context.alignment
    contains = [
        bool(context.treaty.title.get(lang))
        and context.treaty.title[lang] in str(alignment.meta[lang].get("title") or "")
        for lang in alignment.langs
    ]
    return contains[0] != contains[1]


def check_document(context: Context) -> list[Finding]:
    alignment = context.alignment
    if alignment.one_sided or len(alignment.present) < 2:
        return []
    stages = alignment.draft_and_final()
    differ = titles_differ(context)
    if stages is None and not differ:
        return []
    parts: list[str] = []
    if stages is not None:
        draft, final = stages
        parts.append(
            f"the {context.name(final)} is the text as {alignment.status(final)} ({_where(alignment.meta[final])}), "
            f"the {context.name(draft)} the draft ({_where(alignment.meta[draft])})"
        )
    if differ:
        titles = " / ".join(quote(str(alignment.meta[lang].get("title") or ""), 90) for lang in alignment.langs)
        parts.append(f"the titles differ: {titles}")
    elif stages is not None:
        parts.append("the titles correspond")
    closing = alignment.adoption_record()
    if closing and stages is not None:
        draft, final = stages
        lines = "; ".join(r.text[final] for r in closing)
        parts.append(f"the draft lacks the adoption record of the {context.name(final)} ({lines})")
    severity = "warning" if differ or closing else "info"
    return [Finding(NAME, severity, "; ".join(parts))]
