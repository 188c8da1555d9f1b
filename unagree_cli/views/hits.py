"""The view of search hits: a unit's heading and text in one language, its hits marked."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .. import highlight
from ..highlight import Span
from . import styles
from .env import UNSAFE, harmless, visible
from .table import Column

if TYPE_CHECKING:
    from ..search import Hit

try:
    from _json import encode_basestring as _quote
except ImportError:  # pragma: no cover - interpreters without the C accelerator
    from json.encoder import py_encode_basestring as _quote


def hit_text(row: dict[str, Any], lang: str) -> tuple[str, list[Span]]:
    """A hit (as ``Hit.to_dict``) in ``lang`` as one string, heading then text, and its hit spans."""
    heading = (row.get("heading") or {}).get(lang, "")
    text = row["text"].get(lang, "")
    offset = len(heading) + 1 if heading and text else 0
    whole = f"{heading}\n{text}" if heading and text else heading or text
    spans = [
        Span(m["start"], m["end"], highlight.HIT)
        if m["field"] == "heading"
        else Span(m["start"] + offset, m["end"] + offset, highlight.HIT)
        for m in row.get("matches", [])
        if m["lang"] == lang
    ]
    return whole, spans


def hit_columns(
    languages: Sequence[str], title: Callable[[str], str], treaty_column: bool = False
) -> list[Column[Any]]:
    """Columns of a hit table: (treaty set,) ``doc:ref``, then each language with its hits marked."""
    columns: list[Column[Any]] = []
    if treaty_column:
        columns.append(Column("Treaty set", lambda row: str(row["treaty"]), whole=True, style=styles.REF))
    columns.append(Column("Ref", lambda row: f"{row['doc']}:{row['ref']}", whole=True, style=styles.REF))
    for code in languages:
        columns.append(Column(title(code), _text(code), spans=_spans(code)))
    return columns


def hit_whole(row: dict[str, Any], lang: str) -> str:
    """:func:`hit_text` without the spans: heading then text (what plain output prints)."""
    heading = (row.get("heading") or {}).get(lang, "")
    text: str = row["text"].get(lang, "")
    return f"{heading}\n{text}" if heading and text else heading or text


def _text(code: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: hit_whole(row, code)


def _spans(code: str) -> Callable[[dict[str, Any]], list[Span]]:
    return lambda row: hit_text(row, code)[1]


# ---------------------------------------------------------------- many hits, lean: plain lines and JSON

HitItem = tuple[str | None, "Hit"]
"""A hit and the name of its treaty set (None: a search of one set, whose rows have no ``treaty``)."""


def _row(item: HitItem) -> dict[str, Any]:
    """The row the data formats print for a hit (``CorpusHit.to_dict`` or ``Hit.to_dict``)."""
    treaty, hit = item
    return hit.to_dict() if treaty is None else {"treaty": treaty, **hit.to_dict()}


def plain_hits(items: Sequence[HitItem], languages: Sequence[str]) -> str:
    """What :func:`unagree_cli.render.rows_plain` prints for :func:`hit_columns` over the items' rows.

    (Treaty set,) ``doc:ref`` and each language's heading and text, tab-separated, a line a hit,
    control characters made visible; made from the hits themselves, without a row's dict, except
    for a record with extra fields (a row's keys could then be another's).
    """
    lines: list[str] = []
    append = lines.append
    safe = True
    for treaty, hit in items:
        record = hit.record
        if record.extra:
            row = _row((treaty, hit))
            cells = [f"{row['doc']}:{row['ref']}", *(hit_whole(row, code) for code in languages)]
            if treaty is not None:
                cells.insert(0, str(row["treaty"]))
        else:
            heading, texts = record.heading or {}, record.text
            cells = [f"{record.doc}:{record.ref}"] if treaty is None else [treaty, f"{record.doc}:{record.ref}"]
            for code in languages:
                head, body = heading.get(code, ""), texts.get(code, "")
                cells.append(f"{head}\n{body}" if head and body else head or body)
        line = "\t".join([cell.replace("\t", " ").replace("\n", " ") for cell in cells])
        if safe and not line.replace("\t", "").isprintable():
            safe = False
        append(line)
    joined = "\n".join(lines)
    return (joined if safe else visible(joined)) + ("\n" if lines else "")


def json_hits(items: Iterable[HitItem], lines: bool = False, chunk: int = 256) -> Iterator[str]:
    """What :func:`unagree_cli.render.write_json` (``lines``: ``write_jsonl``) writes for the items' rows, in pieces.

    Each hit is written from its fields with the C string encoder JSON uses; a record with extra
    fields, or a value of another type, goes through :func:`~unagree_cli.views.jsontext.dumps` as
    its row. Control characters are escaped as :func:`unagree_cli.render.json_text` escapes them,
    once a piece.
    """
    from ..views.jsontext import dumps

    if lines:
        close, inner, deeper, deepest, comma = "", "", "", "", ", "
    else:
        close, inner, deeper, deepest, comma = "\n  ", "\n    ", "\n      ", "\n        ", ","
    field_sep, lang_sep, match_sep = comma + inner, comma + deeper, comma + deepest
    parts: list[str] = []
    made = 0
    first = True
    safe = True
    for item in items:
        if not lines:
            parts.append("[\n  " if first else ",\n  ")
        first = False
        text = _hit_json(item, close, inner, deeper, deepest, field_sep, lang_sep, match_sep)
        if text is None:
            text = dumps(_row(item), None if lines else 2)
            if not lines:
                text = text.replace("\n", "\n  ")
            safe = safe and harmless(text)
        elif safe and not harmless(text):
            safe = False
        parts.append(text + "\n" if lines else text)
        made += 1
        if made % chunk == 0:
            yield _escaped("".join(parts), safe)
            parts, safe = [], True
    if not lines:
        parts.append("\n]\n" if not first else "[]\n")
    if parts:
        yield _escaped("".join(parts), safe)


def _escaped(text: str, safe: bool) -> str:
    """``text`` with what :data:`unagree_cli.views.env.UNSAFE` matches as ``\\uXXXX`` (as ``json_text``)."""
    return text if safe else UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _hit_json(
    item: HitItem, close: str, inner: str, deeper: str, deepest: str, field_sep: str, lang_sep: str, match_sep: str
) -> str | None:
    """One hit's row as JSON (see :func:`json_hits`); None when the row is not of the one shape written here."""
    treaty, hit = item
    record = hit.record
    doc, ref, eid, kind, heading, text = record.doc, record.ref, record.eid, record.kind, record.heading, record.text
    if (
        record.extra
        or type(doc) is not str
        or type(ref) is not str
        or type(eid) is not str
        or type(kind) is not str
        or (treaty is not None and type(treaty) is not str)
    ):
        return None
    try:
        out = "{" + inner
        if treaty is not None:
            out += f'"treaty": {_quote(treaty)}{field_sep}'
        out += f'"doc": {_quote(doc)}{field_sep}"ref": {_quote(ref)}{field_sep}"eid": {_quote(eid)}'
        out += f'{field_sep}"kind": {_quote(kind)}{field_sep}'
        if heading is not None:
            out += f'"heading": {_texts(heading, deeper, lang_sep, inner)}{field_sep}'
        out += f'"text": {_texts(text, deeper, lang_sep, inner)}{field_sep}"matches": '
        matches = hit.matches
        if not matches:
            return out + "[]" + close + "}"
        out += "[" + deeper
        for index, match in enumerate(matches):
            start, end = match.start, match.end
            if type(start) is not int or type(end) is not int:
                return None
            out += ("" if index == 0 else lang_sep) + (
                f'{{{deepest}"lang": {_quote(match.lang)}{match_sep}"field": {_quote(match.field)}{match_sep}'
                f'"start": {start}{match_sep}"end": {end}{match_sep}"text": {_quote(match.text)}{deeper}}}'
            )
        return out + inner + "]" + close + "}"
    except TypeError:  # a value that is not text (the encoder takes only str): the general way
        return None


def _texts(value: dict[str, str], deeper: str, lang_sep: str, inner: str) -> str:
    """Text by language as a JSON object (``{}`` when empty)."""
    if not value:
        return "{}"
    return (
        "{" + deeper + lang_sep.join([f"{_quote(lang)}: {_quote(text)}" for lang, text in value.items()]) + inner + "}"
    )


def languages_shown(items: Iterable[HitItem], languages: Sequence[str]) -> list[str]:
    """The languages of ``languages`` that some hit's row has text in (its ``text`` holds the code)."""
    codes: set[str] = set()
    odd: list[Any] = []  # the text of rows whose extra fields could stand in for it
    for treaty, hit in items:
        record = hit.record
        if record.extra:
            odd.append(_row((treaty, hit))["text"])
        else:
            codes.update(record.text)
    return [code for code in languages if code in codes or any(code in text for text in odd)]
