"""A search index over every treaty set of a corpus, kept in the user cache folder.

One SQLite file per corpus folder (``$UNAGREE_CACHE_DIR/index/KEY.sqlite``)
holds each treaty set's unit records as JSON and an FTS5 table with the
trigram tokenizer over a normalised key of every record in every language, so
that a substring (Chinese has no spaces) of three characters or more is found
without reading the corpus. Shorter queries scan the keys; regular
expressions scan the records. Every candidate is then checked with the exact
rules of :mod:`unagree_cli.search`, so the index only ever narrows the work:
results are those a full scan gives, in corpus order.

The index is built on first use (``progress`` reports each set) and brought up
to date on every open: a set whose YAML files changed size or modification
time, and then content hash, is read again; new sets are added and removed
ones dropped. The FTS table takes its text from the ``texts`` table (external
content), so the keys are stored once and short queries scan them directly.
A first build is written to a temporary file and renamed into
place; later updates are SQLite transactions. A file that is not a valid index
is deleted and rebuilt. Nothing is written into the corpus folder.
"""

from __future__ import annotations

import json
import os
import sqlite3
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import cache_dir, enabled, file_digest, path_key
from .model import Record, TreatySet
from .search import Hit, Query

SCHEMA = 4
"""Bump when the tables change: an index of another schema is rebuilt."""

LANG_SLOTS = 64
"""FTS row id = record id * LANG_SLOTS + language number."""

TRIGRAM = 3
_BATCH = 500

Progress = Callable[[int, int], None]


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
    """Where the index of the corpus at ``root`` lives; None when the cache is off."""
    base = cache_dir() if enabled() else None
    return base / "index" / f"{path_key(root)}.sqlite" if base is not None else None


def open_index(root: Path, progress: Progress | None = None) -> CorpusIndex:
    """The index of the corpus at ``root``, built or brought up to date first."""
    from .corpus import treaty_folders

    folders = treaty_folders(root)
    target = index_file(root)
    if target is None:
        index = CorpusIndex(sqlite3.connect(":memory:"))
        index.create()
        index.refresh(folders, progress)
        return index
    index_ = _open_existing(target)
    if index_ is not None:
        try:
            index_.refresh(folders, progress)
            return index_
        except sqlite3.DatabaseError:
            index_.close()
            _remove(target)
    return _build_new(target, folders, progress)


def _open_existing(target: Path) -> CorpusIndex | None:
    if not target.is_file():
        return None
    try:
        index = CorpusIndex(sqlite3.connect(target, timeout=30))
        if index.schema() == SCHEMA:
            return index
        index.close()
    except sqlite3.DatabaseError:
        pass
    _remove(target)
    return None


def _build_new(target: Path, folders: list[Path], progress: Progress | None) -> CorpusIndex:
    """Build the whole index in a temporary file, then rename it into place."""
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _remove(temp)
        index = CorpusIndex(sqlite3.connect(temp))
    except (OSError, sqlite3.DatabaseError):  # no writable cache: an index in memory, for this command only
        index = CorpusIndex(sqlite3.connect(":memory:"))
        index.create()
        index.refresh(folders, progress)
        return index
    index.db.execute("PRAGMA journal_mode=OFF")
    index.db.execute("PRAGMA synchronous=OFF")
    index.create()
    index.refresh(folders, progress)
    index.close()
    os.replace(temp, target)
    return CorpusIndex(sqlite3.connect(target, timeout=30))


