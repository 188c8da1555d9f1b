"""Find, load and validate a corpus folder.

A corpus folder holds one or more treaty sets (folders with a ``treaty.yaml``)
and a ``sources/`` folder with the published texts. Every load validates; a
corpus with problems raises :class:`CorpusError` listing all of them.
"""

from __future__ import annotations

import datetime as _dt
import errno
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import eids, patterns
from .collector import no_collection
from .folders import ENV_VAR as ENV_VAR  # these live in folders.py; imported from here too
from .folders import bundled_corpus as bundled_corpus
from .folders import corpus_root as corpus_root
from .folders import several_treaty_sets as several_treaty_sets
from .labels import LABEL_KEYS, default_labels, format_label
from .model import DocumentInfo, Footnote, GlossaryTerm, Instrument, Organ, Party, Source, TreatySet, Unit, Version
from .patterns import lazy

if TYPE_CHECKING:  # PyYAML loads only where a file is parsed: a load served from the cache never imports it
    from .yamlio import Problem

STATUSES = ("draft", "adopted", "approved", "issued")
LANG_CODE = lazy(r"^[a-z]{2,3}$")
POINT_NUM = lazy(r"^(?:[a-z]{1,2}|[ivxlc]+|[0-9]+)$")
NUMBER = lazy(r"^[0-9]{1,3}(?:[a-z]|bis|ter)?$")
DOC_KEY = lazy(r"^[a-z][a-z0-9_-]*$")


