"""Translation-QA checks on aligned language versions, one module per check.

``review`` runs the chosen checks over a document (or the part a reference
selects) and returns every aligned pair with its findings. Each finding has a
check name, a severity and a message quoting both languages:

- ``error``: the versions say different things (a unit, number, date,
  reference or obligation differs); a reader of one version is misled.
- ``warning``: the content corresponds but the form is defective or
  inconsistent (a misspelt or non-glossary term, a word left untranslated,
  unpaired brackets, end punctuation); a translator should look.
- ``info``: worth knowing and not a defect of either text (a document with no
  counterpart, two versions at different stages).

Nothing here imports typer or rich.
"""

from __future__ import annotations

import importlib
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Any, TypeVar

from .. import store
from ..align import AlignError, Alignment, align, document_record
from ..cache import analyses_cached, cached_analysis, document_fingerprint
from ..highlight import FINDING, Span
from ..model import Record, TreatySet
from ..views.jsontext import dumps

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import (start-up time): see fastclass
    from ..fastclass import dataclass

T = TypeVar("T")

SEVERITIES = ("error", "warning", "info")
LANGUAGES = ("en", "zh")  # the languages the checks have knowledge of
LANGUAGE_NAMES = {"en": "English", "zh": "Chinese"}
# Checks that compare what any two languages share (structure, numbers, references, Latin words, brackets):
# they run on every pair; the others need a language's lexicon and report "not analysed for fr".
LANGUAGE_INDEPENDENT = ("missing", "numbers", "untranslated", "punctuation", "version")


class QAError(ValueError):
    """The checks cannot run as asked: an unknown check or an unsupported language."""


@dataclass(frozen=True)
class Finding:
    """One problem a check found in an aligned pair.

    ``spans`` holds, per language, the words behind the finding as offsets into
    that language's unit text (``record.text[lang]``; words of a heading are
    not given spans): what a view highlights.
    """

    check: str
    severity: str
    message: str
    spans: dict[str, list[Span]] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "message": self.message,
            "spans": {lang: [[s.start, s.end] for s in spans] for lang, spans in self.spans.items()},
        }


def spans_of(
    record: Record, found: dict[str, list[tuple[int, int]]], note: str = "", *, in_text: bool = False
) -> dict[str, list[Span]]:
    """Offsets found in :func:`text_of` (heading, newline, text) as spans of each language's unit text.

    Offsets that fall in the heading are dropped; the rest are shifted to the
    unit text. With ``in_text`` the offsets are already the unit text's.
    """
    out: dict[str, list[Span]] = {}
    for lang, pairs in found.items():
        heading = (record.heading or {}).get(lang, "")
        if not record.text.get(lang, ""):
            continue  # the text of the check was the heading alone
        shift = len(heading) + 1 if heading and not in_text else 0
        # spans of one kind and note sort and compare as their offsets do: those are sorted, as plain tuples
        kept = sorted({(start, end) for start, end in pairs if start >= shift and end > start})
        if kept:
            out[lang] = [Span(start - shift, end - shift, FINDING, note) for start, end in kept]
    return out


@dataclass
class Context:
    """What the checks of one document share: the treaty set, the alignment, a cache."""

    treaty: TreatySet
    alignment: Alignment
    cache: dict[str, Any] = field(default_factory=dict)

    @property
    def langs(self) -> tuple[str, str]:
        return self.alignment.langs

    def name(self, lang: str) -> str:
        """A language's English name for messages: ``English``, ``Chinese``."""
        return LANGUAGE_NAMES.get(lang, lang)

    def once(self, key: str, make: Callable[..., T], *args: Any) -> T:
        """``make(*args)``, called the first time ``key`` is asked for and kept for the document (the checks'
        per-document tables: grammars, lexicons, glossary plans, the length ratio). Asked at every unit: the
        arguments are passed, not closed over, so that asking makes no function."""
        cache = self.cache
        if key not in cache:
            cache[key] = make(*args)
        made: T = cache[key]
        return made

    def pair(self, record: Record) -> tuple[str, str] | None:
        """:func:`both` for ``record`` in the context's languages.

        While :func:`all_findings` runs the checks of a unit, the pair is read once for all of them
        (kept under :data:`_UNIT`); otherwise it is read afresh.
        """
        kept = self.cache.get(_UNIT)
        if kept is not None and kept[0] is record:
            texts: tuple[str, str] | None = kept[1]
            return texts
        return both(record, self.alignment.langs)


_UNIT = "qa.unit"
"""The cache key of the unit whose checks run now and its pair of texts (see :meth:`Context.pair`)."""

