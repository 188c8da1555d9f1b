"""``unagree search`` prints byte for byte what it printed before its hit path was made lean.

Every case (a corpus, the arguments, a terminal or a pipe) is run in-process and its exit
code, standard output and standard error are hashed; ``data/search_outputs.json`` holds the
hashes the code before that work gave (commit fd97115). The corpora: the bundled set, a
copy of it with control characters, bidi controls and markup in every text (one set, and
two sets side by side), the three sets of the development fixture (different texts), and
three synthetic sets (:mod:`unagree_cli.scale`): searches over one set and over every set
(through the index), in every format, ``--kwic``, ``--count``, ``--refs-only``,
``--exact``, ``--regex``, ``--doc``, ``--lang`` and ``-C``.

To write the hashes again (only for a deliberate change of output), run this file with
Python: ``python tests/test_search_outputs.py``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "data" / "search_outputs.json"

Case = tuple[str, tuple[str, ...], str]  # corpus, arguments after "search", terminal ("pipe", "tty120c", "tty70")

SHARED_QUERIES = [
    "通行证",
    "arrangements",
    "supplementary arrangement",
    "Secretary General",
    "ＩＯＭ",
    "第70/263号",
    "Party",
    "UN",
    "shall",
    "Organisation",
    "协定",
    "end",
    "x",
    "nothing-matches-this",
]
REGEXES = ["Article 14|第十四条", r"\d+\.\d+", "(?i)organi[sz]ation", "[\\x00-\\x1f\\x7f-\\x9f]", "^", "第.条"]
EXACTS = ["Parties", "通行证", "Party", "ＩＯＭ"]
EVERY_OPTION = [
    (),
    ("--format", "plain"),
    ("--format", "json"),
    ("--format", "jsonl"),
    ("--format", "csv"),
    ("--format", "md"),
    ("--format", "table"),
    ("--kwic",),
    ("--kwic", "--format", "json"),
    ("--kwic", "--format", "jsonl"),
    ("--kwic", "--format", "csv"),
    ("--count",),
    ("--count", "--format", "json"),
    ("--count", "--format", "csv"),
    ("--refs-only",),
    ("--doc", "agreement"),
    ("--doc", "agreement", "--format", "json"),
    ("--lang", "en"),
    ("--lang", "zh", "--format", "jsonl"),
    ("--lang", "en,zh", "--kwic"),
    ("-C", "1"),
    ("-C", "1", "--format", "json"),
    ("--kwic", "-C", "1"),
    ("--exact", "--format", "json"),
]
TERMINAL_OPTIONS = [(), ("--kwic",), ("--format", "csv"), ("--count",), ("-C", "1")]
CORPORA = ["bundled", "hostile", "hostile2", "devset", "three"]


def cases() -> list[Case]:
    made: list[Case] = []
    for corpus in CORPORA:
        treaty = {
            "hostile2": ("--treaty", "one"),
            "devset": ("--treaty", "un-ioea-2025"),
            "three": ("--treaty", "set-0002"),
        }
        for query in SHARED_QUERIES:
            for options in [(), ("--format", "json"), ("--kwic",), ("--count",), ("--format", "jsonl")]:
                made.append((corpus, (query, *options), "pipe"))
        for query in REGEXES:
            for options in [(), ("--format", "json"), ("--kwic",), ("--refs-only",)]:
                made.append((corpus, (query, "--regex", *options), "pipe"))
        for query in EXACTS:
            for options in [(), ("--format", "json")]:
                made.append((corpus, (query, "--exact", *options), "pipe"))
        for query in ["arrangements", "通行证", "shall"]:
            for options in EVERY_OPTION:
                made.append((corpus, (query, *options), "pipe"))
            for options in TERMINAL_OPTIONS:
                made += [(corpus, (query, *options), "tty120c"), (corpus, (query, *options), "tty70")]
            if corpus in treaty:  # one set of several: the single-set path
                for options in [(), ("--format", "json"), ("--kwic",), ("-C", "1"), ("--count",)]:
                    made.append((corpus, (query, *treaty[corpus], *options), "pipe"))
        made += [
            (corpus, ("(", "--regex"), "pipe"),
            (corpus, ("  ",), "pipe"),
            (corpus, ("x", "--regex", "--exact"), "pipe"),
            (corpus, ("shall", "--doc", "nosuchdoc"), "pipe"),
            (corpus, ("shall", "--lang", "fr"), "pipe"),
        ]
    return made


def build_corpora(folder: Path) -> dict[str, Path | None]:
    """Every corpus of :data:`CORPORA` under ``folder`` (None: the bundled one, the default)."""
    sys.path.insert(0, str(HERE))
    from test_terminal_safety import build_hostile_corpus

    from unagree_cli.scale import write_scaled_corpus

    hostile = build_hostile_corpus(folder / "hostile")
    pair = folder / "hostile2"
    pair.mkdir()
    shutil.copytree(hostile / "sources", pair / "sources")
    for name in ("one", "two"):
        shutil.copytree(hostile / "un-iom-2016", pair / name)
    three = folder / "three"
    write_scaled_corpus(three, 3)
    return {
        "bundled": None,
        "hostile": hostile,
        "hostile2": pair,
        "devset": HERE / "fixtures" / "devset",
        "three": three,
    }


def outcome(corpus: Path | None, args: tuple[str, ...], terminal: str) -> str:
    """The sha256 of a run's exit code, output and error output."""
    from unagree_cli import store
    from unagree_cli.cli import main
    from unagree_cli.render import Output

    store.forget_folders()
    stream = io.StringIO()
    if terminal == "pipe":
        output = Output(stream=stream, is_tty=False, width=120, no_color=True, force_color=False)
    elif terminal == "tty120c":
        output = Output(stream=stream, is_tty=True, width=120, no_color=False, force_color=True)
    else:
        output = Output(stream=stream, is_tty=True, width=70, no_color=True, force_color=False)
    argv = ([] if corpus is None else ["--corpus", str(corpus)]) + ["search", *args]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv, output=output)
    text = f"{code}\0{stream.getvalue()}{out.getvalue()}\0{err.getvalue()}"
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def key(case: Case) -> str:
    corpus, args, terminal = case
    return json.dumps([corpus, list(args), terminal], ensure_ascii=False)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Path | None]]:
    yield build_corpora(tmp_path_factory.mktemp("outputs"))