class CorpusError(Exception):
    """A corpus that cannot be used; ``problems`` says every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = str(problems[0]) if problems else "invalid corpus"
        more = f" (and {len(problems) - 1} more problems; run 'unagree validate')" if len(problems) > 1 else ""
        super().__init__(first + more)


def treaty_folders(root: Path) -> list[Path]:
    """Treaty-set folders under ``root`` (``root`` itself if it is one)."""
    if (root / "treaty.yaml").is_file():
        return [root]
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if p.is_dir() and (p / "treaty.yaml").is_file())


def load(root: Path, name: str | None = None) -> TreatySet:
    """Load and validate one treaty set of the corpus at ``root``.

    ``name`` picks a treaty set when the corpus holds several.
    """
    from .cache import load_treaty_cached

    folder = pick_treaty_folder(root, name)
    with no_collection():  # the compiled set read from the cache too: tens of thousands of objects
        treaty, problems = load_treaty_cached(folder, load_treaty)
    if problems or treaty is None:
        raise CorpusError(problems or [_problem(str(folder), "treaty set could not be loaded")])
    return treaty


def pick_treaty_folder(root: Path, name: str | None) -> Path:
    """The treaty set folder ``name`` (or the only one) of the corpus at ``root``.

    A named set is found without listing the corpus, so a corpus of a thousand sets costs no more than one.
    """
    if name and name not in (".", "..") and os.sep not in name and (os.altsep or os.sep) not in name:
        if not (root / "treaty.yaml").is_file() and (root / name / "treaty.yaml").is_file():
            return root / name
    if not root.exists():
        raise CorpusError([_problem(str(root), "corpus folder does not exist")])
    folders = treaty_folders(root)
    if not folders:
        raise CorpusError([_problem(str(root), "no treaty set here (no treaty.yaml in it or its sub-folders)")])
    if name is None:
        if len(folders) > 1:
            names = _some_names(folders)
            raise CorpusError([_problem(str(root), f"the corpus holds several treaty sets; pick one of: {names}")])
        return folders[0]
    for folder in folders:
        if folder.name == name:
            return folder
    names = _some_names(folders)
    raise CorpusError([_problem(str(root), f"no treaty set '{name}'; the corpus has: {names}")])


def _some_names(folders: list[Path], shown: int = 10) -> str:
    """``a, b, c`` or, for a large corpus, the first few and how many in all."""
    names = ", ".join(f.name for f in folders[:shown])
    if len(folders) > shown:
        names += f", ... ({len(folders)} in all; 'unagree list' shows them)"
    return names


def _problem(file: str, message: str) -> Problem:
    from .yamlio import Problem

    return Problem(file, 0, message)


def validate(root: Path) -> tuple[int, list[Problem]]:
    """Validate every treaty set under ``root``; return how many and all problems."""
    from .yamlio import Problem

    if not root.exists():
        return 0, [Problem(str(root), 0, "corpus folder does not exist")]
    folders = treaty_folders(root)
    if not folders:
        return 0, [Problem(str(root), 0, "no treaty set here (no treaty.yaml in it or its sub-folders)")]
    problems: list[Problem] = []
    for folder in folders:
        problems.extend(load_treaty(folder)[1])
    return len(folders), problems


def sources_folder(treaty_folder: Path) -> Path:
    """Where a treaty set's published texts live: its own ``sources/`` or the corpus's."""
    own = treaty_folder / "sources"
    return own if own.is_dir() else treaty_folder.parent / "sources"


class _Checker:
    """Collects problems for one file, locating each by its path in the YAML."""

    def __init__(self, display: str, text: str, problems: list[Problem]) -> None:
        from .yamlio import LineFinder

        self.display = display
        self.lines = LineFinder(text)
        self.problems = problems

    def fail(self, path: tuple[Any, ...], message: str) -> None:
        from .yamlio import Problem

        self.problems.append(Problem(self.display, self.lines.line(path), message))

    def mapping(self, value: Any, path: tuple[Any, ...], what: str) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.fail(path, f"{what} must be a mapping, not {_type_name(value)}")
            return None
        return value

    def seq(self, value: Any, path: tuple[Any, ...], what: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, f"{what} must be a list, not {_type_name(value)}")
            return []
        return value

    def text(self, data: dict[str, Any], key: str, path: tuple[Any, ...], required: bool = True) -> str | None:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(path, f"missing field '{key}'")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key in ("num", "article", "paragraph"):
            value = str(value)
        if not isinstance(value, str):
            self.fail((*path, key), f"field '{key}' must be text, not {_type_name(value)}")
            return None
        if not value.strip():
            self.fail((*path, key), f"field '{key}' is empty")
            return None
        return value.strip()

    def entries(
        self, value: Any, path: tuple[Any, ...], what: str, item: str, allowed: tuple[str, ...]
    ) -> Iterator[tuple[tuple[Any, ...], dict[str, Any]]]:
        """The mappings of the list ``what`` with their paths; reports what is not a mapping or has unknown fields."""
        for index, element in enumerate(self.seq(value, path, what)):
            element_path = (*path, index)
            entry = self.mapping(element, element_path, item)
            if entry is not None:
                self.only(entry, allowed, element_path)
                yield element_path, entry

    def only(self, data: dict[str, Any], allowed: tuple[str, ...], path: tuple[Any, ...]) -> None:
        for key in data:
            if key not in allowed:
                self.fail((*path, key), f"unknown field '{key}' (expected one of: {', '.join(allowed)})")

    def lang_texts(self, value: Any, path: tuple[Any, ...], what: str, langs: list[str]) -> dict[str, list[str]]:
        data = self.mapping(value, path, what)
        result: dict[str, list[str]] = {}
        if data is None:
            return result
        for lang, names in data.items():
            if lang not in langs:
                self.fail((*path, lang), f"unknown language code '{lang}' (the treaty set has: {', '.join(langs)})")
                continue
            items = names if isinstance(names, list) else [names]
            if not items or not all(isinstance(n, str) and n.strip() for n in items):
                self.fail((*path, lang), f"{what} in '{lang}' must be non-empty text or a list of it")
                continue
            result[lang] = [n.strip() for n in items]
        return result


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    return {dict: "a mapping", list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false"}.get(
        type(value), type(value).__name__
    )


def load_treaty(folder: Path) -> tuple[TreatySet | None, list[Problem]]:
    """Load a treaty set and every document file beside its ``treaty.yaml``."""
    with no_collection():
        return _load_treaty(folder)


def _load_treaty(folder: Path) -> tuple[TreatySet | None, list[Problem]]:
    from .yamlio import Problem, YamlFileError, read_yaml

    problems: list[Problem] = []
    treaty_path = folder / "treaty.yaml"
    display = _display(treaty_path)
    try:
        data, text = read_yaml(treaty_path, display)
    except YamlFileError as exc:
        return None, [exc.problem]
    check = _Checker(display, text, problems)
    treaty = _build_treaty(data, folder, check)
    if treaty is None:
        return None, problems
    doc_files = sorted(folder.glob("*.yaml"))
    for path in doc_files:
        if path.name == "treaty.yaml":
            continue
        refused = _link_problem(path, folder)
        if refused is not None:
            problems.append(refused)
            continue
        version = _load_version(path, treaty, problems)
        if version is not None:
            key = (version.doc, version.lang)
            if key in treaty.versions:
                problems.append(Problem(_display(path), 0, f"a second file for {version.doc} in '{version.lang}'"))
            else:
                treaty.versions[key] = version
    for info in treaty.documents:
        if not treaty.langs_of(info.key):
            problems.append(Problem(display, 0, f"document '{info.key}' has no file ({info.key}.LANG.yaml)"))
    return treaty, problems


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError, RuntimeError):  # not under the working folder; a symlink loop
        return str(path)


def _link_problem(path: Path, folder: Path) -> Problem | None:
    """Why a document file that is a symlink is not read: a loop, or a file outside the treaty set's folder.

    Like ripgrep, the loader does not follow links out of the tree it reads:
    a symlinked document is read only when it points to a regular file
    inside the set's folder. (A link to a device or a folder is reported by
    the reader as not a regular file.)
    """
    from .yamlio import Problem

    if not path.is_symlink():
        return None
    display = os.path.join(_display(path.parent), path.name)  # the link's name, not its target's
    try:
        real = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return Problem(display, 0, "a symlink loop; not followed")
        return Problem(display, 0, f"a symlink to '{os.readlink(path)}', which does not exist")
    if not os.path.isfile(real):
        return None
    inside = os.path.realpath(folder)
    if os.path.commonpath([real, inside]) != inside:
        return Problem(display, 0, f"a symlink to '{real}', outside the treaty set's folder; not followed")
    return None


def _build_treaty(data: Any, folder: Path, check: _Checker) -> TreatySet | None:
    if data is None:
        check.fail((), "file is empty")
        return None
    top = check.mapping(data, (), "treaty.yaml")
    if top is None:
        return None
    check.only(
        top, ("id", "title", "languages", "labels", "documents", "sources", "parties", "glossary", "instruments"), ()
    )
    treaty_id = check.text(top, "id", ()) or folder.name
    languages = [lang for lang in check.seq(top.get("languages"), ("languages",), "languages") if isinstance(lang, str)]
    for index, lang in enumerate(languages):
        if not LANG_CODE.match(lang):
            check.fail(("languages", index), f"unknown language code '{lang}' (use ISO 639-1, such as en, zh)")
    if not languages:
        check.fail(("languages",), "missing field 'languages' (the language codes documents may use)")
        return None
    title = {k: v[0] for k, v in check.lang_texts(top.get("title"), ("title",), "title", languages).items()}
    labels = _labels(top.get("labels"), languages, check)
    documents: list[DocumentInfo] = []
    for path, entry in check.entries(top.get("documents"), ("documents",), "documents", "a document", DOC_INFO_FIELDS):
        key = check.text(entry, "key", path)
        if key is None:
            continue
        if not DOC_KEY.match(key) or key in {d.key for d in documents}:
            check.fail((*path, "key"), f"document key '{key}' is not a new lower-case name")
            continue
        name_path = (*path, "name")
        names = {k: v[0] for k, v in check.lang_texts(entry.get("name", {}), name_path, "name", languages).items()}
        documents.append(DocumentInfo(key, names, bool(entry.get("default", False))))
    if not documents:
        check.fail(("documents",), "missing field 'documents' (the documents of the treaty set)")
    sources: list[Source] = []
    source_dir = sources_folder(folder)
    for path, entry in check.entries(top.get("sources"), ("sources",), "sources", "a source", SOURCE_FIELDS):
        file = check.text(entry, "file", path)
        lang = check.text(entry, "lang", path) or ""
        if file is None:
            continue
        if "/" in file or "\\" in file or file.startswith("."):
            check.fail((*path, "file"), f"source '{file}' must be a plain file name in {source_dir}")
            continue
        if not (source_dir / file).is_file():
            pass  # a copied set without its published texts is still a set: see missing_sources()
        if lang not in languages:
            check.fail((*path, "lang"), f"unknown language code '{lang}'")
        furniture = [f for f in check.seq(entry.get("furniture"), (*path, "furniture"), "furniture")]
        for f_index, pattern in enumerate(furniture):
            try:
                patterns.compile(str(pattern))
            except re.error as exc:
                check.fail((*path, "furniture", f_index), f"furniture pattern is not a valid regex: {exc}")
        sources.append(Source(file, lang, str(entry.get("symbol") or ""), [str(p) for p in furniture]))
    parties = _parties(top.get("parties"), languages, check)
    glossary = _glossary(top.get("glossary"), languages, check)
    instruments = _instruments(top.get("instruments"), languages, check)
    return TreatySet(
        id=treaty_id,
        path=str(folder),
        title=title,
        languages=languages,
        labels=labels,
        documents=documents,
        versions={},
        parties=parties,
        glossary=glossary,
        sources=sources,
        instruments=instruments,
    )


def _labels(value: Any, languages: list[str], check: _Checker) -> dict[str, dict[str, str]]:
    """Each language's labels: its defaults (see :data:`labels.DEFAULT_LABELS`), with what treaty.yaml overrides."""
    labels: dict[str, dict[str, str]] = {}
    data = check.mapping(value, ("labels",), "labels") if value is not None else {}
    for lang in languages:
        lang_labels = default_labels(lang)
        entry = (data or {}).get(lang)
        if entry is not None and not isinstance(entry, dict):
            check.fail(("labels", lang), f"labels for '{lang}' must be a mapping ({', '.join(LABEL_KEYS)})")
            entry = None
        for key, label in (entry or {}).items():
            if key not in LABEL_KEYS:
                check.fail(("labels", lang, key), f"unknown label '{key}' (expected one of: {', '.join(LABEL_KEYS)})")
            elif not isinstance(label, str) or not label.strip():
                check.fail(("labels", lang, key), f"label '{key}' for '{lang}' must be non-empty text")
            else:
                lang_labels[key] = label
        labels[lang] = lang_labels
    for lang in data or {}:
        if lang not in languages:
            check.fail(
                ("labels", lang), f"labels for '{lang}', which is not one of the languages ({', '.join(languages)})"
            )
    return labels