def _remove(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-journal")):
        try:
            candidate.unlink()
        except OSError:
            pass


class CorpusIndex:
    """An open index; see the module docstring."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.isolation_level = None  # transactions are explicit

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
                id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, stat TEXT NOT NULL, files TEXT NOT NULL,
                info TEXT NOT NULL, problems TEXT NOT NULL);
            CREATE TABLE records(id INTEGER PRIMARY KEY, set_id INTEGER NOT NULL, data TEXT NOT NULL);
            CREATE INDEX records_by_set ON records(set_id);
            CREATE TABLE texts(id INTEGER PRIMARY KEY, key TEXT NOT NULL);
            CREATE VIRTUAL TABLE keys USING fts5(
                key, content='texts', content_rowid='id', tokenize='trigram', detail='none');
            """
        )
        self.db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA),))

    # Keeping up to date

    def refresh(self, folders: list[Path], progress: Progress | None = None) -> None:
        """Index the sets in ``folders`` whose files changed, and forget the sets that are gone."""
        known = {name: (set_id, stat) for set_id, name, stat in self.db.execute("SELECT id, name, stat FROM sets")}
        current = {folder.name: folder for folder in folders}
        gone = [known[name][0] for name in known if name not in current]
        changed: list[tuple[Path, str]] = []
        for folder in folders:
            stat = json.dumps(_stat_key(folder))
            if folder.name not in known or known[folder.name][1] != stat:
                changed.append((folder, stat))
        if not gone and not changed:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for set_id in gone:
                self._drop(set_id)
            for done, (folder, stat) in enumerate(changed, 1):
                self._update(folder, stat, known.get(folder.name, (None, ""))[0])
                if progress is not None:
                    progress(done, len(changed))
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def _update(self, folder: Path, stat: str, set_id: int | None) -> None:
        files = json.dumps(_content_key(folder))
        if set_id is not None:
            row = self.db.execute("SELECT files FROM sets WHERE id = ?", (set_id,)).fetchone()
            if row is not None and row[0] == files:  # touched, not changed
                self.db.execute("UPDATE sets SET stat = ? WHERE id = ?", (stat, set_id))
                return
            self._drop(set_id)
        from .corpus import load_treaty

        treaty, problems = load_treaty(folder)
        if treaty is None or problems:
            info: dict[str, Any] = {"id": treaty.id if treaty else folder.name, "title": {}, "languages": []}
            info.update(documents=[], units=0)
            found = [(os.path.abspath(p.file), p.line, p.message) for p in problems] or [
                (str(folder), 0, "treaty set could not be loaded")
            ]
            self._insert_set(folder.name, stat, files, info, found)
            return
        records = [(doc, record) for doc in treaty.doc_keys() for record in treaty.records(doc, treaty.langs_of(doc))]
        info = {
            "id": treaty.id,
            "title": treaty.title,
            "languages": treaty.languages,
            "documents": treaty.doc_keys(),
            "units": len(records),
            "language_names": {lang: treaty.labels.get(lang, {}).get("language", lang) for lang in treaty.languages},
        }
        new_id = self._insert_set(folder.name, stat, files, info, [])
        self._insert_records(new_id, treaty, [record for _, record in records])

    def _insert_set(
        self, name: str, stat: str, files: str, info: dict[str, Any], problems: list[tuple[str, int, str]]
    ) -> int:
        cursor = self.db.execute(
            "INSERT INTO sets(name, stat, files, info, problems) VALUES (?, ?, ?, ?, ?)",
            (name, stat, files, json.dumps(info, ensure_ascii=False), json.dumps(problems, ensure_ascii=False)),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def _insert_records(self, set_id: int, treaty: TreatySet, records: list[Record]) -> None:
        numbers = {lang: self._lang_number(lang) for lang in treaty.languages}
        row = self.db.execute("SELECT coalesce(max(id), 0) FROM records").fetchone()
        first = int(row[0]) + 1
        rows = []
        keys = []
        for offset, record in enumerate(records):
            record_id = first + offset
            rows.append((record_id, set_id, _encode_record(record)))
            for lang, text in record.text.items():
                heading = (record.heading or {}).get(lang, "")
                keys.append(
                    (record_id * LANG_SLOTS + numbers[lang], _clean(f"{search_key(heading)}\n{search_key(text)}"))
                )
            for lang, heading in (record.heading or {}).items():
                if lang not in record.text:
                    keys.append((record_id * LANG_SLOTS + numbers[lang], _clean(f"{search_key(heading)}\n")))
        self.db.executemany("INSERT INTO records(id, set_id, data) VALUES (?, ?, ?)", rows)
        self.db.executemany("INSERT INTO texts(id, key) VALUES (?, ?)", keys)
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
            self.db.execute("DELETE FROM records WHERE set_id = ?", (set_id,))
        self.db.execute("DELETE FROM sets WHERE id = ?", (set_id,))

    # Reading

    def sets(self) -> list[SetEntry]:
        """Every treaty set, by name."""
        entries = []
        for name, info_text, problems_text in self.db.execute("SELECT name, info, problems FROM sets ORDER BY name"):
            info = json.loads(info_text)
            problems = [(str(f), int(line), str(m)) for f, line, m in json.loads(problems_text)]
            entries.append(
                SetEntry(
                    name,
                    str(info["id"]),
                    dict(info["title"]),
                    list(info["languages"]),
                    list(info["documents"]),
                    int(info["units"]),
                    problems,
                    dict(info.get("language_names", {})),
                )
            )
        return entries

    def languages(self) -> list[str]:
        return [code for (code,) in self.db.execute("SELECT code FROM langs ORDER BY num")]

    def search(
        self, query: Query, docs: Sequence[str] | None = None, treaties: Sequence[str] | None = None
    ) -> list[CorpusHit]:
        """Every record ``query`` matches, in corpus order: sets by name, then documents and units in order.

        ``docs`` and ``treaties`` narrow the search to those document keys and set names.
        """
        numbers = {code: num for code, num in self.db.execute("SELECT code, num FROM langs")}
        wanted = {numbers[lang] for lang in query.langs if lang in numbers}
        if not wanted:
            return []
        candidates = None if query.prefilter is None else self._candidates(query.prefilter, wanted)
        hits: list[CorpusHit] = []
        for name, record in self._records(candidates, treaties):
            if docs is not None and record.doc not in docs:
                continue
            matches = query.find(record)
            if matches:
                hits.append(CorpusHit(name, Hit(record, matches)))
        return hits

    def _candidates(self, text: str, wanted: set[int]) -> list[int]:
        key = _clean(search_key(text))
        if len(key) >= TRIGRAM:
            grams = sorted({key[i : i + TRIGRAM] for i in range(len(key) - TRIGRAM + 1)})
            match = " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)
            rows = self.db.execute("SELECT rowid FROM keys WHERE keys MATCH ?", (match,))
        else:
            rows = self.db.execute("SELECT id FROM texts WHERE instr(key, ?) > 0", (key,))
        return sorted({rowid // LANG_SLOTS for (rowid,) in rows if rowid % LANG_SLOTS in wanted})

    def _records(self, ids: list[int] | None, treaties: Sequence[str] | None) -> Iterator[tuple[str, Record]]:
        """Records (all, or those with ``ids``) with their set names, in corpus order."""
        where = ""
        params: list[Any] = []
        if treaties is not None:
            where = f" WHERE s.name IN ({','.join('?' * len(treaties))})"
            params = list(treaties)
        order = " ORDER BY s.name, r.id"
        if ids is None:
            sql = f"SELECT s.name, r.data FROM records r JOIN sets s ON s.id = r.set_id{where}{order}"  # noqa: S608 - only ?s
            for name, data in self.db.execute(sql, params):
                yield name, _decode_record(data)
            return
        found: list[tuple[str, int, str]] = []
        for start in range(0, len(ids), _BATCH):
            chunk = ids[start : start + _BATCH]
            marks = ",".join("?" * len(chunk))
            sql = f"SELECT s.name, r.id, r.data FROM records r JOIN sets s ON s.id = r.set_id WHERE r.id IN ({marks})"  # noqa: S608
            if treaties is not None:
                sql += f" AND s.name IN ({','.join('?' * len(treaties))})"
            found.extend(self.db.execute(sql, [*chunk, *(treaties or [])]))
        found.sort(key=lambda row: (row[0], row[1]))
        for name, _record_id, data in found:
            yield name, _decode_record(data)


def _stat_key(folder: Path) -> list[list[Any]]:
    """Name, size and modification time of each ``*.yaml`` in ``folder``, and of its source files (none is read)."""
    own = folder / "sources"
    sources = own if own.is_dir() else folder.parent / "sources"
    return [*_listing(folder, ".yaml"), ["sources", *_listing(sources, "")]]


def _listing(folder: Path, suffix: str) -> list[list[Any]]:
    entries = []
    try:
        with os.scandir(folder) as found:
            for entry in found:
                if entry.name.endswith(suffix):
                    try:
                        info = entry.stat()
                        entries.append([entry.name, info.st_size, info.st_mtime_ns])
                    except OSError:
                        entries.append([entry.name, -1, -1])
    except OSError:
        return []
    return sorted(entries)


def _content_key(folder: Path) -> list[list[Any]]:
    """Name and content hash of each ``*.yaml`` in ``folder``, and the names of its source files."""
    hashes = [
        [name, (file_digest(folder / name) or (0, 0, ""))[2]] for name, _size, _mtime in _listing(folder, ".yaml")
    ]
    return [*hashes, ["sources", *(entry[0] for entry in _stat_key(folder)[-1][1:])]]


def _encode_record(record: Record) -> str:
    data = [record.doc, record.ref, record.eid, record.kind, record.num, record.text, record.heading, record.extra]
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a YAML escape: SQLite takes only UTF-8
        text = json.dumps(data, separators=(",", ":"))
    return text


def _clean(key: str) -> str:
    """``key`` as valid UTF-8 (a lone surrogate becomes U+FFFD)."""
    try:
        key.encode("utf-8")
        return key
    except UnicodeEncodeError:
        return key.encode("utf-8", "replace").decode("utf-8")


def _decode_record(data: str) -> Record:
    doc, ref, eid, kind, num, text, heading, extra = json.loads(data)
    return Record(doc, ref, eid, kind, num, text, heading, extra)
