"""Everything unagree keeps on disk, in one place: where, how it is written, how it is read back.

The cache folder is ``$UNAGREE_CACHE_DIR``, else ``$XDG_CACHE_HOME/unagree``,
else ``~/.cache/unagree`` (``UNAGREE_NO_CACHE=1`` turns it off). It holds the
compiled treaty sets (``sets/``), the results of costly analyses
(``analyses/``), the search index (``index/``) and the memo of the code
fingerprint (``code/``). The rules, the same for all of them:

- **Whose folder.** A cache folder (or one of its sub-folders) that is not
  owned by the user, or that others may write to, is not used: the command
  runs without a cache and says so once on stderr, as git does with
  ``safe.directory``. Nobody else can then plant an entry or a symlink.
- **One atomic write** (:func:`atomic_write`, :func:`temp_file`): a temporary
  file with a random name, created with ``O_EXCL | O_NOFOLLOW`` in the target's
  folder, written, ``fsync``-ed and renamed over the target; on any exception,
  ``KeyboardInterrupt`` included, the temporary file is removed. Temporary
  files older than an hour (left by a process that was killed) are swept
  (:func:`sweep`) the next time that folder is written to. A failure is an
  :class:`OSError` naming its real cause (``No space left on device``).
- **One reader rule.** An entry is decoded and checked, or recomputed: a file
  that cannot be decoded, a value of the wrong type, another format or another
  code fingerprint all mean "no entry" (:func:`read_json`).
- **Records by field name.** Data classes are stored as JSON objects keyed by
  their field names (:func:`encode`), and read back by their type annotations
  (:func:`decode`), every value type-checked. No list kept in step with
  :mod:`unagree_cli.model` by hand.
- **One key scheme** (:func:`key`): a hash of the parts that identify an entry.
- **One code fingerprint** (:func:`code_fingerprint`): a hash of the package's
  own source files, so that any change to the code invalidates every entry.
- **At most one line on stderr** (:func:`notice`) per command, never a traceback.
"""

from __future__ import annotations

import builtins
import dataclasses
import inspect
import os
import stat
import sys
import time
import types
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from . import __version__

try:  # the hash function alone: hashlib would also load OpenSSL (~3 ms at start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - CPython always builds it in
    from hashlib import blake2b

CACHE_ENV = "UNAGREE_CACHE_DIR"
NO_CACHE_ENV = "UNAGREE_NO_CACHE"
FORMAT = 2
"""Bump when the layout of the stored JSON changes (the code fingerprint covers the rest)."""

TEMP_SUFFIX = ".tmp"
SWEEP_AGE = 3600
"""Seconds after which a temporary file is taken as left by a killed process and removed."""

T = TypeVar("T")

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


# Messages


_noticed: list[str] = []


def notice(text: str) -> None:
    """Say ``text`` on stderr, once per command: a second notice in the same process is dropped."""
    if _noticed:
        return
    _noticed.append(text)
    stream = sys.stderr
    if stream is None:
        return
    try:
        stream.write(f"unagree: warning: {' '.join(text.split())}\n")
        stream.flush()
    except (OSError, ValueError):
        pass


def quiet() -> None:
    """Say nothing on stderr from now on in this process (a worker process: its parent reports)."""
    _noticed.append("")


