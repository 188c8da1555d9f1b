"""Someone else's corpus is untrusted input: clear file:line errors, nothing executed.

Each test breaks one file of a copy of the bundled corpus and checks what
``unagree validate`` reports (every problem, exit 1) and what another command
does (the first problem, exit 1, one line).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import Cli, Result, Runner

from unagree_cli import yamlio
from unagree_cli.corpus import load, validate
from unagree_cli.yamlio import MAX_DEPTH, MAX_FILE_BYTES, YamlFileError, read_yaml

SET = "un-iom-2016"


@pytest.fixture(params=["c", "python"])
def loader(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run a test with libyaml's loader, then with the pure-Python one (where PyYAML has libyaml)."""
    chosen = {"c": getattr(yamlio, "CLoader", None), "python": yamlio.PurePythonLoader}[request.param]
    if chosen is None:
        pytest.skip("PyYAML was built without libyaml")
    before = yamlio._Loader
    yamlio.use_loader(chosen)
    try:
        yield request.param
    finally:
        yamlio.use_loader(before)


def edit(corpus: Path, name: str, change: Callable[[str], str]) -> Path:
    """Rewrite one corpus file through ``change``; return its path."""
    path = corpus / SET / name
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, "the edit did not apply"
    path.write_text(changed, encoding="utf-8")
    return path


def replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert text.count(old) >= 1, old
        return text.replace(old, new, 1)

    return change


