"""A search index over every treaty set of a corpus, kept in the user cache folder.

One SQLite file per corpus folder (``index/KEY.sqlite`` in the cache folder,
see :mod:`unagree_cli.store`) holds each treaty set's unit records (JSON, by
field name) and an FTS5 table with the trigram tokenizer over a normalised key
of every record in every language, so that a substring (Chinese has no
spaces) of three characters or more is found without reading the corpus.
Shorter queries scan the keys; regular expressions scan the records. Every
candidate is then checked with the exact rules of :mod:`unagree_cli.search`,
so the index only ever narrows the work: results are those a full scan gives,
in corpus order. :meth:`CorpusIndex.candidates` is the query API underneath:
a query in, candidate records out.

**Freshness**, judged as git judges its index: the corpus folder is listed
once; for each set the index keeps the size, ``mtime_ns``, ``ctime_ns`` and
inode of the set's folder, of each of its YAML files and of its sources
folder, and a content hash of the files whose modification time fell within
:data:`RACY_NS` of the moment they were recorded (a same-size edit in the same
clock tick would otherwise go unseen); those are hashed again on every check.
A warm check reads one row, the *fingerprint*: every set's signature joined,
with the paths it covers. It takes one ``stat`` a path (relative to the corpus
folder, opened once) and compares all of them in one go; only when that
differs are the sets compared one by one. For a corpus of many sets, a file-system monitor
(:mod:`unagree_cli.watch`, inotify, as git's ``core.fsmonitor``) can vouch that nothing changed
since the last check: then there is no ``stat`` at all. A set whose signature changed is
hashed; only if its content changed is it read again (sets are parsed on every
core, through the compiled-set cache). Every write rewrites the fingerprint in
the same transaction.

**Writers take a lock** (``fcntl`` on ``KEY.lock``): one process builds or
refreshes, the others wait (at most :data:`LOCK_WAIT` seconds, then search
without the index). A first build or a rebuild is written to a temporary file
and renamed into place; a refresh is one SQLite transaction, so a valid
shared index is never deleted. A file that is not a valid index (damaged
pages, a bad row, another schema) is rebuilt once, with one line on stderr.
When the index cannot be written (disk full, a folder in the way, a cache
folder that is not the user's own) the command says why, once, and searches
an index in memory. Nothing is written into the corpus folder.
"""

from __future__ import annotations

import os
import sqlite3
import struct
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from . import store
from .errors import UnagreeError
from .folders import subfolders
from .model import Record
from .search import Hit, Match, Query, has_match, make_hit

SCHEMA = 10
"""Bump when the tables change: an index of another schema is rebuilt."""

LANG_SLOTS = 64
"""FTS row id = record id * LANG_SLOTS + language number."""

TRIGRAM = 3
_BATCH = 500

RACY_NS = 2_000_000_000
"""Files modified this close to (or after) the moment they were recorded are checked by content too."""

LOCK_WAIT = 120.0
"""Seconds to wait for another process building the index before searching without it."""

PARALLEL_FROM = 16
"""Sets to read before reading them in worker processes (one per core)."""

_CORRUPT_CODES = frozenset({11, 26})  # SQLITE_CORRUPT, SQLITE_NOTADB
_BAD_DATA = (ValueError, KeyError, TypeError, AttributeError, IndexError, RecursionError)
"""What reading a row that is not what was written raises (store.Corrupt and UnicodeError are ValueErrors)."""
_T = TypeVar("_T")  # what a guarded read returns
_new = object.__new__

if TYPE_CHECKING:
    from dataclasses import dataclass

    from . import watch
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from .fastclass import dataclass

Progress = Callable[[int, int], None]


class Damaged(UnagreeError):
    """The index cannot be read and could not be rebuilt: one line for the user, exit 1."""

    exit_code = 1


@dataclass
class SetEntry:
    """A treaty set as the index knows it: what ``unagree list`` shows."""

    name: str
    id: str
    title: dict[str, str]
    languages: list[str]
    documents: list[str]
    units: int
    problems: list[tuple[str, int, str]]
    language_names: dict[str, str] = field(default_factory=dict)  # "English", "中文": the sets' labels

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "id": self.id,
            "title": self.title,
            "languages": self.languages,
            "documents": self.documents,
            "units": self.units,
            "problems": len(self.problems),
        }


@dataclass
class Summary:
    """What a search over every set needs to know of them, kept in the index as one row.

    Written with the sets (in the same transaction), so that a warm search reads one row
    instead of decoding every set's entry.
    """

    sets: int
    languages: list[str]  # every set's languages, in the order of the sets by name
    documents: list[str]  # every set's document keys, likewise
    language_names: dict[str, str]  # a language's name in the first set (by name) that names it
    problems: list[tuple[str, int, str]]  # the problems of the first set (by name) that has any

    @classmethod
    def of(cls, entries: Sequence[SetEntry]) -> Summary:
        names: dict[str, str] = {}
        for entry in entries:
            for code, name in entry.language_names.items():
                names.setdefault(code, name)
        return cls(
            len(entries),
            list(dict.fromkeys(code for entry in entries for code in entry.languages)),
            list(dict.fromkeys(key for entry in entries for key in entry.documents)),
            names,
            next((entry.problems for entry in entries if entry.problems), []),
        )


@dataclass
class CorpusHit:
    """A search hit and the treaty set it is in."""

    treaty: str
    hit: Hit

    @property
    def address(self) -> str:
        """``set-0001 agreement:5.2``: ``--treaty`` value and a reference for ``unagree show``."""
        return f"{self.treaty} {self.hit.address}"

    def to_dict(self) -> dict[str, Any]:
        return {"treaty": self.treaty, **self.hit.to_dict()}


def search_key(text: str) -> str:
    """``text`` folded for substring tests: compatibility-decomposed, lower case, without whitespace.

    Whatever a query of :mod:`unagree_cli.search` matches, the key of the match
    is a substring of the key of the text it is in; the index relies on it.
    """
    folded = unicodedata.normalize("NFKD", text).lower().replace("ı", "i").replace("ς", "σ")  # as re's IGNORECASE
    return "".join(folded.split())


def index_file(root: Path) -> Path | None:
    """Where the index of the corpus at ``root`` lives; None when the cache is off or not usable."""
    where = store.folder("index")
    return where / f"{store.path_key(root)}.sqlite" if where is not None else None


# The corpus as the file system shows it


