"""Regular expressions compiled when first used, and compiled once per code, not once per run.

Python's ``re.compile`` parses a pattern and generates its matching code in pure
Python: 0.1 to 1 ms a pattern, more for a large alternation of words. The
obligations grammar and the translation checks use about 150 patterns, so
compiling them was most of the time of a ``diff`` after a corpus change (about
as long as importing typer). Two remedies, both here:

- **On first use.** A module writes ``NAME = lazy(r"...")`` where it would write
  ``re.compile``, and calls its methods as usual: ``unagree show 5`` compiles
  none of the reference grammar's patterns.
- **Kept like bytecode.** :func:`compile` keeps the matching code that Python's
  compiler generates for each pattern (a list of integers) in the cache folder
  (``patterns/``, one file per Python build, since the code is specific to it; each
  pattern's code units in base64, unpacked only when that pattern is used)
  and gives it straight to the regular-expression engine (``_sre.compile``, the
  last step of ``re.compile``) on later runs. The engine validates the code it
  is given; anything unexpected (another layout, a damaged file, an interpreter
  without these internals) means the plain ``re.compile``. New patterns are
  added to the file at the end of a command (:func:`save`).
"""

from __future__ import annotations

import binascii
import re
import sys
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

_plain_compile = re.compile
"""``re.compile`` itself (:func:`kept_while_importing` stands in for it for a moment)."""

_compiled: dict[tuple[str, int], re.Pattern[str]] = {}
_stored: dict[str, list[Any]] | None = None
_new: dict[str, list[Any]] = {}
MAX_KEPT = 4096
"""Patterns kept in the file at most (the oldest go first): unagree uses a few hundred."""


