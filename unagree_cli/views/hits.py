"""The view of search hits: a unit's heading and text in one language, its hits marked."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from .. import highlight
from ..highlight import Span
from . import styles
from .env import UNSAFE, PipeClosed, harmless, visible

if TYPE_CHECKING:
    from ..index import StoredLine
    from ..search import Hit
    from .env import Environment
    from .table import Column

try:
    from _json import encode_basestring as _quote
except ImportError:  # pragma: no cover - interpreters without the C accelerator
    from json.encoder import py_encode_basestring as _quote


def whole(heading: str, text: str) -> str:
    """A language's heading and text as one string (heading, line break, text): what a hit shows for it."""
    return f"{heading}\n{text}" if heading and text else heading or text


def plain_cell(text: str) -> str:
    """``text`` as a cell of a plain line: tabs and line breaks as spaces."""
    return text.replace("\t", " ").replace("\n", " ")


def hit_text(row: dict[str, Any], lang: str) -> tuple[str, list[Span]]:
    """A hit (as ``Hit.to_dict``) in ``lang`` as one string, heading then text, and its hit spans."""
    heading = (row.get("heading") or {}).get(lang, "")
    text = row["text"].get(lang, "")
    offset = len(heading) + 1 if heading and text else 0
    spans = [
        Span(m["start"], m["end"], highlight.HIT)
        if m["field"] == "heading"
        else Span(m["start"] + offset, m["end"] + offset, highlight.HIT)
        for m in row.get("matches", [])
        if m["lang"] == lang
    ]
    return whole(heading, text), spans


def hit_columns(
    languages: Sequence[str], title: Callable[[str], str], treaty_column: bool = False
) -> list[Column[Any]]:
    """Columns of a hit table: (treaty set,) ``doc:ref``, then each language with its hits marked."""
    from .table import Column  # (the table's code: not for plain or JSON hits)

    columns: list[Column[Any]] = []
    if treaty_column:
        columns.append(Column("Treaty set", lambda row: str(row["treaty"]), whole=True, style=styles.REF))
    columns.append(Column("Ref", lambda row: f"{row['doc']}:{row['ref']}", whole=True, style=styles.REF))
    for code in languages:
        columns.append(Column(title(code), _text(code), spans=_spans(code)))
    return columns


def hit_whole(row: dict[str, Any], lang: str) -> str:
    """:func:`hit_text` without the spans: heading then text (what plain output prints)."""
    return whole((row.get("heading") or {}).get(lang, ""), row["text"].get(lang, ""))


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
            cells += [whole(heading.get(code, ""), texts.get(code, "")) for code in languages]
        cells = [plain_cell(cell) for cell in cells]
        if safe and not all_harmless(cells, printable):
            safe = False
        append("\t".join(cells))
    joined = "\n".join(lines)
    return (joined if safe else visible(joined)) + ("\n" if lines else "")


def plain_stored(found: Sequence[StoredLine], languages: Sequence[str]) -> bytes | str:
    """What :func:`plain_hits` prints over every set for hits given as their set's name and their stored
    line (:meth:`unagree_cli.index.CorpusIndex.plain_lines`: shape, line as UTF-8, clean) or their
    record: as UTF-8 (to be written as it is), or as text when some of it is not valid UTF-8 (a lone
    surrogate in a set's name or a record's text).

    The languages shown are those of ``languages`` some hit has text in; a stored line has a cell for
    each language its record has text in (its shape), in the set's order, so it is the hit's line when
    that is them; otherwise its cells (split at its tabs: a cell has none) are put in the order shown,
    an empty one for a language it has no text in. Each line is made visible on its own: what
    :func:`~unagree_cli.views.env.visible` replaces is one character, never a line break, so the lines
    come out as when they are made visible together.
    """
    from ..index import SHAPE_SEP
    from ..search import make_hit

    shapes: set[str] = set()
    records: list[HitItem] = []
    for name, shape, _line, _clean, record in found:
        if record is not None:
            records.append((name, make_hit(record, [])))  # plain output prints no match
        else:
            shapes.add(shape)
    codes = set(languages_shown(records, languages))
    for shape in shapes:
        if shape:
            codes.update(shape.split(SHAPE_SEP))
    shown = [code for code in languages if code in codes]
    key = SHAPE_SEP.join(shown)
    cells: dict[str, tuple[bytes, bool]] = {}  # a set's name as its cell, and whether that is harmless
    lines: list[bytes] = []
    append = lines.append
    try:
        for name, shape, line, clean, record in found:
            if record is not None:
                append(plain_hits([(name, make_hit(record, []))], shown).encode())
                continue
            known = cells.get(name)
            if known is None:
                cell = plain_cell(name)
                known = cells[name] = (cell + "\t").encode(), harmless(cell)
            if shape == key and clean and known[1]:
                append(known[0] + line + b"\n")
                continue
            text = line.decode() if shape == key else "\t".join(_shown_cells(line, shape, shown))
            append(visible(known[0].decode() + text).encode() + b"\n")
    except UnicodeEncodeError:  # not UTF-8: as text
        return "".join(_plain_stored_line(item, shown) for item in found)
    return b"".join(lines)