class Scan:
    """The treaty-set folders of a corpus (one listing) and their stat signatures."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.folders: dict[str, Path] = {}
        self.candidates: list[str] = []
        if os.path.isfile(root / "treaty.yaml"):
            self.folders[root.name or str(root)] = root
            self.single = True
            return
        self.single = False
        self.candidates = subfolders(root)  # the listing `search` made to ask whether there are several sets

    def sets(self, known: set[str]) -> dict[str, str]:
        """Name and folder of every set: known names are taken as sets (their signature will tell), others checked."""
        if self.single:
            return {name: str(folder) for name, folder in self.folders.items()}
        found = {}
        prefix = str(self.root) + os.sep
        for name in self.candidates:
            folder = prefix + name
            if name in known or os.path.isfile(folder + os.sep + "treaty.yaml"):
                found[name] = folder
        return found

    def same_sets(self, known: Sequence[str]) -> bool:
        """Whether the sets are ``known`` (by name, in order), no more and no fewer, as :meth:`sets` would find.

        A folder listed that is not among them is a set if it has a ``treaty.yaml`` (as :meth:`sets` checks).
        """
        if self.single:
            return list(self.folders) == list(known)
        names = set(known)
        if len(names) != len(known) or not names.issubset(self.candidates):
            return False
        prefix = str(self.root) + os.sep
        return not any(
            os.path.isfile(prefix + name + os.sep + "treaty.yaml") for name in self.candidates if name not in names
        )

    def relative(self, name: str) -> str:
        """The folder of the set ``name`` relative to the corpus folder (``.`` for a corpus of one set)."""
        return os.curdir if self.single else name

    def stat_all(self, paths: Sequence[bytes]) -> bytes:
        """:func:`signature`'s bytes for every path (relative to the corpus folder), joined.

        Paths are taken relative to the corpus folder opened once: the kernel walks one or two names a path.
        """
        prefix = os.fsencode(self.root) + os.sep.encode()
        pack, stat = _PACK, os.stat
        try:
            if stat not in os.supports_dir_fd:
                return b"".join(
                    [
                        pack(i.st_size, i.st_mtime_ns, i.st_ctime_ns, i.st_ino)
                        for i in map(stat, [prefix + p for p in paths])
                    ]
                )
            fd = os.open(prefix, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
            try:  # each result packed at once: 8,000 stat results kept until the end would take megabytes
                return b"".join(
                    [
                        pack(i.st_size, i.st_mtime_ns, i.st_ctime_ns, i.st_ino)
                        for path in paths
                        for i in (stat(path, dir_fd=fd),)
                    ]
                )
            finally:
                os.close(fd)
        except OSError:  # one is missing (or the corpus folder is): the slow way, path by path
            return b"".join([_stat_bytes(prefix + path) for path in paths])


_PACK = struct.Struct("<qqqQ").pack
_NO_FILE = _PACK(-1, -1, -1, 0)


def _stat_bytes(path: str | bytes) -> bytes:
    """Size, mtime, ctime and inode of ``path``, packed (cheaper to make and compare than text)."""
    try:
        info = os.stat(path)
    except OSError:
        return _NO_FILE
    return _PACK(info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


def signature(folder: Path | str, names: Sequence[str]) -> bytes:
    """Size, mtime, ctime and inode of the set folder and of each of ``names`` in it.

    One ``stat`` a path, no more (this runs for every file of every set on every search).
    """
    base = str(folder)
    prefix = base + os.sep
    paths = [base, *[prefix + name for name in names]]
    stat, pack = os.stat, _PACK
    try:
        return b"".join([pack(i.st_size, i.st_mtime_ns, i.st_ctime_ns, i.st_ino) for i in map(stat, paths)])
    except OSError:  # one is missing: the slow way, path by path
        return b"".join([_stat_bytes(path) for path in paths])


def signatures(wanted: Sequence[tuple[str, Sequence[str]]]) -> list[bytes]:
    """:func:`signature` of every ``(folder, names)``, in order, in this thread.

    (Two threads were tried, as git's ``core.preloadIndex``: on two cores they took longer, since
    building each ``stat`` result holds the interpreter's lock about as long as the call waits.)
    """
    return [signature(folder, names) for folder, names in wanted]


def set_names(folder: Path) -> list[str]:
    """What a set's signature covers: its YAML files by name, then its sources folder (relative)."""
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries if entry.name.endswith(".yaml"))
    except OSError:
        names = []
    sources = "sources" if os.path.isdir(folder / "sources") else os.path.join("..", "sources")
    return [*names, sources]


def content_key(folder: Path, names: Sequence[str]) -> str:
    """A hash of the set's YAML files' contents and of the names in its sources folder."""
    parts = []
    for name in names[:-1]:
        digest = store.file_digest(folder / name)
        parts.append(f"{name}\0{digest[2] if digest else '-'}")
    try:
        parts.append("\0".join(sorted(os.listdir(folder / names[-1]))))
    except OSError:
        parts.append("-")
    return store.key("content", *parts)


def _racy(folder: Path, names: Sequence[str], recorded: int) -> str:
    """``name\\thash`` lines for the YAML files modified within :data:`RACY_NS` of ``recorded``."""
    lines = []
    for name in names[:-1]:
        try:
            if os.stat(folder / name).st_mtime_ns + RACY_NS < recorded:
                continue
        except OSError:
            continue
        digest = store.file_digest(folder / name)
        lines.append(f"{name}\t{digest[2] if digest else '-'}")
    return "\n".join(lines)


def _racy_changed(folder: Path, racy: str) -> bool:
    for line in racy.splitlines():
        name, _, expected = line.partition("\t")
        digest = store.file_digest(folder / name)
        if (digest[2] if digest else "-") != expected:
            return True
    return False


# Reading a set: in this process or in a worker


@dataclass
class Prepared:
    """One treaty set read for the index: everything to store, computed where it was read."""

    name: str
    sig: bytes
    names: list[str]
    racy: str
    content: str
    info: str
    problems: str
    rows: list[RecordRow]


PlainLine = tuple[str, str, bool]
"""A record's line of plain search output but for the treaty set's cell (see :func:`plain_line`): its shape
(the codes of the languages it has text in, in the set's order, joined by :data:`SHAPE_SEP`), the line
(``doc:ref`` and each of those languages' heading and text, tab-separated), and whether its cells are
harmless (nothing to make visible). Tuples, not classes: this module is on every search's start-up path."""