def reason(exc: BaseException) -> str:
    """The cause of ``exc`` in a few words: ``No space left on device``, ``database disk image is malformed``."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return " ".join(str(exc).split()) or type(exc).__name__


# Where


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


_folders: dict[str, Path | None] = {}


def folder(name: str) -> Path | None:
    """The cache sub-folder ``name`` (``sets``, ``analyses``, ``index``), made if missing; None to run uncached.

    None when the cache is off, or when the cache folder or the sub-folder is
    not the user's own or others may write to it (said once on stderr).
    """
    wanted = f"{os.environ.get(CACHE_ENV, '')}\0{os.environ.get('XDG_CACHE_HOME', '')}\0{enabled()}\0{name}"
    if wanted in _folders:
        return _folders[wanted]
    base = cache_dir() if enabled() else None
    result: Path | None = None
    if base is not None:
        problem = _check_folder(base, follow=True) or _check_folder(base / name, follow=False)
        if problem is None:
            result = base / name
        else:
            notice(f"not using the cache folder {problem}; running without a cache")
    _folders[wanted] = result
    return result


def _check_folder(path: Path, follow: bool) -> str | None:
    """None if ``path`` is (now) a folder of the user's that only the user may write to; else what is wrong."""
    try:
        info = os.stat(path) if follow else os.lstat(path)
    except FileNotFoundError:
        try:
            os.makedirs(path, mode=0o700, exist_ok=True)
            info = os.stat(path) if follow else os.lstat(path)
        except OSError as exc:
            return f"{path}: {reason(exc)}"
    except OSError as exc:
        return f"{path}: {reason(exc)}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{path}: not a folder"
    if hasattr(os, "geteuid") and info.st_uid != os.geteuid():
        return f"{path}: it belongs to another user"
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return f"{path}: others can write to it"
    return None


def forget_folders() -> None:
    """Check the cache folders again on the next :func:`folder` (after the environment changed, in tests)."""
    _folders.clear()
    _noticed.clear()
    _swept.clear()


# Keys and fingerprints


def key(*parts: str) -> str:
    """The file-name-safe key of an entry identified by ``parts`` (the one key scheme)."""
    return blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def path_key(path: Path | str) -> str:
    """The key of a folder: a hash of its absolute path."""
    return key("path", os.fsdecode(os.path.abspath(path)))


_code: list[str | None] = []

_CODE_SUFFIXES = (".py", ".yaml", ".yml", ".json", ".tsv", ".txt", ".toml")
_CODE_SKIP = ("__pycache__", "corpus")
RACY_NS = 2_000_000_000
"""A file changed less than this long ago (ns) may change again within the same timestamp: hash it afresh."""


def code_fingerprint() -> str | None:
    """A hash of the package's own source and data files; None if they cannot be read (bytecode only).

    Entries made by other code (another version, an edited rule) do not match it. Reading and
    hashing every source file costs milliseconds on each run, so, as git does with its index, the
    hash is kept in the cache folder (``code/``) under a key made from every file's name, size,
    mtime, ctime and inode, and taken from there while none of them changed. A file changed in
    the last two seconds could change again without its times showing it: then nothing is kept.
    """
    if not _code:
        _code.append(_code_hash(os.path.dirname(os.path.abspath(__file__))))
    return _code[0]


def _code_hash(package: str) -> str | None:
    try:
        files = _package_files(package, "")
    except OSError:
        return None
    now = time.time_ns()
    racy = any(now - max(info.st_mtime_ns, info.st_ctime_ns) < RACY_NS for _name, info in files)
    where = None if racy else folder("code")
    memo = None
    if where is not None:
        memo = where / f"{_stat_key(package, files)}.txt"
        found = _read_small(memo)
        if found is not None and len(found) == 32 and all(c in "0123456789abcdef" for c in found):
            return found
    digest = source_fingerprint(package, [name for name, _info in files])
    if memo is not None and digest is not None:
        try:
            atomic_write(memo, digest.encode("ascii"))
            for entry in os.scandir(memo.parent):  # one memo: those of other code are of no more use
                if entry.name.endswith(".txt") and entry.name != memo.name:
                    os.unlink(entry.path)
        except OSError:
            pass  # only a memo: the next run hashes again
    return digest


def _stat_key(package: str, files: list[tuple[str, os.stat_result]]) -> str:
    return key(
        "code",
        __version__,
        str(FORMAT),
        package,
        *(f"{name}\0{i.st_size}\0{i.st_mtime_ns}\0{i.st_ctime_ns}\0{i.st_ino}" for name, i in files),
    )


