"""Loading and validating corpora: the bundled one, a second one, and broken ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, Runner

from unagree_cli.corpus import CorpusError, bundled_corpus, corpus_root, load, validate
from unagree_cli.model import TreatySet


def test_bundled_corpus_validates(treaty: TreatySet) -> None:
    count, problems = validate(bundled_corpus())
    assert (count, problems) == (1, [])
    assert treaty.id == "un-iom-2016"
    assert treaty.default_doc == "agreement"
    assert treaty.langs_of("note") == ["zh"]


def test_a_second_treaty_is_a_folder_not_code(run: Runner) -> None:
    treaty = load(FIXTURES / "mini")
    assert treaty.id == "mini-pact" and [p.id for p in treaty.parties] == ["Alpha", "Beta"]
    result = run("--corpus", str(FIXTURES / "mini"), "show", "1")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        "Article 1  Purpose",
        "Alpha and Beta shall cooperate.",
        "第一条  目的",
        "甲方和乙方应当合作。",
    ]


def test_corpus_choice_option_then_environment(monkeypatch: pytest.MonkeyPatch, run: Runner) -> None:
    assert corpus_root(None) == bundled_corpus()
    monkeypatch.setenv("UNAGREE_CORPUS", str(FIXTURES / "mini"))
    assert corpus_root(None) == FIXTURES / "mini"
    assert run("show", "1", "--lang", "en").out.startswith("Article 1  Purpose")
    assert corpus_root("elsewhere") == Path("elsewhere")


def _break(corpus: Path, name: str, old: str, new: str) -> Path:
    path = corpus / "un-iom-2016" / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str, last: bool = False) -> int:
    lines = [i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return lines[-1] if last else lines[0]


def test_validate_reports_every_problem_with_file_and_line(corpus_copy: Path, run: Runner) -> None:
    en = _break(corpus_copy, "agreement.en.yaml", 'article: "6"', 'article: "5"')
    zh = _break(corpus_copy, "agreement.zh.yaml", "heading: 原则", "heading: [原则]")
    res = _break(corpus_copy, "resolution.en.yaml", "status: adopted", "status: passed")
    _break(corpus_copy, "note.zh.yaml", "lang: zh", "lang: fr")
    result = run("validate", str(corpus_copy))
    assert result.code == 1
    lines = result.out.splitlines()
    duplicate = 'article: "5"'
    expected = {
        f"{en}:{_line_of(en, duplicate, last=True)}": "duplicate id 'art_5'",
        f"{zh}:{_line_of(zh, 'heading: [原则]')}": "field 'heading' must be text, not a list",
        f"{res}:{_line_of(res, 'status: passed')}": "status 'passed' is not one of",
    }
    for where, message in expected.items():
        assert any(line.startswith(where + ": ") and message in line for line in lines), (where, message, lines)
    assert any("note.zh.yaml" in line and "unknown language code 'fr'" in line for line in lines)
    assert result.err.strip().endswith(f"problems in {corpus_copy}")


def test_other_commands_stop_with_exit_1_on_a_bad_corpus(corpus_copy: Path, run: Runner) -> None:
    _break(corpus_copy, "agreement.en.yaml", "status: approved", "status: maybe")
    result = run("--corpus", str(corpus_copy), "show", "5")
    assert result.code == 1
    assert result.err.startswith("unagree: error: invalid corpus: ")
    assert "agreement.en.yaml:" in result.err and "status 'maybe' is not one of" in result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "file is empty"),
        ("doc: [unclosed", "invalid YAML"),
        ("- just\n- a list\n", "must be a mapping"),
        (
            "doc: agreement\nlang: en\nmeta: {}\nbody:\n  - article: '1'\n    text: x\n    bogus: 1\n",
            "unknown field 'bogus'",
        ),
        ("doc: agreement\nlang: en\nbody:\n  - article: 'Article 1'\n    text: x\n", "is not a plain number"),
        ("doc: agreement\nlang: en\nbody:\n  - article: '1'\n", "needs either 'text' or 'paragraphs'"),
        ("doc: !!python/object/apply:os.getcwd []\n", "invalid YAML"),
        ("a: &x [1]\nb: *x\n", "anchor"),
    ],
)
def test_broken_document_files(corpus_copy: Path, content: str, message: str) -> None:
    path = corpus_copy / "un-iom-2016" / "agreement.en.yaml"
    path.write_text(content, encoding="utf-8")
    _, problems = validate(corpus_copy)
    assert any(message in p.message and p.file.endswith("agreement.en.yaml") for p in problems), problems
    with pytest.raises(CorpusError):
        load(corpus_copy)


def test_not_utf8_names_the_position(corpus_copy: Path) -> None:
    path = corpus_copy / "un-iom-2016" / "note.zh.yaml"
    raw = path.read_bytes()
    path.write_bytes(raw.replace("秘书长的说明".encode(), b"\xff\xfe", 1))
    _, problems = validate(corpus_copy)
    (problem,) = [p for p in problems if "not UTF-8" in p.message]
    assert problem.line == _line_of_bytes(raw, "秘书长的说明".encode())


def _line_of_bytes(raw: bytes, needle: bytes) -> int:
    return raw[: raw.index(needle)].count(b"\n") + 1


def test_missing_corpus_folder(run: Runner, tmp_path: Path) -> None:
    result = run("--corpus", str(tmp_path / "nowhere"), "show", "5")
    assert result.code == 1
    assert "corpus folder does not exist" in result.err
    empty = run("validate", str(tmp_path))
    assert empty.code == 1 and "no treaty set here" in empty.out


def test_several_treaty_sets_need_a_name(tmp_path: Path, run: Runner) -> None:
    import shutil

    shutil.copytree(FIXTURES / "mini" / "mini-pact", tmp_path / "mini-pact")
    shutil.copytree(FIXTURES / "mini" / "mini-pact", tmp_path / "other-pact")
    shutil.copytree(FIXTURES / "mini" / "sources", tmp_path / "sources")
    result = run("--corpus", str(tmp_path), "show", "1")
    assert result.code == 1 and "pick one of: mini-pact, other-pact" in result.err
    chosen = run("--corpus", str(tmp_path), "--treaty", "other-pact", "show", "1", "--lang", "en")
    assert chosen.code == 0 and chosen.out.startswith("Article 1")


def test_the_tool_never_writes_to_the_corpus(corpus_copy: Path, run: Runner) -> None:
    before = {p: p.stat().st_mtime_ns for p in corpus_copy.rglob("*")}
    for args in (("show", "5"), ("toc",), ("validate", str(corpus_copy))):
        run("--corpus", str(corpus_copy), *args)
    after = {p: p.stat().st_mtime_ns for p in corpus_copy.rglob("*")}
    assert before == after


def test_loading_pauses_cyclic_collection_and_restores_it() -> None:
    """collector.no_collection: no collection inside (loads, analyses), the collector as it was after, nested too."""
    import gc

    from unagree_cli.collector import no_collection
    from unagree_cli.corpus import load_treaty

    assert gc.isenabled()
    with no_collection():
        assert not gc.isenabled()
        with no_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the inner block leaves it to the outer one
    assert gc.isenabled()
    gc.disable()
    try:
        with no_collection():
            pass
        assert not gc.isenabled()  # off before, off after
    finally:
        gc.enable()
    with pytest.raises(RuntimeError), no_collection():
        raise RuntimeError
    assert gc.isenabled()
    load_treaty(bundled_corpus() / "un-iom-2016")
    assert gc.isenabled()
