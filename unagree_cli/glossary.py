"""The bilingual glossary: how often each term occurs, in which forms, and where the languages part.

Terms come from ``treaty.yaml``'s ``glossary``: a canonical form per language,
accepted ``variants`` and ``deprecated`` forms (seen in the texts, not
accepted); an English form also finds its plural ("emblem", "emblems"), and a
short name the treaty defines for a term ("(hereinafter "the Fund")",
（以下简称“基金”）) counts as the term without being listed as a variant. A
form matches as ``unagree search`` matches a plain query (whole words
ignoring case in English; a substring ignoring spaces in Chinese).
Within one term the longest form wins, so ``Assembly`` is not counted again
inside ``General Assembly`` nor ``大会`` inside ``联合国大会``; different terms
are counted independently (``United Nations`` inside ``Charter of the United
Nations`` counts for both). Headings count with their unit's text.

A term's count in a language is the sum over all its forms, deprecated ones
included. Where a unit exists in every language compared, the term should
occur in each: a unit where it occurs in one language only, or less often in
a translation than in the source (the first language), is a *mismatch*; a
translation that repeats a name where the source says "it" is not. Units
using a variant or a deprecated form are listed too: all three are where a
translator should look.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from . import patterns
from .model import GlossaryTerm, LangText, Record, TreatySet
from .search import phrase_pattern

TERM, VARIANT, DEPRECATED, DEFINED = "term", "variant", "deprecated", "defined"

DEFINITIONS: dict[str, str] = {
    "en": (
        r"\(\s*(?:hereinafter|hereafter)\s*(?:(?:referred\s+to|called|designated|known)\s+as\s*)?,?\s*"
        r"[\"“‘']?(?:the\s+)?(?P<name>[^\"”’'(),;]{1,60}?)[\"”’']?\s*[),;]"
    ),
    "zh": r"[（(]\s*(?:以下简称|以下称|下称|简称)\s*[“\"「『]?(?P<name>[^”\"」』，,）)]{1,20})[”\"」』]?",
}
"""How a treaty defines a short name for what it has just named: (hereinafter "the Authority"), （以下简称“管理局”）."""


@dataclass(frozen=True)
class Place:
    """A unit, the term's count there in each language, and the forms that made it worth listing."""

    doc: str
    ref: str
    eid: str
    counts: dict[str, int]
    forms: dict[str, dict[str, int]] = dataclasses.field(default_factory=dict)  # lang -> form -> count

    @property
    def address(self) -> str:
        return f"{self.doc}:{self.ref}"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"doc": self.doc, "ref": self.ref, "eid": self.eid, "counts": self.counts}
        if self.forms:
            data["forms"] = self.forms
        return data


@dataclass(frozen=True)
class Form:
    lang: str
    text: str
    kind: str  # TERM, VARIANT or DEPRECATED


def term_forms(term: GlossaryTerm, lang: str, defined: Sequence[str] = ()) -> list[Form]:
    """The canonical form, the accepted variants and the deprecated forms of ``term`` in ``lang``.

    ``defined`` are the short names the treaty gives the term (see :func:`defined_names`).
    """
    forms = term.forms(lang)
    found = [Form(lang, forms[0], TERM)] if forms else []
    found += [Form(lang, f, VARIANT) for f in forms[1:]]
    found += [Form(lang, f, DEPRECATED) for f in term.deprecated.get(lang, []) if f]
    found += [Form(lang, f, DEFINED) for f in defined if f] if forms else []
    unique: dict[str, Form] = {}
    for form in found:
        unique.setdefault(form.text, form)
    return list(unique.values())


@dataclass
class TermReport:
    """One glossary term counted over the chosen documents and languages."""

    term: GlossaryTerm
    langs: list[str]
    forms: dict[str, list[tuple[Form, int]]]  # lang -> (form, count), canonical first
    variant_places: list[Place]
    deprecated_places: list[Place]
    mismatches: list[Place]

    @property
    def counts(self) -> dict[str, int]:
        return {lang: sum(count for _, count in self.forms[lang]) for lang in self.langs}

    def canonical(self) -> LangText:
        return {lang: form.text for lang in self.langs for form, _ in self.forms[lang][:1]}

    def to_dict(self) -> dict[str, Any]:
        return {
            "term": self.canonical(),
            "variants": {lang: self.term.variants.get(lang, []) for lang in self.langs},
            "deprecated": {lang: self.term.deprecated.get(lang, []) for lang in self.langs},
            "counts": self.counts,
            "forms": [
                {"lang": lang, "form": form.text, "kind": form.kind, "count": count}
                for lang in self.langs
                for form, count in self.forms[lang]
            ],
            "variants_at": [p.to_dict() for p in self.variant_places],
            "deprecated_at": [p.to_dict() for p in self.deprecated_places],
            "mismatches": [p.to_dict() for p in self.mismatches],
            "note": self.term.note,
        }


