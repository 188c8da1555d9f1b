"""The corpus search index: the same hits as a full scan, kept up to date, rebuilt when broken."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unagree_cli import index as index_module
from unagree_cli.corpus import load, treaty_folders
from unagree_cli.index import index_file, open_index, search_key
from unagree_cli.scale import write_scaled_corpus
from unagree_cli.search import compile_query, search


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("template") / "corpus"
    write_scaled_corpus(target, 3)
    return target


@pytest.fixture
def corpus(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable three-set corpus and an empty cache folder of its own."""
    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(tmp_path / "cache"))
    target = tmp_path / "corpus"
    shutil.copytree(template, target)
    return target


def full_scan(root: Path, text: str, langs: list[str], regex: bool = False) -> list[str]:
    """What searching every set one by one gives: ``set doc:ref`` per hit."""
    query = compile_query(text, langs, regex)
    return [f"{folder.name} {hit.address}" for folder in treaty_folders(root) for hit in search(load(folder), query)]


QUERIES = [
    ("通行证", ["en", "zh"], False),
    ("协定", ["zh"], False),  # two characters: below a trigram
    ("协", ["zh"], False),
    ("laissez-passer", ["en", "zh"], False),
    ("UN", ["en"], False),
    ("united nations", ["en"], False),
    ("Organization   for Migration 2", ["en"], False),
    ("第７０/２６３号", ["zh"], False),  # full-width forms
    ("supplementary arrangements", ["en", "zh"], False),
    ("Article 14|第十四条", ["en", "zh"], True),
    # variants: the index's prefilter must keep every unit a variant matches
    ("arrangement", ["en", "zh"], False),  # arrangements
    ("Party", ["en"], False),  # Parties
    ("Organisation", ["en"], False),  # Organization
    ("Secretary General", ["en", "zh"], False),  # Secretary-General
    ("laissez passer", ["en"], False),  # laissez-passer
    ("Director-General", ["en"], False),  # Director General
    ("ＩＯＭ", ["en", "zh"], False),
    ("co-operation", ["en"], False),  # cooperation
    ("第70／263号决议", ["zh"], False),
    ("nothing like this", ["en", "zh"], False),
]


@pytest.mark.parametrize(("text", "langs", "regex"), QUERIES, ids=[q[0] for q in QUERIES])
def test_index_finds_what_a_full_scan_finds_in_the_same_order(corpus: Path, text: str, langs, regex) -> None:  # type: ignore[no-untyped-def]
    index = open_index(corpus)
    found = [hit.address for hit in index.search(compile_query(text, langs, regex))]
    assert found == full_scan(corpus, text, langs, regex)
    index.close()


def test_records_and_matches_are_the_scanned_ones(corpus: Path) -> None:
    query = compile_query("通行证", ["en", "zh"])
    hits = open_index(corpus).search(query, docs=["agreement"], treaties=["set-0002"])
    expected = search(load(corpus, "set-0002"), query, ["agreement"])
    assert [h.hit.to_dict() for h in hits] == [h.to_dict() for h in expected]
    assert hits[0].to_dict()["treaty"] == "set-0002"


def test_sets_lists_every_set_by_name(corpus: Path) -> None:
    entries = open_index(corpus).sets()
    assert [e.name for e in entries] == ["set-0001", "set-0002", "set-0003"]
    assert entries[1].to_dict() == {
        "name": "set-0002",
        "id": "un-iom-2016-set-0002",
        "title": load(corpus, "set-0002").title,
        "languages": ["en", "zh"],
        "documents": ["resolution", "agreement", "note"],
        "units": len(open_index(corpus).search(compile_query(".", ["en", "zh"], True), treaties=["set-0002"])),
        "problems": 0,
    }


class Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        from unagree_cli import corpus

        self.calls: list[str] = []
        real = corpus.load_treaty

        def counting(folder: Path):  # type: ignore[no-untyped-def]
            self.calls.append(folder.name)
            return real(folder)

        monkeypatch.setattr(corpus, "load_treaty", counting)