def _read_small(path: Path, limit: int = 4096) -> str | None:
    """The text of a small regular file (not followed if a symlink); None if missing or unreadable."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        return os.read(fd, limit).decode("ascii", "replace")
    except OSError:
        return None
    finally:
        os.close(fd)


def source_fingerprint(package: str, names: list[str] | None = None) -> str | None:
    """A hash of the names and contents of the source and data files in the folder ``package``, at any depth.

    ``names``: those files, relative to ``package``, when already listed.
    """
    digest = blake2b(digest_size=16)
    digest.update(f"{__version__}\0{FORMAT}\0".encode())
    try:
        for relative in [name for name, _info in _package_files(package, "")] if names is None else names:
            with open(os.path.join(package, relative), "rb") as handle:
                digest.update(f"{relative}\0".encode())
                digest.update(handle.read())
                digest.update(b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def _package_files(top: str, prefix: str) -> list[tuple[str, os.stat_result]]:
    """The source and data files under ``top``, by relative name, with their ``stat``; sorted."""
    found: list[tuple[str, os.stat_result]] = []
    with os.scandir(os.path.join(top, prefix) if prefix else top) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name.startswith(".") or entry.name in _CODE_SKIP:
                continue
            relative = f"{prefix}{entry.name}"
            if entry.is_dir(follow_symlinks=False):
                found.extend(_package_files(top, relative + "/"))
            elif entry.name.endswith(_CODE_SUFFIXES):
                found.append((relative, entry.stat()))
    if not prefix and not any(name == "cli.py" for name, _info in found):
        raise OSError("no package source")
    return found


def file_digest(path: Path | str, limit: int = 4 * 1024 * 1024) -> tuple[int, int, str] | None:
    """``(size, mtime_ns, hash)`` of a regular file; None for anything else or anything unreadable.

    Opens without blocking, so a FIFO named ``*.yaml`` cannot hang a command.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | _CLOEXEC)
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


# Writing


def temp_file(target: Path) -> tuple[int, Path]:
    """A new, empty temporary file beside ``target`` (random name, ``O_EXCL | O_NOFOLLOW``, mode 0600)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    for _ in range(100):
        temp = target.with_name(f".{target.name}.{os.urandom(8).hex()}{TEMP_SUFFIX}")
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file beside {target}")


def remove(path: Path) -> None:
    """Remove ``path`` if it is there."""
    try:
        os.unlink(path)
    except OSError:
        pass


def atomic_write(target: Path, data: bytes) -> None:
    """Replace ``target`` with ``data``, never half-written; raises ``OSError`` with the real cause."""
    sweep(target.parent)
    fd, temp = temp_file(target)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
        replace(temp, target)
    except BaseException:
        remove(temp)
        raise


def replace(temp: Path, target: Path) -> None:
    """Rename ``temp`` over ``target``; a folder in the way is an error, not a place to move into."""
    if os.path.isdir(target) and not os.path.islink(target):
        raise IsADirectoryError(21, "a folder is in the way", str(target))
    os.replace(temp, target)


_swept: set[str] = set()


def sweep(where: Path, prefix: str = "", max_age: float = SWEEP_AGE) -> None:
    """Remove the temporary files in ``where`` (beginning ``.`` + ``prefix``) older than ``max_age`` seconds.

    Once per folder and command; with ``max_age=0`` (under a lock that proves
    their writers gone) every such file, at once.
    """
    if max_age and str(where) in _swept:
        return
    _swept.add(str(where))
    limit = time.time() - max_age
    try:
        with os.scandir(where) as entries:
            for entry in entries:
                name = entry.name
                if name.startswith("." + prefix) and name.endswith((TEMP_SUFFIX, TEMP_SUFFIX + "-journal")):
                    try:
                        if not max_age or entry.stat(follow_symlinks=False).st_mtime < limit:
                            os.unlink(entry.path)
                    except OSError:
                        pass
    except OSError:
        pass


@contextmanager
def lock(path: Path, wait: float) -> Iterator[bool]:
    """Hold an exclusive ``fcntl`` lock on ``path`` for the block; yields False if another process kept it ``wait`` s.

    The lock goes with the process: one that is killed leaves nothing held. A lock file
    that cannot be opened or locked raises ``OSError`` on entering.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield True
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + wait
        pause = 0.01
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    yield False
                    return
                time.sleep(pause)
                pause = min(pause * 2, 0.2)
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


