"""The corpus format fits any treaty: languages beyond en/zh, default labels, optional symbol and status,
glossary keyed by language, absent sources, and eIds built and read in one place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import Runner

from unagree_cli import eids
from unagree_cli.corpus import article_label, bundled_corpus, load_treaty, missing_sources
from unagree_cli.importer import run
from unagree_cli.labels import DEFAULT_LABELS, format_label, from_letter, letter

PUBLICATIONS = Path(__file__).resolve().parent / "fixtures" / "publications"


def write_set(folder: Path, treaty: str, doc: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "treaty.yaml").write_text(treaty, encoding="utf-8")
    (folder / "pact.fr.yaml").write_text(doc, encoding="utf-8")
    return folder


FR_ES = """id: pacte
title: {fr: Pacte, es: Pacto}
languages: [fr, es]
documents:
  - key: pact
    name: {fr: pacte, es: pacto}
glossary:
  - fr: Organisation exemplaire
    es: Organización Ejemplar
    variants: {fr: [Organisation]}
  - fr: Conseil
"""
DOC = """doc: pact
lang: fr
meta: {title: Pacte, source: pacte.fr.txt}
body:
  - article: "1"
    heading: Objet
    text: Le présent Pacte ...
"""


def test_a_set_in_french_and_spanish_needs_no_labels_symbol_status_or_sources(tmp_path: Path) -> None:
    treaty, problems = load_treaty(write_set(tmp_path / "pacte", FR_ES, DOC))
    assert not [p for p in problems if "pacte.fr.txt" not in str(p)], problems
    assert treaty is not None
    assert treaty.labels["fr"]["article"] == "Article {n_ord}" and treaty.labels["es"]["preamble"] == "Preámbulo"
    assert article_label(treaty, "fr", "1") == "Article premier"
    assert article_label(treaty, "es", "1") == "Artículo primero" and article_label(treaty, "es", "2") == "Artículo 2"
    assert treaty.glossary[0].forms("fr") == ["Organisation exemplaire", "Organisation"]
    assert treaty.glossary[0].term("es") == "Organización Ejemplar" and treaty.glossary[1].forms("es") == []


def test_meta_source_must_still_be_listed(tmp_path: Path) -> None:
    _, problems = load_treaty(write_set(tmp_path / "pacte", FR_ES, DOC))
    assert [str(p) for p in problems] == [
        f"{tmp_path}/pacte/pact.fr.yaml:3: source 'pacte.fr.txt' is not listed in treaty.yaml's sources"
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("  - de: Pakt\n", "unknown field 'de'"),
        ("  - note: nothing else\n", "needs its term in at least one language"),
        ("  - fr: Pacte\n    variants: {en: [Pact]}\n", "unknown language code 'en'"),
    ],
)
def test_glossary_entries_are_checked_against_the_languages(tmp_path: Path, entry: str, message: str) -> None:
    text = FR_ES.split("glossary:")[0] + "glossary:\n" + entry
    _, problems = load_treaty(write_set(tmp_path / "pacte", text, DOC))
    assert any(message in str(p) for p in problems), problems


def test_labels_override_only_what_they_give(tmp_path: Path) -> None:
    text = FR_ES + "labels:\n  fr: {article: 'Art. {n}'}\n  es: {chapter: X}\n"
    treaty, problems = load_treaty(write_set(tmp_path / "pacte", text, DOC))
    assert treaty is not None
    assert treaty.labels["fr"]["article"] == "Art. {n}" and treaty.labels["fr"]["point"] == "{n})"
    assert any("unknown label 'chapter'" in str(p) for p in problems)


def test_labels_in_every_official_language() -> None:
    assert sorted(DEFAULT_LABELS) == ["ar", "en", "es", "fr", "ru", "zh"]
    assert format_label(DEFAULT_LABELS["zh"]["article"], "zh", "16") == "第十六条"
    assert format_label(DEFAULT_LABELS["ru"]["point"], "ru", "b") == "б)"
    assert format_label(DEFAULT_LABELS["ar"]["point"], "ar", "c") == "(ج)"
    assert format_label(DEFAULT_LABELS["ar"]["paragraph"], "ar", "2") == "2 -"
    assert format_label("{unknown}", "en", "1") == "{unknown}"  # a bad template is shown, never a crash
    assert [from_letter("ru", letter("ru", c)) for c in "abc"] == ["a", "b", "c"]


def test_a_copied_set_without_its_sources_validates_with_a_note(tmp_path: Path, run_cli: Runner) -> None:
    shutil.copytree(bundled_corpus() / "un-iom-2016", tmp_path / "copy" / "un-iom-2016")
    treaty, problems = load_treaty(tmp_path / "copy" / "un-iom-2016")
    assert treaty is not None and not problems
    assert len(missing_sources(treaty)) == 2
    result = run_cli("validate", str(tmp_path / "copy"))
    assert result.code == 0 and "no problems" in result.out
    assert "note: source 'A-RES-70-296.en.txt' is not in" in result.err


@pytest.fixture
def run_cli(run: Runner) -> Runner:
    return run


def test_eids_of_the_shipped_corpus_are_built_and_read_by_the_eids_module() -> None:
    treaty, _ = load_treaty(bundled_corpus() / "un-iom-2016")
    assert treaty is not None
    for version in treaty.versions.values():
        for unit in version.units:
            address = eids.parse(unit.eid)
            if unit.kind == "article":
                assert unit.eid == eids.article(address.article or "")
            elif unit.kind == "paragraph":
                assert unit.eid == eids.paragraph(address.paragraph or "", address.article)
            elif unit.kind == "point":
                parent = eids.paragraph(address.paragraph or "", address.article)
                assert unit.eid == eids.point(parent, address.point or "")
                assert eids.list_parent(unit.eid) == eids.list_of(parent)
            elif unit.kind in ("intro", "wrapup"):
                parent = eids.paragraph(address.paragraph or "", address.article)
                assert unit.eid == (eids.intro(parent) if unit.kind == "intro" else eids.wrapup(parent))
            elif unit.kind == "recital":
                assert unit.eid == eids.recital(unit.num or "") and eids.in_preamble(unit.eid)
            else:
                assert address.part in ("preamble", "conclusions")
    assert eids.parse("art_3__para_2__list_1__point_a") == ("body", "3", "2", "a", "point")
    assert eids.conclusion("signature", 2) == "conclusions__signature_2"
    assert eids.top("art_3__para_2") == "art_3" and eids.parent("art_3") == ""


def test_an_export_without_a_un_symbol_is_authored_by_the_first_party(tmp_path: Path) -> None:
    from unagree_cli.corpus import load
    from unagree_cli.export.akn import work_of

    text = (PUBLICATIONS / "A-71-900.en.txt").read_text(encoding="utf-8")
    plain = tmp_path / "example.en.txt"
    plain.write_text("\n".join(line for line in text.split("\n") if "A/71/900" not in line), encoding="utf-8")
    result = run([plain], tmp_path / "corpus", "example")
    assert not result.problems and all(d.meta["symbol"] is None for d in result.drafts)
    treaty = load(tmp_path / "corpus", "example")
    work = work_of(treaty, "note")
    assert (work.actor, work.organ) == ("un", "UN")
    assert work.uri == "/akn/un/doc/note/un/2017-05-03/example-note"
