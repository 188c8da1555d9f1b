"""The corpus as unit records: JSON, JSON lines, CSV and a bilingual Markdown document.

A record is the shape every command prints, ``{doc, ref, eid, kind,
[heading], text, [footnotes]}``, plus ``num`` so that :func:`load_records` can
rebuild the exact :class:`~unagree_cli.model.Record` list (``export json``
round-trips).
JSON and CSV keep the text exact; Markdown is for people, so control
characters are made visible there.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

from .. import eids
from ..model import Record, TreatySet, Version
from ..patterns import lazy
from ..render import Labels, Output, visible, write_json, write_jsonl

REQUIRED = ("doc", "ref", "eid", "kind", "text")


def unit_records(treaty: TreatySet, docs: list[str], langs: list[str]) -> list[Record]:
    """Every unit of ``docs`` in document order, with its text in ``langs``."""
    return [record for doc in docs for record in treaty.records(doc, langs)]


def record_dict(record: Record) -> dict[str, Any]:
    """The record as printed, with ``num`` after ``kind``."""
    data = record.to_dict()
    ordered: dict[str, Any] = {}
    for key, value in data.items():
        ordered[key] = value
        if key == "kind":
            ordered["num"] = record.num
    return ordered


def to_json(records: list[Record]) -> str:
    buffer = io.StringIO()
    write_json(Output(stream=buffer), (record_dict(r) for r in records))
    return buffer.getvalue()


def to_jsonl(records: list[Record]) -> str:
    buffer = io.StringIO()
    write_jsonl(Output(stream=buffer), (record_dict(r) for r in records))
    return buffer.getvalue()


def _footnotes(record: Record, lang: str) -> str:
    notes = record.extra.get("footnotes", [])
    return "\n".join(f"[{n['marker']}] {n['text'][lang]}" for n in notes if lang in n.get("text", {}))


def to_csv(records: list[Record], langs: list[str]) -> str:
    """One row per unit; ``heading_LANG``, ``text_LANG`` and ``footnotes_LANG`` columns per language."""
    columns = ["doc", "ref", "eid", "kind", "num"]
    for what in ("heading", "text", "footnotes"):
        columns += [f"{what}_{lang}" for lang in langs]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        headings = record.heading or {}
        writer.writerow(
            [record.doc, record.ref, record.eid, record.kind, record.num or ""]
            + [headings.get(lang, "") for lang in langs]
            + [record.text.get(lang, "") for lang in langs]
            + [_footnotes(record, lang) for lang in langs]
        )
    return buffer.getvalue()


# ---------------------------------------------------------------- loading


class RecordsError(ValueError):
    """A records file that is not what ``export json`` or ``export jsonl`` writes."""


def records_from_dicts(rows: list[Any]) -> list[Record]:
    """Rebuild records from their dicts; unknown keys go to ``extra``."""
    records: list[Record] = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise RecordsError(f"record {index} is not an object")
        missing = [key for key in REQUIRED if key not in row]
        if missing:
            raise RecordsError(f"record {index} has no {', '.join(missing)}")
        if not all(isinstance(row[key], str) for key in REQUIRED[:4]):
            raise RecordsError(f"record {index}: doc, ref, eid and kind must be text")
        text = _lang_map(row["text"], index, "text")
        heading = _lang_map(row["heading"], index, "heading") if row.get("heading") is not None else None
        num = row.get("num")
        if num is not None and not isinstance(num, str):
            raise RecordsError(f"record {index}: num must be text or null")
        extra = {key: value for key, value in row.items() if key not in (*REQUIRED, "num", "heading")}
        records.append(Record(row["doc"], row["ref"], row["eid"], row["kind"], num, text, heading, extra))
    return records


def _lang_map(value: Any, index: int, what: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise RecordsError(f"record {index}: {what} must map language codes to text")
    return dict(value)


def load_records(path: Path | str) -> list[Record]:
    """Read what ``export json`` or ``export jsonl`` wrote back into records."""
    text = Path(path).read_text(encoding="utf-8")
    try:
        if text.lstrip().startswith("["):
            rows = json.loads(text)
        else:
            rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise RecordsError(f"{path}: not JSON: {exc}") from exc
    return records_from_dicts(rows)


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = lazy(r"([\\`*_#|<>\[\]])")
_LINE_START = lazy(r"^(\s*)([-+]|\d+\.)(?=\s|$)", re.MULTILINE)


def md_inline(text: str) -> str:
    """Text inside a Markdown line (a label in bold), rendered literally."""
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def _unlist(match: re.Match[str]) -> str:
    """``1.`` -> ``1\\.`` and ``-`` -> ``\\-`` at a line start, so no list begins."""
    marker = match.group(2)
    return match.group(1) + (marker[:-1] + "\\." if marker.endswith(".") else "\\" + marker)


def md_text(text: str) -> str:
    """Corpus text as Markdown paragraphs that render literally; line breaks kept."""
    escaped = _LINE_START.sub(_unlist, md_inline(text))
    return escaped.replace("\n", "\\\n")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _both(values: list[str]) -> str:
    return " / ".join(dict.fromkeys(v for v in values if v))


def _source_line(version: Version) -> str:
    meta = version.meta
    where = ", ".join(str(meta[k]) for k in ("symbol", "component") if meta.get(k))
    details = [where, str(meta.get("status") or ""), str(meta.get("date") or "")]
    return f"{version.lang}: " + " · ".join(d for d in details if d)


def to_markdown(treaty: TreatySet, docs: list[str], langs: list[str], labels: Labels) -> str:
    """A readable bilingual document: headings, an anchor before every unit, footnotes."""
    out: list[str] = [f"# {md_text(_both([treaty.title.get(lang, '') for lang in langs]) or treaty.id)}"]
    names = {info.key: info.names for info in treaty.documents}
    if len(docs) > 1:
        out.append("\n".join(f"- [{md_text(_capital(names[d].get(langs[0], d)))}](#{d})" for d in docs))
    for doc in docs:
        versions = [treaty.versions[(doc, lang)] for lang in langs if (doc, lang) in treaty.versions]
        if not versions:
            continue
        out.append(
            f'<a id="{doc}"></a>\n\n## ' + md_text(_both([_capital(names[doc].get(v.lang, doc)) for v in versions]))
        )
        out.append("  \n".join(f"*{md_text(_source_line(v))}*" for v in versions))
        for version in versions:
            if version.preface:
                out.append("\n".join(f"> {md_text(line)}  " for line in version.preface).rstrip())
        footnotes: list[str] = []
        marks: dict[tuple[str, str], list[str]] = {}
        for version in versions:
            for index, note in enumerate(version.footnotes, start=1):
                label = f"{doc}-{version.lang}-{index}"
                marks.setdefault((version.lang, note.at), []).append(f"[^{label}]")
                footnotes.append(f"[^{label}]: {md_text(note.text)}")
        section = ""
        for record in treaty.records(doc, [v.lang for v in versions]):
            part = eids.parse(record.eid).part
            if part != section and part != "body":
                out.append("### " + md_text(_both([labels.get(v.lang, part) for v in versions])))
            section = part
            out.append(_unit_markdown(record, [v.lang for v in versions], labels, marks))
        if footnotes:
            out.append("\n".join(footnotes))
    return "\n\n".join(out) + "\n"


def _unit_markdown(record: Record, langs: list[str], labels: Labels, marks: dict[tuple[str, str], list[str]]) -> str:
    anchor = f'<a id="{record.doc}-{record.eid}"></a>'
    blocks: list[str] = []
    if record.kind == "article":
        heads = [
            f"{labels.unit_label(record, lang)}  {(record.heading or {}).get(lang, '')}".strip()
            for lang in langs
            if lang in record.text or (record.heading and lang in record.heading)
        ]
        blocks.append(f"### {md_text(_both(heads))}")
    for lang in langs:
        text = record.text.get(lang)
        if not text and not marks.get((lang, record.eid)):
            continue
        label = labels.unit_label(record, lang) if record.kind != "article" else ""
        lead = f"**{md_inline(label)}** " if label else ""
        blocks.append(lead + md_text(text or "") + "".join(marks.get((lang, record.eid), [])))
    return anchor + "\n\n" + "\n\n".join(blocks)
