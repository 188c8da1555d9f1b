"""Cached analyses: obligations and translation-QA findings kept per treaty-set content and code, as checked JSON."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path
from typing import Any, NoReturn

import pytest
from conftest import CORPUS, FIXTURES, Runner

import unagree_cli.obligations as obligations
import unagree_cli.qa as qa
from unagree_cli import cache as cache_module
from unagree_cli import store
from unagree_cli.cache import cached_analysis, content_fingerprint, folder_fingerprint
from unagree_cli.corpus import load, load_treaty
from unagree_cli.model import TreatySet
from unagree_cli.store import source_fingerprint

FIXTURE_CORPORA = [FIXTURES / "polar", FIXTURES / "qa_modality", FIXTURES / "qa_terminology"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty cache folder for one test."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(folder))
    return folder


def analysis_files(cache: Path) -> list[Path]:
    folder = cache / "analyses"
    return sorted(folder.iterdir()) if folder.is_dir() else []


def every_statement(treaty: TreatySet) -> dict[tuple[str, str], list[obligations.Statement]]:
    return {(doc, lang): obligations.extract(treaty, doc, lang) for doc in treaty.doc_keys() for lang in ("en", "zh")}


def every_finding(treaty: TreatySet) -> list[dict[str, Any]]:
    return [item.to_dict() for item in qa.review_all(treaty, None, None, None).items]


def fail(*_args: object, **_kwargs: object) -> NoReturn:
    raise AssertionError("computed again: the cache was not read")


# ---------------------------------------------------------------- the fingerprint


def test_a_cached_load_has_a_fingerprint_of_the_content_and_an_uncached_one_none(
    cache: Path, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = corpus_copy / "un-iom-2016"
    first, second = load(corpus_copy), load(corpus_copy)  # parsed, then read from the cache
    files = folder_fingerprint(folder)
    assert files is not None
    assert first.fingerprint == second.fingerprint == content_fingerprint(files) != ""
    assert load(CORPUS).fingerprint == first.fingerprint  # the same files elsewhere: the same content
    os.utime(folder / "agreement.en.yaml", ns=(1, 1))
    assert load(corpus_copy).fingerprint == first.fingerprint  # a new time alone is no new content
    uncached, _ = load_treaty(folder)
    assert uncached is not None and uncached.fingerprint == ""
    monkeypatch.setenv("UNAGREE_NO_CACHE", "1")
    assert load(corpus_copy).fingerprint == ""


# ---------------------------------------------------------------- obligations


def test_statements_are_read_from_the_cache_the_second_time(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    treaty = load(CORPUS)
    first = every_statement(treaty)
    assert len(analysis_files(cache)) == len(treaty.versions) == 5  # one per (document, language)
    monkeypatch.setattr(obligations, "_extract", fail)
    assert every_statement(load(CORPUS)) == first


def test_statements_with_and_without_the_cache_are_identical(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for root in [CORPUS, *FIXTURE_CORPORA]:
        treaty = load(root)
        cold, warm = every_statement(treaty), every_statement(treaty)
        monkeypatch.setenv("UNAGREE_NO_CACHE", "1")
        uncached = every_statement(load(root))
        monkeypatch.delenv("UNAGREE_NO_CACHE")
        assert cold == warm == uncached, root.name
        assert any(cold.values()), root.name


def test_statements_survive_encoding_field_by_field(treaty: TreatySet) -> None:
    """A field added to Statement must be added to its encoding too: this fails until it is."""
    statements = [s for found in every_statement(treaty).values() for s in found]
    assert statements and any(s.organ is None for s in statements) and any(s.organ for s in statements)
    data = json.loads(json.dumps(obligations.encode_statements(statements)))
    assert obligations.decode_statements(data) == statements
    assert [f.name for f in dataclasses.fields(obligations.Statement)] == [
        *("doc", "ref", "eid", "parties", "actor", "organ", "modality"),
        *("action", "lang", "marker", "note", "bearers", "span", "marker_span", "clause_span"),
    ]


def test_an_edit_of_the_corpus_invalidates_the_statements(cache: Path, corpus_copy: Path) -> None:
    before = {s.ref: s.modality for s in obligations.extract(load(corpus_copy), "agreement", "en")}
    assert before["4"] == "permission"
    path = corpus_copy / "un-iom-2016" / "agreement.en.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Migration may, if it decides", "Migration shall, if it decides"), encoding="utf-8")
    after = {s.ref: s.modality for s in obligations.extract(load(corpus_copy), "agreement", "en")}
    assert after["4"] == "obligation"
    assert len(analysis_files(cache)) == 1  # the new result replaced the stale one


# ---------------------------------------------------------------- translation-QA findings


def test_findings_are_read_from_the_cache_the_second_time(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = every_finding(load(CORPUS))
    assert any(item["findings"] for item in first)
    monkeypatch.setattr(qa, "all_findings", fail)
    monkeypatch.setattr(obligations, "_extract", fail)
    assert every_finding(load(CORPUS)) == first
    # a part of a document and a choice of checks are cut from the same stored findings
    part = qa.review_all(load(CORPUS), "5", None, ["numbers,terminology"])
    assert [item.record.ref for item in part.items][:1] == ["5"]


@pytest.mark.parametrize("root", [CORPUS, *FIXTURE_CORPORA], ids=lambda p: p.name)
def test_diff_and_obligations_with_and_without_the_cache_print_the_same(
    root: Path, cache: Path, run: Runner, monkeypatch: pytest.MonkeyPatch
) -> None:
    commands = [
        ("diff", "--format", "json"),
        ("diff", "5", "--format", "json"),
        ("diff", "--check", "modality,numbers", "--only-issues", "--format", "json"),
        ("obligations", "--modality", "all", "--format", "json"),
        ("obligations", "--compare", "--format", "json"),
    ]
    outputs = []
    for setting in ("1", None, None):  # off, cold, warm
        if setting:
            monkeypatch.setenv("UNAGREE_NO_CACHE", setting)
        else:
            monkeypatch.delenv("UNAGREE_NO_CACHE", raising=False)
        outputs.append([run("--corpus", str(root), *args) for args in commands])
    off, cold, warm = ([(r.code, r.out, r.err) for r in results] for results in outputs)
    assert off == cold == warm
    assert any(code == 0 and out for code, out, _err in off)
    assert analysis_files(cache)


def test_a_corrupt_or_tampered_cache_file_is_ignored_and_rebuilt(cache: Path) -> None:
    statements = obligations.extract(load(CORPUS), "agreement", "en")
    findings = every_finding(load(CORPUS))
    files = analysis_files(cache)
    assert files
    garbage = [b"", b"\x00\xff not json", b"[1, 2", b"null", b'{"format": 1}']
    for index, path in enumerate(files):
        path.write_bytes(garbage[index % len(garbage)])
    assert obligations.extract(load(CORPUS), "agreement", "en") == statements
    assert every_finding(load(CORPUS)) == findings
    for path in analysis_files(cache):  # the right key, a value of the wrong type
        data = json.loads(path.read_bytes())
        if data["name"].startswith("obligations."):
            data["data"][-1]["parties"] = "not a list of parties"
        else:
            data["data"]["units"] = ["not", "an object"]
        path.write_text(json.dumps(data), encoding="utf-8")
    assert obligations.extract(load(CORPUS), "agreement", "en") == statements
    assert every_finding(load(CORPUS)) == findings


def test_no_cache_bypasses_it(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    treaty = load(CORPUS)
    monkeypatch.setenv("UNAGREE_NO_CACHE", "1")
    calls: list[str] = []
    real = obligations._extract

    def counting(*args: Any) -> list[obligations.Statement]:
        calls.append(args[1])
        return real(*args)

    monkeypatch.setattr(obligations, "_extract", counting)
    first = obligations.extract(treaty, "agreement", "en")
    assert obligations.extract(treaty, "agreement", "en") == first
    every_finding(treaty)
    assert calls == ["agreement"] * 2  # the modality check compares words and extracts nothing
    assert not (cache / "analyses").exists()


def test_an_unfingerprinted_set_is_never_cached(cache: Path) -> None:
    treaty, problems = load_treaty(CORPUS / "un-iom-2016")
    assert treaty is not None and not problems and treaty.fingerprint == ""
    assert obligations.extract(treaty, "agreement", "en") == obligations.extract(load(CORPUS), "agreement", "en")
    assert every_finding(treaty) == every_finding(load(CORPUS))
    names = {json.loads(p.read_bytes())["set"] for p in analysis_files(cache)}
    loaded = load(CORPUS)
    documents = {qa_document_key(loaded, doc) for doc in loaded.doc_keys()}
    assert names == documents  # all from the loaded set (the statements, the findings), each by its document


def context_of(treaty: TreatySet) -> qa.Context:
    from unagree_cli.align import align

    return qa.Context(treaty, align(treaty, treaty.default_doc))


def qa_document_key(treaty: TreatySet, doc: str) -> str:
    """What the findings of ``doc`` are keyed by: the document's files and the set's own data."""
    from unagree_cli.cache import document_fingerprint

    return document_fingerprint(treaty, doc)


def test_the_findings_of_a_document_are_kept_when_another_document_changes(cache: Path, corpus_copy: Path) -> None:
    before = load(corpus_copy)
    found = every_finding(before)
    statements = every_statement(before)
    stored = {p: p.read_bytes() for p in analysis_files(cache)}
    document = corpus_copy / "un-iom-2016" / "agreement.en.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace(" shall ", " may ", 1), encoding="utf-8")
    after = load(corpus_copy)
    assert every_finding(after) != found
    assert {key: value for key, value in every_statement(after).items() if key[0] != "agreement"} == {
        key: value for key, value in statements.items() if key[0] != "agreement"
    }
    changed = {json.loads(p.read_bytes())["name"] for p in analysis_files(cache) if stored.get(p) != p.read_bytes()}
    assert changed == {"qa.review/agreement", "obligations.extract/agreement/en", "obligations.extract/agreement/zh"}
    assert qa_document_key(after, "note") == qa_document_key(before, "note")
    assert qa_document_key(after, "agreement") != qa_document_key(before, "agreement")
    assert qa.treaty_data(context_of(after)) == qa.treaty_data(context_of(before))  # the set's data: treaty.yaml
    treaty_file = corpus_copy / "un-iom-2016" / "treaty.yaml"  # ... in every document's key
    treaty_file.write_text(treaty_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = load(corpus_copy)
    assert all(qa_document_key(again, doc) != qa_document_key(after, doc) for doc in again.doc_keys())


def test_the_analyses_never_write_into_the_corpus(cache: Path, corpus_copy: Path) -> None:
    def snapshot() -> dict[str, tuple[int, int]]:
        return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(corpus_copy.rglob("*"))}

    load(corpus_copy)
    before = snapshot()
    for _ in range(2):
        every_statement(load(corpus_copy))
        every_finding(load(corpus_copy))
    assert snapshot() == before
    assert analysis_files(cache)


# ---------------------------------------------------------------- the generic memo


def test_cached_analysis_is_keyed_by_name_content_and_code(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    treaty = load(CORPUS)
    calls: list[str] = []

    def analyse(name: str) -> list[str]:
        def compute() -> list[str]:
            calls.append(name)
            return [name, "结果"]

        return cached_analysis(treaty, name, compute, list[str])

    assert analyse("a") == analyse("a") == ["a", "结果"] and calls == ["a"]
    assert analyse("b") == ["b", "结果"] and calls == ["a", "b"]
    monkeypatch.setattr(store, "_code", ["another code fingerprint"])
    assert analyse("a") == ["a", "结果"] and calls == ["a", "b", "a"]  # other code, other key
    other = dataclasses.replace(treaty, fingerprint="0" * 32)  # other content
    assert cached_analysis(other, "a", lambda: ["new"], list[str]) == ["new"]
    stored = [json.loads(path.read_bytes()) for path in analysis_files(cache)]
    assert sorted(data["name"] for data in stored) == ["a", "b"]  # the same name in the same folder: replaced
    assert {data["set"]: data["data"] for data in stored if data["name"] == "a"} == {"0" * 32: ["new"]}


def test_a_stale_result_of_the_same_code_and_question_is_handed_to_update(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    treaty = load(CORPUS)
    seen: list[object] = []

    def run(on: TreatySet, name: str = "a") -> list[str]:
        def update(previous: list[str]) -> list[str]:
            seen.append(previous)
            return [*previous, "updated"]

        return cached_analysis(on, name, lambda: ["computed"], list[str], update=update)

    assert run(treaty) == ["computed"] and seen == []  # nothing before: computed
    assert run(treaty) == ["computed"] and seen == []  # the same content: served
    edited = dataclasses.replace(treaty, fingerprint="1" * 32)
    assert run(edited) == ["computed", "updated"] and seen == [["computed"]]  # another content: updated
    assert run(edited) == ["computed", "updated"] and len(seen) == 1
    assert run(edited, "b") == ["computed"]  # another question: nothing to update from
    monkeypatch.setattr(store, "_code", ["another code fingerprint"])
    assert run(treaty) == ["computed"] and len(seen) == 1  # other code: never updated from
    for path in analysis_files(cache):  # a damaged entry: computed again, never handed on
        path.write_bytes(path.read_bytes().replace(b'"data":[', b'"data":[1,'))
    assert run(edited) == ["computed"] and len(seen) == 1


def test_the_code_fingerprint_follows_every_source_file_of_the_package(tmp_path: Path) -> None:
    package = tmp_path / "unagree_cli"
    shutil.copytree(Path(cache_module.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = source_fingerprint(str(package))
    assert before is not None and before == source_fingerprint(str(package))
    assert before == store.code_fingerprint(), "the installed package hashes the same"
    for edited in ("qa/numbers.py", "obligations/english.py", "render.py"):  # any module, not a hand-kept list
        module = package / edited
        original = module.read_bytes()
        module.write_bytes(original + b"\n# edited\n")
        assert source_fingerprint(str(package)) not in (None, before), edited
        module.write_bytes(original)
    assert source_fingerprint(str(package)) == before
    (package / "cli.py").unlink()  # not the package's source any more: no fingerprint, no cache
    assert source_fingerprint(str(package)) is None


def test_the_code_fingerprint_is_taken_from_its_memo_while_no_source_file_changes(
    tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "unagree_cli"
    shutil.copytree(Path(cache_module.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    expected = source_fingerprint(str(package))
    assert store._code_hash(str(package)) == expected
    memos = cache / "code"
    assert not memos.is_dir() or not list(memos.iterdir()), "files changed a moment ago: nothing memoised"
    old = 1_600_000_000
    for path in package.rglob("*"):
        os.utime(path, (old, old))
    monkeypatch.setattr(store, "RACY_NS", 0)  # the copy's ctimes are new; what matters here is the memo
    assert store._code_hash(str(package)) == expected
    assert len(list(memos.iterdir())) == 1

    def hashed_again(*_args: object) -> str:
        return "f" * 32

    monkeypatch.setattr(store, "source_fingerprint", hashed_again)
    assert store._code_hash(str(package)) == expected, "unchanged files: the memo answers"
    module = package / "qa" / "numbers.py"
    original = module.read_bytes()
    module.write_bytes(original.replace(b"a", b"b", 1))  # the same size, the old time put back: ctime tells
    os.utime(module, (old, old))
    assert store._code_hash(str(package)) == "f" * 32, "an edited file is hashed again"
    assert len(list(memos.iterdir())) == 1, "the memo of the old code is removed"
    memo = next(memos.iterdir())
    memo.write_text("not a hash")
    monkeypatch.setattr(store, "source_fingerprint", lambda *_args: expected)
    assert store._code_hash(str(package)) == expected, "a damaged memo is ignored and replaced"
    assert memo.read_text() == expected
