"""patterns: regular expressions compiled on first use, their matching code kept between runs."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from unagree_cli import patterns, store

SAMPLES: list[tuple[str, int]] = [
    (r"\b(?:shall|may|must)(?:\s+not)?\b", re.IGNORECASE),
    (r"(?P<n1>\d{1,3})(?:\.(?P<n2>\d{1,3}))?", 0),
    (r"[\u4e00-\u9fff]+(?:应|可|不得)", 0),
    (r"^第(?P<n>[一二三四五六七八九十百]+)条$", re.MULTILINE),
    (r"(a)(b)?(?(2)c|d)", 0),
    (r"(?i:Article)\s+(\d+)", re.UNICODE | re.DOTALL),
    (r"(?<=\s)-(?=\s)|\s{2,}", 0),
    (r"[^\x00-\x7f]", re.ASCII),
]
TEXTS = ["The Parties shall not MAY 12.3 第十五条\n可", "abd abcd ab c", "x - y  z", "第三条", "Article  7 §"]


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A private cache folder, and no pattern remembered in this process."""
    monkeypatch.setenv("UNAGREE_CACHE_DIR", str(tmp_path / "cache"))
    store.forget_folders()
    monkeypatch.setattr(patterns, "_compiled", {})
    monkeypatch.setattr(patterns, "_stored", None)
    monkeypatch.setattr(patterns, "_new", {})
    yield tmp_path / "cache" / "patterns"
    store.forget_folders()


def same(a: re.Pattern[str], b: re.Pattern[str]) -> None:
    assert (a.pattern, a.flags, a.groups, a.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    for text in TEXTS:
        assert [m.span() for m in a.finditer(text)] == [m.span() for m in b.finditer(text)]
        assert [m.groups() for m in a.finditer(text)] == [m.groups() for m in b.finditer(text)]


@pytest.mark.parametrize(("source", "flags"), SAMPLES)
def test_a_pattern_compiled_here_and_from_kept_code_matches_as_re_compile(
    kept: Path, monkeypatch: pytest.MonkeyPatch, source: str, flags: int
) -> None:
    same(patterns.compile(source, flags), re.compile(source, flags))
    patterns.save()
    assert len(list(kept.iterdir())) == 1
    monkeypatch.setattr(patterns, "_compiled", {})
    monkeypatch.setattr(patterns, "_stored", None)

    def compiled_again(source: str, flags: int) -> re.Pattern[str]:
        raise AssertionError("compiled again: the kept code was not used")

    monkeypatch.setattr(patterns, "_compile_and_keep", compiled_again)
    same(patterns.compile(source, flags), re.compile(source, flags))


def test_kept_code_that_is_damaged_or_foreign_is_compiled_afresh(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    source, flags = SAMPLES[0]
    patterns.compile(source, flags)
    patterns.save()
    (target,) = kept.iterdir()
    stored = json.loads(target.read_bytes())
    key = next(iter(stored["data"]))
    for damage in (
        [0, "AAAA", 0, {}, []],  # one code unit: not code the engine takes
        [0, "AQAAAAIAAAADAAAA", 0, {}, []],
        [0, "not base64!", 0, {}, []],
        [0, "AAA", 0, {}, []],  # not a whole code unit
        [0, [1, 2, 3], 0, {}, []],
        ["x"],
        None,
    ):
        stored["data"][key] = damage
        target.write_text(json.dumps(stored))
        monkeypatch.setattr(patterns, "_compiled", {})
        monkeypatch.setattr(patterns, "_stored", None)
        same(patterns.compile(source, flags), re.compile(source, flags))
    target.write_text("not json")
    monkeypatch.setattr(patterns, "_compiled", {})
    monkeypatch.setattr(patterns, "_stored", None)
    same(patterns.compile(source, flags), re.compile(source, flags))


def test_a_bad_pattern_raises_as_re_compile_does(kept: Path) -> None:
    with pytest.raises(re.error, match="unterminated"):
        patterns.compile("(unclosed", 0)
    with pytest.raises(re.error):
        re.compile("(unclosed")


def test_the_file_is_per_python_build_and_keeps_at_most_max_kept(kept: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MAX_KEPT", 3)
    for index in range(5):
        patterns.compile(f"word{index}", 0)
    patterns.save()
    (target,) = kept.iterdir()
    data = json.loads(target.read_bytes())
    assert data["python"] == patterns._tag()
    assert sorted(data["data"]) == [f"0\0word{index}" for index in (2, 3, 4)]


def test_the_next_run_uses_the_kept_code(tmp_path: Path) -> None:
    env = {"UNAGREE_CACHE_DIR": str(tmp_path / "cache"), "PATH": "/usr/bin:/bin"}
    code = (
        "from unagree_cli import patterns; p = patterns.compile(r'\\b(?:shall|may)\\b', 2); "
        "print(len(patterns._load()), len(patterns._new)); patterns.save()"
    )
    runs = [
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.split()
        for _ in range(2)
    ]
    assert runs == [["0", "1"], ["1", "0"]]  # first: compiled and kept; then: from the kept code