def _plain_stored_line(item: StoredLine, shown: list[str]) -> str:
    """One hit's line of :func:`plain_stored`, as text, the slow way: from its record, or its stored line's cells."""
    from ..search import make_hit

    name, shape, line, _clean, record = item
    if record is not None:
        return plain_hits([(name, make_hit(record, []))], shown)
    return visible("\t".join([plain_cell(name), *_shown_cells(line, shape, shown)])) + "\n"


def _shown_cells(line: bytes, shape: str, shown: list[str]) -> list[str]:
    """A stored line's cells (``doc:ref``, then one a language of its ``shape``) put in the order of ``shown``,
    an empty one for a language it has no text in (a cell holds no tab: the line splits at its tabs)."""
    from ..index import SHAPE_SEP

    parts = line.decode().split("\t")
    by_code = dict(zip(shape.split(SHAPE_SEP) if shape else [], parts[1:], strict=True))
    return [parts[0], *(by_code.get(code, "") for code in shown)]


def write_utf8(output: Environment, data: bytes | str) -> None:
    """Write UTF-8 ``data`` to ``output`` as :meth:`~unagree_cli.views.env.Environment.write` writes its text:
    straight to the bytes under standard output when that is a pipe or file taking UTF-8 (no text made
    only to be encoded again), otherwise as text."""
    if isinstance(data, str):
        output.write(data)
        return
    stream = output.stream
    buffer = getattr(stream, "buffer", None)
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "").replace("_", "")
    if output.is_tty or buffer is None or encoding != "utf8" or os.linesep != "\n":
        output.write(data.decode())
        return
    try:
        stream.flush()
        buffer.write(data)
    except BrokenPipeError:
        raise PipeClosed from None


def json_hits(items: Iterable[HitItem], lines: bool = False, chunk: int = 256) -> Iterator[str]:
    """What :func:`unagree_cli.render.write_json` (``lines``: ``write_jsonl``) writes for the items' rows, in pieces.

    Each hit is written from its fields with the C string encoder JSON uses; a record with extra
    fields, or a value of another type, goes through :func:`~unagree_cli.views.jsontext.dumps` as
    its row. Control characters are escaped as :func:`unagree_cli.render.json_text` escapes them,
    once a piece.
    """
    return _json_stream(items, _hit_json, _row, lines, chunk)


def _json_stream(
    items: Iterable[Any],
    write: Callable[[Any, _Layout, list[str]], bool | None],
    row_of: Callable[[Any], Any],
    lines: bool,
    chunk: int,
) -> Iterator[str]:
    """A JSON array (``lines``: JSON lines) of ``items`` in pieces of ``chunk`` rows: each written by ``write``
    (which says whether it is harmless, or None when it cannot write it: then its row, ``row_of(item)``, goes
    through :func:`~unagree_cli.views.jsontext.dumps`), what :data:`UNSAFE` matches escaped once a piece."""
    from ..views.jsontext import dumps

    layout = _LAYOUTS[lines]
    parts: list[str] = []
    made = 0
    safe = True
    for item in items:
        if not lines:
            parts.append(",\n  " if made else "[\n  ")
        harmless_row = write(item, layout, parts)
        if harmless_row is not None:
            safe = safe and harmless_row
        else:
            text = dumps(row_of(item), None if lines else 2)
            if not lines:
                text = text.replace("\n", "\n  ")
            safe = safe and harmless(text)
            parts.append(text)
        if lines:
            parts.append("\n")
        made += 1
        if made % chunk == 0:
            yield _escaped("".join(parts), safe)
            parts, safe = [], True
    if not lines:
        parts.append("\n]\n" if made else "[]\n")
    if parts:
        yield _escaped("".join(parts), safe)


def _escaped(text: str, safe: bool) -> str:
    """``text`` with what :data:`unagree_cli.views.env.UNSAFE` matches as ``\\uXXXX`` (as ``json_text``)."""
    return text if safe else UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Layout(NamedTuple):
    """The line breaks and separators of a hit's JSON: on one line (JSON lines), or indented in an array."""

    close: str  # before the row's closing brace
    inner: str  # before each field of the row
    deeper: str  # before each language of a text, each match
    deepest: str  # before each field of a match
    field_sep: str
    lang_sep: str
    match_sep: str


_LAYOUTS = {
    True: _Layout("", "", "", "", ", ", ", ", ", "),  # JSON lines: each row on one line
    False: _Layout("\n  ", "\n    ", "\n      ", "\n        ", ",\n    ", ",\n      ", ",\n        "),
}
"""The line breaks and separators of a row, by ``lines``: on one line, or indented in an array."""