def _parties(value: Any, languages: list[str], check: _Checker) -> list[Party]:
    parties: list[Party] = []
    seen: set[str] = set()
    for path, entry in check.entries(value, ("parties",), "parties", "a party", ("id", "names", "organs")):
        party_id = check.text(entry, "id", path)
        if party_id is None:
            continue
        if party_id.lower() in seen:
            check.fail((*path, "id"), f"duplicate party id '{party_id}'")
        seen.add(party_id.lower())
        names = check.lang_texts(entry.get("names", {}), (*path, "names"), "names", languages)
        organs: list[Organ] = []
        for o_path, o_entry in check.entries(
            entry.get("organs"), (*path, "organs"), "organs", "an organ", ("id", "names")
        ):
            organ_id = check.text(o_entry, "id", o_path)
            if organ_id is None:
                continue
            organs.append(
                Organ(organ_id, check.lang_texts(o_entry.get("names", {}), (*o_path, "names"), "names", languages))
            )
        parties.append(Party(party_id, names, organs))
    return parties


def _glossary(value: Any, languages: list[str], check: _Checker) -> list[GlossaryTerm]:
    """Term entries keyed by language code (``en: ..., fr: ...``), with variants, deprecated forms and a note."""
    terms: list[GlossaryTerm] = []
    allowed = (*languages, *GLOSSARY_FIELDS)
    for path, entry in check.entries(value, ("glossary",), "glossary", "a glossary entry", allowed):
        forms: dict[str, str] = {}
        for lang in languages:
            if lang in entry:
                text = check.text(entry, lang, path)
                if text is not None:
                    forms[lang] = text
        if not forms:
            if not any(k in entry for k in languages):
                check.fail(path, f"a glossary entry needs its term in at least one language ({', '.join(languages)})")
            continue
        variants = check.lang_texts(entry.get("variants", {}), (*path, "variants"), "variants", languages)
        deprecated = check.lang_texts(entry.get("deprecated", {}), (*path, "deprecated"), "deprecated forms", languages)
        terms.append(GlossaryTerm(forms, variants, str(entry.get("note") or ""), deprecated))
    return terms


