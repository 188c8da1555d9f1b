"""A compiled cache of parsed, validated treaty sets, in the user cache folder.

Parsing and validating a treaty set's YAML costs more than the rest of a
command, so the first load of a valid set writes it as JSON to
``$UNAGREE_CACHE_DIR`` (default ``$XDG_CACHE_HOME/unagree``, else
``~/.cache/unagree``), and later loads read that instead, without importing
PyYAML at all.

A cache file is keyed by the set's folder and, for every YAML file in it, the
file's size, modification time and a hash of its bytes, plus the source files
it names and the loader's own code: any change and it is rebuilt. It is
written to a temporary file and renamed into place (never half-written), is
read as untrusted input (JSON only, every value type-checked; anything
unexpected means a rebuild) and is never written into the corpus folder.
``UNAGREE_NO_CACHE=1`` turns it off.

The same folder keeps the results of analyses that cost more than loading
(the obligations a document states, the translation-QA findings of
``unagree diff``): :func:`cached_analysis` stores one result as JSON, keyed by
the treaty set's :attr:`~unagree_cli.model.TreatySet.fingerprint` (a hash of
its files' contents), a hash of the source of the modules that compute it and
of the loader's, and the package version.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from . import __version__
from .model import (
    DocumentInfo,
    Footnote,
    GlossaryTerm,
    Instrument,
    Organ,
    Party,
    Source,
    TreatySet,
    Unit,
    Version,
)

try:  # the hash function alone: hashlib would also load OpenSSL (~3 ms at start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always builds it in
    from hashlib import blake2b

CACHE_ENV = "UNAGREE_CACHE_DIR"
NO_CACHE_ENV = "UNAGREE_NO_CACHE"
FORMAT = 2
"""Bump when the layout of a cache file changes."""

MAX_YAML_BYTES = 4 * 1024 * 1024
"""Files larger than this are not hashed; the loader refuses them anyway."""

_CODE_FILES = ("cache.py", "corpus.py", "model.py", "yamlio.py", "labels.py")
"""The loader's modules: editing one (a new validation rule) invalidates every cache file."""

ANALYSIS_FORMAT = 1
"""Bump when the layout of an analysis cache file changes."""

Loader = Callable[[Path], tuple[TreatySet | None, list[Any]]]
T = TypeVar("T")


def cache_dir() -> Path | None:
    """``$UNAGREE_CACHE_DIR``, else ``$XDG_CACHE_HOME/unagree``, else ``~/.cache/unagree``; None if there is no home."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "unagree"
    try:
        return Path.home() / ".cache" / "unagree"
    except RuntimeError:  # no home directory to be found
        return None


def enabled() -> bool:
    """Whether the cache is on (``UNAGREE_NO_CACHE`` unset, empty or ``0``)."""
    return os.environ.get(NO_CACHE_ENV, "") in ("", "0")


def path_key(path: Path) -> str:
    """A file-name-safe key for a folder: a hash of its absolute path."""
    return blake2b(os.fsencode(os.path.abspath(path)), digest_size=16).hexdigest()


def file_digest(path: Path, limit: int = MAX_YAML_BYTES) -> tuple[int, int, str] | None:
    """``(size, mtime_ns, hash)`` of a regular file; None for anything else or anything unreadable.

    Opens without blocking, so a FIFO named ``*.yaml`` cannot hang a command.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        digest = blake2b(digest_size=16)
        while chunk := os.read(fd, 1 << 20):
            digest.update(chunk)
        return info.st_size, info.st_mtime_ns, digest.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


def folder_fingerprint(folder: Path) -> list[list[Any]] | None:
    """Name, size, mtime and hash of every ``*.yaml`` in ``folder``, by name; None if one cannot be read."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".yaml"))
    except OSError:
        return None
    result: list[list[Any]] = []
    for name in names:
        digest = file_digest(folder / name)
        if digest is None:
            return None
        result.append([name, *digest])
    return result


_code_key: str | None = None


def code_key() -> str:
    """The version and the size and mtime of the loader's modules."""
    global _code_key
    if _code_key is None:
        here = Path(__file__).parent
        parts = [__version__, str(FORMAT)]
        for name in _CODE_FILES:
            try:
                info = os.stat(here / name)
                parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
            except OSError:
                parts.append(f"{name}:-")
        _code_key = "|".join(parts)
    return _code_key


