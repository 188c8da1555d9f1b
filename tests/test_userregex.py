"""``search --regex``: Python's syntax and meaning on a linear-time engine, and one line for what it refuses."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import Runner

from unagree_cli.search import QueryError, compile_query
from unagree_cli.userregex import RegexError, compile_user, translate

TEXTS = [
    "The United Nations and the International Organization for Migration, 27 April 2016.",
    "联合国与国际移民组织关系协定第五条第２款　（a）项 70/263号",
    "Article 5, paragraph 2 (a): IOM_staff\tand\u3000UN\u00a0staff; résumé ÉTÉ",
    "under_score 一二三 ７８９ x",
]
PATTERNS = [
    r"\w+",
    r"\W+",
    r"\d+",
    r"\D+",
    r"\s+",
    r"\S+",
    r"[\w-]+",
    r"[^\w\s]+",
    r"[\d/]+",
    r"[]a-c]+",
    r"[^]]+",
    r"organi[sz]ation",
    r"un(?:ited)?\s+nations",
    r"(?P<n>\d+)/(\d+)",
    r"\u8054\u5408\u56fd",
    r"\U00008054",
    r"第.条",
    r"^the",
    r"x\Z",
    r"\.\Z",
    r"[Éé]t[ée]",
    r"a{2,3}|o{1}",
]


@pytest.mark.parametrize("pattern", PATTERNS)
def test_same_matches_as_python_re(pattern: str) -> None:
    compiled = compile_user(pattern)
    python = re.compile(pattern, re.IGNORECASE)
    for text in TEXTS:
        ours = [(m.start(), m.end(), m.group()) for m in compiled.finditer(text)]
        theirs = [(m.start(), m.end(), m.group()) for m in python.finditer(text)]
        assert ours == theirs, (pattern, text)


def test_word_digit_and_space_classes_are_unicode_as_in_python() -> None:
    assert [m.group() for m in compile_user(r"\w+").finditer("协定 IOM")] == ["协定", "IOM"]
    assert [m.group() for m in compile_user(r"\d").finditer("７a")] == ["７"]
    assert [m.group() for m in compile_user(r"a\sb").finditer("a\u3000b")] == ["a\u3000b"]


def test_translation_leaves_escaped_backslashes_and_literals_alone() -> None:
    assert translate(r"\\w") == r"\\w"
    assert translate(r"[\]\w]") == r"[\]\p{L}\p{N}_]"
    assert translate(r"\u12") == r"\u12"  # not an escape Python accepts either; RE2 reports it


@pytest.mark.parametrize(
    ("pattern", "named"),
    [
        (r"(\w)\1", "a back-reference"),
        (r"(?P<w>a)(?P=w)", "named back-references (?P=name)"),
        (r"(?=a)b", "look-ahead (?=...)"),
        (r"(?!a)b", "negative look-ahead (?!...)"),
        (r"(?<=the )UN", "look-behind (?<=...)"),
        (r"(?<!the )UN", "negative look-behind (?<!...)"),
        (r"(?>ab)c", "atomic groups (?>...)"),
        (r"a++", "a possessive repeat"),
        (r"(a)?(?(1)b|c)", "conditionals (?(...)...)"),
        (r"(?x) a b", "verbose mode (?x)"),
    ],
)
def test_constructs_the_engine_refuses_are_named_in_one_line(
    pattern: str, named: str, capfd: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(RegexError) as caught:
        compile_user(pattern)
    message = str(caught.value)
    assert message == f"regular expression '{pattern}' uses {named}, which search --regex does not support"
    assert capfd.readouterr().err == ""  # RE2 logs nothing of its own


def test_invalid_patterns_get_pythons_message() -> None:
    with pytest.raises(QueryError, match=r"invalid regular expression '\(ab': missing \), unterminated subpattern"):
        compile_query("(ab", ["en"], regex=True)
    with pytest.raises(QueryError, match="repeats more than 1000 times"):
        compile_query("a{2000}", ["en"], regex=True)


def test_cli_refusal_is_one_line_and_exit_2(run: Runner) -> None:
    result = run("search", "--regex", r"(\w+)\s\1")
    assert result.code == 2 and result.out == ""
    assert result.err.splitlines()[0] == (
        r"unagree: error: regular expression '(\w+)\s\1' uses a back-reference, which search --regex does not support"
    )
    assert len(result.err.splitlines()) == 2 and result.err.splitlines()[1].startswith("hint: ")


def test_catastrophic_patterns_answer(run: Runner) -> None:
    # (\w+\s?)+$ backtracks exponentially in Python's re on a line that ends without a word character
    result = run("search", "--regex", r"(\w+\s?)+$", "--refs-only")
    assert result.code == 0, result.err
    assert "agreement:conclusions" in result.out.splitlines()


SCRIPT = """
import sys
from unagree_cli.search import compile_query
from unagree_cli.model import Record
text = "a" * 5000 + "!" + " word" * 20000
query = compile_query(sys.argv[1], ["en"], regex=True)
print(len(query.find(Record("d", "1", "e", "p", None, {"en": text}))))
"""


@pytest.mark.parametrize("pattern", [r"(\w+\s?)+$", r"(a+)+b", r"(a|aa)+$", r"(.*a){12}"])
def test_no_pattern_backtracks_on_a_long_unit(pattern: str) -> None:
    # In a child with a deadline: a backtracking engine would not finish in hours, so a hang fails here.
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, pattern], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().isdigit()


def test_the_engine_is_imported_only_for_regex_queries() -> None:
    code = (
        "import sys; from unagree_cli.cli import main; "
        "main(['search', '-l', 'en', '--refs-only', 'UN']); before = 're2' in sys.modules; "
        "main(['search', '-l', 'en', '--refs-only', '--regex', 'U.N']); print(before, 're2' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert done.stdout.splitlines()[-1] == "False True", done.stderr