def _hit_json(item: HitItem, layout: _Layout, parts: list[str]) -> bool | None:
    """Append one hit's row as JSON to ``parts`` (see :func:`json_hits`) and say whether all its text is
    harmless; None, appending nothing, for a row that is not of the one shape written here."""
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
    close, inner, deeper, deepest, field_sep, lang_sep, match_sep = layout
    mark = len(parts)
    short = [doc, ref, eid, kind]  # short texts, checked at the end in one go
    flags = [True]  # whether every long text is harmless
    try:
        if treaty is not None:
            short.append(treaty)
            parts.append(f'{{{inner}"treaty": {_quote(treaty)}{field_sep}"doc": {_quote(doc)}')
        else:
            parts.append(f'{{{inner}"doc": {_quote(doc)}')
        parts.append(f'{field_sep}"ref": {_quote(ref)}{field_sep}"eid": {_quote(eid)}{field_sep}')
        parts.append(f'"kind": {_quote(kind)}{field_sep}')
        if heading is not None:
            parts += ('"heading": ', _texts(heading, layout, short, flags), field_sep)
        parts += ('"text": ', _texts(text, layout, short, flags), field_sep, '"matches": ')
        matches = hit.matches
        if not matches:
            parts += ("[]", close, "}")
        else:
            parts.append("[" + deeper)
            for index, match in enumerate(matches):
                start, end, lang, field, found = match.start, match.end, match.lang, match.field, match.text
                if type(start) is not int or type(end) is not int:
                    raise TypeError("not a number")
                if index:
                    parts.append(lang_sep)
                short += (lang, field, found)
                parts.append(
                    f'{{{deepest}"lang": {_quote(lang)}{match_sep}"field": {_quote(field)}{match_sep}'
                    f'"start": {start}{match_sep}"end": {end}{match_sep}"text": {_quote(found)}{deeper}}}'
                )
            parts += (inner, "]", close, "}")
    except (TypeError, AttributeError):  # a value that is not text: the general way
        del parts[mark:]
        return None
    return flags[0] and all_harmless(short)


def _texts(value: dict[str, str], layout: _Layout, short: list[str], flags: list[bool]) -> str:
    """Text by language as a JSON object (``{}`` when empty); the codes go to ``short`` to be checked later."""
    if not value:
        return "{}"
    items = []
    for lang, text in value.items():
        short.append(lang)
        items.append(f"{_quote(lang)}: {_quoted(text, flags)}")
    return "{" + layout.deeper + layout.lang_sep.join(items) + layout.inner + "}"


def _quoted(text: str, flags: list[bool]) -> str:
    """``_quote(text)``; printable text without quotes or backslashes has nothing to escape, and is only
    enclosed (a quick test of text that is then known to be harmless). ``flags[0]`` becomes False for
    text with what :data:`~unagree_cli.views.env.UNSAFE` matches."""
    if printable(text):
        return f'"{text}"' if '"' not in text and "\\" not in text else _quote(text)
    if flags[0] and not harmless(text):
        flags[0] = False
    return _quote(text)


def all_harmless(texts: list[str], check: Callable[[str], bool] = str.isprintable) -> bool:
    """Whether none of ``texts`` holds what :data:`~unagree_cli.views.env.UNSAFE` matches (``check``ed
    printable: none); short texts are best checked by ``str.isprintable`` itself, long ones by :func:`printable`."""
    return all(map(check, texts)) or all(map(harmless, texts))


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
_LONG = 200
"""Characters from which an ASCII text is checked by a byte table (its setting-up costs a few hundred)."""


def printable(text: str) -> bool:
    """``text.isprintable()``; a long ASCII text by deleting its printable bytes (a few instructions a
    character, against some twenty for ``isprintable``)."""
    if len(text) > _LONG and text.isascii():
        return not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    return text.isprintable()


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


def json_flat_rows(rows: Iterable[dict[str, Any]], lines: bool = False, chunk: int = 256) -> Iterator[str]:
    """:func:`json_hits` for rows of text, whole numbers and text by language (``--kwic`` lines), any keys.

    A row holding anything else goes through :func:`~unagree_cli.views.jsontext.dumps`.
    """
    return _json_stream(rows, _flat_json, lambda row: row, lines, chunk)


def _flat_json(row: dict[str, Any], layout: _Layout, parts: list[str]) -> bool | None:
    """Append a row of text, whole numbers and text by language to ``parts`` as JSON (see :func:`_hit_json`)."""
    if type(row) is not dict or not row:
        return None
    mark = len(parts)
    short: list[str] = []
    flags = [True]
    separator = layout.inner
    try:
        parts.append("{")
        for key, value in row.items():
            short.append(key)
            parts.append(f"{separator}{_quote(key)}: ")
            separator = layout.field_sep
            kind = type(value)
            if kind is str:
                parts.append(_quoted(value, flags))
            elif kind is int:
                parts.append(int.__repr__(value))
            elif kind is dict:
                parts.append(_texts(value, layout, short, flags))
            else:
                raise TypeError("not text, a whole number or text by language")
        parts += (layout.close, "}")
    except (TypeError, AttributeError):  # the general way
        del parts[mark:]
        return None
    return flags[0] and all_harmless(short)