UnitCheck = Callable[[Context, Record], list[Finding]]
DocumentCheck = Callable[[Context], list[Finding]]


@dataclass(frozen=True)
class Check:
    """A named check: what it looks at, per pair and/or once per document.

    A unit check reads its record, the treaty set's own data (title, parties, glossary,
    labels: everything but the documents' texts), the pair of languages, and nothing else of
    the document unless it declares so: ``unit_context`` then gives, as text, every value it
    reads from the rest of the document (``sentences``: the document's length ratio). After an
    edit, the findings of a unit whose record, set data and declared values are unchanged are
    kept (:func:`all_findings`); tests compare that with running every check again.
    """

    name: str
    summary: str
    unit: UnitCheck | None = None
    document: DocumentCheck | None = None
    languages: tuple[str, ...] = ()
    """The languages the check has knowledge of (default :data:`LANGUAGES`); a check named in
    :data:`LANGUAGE_INDEPENDENT` runs on any pair."""
    unit_context: Callable[[Context], str] | None = None

    def unknown(self, langs: Sequence[str]) -> list[str]:
        """Of ``langs``, those this check cannot read."""
        if self.name in LANGUAGE_INDEPENDENT:
            return []
        return [lang for lang in langs if lang not in (self.languages or LANGUAGES)]


@dataclass
class Reviewed:
    """An aligned pair (or a whole document) and the findings under it."""

    record: Record
    findings: list[Finding]

    def to_dict(self) -> dict[str, Any]:
        return self.as_record().to_dict()

    def as_record(self) -> Record:
        """The unit record with ``findings`` added: what ``unagree diff`` prints."""
        record = self.record
        extra = {**record.extra, "findings": [f.to_dict() for f in self.findings]}
        # the fields of the record as they are, ``extra`` new (what dataclasses.replace gives, without reading
        # the class's fields again for each of 80,000 units)
        copy: Record = object.__new__(type(record))
        copy.__dict__.update(record.__dict__)
        copy.extra = extra
        return copy


CATALOGUE: tuple[tuple[str, str, bool, bool, tuple[str, ...], bool], ...] = (
    # name (its module), what it finds, per unit, per document, the languages it reads (() = LANGUAGES),
    # whether its unit check reads values of the whole document (its module's ``unit_context`` gives them);
    # in report order
    ("missing", "a unit, heading or list item present in one language only", True, True, (), True),
    ("sentences", "a sentence omitted or added: no counterpart by length (Gale-Church)", True, False, (), True),
    ("numbers", "numbers, dates, document symbols and article references that differ", True, False, (), False),
    (
        "crossrefs",
        "references to articles, paragraphs and points that differ between the languages",
        True,
        False,
        ("en", "zh", "fr", "es", "ru", "ar"),
        False,
    ),
    (
        "terminology",
        "glossary terms without their counterpart, deprecated forms and likely misspellings",
        True,
        False,
        (),
        False,
    ),
    (
        "modality",
        "the deontic modality (shall, may, shall not) differs between the languages",
        True,
        False,
        (),
        False,
    ),
    ("negation", "a negation (not, no, without; 不, 未, 无) in one language only", True, False, (), False),
    ("parties", "a party named where the other language names another (swapped parties)", True, False, (), False),
    ("doubled", "a word or phrase written twice in a row in one language only", True, False, (), False),
    (
        "untranslated",
        "Latin-script words left in the Chinese (symbols and glossary names allowed)",
        True,
        False,
        (),
        False,
    ),
    (
        "punctuation",
        "unpaired brackets and quotes, end punctuation that does not correspond",
        True,
        False,
        (),
        False,
    ),
    (
        "version",
        "the two texts are different versions: a draft and an adopted text, different titles",
        False,
        True,
        (),
        False,
    ),
)
"""Every check: a row of data, its code in the module of its name (``check_unit``, ``check_document``,
``unit_context``)."""


class Deferred:
    """A check's function, imported from its module when first called.

    A ``diff`` served from the analysis cache lists the checks without running them, and so
    imports none of their modules (nor the obligations grammar some of them read).
    """

    __slots__ = ("_function", "function", "module")

    def __init__(self, module: str, function: str) -> None:
        self.module = module
        self.function = function
        self._function: Callable[..., Any] | None = None

    def __call__(self, *args: Any) -> Any:
        return self.resolved()(*args)

    def resolved(self) -> Callable[..., Any]:
        """The function itself, imported now if it was not yet."""
        if self._function is None:
            self._function = getattr(importlib.import_module(f"{__name__}.{self.module}"), self.function)
        return self._function


_CHECKS: list[Check] = []