def _instruments(value: Any, languages: list[str], check: _Checker) -> list[Instrument]:
    """Outside instruments the texts cite: each needs an id, a title, and names or a number."""
    instruments: list[Instrument] = []
    seen: set[str] = set()
    for path, entry in check.entries(value, ("instruments",), "instruments", "an instrument", INSTRUMENT_FIELDS):
        instrument_id = check.text(entry, "id", path)
        if instrument_id is None:
            continue
        if instrument_id in seen:
            check.fail((*path, "id"), f"duplicate instrument id '{instrument_id}'")
        seen.add(instrument_id)
        title = {
            k: v[0] for k, v in check.lang_texts(entry.get("title", {}), (*path, "title"), "title", languages).items()
        }
        names = (
            check.lang_texts(entry.get("names", {}), (*path, "names"), "names", languages) if "names" in entry else {}
        )
        number = check.text(entry, "number", path, required=False) if "number" in entry else None
        if not names and number is None:
            check.fail(path, f"instrument '{instrument_id}' needs 'names' or a resolution 'number'")
        instruments.append(Instrument(instrument_id, title, names, number))
    return instruments


DOC_INFO_FIELDS = ("key", "name", "default")
SOURCE_FIELDS = ("file", "lang", "symbol", "furniture")
GLOSSARY_FIELDS = ("variants", "deprecated", "note")
INSTRUMENT_FIELDS = ("id", "title", "names", "number")
META_FIELDS = (
    "symbol",
    "component",
    "title",
    "date",
    "session",
    "agenda_item",
    "plenary_meeting",
    "status",
    "source",
    "remarks",
)
DOC_FIELDS = ("doc", "lang", "meta", "preface", "preamble", "body", "conclusions", "footnotes")


