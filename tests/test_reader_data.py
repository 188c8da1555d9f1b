"""The reader's adapter (unagree_cli.reader.data): plain data from the library, on the shipped corpus and polar."""

from __future__ import annotations

from pathlib import Path

import pytest

from unagree_cli.corpus import load
from unagree_cli.model import TreatySet
from unagree_cli.reader.data import Book, Place, ReaderError, safe

POLAR = Path(__file__).resolve().parent / "fixtures" / "polar"


@pytest.fixture(scope="module")
def polar() -> TreatySet:
    return load(POLAR)


@pytest.fixture
def book(treaty: TreatySet) -> Book:
    return Book(treaty, list(treaty.languages))


def test_adapter_loads_neither_textual_nor_rich() -> None:
    """Everything the reader computes, in a fresh interpreter, without the view's libraries."""
    import subprocess
    import sys

    from conftest import ROOT, subprocess_env

    script = (
        "import sys\n"
        "from unagree_cli.corpus import bundled_corpus, load\n"
        "from unagree_cli.reader.data import Book\n"
        "book = Book(load(bundled_corpus()), ['en', 'zh'])\n"
        "book.toc(); book.search('Secretary-General'); book.locate('5.2', book.first())\n"
        "book.deontic('agreement'); book.links('agreement'); book.findings('agreement')\n"
        "book.party_statements('agreement', book.choose_party('IOM'))\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=subprocess_env(), cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("text", "doc", "eid"),
    [
        ("13", "agreement", "art_13"),
        ("3.2(a)", "agreement", "art_3__para_2__list_1__point_a"),
        ("第五条", "agreement", "art_5"),
        ("resolution:3", "resolution", "para_3"),
        ("preamble.2", "agreement", "preamble__rec_2"),
        ("Article 5, paragraph 2", "agreement", "art_5__para_2"),
    ],
)
def test_locate_reads_references_as_the_cli_does(book: Book, text: str, doc: str, eid: str) -> None:
    from unagree_cli.refs import resolve

    assert book.locate(text, book.first()) == Place(doc, eid)
    selection = resolve(book.treaty, text, None, list(book.treaty.languages))
    assert selection.records[0].eid == eid


def test_locate_prefers_the_current_document_then_the_default_one(book: Book) -> None:
    in_resolution = Place("resolution", "para_1")
    assert book.locate("3", in_resolution) == Place("resolution", "para_3")
    assert book.locate("13", in_resolution) == Place("agreement", "art_13")  # the resolution has no 13: as `show`


def test_locate_explains_a_bad_reference_in_one_line(book: Book) -> None:
    with pytest.raises(ReaderError, match="has no article 17") as info:
        book.locate("17", book.first())
    assert "\n" not in str(info.value)
    with pytest.raises(ReaderError, match="unknown document 'treaty'"):
        book.locate("treaty:3", book.first())


def test_search_uses_the_search_command_rules(book: Book) -> None:
    from unagree_cli.search import compile_query, search

    for text in ("Secretary-General", "秘书长", "laissez-passer"):
        hits = book.search(text)
        expected = search(book.treaty, compile_query(text, book.langs))
        assert [h.place for h in hits] == [Place(h.record.doc, h.record.eid) for h in expected]
        assert hits, text
        for hit, other in zip(hits, expected, strict=True):
            spans = sorted(
                (lang, fld, s.start, s.end) for (lang, fld), ss in hit.spans.items() for s in ss if s.note == "match"
            )
            assert spans == sorted((m.lang, m.field, m.start, m.end) for m in other.matches)
            assert hit.matches == len(other.matches)
    with pytest.raises(ReaderError, match="empty search query"):
        book.search("   ")


def test_search_finds_variants_by_default_and_exact_turns_them_off(book: Book) -> None:
    from unagree_cli.search import compile_query, search

    hits = book.search("arrangement")
    words = {
        book.record(h.place).text[lang][s.start : s.end].lower()
        for h in hits
        for (lang, fld), spans in h.spans.items()
        for s in spans
        if fld == "text" and s.note == "match"
    }
    assert "arrangements" in words  # the text says "arrangements"; a lawyer searching the singular must see them
    exact = book.search("arrangement", exact=True)
    assert len(exact) == len(search(book.treaty, compile_query("arrangement", book.langs, exact=True)))
    assert len(exact) < len(hits)


