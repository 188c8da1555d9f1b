"""``missing``: a unit, heading or list item in one language only; a document with no counterpart."""

from __future__ import annotations

from ..align import describe, list_of, missing_langs
from ..highlight import FINDING, Span
from ..model import Record
from . import Context, Finding, quote

NAME = "missing"


def check_document(context: Context) -> list[Finding]:
    alignment = context.alignment
    only = alignment.one_sided
    if only is None:
        return []
    absent = next(lang for lang in alignment.langs if lang != only)
    units = sum(1 for r in alignment.records if r.text)
    remarks = " ".join(str(alignment.meta[only].get("remarks") or "").split())
    message = (
        f"the {alignment.doc} exists in {context.name(only)} only ({units} units); "
        f"the corpus has no {context.name(absent)} version to compare"
    )
    return [Finding(NAME, "info", message + (f". Corpus remarks: {remarks}" if remarks else ""))]


def unit_context(context: Context) -> str:
    """What :func:`check_unit` reads beyond its unit: the adopted text's closing units, the lists' sizes."""
    alignment = context.alignment
    adopted = sorted(r.eid for r in alignment.adoption_record())
    sizes = sorted((owner, sorted(counts.items())) for owner, counts in alignment.list_sizes().items())
    return repr((adopted, sizes))


def check_unit(context: Context, record: Record) -> list[Finding]:
    langs = context.langs
    absent = missing_langs(record, langs)
    if len(absent) == 1:
        # once per document, not once per unit missing a language
        adopted = context.once(f"{NAME}.adopted", _adopted, context)
        if record.eid in adopted:
            return []  # an adopted text's closing record; the version check reports it
        present = next(lang for lang in langs if lang != absent[0])
        message = f"{describe(record)} is in {context.name(present)} only: {quote(record.text[present])}"
        owner = list_of(record)
        if owner is not None:
            sizes = context.alignment.list_sizes()[owner]
            message += "; the lists have " + " and ".join(
                f"{sizes[lang]} point{'s' if sizes[lang] != 1 else ''} in {context.name(lang)}" for lang in langs
            )
        text = record.text[present]
        spans = {present: [Span(0, len(text), FINDING, "in one language only")]} if text else {}
        return [Finding(NAME, "error", message, spans)]
    if not absent and record.heading:
        headless = [lang for lang in langs if not record.heading.get(lang)]
        if len(headless) == 1:
            present = next(lang for lang in langs if lang != headless[0])
            heading = quote(record.heading[present])
            return [
                Finding(
                    NAME, "error", f"the heading of {describe(record)} is in {context.name(present)} only: {heading}"
                )
            ]
    return []


def _adopted(context: Context) -> set[str]:
    """The eIds of the adopted text's closing records (reported by the version check, not as missing)."""
    return {r.eid for r in context.alignment.adoption_record()}
