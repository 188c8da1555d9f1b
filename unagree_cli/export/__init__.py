"""Exports that other tools open: Akoma Ntoso, TMX, JSON, JSON lines, CSV, Markdown and an HTML page.

:func:`build` turns the corpus into one export's text plus notices for stderr
(what was left out, which dates are placeholders); :mod:`.files` writes it
atomically. Nothing here imports typer or rich.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import UsageFailure
from ..model import TreatySet
from ..render import Labels

FORMATS = ("akn", "tmx", "json", "jsonl", "csv", "md", "html")


@dataclass
class Export:
    """An export's whole text and the notices to print on stderr."""

    text: str
    notices: list[str] = field(default_factory=list)


def export_format(value: str) -> str:
    """The format named by ``value``, or a usage error listing them."""
    chosen = value.strip().lower()
    if chosen not in FORMATS:
        raise UsageFailure(f"unknown export format '{value}'", hint=f"use one of: {', '.join(FORMATS)}")
    return chosen


def akn_doc(treaty: TreatySet, doc: str | None) -> str:
    """The document ``export akn`` writes: ``--doc``, else the one that holds the treaty."""
    from .akn import default_doc

    return doc or default_doc(treaty)


def build(treaty: TreatySet, fmt: str, doc: str | None, langs: list[str] | None, labels: Labels) -> Export:
    """Export ``doc`` (``None``: every document) in ``langs`` (``None``: the format's default)."""
    docs = [doc] if doc else treaty.doc_keys()
    if fmt == "akn":
        from .akn import export_akn

        chosen = akn_doc(treaty, doc)
        langs = langs or treaty.langs_of(chosen)[:1]
        if len(langs) != 1:
            raise UsageFailure(
                "an Akoma Ntoso document holds one language",
                hint=f"use --lang with one of: {', '.join(treaty.langs_of(chosen))}",
            )
        result = export_akn(treaty, chosen, langs[0], labels)
        return Export(result.text, result.notices)
    langs = langs or list(treaty.languages)
    if fmt == "tmx":
        from .tmx import export_tmx

        tmx = export_tmx(treaty, docs, langs)
        return Export(tmx.text, tmx.notices)
    from . import data

    notices = [
        f"the {key} has no version in {', '.join(langs)}; the export leaves it out"
        for key in docs
        if not any((key, lang) in treaty.versions for lang in langs)
    ]
    if fmt == "html":
        from .html import export_html

        page = export_html(treaty, docs, langs, labels)
        return Export(page.text, notices + page.notices)
    if fmt == "md":
        return Export(data.to_markdown(treaty, docs, langs, labels), notices)
    records = data.unit_records(treaty, docs, langs)
    if fmt == "json":
        return Export(data.to_json(records), notices)
    if fmt == "jsonl":
        return Export(data.to_jsonl(records), notices)
    return Export(data.to_csv(records, langs), notices)