def test_search_marks_the_glossary_counterpart_in_the_other_language(book: Book) -> None:
    term = next(t for t in book.treaty.glossary if t.forms("en") and t.forms("zh"))
    english = term.forms("en")[0]
    hits = book.search(english)
    counterparts = [
        (h, s) for h in hits for (lang, fld), spans in h.spans.items() if lang == "zh" for s in spans if fld == "text"
    ]
    assert counterparts, english
    for hit, span in counterparts:
        words = book.record(hit.place).text["zh"][span.start : span.end]
        assert span.note.startswith("glossary")
        assert any(words.replace(" ", "") == form.replace(" ", "") for form in term.forms("zh")), words


def test_links_are_the_provision_citations_and_lead_to_their_unit(book: Book) -> None:
    from unagree_cli.citations import find_citations

    links = book.links("agreement")
    expected = {
        (c.record.eid, c.target.eid)
        for c in find_citations(book.treaty, ["agreement"])
        if c.target.kind == "provision" and c.target.eid
    }
    assert expected
    assert {(eid, link.eid) for eid, found in links.items() for link in found} == expected
    for found in links.values():
        for link in found:
            text = book.record(Place("agreement", next(e for e, ls in links.items() if link in ls))).text[link.lang]
            assert text[link.start : link.end] == link.text
            target = book.link_target(link)
            assert target.eid == link.eid or target.eid.startswith(link.eid + "__")


def test_deontic_spans_are_the_lexicon_markers_by_modality(book: Book, polar: TreatySet) -> None:
    place = book.locate("5.2", book.first())
    spans = book.deontic("agreement")[place.eid]
    record = book.record(place)
    en = {(s.kind, record.text["en"][s.start : s.end]) for s in spans["en"]}
    assert en >= {("right", "shall be entitled"), ("permission", "may")}
    assert {s.kind for s in spans["zh"]} >= {"right", "permission"}
    polar_book = Book(polar, ["en", "zh"])
    where = polar_book.locate("2.3", polar_book.first())
    text = polar_book.record(where).text["en"]
    kinds = {(s.kind, text[s.start : s.end]) for s in polar_book.deontic("agreement")[where.eid]["en"]}
    assert ("prohibition", "must not") in kinds


@pytest.mark.parametrize("doc", ["agreement", "resolution"])
def test_deontic_spans_are_those_show_and_export_html_mark(book: Book, doc: str) -> None:
    from unagree_cli.views.marks import deontic_marks

    marks = deontic_marks(book.treaty)
    assert marks is not None
    found = book.deontic(doc)
    compared = 0
    for record in book.records(doc):
        for lang in book.analysis_langs(doc):
            expected = list(marks(record, lang)) if record.text.get(lang) else []
            assert found.get(record.eid, {}).get(lang, []) == expected, (record.eid, lang)
            compared += len(expected)
    assert compared


def test_an_operative_paragraph_marks_its_opening_verb(book: Book) -> None:
    from unagree_cli.highlight import operative_units

    operative = operative_units(book.treaty, "resolution", "en")
    assert operative
    for eid in sorted(operative):
        spans = book.deontic("resolution").get(eid, {}).get("en", [])
        text = book.record(Place("resolution", eid)).text["en"]
        if spans and spans[0].start == 0:
            assert text[: spans[0].end].split()[0][0].isupper()
            return
    pytest.fail("no operative paragraph has its opening verb marked")