def form_pattern(text: str, lang: str) -> str:
    """:func:`phrase_pattern`, with the plural of an English form's last word ("emblem" finds "emblems")."""
    body = phrase_pattern(text, lang)
    words = text.split()
    if lang in ("zh", "ja") or not words or not words[-1].isalpha() or not words[-1].islower():
        return body
    last = words[-1]
    plurals = [last + "s", last + "es"] + ([last[:-1] + "ies"] if last.endswith("y") else [])
    if last.endswith("s"):
        return body
    head = r"\s+".join(re.escape(word) for word in words[:-1])
    ending = "(?:" + "|".join(re.escape(w) for w in [last, *plurals]) + ")"
    joined = rf"{head}\s+{ending}" if head else ending
    return rf"(?<!\w){joined}(?!\w)"


def defined_names(treaty: TreatySet) -> dict[int, dict[str, list[str]]]:
    """Short names the treaty defines for glossary terms, by term index and language.

    'the Global Fund for Coastal Resilience (hereinafter "the Fund")' makes
    "Fund" a name of the term whose form ends just before the definition; the
    same in Chinese: 全球沿海复原力基金（以下简称“基金”）.
    """
    found: dict[int, dict[str, list[str]]] = {}
    for (_, lang), version in treaty.versions.items():
        pattern = DEFINITIONS.get(lang)
        if pattern is None:
            continue
        compiled = patterns.compile(pattern, re.IGNORECASE)
        for unit in version.units:
            text = unit.text
            for match in compiled.finditer(text):
                name = " ".join(match.group("name").split())
                before = text[max(0, match.start() - 200) : match.start()].rstrip()
                best: tuple[int, int] | None = None
                for index, term in enumerate(treaty.glossary):
                    for form in term.forms(lang):
                        hit = re.search(form_pattern(form, lang) + r"\s*$", before, re.IGNORECASE)
                        if hit is not None:
                            if best is None or hit.start() < best[1]:
                                best = (index, hit.start())
                if best is not None and name.casefold() not in {
                    f.casefold() for f in treaty.glossary[best[0]].forms(lang)
                }:
                    names = found.setdefault(best[0], {}).setdefault(lang, [])
                    if name not in names:
                        names.append(name)
    return found


class TermCounter:
    """Counts one term's forms in a text, longest form first and without overlaps."""

    def __init__(self, term: GlossaryTerm, langs: Sequence[str], defined: dict[str, list[str]] | None = None) -> None:
        self.forms = {lang: term_forms(term, lang, (defined or {}).get(lang, [])) for lang in langs}
        self.patterns = {
            lang: [
                (form, patterns.compile(form_pattern(form.text, lang), re.IGNORECASE))
                for form in sorted(forms, key=lambda f: -len(f.text.replace(" ", "")))
            ]
            for lang, forms in self.forms.items()
        }

    def count(self, lang: str, text: str) -> list[tuple[Form, int]]:
        """Occurrences of each form of the term in ``text``, canonical form first."""
        taken: list[tuple[int, int]] = []
        counts = dict.fromkeys(self.forms.get(lang, []), 0)
        for form, pattern in self.patterns.get(lang, []):
            for match in pattern.finditer(text):
                if all(match.end() <= s or match.start() >= e for s, e in taken):
                    taken.append(match.span())
                    counts[form] += 1
        return list(counts.items())


def _unit_text(record: Record, lang: str) -> str:
    heading = (record.heading or {}).get(lang, "")
    text = record.text.get(lang, "")
    return f"{heading}\n{text}" if heading else text


