"""``unagree import``: a treaty set in the corpus format from the published plain texts of UN documents.

:func:`import_texts` reads each file (language detected from script and wording), drops page furniture,
joins wrapped lines, walks the grammar of :mod:`.parse`, aligns the languages by their numbering and drafts
``treaty.yaml`` from the titles and built-in tables; :func:`write` puts the set on disk and validates it.
No typer, no rich.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import UsageFailure
from .detect import detect_language
from .layout import read
from .parse import Draft, parse_file
from .rules import LANGS, OTHER_ORGANS, RULES, SUBJECT_KEYS, UN_NAME, UN_ORGANS, UNITED_NATIONS

__all__ = ["ImportResult", "SourceReport", "import_texts", "write"]

# How each language names the kinds of document the importer recognises: treaty.yaml's document names.
DOC_NAMES: dict[str, dict[str, str]] = {
    "resolution": {
        "en": "resolution",
        "fr": "résolution",
        "es": "resolución",
        "ru": "резолюция",
        "ar": "قرار",
        "zh": "决议",
    },
    "decision": {"en": "decision", "fr": "décision", "es": "decisión", "ru": "решение", "ar": "مقرر", "zh": "决定"},
    "agreement": {"en": "agreement", "fr": "accord", "es": "acuerdo", "ru": "соглашение", "ar": "اتفاق", "zh": "协定"},
    "note": {
        "en": "note by the Secretary-General",
        "fr": "note du Secrétaire général",
        "es": "nota del Secretario General",
        "ru": "записка Генерального секретаря",
        "ar": "مذكرة من الأمين العام",
        "zh": "秘书长的说明",
    },
    "letter": {"en": "letter", "fr": "lettre", "es": "carta", "ru": "письмо", "ar": "رسالة", "zh": "信"},
    "report": {"en": "report", "fr": "rapport", "es": "informe", "ru": "доклад", "ar": "تقرير", "zh": "报告"},
    "convention": {
        "en": "convention",
        "fr": "convention",
        "es": "convención",
        "ru": "конвенция",
        "ar": "اتفاقية",
        "zh": "公约",
    },
    "protocol": {
        "en": "protocol",
        "fr": "protocole",
        "es": "protocolo",
        "ru": "протокол",
        "ar": "بروتوكول",
        "zh": "议定书",
    },
    "memorandum": {
        "en": "memorandum of understanding",
        "fr": "mémorandum d’accord",
        "es": "memorando de entendimiento",
        "ru": "меморандум о взаимопонимании",
        "ar": "مذكرة تفاهم",
        "zh": "谅解备忘录",
    },
}


@dataclass
class SourceReport:
    """One published file as the importer read it."""

    file: str
    lang: str
    how: str  # how the language was told
    layout: str
    symbol: str | None
    documents: list[str]
    dropped: int  # furniture lines dropped
    footnotes: int


@dataclass
class ImportResult:
    """What an import found and (unless a dry run) wrote."""

    set_name: str
    folder: str
    sources: list[SourceReport]
    drafts: list[Draft]
    treaty: dict[str, Any]
    review: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "set": self.set_name,
            "folder": self.folder,
            "dry_run": self.dry_run,
            "sources": [vars(s) for s in self.sources],
            "treaty": _plain(self.treaty),
            "documents": [_plain(d.data()) for d in self.drafts],
            "review": self.review,
            "written": self.written,
            "problems": self.problems,
        }


def _plain(value: Any) -> Any:
    """JSON-ready: dates as ISO text."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def import_texts(files: list[Path], into: Path, set_name: str | None = None, lang: str | None = None) -> ImportResult:
    """Parse ``files`` (one agreement, any of the six languages) into a draft treaty set; nothing is written."""
    if lang is not None and lang not in RULES:
        raise UsageFailure(f"unknown language '{lang}'", f"use one of: {', '.join(LANGS)}")
    reports: list[SourceReport] = []
    drafts: list[Draft] = []
    review: list[str] = []
    names_seen: set[str] = set()
    for path in files:
        text = _read(path)
        if path.name in names_seen:
            raise UsageFailure(f"{path}: a second file named {path.name}")
        names_seen.add(path.name)
        code, how = (lang, "--lang") if lang else detect_language(text)
        if code is None:
            raise UsageFailure(f"{path}: cannot tell the language ({how})", "give it with --lang")
        hinted = re.search(r"\.([a-z]{2})\.txt$", path.name)
        if hinted and hinted.group(1) in RULES and hinted.group(1) != code:
            review.append(f"{path.name}: read as '{code}' ({how}) although its name says '{hinted.group(1)}'")
        rules = RULES[code]
        layout = read(text, rules)
        found, file_review = parse_file(layout, rules, path.name)
        if not found:
            raise UsageFailure(f"{path}: no text found after dropping page furniture")
        symbol = layout.symbol or _symbol_from_name(path.name)
        if symbol and not layout.symbol:
            review.append(f"{path.name}: symbol {symbol} taken from the file name (the text does not state it)")
        for draft in found:
            draft.meta["symbol"] = symbol
            if not draft.meta.get("title"):
                draft.meta["title"] = DOC_NAMES.get(draft.key.split("-")[0], {}).get(code, draft.key)
                draft.review.append(f"no title found: meta.title is '{draft.meta['title']}'; give the real one")
        review.extend(f"{path.name}: {item}" for item in file_review)
        review.append(f"{path.name}: language '{code}' ({how}); {len(layout.dropped)} furniture lines dropped")
        reports.append(
            SourceReport(
                path.name,
                code,
                how,
                layout.mode,
                symbol,
                [f"{d.key}.{d.lang}" for d in found],
                len(layout.dropped),
                len(layout.notes),
            )
        )
        for draft in found:
            if any(d.key == draft.key and d.lang == draft.lang for d in drafts):
                review.append(f"{path.name}: a second '{draft.key}' in '{draft.lang}' was left out")
                continue
            drafts.append(draft)
    name = set_name or _slug(files[0].name)
    if set_name is None:
        review.append(f"set name '{name}' from the first file's name (give --set to choose)")
    treaty = draft_treaty(name, drafts, [r.lang for r in reports], [(r.file, r.lang, r.symbol) for r in reports])
    review.extend(_alignment(drafts))
    for draft in drafts:
        review.extend(f"{draft.key}.{draft.lang}: {item}" for item in draft.review)
        for key in ("date", "session", "agenda_item", "title"):
            if draft.meta.get(key) is None:
                review.append(f"{draft.key}.{draft.lang}: meta.{key} is not stated in the text: null")
    return ImportResult(name, str(into / name), reports, drafts, treaty, review)


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except (OSError, ValueError) as exc:  # ValueError: a name with a NUL byte
        raise UsageFailure(f"{path!s}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UsageFailure(f"{path}: not UTF-8 text (byte {exc.start})", "save the plain text as UTF-8") from None


def _symbol_from_name(name: str) -> str | None:
    stem = re.sub(r"(?:\.[a-z]{2})?\.txt$", "", name)
    if re.fullmatch(r"[A-Z]{1,6}(?:-[A-Z0-9.]+){1,6}", stem):
        return stem.replace("-", "/")
    return None


def _slug(name: str) -> str:
    stem = re.sub(r"(?:\.[a-z]{2})?\.txt$", "", name)
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "imported"


def _alignment(drafts: list[Draft]) -> list[str]:
    """Units one language has and another lacks: where the numbering does not align."""
    out: list[str] = []
    keys = list(dict.fromkeys(d.key for d in drafts))
    for key in keys:
        versions = [d for d in drafts if d.key == key]
        if len(versions) < 2:
            continue
        eid_sets = {d.lang: {e for e in d.texts() if "#" not in e} for d in versions}
        union = set().union(*eid_sets.values())
        for lang, have in eid_sets.items():
            missing = sorted(union - have)
            if missing:
                shown = ", ".join(missing[:6]) + (f" and {len(missing) - 6} more" if len(missing) > 6 else "")
                out.append(f"{key}: '{lang}' lacks {shown}, which another language has: check the numbering")
    return out


def draft_treaty(
    name: str, drafts: list[Draft], languages: list[str], sources: list[tuple[str, str, str | None]]
) -> dict[str, Any]:
    """``treaty.yaml``'s content drafted from the documents: parties from titles, organs from tables and texts."""
    langs = list(dict.fromkeys(languages))
    keys = list(dict.fromkeys(d.key for d in drafts))
    main_key = next((k for k in keys if k.split("-")[0] in SUBJECT_KEYS), keys[0] if keys else "document")
    title: dict[str, str] = {}
    for lang in langs:
        chosen = next((d for d in drafts if d.key == main_key and d.lang == lang and d.meta.get("title")), None)
        chosen = chosen or next((d for d in drafts if d.lang == lang and d.meta.get("title")), None)
        if chosen:
            main = str(chosen.meta["title"])
            # "... Agreement" where the main title is "... Agreement (draft)": the work's title, not the version's
            shorter = [
                str(d.meta["title"])
                for d in drafts
                if d.lang == lang and d.meta.get("title") and str(d.meta["title"]) in main
            ]
            title[lang] = min((t for t in shorter if len(t) >= 0.6 * len(main)), key=len, default=main)
    documents = []
    for key in keys:
        base = key.split("-")[0]
        names = {
            lang: DOC_NAMES.get(base, {}).get(lang, key)
            for lang in langs
            if any(d.key == key and d.lang == lang for d in drafts)
        }
        entry: dict[str, Any] = {"key": key, "name": names}
        if key == main_key:
            entry["default"] = True
        documents.append(entry)
    parties = _draft_parties(drafts, langs)
    glossary = [{**{lang: names[0] for lang, names in p["names"].items()}} for p in parties if len(p["names"]) >= 1]
    treaty: dict[str, Any] = {
        "id": name,
        "title": title,
        "languages": langs,
        "documents": documents,
        "sources": [{"file": f, "lang": lang, **({"symbol": s} if s else {})} for f, lang, s in sources],
        "parties": parties,
        "glossary": [g for g in glossary if g],
    }
    return treaty


def _draft_parties(drafts: list[Draft], langs: list[str]) -> list[dict[str, Any]]:
    """The parties a title names ("between A and B"), matched across languages by their position."""
    by_lang: dict[str, list[str]] = {}
    for draft in drafts:
        if draft.parties and draft.lang not in by_lang:
            by_lang[draft.lang] = draft.parties
    if not by_lang:
        return []
    count = max(len(p) for p in by_lang.values())
    text = {lang: " ".join(" ".join(map(str, d.texts().values())) for d in drafts if d.lang == lang) for lang in langs}
    parties: list[dict[str, Any]] = []
    for index in range(count):
        names = {lang: [found[index]] for lang, found in by_lang.items() if index < len(found)}
        is_un = any(UNITED_NATIONS.get(lang) == n[0] or UN_NAME.search(n[0]) for lang, n in names.items())
        if is_un:
            ident = "UN"
        elif "en" in names:
            initials = "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", names["en"][0]))
            ident = initials if len(initials) >= 2 else names["en"][0]
        else:
            ident = f"party-{index + 1}"
        table = UN_ORGANS if is_un else OTHER_ORGANS
        # an organization's own organs are looked for where the UN's are not (Council, not Security Council)
        seen = {lang: text.get(lang, "") if is_un else _without(text.get(lang, ""), lang) for lang in langs}
        organs = []
        for organ_id, organ_names in table:
            present = {
                lang: names_
                for lang, names_ in organ_names.items()
                if lang in langs and any(n in seen[lang] for n in names_)
            }
            if present:
                organs.append({"id": organ_id, "names": present})
        if any(p["id"].lower() == ident.lower() for p in parties):
            ident = f"{ident}-{index + 1}"
        party: dict[str, Any] = {"id": ident, "names": names}
        if organs:
            party["organs"] = organs
        parties.append(party)
    return parties