def _load_version(path: Path, treaty: TreatySet, problems: list[Problem]) -> Version | None:
    from .yamlio import YamlFileError, read_yaml

    display = _display(path)
    try:
        data, text = read_yaml(path, display)
    except YamlFileError as exc:
        problems.append(exc.problem)
        return None
    check = _Checker(display, text, problems)
    if data is None:
        check.fail((), "file is empty")
        return None
    top = check.mapping(data, (), "a document file")
    if top is None:
        return None
    check.only(top, DOC_FIELDS, ())
    stem = path.name[: -len(".yaml")]
    doc = check.text(top, "doc", ())
    lang = check.text(top, "lang", ())
    if doc is None or lang is None:
        return None
    if stem != f"{doc}.{lang}":
        check.fail(("doc",), f"file name should be {doc}.{lang}.yaml for doc '{doc}' in '{lang}'")
    if doc not in treaty.doc_keys():
        check.fail(("doc",), f"unknown document '{doc}' (treaty.yaml declares: {', '.join(treaty.doc_keys())})")
        return None
    if lang not in treaty.languages:
        check.fail(("lang",), f"unknown language code '{lang}' (the treaty set has: {', '.join(treaty.languages)})")
        return None
    meta = _meta(top.get("meta"), treaty, check)
    preface = []
    for index, line in enumerate(check.seq(top.get("preface"), ("preface",), "preface")):
        if isinstance(line, (str, int, float)) and str(line).strip():
            preface.append(str(line).strip())
        else:
            check.fail(("preface", index), "a preface line must be non-empty text")
    builder = _UnitBuilder(check)
    builder.preamble(top.get("preamble"))
    builder.body(top.get("body"))
    builder.conclusions(top.get("conclusions"))
    if not builder.units:
        check.fail(("body",), "the document has no text (no preamble, body or conclusions)")
    footnotes = _footnotes(top.get("footnotes"), {u.eid for u in builder.units}, check)
    return Version(doc, lang, display, meta, preface, builder.units, footnotes)