def atomic_write(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` through a temporary file and a rename; False if that fails."""
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(temp, path)
        return True
    except OSError:
        try:
            os.unlink(temp)
        except OSError:
            pass
        return False


def load_treaty_cached(folder: Path, build: Loader) -> tuple[TreatySet | None, list[Any]]:
    """The treaty set in ``folder`` from the cache, else from ``build`` (caching it when it has no problems).

    Returns what ``build`` returns: the treaty set (or None) and its problems.
    """
    base = cache_dir() if enabled() else None
    fingerprint = folder_fingerprint(folder) if base is not None else None
    if base is None or fingerprint is None:
        return build(folder)
    target = base / "sets" / f"{path_key(folder)}.json"
    key = {"format": FORMAT, "code": code_key(), "folder": os.path.abspath(folder), "files": fingerprint}
    cached = read_cached(target, key, folder)
    if cached is not None:
        cached.fingerprint = content_fingerprint(fingerprint)
        return cached, []
    treaty, problems = build(folder)
    if treaty is not None and not problems:
        # The files may have changed while they were parsed: store what was read only if they did not.
        if folder_fingerprint(folder) == fingerprint:
            treaty.fingerprint = content_fingerprint(fingerprint)
            payload = {**key, "treaty": encode_treaty(treaty)}
            try:
                data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            except ValueError:  # text JSON cannot carry (a lone surrogate): do without the cache
                return treaty, problems
            atomic_write(target, data)
    return treaty, problems


def read_cached(target: Path, key: dict[str, Any], folder: Path) -> TreatySet | None:
    """The cached treaty set if ``target`` holds one for exactly ``key``; None when missing, stale or corrupt."""
    try:
        with open(target, "rb") as handle:
            data = json.loads(handle.read())
        if not isinstance(data, dict) or any(data.get(name) != value for name, value in key.items()):
            return None
        treaty = decode_treaty(data["treaty"], folder)
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return None
    source_dir = _sources_folder(folder)
    if not all((source_dir / source.file).is_file() for source in treaty.sources):
        return None  # a source file went away: validation has something to say
    return treaty


def content_fingerprint(files: list[list[Any]]) -> str:
    """A hash of the names and contents of a treaty set's files (from :func:`folder_fingerprint`; times left out)."""
    digest = blake2b(digest_size=16)
    for name, _size, _mtime, content in files:
        digest.update(f"{name}\0{content}\n".encode())
    return digest.hexdigest()


# Cached analyses.

_source_keys: dict[tuple[str, ...], str | None] = {}


def source_key(code_files: Sequence[str]) -> str | None:
    """A hash of the source of the package's modules ``code_files`` and of the loader's; None if one is unreadable.

    Names are relative to the package folder; ``"qa/"`` means every ``.py`` file in that folder.
    """
    wanted = tuple(code_files)
    if wanted not in _source_keys:
        here = os.path.dirname(os.path.abspath(__file__))
        digest = blake2b(digest_size=16)
        key: str | None = None
        try:
            for name in (*_CODE_FILES, *wanted):
                names = [name]
                if name.endswith("/"):  # a folder: every module in it
                    names = sorted(name + file for file in os.listdir(os.path.join(here, name)) if file.endswith(".py"))
                for relative in names:
                    with open(os.path.join(here, relative), "rb") as handle:
                        digest.update(f"{relative}\0".encode())
                        digest.update(handle.read())
            key = digest.hexdigest()
        except OSError:  # no source to hash (an installation of bytecode only): do without the cache
            pass
        _source_keys[wanted] = key
    return _source_keys[wanted]


def analyses_cached(treaty: TreatySet) -> bool:
    """Whether :func:`cached_analysis` keeps results for ``treaty``: the cache is on and the set has a fingerprint."""
    return enabled() and bool(treaty.fingerprint) and cache_dir() is not None


def cached_analysis(
    treaty: TreatySet,
    name: str,
    code_files: Sequence[str],
    compute: Callable[[], T],
    encode: Callable[[T], Any],
    decode: Callable[[Any], T],
) -> T:
    """``compute()``, or its result from the cache when this treaty set's content and this code computed it before.

    ``name`` tells the analysis and what it was asked (``obligations.extract/agreement/en``);
    ``code_files`` are the modules the result depends on (see :func:`source_key`). ``encode``
    turns a result into JSON data and ``decode`` back, raising ``TypeError``, ``ValueError`` or
    ``KeyError`` on anything unexpected, which means computing it afresh. Without a
    fingerprint (the set was not loaded through the cache) or with the cache off, this is
    ``compute()``.
    """
    base = cache_dir() if analyses_cached(treaty) else None
    code = source_key(code_files) if base is not None else None
    if base is None or code is None:
        return compute()
    target = base / "analyses" / f"{_analysis_key(treaty, name)}.json"
    key = {"format": ANALYSIS_FORMAT, "version": __version__, "name": name, "set": treaty.fingerprint, "code": code}
    try:
        with open(target, "rb") as handle:
            data = json.loads(handle.read())
        if isinstance(data, dict) and all(data.get(field) == value for field, value in key.items()):
            return decode(data["result"])
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        pass  # missing, stale or corrupt: compute it again
    result = compute()
    try:
        payload = json.dumps({**key, "result": encode(result)}, ensure_ascii=False, separators=(",", ":"))
        atomic_write(target, payload.encode("utf-8"))
    except (ValueError, TypeError):  # something JSON cannot carry (a lone surrogate): do without the cache
        pass
    return result


def _analysis_key(treaty: TreatySet, name: str) -> str:
    """A file-name-safe key for one analysis of the treaty set in one folder: a later result replaces it."""
    return blake2b(os.fsencode(f"{os.path.abspath(treaty.path)}\0{name}"), digest_size=16).hexdigest()


def _sources_folder(folder: Path) -> Path:
    own = folder / "sources"
    return own if own.is_dir() else folder.parent / "sources"


def _display(path: Path) -> str:
    """The path as the loader shows it: relative to the working folder when inside it (resolved once a set)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


# Encoding: compact lists in field order; decoding checks every type.


def encode_treaty(treaty: TreatySet) -> dict[str, Any]:
    """A treaty set as plain JSON data (its folder and file paths are not stored)."""
    return {
        "id": treaty.id,
        "title": treaty.title,
        "languages": treaty.languages,
        "labels": treaty.labels,
        "documents": [[d.key, d.names, d.default] for d in treaty.documents],
        "versions": [_encode_version(v) for v in treaty.versions.values()],
        "parties": [[p.id, p.names, [[o.id, o.names] for o in p.organs]] for p in treaty.parties],
        "glossary": [[t.terms, t.variants, t.note, t.deprecated] for t in treaty.glossary],
        "sources": [[s.file, s.lang, s.symbol, s.furniture] for s in treaty.sources],
        "instruments": [[i.id, i.title, i.names, i.number] for i in treaty.instruments],
    }


def _encode_version(version: Version) -> list[Any]:
    units = [[u.eid, u.ref, u.kind, u.num, u.text, u.heading, u.line] for u in version.units]
    notes = [[n.marker, n.at, n.text] for n in version.footnotes]
    return [version.doc, version.lang, version.meta, version.preface, units, notes]


def decode_treaty(data: Any, folder: Path) -> TreatySet:
    """The treaty set from :func:`encode_treaty`'s data; raises TypeError/ValueError/KeyError on anything else."""
    _check(isinstance(data, dict))
    versions: dict[tuple[str, str], Version] = {}
    where = _display(folder)
    for item in _list(data["versions"]):
        version = _decode_version(item, where)
        versions[(version.doc, version.lang)] = version
    return TreatySet(
        id=_str(data["id"]),
        path=str(folder),
        title=_lang_text(data["title"]),
        languages=_strs(data["languages"]),
        labels={_str(k): _lang_text(v) for k, v in _dict(data["labels"]).items()},
        documents=[DocumentInfo(_str(k), _lang_text(n), _bool(d)) for k, n, d in map(_fields(3), data["documents"])],
        versions=versions,
        parties=[
            Party(_str(i), _lang_lists(n), [Organ(_str(oi), _lang_lists(on)) for oi, on in map(_fields(2), orgs)])
            for i, n, orgs in map(_fields(3), data["parties"])
        ],
        glossary=[
            GlossaryTerm(_lang_text(terms), _lang_lists(v), _str(note), _lang_lists(dep))
            for terms, v, note, dep in map(_fields(4), data["glossary"])
        ],
        sources=[
            Source(_str(f), _str(lang), _str(sym), _strs(furn))
            for f, lang, sym, furn in map(_fields(4), data["sources"])
        ],
        instruments=[
            Instrument(_str(i), _lang_text(t), _lang_lists(n), _opt_str(num))
            for i, t, n, num in map(_fields(4), data["instruments"])
        ],
    )


def _decode_version(item: Any, where: str) -> Version:
    doc, lang, meta, preface, units, notes = _fields(6)(item)
    doc, lang = _str(doc), _str(lang)
    return Version(
        doc=doc,
        lang=lang,
        path=f"{doc}.{lang}.yaml" if where == "." else os.path.join(where, f"{doc}.{lang}.yaml"),
        meta={_str(k): _scalar(v) for k, v in _dict(meta).items()},
        preface=_strs(preface),
        units=[
            Unit(_str(eid), _str(ref), _str(kind), _opt_str(num), _str(text), _opt_str(heading), _int(line))
            for eid, ref, kind, num, text, heading, line in map(_fields(7), units)
        ],
        footnotes=[Footnote(_str(m), _str(a), _str(t)) for m, a, t in map(_fields(3), notes)],
    )


# Checked reading of decoded JSON, for the decoders of cached analyses too: each raises TypeError on a surprise.


def _check(condition: bool) -> None:
    if not condition:
        raise TypeError("unexpected value in cache file")


def _fields(count: int) -> Callable[[Any], list[Any]]:
    def split(value: Any) -> list[Any]:
        _check(isinstance(value, list) and len(value) == count)
        return value  # type: ignore[no-any-return]

    return split


def _str(value: Any) -> str:
    _check(isinstance(value, str))
    return value  # type: ignore[no-any-return]


def _opt_str(value: Any) -> str | None:
    return None if value is None else _str(value)


def _int(value: Any) -> int:
    _check(isinstance(value, int) and not isinstance(value, bool))
    return value  # type: ignore[no-any-return]


def _bool(value: Any) -> bool:
    _check(isinstance(value, bool))
    return value  # type: ignore[no-any-return]


def _scalar(value: Any) -> Any:
    _check(value is None or isinstance(value, (str, int, float)))
    return value


def _list(value: Any) -> list[Any]:
    _check(isinstance(value, list))
    return value  # type: ignore[no-any-return]


def _dict(value: Any) -> dict[Any, Any]:
    _check(isinstance(value, dict))
    return value  # type: ignore[no-any-return]


def _strs(value: Any) -> list[str]:
    return [_str(item) for item in _list(value)]


def _lang_text(value: Any) -> dict[str, str]:
    return {_str(k): _str(v) for k, v in _dict(value).items()}


def _lang_lists(value: Any) -> dict[str, list[str]]:
    return {_str(k): _strs(v) for k, v in _dict(value).items()}


expect_str = _str
expect_opt_str = _opt_str
expect_int = _int
expect_bool = _bool
expect_list = _list
expect_dict = _dict
expect_strs = _strs
expect_fields = _fields
