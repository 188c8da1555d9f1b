"""The bilingual glossary: how often each term occurs, in which forms, and where the languages part.

Terms come from ``treaty.yaml``'s ``glossary``: a canonical form per language,
accepted ``variants`` and ``deprecated`` forms (seen in the texts, not
accepted). A form matches as ``unagree search`` matches a plain query (whole
words ignoring case in English; a substring ignoring spaces in Chinese).
Within one term the longest form wins, so ``Assembly`` is not counted again
inside ``General Assembly`` nor ``大会`` inside ``联合国大会``; different terms
are counted independently (``United Nations`` inside ``Charter of the United
Nations`` counts for both). Headings count with their unit's text.

A term's count in a language is the sum over all its forms, deprecated ones
included. Where a unit exists in every language compared, the term should
occur as often in each: a unit where the counts differ is a *mismatch*. Units
using a variant or a deprecated form are listed too: all three are where a
translator should look.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .model import GlossaryTerm, LangText, Record, TreatySet
from .search import phrase_pattern

TERM, VARIANT, DEPRECATED = "term", "variant", "deprecated"


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


def term_forms(term: GlossaryTerm, lang: str) -> list[Form]:
    """The canonical form, the accepted variants and the deprecated forms of ``term`` in ``lang``."""
    forms = term.forms(lang)
    found = [Form(lang, forms[0], TERM)] if forms else []
    found += [Form(lang, f, VARIANT) for f in forms[1:]]
    found += [Form(lang, f, DEPRECATED) for f in term.deprecated.get(lang, []) if f]
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


class TermCounter:
    """Counts one term's forms in a text, longest form first and without overlaps."""

    def __init__(self, term: GlossaryTerm, langs: Sequence[str]) -> None:
        self.forms = {lang: term_forms(term, lang) for lang in langs}
        self.patterns = {
            lang: [
                (form, re.compile(phrase_pattern(form.text, lang), re.IGNORECASE))
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


def term_report(treaty: TreatySet, term: GlossaryTerm, docs: Sequence[str], langs: Sequence[str]) -> TermReport:
    """Count ``term`` in ``docs`` and ``langs``."""
    wanted = [lang for lang in langs if term_forms(term, lang)]
    counter = TermCounter(term, wanted)
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
            for kind, listed in places.items():
                forms = {
                    lang: {form.text: count for form, count in found if count and form.kind == kind}
                    for lang, found in per_lang.items()
                }
                forms = {lang: seen for lang, seen in forms.items() if seen}
                if forms:
                    listed.append(Place(doc, record.ref, record.eid, counts, forms))
            if len(wanted) > 1 and len(present) == len(wanted) and len(set(counts.values())) > 1:
                mismatches.append(Place(doc, record.ref, record.eid, counts))
    forms_counted = {lang: list(totals[lang].items()) for lang in wanted}
    return TermReport(term, wanted, forms_counted, places[VARIANT], places[DEPRECATED], mismatches)


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
    return [term_report(treaty, term, docs, langs) for term in (treaty.glossary if terms is None else terms)]


def glossary_rows(
    treaty: TreatySet, docs: Sequence[str], langs: Sequence[str], terms: Sequence[GlossaryTerm] | None = None
) -> list[dict[str, Any]]:
    """:func:`glossary_report` as records, kept in the analysis cache for the treaty set's content."""
    from .cache import cached_analysis

    names = "|".join(t.en for t in terms) if terms is not None else "*"
    return cached_analysis(
        treaty,
        f"glossary.report/{','.join(docs)}/{','.join(langs)}/{names}",
        ["glossary.py"],
        lambda: [report.to_dict() for report in glossary_report(treaty, docs, langs, terms)],
        lambda rows: rows,
        _decode_rows,
    )


def _decode_rows(data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, list) or not all(isinstance(row, dict) for row in data):
        raise TypeError("not a list of records")
    return data