def all_checks() -> list[Check]:
    """Every check, in report order (the same objects on every call)."""
    if not _CHECKS:
        _CHECKS.extend(
            Check(
                name,
                summary,
                Deferred(name, "check_unit") if unit else None,
                Deferred(name, "check_document") if document else None,
                languages,
                Deferred(name, "unit_context") if reads_document else None,
            )
            for name, summary, unit, document, languages, reads_document in CATALOGUE
        )
    return list(_CHECKS)


def check_names() -> list[str]:
    return [c.name for c in all_checks()]


def select_checks(names: list[str] | None) -> list[Check]:
    """The checks named (``["numbers", "terminology"]`` or ``["numbers,terminology"]``); all when none."""
    checks = all_checks()
    if not names:
        return checks
    wanted = [n.strip().lower() for name in names for n in name.split(",") if n.strip()]
    known = {c.name for c in checks}
    unknown = [n for n in wanted if n not in known]
    if unknown or not wanted:
        named = ", ".join(unknown) or " ".join(names)
        raise QAError(f"unknown check '{named}'; the checks are: {', '.join(c.name for c in checks)}")
    return [c for c in checks if c.name in wanted]


def review(treaty: TreatySet, doc: str, checks: list[Check], records: list[Record] | None = None) -> list[Reviewed]:
    """Run ``checks`` over ``doc``: a document-level entry, then every aligned pair.

    ``records`` limits the pairs to part of the document (what a reference
    selected); document-level findings are then left out unless the document
    exists in one language only, when that single entry is all there is.

    With the analysis cache on (:mod:`unagree_cli.cache`), the shipped checks
    run once over the whole document and their findings are kept; a part of
    it or a choice of checks is cut from them.
    """
    try:
        alignment = align(treaty, doc)
    except AlignError as exc:
        raise QAError(str(exc)) from None
    unsupported = [lang for lang in alignment.langs if lang not in LANGUAGES]
    # a check that cannot read a language of the pair is not run on it, and says so
    skipped = [c for c in checks if c.unknown(alignment.langs)]
    checks = [c for c in checks if not c.unknown(alignment.langs)]
    context = Context(treaty, alignment)
    known = all_checks()
    cacheable = not unsupported and analyses_cached(treaty) and all(c in known for c in checks)
    stored = _stored_findings(context, known) if cacheable else None

    def document_findings(check: Check) -> list[Finding]:
        if stored is not None:
            return stored.document.get(check.name, [])
        return check.document(context) if check.document else []

    def unit_findings(check: Check, record: Record) -> list[Finding]:
        if stored is not None:
            return stored.units.get(record.eid, {}).get(check.name, [])
        return check.unit(context, record) if check.unit else []

    whole = records is None
    out: list[Reviewed] = []
    if whole or alignment.one_sided:
        doc_findings = [f for c in checks if c.document for f in document_findings(c)]
        doc_findings += [
            Finding(
                c.name,
                "info",
                f"not analysed for {', '.join(c.unknown(alignment.langs))}"
                f" (the check knows {', '.join(c.languages or LANGUAGES)})",
            )
            for c in skipped
        ]
        if doc_findings or alignment.one_sided:
            out.append(Reviewed(document_record(alignment), doc_findings))
    if alignment.one_sided:
        return out  # reported once for the whole document, not unit by unit
    wanted = {r.eid for r in records} if records is not None else None
    unit_checks = [c for c in checks if c.unit]
    stored_units = stored.units if stored is not None else None
    for record in alignment.records:
        if wanted is not None and record.eid not in wanted:
            continue
        if stored_units is not None:  # kept findings: only the units that have some are there (most have none)
            kept = stored_units.get(record.eid)
            found = [f for c in unit_checks for f in kept.get(c.name, ())] if kept else []
        else:
            found = [f for c in unit_checks for f in unit_findings(c, record)]
        if skipped and not whole and not out:  # a part of the document: say it once, on its first unit
            found += [
                Finding(c.name, "info", f"not analysed for {', '.join(c.unknown(alignment.langs))}") for c in skipped
            ]
        out.append(Reviewed(record, found))
    return out


@dataclass
class Findings:
    """Every check's findings on one document, by check name: for the whole document, and per unit (by eId).

    ``inputs`` and ``contexts`` tell what the unit findings were computed from (one line
    ``eId<TAB>digest`` a unit, a digest of its record; per check, a digest of the set data and
    document values it reads): after an edit, :func:`all_findings` keeps what they show unchanged.
    """

    document: dict[str, list[Finding]] = field(default_factory=dict)
    units: dict[str, dict[str, list[Finding]]] = field(default_factory=dict)
    contexts: dict[str, str] = field(default_factory=dict)
    inputs: str = ""