def term_report(
    treaty: TreatySet,
    term: GlossaryTerm,
    docs: Sequence[str],
    langs: Sequence[str],
    defined: dict[str, list[str]] | None = None,
) -> TermReport:
    """Count ``term`` in ``docs`` and ``langs``; ``defined`` are its short names (:func:`defined_names`)."""
    wanted = [lang for lang in langs if term_forms(term, lang)]
    counter = TermCounter(term, wanted, defined)
    totals = {lang: dict.fromkeys(counter.forms[lang], 0) for lang in wanted}
    places: dict[str, list[Place]] = {VARIANT: [], DEPRECATED: []}
    mismatches: list[Place] = []
    for doc in docs:
        have = [lang for lang in wanted if (doc, lang) in treaty.versions]
        for record in treaty.records(doc, have):
            present = [lang for lang in have if lang in record.text or (record.heading and lang in record.heading)]
            per_lang = {lang: counter.count(lang, _unit_text(record, lang)) for lang in present}
            for lang, found in per_lang.items():
                for form, count in found:
                    totals[lang][form] += count
            counts = {lang: sum(count for _, count in found) for lang, found in per_lang.items()}
            full = {lang: sum(c for f, c in found if f.kind != DEFINED) for lang, found in per_lang.items()}
            for kind, listed in places.items():
                forms = {
                    lang: {form.text: count for form, count in found if count and form.kind == kind}
                    for lang, found in per_lang.items()
                }
                forms = {lang: seen for lang, seen in forms.items() if seen}
                if forms:
                    listed.append(Place(doc, record.ref, record.eid, counts, forms))
            if (
                len(wanted) > 1
                and len(present) == len(wanted)
                and _mismatch(counts, full, wanted[0], _unit_text(record, wanted[0]))
            ):
                mismatches.append(Place(doc, record.ref, record.eid, counts))
    forms_counted = {lang: list(totals[lang].items()) for lang in wanted}
    return TermReport(term, wanted, forms_counted, places[VARIANT], places[DEPRECATED], mismatches)


PRONOUNS: dict[str, str] = {"en": r"\b(?:it|its|itself|they|them|their|theirs|themselves)\b"}
"""Words with which a source language refers back to a name its translation may repeat."""


def _mismatch(counts: dict[str, int], full: dict[str, int], source: str, source_text: str = "") -> bool:
    """Whether a unit's counts of a term point at a translation problem.

    The source language (the first compared) has the term more often than a
    translation, or only a translation has it. A translation that repeats a
    name where the source says "it" or "their" is not a problem (the source
    has fewer, and a pronoun), nor a defined short name standing for a
    pronoun (the counts then differ with the short names and agree without).
    """
    if len(set(counts.values())) <= 1 or len(set(full.values())) <= 1:
        return False
    if any(counts[source] > count for lang, count in counts.items() if lang != source):
        return True  # a translation lacks the term
    pronoun = PRONOUNS.get(source)
    if pronoun is not None and re.search(pronoun, source_text, re.IGNORECASE):
        return False  # the translation names what the source refers back to
    return counts[source] == 0


def find_terms(treaty: TreatySet, query: str) -> list[GlossaryTerm]:
    """Terms one of whose forms is ``query`` (ignoring case), else those with a form containing it."""
    wanted = query.strip().casefold()
    if not wanted:
        return []
    forms = [
        (term, form.text.casefold())
        for term in treaty.glossary
        for lang in treaty.languages
        for form in term_forms(term, lang)
    ]
    exact = [term for term, form in forms if form == wanted]
    chosen = exact or [term for term, form in forms if wanted in form]
    return list({id(term): term for term in chosen}.values())


def glossary_report(
    treaty: TreatySet, docs: Sequence[str], langs: Sequence[str], terms: Sequence[GlossaryTerm] | None = None
) -> list[TermReport]:
    """A report for each of ``terms`` (default: the whole glossary), in glossary order."""
    defined = defined_names(treaty)
    chosen = treaty.glossary if terms is None else terms
    index = {id(term): i for i, term in enumerate(treaty.glossary)}
    return [term_report(treaty, term, docs, langs, defined.get(index.get(id(term), -1))) for term in chosen]


def glossary_rows(
    treaty: TreatySet, docs: Sequence[str], langs: Sequence[str], terms: Sequence[GlossaryTerm] | None = None
) -> list[dict[str, Any]]:
    """:func:`glossary_report` as records, kept in the analysis cache for the treaty set's content."""
    from .cache import cached_analysis

    names = "|".join(t.en or next(iter(t.terms.values()), "") for t in terms) if terms is not None else "*"
    rows: list[dict[str, Any]] = cached_analysis(
        treaty,
        f"glossary.report/{','.join(docs)}/{','.join(langs)}/{names}",
        lambda: [report.to_dict() for report in glossary_report(treaty, docs, langs, terms)],
        list[dict[str, Any]],
    )
    return rows
