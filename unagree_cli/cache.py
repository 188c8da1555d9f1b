"""Compiled treaty sets and cached analyses, kept through :mod:`unagree_cli.store`.

Parsing and validating a treaty set's YAML costs more than the rest of a
command, so the first load of a valid set stores it (``sets/`` in the cache
folder, see :mod:`unagree_cli.store`) and later loads read that instead,
without importing PyYAML at all. An entry is keyed by the set's folder and, for
every YAML file in it, the file's size, modification time and a hash of its
bytes, plus the code fingerprint (a hash of the package's source): any change
and it is rebuilt. It is read as untrusted input (every value type-checked
against :mod:`unagree_cli.model`'s data classes; anything unexpected means a
rebuild) and is never written into the corpus folder. ``UNAGREE_NO_CACHE=1``
turns it off.

The same folder keeps the results of analyses that cost more than loading
(the obligations a document states, the translation-QA findings of
``unagree diff``): :func:`cached_analysis` stores one result, keyed by the
treaty set's :attr:`~unagree_cli.model.TreatySet.fingerprint` (a hash of its
files' contents) and the code fingerprint.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from . import store
from .model import TreatySet
from .store import cache_dir, enabled, file_digest, path_key

__all__ = [
    "analyses_cached",
    "cache_dir",
    "cached_analysis",
    "content_fingerprint",
    "decode_treaty",
    "document_fingerprint",
    "enabled",
    "encode_treaty",
    "file_digest",
    "folder_fingerprint",
    "load_treaty_cached",
    "path_key",
]

MAX_YAML_BYTES = 4 * 1024 * 1024
"""Files larger than this are not hashed; the loader refuses them anyway."""

Loader = Callable[[Path], tuple[TreatySet | None, list[Any]]]
T = TypeVar("T")


def folder_fingerprint(folder: Path) -> list[list[Any]] | None:
    """Name, size, mtime and hash of every ``*.yaml`` in ``folder``, by name; None if one cannot be read."""
    try:
        names = sorted(entry.name for entry in os.scandir(folder) if entry.name.endswith(".yaml"))
    except OSError:
        return None
    result: list[list[Any]] = []
    for name in names:
        digest = file_digest(folder / name, MAX_YAML_BYTES)
        if digest is None:
            return None
        result.append([name, *digest])
    return result


def content_fingerprint(files: list[list[Any]]) -> str:
    """A hash of the names and contents of a treaty set's files (from :func:`folder_fingerprint`; times left out)."""
    return store.key("set", *(f"{name}\0{content}" for name, _size, _mtime, content in files))


def load_treaty_cached(folder: Path, build: Loader, keep: bool = True) -> tuple[TreatySet | None, list[Any]]:
    """The treaty set in ``folder`` from the cache, else from ``build`` (caching it when it has no problems).

    Returns what ``build`` returns: the treaty set (or None) and its problems. ``keep=False``
    reads the cache but does not add to it (the index build reads a thousand sets once).
    """
    where = store.folder("sets")
    code = store.code_fingerprint() if where is not None else None
    fingerprint = folder_fingerprint(folder) if code is not None else None
    if where is None or code is None or fingerprint is None:
        return build(folder)
    target = where / f"{path_key(folder)}.json"
    header = {"format": store.FORMAT, "code": code, "folder": os.path.abspath(folder), "files": fingerprint}
    cached = read_cached(target, header, folder)
    if cached is not None:
        _identify(cached, fingerprint)
        return cached, []
    treaty, problems = build(folder)
    if treaty is not None and not problems and keep:
        # The files may have changed while they were parsed: store what was read only if they did not.
        if folder_fingerprint(folder) == fingerprint:
            _identify(treaty, fingerprint)
            store.write_json(target, header, encode_treaty(treaty))
    return treaty, problems


def _identify(treaty: TreatySet, files: list[list[Any]]) -> None:
    """Set what cached analyses of ``treaty`` are keyed by, from :func:`folder_fingerprint`'s ``files``."""
    treaty.fingerprint = content_fingerprint(files)
    treaty.files = {name: content for name, _size, _mtime, content in files}


def read_cached(target: Path, header: dict[str, Any], folder: Path) -> TreatySet | None:
    """The cached treaty set if ``target`` holds one for exactly ``header``; None when missing, stale or corrupt."""
    data = store.read_json(target, header)
    if data is store.MISSING:
        return None
    try:
        treaty = decode_treaty(data, folder)
    except ValueError:
        return None
    source_dir = _sources_folder(folder)
    if not all((source_dir / source.file).is_file() for source in treaty.sources):
        return None  # a source file went away: validation has something to say
    return treaty