def _meta(value: Any, treaty: TreatySet, check: _Checker) -> dict[str, Any]:
    meta = check.mapping(value, ("meta",), "meta")
    if meta is None:
        return {}
    check.only(meta, META_FIELDS, ("meta",))
    for key in ("title", "source"):
        check.text(meta, key, ("meta",))
    for key in ("symbol", "status"):  # many texts have no UN symbol, and a status may be unknown
        if meta.get(key) is not None:
            check.text(meta, key, ("meta",))
    if meta.get("status") is not None and meta.get("status") not in STATUSES:
        check.fail(("meta", "status"), f"status '{meta['status']}' is not one of: {', '.join(STATUSES)}")
    date = meta.get("date")
    if date is not None and not isinstance(date, _dt.date):
        check.fail(("meta", "date"), f"date must be YYYY-MM-DD or null, not {date!r}")
    for key in ("session", "plenary_meeting"):
        if meta.get(key) is not None and (not isinstance(meta[key], int) or isinstance(meta[key], bool)):
            check.fail(("meta", key), f"field '{key}' must be a whole number or null")
    for key in ("component", "agenda_item", "remarks"):
        if meta.get(key) is not None and not isinstance(meta[key], (str, int)):
            check.fail(("meta", key), f"field '{key}' must be text")
    source = meta.get("source")
    if isinstance(source, str) and source not in {s.file for s in treaty.sources}:
        check.fail(("meta", "source"), f"source '{source}' is not listed in treaty.yaml's sources")
    result = dict(meta)
    if isinstance(date, _dt.date):
        result["date"] = date.isoformat()
    return result