def all_findings(context: Context, checks: list[Check], previous: Findings | None = None) -> Findings:
    """Run ``checks`` over the whole document of ``context``: its document-level checks, then every aligned pair.

    With ``previous`` (this code's findings on an earlier text of the same document), a unit
    check is not run again on a unit whose record is unchanged when what the check reads
    beyond it is unchanged too (see :class:`Check`): its findings are taken from ``previous``.
    Document-level checks always run.
    """
    found = Findings()
    for check in checks:
        if check.document:
            found.document[check.name] = check.document(context)
    if context.alignment.one_sided:
        return found
    records = context.alignment.records
    # each check's function itself, looked up once rather than through its Deferred at every unit
    runs = [
        (check.name, check.unit.resolved() if isinstance(check.unit, Deferred) else check.unit)
        for check in checks
        if check.unit is not None
    ]
    eids = [record.eid for record in records]
    digests = [record_digest(record) for record in records]
    found.contexts = {check.name: check_context(context, check) for check in checks if check.unit is not None}
    found.inputs = "".join(f"{eid}\t{digest}\n" for eid, digest in zip(eids, digests, strict=True))
    before: dict[str, str] = {}
    kept: set[str] = set()
    if previous is not None:
        before = _inputs(previous, len(set(eids)) == len(eids))
        kept = {name for name, context_key in found.contexts.items() if previous.contexts.get(name) == context_key}
    langs = context.langs
    try:
        for record, digest in zip(records, digests, strict=True):
            old = None
            if previous is not None and before.get(record.eid) == digest:
                old = previous.units.get(record.eid, {})
            # the unit's pair of texts, read once for every check (Context.pair)
            context.cache[_UNIT] = (record, both(record, langs))
            units = {}
            for name, run in runs:
                got = old.get(name, []) if old is not None and name in kept else run(context, record)
                if got:
                    units[name] = got
            if units:  # only what was found is kept: 80,000 quiet units store nothing
                found.units[record.eid] = units
    finally:
        context.cache.pop(_UNIT, None)
    return found


def _inputs(previous: Findings | None, usable: bool) -> dict[str, str]:
    """The record digests of ``previous`` by eId (none when eIds repeat, now or then: nothing is kept then)."""
    if previous is None or not usable:
        return {}
    lines = previous.inputs.splitlines()
    pairs = dict(line.split("\t", 1) for line in lines if "\t" in line)
    return pairs if len(pairs) == len(lines) else {}


def record_digest(record: Record) -> str:
    """A digest of everything a record holds (its text, heading, address and extra data).

    Made from ``repr`` of its fields (text, ``None``, lists and mappings of them: an unambiguous
    writing, and about twice as fast as JSON on 80,000 units). A value whose ``repr`` is not the
    same from run to run (an object's address) only means its unit is checked again.
    """
    return store.key("record", repr(record.__dict__))


def check_context(context: Context, check: Check) -> str:
    """A digest of what ``check`` reads beyond a unit: the set's own data, the languages, its declared values."""
    declared = check.unit_context(context) if check.unit_context is not None else ""
    return store.key("qa.context", check.name, treaty_data(context), *context.langs, context.alignment.doc, declared)


def treaty_data(context: Context) -> str:
    """The set's own data as text (title, languages, labels, parties, glossary...: all but its documents)."""

    return context.once("qa.treaty-data", _treaty_data, context.treaty)


def _treaty_data(treaty: TreatySet) -> str:
    data = {name: value for name, value in treaty.__dict__.items() if name not in _DOCUMENT_FIELDS}
    return dumps(store.encode(data), compact=True)


_DOCUMENT_FIELDS = frozenset(("versions", "path", "fingerprint", "files"))
"""Fields of a treaty set that are not its own data: the documents' texts (read through the alignment), where it
is, and the hashes of its files."""


def _stored_findings(context: Context, checks: list[Check]) -> Findings:
    """:func:`all_findings`, kept in the cache for the document's content and the set's data (not the other
    documents': see :mod:`unagree_cli.cache`); after an edit, computed from the findings on the text before it
    where they still hold.

    Without cyclic garbage collection: what the checks make is freed by reference counts, and the
    collections their allocations triggered walked every object made so far again.
    """
    from ..collector import no_collection

    doc = context.alignment.doc
    with no_collection():
        return cached_analysis(
            context.treaty,
            f"qa.review/{doc}",
            lambda: all_findings(context, checks),
            Findings,
            update=lambda previous: all_findings(context, checks, previous),
            content=document_fingerprint(context.treaty, doc),
        )