StoredLine = tuple[str, str, bytes, int, Record | None]
"""A hit for plain output (:meth:`CorpusIndex.plain_lines`): its set's name, then its stored line's shape,
line (as UTF-8: written so, it is not decoded) and cleanness, or ("", b"", 0) and the record itself when
it has no stored line."""

RecordRow = tuple[str, list[tuple[str, str]], list[tuple[str, str | None, str | None]], PlainLine | None]
"""What the index stores of one record (see :func:`_record_row`): its JSON, its (language, search key)
pairs, the (language, heading, text) of each language keyed (none: text SQLite cannot hold as it is),
and its plain line (None: made at search time)."""


def prepare(name: str, folder: Path) -> Prepared:
    """Read the set in ``folder`` (through the compiled-set cache) into what the index stores."""
    from .cache import load_treaty_cached
    from .corpus import load_treaty

    names = set_names(folder)
    recorded = time.time_ns()
    sig = signature(folder, names)  # before reading: an edit made while it is read shows next time
    racy = _racy(folder, names, recorded)
    content = content_key(folder, names)
    treaty, problems = load_treaty_cached(folder, load_treaty, keep=False)
    if treaty is None or problems:
        info: dict[str, Any] = {"id": treaty.id if treaty else name, "title": {}, "languages": []}
        info.update(documents=[], units=0)
        found = [(os.path.abspath(p.file), p.line, p.message) for p in problems] or [
            (str(folder), 0, "treaty set could not be loaded")
        ]
        return Prepared(name, sig, names, racy, content, _json(info), _json(found), [])
    records = [record for doc in treaty.doc_keys() for record in treaty.records(doc, treaty.langs_of(doc))]
    info = {
        "id": treaty.id,
        "title": treaty.title,
        "languages": treaty.languages,
        "documents": treaty.doc_keys(),
        "units": len(records),
        "language_names": {lang: treaty.labels.get(lang, {}).get("language", lang) for lang in treaty.languages},
    }
    rows = [_record_row(r, treaty.languages) for r in records]
    return Prepared(name, sig, names, racy, content, _json(info), "[]", rows)


def _record_row(record: Record, languages: Sequence[str] = ()) -> RecordRow:
    """What the index stores of ``record``, of a set in ``languages``."""
    keys = []
    fields: list[tuple[str, str | None, str | None]] = []
    headings = record.heading or {}
    for lang, text in record.text.items():
        heading = headings.get(lang, "")
        keys.append((lang, _clean(f"{search_key(heading)}\n{search_key(text)}")))
        fields.append((lang, heading, text))
    for lang, heading in headings.items():
        if lang not in record.text:
            keys.append((lang, _clean(f"{search_key(heading)}\n")))
            fields.append((lang, heading, None))
    plain = plain_line(record, languages)
    # A stored line holds every heading and text, so it is UTF-8 only when they all are.
    if plain is None and not all(_utf8(value) for _lang, heading, text in fields for value in (heading, text)):
        fields = []  # text SQLite cannot hold as it is: the record is matched as decoded
    else:
        fields = [(lang, heading or None, text or None) for lang, heading, text in fields]
    return _json(store.encode(record)), keys, fields, plain


SHAPE_SEP = "\x1f"
"""Between the language codes of a :data:`PlainLine`'s shape (a record with a code holding it, or an
empty code, has no stored line)."""


def plain_line(record: Record, languages: Sequence[str]) -> PlainLine | None:
    """The line :func:`unagree_cli.views.hits.plain_hits` prints for ``record``, but for the set's cell, when
    the languages shown are those ``record`` has text in; None for a record that line could not stand for
    (extra fields, a heading in a language without text, text in a language not in ``languages``, text
    SQLite cannot hold, values that are not text).
    """
    from .views.hits import all_harmless, plain_cell, printable, whole

    text, heading = record.text, record.heading or {}
    if record.extra or type(record.doc) is not str or type(record.ref) is not str or type(text) is not dict:
        return None
    codes = [code for code in languages if code in text]
    if (
        len(codes) != len(text)
        or any(code not in text for code in heading)
        or any(type(code) is not str or not code or SHAPE_SEP in code for code in codes)
        or not all(type(value) is str for value in (*text.values(), *heading.values()))
    ):
        return None
    shown = [whole(heading.get(code, ""), text[code]) for code in codes]
    cells = [plain_cell(cell) for cell in (f"{record.doc}:{record.ref}", *shown)]
    line = "\t".join(cells)
    if not _utf8(line):
        return None
    return SHAPE_SEP.join(codes), line, all_harmless(cells, printable)


def _utf8(text: str | None) -> bool:
    """Whether ``text`` (None: nothing) can be stored as SQLite text as it is (no lone surrogate)."""
    if text is None:
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _json(data: Any) -> str:
    import json  # only to write: a warm search reads with _loads

    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a YAML escape: SQLite takes only UTF-8
        text = json.dumps(data, separators=(",", ":"))
    return text


def _worker_start(parent: int) -> None:
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    store.quiet()  # a worker says nothing: the parent reports
    # A parent killed outright (kill -9) cannot shut its pool down, and its workers would wait for work
    # forever, holding whatever it held (the caller's pipes among them): a worker leaves when it is orphaned.
    threading.Thread(target=_leave_when_orphaned, args=(parent,), daemon=True).start()


def _leave_when_orphaned(parent: int, every: float = 0.2) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(every)
    os._exit(1)


def _prepare_pair(pair: tuple[str, str]) -> Prepared:
    return prepare(pair[0], Path(pair[1]))