class _UnitBuilder:
    """Turns the nested YAML of a document into a flat list of units with eIds."""

    def __init__(self, check: _Checker) -> None:
        self.check = check
        self.units: list[Unit] = []
        self.eids: set[str] = set()

    def add(
        self,
        path: tuple[Any, ...],
        eid: str,
        ref: str,
        kind: str,
        num: str | None,
        text: str,
        heading: str | None = None,
    ) -> None:
        line = 0
        if eid in self.eids:
            line = self.check.lines.line(path)
            self.check.fail(path, f"duplicate id '{eid}' (a number is used twice)")
        self.eids.add(eid)
        self.units.append(Unit(eid, ref, kind, num, text, heading, line))

    def _one_key(self, item: Any, path: tuple[Any, ...], kinds: tuple[str, ...]) -> tuple[str, str] | None:
        entry = self.check.mapping(item, path, "an entry")
        if entry is None:
            return None
        if len(entry) != 1 or next(iter(entry)) not in kinds:
            self.check.fail(path, f"expected one of: {', '.join(k + ': TEXT' for k in kinds)}")
            return None
        kind = next(iter(entry))
        text = self.check.text(entry, kind, path)
        return (kind, text) if text is not None else None

    def preamble(self, value: Any) -> None:
        formulas = recitals = 0
        for index, item in enumerate(self.check.seq(value, ("preamble",), "preamble")):
            found = self._one_key(item, ("preamble", index), ("formula", "recital"))
            if found is None:
                continue
            kind, text = found
            if kind == "formula":
                formulas += 1
                self.add(("preamble", index), eids.preamble_formula(formulas), "preamble", kind, None, text)
            else:
                recitals += 1
                self.add(("preamble", index), eids.recital(recitals), f"preamble.{recitals}", kind, str(recitals), text)

    def body(self, value: Any) -> None:
        for index, item in enumerate(self.check.seq(value, ("body",), "body")):
            path = ("body", index)
            entry = self.check.mapping(item, path, "a body entry")
            if entry is None:
                continue
            if "article" in entry:
                self.article(entry, path)
            elif "paragraph" in entry:
                self.check.only(entry, ("paragraph", "text", "intro", "points", "wrapup"), path)
                num = self._number(entry, "paragraph", path)
                if num is not None:
                    self.paragraph(entry, path, eids.paragraph(num), num, num)
            else:
                self.check.fail(path, "a body entry needs 'article: N' or 'paragraph: N'")

    def _number(self, entry: dict[str, Any], key: str, path: tuple[Any, ...]) -> str | None:
        num = self.check.text(entry, key, path)
        if num is not None and not NUMBER.match(num):
            self.check.fail((*path, key), f"'{num}' is not a plain number (write 5, not 'Article 5' or '5.')")
            return None
        return num

    def article(self, entry: dict[str, Any], path: tuple[Any, ...]) -> None:
        self.check.only(entry, ("article", "heading", "text", "paragraphs"), path)
        num = self._number(entry, "article", path)
        if num is None:
            return
        heading = self.check.text(entry, "heading", path, required=False)
        eid = eids.article(num)
        has_text, has_paras = "text" in entry, "paragraphs" in entry
        if has_text == has_paras:
            self.check.fail(
                path, f"article {num} needs either 'text' or 'paragraphs', not {'both' if has_text else 'neither'}"
            )
        own = self.check.text(entry, "text", path) if has_text else ""
        self.add(path, eid, num, "article", num, own or "", heading)
        seen: set[str] = set()
        for p_index, para in enumerate(self.check.seq(entry.get("paragraphs"), (*path, "paragraphs"), "paragraphs")):
            p_path = (*path, "paragraphs", p_index)
            p_entry = self.check.mapping(para, p_path, "a paragraph")
            if p_entry is None:
                continue
            self.check.only(p_entry, ("num", "text", "intro", "points", "wrapup"), p_path)
            p_num = self._number(p_entry, "num", p_path)
            if p_num is None:
                continue
            seen.add(p_num)
            self.paragraph(p_entry, p_path, eids.paragraph(p_num, num), p_num, f"{num}.{p_num}")

    def paragraph(self, entry: dict[str, Any], path: tuple[Any, ...], eid: str, num: str, ref: str) -> None:
        if "text" in entry:
            if any(k in entry for k in ("intro", "points", "wrapup")):
                self.check.fail(path, "a paragraph has either 'text' or 'intro' and 'points', not both")
            text = self.check.text(entry, "text", path)
            if text is not None:
                self.add(path, eid, ref, "paragraph", num, text)
            return
        if "points" not in entry:
            self.check.fail(path, "a paragraph needs 'text', or 'intro' and 'points'")
            return
        intro = self.check.text(entry, "intro", path, required=False)
        if intro is not None:
            self.add((*path, "intro"), eids.intro(eid), ref, "intro", num, intro)
        points = self.check.seq(entry.get("points"), (*path, "points"), "points")
        if not points:
            self.check.fail((*path, "points"), "a list needs at least one point")
        for index, point in enumerate(points):
            p_path = (*path, "points", index)
            p_entry = self.check.mapping(point, p_path, "a point")
            if p_entry is None:
                continue
            self.check.only(p_entry, ("num", "text"), p_path)
            p_num = self.check.text(p_entry, "num", p_path)
            text = self.check.text(p_entry, "text", p_path)
            if p_num is None or text is None:
                continue
            if not POINT_NUM.match(p_num):
                self.check.fail((*p_path, "num"), f"point number '{p_num}' should be a bare letter or number, like a")
                continue
            self.add(p_path, eids.point(eid, p_num), f"{ref}({p_num})", "point", p_num, text)
        wrapup = self.check.text(entry, "wrapup", path, required=False)
        if wrapup is not None:
            self.add((*path, "wrapup"), eids.wrapup(eid), ref, "wrapup", num, wrapup)

    def conclusions(self, value: Any) -> None:
        counters: dict[str, int] = {}
        for index, item in enumerate(self.check.seq(value, ("conclusions",), "conclusions")):
            path = ("conclusions", index)
            entry = self.check.mapping(item, path, "a conclusions entry")
            if entry is None:
                continue
            if len(entry) == 1 and "signature" in entry:
                sig = self.check.mapping(entry["signature"], (*path, "signature"), "a signature")
                if sig is None:
                    continue
                self.check.only(sig, ("party", "name", "role"), (*path, "signature"))
                parts = [
                    self.check.text(sig, k, (*path, "signature"), required=k == "name")
                    for k in ("party", "name", "role")
                ]
                text = "\n".join(p for p in parts if p)
                counters["signature"] = counters.get("signature", 0) + 1
                self.add(
                    path, eids.conclusion("signature", counters["signature"]), "conclusions", "signature", None, text
                )
                continue
            found = self._one_key(item, path, ("formula", "p", "signature"))
            if found is None:
                continue
            kind, text = found
            counters[kind] = counters.get(kind, 0) + 1
            self.add(path, eids.conclusion(kind, counters[kind]), "conclusions", kind, None, text)