def _without(text: str, lang: str) -> str:
    """``text`` with the names of the UN's organs blanked out."""
    for _, names in UN_ORGANS:
        for name in sorted(names.get(lang, []), key=len, reverse=True):
            text = text.replace(name, " ")
    return text


def write(result: ImportResult, sources: list[Path], force: bool = False) -> None:
    """Write the set and copy its sources; never overwrite without ``force``; validate what was written."""
    import shutil

    from ..corpus import load_treaty
    from .yamlout import dump

    folder = Path(result.folder)
    root = folder.parent
    source_dir = root / "sources"
    targets = [folder / "treaty.yaml", *(folder / f"{d.key}.{d.lang}.yaml" for d in result.drafts)]
    copies = [(path, source_dir / path.name) for path in sources]
    if not force:
        existing = [str(t) for t in targets if t.exists()]
        existing += [str(dest) for src, dest in copies if dest.exists() and dest.read_bytes() != src.read_bytes()]
        if folder.is_dir() and any(folder.glob("*.yaml")) and not existing:
            existing.append(str(folder))
        if existing:
            raise UsageFailure(f"{existing[0]} exists; not overwritten", "give --force to replace it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        source_dir.mkdir(parents=True, exist_ok=True)
        if force:
            for old in folder.glob("*.yaml"):
                old.unlink()
        for src, dest in copies:
            if not dest.exists() or dest.read_bytes() != src.read_bytes():
                shutil.copyfile(src, dest)
            result.written.append(str(dest))
        header = "# Drafted by 'unagree import' from the published text; check the review list before relying on it.\n"
        (folder / "treaty.yaml").write_text(header + dump(result.treaty), encoding="utf-8")
        result.written.append(str(folder / "treaty.yaml"))
        for draft in result.drafts:
            path = folder / f"{draft.key}.{draft.lang}.yaml"
            path.write_text(
                f"# Imported from {draft.source} (line {draft.line} on).\n" + dump(draft.data()), encoding="utf-8"
            )
            result.written.append(str(path))
    except (OSError, ValueError) as exc:
        where = getattr(exc, "filename", None) or folder
        raise UsageFailure(f"{where}: cannot write ({getattr(exc, 'strerror', None) or exc})") from None
    _, problems = load_treaty(folder)
    result.problems = [str(p) for p in problems]


def report_rows(result: ImportResult) -> list[dict[str, str]]:
    """The import told as rows: what each source was read as, what was (or would be) written, the review list."""
    rows: list[dict[str, str]] = []
    for source in result.sources:
        docs = ", ".join(source.documents)
        rows.append(
            {
                "part": "source",
                "text": f"{source.file}: {source.lang} ({source.how}); {source.layout} layout;"
                f" symbol {source.symbol or 'none'}; {_count(source.dropped, 'furniture line')} dropped;"
                f" {_count(source.footnotes, 'footnote')}; documents: {docs}",
            }
        )
    units = sum(len([e for e in d.texts() if "#" not in e]) for d in result.drafts)
    verb = "would write" if result.dry_run else "wrote"
    rows.append(
        {
            "part": "set",
            "text": f"{verb} treaty set '{result.set_name}' in {result.folder}: "
            f"{_count(len(result.drafts), 'document')}, {units} units",
        }
    )
    if not result.dry_run:
        verdict = "no problems" if not result.problems else _count(len(result.problems), "problem")
        rows.append({"part": "validation", "text": f"validation: {verdict}"})
        rows.extend({"part": "problem", "text": p} for p in result.problems)
    rows.extend({"part": "review", "text": item} for item in result.review)
    return rows


def report_lines(result: ImportResult) -> list[str]:
    """The rows as plain lines, the review list under its heading."""
    out: list[str] = []
    rows = report_rows(result)
    review = [row for row in rows if row["part"] == "review"]
    for row in rows:
        if row["part"] == "problem":
            out.append(f"  {row['text']}")
        elif row["part"] != "review":
            out.append(row["text"])
    out.append(f"review ({len(review)}): what was inferred and what a person should check")
    out.extend(f"  - {row['text']}" for row in review)
    return out


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run(
    files: list[Path],
    into: Path,
    set_name: str | None = None,
    lang: str | None = None,
    force: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Parse, and unless ``dry_run`` write and validate: what ``unagree import`` does."""
    if not files:
        raise UsageFailure("no files to import", "give the plain text of one or more UN documents")
    if set_name is not None and not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", set_name):
        raise UsageFailure(f"set name '{set_name}' must be lower-case letters, digits, '.', '_' or '-'")
    if "\0" in str(into):
        raise UsageFailure("--into: a folder name cannot hold a NUL character")
    from ..corpus import bundled_corpus

    if not dry_run and into.resolve() == bundled_corpus().resolve():
        raise UsageFailure(f"{into} is the corpus shipped with unagree; not written", "give --into another folder")
    if into.exists() and not into.is_dir():
        raise UsageFailure(f"{into}: not a folder", "--into names the corpus folder to write into")
    result = import_texts(files, into, set_name, lang)
    result.dry_run = dry_run
    if not dry_run:
        write(result, files, force)
    return result