def test_only_changed_sets_are_read_again(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = Counter(monkeypatch)
    open_index(corpus).close()
    assert counter.calls == ["set-0001", "set-0002", "set-0003"]
    open_index(corpus).close()
    assert counter.calls == ["set-0001", "set-0002", "set-0003"], "nothing changed, nothing is read"
    touched = corpus / "set-0001" / "note.zh.yaml"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    open_index(corpus).close()
    assert counter.calls[3:] == [], "a new mtime with the same content is not a change"
    path = corpus / "set-0003" / "agreement.en.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("laissez-passer", "travel pass"), encoding="utf-8")
    index = open_index(corpus)
    assert counter.calls[3:] == ["set-0003"]
    assert [h.treaty for h in index.search(compile_query("travel pass", ["en"]))] == ["set-0003"]
    assert "set-0003" not in {h.treaty for h in index.search(compile_query("laissez-passer", ["en"]))}


def test_added_and_removed_sets(corpus: Path) -> None:
    open_index(corpus).close()
    shutil.rmtree(corpus / "set-0002")
    shutil.copytree(corpus / "set-0001", corpus / "set-0009")
    index = open_index(corpus)
    assert [e.name for e in index.sets()] == ["set-0001", "set-0003", "set-0009"]
    assert [h.treaty for h in index.search(compile_query("通行证", ["zh"]))] == ["set-0001", "set-0003", "set-0009"]


def test_a_set_with_problems_is_listed_with_them(corpus: Path) -> None:
    (corpus / "set-0003" / "note.zh.yaml").write_text("doc: note\nlang: zh\nbody: [", encoding="utf-8")
    entries = open_index(corpus).sets()
    assert [len(e.problems) > 0 for e in entries] == [False, False, True]
    assert "note.zh.yaml" in entries[2].problems[0][0]


@pytest.mark.parametrize("garbage", [b"", b"not a database at all" * 100], ids=["empty", "garbage"])
def test_a_corrupt_index_is_rebuilt(corpus: Path, garbage: bytes) -> None:
    open_index(corpus).close()
    path = index_file(corpus)
    assert path is not None and path.is_file()
    path.write_bytes(garbage)
    assert len(open_index(corpus).search(compile_query("通行证", ["zh"]))) == 3


def test_an_index_of_another_schema_is_rebuilt(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_index(corpus).close()
    monkeypatch.setattr(index_module, "SCHEMA", index_module.SCHEMA + 1)
    index = open_index(corpus)
    assert index.schema() == index_module.SCHEMA and len(index.sets()) == 3


def test_without_a_cache_the_index_lives_in_memory(corpus: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UNAGREE_NO_CACHE", "1")
    assert index_file(corpus) is None
    assert len(open_index(corpus).search(compile_query("通行证", ["zh"]))) == 3


def test_progress_is_reported_per_set(corpus: Path) -> None:
    seen: list[tuple[int, int]] = []
    open_index(corpus, lambda done, total: seen.append((done, total))).close()
    assert seen == [(1, 3), (2, 3), (3, 3)]


VARIANTS = {"a": "A", "A": "a", "s": "ſS", "i": "IıİＩ", "0": "０", "1": "１", "σ": "ςΣ", "K": "Kk", "é": "É"}


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from("aAbB ıIİſsSςσΣ通行证０0１1\u3000\t\u00e9e\u0301KKé"), min_size=1, max_size=14),
    st.data(),
)
def test_search_key_keeps_every_match_a_substring(text: str, data: st.DataObject) -> None:
    """Whatever a query matches in a text, the query's key is inside the text's key: the index loses no hit."""
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    needle = "".join(data.draw(st.sampled_from([c, *VARIANTS.get(c, ""), f" {c}"])) for c in text[start:end])
    if not needle.strip():
        return
    for lang in ("en", "zh"):
        if any(m.end() > m.start() for m in compile_query(needle, [lang]).patterns[lang].finditer(text)):
            assert search_key(needle) in search_key(text), (needle, text, lang)