@dataclass
class Report:
    """What ``unagree diff`` prints: the documents compared, their pairs and the checks run."""

    docs: list[str]
    items: list[Reviewed]
    checks: list[Check]

    @property
    def count(self) -> int:
        return sum(len(item.findings) for item in self.items)


def review_all(treaty: TreatySet, ref: str | None, doc: str | None, names: list[str] | None) -> Report:
    """Review what ``ref`` selects (in ``doc`` or its own document), else ``doc``, else every document.

    A reference to a whole document (``all``, ``resolution:``) includes its
    document-level findings; a reference to a part leaves them out.
    """
    checks = select_checks(names)
    if ref is None:
        docs = [doc] if doc else treaty.doc_keys()
        return Report(docs, [item for d in docs for item in review(treaty, d, checks)], checks)
    from ..refs import choose_doc, parse, resolve

    chosen = choose_doc(treaty, parse(ref).doc, doc)
    selection = resolve(treaty, ref, chosen, list(treaty.languages))
    records = None if selection.reference.start.section == "all" else selection.records
    return Report([chosen], review(treaty, chosen, checks, records), checks)


def summary(reviewed: list[Reviewed], checks: list[Check]) -> dict[str, Counter[str]]:
    """Findings per check and severity, every chosen check present (with zero if clean)."""
    counts: dict[str, Counter[str]] = {c.name: Counter() for c in checks}
    for item in reviewed:
        for finding in item.findings:
            counts.setdefault(finding.check, Counter())[finding.severity] += 1
    return counts


def text_of(record: Record, lang: str) -> str:
    """What the checks read of a unit in ``lang``: an article's heading and its own text."""
    heading = record.heading.get(lang, "") if record.heading else ""
    text = record.text.get(lang, "")
    return f"{heading}\n{text}" if heading and text else heading or text


def both(record: Record, langs: tuple[str, str]) -> tuple[str, str] | None:
    """The unit's text in both languages, or ``None`` when one side is missing or both empty."""
    first, second = langs
    texts = record.text
    a, b = texts.get(first), texts.get(second)
    if a is None or b is None:
        return None
    if record.heading:
        a, b = text_of(record, first), text_of(record, second)
    # a text with something but blanks in it (what ``a.strip()`` tells, without copying the text: every check
    # asks this of every unit)
    return (a, b) if (a and not a.isspace()) or (b and not b.isspace()) else None


def by_sentence(starts: list[int], sentences: Sequence[tuple[int, int]]) -> list[list[int]]:
    """For each sentence span, the indexes of ``starts`` (sorted) that fall in it: one pass, linear."""
    if len(sentences) == 1:  # (most units)
        low, high = sentences[0]
        return [[position for position, start in enumerate(starts) if low <= start < high]]
    out: list[list[int]] = [[] for _ in sentences]
    index = 0
    for position, start in enumerate(starts):
        while index < len(sentences) - 1 and start >= sentences[index][1]:
            index += 1
        if sentences and sentences[index][0] <= start < sentences[index][1]:
            out[index].append(position)
    return out


class SpanSet:
    """Spans, asked whether a new span overlaps one of them in logarithmic time.

    Spans that overlap are kept merged into one (spans that only touch are kept apart), so the kept
    spans never overlap: the last one that starts before a span's end is the only one that may reach in.
    """

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        import bisect

        index = bisect.bisect_left(self.starts, end)  # spans that start before ``end``; the last of them may reach in
        return index > 0 and self.ends[index - 1] > start

    def add(self, start: int, end: int) -> None:
        import bisect

        index = bisect.bisect_left(self.starts, start)
        if index > 0 and self.ends[index - 1] > start:  # overlaps the one before: merged into it
            index -= 1
            start = self.starts[index]
            end = max(end, self.ends[index])
            del self.starts[index], self.ends[index]
        while index < len(self.starts) and self.starts[index] < end:  # and the ones after it reaches into
            end = max(end, self.ends[index])
            del self.starts[index], self.ends[index]
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def excerpt(text: str, start: int, end: int, around: int = 8) -> str:
    """``text[start:end]`` with a few characters of context, ellipsis where cut."""
    lead = max(0, start - around)
    tail = min(len(text), end + around)
    body = text[lead:tail].replace("\n", " ")
    return ("…" if lead else "") + body + ("…" if tail < len(text) else "")


def quote(text: str, limit: int = 80) -> str:
    """A short quotation of a text for a message."""
    flat = " ".join(text.split())
    return f"'{flat}'" if len(flat) <= limit else f"'{flat[: limit - 1].rstrip()}…'"