def appending(tail: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        return text + tail

    return change


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line containing ``needle``."""
    hits = [number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    return hits[occurrence - 1]


def check(run: Runner, corpus: Path, expected: str) -> Result:
    """``validate`` lists ``expected`` and exits 1; ``show`` stops on the first problem with exit 1."""
    result = run("validate", str(corpus))
    assert result.code == 1, result.out + result.err
    assert expected in result.out, result.out
    assert "Traceback" not in result.err
    shown = run("--corpus", str(corpus), "show", "5")
    assert shown.code == 1
    assert shown.out == ""
    assert shown.err.startswith("unagree: error: invalid corpus: "), shown.err
    assert len(shown.err.splitlines()) == 1, shown.err
    return result


def test_an_empty_file(run: Runner, corpus_copy: Path) -> None:
    (corpus_copy / SET / "note.zh.yaml").write_text("", encoding="utf-8")
    check(run, corpus_copy, "note.zh.yaml:1: file is empty")


def test_a_file_of_comments_only_is_empty(run: Runner, corpus_copy: Path) -> None:
    (corpus_copy / SET / "note.zh.yaml").write_text("# nothing here\n\n", encoding="utf-8")
    check(run, corpus_copy, "note.zh.yaml:1: file is empty")


def test_an_empty_treaty_file(run: Runner, corpus_copy: Path) -> None:
    (corpus_copy / SET / "treaty.yaml").write_text("", encoding="utf-8")
    check(run, corpus_copy, "treaty.yaml:1: file is empty")


def test_a_missing_field(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "note.zh.yaml", replace_once("doc: note\n", ""))
    check(run, corpus_copy, f"note.zh.yaml:{line_of(path, 'lang: zh')}: missing field 'doc'")


def test_a_missing_paragraph_text(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "note.zh.yaml", replace_once("    text: 在完成工作谈判后", "    txt: 在完成工作谈判后"))
    line = line_of(path, 'paragraph: "2"')
    result = check(run, corpus_copy, f"note.zh.yaml:{line}: a paragraph needs 'text', or 'intro' and 'points'")
    assert f"note.zh.yaml:{line_of(path, 'txt:')}: unknown field 'txt'" in result.out


def test_a_duplicate_id(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "agreement.en.yaml", replace_once('  - article: "6"', '  - article: "5"'))
    line = line_of(path, '  - article: "5"', occurrence=2)
    check(run, corpus_copy, f"agreement.en.yaml:{line}: duplicate id 'art_5' (a number is used twice)")


def test_a_duplicate_paragraph_number(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "note.zh.yaml", replace_once('  - paragraph: "2"', '  - paragraph: "1"'))
    line = line_of(path, 'paragraph: "1"', 2)
    check(run, corpus_copy, f"note.zh.yaml:{line}: duplicate id 'para_1'")


def test_a_duplicate_key_would_lose_text(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "note.zh.yaml", replace_once("lang: zh\n", "lang: zh\nlang: zh\n"))
    check(run, corpus_copy, f"note.zh.yaml:{line_of(path, 'lang: zh', 2)}: invalid YAML: duplicate key 'lang'")


def test_an_unknown_language_code_in_a_document(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "note.zh.yaml", replace_once("lang: zh", "lang: xx"))
    check(run, corpus_copy, f"note.zh.yaml:{line_of(path, 'lang: xx')}: unknown language code 'xx'")


def test_an_unknown_language_code_in_the_treaty(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "treaty.yaml", replace_once("languages: [en, zh]", "languages: [en, zh, english]"))
    check(run, corpus_copy, f"treaty.yaml:{line_of(path, 'languages:')}: unknown language code 'english'")


def test_a_name_in_an_unknown_language(run: Runner, corpus_copy: Path) -> None:
    path = edit(
        corpus_copy, "treaty.yaml", replace_once("name: {en: resolution, zh: 决议}", "name: {en: a, zh: b, fr: c}")
    )
    check(run, corpus_copy, f"treaty.yaml:{line_of(path, 'fr: c')}: unknown language code 'fr'")


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("  session: 70", "  session: [70]", "session:", "field 'session' must be a whole number or null"),
        ("  status: issued", "  status: {a: b}", "status:", "field 'status' must be text, not a mapping"),
        (
            "    text: 在完成工作谈判后",
            "    text: {x: y}\n    remarks: 在完成",
            "text: {",
            "field 'text' must be text, not a mapping",
        ),
        (
            '  - paragraph: "3"',
            '  - [a, list]\n  - paragraph: "3"',
            "- [a, list]",
            "a body entry must be a mapping, not a list",
        ),
        ("preface:\n", "preface: 5\nx:\n", "preface:", "preface must be a list, not a number"),
        ("  session: 70", "  session: true", "session:", "field 'session' must be a whole number or null"),
        ("  date: null", "  date: 30 June 2016", "date:", "date must be YYYY-MM-DD or null"),
    ],
)
def test_a_wrong_type(run: Runner, corpus_copy: Path, old: str, new: str, needle: str, message: str) -> None:
    path = edit(corpus_copy, "note.zh.yaml", replace_once(old, new))
    check(run, corpus_copy, f"note.zh.yaml:{line_of(path, needle)}: {message}")


def test_a_text_that_is_a_number_is_a_wrong_type(run: Runner, corpus_copy: Path) -> None:
    path = edit(
        corpus_copy, "note.zh.yaml", replace_once("    text: 在完成工作谈判后", "    text: 42\n    x: 在完成工作谈判后")
    )
    check(run, corpus_copy, f"note.zh.yaml:{line_of(path, 'text: 42')}: field 'text' must be text, not a number")


def test_a_python_tag_is_an_error_and_never_runs(run: Runner, corpus_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payloads = [
        f'!!python/object/apply:os.system ["touch {marker}"]',
        f'!!python/object/apply:subprocess.check_call [["touch", "{marker}"]]',
        f"!!python/object/new:os.system [touch {marker}]",
        "!!python/name:os.system",
        "!!python/module:os",
    ]
    for payload in payloads:
        path = edit(corpus_copy, "note.zh.yaml", appending(f"x: {payload}\n"))
        line = len(path.read_text(encoding="utf-8").splitlines())
        check(run, corpus_copy, f"note.zh.yaml:{line}: invalid YAML: could not determine a constructor for the tag")
        path.write_text(path.read_text(encoding="utf-8").rsplit("x: ", 1)[0], encoding="utf-8")
    assert not marker.exists()


def test_the_python_tag_leaves_no_file_in_a_real_process(cli: Cli, corpus_copy: Path, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    edit(corpus_copy, "treaty.yaml", lambda text: f'x: !!python/object/apply:os.system ["touch {marker}"]\n' + text)
    result = cli("--corpus", str(corpus_copy), "toc")
    assert result.returncode == 1
    assert b"treaty.yaml:1: invalid YAML: could not determine a constructor" in result.stderr
    assert not marker.exists()


def _billion_laughs() -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 12):
        lines.append(f"lol{level}: &lol{level} [" + ", ".join([f"*lol{level - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_a_billion_laughs_bomb_is_refused_before_it_is_built(
    run: Runner, corpus_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = edit(corpus_copy, "note.zh.yaml", lambda text: text + _billion_laughs())
    line = line_of(path, "lol0: &lol0")

    def no_parsing(*args: object, **kwargs: object) -> None:
        raise AssertionError("the bomb reached the YAML constructor")

    monkeypatch.setattr("unagree_cli.yamlio.yaml.load", no_parsing)
    with pytest.raises(YamlFileError, match="anchor 'lol0' is not allowed"):
        read_yaml(path, path.name)
    monkeypatch.undo()
    check(run, corpus_copy, f"note.zh.yaml:{line}: YAML anchor 'lol0' is not allowed in a corpus")


def test_an_alias_alone_is_refused(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "note.zh.yaml", lambda text: text + "x: *nowhere\n")
    check(run, corpus_copy, f"note.zh.yaml:{line_of(path, 'x: *nowhere')}: YAML alias 'nowhere' is not allowed")


def test_ampersands_and_asterisks_in_text_are_not_anchors(corpus_copy: Path) -> None:
    edit(corpus_copy, "note.zh.yaml", replace_once('  component: ""', "  component: R&D * 5 &x *y"))
    assert validate(corpus_copy) == (1, [])
    assert load(corpus_copy).versions[("note", "zh")].meta["component"] == "R&D * 5 &x *y"


def test_a_file_over_the_size_bound_is_refused(run: Runner, corpus_copy: Path) -> None:
    path = corpus_copy / SET / "note.zh.yaml"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(("# " + "x" * 1022 + "\n") * (5 * 1024))
    assert path.stat().st_size > MAX_FILE_BYTES
    check(run, corpus_copy, f"note.zh.yaml: file is {path.stat().st_size} bytes; the limit is {MAX_FILE_BYTES}")


@pytest.mark.parametrize(
    ("raw", "line", "column", "byte"),
    [
        (b"remarks: caf\xe9\n", 1, 13, "0xe9"),
        (b"\n\n  x: \xff\xfe\n", 3, 6, "0xff"),
        (b"x: \xe4\xb8\n", 1, 4, "0xe4"),  # a UTF-8 sequence cut short
    ],
)
def test_bytes_that_are_not_utf8(run: Runner, corpus_copy: Path, raw: bytes, line: int, column: int, byte: str) -> None:
    path = corpus_copy / SET / "note.zh.yaml"
    before = path.read_bytes()
    path.write_bytes(before + raw)
    line += before.count(b"\n")
    check(run, corpus_copy, f"note.zh.yaml:{line}: not UTF-8: byte {byte} at column {column}")


def test_a_utf16_file_is_not_utf8(run: Runner, corpus_copy: Path) -> None:
    path = corpus_copy / SET / "note.zh.yaml"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    check(run, corpus_copy, "note.zh.yaml:1: not UTF-8: byte 0xff at column 1")


def test_a_byte_order_mark_is_accepted(corpus_copy: Path) -> None:
    path = corpus_copy / SET / "note.zh.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert validate(corpus_copy) == (1, [])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2016-02-30", "cannot read '2016-02-30' as timestamp: day is out of range for month"),
        ("2016-07-25 25:00:00", "cannot read '2016-07-25 25:00:00' as timestamp: hour must be in 0..23"),
        ("0x_", "cannot read '0x_' as int"),
        ("!!int 1.5", "cannot read '1.5' as int"),
        ("!!bool maybe", "cannot read 'maybe' as bool"),
        ("!!timestamp soon", "cannot read 'soon' as timestamp"),
    ],
)
def test_a_value_yaml_cannot_build(run: Runner, corpus_copy: Path, value: str, message: str) -> None:
    """Found by ``make fuzz``: PyYAML's constructors raise ValueError and friends, not YAML errors."""
    path = edit(corpus_copy, "note.zh.yaml", replace_once("  date: null", f"  date: {value}"))
    check(run, corpus_copy, f"note.zh.yaml:{line_of(path, 'date:')}: invalid YAML: {message}")


def test_invalid_yaml_syntax_gives_its_line(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "note.zh.yaml", replace_once("  status: issued", "  status: issued: twice"))
    check(run, corpus_copy, f"note.zh.yaml:{line_of(path, 'issued: twice')}: invalid YAML")


def test_raw_control_characters_in_yaml_are_refused(run: Runner, corpus_copy: Path) -> None:
    path = edit(corpus_copy, "note.zh.yaml", replace_once("  status: issued", "  status: iss\x1b[2Jued"))
    result = check(run, corpus_copy, f"note.zh.yaml:{line_of(path, 'status:')}: invalid YAML")
    assert "\x1b" not in result.out


@pytest.mark.parametrize(
    "nesting",
    [
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
        "x: " + "[" * 100_000,
        "".join("  " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 5)),
        "- " * 100_000 + "x",
        "{a: " * 50_000,
    ],
    ids=["flow", "deep-flow", "block", "deep-compact-block", "deep-flow-mapping"],
)
def test_deep_nesting_is_refused_before_parsing(corpus_copy: Path, nesting: str, loader: str) -> None:
    """Our refusal, in our words and at a line, whichever parser is installed (libyaml refuses some itself)."""
    path = corpus_copy / SET / "note.zh.yaml"
    path.write_text("# a comment line first\n" + nesting + "\n", encoding="utf-8")
    with pytest.raises(YamlFileError) as raised:
        read_yaml(path, path.name)
    message = str(raised.value)
    assert message == f"note.zh.yaml:{raised.value.problem.line}: YAML nested more than {MAX_DEPTH} levels deep"
    assert raised.value.problem.line >= 2
    assert "\n" not in message