@pytest.mark.slow
def test_every_search_prints_what_it_printed_before(corpora: dict[str, Path | None]) -> None:
    expected: dict[str, str] = json.loads(EXPECTED.read_text(encoding="utf-8"))
    made = cases()
    assert {key(case) for case in made} == set(expected), "the cases are not those the hashes were written for"
    different = [key(case) for case in made if outcome(corpora[case[0]], case[1], case[2]) != expected[key(case)]]
    assert not different, f"{len(different)} of {len(made)} outputs changed, first: {different[:5]}"


def test_the_cases_cover_every_corpus_and_format() -> None:
    made = cases()
    assert {corpus for corpus, _args, _terminal in made} == set(CORPORA)
    formats = {args[args.index("--format") + 1] for _c, args, _t in made if "--format" in args}
    assert formats == {"plain", "json", "jsonl", "csv", "md", "table"}


def _write() -> None:
    """Run every case and write the hashes (see the module docstring)."""
    import tempfile

    from conftest import PINNED_ENV, UNSET_ENV

    for name, value in PINNED_ENV.items():
        os.environ[name] = value
    for name in UNSET_ENV:
        os.environ.pop(name, None)
    with tempfile.TemporaryDirectory() as folder:
        os.environ["UNAGREE_CACHE_DIR"] = str(Path(folder) / "cache")
        built = build_corpora(Path(folder))
        hashes = {key(case): outcome(built[case[0]], case[1], case[2]) for case in cases()}
    EXPECTED.write_text(json.dumps(hashes, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(hashes)} cases written to {EXPECTED}")


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    _write()
