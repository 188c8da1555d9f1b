"""Every command on any pair of languages: a set imported in the six official languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Runner

from unagree_cli.corpus import load
from unagree_cli.importer import run as import_run

PUBLICATIONS = Path(__file__).resolve().parent / "fixtures" / "publications"
LANGS = ["ar", "zh", "en", "fr", "ru", "es"]


@pytest.fixture(scope="module")
def six(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("six")
    result = import_run([PUBLICATIONS / f"A-71-900.{lang}.txt" for lang in LANGS], root, "example")
    assert not result.problems
    return root


def test_one_set_aligned_by_numbering(six: Path) -> None:
    treaty = load(six)
    assert treaty.languages == LANGS and treaty.doc_keys() == ["note", "agreement"]
    records = treaty.records("agreement", LANGS)
    assert all(set(r.text) == set(LANGS) for r in records)
    assert treaty.doc_names("fr") == {"note": "note du Secrétaire général", "agreement": "accord"}
    assert treaty.doc_help() == "note, agreement (default)"
    assert treaty.example_ref() == "1"


@pytest.mark.parametrize(
    ("lang", "label"),
    [("ar", "(ب)"), ("ru", "б)"), ("fr", "b)"), ("es", "b)"), ("zh", "(b)"), ("en", "(b)")],
)
def test_show_in_each_language_with_its_own_labels(six: Path, run: Runner, lang: str, label: str) -> None:
    result = run("--corpus", str(six), "show", "2.2(b)", "--lang", lang)
    assert result.code == 0, result.err
    assert result.out.strip().startswith(label)


def test_show_a_pair(six: Path, run: Runner) -> None:
    result = run("--corpus", str(six), "show", "1", "--lang", "es,ru")
    assert result.code == 0
    assert result.out.splitlines()[0].startswith("Artículo primero") and "Статья 1" in result.out


def test_search_in_any_script(six: Path, run: Runner) -> None:
    for query in ("المجلس", "理事会", "Consejo", "Экономического"):
        result = run("--corpus", str(six), "search", query, "--refs-only")
        assert result.code == 0, (query, result.err)
        assert "agreement:2.2(b)" in result.out


def test_diff_on_a_pair_runs_the_language_independent_checks(six: Path, run: Runner) -> None:
    result = run("--corpus", str(six), "diff", "--langs", "fr,ru", "--format", "json")
    assert result.code == 0, result.err
    findings = [f for record in json.loads(result.out) for f in record["findings"]]
    from unagree_cli.qa import select_checks

    lexicon_checks = {c.name for c in select_checks(None) if c.unknown(["fr", "ru"])}
    assert {"terminology", "modality"} <= lexicon_checks
    assert "crossrefs" not in lexicon_checks  # references are read in all six languages
    assert {f["check"] for f in findings} == lexicon_checks
    assert all(f["severity"] == "info" and "not analysed for fr, ru" in f["message"] for f in findings)


def test_diff_finds_a_number_that_differs_in_any_pair(six: Path, run: Runner, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(six, copy)
    path = copy / "example" / "agreement.ru.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("1 июня 2017", "2 июня 2017"), encoding="utf-8")
    result = run("--corpus", str(copy), "diff", "--langs", "ru,es", "conclusions", "--only-issues")
    assert result.code == 1, result.err  # an error-level finding fails the default --fail-on warning
    assert result.err.startswith("unagree: ") and "1 error" in result.err
    assert "numbers" in result.out and "'2'" in result.out and "'1'" in result.out


def test_diff_langs_must_be_the_sets(six: Path, run: Runner) -> None:
    result = run("--corpus", str(six), "diff", "--langs", "en,de")
    assert result.code == 2 and "no language 'de'" in result.err


def test_obligations_say_plainly_what_they_do_not_analyse(six: Path, run: Runner) -> None:
    result = run("--corpus", str(six), "obligations", "--lang", "fr")
    assert result.code == 1 and "not analysed for fr" in result.err
    analysed = run("--corpus", str(six), "obligations", "--lang", "zh", "--format", "json")
    assert analysed.code == 0 and json.loads(analysed.out)


def test_faithful_translations_give_no_finding_on_any_pair(six: Path, run: Runner) -> None:
    """Dates with month names or numbers, Article premier, 第十二条, Arabic commas: never a wrong answer."""
    for first in LANGS:
        for second in LANGS:
            if first == second or {first, second} == {"en", "zh"}:
                continue  # en-zh is analysed in full: the modality check has its own tests
            result = run("--corpus", str(six), "diff", "--langs", f"{first},{second}", "--format", "json")
            assert result.code == 0, result.err
            findings = [f for record in json.loads(result.out) for f in record["findings"] if f["severity"] != "info"]
            assert not findings, (first, second, findings)


def test_a_unit_left_untranslated_is_reported_in_any_pair(six: Path, run: Runner, tmp_path: Path) -> None:
    import shutil

    import yaml

    copy = tmp_path / "copy"
    shutil.copytree(six, copy)
    en = yaml.safe_load((copy / "example" / "agreement.en.yaml").read_text(encoding="utf-8"))
    path = copy / "example" / "agreement.es.yaml"
    es = yaml.safe_load(path.read_text(encoding="utf-8"))
    es["body"][0]["text"] = en["body"][0]["text"]
    path.write_text(yaml.safe_dump(es, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run("--corpus", str(copy), "diff", "--langs", "en,es", "1", "--only-issues")
    assert "untranslated: the es is the English text, untranslated" in result.out


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "in accordance with Article 14 and paragraph 2"),
        ("fr", "conformément à l'article 14 et au paragraphe 2"),
        ("es", "de conformidad con el artículo 14 y el párrafo 2"),
        ("ru", "в соответствии со статьей 14 и пунктом 2"),
        ("ar", "وفقا للمادة ١٤ والفقرة 2"),
        ("zh", "根据第十四条和第2款"),
    ],
)
def test_cross_references_read_alike_in_the_six_languages(lang: str, text: str) -> None:
    from unagree_cli.qa.crossrefs import references

    assert [r.key for r in references(text, lang)] == ["article:14", "paragraph:2"]


def test_a_changed_cross_reference_is_found_in_a_french_english_pair(six: Path, run: Runner, tmp_path: Path) -> None:
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(six, copy)
    for lang, added, cited in (
        ("fr", " conformément à l’article 3", "3"),
        ("en", " in accordance with article 2", "2"),
    ):
        path = copy / "example" / f"agreement.{lang}.yaml"
        text = path.read_text(encoding="utf-8")
        head, mark, rest = text.partition("  wrapup: ")
        line, newline, tail = rest.partition("\n")
        assert mark and line.endswith("."), "the fixture's wrap-up ends a sentence"
        path.write_text(head + mark + line[:-1] + added + "." + newline + tail, encoding="utf-8")
        assert cited in added
    result = run("--corpus", str(copy), "diff", "--langs", "fr,en", "--check", "crossrefs", "--format", "json")
    assert result.code == 1, result.err
    findings = [f for record in json.loads(result.out) for f in record["findings"] if f["severity"] != "info"]
    assert len(findings) == 1 and findings[0]["check"] == "crossrefs"
    assert "article 3" in findings[0]["message"] and "article 2" in findings[0]["message"]