def prepare_all(wanted: list[tuple[str, Path]]) -> Iterator[Prepared]:
    """:func:`prepare` for every set, in order: on every core when there are many."""
    cores = os.cpu_count() or 1
    if len(wanted) < PARALLEL_FROM or cores < 2:
        for name, folder in wanted:
            yield prepare(name, folder)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    pairs = [(name, str(folder)) for name, folder in wanted]
    chunk = max(1, min(16, len(pairs) // (cores * 8)))
    with ProcessPoolExecutor(
        max_workers=cores, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
    ) as pool:
        try:
            yield from pool.map(_prepare_pair, pairs, chunksize=chunk)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


# Opening


def open_index(root: Path, progress: Progress | None = None) -> CorpusIndex:
    """The index of the corpus at ``root``, built or brought up to date first.

    The file-system monitor (:mod:`unagree_cli.watch`), when there is one, is asked first, before
    the corpus is looked at: a change made after its answer is counted in its next one.
    """
    target = index_file(root)
    answer = _ask_monitor(root, target) if target is not None else None
    scan = Scan(root)
    if target is None:
        return _in_memory(scan, progress)
    token = answer.token if answer is not None and answer.vouches_for(str(root)) else None
    index = _Opener(scan, target, progress, token).open()
    if answer is not None and answer.state in ("absent", "gone"):  # none (now): one for the next command
        from . import watch

        watch.start(str(target), str(root))
    return index


def _ask_monitor(root: Path, target: Path) -> watch.Answer | None:
    """The monitor's answer for a corpus of many sets (None when it is not wanted: a small corpus, one set, off)."""
    if os.path.isfile(root / "treaty.yaml"):
        return None
    from . import watch

    chosen = watch.setting()  # before the folder is listed: a warm open lists it once (Scan)
    if chosen == "off" or (chosen == "auto" and not watch.wanted(len(subfolders(root)))):
        return None
    return watch.ask(str(target))


def _in_memory(scan: Scan, progress: Progress | None) -> CorpusIndex:
    index = CorpusIndex(sqlite3.connect(":memory:"))
    index.create()
    index.refresh(scan, progress)
    return index


def _is_corruption(exc: BaseException) -> bool:
    if isinstance(exc, _BAD_DATA):
        return True
    return isinstance(exc, sqlite3.DatabaseError) and getattr(exc, "sqlite_errorcode", 11) in _CORRUPT_CODES


def _truncated(path: Path) -> bool:
    """Whether the SQLite file at ``path`` is shorter or longer than its header says (SQLite may not notice)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return len(header) > 0  # not empty and not SQLite: damaged (an empty file is a new database)
    page = int.from_bytes(header[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(header[28:32], "big")
    if header[24:28] != header[92:96] or not pages:  # the page count in the header is not maintained
        return False
    return size != page * pages


class _Opener:
    def __init__(self, scan: Scan, target: Path, progress: Progress | None, token: str | None = None) -> None:
        self.scan = scan
        self.target = target
        self.progress = progress
        self.token = token  # the monitor's, taken before the corpus was looked at (None: no monitor)

    def open(self) -> CorpusIndex:
        if os.path.lexists(self.target) and not os.path.isfile(self.target):
            store.notice(f"cannot keep the search index at {self.target}: something else is in the way")
            return _in_memory(self.scan, self.progress)
        index, _state = self._existing()
        if index is not None:
            try:
                if not index.stale(self.scan, self.token):
                    index.recover = self._recover
                    return index
            except (sqlite3.Error, *_BAD_DATA) as exc:
                if not _is_corruption(exc):
                    index.close()
                    store.notice(f"cannot read the search index {self.target}: {store.reason(exc)}")
                    return _in_memory(self.scan, self.progress)
            index.close()
        return self._write()

    def _existing(self) -> tuple[CorpusIndex | None, str]:
        """The index file opened if it has this schema, and what it is: ``ok``, ``missing``, ``old`` or ``damaged``."""
        if not os.path.isfile(self.target):
            return None, "missing"
        if _truncated(self.target):
            return None, "damaged"
        try:
            index = CorpusIndex(sqlite3.connect(self.target, timeout=30))
        except sqlite3.Error:
            return None, "damaged"
        try:
            schema = index.schema()
        except sqlite3.Error as exc:
            index.close()
            return None, "damaged" if _is_corruption(exc) or "no such table" in str(exc) else "unreadable"
        if schema == SCHEMA:
            return index, "ok"
        index.close()
        return None, "old"

    def _write(self) -> CorpusIndex:
        """Under the lock: refresh the index in place, or build it anew (when missing, of another schema or damaged)."""
        locked = self._locked()
        if locked is None:
            return _in_memory(self.scan, self.progress)
        stack, held = locked
        with stack:
            if not held:
                store.notice("another unagree is still building the search index; searching without it")
                return _in_memory(self.scan, self.progress)
            store.sweep(self.target.parent)  # as every writer of the cache does (not a warm reader: it writes nothing)
            store.sweep(self.target.parent, self.target.name, max_age=0)  # temps of builders that were killed
            index, state = self._existing()
            if index is not None:
                try:
                    if index.stale(self.scan, self.token):
                        index.refresh(self.scan, self.progress, self.token)
                    index.recover = self._recover
                    return index
                except Exception as exc:  # noqa: BLE001 - whatever it is, the index is not usable
                    index.close()
                    if not _is_corruption(exc):
                        store.notice(f"cannot update the search index {self.target}: {store.reason(exc)}")
                        return _in_memory(self.scan, self.progress)
                    state = "damaged"
                except BaseException:
                    index.close()
                    raise
            if state == "unreadable":
                store.notice(f"cannot read the search index {self.target}; searching without it")
                return _in_memory(self.scan, self.progress)
            if state == "damaged":
                store.notice(f"the search index {self.target} was damaged; rebuilt it")
            return self._build()

    def _locked(self) -> tuple[ExitStack, bool] | None:
        """The index's lock, entered, and whether it is held; None, said once, if it cannot be taken at all."""
        path = self.target.with_name(self.target.name[: -len(".sqlite")] + ".lock")
        stack = ExitStack()
        try:
            held = stack.enter_context(store.lock(path, LOCK_WAIT))
        except OSError as exc:
            store.notice(f"cannot lock the search index {path}: {store.reason(exc)}; searching without it")
            return None
        return stack, held

    def _build(self) -> CorpusIndex:
        try:
            fd, temp = store.temp_file(self.target)
        except OSError as exc:
            store.notice(f"cannot write the search index in {self.target.parent}: {store.reason(exc)}")
            return _in_memory(self.scan, self.progress)
        index: CorpusIndex | None = None
        try:
            try:
                index = CorpusIndex(sqlite3.connect(temp))
                index.db.execute("PRAGMA journal_mode=OFF")
                index.db.execute("PRAGMA synchronous=OFF")
                index.create()
                index.refresh(self.scan, self.progress, self.token)
                index.close()
                index = None
                os.fsync(fd)
            finally:
                os.close(fd)
                if index is not None:
                    index.close()
            store.replace(temp, self.target)
        except (OSError, sqlite3.Error) as exc:
            store.remove(temp)
            store.notice(f"cannot write the search index {self.target}: {store.reason(exc)}; searching without it")
            return _in_memory(self.scan, self.progress)
        except BaseException:
            store.remove(temp)
            raise
        built = CorpusIndex(sqlite3.connect(self.target, timeout=30))
        built.recover = self._recover
        return built

    def _recover(self) -> CorpusIndex:
        """A fresh index after reading this one met a damaged page or row: rebuilt once, else in memory."""
        store.notice(f"the search index {self.target} was damaged; rebuilt it")
        locked = self._locked()
        if locked is None:
            return _in_memory(self.scan, self.progress)
        stack, held = locked
        with stack:
            if held:
                store.sweep(self.target.parent, self.target.name, max_age=0)
                return self._build()
        return _in_memory(self.scan, self.progress)


class CorpusIndex:
    """An open index; see the module docstring."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.isolation_level = None  # transactions are explicit
        self.recover: Callable[[], CorpusIndex] | None = None

    def close(self) -> None:
        self.db.close()

    def schema(self) -> int | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return int(row[0]) if row and str(row[0]).isdigit() else None

    def create(self) -> None:
        self.db.executescript(
            """
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE langs(code TEXT PRIMARY KEY, num INTEGER NOT NULL UNIQUE);
            CREATE TABLE sets(
                id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, sig BLOB NOT NULL, names TEXT NOT NULL,
                racy TEXT NOT NULL, content TEXT NOT NULL, info TEXT NOT NULL, problems TEXT NOT NULL);
            CREATE TABLE records(id INTEGER PRIMARY KEY, set_id INTEGER NOT NULL, data TEXT NOT NULL);
            CREATE TABLE lines(
                id INTEGER PRIMARY KEY, set_id INTEGER NOT NULL, shape TEXT NOT NULL, line TEXT NOT NULL,
                clean INTEGER NOT NULL);
            CREATE INDEX records_by_set ON records(set_id);
            CREATE TABLE texts(id INTEGER PRIMARY KEY, key TEXT NOT NULL);
            CREATE TABLE fields(id INTEGER PRIMARY KEY, heading TEXT, body TEXT);
            CREATE VIRTUAL TABLE keys USING fts5(
                key, content='texts', content_rowid='id', tokenize='trigram', detail='none');
            CREATE TABLE fresh(
                id INTEGER PRIMARY KEY CHECK (id = 0), sets TEXT NOT NULL, paths BLOB NOT NULL,
                sig BLOB NOT NULL, racy INTEGER NOT NULL);
            """
        )
        self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))

    # Keeping up to date

    def _changes(self, scan: Scan) -> tuple[list[int], list[tuple[str, Path, int | None]]]:
        """The ids of sets that are gone, and the sets to look at again: name, folder, id (None for a new set)."""
        known: dict[str, tuple[int, bytes, str, str]] = {
            name: (set_id, sig, names, racy)
            for set_id, name, sig, names, racy in self.db.execute("SELECT id, name, sig, names, racy FROM sets")
        }
        current = scan.sets(set(known))
        gone = [row[0] for name, row in known.items() if name not in current]
        changed: list[tuple[str, Path, int | None]] = []
        checked: list[tuple[str, str, tuple[int, bytes, str, str]]] = []
        for name, folder in current.items():
            row = known.get(name)
            if row is None:
                changed.append((name, Path(folder), None))
            else:
                checked.append((name, folder, row))
        sigs = signatures([(folder, row[2].split("\0")) for _name, folder, row in checked])
        for (name, folder, (set_id, sig, _names, racy)), now in zip(checked, sigs, strict=True):
            if now != sig or (racy and _racy_changed(Path(folder), racy)):
                changed.append((name, Path(folder), set_id))
        changed.sort(key=lambda item: item[0])  # the order of the listing: by name
        return gone, changed

    def stale(self, scan: Scan, token: str | None = None) -> bool:
        """Whether a set was added, removed or changed since the index was written.

        ``token`` is the file-system monitor's (see :mod:`unagree_cli.watch`), taken before the corpus
        was looked at. The index keeps the token it was given before its last full check or write:
        the same token means the monitor saw nothing change since, and the index is fresh without a
        ``stat``. Otherwise the full check, and when it finds the index fresh, the token is kept.
        """
        mark = None
        if token is not None:
            mark = self._watch_mark()
            if mark is not None and mark.partition(" ")[0] == token:
                return False
        fresh = self._fresh(scan)
        if fresh:
            if token is not None:
                self._keep_token(token, mark)
            return False
        gone, changed = self._changes(scan)
        return bool(gone or changed) or fresh is None  # None: no usable fingerprint; a refresh writes it

    def _fresh(self, scan: Scan) -> bool | None:
        """Whether nothing changed, judged in one go from the corpus's fingerprint (None: there is none to use).

        The fingerprint is every set's signature joined, in one row with the paths it covers: one query,
        one ``stat`` a path and one comparison, instead of a query, a list and a comparison a set. The
        same signatures as :meth:`_changes` compares set by set, so they agree on what changed.
        """
        row = self.db.execute("SELECT sets, paths, sig, racy FROM fresh").fetchone()
        if row is None:
            return None
        names, paths, sig, racy = row
        if type(names) is not str or type(paths) is not bytes or type(sig) is not bytes or type(racy) is not int:
            return None
        if not scan.same_sets(names.split("\0") if names else []):
            return False
        if scan.stat_all(paths.split(b"\0") if paths else []) != sig:
            return False
        if racy:  # files recorded within RACY_NS of their modification: by content too
            for name, text in self.db.execute("SELECT name, racy FROM sets WHERE racy != ''"):
                if _racy_changed(scan.root / scan.relative(str(name)), str(text)):
                    return False
        return True

    def _watch_mark(self) -> str | None:
        """``TOKEN NONCE``: the monitor's token given before the last full check or write (``-``: none)."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'watch'").fetchone()
        return row[0] if row is not None and type(row[0]) is str else None

    def _keep_token(self, token: str, mark: str | None) -> None:
        """Keep ``token`` after a full check found the index fresh, unless a writer came in between.

        Every write stores a mark of its own (a new nonce), so the mark is still the one read before
        the check only if the fingerprint checked is still the one stored. Never waits for a writer:
        keeping the token only saves the next command its check.
        """
        new = f"{token} {os.urandom(8).hex()}"
        try:
            self.db.execute("PRAGMA busy_timeout = 0")
            try:
                if mark is None:
                    self.db.execute("INSERT OR IGNORE INTO meta VALUES ('watch', ?)", (new,))
                else:
                    self.db.execute("UPDATE meta SET value = ? WHERE key = 'watch' AND value = ?", (new, mark))
            finally:
                self.db.execute("PRAGMA busy_timeout = 30000")
        except sqlite3.Error:
            pass  # locked by a writer, or a cache that cannot be written: the next command checks again

    def _write_fresh(self, scan: Scan) -> None:
        """The fingerprint :meth:`_fresh` reads, from the sets as now recorded (in the writer's transaction)."""
        names: list[str] = []
        paths: list[bytes] = []
        sigs: list[bytes] = []
        racy = 0
        for name, sig, files, text in self.db.execute("SELECT name, sig, names, racy FROM sets ORDER BY name"):
            base = scan.relative(name)
            names.append(name)
            paths += map(os.fsencode, [base, *[base + os.sep + file for file in files.split("\0")]])
            sigs.append(sig)
            racy += bool(text)
        self.db.execute(
            "INSERT OR REPLACE INTO fresh VALUES (0, ?, ?, ?, ?)",
            ("\0".join(names), b"\0".join(paths), b"".join(sigs), racy),
        )

    def refresh(self, scan: Scan, progress: Progress | None = None, token: str | None = None) -> None:
        """Index the sets whose files changed, and forget the sets that are gone (one transaction).

        ``token``: the monitor's, taken before the corpus was looked at, kept with the fingerprint.
        """
        self.db.execute("BEGIN IMMEDIATE")
        try:
            gone, changed = self._changes(scan)
            for set_id in gone:
                self._drop(set_id)
            reread: list[tuple[str, Path]] = []
            old: dict[str, int | None] = {}
            for name, folder, known_id in changed:
                if not os.path.isfile(folder / "treaty.yaml"):  # no longer a treaty set
                    if known_id is not None:
                        self._drop(known_id)
                    continue
                names = set_names(folder)
                if known_id is not None and self._content(known_id) == content_key(folder, names):  # touched
                    recorded = time.time_ns()
                    sig = signature(folder, names)
                    self.db.execute(
                        "UPDATE sets SET sig = ?, names = ?, racy = ? WHERE id = ?",
                        (sig, "\0".join(names), _racy(folder, names, recorded), known_id),
                    )
                    continue
                reread.append((name, folder))
                old[name] = known_id
            for done, prepared in enumerate(prepare_all(reread), 1):
                previous = old[prepared.name]
                if previous is not None:
                    self._drop(previous)
                self._insert(prepared)
                if progress is not None:
                    progress(done, len(reread))
            if gone or changed or self._stored_summary() is None:
                self._write_summary()
            self._write_fresh(scan)
            mark = f"{token or '-'} {os.urandom(8).hex()}"  # a new nonce: see _keep_token
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('watch', ?)", (mark,))
            self.db.execute("COMMIT")
        except BaseException:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:  # SQLite rolled back already (disk full): the error to report is the first
                pass
            raise

    def _stored_summary(self) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = 'summary'").fetchone()
        return str(row[0]) if row is not None else None

    def _write_summary(self) -> None:
        summary = store.encode(Summary.of(self._sets()))
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('summary', ?)", (_json(summary),))

    def _content(self, set_id: int) -> str | None:
        row = self.db.execute("SELECT content FROM sets WHERE id = ?", (set_id,)).fetchone()
        return str(row[0]) if row is not None else None

    def _insert(self, prepared: Prepared) -> None:
        cursor = self.db.execute(
            "INSERT INTO sets(name, sig, names, racy, content, info, problems) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                prepared.name,
                prepared.sig,
                "\0".join(prepared.names),
                prepared.racy,
                prepared.content,
                prepared.info,
                prepared.problems,
            ),
        )
        set_id = cursor.lastrowid
        if not prepared.rows:
            return
        numbers: dict[str, int] = {}
        row = self.db.execute("SELECT coalesce(max(id), 0) FROM records").fetchone()
        first = int(row[0]) + 1
        rows = []
        keys = []
        fields = []
        lines = []
        for offset, (data, record_keys, record_fields, plain) in enumerate(prepared.rows):
            record_id = first + offset
            rows.append((record_id, set_id, data))
            if plain is not None:
                shape, line, clean = plain
                lines.append((record_id, set_id, shape, line, int(clean)))
            for lang, key in record_keys:
                number = numbers.get(lang)
                if number is None:
                    number = numbers[lang] = self._lang_number(lang)
                keys.append((record_id * LANG_SLOTS + number, key))
            for lang, heading, text in record_fields:
                fields.append((record_id * LANG_SLOTS + numbers[lang], heading, text))
        self.db.executemany("INSERT INTO records(id, set_id, data) VALUES (?, ?, ?)", rows)
        self.db.executemany("INSERT INTO lines(id, set_id, shape, line, clean) VALUES (?, ?, ?, ?, ?)", lines)
        self.db.executemany("INSERT INTO texts(id, key) VALUES (?, ?)", keys)
        self.db.executemany("INSERT INTO fields(id, heading, body) VALUES (?, ?, ?)", fields)
        self.db.executemany("INSERT INTO keys(rowid, key) VALUES (?, ?)", keys)

    def _lang_number(self, lang: str) -> int:
        row = self.db.execute("SELECT num FROM langs WHERE code = ?", (lang,)).fetchone()
        if row is not None:
            return int(row[0])
        count = int(self.db.execute("SELECT count(*) FROM langs").fetchone()[0])
        if count >= LANG_SLOTS:
            raise ValueError(f"a corpus may have at most {LANG_SLOTS} languages")
        self.db.execute("INSERT INTO langs(code, num) VALUES (?, ?)", (lang, count))
        return count

    def _drop(self, set_id: int) -> None:
        low, high = self.db.execute("SELECT min(id), max(id) FROM records WHERE set_id = ?", (set_id,)).fetchone()
        if low is not None:
            span = (low * LANG_SLOTS, high * LANG_SLOTS + LANG_SLOTS - 1)
            self.db.execute(
                "INSERT INTO keys(keys, rowid, key) SELECT 'delete', id, key FROM texts WHERE id BETWEEN ? AND ?", span
            )
            self.db.execute("DELETE FROM texts WHERE id BETWEEN ? AND ?", span)
            self.db.execute("DELETE FROM fields WHERE id BETWEEN ? AND ?", span)
            self.db.execute("DELETE FROM records WHERE set_id = ?", (set_id,))
            self.db.execute("DELETE FROM lines WHERE id BETWEEN ? AND ?", (low, high))
        self.db.execute("DELETE FROM sets WHERE id = ?", (set_id,))

    # Reading: every reader goes through _guarded, which rebuilds a damaged index once

    def _guarded(self, read: Callable[[CorpusIndex], _T]) -> _T:
        try:
            return read(self)
        except (sqlite3.Error, *_BAD_DATA) as exc:
            if self.recover is None or not _is_corruption(exc):
                raise Damaged(f"the search index cannot be read: {store.reason(exc)}") from None
            recover, self.recover = self.recover, None
            self.db.close()
            fresh = recover()
            self.db = fresh.db
            return read(self)

    def sets(self) -> list[SetEntry]:
        """Every treaty set, by name."""
        return self._guarded(CorpusIndex._sets)

    def _sets(self) -> list[SetEntry]:
        entries = []
        for name, info_text, problems_text in self.db.execute("SELECT name, info, problems FROM sets ORDER BY name"):
            info = _loads(info_text)
            problems = (
                [] if problems_text == "[]" else [(str(f), int(line), str(m)) for f, line, m in _loads(problems_text)]
            )
            title, languages, documents = info["title"], info["languages"], info["documents"]
            names = info.get("language_names", {})
            if not (_texts(title) and _texts(names) and _strings(languages) and _strings(documents)):
                raise store.Corrupt(f"the search index's entry for the treaty set {name} is not what was written")
            entries.append(
                SetEntry(str(name), str(info["id"]), title, languages, documents, int(info["units"]), problems, names)
            )
        return entries

    def summary(self) -> Summary:
        """What a search over every set needs: their count, languages, documents, and the first problems."""
        return self._guarded(CorpusIndex._summary)

    def _summary(self) -> Summary:
        stored = self._stored_summary()
        if stored is None:
            raise store.Corrupt("the search index has no summary of its treaty sets")
        summary: Summary = store.decode(Summary, _loads(stored))
        return summary

    def languages(self) -> list[str]:
        query = "SELECT code FROM langs ORDER BY num"
        return self._guarded(lambda index: [code for (code,) in index.db.execute(query)])

    def candidates(
        self, text: str, langs: Sequence[str], regex: bool = False, treaties: Sequence[str] | None = None
    ) -> list[tuple[str, Record]]:
        """The records that may match ``text`` in ``langs`` (all records for a regular expression), in corpus order.

        The query API under :meth:`search`: a matching layer checks each candidate with its own rules.
        """
        found = self._guarded(lambda index: index._candidate_records(text, langs, regex, treaties))
        return [(name, record) for name, record, _langs in found]

    def _candidate_records(
        self, text: str, langs: Sequence[str], regex: bool, treaties: Sequence[str] | None
    ) -> list[tuple[str, Record, frozenset[str] | None]]:
        """Candidates with the languages whose key holds the query's (None: any language may match)."""
        numbers = {code: num for code, num in self.db.execute("SELECT code, num FROM langs")}
        wanted = {numbers[lang]: lang for lang in langs if lang in numbers}
        if not wanted:
            return []
        if regex:
            return [(name, record, None) for name, _id, record in self._records(None, treaties)]
        by_id = self._candidate_ids(text, set(wanted))
        named: dict[int, frozenset[str]] = {}  # a set of languages (as bits) -> their codes, made once
        for mask in set(by_id.values()):
            named[mask] = frozenset(lang for num, lang in wanted.items() if mask >> num & 1)
        return [
            (name, record, named[by_id[record_id]])
            for name, record_id, record in self._records(sorted(by_id), treaties)
        ]

    def search(
        self, query: Query, docs: Sequence[str] | None = None, treaties: Sequence[str] | None = None
    ) -> list[CorpusHit]:
        """Every record ``query`` matches, in corpus order: sets by name, then documents and units in order.

        ``docs`` and ``treaties`` narrow the search to those document keys and set names. A
        candidate is matched only in the languages whose key holds the query's: in no other
        can it match (see :func:`search_key`).
        """
        import dataclasses

        # The query's prefilter is text that every match holds in every language (variants included);
        # with none (a regular expression, a query with no common core) every record is a candidate.
        prefilter = query.prefilter
        found = self._guarded(
            lambda index: index._candidate_records(prefilter or "", query.langs, prefilter is None, treaties)
        )
        finders: dict[frozenset[str] | None, Callable[[Record], list[Match]]] = {None: query.find}
        hits: list[CorpusHit] = []
        append, new, hit_of = hits.append, _new, make_hit
        for name, record, langs in found:
            if docs is not None and record.doc not in docs:
                continue
            find = finders.get(langs)
            if find is None:
                patterns = {lang: p for lang, p in query.patterns.items() if langs is None or lang in langs}
                find = finders[langs] = dataclasses.replace(query, patterns=patterns).find
            matches = find(record)
            if matches:
                made = new(CorpusHit)  # CorpusHit(name, Hit(record, matches)) without the generic __init__
                made.__dict__ = {"treaty": name, "hit": hit_of(record, matches)}
                append(made)
        return hits

    def plain_lines(self, query: Query, treaties: Sequence[str] | None = None) -> list[StoredLine] | None:
        """The records ``query`` matches as :meth:`search` finds them, in corpus order, each as its set's name
        and its stored :data:`PlainLine` (shape, line, clean): what ``--format plain`` prints, without
        decoding a record or making a match; a record without a stored line comes as itself (the last
        item; None for the others). None when matches cannot be told so: a query with no prefilter (a
        regular expression), or a candidate whose text is not stored (see :func:`_record_row`).

        A record matches when the query's pattern has a non-empty match in the heading or text of a
        language whose key holds the query's (the same test as :meth:`Query.find`, stopping at the first).
        """
        prefilter = query.prefilter
        if prefilter is None:
            return None
        return self._guarded(lambda index: index._plain_lines(query, prefilter, treaties))

    def _plain_lines(self, query: Query, prefilter: str, treaties: Sequence[str] | None) -> list[StoredLine] | None:
        numbers = {code: num for code, num in self.db.execute("SELECT code, num FROM langs")}
        wanted = {numbers[lang]: pattern for lang, pattern in query.patterns.items() if lang in numbers}
        if not wanted:
            return []
        by_id = self._candidate_ids(prefilter, set(wanted))
        rowids = [
            record_id * LANG_SLOTS + number
            for record_id, mask in by_id.items()
            for number in wanted
            if mask >> number & 1
        ]
        where, params = "", list(treaties or ())
        if treaties is not None:
            where = f" WHERE name IN ({','.join('?' * len(treaties))})"
        names: dict[int, str] = dict(self.db.execute(f"SELECT id, name FROM sets{where}", params))  # noqa: S608
        # Each candidate language's texts with its record's line (as UTF-8: not decoded), in one row.
        matched: set[int] = set()
        unlined: list[int] = []  # records matched without a stored line
        found: list[tuple[str, int, StoredLine]] = []
        fetched = 0
        for start in range(0, len(rowids), _BATCH):
            chunk = rowids[start : start + _BATCH]
            sql = (
                "SELECT f.id, f.heading, f.body, l.set_id, l.shape, CAST(l.line AS BLOB), l.clean FROM fields f"  # noqa: S608
                f" LEFT JOIN lines l ON l.id = f.id / {LANG_SLOTS} WHERE f.id IN ({','.join('?' * len(chunk))})"
            )
            for rowid, heading, body, set_id, shape, line, clean in self.db.execute(sql, chunk):
                fetched += 1
                record_id = rowid // LANG_SLOTS
                if record_id in matched:
                    continue
                pattern = wanted[rowid % LANG_SLOTS]
                if (heading and has_match(pattern, heading)) or (body and has_match(pattern, body)):
                    matched.add(record_id)
                    if type(line) is not bytes or type(shape) is not str:
                        unlined.append(record_id)
                    elif set_id in names:
                        found.append((names[set_id], record_id, (names[set_id], shape, line, clean, None)))
        if fetched != len(rowids):
            return None  # a candidate whose text is not stored: matched as decoded
        # The records without a line, as themselves.
        for name, record_id, record in self._records(sorted(unlined), treaties) if unlined else ():
            found.append((name, record_id, (name, "", b"", 0, record)))
        found.sort(key=_corpus_order)
        return [stored for _name, _id, stored in found]

    def _candidate_ids(self, text: str, wanted: set[int]) -> dict[int, int]:
        """Record ids whose key in a wanted language holds the query's, with those language numbers as bits."""
        key = _clean(search_key(text))
        if len(key) >= TRIGRAM:
            grams = sorted({key[i : i + TRIGRAM] for i in range(len(key) - TRIGRAM + 1)})
            match = " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)
            rows = self.db.execute("SELECT rowid FROM keys WHERE keys MATCH ?", (match,))
        else:
            rows = self.db.execute("SELECT id FROM texts WHERE instr(key, ?) > 0", (key,))
        found: dict[int, int] = {}
        get = found.get
        for (rowid,) in rows:
            number = rowid % LANG_SLOTS
            if number in wanted:
                record_id = rowid // LANG_SLOTS
                found[record_id] = get(record_id, 0) | 1 << number
        return found

    def _records(self, ids: list[int] | None, treaties: Sequence[str] | None) -> Iterator[tuple[str, int, Record]]:
        """Records (all, or those with ``ids``) with their set names and ids, in corpus order."""
        where = ""
        params: list[Any] = []
        if treaties is not None:
            where = f" WHERE s.name IN ({','.join('?' * len(treaties))})"
            params = list(treaties)
        decode = _decode_record
        if ids is None:
            order = " ORDER BY s.name, r.id"
            sql = f"SELECT s.name, r.id, r.data FROM records r JOIN sets s ON s.id = r.set_id{where}{order}"  # noqa: S608 - only ?s
            for name, record_id, data in self.db.execute(sql, params):
                yield name, record_id, decode(data)
            return
        # The set names once, then the records alone by id (no join): a set's records have consecutive ids.
        names: dict[int, str] = dict(self.db.execute(f"SELECT s.id, s.name FROM sets s{where}", params))  # noqa: S608
        found: list[tuple[str, int, str]] = []
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT id, set_id, data FROM records WHERE id IN ({marks})"  # noqa: S608
            found += [
                (names[set_id], record_id, data)
                for record_id, set_id, data in self.db.execute(sql, chunk)
                if set_id in names
            ]
        found.sort()  # corpus order: sets by name, then records by id (ids are unique: data is never compared)
        for name, record_id, data in found:
            yield name, record_id, decode(data)


def _corpus_order(item: tuple[str, int, StoredLine]) -> tuple[str, int]:
    """Sets by name, then records by id."""
    return item[0], item[1]


def _texts(value: Any) -> bool:
    """Whether ``value`` is text by language (as JSON gives it)."""
    return type(value) is dict and all(type(v) is str for v in value.values())


def _strings(value: Any) -> bool:
    return type(value) is list and all(type(v) is str for v in value)


def _clean(key: str) -> str:
    """``key`` as valid UTF-8 (a lone surrogate becomes U+FFFD)."""
    try:
        key.encode("utf-8")
        return key
    except UnicodeEncodeError:
        return key.encode("utf-8", "replace").decode("utf-8")


def _loads(text: str) -> Any:
    """``json.loads`` of what :func:`_json` wrote (compact: nothing around the value), without the json package.

    A row is text: anything else in the column (SQLite lets a damaged row hold any type) is refused.
    """
    if type(text) is not str:
        raise ValueError(f"expected JSON text, found {type(text).__name__}")
    return store.loads(text)


_RECORD_FIELDS = frozenset(("doc", "ref", "eid", "kind", "num", "text", "heading", "extra"))
"""The fields of a record as :func:`store.encode` writes them."""


def _decode_record(data: str) -> Record:
    """The record ``data`` holds, with the checks of :func:`store.decode` written out for its one shape.

    Text by language is checked by joining it: ``str.join`` takes only text (JSON makes no subclass of
    ``str``), and refuses anything else, in C rather than with a generator a record.
    """
    value = _loads(data)
    if type(value) is dict and value.keys() == _RECORD_FIELDS:
        text, heading, num = value["text"], value["heading"], value["num"]
        if (
            type(value["doc"]) is str
            and type(value["ref"]) is str
            and type(value["eid"]) is str
            and type(value["kind"]) is str
            and (num is None or type(num) is str)
            and type(text) is dict
            and (heading is None or type(heading) is dict)
            and type(value["extra"]) is dict
        ):
            try:
                _join(text.values())
                if heading is not None:
                    _join(heading.values())
            except TypeError:  # a value that is not text: the general way says so
                pass
            else:
                made: Record = _new(Record)
                made.__dict__ = value  # what store.decode sets, field by field
                return made
    record: Record = store.decode(Record, value)  # any other shape: decoded, or refused, the general way
    return record


_join = "".join