def compile(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from the kept matching code when this Python compiled it before."""
    if type(source) is not str:  # a compiled pattern, bytes: as re.compile does
        plain: re.Pattern[str] = _plain_compile(source, flags)
        return plain
    flags = int(flags)
    found = _compiled.get((source, flags))
    if found is not None:
        return found
    made = _from_store(source, flags)
    if made is None:
        made = _compile_and_keep(source, flags)
    _compiled[(source, flags)] = made
    return made


def _entry_key(source: str, flags: int) -> str:
    return f"{flags}\0{source}"


def _engine() -> Any:
    """CPython's regular-expression engine module, as ``re`` uses it; None elsewhere."""
    try:
        from re import _compiler  # type: ignore[attr-defined]

        return _compiler._sre
    except (ImportError, AttributeError):  # pragma: no cover - other interpreters
        return None


def _tag() -> str | None:
    """What the kept code depends on: this interpreter's build and its engine's version."""
    _sre = _engine()
    if _sre is None:
        return None
    return f"{sys.implementation.cache_tag}\0{sys.version}\0{_sre.MAGIC}\0{_sre.CODESIZE}\0{sys.maxunicode}\0b64"


def _typecode(size: int) -> str | None:
    """The ``array`` type whose items are ``size`` bytes (the engine's code unit)."""
    return next((t for t in "IL" if array(t).itemsize == size), None)


def _pack(code: list[int], size: int) -> str | None:
    """Matching code as text: its code units, native byte order, in base64 (one short string a pattern)."""
    kind = _typecode(size)
    if kind is None:
        return None
    try:
        return binascii.b2a_base64(array(kind, code).tobytes(), newline=False).decode("ascii")
    except OverflowError:
        return None


def _unpack(text: str, size: int) -> list[int]:
    """:func:`_pack`'s code units; ``ValueError`` for anything else."""
    kind = _typecode(size)
    if kind is None:
        raise ValueError("no array type for the engine's code")
    units = array(kind)
    units.frombytes(binascii.a2b_base64(text))
    return units.tolist()


def _store_target() -> tuple[Any, dict[str, Any]] | None:
    from . import store

    tag = _tag()
    where = store.folder("patterns") if tag is not None else None
    if where is None or tag is None:
        return None
    return where / f"{store.key('patterns', tag)}.json", {"format": store.FORMAT, "python": tag}


def _load() -> dict[str, list[Any]]:
    global _stored
    if _stored is None:
        _stored = {}
        target = _store_target()
        if target is not None:
            from . import store

            data = store.read_json(*target)
            if isinstance(data, dict):
                _stored = data
    return _stored


def _from_store(source: str, flags: int) -> re.Pattern[str] | None:
    entry = _load().get(_entry_key(source, flags))
    if entry is None:
        return None
    _sre = _engine()
    if _sre is None:
        return None
    try:
        final, packed, groups, groupindex, indexgroup = entry
        if not (
            type(final) is int
            and type(packed) is str
            and type(groups) is int
            and type(groupindex) is dict
            and all(type(k) is str and type(v) is int for k, v in groupindex.items())
            and type(indexgroup) is list
            and all(g is None or type(g) is str for g in indexgroup)
        ):
            return None
        code = _unpack(packed, _sre.CODESIZE)  # the engine validates the code it is given
        made: re.Pattern[str] = _sre.compile(source, final, code, groups, groupindex, tuple(indexgroup))
        return made
    except (ValueError, TypeError, RuntimeError, OverflowError, MemoryError):  # code the engine refuses
        return None


def _compile_and_keep(source: str, flags: int) -> re.Pattern[str]:
    """``re.compile``'s own steps, keeping the code they generate (or ``re.compile`` where they differ)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        _sre = _compiler._sre
        if flags & re.DEBUG:
            raise LookupError("not kept")
        parsed = _parser.parse(source, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        final = flags | parsed.state.flags
        groups = parsed.state.groups - 1
        made: re.Pattern[str] = _sre.compile(source, final, code, groups, groupindex, tuple(indexgroup))
    except (ImportError, AttributeError, TypeError, LookupError, ValueError, RuntimeError):
        return _plain_compile(source, flags)  # raises re.error for a bad pattern, as re.compile does
    packed = _pack(list(code), _sre.CODESIZE)
    if packed is not None:
        _new[_entry_key(source, flags)] = [final, packed, groups, groupindex, indexgroup]
    return made


@contextmanager
def kept_while_importing(stand_ins: dict[str, Any] | None = None) -> Iterator[None]:
    """While a library that compiles its patterns when imported is imported (PyYAML): ``re.compile`` is :func:`compile`.

    ``stand_ins``: what to give instead for some patterns (one compiled on first use, for a pattern
    the library defines but unagree never makes it use). The import runs in the main thread before
    anything else uses ``re``.
    """
    original = re.compile
    chosen = stand_ins or {}

    def compiling(source: Any, flags: int = 0) -> Any:
        found = chosen.get(source) if type(source) is str and not flags else None
        return found if found is not None else compile(source, flags)

    re.compile = compiling  # type: ignore[assignment]
    try:
        yield
    finally:
        re.compile = original


def save() -> None:
    """Add the patterns compiled in this run to the kept file (at the end of a command; never raises)."""
    if not _new:
        return
    try:
        target = _store_target()
        if target is None:
            return
        from . import store

        on_disk = store.read_json(*target)
        merged: dict[str, list[Any]] = on_disk if isinstance(on_disk, dict) else {}
        merged.update(_new)
        if len(merged) > MAX_KEPT:
            merged = dict(list(merged.items())[-MAX_KEPT:])
        store.write_json(target[0], target[1], merged)
        _load().update(_new)
        _new.clear()
    except (OSError, ValueError, TypeError):  # only a cache: the next run compiles again
        return


class Lazy:
    """A compiled pattern made on first use; the methods of :class:`re.Pattern` that unagree uses."""

    __slots__ = ("_compiled", "_flags", "_source")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source = source
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile(self._source, self._flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self._source

    def match(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(string, pos)

    def fullmatch(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos)

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.search(string, pos)

    def finditer(self, string: str, pos: int = 0) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, pos)

    def findall(self, string: str) -> list[Any]:
        return self.compiled.findall(string)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def subn(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> tuple[str, int]:
        return self.compiled.subn(repl, string, count)


def lazy(source: str, flags: int = 0) -> Lazy:
    """``re.compile(source, flags)``, done when the pattern is first used."""
    return Lazy(source, flags)
