"""JSON text as ``json.dumps(value, ensure_ascii=False, indent=...)`` writes it, without the ``json`` package.

Every JSON-writing command would otherwise import ``json`` (its decoder, scanner
and encoder, and their regular expressions) and run its general encoder, which
with an indent is pure Python and walks the data through generators. The records
unagree prints are plain data (objects with text keys, lists, text, numbers,
booleans, null): :func:`dumps` writes those directly, escaping text with the C
function ``json`` itself uses, and hands anything else to ``json.dumps``.
The output is byte for byte what ``json.dumps`` gives (tests compare them).
"""

from __future__ import annotations

from typing import Any

try:
    from _json import encode_basestring as _quote
except ImportError:  # pragma: no cover - interpreters without the C accelerator
    from json.encoder import py_encode_basestring as _quote

_make_encoder: Any = None  # the C encoder json.dumps itself runs when there is no indent
try:
    from _json import make_encoder as _make_encoder
except ImportError:  # pragma: no cover - interpreters without the C accelerator
    pass


class _Unusual(Exception):
    """Data this writer leaves to ``json.dumps`` (keys that are not text, objects of other types)."""


_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


def dumps(value: Any, indent: int | None = None, *, compact: bool = False) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``; ``compact``: ``separators=(",", ":")`` too.

    Without an indent (a compiled set or an analysis kept in the cache: tens of MB on 80,000 units), the
    text is made by the C encoder ``json.dumps`` runs then, called as it calls it: about five times faster
    than the walk below.
    """
    if indent is None and _make_encoder is not None:
        comma, colon = ("," if compact else ", "), (":" if compact else ": ")
        # json.dumps's arguments to it: circular check on, json's default (refuse), no sorting, no skipping, NaN
        encoder = _make_encoder({}, _refuse, _quote, None, colon, comma, False, False, True)
        return "".join(encoder(value, 0))
    parts: list[str] = []
    try:
        if indent is None:
            _write(value, parts, "", "", "," if compact else ", ", ":" if compact else ": ")
        else:
            _write(value, parts, "\n", " " * indent, ",", ": ")
    except (_Unusual, RecursionError):
        import json

        separators = (",", ":") if compact and indent is None else None
        return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    return "".join(parts)


def _refuse(value: Any) -> Any:
    """``json.JSONEncoder.default``: what JSON cannot carry is refused in its words."""
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        return _FLOATS.get(value) or float.__repr__(value)
    raise _Unusual


def _write(value: Any, parts: list[str], newline: str, step: str, comma: str, colon: str) -> None:
    """``value`` as JSON; ``newline``: a line break and this depth's indent ("" on one line), ``step`` one level."""
    kind = type(value)
    if kind is str:
        parts.append(_quote(value))
    elif kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + step
        separator = comma + inner
        parts.append("{" + inner)
        first = True
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            parts.append(f"{_quote(key)}{colon}" if first else f"{separator}{_quote(key)}{colon}")
            first = False
            _write(item, parts, inner, step, comma, colon)
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + step
        separator = comma + inner
        parts.append("[" + inner)
        first = True
        for item in value:
            if not first:
                parts.append(separator)
            first = False
            _write(item, parts, inner, step, comma, colon)
        parts.append(newline + "]")
    elif isinstance(value, str):
        parts.append(_quote(value))
    else:
        parts.append(_scalar(value))