def test_deep_nesting_does_not_crash_the_interpreter(cli: Cli, corpus_copy: Path) -> None:
    """PyYAML's C parser dies with a segmentation fault near 20,000 levels (found by `make fuzz`)."""
    (corpus_copy / SET / "note.zh.yaml").write_text("x: " + "[" * 100_000 + "\n", encoding="utf-8")
    result = cli("validate", str(corpus_copy))
    assert result.returncode == 1
    assert f"note.zh.yaml:1: YAML nested more than {MAX_DEPTH} levels deep".encode() in result.stdout
    assert b"Traceback" not in result.stderr
    shown = cli("--corpus", str(corpus_copy), "show", "5")
    assert shown.returncode == 1
    assert shown.stderr.decode().count("\n") == 1, shown.stderr
    assert f"note.zh.yaml:1: YAML nested more than {MAX_DEPTH} levels deep" in shown.stderr.decode()


def test_ordinary_nesting_is_accepted(tmp_path: Path, loader: str) -> None:
    path = tmp_path / "nested.yaml"
    path.write_text("x: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n", encoding="utf-8")
    data, _ = read_yaml(path, path.name)
    assert isinstance(data["x"], list)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_blocking(run: Runner, corpus_copy: Path) -> None:
    path = corpus_copy / SET / "note.zh.yaml"
    path.unlink()
    os.mkfifo(path)
    check(run, corpus_copy, "note.zh.yaml: not a regular file")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_link_to_an_endless_device_is_refused(run: Runner, corpus_copy: Path) -> None:
    path = corpus_copy / SET / "note.zh.yaml"
    path.unlink()
    path.symlink_to("/dev/zero")
    check(run, corpus_copy, "note.zh.yaml: not a regular file")