# Reading and writing JSON entries


def write_json(target: Path, header: dict[str, Any], data: Any) -> None:
    """Store ``data`` (JSON data) at ``target`` under ``header``; a failure is said once (never raised)."""
    from .views.jsontext import dumps  # json.dumps's text, without importing json (see there)

    try:
        text = dumps({**header, "data": data}, compact=True)
        payload = text.encode("utf-8")
    except (ValueError, TypeError, UnicodeEncodeError):  # what JSON cannot carry (a lone surrogate): do without
        return
    try:
        atomic_write(target, payload)
    except OSError as exc:
        notice(f"cannot write the cache file {target}: {reason(exc)}")


def read_json(target: Path, header: dict[str, Any]) -> Any:
    """The data stored at ``target`` under exactly ``header``; :data:`MISSING` when missing, stale or corrupt."""
    stored = read_entry(target)
    if stored is None or len(stored) != len(header) + 1:
        return MISSING
    if any(stored.get(name) != value for name, value in header.items()):
        return MISSING
    return stored["data"]


def read_entry(target: Path) -> dict[str, Any] | None:
    """Everything stored at ``target`` (its header fields and ``data``), whatever the header says; None when
    missing or not an entry. For a caller that can use a stale entry (it checks the fields it needs)."""
    try:
        fd = os.open(target, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            stored = loads(handle.read())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(stored, dict) or "data" not in stored:
        return None
    return stored


MISSING: Any = object()
"""What :func:`read_json` returns for no usable entry."""


class _Scanning:
    """What the C JSON scanner reads from its context (the settings of ``json.loads`` with no hooks)."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"NaN": float("nan"), "Infinity": float("inf"), "-Infinity": float("-inf")}.__getitem__


_scan: list[Callable[[str, int], tuple[Any, int]]] = []


def loads(data: bytes | str) -> Any:
    """``json.loads`` of what :func:`write_json` wrote (compact, nothing around the value); ``ValueError`` otherwise.

    Uses the C scanner that ``json`` itself uses, without importing the ``json`` package and its
    regular expressions (which a command that only reads its cache would load for nothing).
    Anything else around the value (a byte order mark, spaces) is refused: stored data is never so.
    """
    if not _scan:
        try:
            from _json import make_scanner
        except ImportError:  # pragma: no cover - interpreters without the C accelerator
            import json

            _scan.append(json.JSONDecoder().raw_decode)
        else:
            context: Any = _Scanning()  # typeshed types the context as a scanner; it is read for its settings
            _scan.append(make_scanner(context))
    if type(data) is str:
        text = data
    elif type(data) is bytes:
        text = data.decode("utf-8")
    else:
        raise ValueError(f"expected JSON text, found {type(data).__name__}")
    try:
        value, end = _scan[0](text, 0)
    except StopIteration:
        raise ValueError("not JSON") from None
    if end != len(text):
        raise ValueError("more than one JSON value")
    return value


# Records by field name


class Corrupt(ValueError):
    """Stored data that is not what its type says."""


_SCALARS = (str, int, float, bool, type(None))
_SCALAR_TYPES = frozenset(_SCALARS)
_field_names: dict[type, tuple[str, ...] | None] = {}


def encode(value: Any) -> Any:
    """``value`` as JSON data: data classes as objects by field name, tuples as lists, non-text keys as pairs."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    if kind is dict:
        if all(type(k) is str for k in value):
            return {k: v if type(v) is str else encode(v) for k, v in value.items()}
        return [[encode(k), encode(v)] for k, v in value.items()]
    if kind is list or kind is tuple:
        return [item if type(item) is str else encode(item) for item in value]
    names = _field_names.get(kind, ())
    if names == ():
        names = _field_names[kind] = (
            tuple(f.name for f in dataclasses.fields(kind)) if dataclasses.is_dataclass(kind) else None
        )
    if names is not None:  # (a field that is text or a number is itself: no call for it)
        return {name: v if type(v := getattr(value, name)) in _SCALAR_TYPES else encode(v) for name in names}
    if isinstance(value, dict):
        return encode(dict(value))
    if isinstance(value, (list, tuple)):
        return encode(list(value))
    return value


def decode(kind: Any, data: Any) -> Any:
    """The value of type ``kind`` that :func:`encode` made ``data`` from; raises :class:`Corrupt` on anything else."""
    try:
        return _decoder(kind)(data)
    except (KeyError, TypeError, RecursionError) as exc:
        raise Corrupt(str(exc)) from None


_decoders: dict[Any, Callable[[Any], Any]] = {}


def _fail(what: str, value: Any) -> Any:
    raise Corrupt(f"expected {what}, found {type(value).__name__}")


def _decoder(kind: Any) -> Callable[[Any], Any]:
    found = _decoders.get(kind)
    if found is None:
        found = _decoders[kind] = _make_decoder(kind)
    return found


def _make_decoder(kind: Any) -> Callable[[Any], Any]:
    if kind is Any:
        return lambda value: value
    if kind is str:
        return lambda value: value if type(value) is str else _fail("text", value)
    if kind is bool:
        return lambda value: value if type(value) is bool else _fail("true or false", value)
    if kind is int:
        return lambda value: value if type(value) is int else _fail("a whole number", value)
    if kind is float:
        return lambda value: float(value) if type(value) in (int, float) else _fail("a number", value)
    if kind is type(None) or kind is None:
        return lambda value: value if value is None else _fail("null", value)
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin in (typing.Union, types.UnionType):
        options = [_decoder(arg) for arg in args]
        nullable = type(None) in args
        others = [_decoder(arg) for arg in args if arg is not type(None)]
        if nullable and len(others) == 1:
            inner = others[0]
            return lambda value: None if value is None else inner(value)

        def union(value: Any) -> Any:
            for option in options:
                try:
                    return option(value)
                except Corrupt:
                    continue
            return _fail(str(kind), value)

        return union
    if origin is list and args and args[0] is str:
        return lambda value: (
            value if type(value) is list and all(type(v) is str for v in value) else _fail("a list of text", value)
        )
    if origin is list:
        item = _decoder(args[0]) if args else _decoder(Any)
        return lambda value: [item(v) for v in value] if type(value) is list else _fail("a list", value)
    if origin is tuple:
        parts = [_decoder(arg) for arg in args]
        if len(args) == 2 and args[1] is Ellipsis:
            one = parts[0]
            return lambda value: tuple(one(v) for v in value) if type(value) is list else _fail("a list", value)

        def fixed(value: Any) -> Any:
            if type(value) is not list or len(value) != len(parts):
                return _fail(f"a list of {len(parts)}", value)
            return tuple(part(v) for part, v in zip(parts, value, strict=True))

        return fixed
    if origin is dict:
        key_type, value_type = args if args else (str, Any)
        values = _decoder(value_type)
        if key_type is str and value_type is str:  # text by language: checked in place
            return lambda value: (
                value
                if type(value) is dict and all(type(v) is str for v in value.values())
                else _fail("an object of text", value)
            )
        if key_type is str:
            return lambda value: (
                {k: values(v) for k, v in value.items()} if type(value) is dict else _fail("an object", value)
            )
        keys = _decoder(key_type)

        def pairs(value: Any) -> Any:
            if type(value) is not list:
                return _fail("a list of pairs", value)
            out = {}
            for pair in value:
                if type(pair) is not list or len(pair) != 2:
                    return _fail("a pair", pair)
                out[keys(pair[0])] = values(pair[1])
            return out

        return pairs
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        return _dataclass_decoder(kind)
    raise TypeError(f"cannot store values of type {kind!r}")


def field_types(cls: type[Any]) -> dict[str, Any]:
    """``typing.get_type_hints(cls)`` for a data class's fields, read without compiling code.

    Under ``from __future__ import annotations`` every annotation is a string, and
    ``get_type_hints`` compiles and evaluates each one (a few milliseconds for the model,
    on every run that reads the cache). The annotations stored records use are a small
    language: names, ``X[A, B]``, ``A | B``, ``None`` and ``...``; this reads it, resolving
    names in the module of the class that declares the field. Anything else falls back to
    ``get_type_hints``.
    """
    found: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        annotation = field.type
        if isinstance(annotation, str):
            owner = next((base for base in cls.__mro__ if field.name in inspect.get_annotations(base)), cls)
            module = sys.modules.get(owner.__module__)
            annotation = _annotation(annotation, vars(module) if module is not None else {})
            if annotation is _UNREAD:
                return typing.get_type_hints(cls)
        found[field.name] = annotation
    return found


_UNREAD: Any = object()
_TOKEN_CHARS = frozenset("[]|,")


def _annotation(text: str, namespace: dict[str, Any]) -> Any:
    """The type an annotation string names, or :data:`_UNREAD` when it is not in the small language."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char in _TOKEN_CHARS or char == " ":
            if word:
                tokens.append(word)
                word = ""
            if char != " ":
                tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    try:
        value, end = _union(tokens, 0, namespace)
    except (LookupError, TypeError, AttributeError):
        return _UNREAD
    return value if end == len(tokens) else _UNREAD


def _union(tokens: list[str], at: int, namespace: dict[str, Any]) -> tuple[Any, int]:
    value, at = _term(tokens, at, namespace)
    while at < len(tokens) and tokens[at] == "|":
        other, at = _term(tokens, at + 1, namespace)
        value = value | other
    return value, at


def _term(tokens: list[str], at: int, namespace: dict[str, Any]) -> tuple[Any, int]:
    name = tokens[at]
    if name in _TOKEN_CHARS:
        raise LookupError(name)
    at += 1
    if name == "None":
        value: Any = type(None)
    elif name == "...":
        value = Ellipsis
    else:
        head, *rest = name.split(".")
        if not head.isidentifier():
            raise LookupError(name)
        value = namespace[head] if head in namespace else getattr(builtins, head)
        for part in rest:
            value = getattr(value, part)
    if at < len(tokens) and tokens[at] == "[":
        args: list[Any] = []
        at += 1
        while True:
            arg, at = _union(tokens, at, namespace)
            args.append(arg)
            if tokens[at] == "]":
                break
            if tokens[at] != ",":
                raise LookupError(tokens[at])
            at += 1
        value = value[tuple(args) if len(args) > 1 else args[0]]
        at += 1
    elif value is type(None) or value is Ellipsis:
        pass
    elif not isinstance(value, type) and value is not Any:
        raise TypeError(name)  # a string literal, a constant: not a type
    return value, at


def _dataclass_decoder(cls: type[Any]) -> Callable[[Any], Any]:
    hints = field_types(cls)
    fields = [f for f in dataclasses.fields(cls) if f.init]
    names = frozenset(f.name for f in fields)
    required = frozenset(
        f.name for f in fields if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    )
    defaults: dict[str, tuple[Any, Any]] = {
        f.name: (f.default, f.default_factory) for f in fields if f.name not in required
    }
    plain = not hasattr(cls, "__post_init__") and not hasattr(cls, "__slots__")
    parts: list[tuple[str, Callable[[Any], Any]]] = []

    def build(value: Any) -> Any:
        if not parts:  # made on first use: a class may refer to itself
            parts.extend((f.name, _decoder(hints[f.name])) for f in fields)
        if type(value) is not dict:
            return _fail(f"an object for {cls.__name__}", value)
        if not names.issuperset(value) or not required.issubset(value):
            raise Corrupt(f"the fields of {cls.__name__} changed")
        if not plain:
            return cls(**{name: part(value[name]) for name, part in parts if name in value})
        state = {}
        for name, part in parts:
            if name in value:
                state[name] = part(value[name])
            else:
                default, factory = defaults[name]
                state[name] = factory() if default is dataclasses.MISSING else default
        made = object.__new__(cls)
        made.__dict__.update(state)  # what __init__ would set, without its checks of arguments
        return made

    return build
