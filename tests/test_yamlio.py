"""yamlio: PyYAML imported without compiling what libyaml never uses, and the pure-Python loader unchanged."""

from __future__ import annotations

import re
import subprocess
import sys

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
