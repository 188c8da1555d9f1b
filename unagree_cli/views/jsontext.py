"""JSON text as ``json.dumps(value, ensure_ascii=False, indent=...)`` writes it, without the ``json`` package.

Every JSON-writing command would otherwise import ``json`` (its decoder, scanner
and encoder, and their regular expressions) and run its general encoder, which
with an indent is pure Python and walks the data through generators. The records
unagree prints are plain data (objects with text keys, lists, text, numbers,
booleans, null): :func:`dumps` writes those directly, escaping text with the C
function ``json`` itself uses, and hands anything else to ``json.dumps``. On one
line (JSON Lines, the cache entries) it runs ``json``'s C encoder itself, made
once with ``json.dumps``'s settings.
The output is byte for byte what ``json.dumps`` gives (tests compare them).
"""

from __future__ import annotations

from typing import Any

_make_encoder: Any
try:
    from _json import encode_basestring as _quote
    from _json import make_encoder as _make_encoder
except ImportError:  # pragma: no cover - interpreters without the C accelerator
    from json.encoder import py_encode_basestring as _quote

    _make_encoder = None


class _Unusual(Exception):
    """Data this writer leaves to ``json.dumps`` (keys that are not text, objects of other types)."""


_FLOATS = {float("inf"): "Infinity", float("-inf"): "-Infinity"}


_encoders: dict[bool, Any] = {}


def _refuse(value: Any) -> Any:
    raise _Unusual


def _one_line(value: Any, compact: bool) -> str:
    """Without an indent, the C encoder ``json.dumps`` itself runs (with its settings but no circularity
    markers: a cycle ends in ``RecursionError``), made once; anything it cannot write raises :class:`_Unusual`."""
    encoder = _encoders.get(compact)
    if encoder is None:
        if _make_encoder is None:  # pragma: no cover - interpreters without the C accelerator
            parts: list[str] = []
            _write(value, parts, "", "", "," if compact else ", ", ":" if compact else ": ")
            return "".join(parts)
        colon, comma = (":", ",") if compact else (": ", ", ")
        # markers, default, text encoder, indent, separators, sort_keys, skipkeys, allow_nan
        encoder = _encoders[compact] = _make_encoder(None, _refuse, _quote, None, colon, comma, False, False, True)
    return "".join(encoder(value, 0))


def dumps(value: Any, indent: int | None = None, *, compact: bool = False) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent)``; ``compact``: ``separators=(",", ":")`` too."""
    parts: list[str] = []
    try:
        if indent is None:
            return _one_line(value, compact)
        _write(value, parts, "\n", " " * indent, ",", ": ")
    except (_Unusual, RecursionError):
        import json

        separators = (",", ":") if compact and indent is None else None
        return json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    return "".join(parts)


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
