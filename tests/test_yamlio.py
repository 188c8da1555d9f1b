"""yamlio: PyYAML imported without compiling what libyaml never uses, and the pure-Python loader unchanged."""

from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from unagree_cli import yamlio
from unagree_cli.patterns import Lazy


def test_re_compile_is_itself_again_after_the_import() -> None:
    from unagree_cli import patterns

    assert re.compile is patterns._plain_compile
    for name in ("_cache", "_cache2"):
        cache = getattr(re, name, {})
        assert not any(isinstance(value, Lazy) for value in cache.values()), name
    assert isinstance(re.compile(yamlio._READER_PATTERN), re.Pattern)


def test_importing_yamlio_compiles_no_reader_pattern() -> None:
    code = (
        "from unagree_cli import yamlio; from unagree_cli.patterns import Lazy; "
        "print(type(yamlio.yaml.reader.Reader.NON_PRINTABLE).__name__)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "Lazy"


@pytest.mark.parametrize("text", ["a: b\x07c\n", "a: \x1b[31mred\n", "a: \ufffe\n"])
def test_the_pure_python_loader_still_refuses_what_is_not_printable(text: str) -> None:
    reader = yamlio.yaml.reader
    with pytest.raises(reader.ReaderError):
        reader.Reader(text)


def test_both_loaders_read_printable_text_alike() -> None:
    text = "title: 联合国与国际移民组织关系协定\nlist: [1, 2.5, true, null, '2016-07-25']\n"
    loaders = [yamlio.yaml.SafeLoader, getattr(yamlio.yaml, "CSafeLoader", yamlio.yaml.SafeLoader)]
    assert len({repr(yamlio.yaml.load(text, Loader=loader)) for loader in loaders}) == 1


LOADERS = [
    pytest.param(yamlio.PurePythonLoader, id="python"),
    pytest.param(getattr(yamlio, "CLoader", yamlio.PurePythonLoader), id="libyaml"),
]

SAMPLES = [
    "",
    "# nothing\n",
    "a: b\n",
    "a: [1, 2.5, true, null, ~, '2016-07-25', 2016-07-25, 0x1f, .inf, yes, 'x']\n",
    'doc: agreement\nbody:\n- article: "1"\n  paragraphs:\n  - {num: "1", text: UN shall inform IOM.}\n  - num: 2\n',
    "nested: {a: {b: {c: [d, {e: f}]}}}\n",
    "key: |\n  block\n  text\nother: >\n  folded\n",
    "1: int key\n'1': text key\n",  # keys of different types
    "a: 1\na: 2\n",  # a key twice
    "? [a, b]\n: list key\n",  # a key that is not hashable
    "base: &b {x: 1}\nmore:\n  <<: *b\n  y: 2\n",  # a merge key
    "a: !!str 5\nb: !!int '7'\nc: !!binary aGVsbG8=\n",
    "a: !!int 1.5\n",  # a value its constructor refuses
    "d: 2016-02-30\n",  # a date that does not exist
    "a: !custom x\n",  # an unknown tag
    "- a\n- [b, c]\n- {d: e}\n",
    "a: b\n---\nc: d\n",  # two documents
    "a: [b\n",  # broken
    "= : value key\n",
]


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize("text", SAMPLES)
def test_load_gives_what_yaml_load_gives(loader: type[yamlio.PurePythonLoader], text: str) -> None:
    """yamlio.load builds text, lists and mappings itself: the same data, or the same error, as yaml.load."""
    previous = yamlio._Loader
    yamlio.use_loader(loader)
    try:
        try:
            expected: object = yamlio.yaml.load(text, Loader=loader)
        except Exception as exc:  # noqa: BLE001 - compared below
            with pytest.raises(type(exc)) as raised:
                yamlio.load(text)
            assert str(raised.value) == str(exc)
            return
        got = yamlio.load(text)
        assert repr(got) == repr(expected) and got == expected
    finally:
        yamlio.use_loader(previous)


def test_load_reads_the_shipped_corpus_as_yaml_load_does() -> None:
    from unagree_cli.folders import bundled_corpus

    files = sorted(bundled_corpus().rglob("*.yaml")) + sorted((Path(__file__).parent / "data").rglob("*.yaml"))
    assert files
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert yamlio.load(text) == yamlio.yaml.load(text, Loader=yamlio._Loader), path


def _random_data(rng: random.Random, depth: int = 0) -> object:
    choice = rng.randrange(9 if depth < 4 else 6)
    if choice == 0:
        return rng.choice([None, True, False, 0, -7, 2.5, "", "yes", "null", "1", "2016-07-25", "a: b", "- x"])
    if choice in (1, 2, 3, 4, 5):
        return "".join(rng.choice("ab 中文:-#&*'\"[]{},!|>\t") for _ in range(rng.randrange(6)))
    if choice in (6, 7):
        return [_random_data(rng, depth + 1) for _ in range(rng.randrange(4))]
    return {
        str(_random_data(rng, 4)) if rng.random() < 0.8 else rng.randrange(3): _random_data(rng, depth + 1)
        for _ in range(rng.randrange(4))
    }


@pytest.mark.parametrize("loader", LOADERS)
def test_load_gives_what_yaml_load_gives_on_random_documents(loader: type[yamlio.PurePythonLoader]) -> None:
    rng = random.Random(20261202)
    previous = yamlio._Loader
    yamlio.use_loader(loader)
    try:
        for _ in range(300):
            data = _random_data(rng)
            text = yamlio.yaml.safe_dump(data, allow_unicode=True, default_flow_style=rng.choice([None, True, False]))
            if rng.random() < 0.2:  # a key written twice, in a mapping of the document's last line
                text += text.splitlines()[-1] + "\n" if text.strip() else ""
            try:
                expected: object = yamlio.yaml.load(text, Loader=loader)
            except yamlio.yaml.YAMLError as exc:
                with pytest.raises(type(exc)) as raised:
                    yamlio.load(text)
                assert str(raised.value) == str(exc)
                continue
            assert repr(yamlio.load(text)) == repr(expected), text
    finally:
        yamlio.use_loader(previous)