def test_finding_spans_are_the_words_behind_each_finding(book: Book) -> None:
    compared = 0
    for eid, findings in book.findings("agreement").items():
        spans = book.finding_spans("agreement", eid)
        expected = {(lang, s.start, s.end) for f in findings for lang, ss in f.spans.items() for s in ss}
        got = {(lang, s.start, s.end) for lang, ss in spans.items() for s in ss}
        assert got <= expected
        assert bool(got) == bool(expected)
        for lang, found in spans.items():
            assert all(s.kind == "finding" and s.note for s in found)
            compared += len(found)
    assert compared


def test_party_statements_are_one_partys_deontic_statements(polar: TreatySet) -> None:
    from unagree_cli.obligations import DEONTIC, extract

    book = Book(polar, ["en", "zh"])
    assert book.parties() == [p.id for p in polar.parties]
    for party in book.parties():
        found = book.party_statements("agreement", party)
        expected = {s.eid for s in extract(polar, "agreement", "en") if party in s.parties and s.modality in DEONTIC}
        assert set(found) == expected and expected
    assert set(book.party_statements("agreement", "Nordvald")) != set(book.party_statements("agreement", "Austerra"))


def test_findings_are_those_of_diff(book: Book) -> None:
    from unagree_cli.qa import all_checks, review

    expected = {r.record.eid: r.findings for r in review(book.treaty, "agreement", all_checks()) if r.findings}
    assert book.findings("agreement") == expected
    assert book.findings("note")[""][0].check == "missing"  # the note has no English: one document-level finding


def test_one_language_treaty_has_no_findings_and_says_why(polar: TreatySet) -> None:
    import dataclasses

    english_only = dataclasses.replace(
        polar,
        languages=["en"],
        versions={k: v for k, v in polar.versions.items() if k[1] == "en"},
        fingerprint="",
    )
    book = Book(english_only, ["en"])
    assert book.findings("agreement") == {}
    assert "only one language" in book.findings_note()


def test_copy_text_is_the_reference_and_every_language(book: Book) -> None:
    place = book.locate("5.2", book.first())
    text = book.copy_text(place)
    record = book.record(place)
    assert text.startswith("agreement:5.2\n\n")
    for lang in book.langs:
        assert record.text[lang] in text
    assert book.copy_text(book.locate("5", book.first())).splitlines()[2] == "Article 5 Reciprocal representation"


def test_toc_lists_every_document(book: Book, polar: TreatySet) -> None:
    for current in (book, Book(polar, ["en", "zh"])):
        entries = current.toc()
        assert [e.place.doc for e in entries if e.kind == "document"] == current.docs
        for entry in entries:
            assert current.record(entry.place).eid == entry.place.eid


def test_one_pane_leaves_out_documents_without_that_language(treaty: TreatySet) -> None:
    book = Book(treaty, ["en"])
    assert "note" not in book.docs  # our sources have the note in Chinese only
    assert all(set(r.text) <= {"en"} for r in book.records("agreement"))


def test_where_names_the_article(book: Book, polar: TreatySet) -> None:
    assert book.where(book.locate("5.2", book.first())) == "agreement:5.2 · Article 5 Reciprocal representation"
    polar_book = Book(polar, ["zh"])
    assert polar_book.where(polar_book.locate("3.2", polar_book.first())).startswith("agreement:3.2 · 第三条")


def test_safe_keeps_offsets_and_disarms_control_characters() -> None:
    text = "a\x1b[31mb\u202ec"
    cleaned = safe(text)
    assert len(cleaned) == len(text)
    assert "\x1b" not in cleaned and "\u202e" not in cleaned


def test_choose_party_takes_what_obligations_party_takes(book: Book, polar: TreatySet) -> None:
    assert book.choose_party("iom") == "IOM"
    assert book.choose_party("联合国") == "UN"
    assert book.choose_party("Director General") == "IOM: Director General"
    assert Book(polar, ["en"]).choose_party("Polar Institute") == "Nordvald: Polar Institute"
    with pytest.raises(ReaderError, match="unknown party 'WHO'; known: UN; IOM"):
        book.choose_party("WHO")
    organ = book.party_statements("agreement", "IOM: Director General")
    party = book.party_statements("agreement", "IOM")
    assert organ and set(organ) <= set(party)
