"""qa.all_findings after an edit: the findings kept from the text before it are those running every check gives.

A unit check's findings are kept when its record, the set's own data and the values of the
document it declares (``unit_context``) are unchanged. These tests compare that with running
every check again: on the injected slips of the development and held-out sets (each a
faithful text edited in many places), on random edits of every kind of unit, and through the
command with the analysis cache; and they hold the checks to what they declare.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import random
import re
import shutil
from pathlib import Path

import pytest

from unagree_cli import store
from unagree_cli.align import align
from unagree_cli.corpus import CorpusError, load
from unagree_cli.model import Record, TreatySet
from unagree_cli.qa import CATALOGUE, Check, Context, Finding, Findings, all_checks, all_findings, treaty_data

FIXTURES = Path(__file__).parent / "fixtures"
CORPUS = Path(__file__).parent.parent / "corpus"


def findings(treaty: TreatySet, doc: str, previous: Findings | None = None) -> Findings:
    return all_findings(Context(treaty, align(treaty, doc)), all_checks(), previous)


def assert_same_as_a_full_run(before: TreatySet, after: TreatySet) -> int:
    """Every document of ``after`` reviewed from ``before``'s findings and afresh: the same; the units kept."""
    kept = 0
    for doc in after.doc_keys():
        if doc not in before.doc_keys():
            continue
        previous = findings(before, doc)
        full = findings(after, doc)
        again = findings(after, doc, previous)
        assert store.encode(again) == store.encode(full), doc
        old = dict(line.split("\t") for line in previous.inputs.splitlines())
        kept += sum(1 for line in full.inputs.splitlines() if old.get(line.split("\t")[0]) == line.split("\t")[1])
    return kept


@pytest.mark.parametrize(
    ("faithful", "slipped"),
    [("devset", "devset-slips"), ("blindset", "blindset-slips")],
)
def test_the_injected_slips_are_found_as_by_a_full_run(faithful: str, slipped: str) -> None:
    for folder in sorted((FIXTURES / faithful).iterdir()):
        if not (folder / "treaty.yaml").is_file():
            continue
        before = load(FIXTURES / faithful, folder.name)
        after = load(FIXTURES / slipped, folder.name)
        kept = assert_same_as_a_full_run(before, after)
        assert kept > 0, folder.name  # most units are untouched by the slips: their findings were reused


# Edits a reviser makes: a word for another, a modal flipped, a number, a sentence joined, a phrase doubled,
# a negation dropped, a party for the other; each applied to one occurrence chosen at random in one file.
EDITS: list[tuple[str, str]] = [
    (r" shall ", " may "),
    (r" may ", " shall "),
    (r" not ", " "),
    (r"\d", "7"),
    (r"\. ", "; "),
    (r" the ", " the the "),
    (r"Organization", "Organisation"),
    (r"应", "可"),
    (r"不得", "得"),
    (r"。", "，"),
    (r"第(\S)条", r"第十\1条"),
    (r"联合国", "国际移民组织"),
    (r"\(", ""),
]