def encode_treaty(treaty: TreatySet) -> Any:
    """A treaty set as JSON data, by field name (its folder and fingerprint are not kept: they are set on reading)."""
    data = store.encode(treaty)
    data["path"] = ""
    data["fingerprint"] = ""
    data["files"] = {}
    for version in data["versions"]:
        version[1]["path"] = ""
    return data


def decode_treaty(data: Any, folder: Path) -> TreatySet:
    """The treaty set from :func:`encode_treaty`'s data; raises ``ValueError`` (``store.Corrupt``) on anything else."""
    treaty: TreatySet = store.decode(TreatySet, data)
    if any((doc, lang) != (version.doc, version.lang) for (doc, lang), version in treaty.versions.items()):
        raise store.Corrupt("a version is filed under another document or language")
    treaty.path = str(folder)
    where = _display(folder)
    for version in treaty.versions.values():
        name = f"{version.doc}.{version.lang}.yaml"
        version.path = name if where == "." else os.path.join(where, name)
    return treaty


# Cached analyses.


def analyses_cached(treaty: TreatySet) -> bool:
    """Whether :func:`cached_analysis` keeps results for ``treaty``: the cache is on and the set has a fingerprint."""
    return enabled() and bool(treaty.fingerprint) and cache_dir() is not None


def document_fingerprint(treaty: TreatySet, doc: str) -> str:
    """What an analysis of the document ``doc`` alone is keyed by: the set's files but the other documents'.

    The set's own data (title, parties, glossary, labels) is read from ``treaty.yaml``, not from
    the documents, so an analysis that reads one document and that data keeps its result when
    another document changes. Without the files' hashes (a set not loaded through the cache),
    the set's fingerprint.
    """
    others = {f"{d}.{lang}.yaml" for d, lang in treaty.versions if d != doc}
    if not treaty.fingerprint or not treaty.files or any(name not in treaty.files for name in others):
        return treaty.fingerprint
    own = sorted((name, content) for name, content in treaty.files.items() if name not in others)
    return store.key("document", doc, *(f"{name}\0{content}" for name, content in own))


def cached_analysis(
    treaty: TreatySet,
    name: str,
    compute: Callable[[], T],
    kind: Any,
    *,
    update: Callable[[T], T] | None = None,
    content: str | None = None,
) -> T:
    """``compute()``, or its result from the cache when this treaty set's content and this code computed it before.

    ``name`` tells the analysis and what it was asked (``obligations.extract/agreement/en``);
    ``kind`` is the result's type (``list[Statement]``): the result is stored by field name
    (:func:`store.encode`) and read back checked against it (:func:`store.decode`); anything
    unexpected means computing it afresh. Without a fingerprint (the set was not loaded
    through the cache) or with the cache off, this is ``compute()``.

    An entry is kept per set folder and analysis, so after an edit the stale one is still there:
    with ``update``, a stale result that this code computed for the same question (another
    content of the same folder) is decoded and handed to ``update``, which returns the new
    result from it (recomputing only what the edit can have changed) instead of ``compute()``.
    """
    where = store.folder("analyses") if analyses_cached(treaty) else None
    code = store.code_fingerprint() if where is not None else None
    if where is None or code is None:
        return compute()
    target = where / f"{store.key('analysis', os.path.abspath(treaty.path), name)}.json"
    fingerprint = treaty.fingerprint if content is None else content
    header = {"format": store.FORMAT, "code": code, "name": name, "set": fingerprint}
    found = _stored_result(store.read_entry(target), header, kind, stale=update is not None)
    if found is not None and found[0]:
        kept: T = found[1]  # for this content
        return kept
    result: T = update(found[1]) if found is not None and update is not None else compute()
    store.write_json(target, header, store.encode(result))
    return result


def _stored_result(
    stored: dict[str, Any] | None, header: dict[str, Any], kind: Any, stale: bool
) -> tuple[bool, Any] | None:
    """The result an entry holds for this code and question, decoded, and whether it is for the content of
    ``header``; one for another content only when ``stale`` is asked; None when there is none to use."""
    if stored is None or stored.keys() != {*header, "data"}:
        return None
    if any(stored[field] != header[field] for field in ("format", "code", "name")):
        return None
    current = stored["set"] == header["set"]
    if not current and not stale:
        return None  # not decoded for nothing
    try:
        return current, store.decode(kind, stored["data"])
    except ValueError:  # corrupt: compute it again
        return None


def _sources_folder(folder: Path) -> Path:
    own = folder / "sources"
    return own if own.is_dir() else folder.parent / "sources"


def _display(path: Path) -> str:
    """The path as the loader shows it: relative to the working folder when inside it (resolved once a set)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