def _footnotes(value: Any, eids: set[str], check: _Checker) -> list[Footnote]:
    notes: list[Footnote] = []
    for path, entry in check.entries(value, ("footnotes",), "footnotes", "a footnote", ("marker", "at", "text")):
        marker = check.text(entry, "marker", path)
        at = check.text(entry, "at", path)
        text = check.text(entry, "text", path)
        if marker is None or at is None or text is None:
            continue
        if at not in eids:
            check.fail((*path, "at"), f"footnote {marker} is attached to '{at}', which is not a unit of this document")
        notes.append(Footnote(marker, at, text))
    return notes


def source_notes(root: Path) -> list[str]:
    """:func:`missing_sources` for every treaty set under ``root`` that loads."""
    notes: list[str] = []
    for folder in treaty_folders(root) if root.exists() else []:
        treaty, _ = load_treaty(folder)
        if treaty is not None:
            notes.extend(missing_sources(treaty))
    return notes


def missing_sources(treaty: TreatySet) -> list[str]:
    """Notes (not problems) for the published texts a set names but its folder does not hold."""
    folder = sources_folder(Path(treaty.path))
    return [
        f"note: source '{source.file}' is not in {folder} (the set works without it;"
        " only comparing the corpus with its published text needs it)"
        for source in treaty.sources
        if not (folder / source.file).is_file()
    ]


def article_label(treaty: TreatySet, lang: str, num: str) -> str:
    """``Article 5`` / ``第五条``, from the treaty set's labels."""
    template = treaty.labels.get(lang, {}).get("article") or default_labels(lang)["article"]
    return format_label(template, lang, num)