def test_a_folder_named_like_a_document_is_refused(run: Runner, corpus_copy: Path) -> None:
    (corpus_copy / SET / "extra.en.yaml").mkdir()
    check(run, corpus_copy, "extra.en.yaml: not a regular file")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file(run: Runner, corpus_copy: Path) -> None:
    path = corpus_copy / SET / "note.zh.yaml"
    path.chmod(0)
    check(run, corpus_copy, "note.zh.yaml: cannot read file: Permission denied")


def test_validate_reports_every_problem_and_other_commands_the_first(run: Runner, corpus_copy: Path) -> None:
    (corpus_copy / SET / "note.zh.yaml").write_text("", encoding="utf-8")
    agreement = edit(corpus_copy, "agreement.en.yaml", replace_once('  - article: "6"', '  - article: "5"'))
    resolution = edit(corpus_copy, "resolution.en.yaml", replace_once("lang: en", "lang: en\nlang: en"))
    result = run("validate", str(corpus_copy))
    assert result.code == 1
    duplicate = line_of(agreement, 'article: "5"', 2)
    expected = [
        f"agreement.en.yaml:{duplicate}: duplicate id 'art_5'",
        "note.zh.yaml:1: file is empty",
        f"resolution.en.yaml:{line_of(resolution, 'lang: en', 2)}: invalid YAML: duplicate key 'lang'",
    ]
    for problem in expected:
        assert problem in result.out
    count = len(result.out.splitlines())
    assert count >= 3
    assert result.err == f"unagree: {count} problems in {corpus_copy}\n"
    for command in (["show", "5"], ["toc"]):
        stopped = run("--corpus", str(corpus_copy), *command)
        assert stopped.code == 1
        first = result.out.splitlines()[0]
        assert (
            stopped.err
            == f"unagree: error: invalid corpus: {first} (and {count - 1} more problems; run 'unagree validate')\n"
        )


def test_problems_inside_a_file_always_have_a_line(corpus_copy: Path) -> None:
    path = corpus_copy / SET / "agreement.en.yaml"
    text = path.read_text(encoding="utf-8")
    broken = (
        text.replace('  - article: "6"', '  - article: "5"', 1)
        .replace("    heading: Principles", "    heading: [Principles]", 1)
        .replace("  status: approved", "  status: unknown", 1)
        .replace('      - num: "1"', '      - num: "1."', 1)
    )
    path.write_text(broken, encoding="utf-8")
    _, problems = validate(corpus_copy)
    assert len(problems) >= 4
    assert all(problem.line >= 1 for problem in problems), problems