def _edited(source: Path, target: Path, rng: random.Random) -> bool:
    """A copy of the corpus ``source`` with one edit in one document file; False when none applied."""
    shutil.copytree(source, target)
    files = sorted(p for p in target.rglob("*.yaml") if p.name != "treaty.yaml")
    rng.shuffle(files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        body = text.index("body:") if "body:" in text else 0
        choices = [(pattern, repl) for pattern, repl in EDITS if re.search(pattern, text[body:])]
        if not choices:
            continue
        pattern, repl = rng.choice(choices)
        spots = [m for m in re.finditer(pattern, text[body:])]
        spot = rng.choice(spots)
        start, end = body + spot.start(), body + spot.end()
        path.write_text(text[:start] + spot.expand(repl) + text[end:], encoding="utf-8")
        return True
    return False


CORPORA = [
    (CORPUS, None),
    (FIXTURES / "devset", "calvara-gfcr-2025"),
    (FIXTURES / "devset", "un-ioea-2025"),
    (FIXTURES / "blindset", "merovia-icalr-2026"),
    (FIXTURES / "qa_missing", None),
    (FIXTURES / "polar", None),
]


@pytest.mark.parametrize(("corpus", "name"), CORPORA, ids=lambda v: getattr(v, "name", None) or str(v))
def test_random_edits_are_reviewed_as_by_a_full_run(
    corpus: Path, name: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNAGREE_NO_CACHE", "1")
    before = load(corpus, name)
    rng = random.Random(f"{corpus.name}/{name}")
    tried = 0
    for attempt in range(12):
        target = tmp_path / f"edit-{attempt}"
        if not _edited(corpus, target, rng):
            continue
        try:
            after = load(target, name)
        except CorpusError:  # an edit that leaves the set invalid (a number in a reference): nothing to compare
            continue
        assert_same_as_a_full_run(before, after)
        # the set's own data comes from treaty.yaml, never from a document: findings of other documents keep
        doc = before.default_doc
        assert treaty_data(Context(after, align(after, doc))) == treaty_data(Context(before, align(before, doc)))
        tried += 1
    assert tried >= 6


def test_a_changed_document_value_reviews_every_unit_again_for_that_check_only() -> None:
    """``sentences`` reads the document's length ratio: when it differs, the check runs on every unit again."""
    treaty = load(CORPUS)
    context = Context(treaty, align(treaty, "agreement"))
    previous = findings(treaty, "agreement")
    previous.contexts["sentences"] = "another ratio"
    calls: list[str] = []

    def counted(check: Check) -> Check:
        unit = check.unit
        assert unit is not None

        def counting(ctx: Context, record: Record) -> list[Finding]:
            calls.append(check.name)
            return unit(ctx, record)

        return Check(check.name, check.summary, counting, check.document, check.languages, check.unit_context)

    checks = [counted(c) if c.name in ("sentences", "numbers") else c for c in all_checks()]
    again = all_findings(context, checks, previous)
    assert calls.count("sentences") == len(context.alignment.records) and calls.count("numbers") == 0
    assert store.encode(again) == store.encode(findings(treaty, "agreement"))


# What a unit check may read beyond its record: the set's own data (glossary, parties, labels, title) and the
# languages. The document (its other units, its alignment, the texts of other documents) only through values its
# module declares in ``unit_context``.
DOCUMENT_ATTRIBUTES = {
    "alignment",
    "versions",
    "records",
    "doc_keys",
    "adoption_record",
    "list_sizes",
    "meta",
    "present",
    "one_sided",
    "draft_and_final",
    "units",
}


def _reachable(tree: ast.Module, start: str) -> set[str]:
    """Functions of the module ``start`` calls, directly or not (by name), ``start`` included."""
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    seen: set[str] = set()
    todo = [start]
    while todo:
        name = todo.pop()
        if name in seen or name not in functions:
            continue
        seen.add(name)
        todo += [n.id for n in ast.walk(functions[name]) if isinstance(n, ast.Name) and n.id in functions]
    return seen


@pytest.mark.parametrize("row", CATALOGUE, ids=lambda row: row[0])
def test_a_unit_check_reads_the_document_only_through_what_it_declares(row: tuple[object, ...]) -> None:
    name, _summary, unit, _document, _languages, reads_document = row
    module = importlib.import_module(f"unagree_cli.qa.{name}")
    assert hasattr(module, "unit_context") == reads_document
    if not unit or reads_document:
        return
    tree = ast.parse(inspect.getsource(module))
    functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
    for function in _reachable(tree, "check_unit"):
        touched = {
            node.attr
            for node in ast.walk(functions[function])
            if isinstance(node, ast.Attribute) and node.attr in DOCUMENT_ATTRIBUTES
        }
        assert not touched, f"{name}.{function} reads {sorted(touched)} of the document without declaring it"


def test_the_diff_after_an_edit_is_the_diff_of_a_fresh_cache(tmp_path: Path) -> None:
    """Through the command: an edited corpus reviewed from the cached findings, and with no cache at all."""
    import os
    import subprocess
    import sys

    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    base = {k: v for k, v in os.environ.items() if not k.startswith("UNAGREE_")}

    def diff(cache: str, **extra: str) -> str:
        env = {**base, "UNAGREE_CACHE_DIR": str(tmp_path / cache), "COLUMNS": "100", **extra}
        argv = [sys.executable, "-m", "unagree_cli", "--corpus", str(corpus), "diff", "--format", "json"]
        done = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode in (0, 1), done.stderr
        return done.stdout

    first = diff("cache")  # the findings of the text before the edits, kept
    document = corpus / "un-iom-2016" / "agreement.en.yaml"
    text = document.read_text(encoding="utf-8")
    document.write_text(text.replace(" shall ", " may ", 2).replace(" not ", " ", 1), encoding="utf-8")
    edited = diff("cache")
    assert edited != first
    assert edited == diff("other-cache") == diff("cache", UNAGREE_NO_CACHE="1")
