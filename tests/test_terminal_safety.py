"""Corpus text is data, never terminal commands or Rich markup.

A copy of the bundled corpus gets a payload appended to every piece of text
(units, headings, labels, names, notes): Rich markup, an OSC 8 hyperlink, a
screen-clearing CSI, C1 controls, BEL, NUL, carriage return and
bidirectional overrides. Every command that exists when the suite runs
(found through the Typer app, so commands added later are covered) must keep
all of it away from the terminal in table, plain and md output, and keep it
exact in JSON, JSON lines and CSV.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any, cast

import pytest
import yaml
from conftest import CORPUS, Result, Runner

from unagree_cli.lazy import LazyGroup
from unagree_cli.model import TreatySet

pytestmark = pytest.mark.slow  # process-heavy: `make test-fast` leaves it out

PAYLOAD = (
    " [bold]x[/] [link=http://evil]L[/link] \x1b]8;;http://evil\x07link\x1b]8;;\x07"
    " \x1b[2J \x9b31m \x85 \x07 \x08 \r \x00 \u202e \u2066 \x7f end"
)
"""Appended to every text of the hostile corpus."""

# Everything a terminal could act on: C0 controls but tab and newline, DEL,
# C1 controls and the bidirectional embedding/override/isolate/mark controls.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")
HUMAN_FORMATS = ("table", "plain", "md")
DATA_FORMATS = ("json", "jsonl", "csv")

# Keys whose text values get the payload in document files.
DOC_TEXT_KEYS = set("text heading intro wrapup formula recital p name role party title remarks".split())

# How to call a command so that it prints something. A command with --format
# uses the first entry that exits 0 in every format; a command without it is
# checked with every entry that exits 0. Commands not listed try the generic
# candidates in turn.
COMMAND_ARGS: dict[str, list[list[str]]] = {
    "show": [["all"]],
    "toc": [[]],
    "validate": [[]],
    "search": [["shall"], ["end"]],
    "obligations": [[]],
    "diff": [["--fail-on", "never"]],
    "completion": [["bash"]],
    "refs": [["--external"], []],
    "terms": [[]],
    "export": [["json"], ["jsonl"], ["csv"], ["md"], ["akn"], ["tmx"]],
    "import": [
        [str(Path(__file__).parent / "fixtures" / "publications" / "A-71-900.en.txt"), "--into", "x", "--dry-run"]
    ],
}
GENERIC_ARGS: list[list[str]] = [[], ["all"], ["5"], ["shall"], ["agreement"]]


def _with_payload(value: Any) -> Any:
    return value + PAYLOAD if isinstance(value, str) else value


def _poison_document(node: Any) -> Any:
    """Append the payload to every text of a document file."""
    if isinstance(node, dict):
        result: dict[str, Any] = {}
        for key, value in node.items():
            if key in DOC_TEXT_KEYS and isinstance(value, str):
                result[key] = value + PAYLOAD
            elif key == "preface" and isinstance(value, list):
                result[key] = [_with_payload(line) for line in value]
            else:
                result[key] = _poison_document(value)
        return result
    if isinstance(node, list):
        return [_poison_document(item) for item in node]
    return node


def _poison_names(names: Any) -> Any:
    """A language map of names gets one more name carrying the payload (the real ones still match)."""
    if not isinstance(names, dict):
        return names
    return {
        lang: [*(value if isinstance(value, list) else [value]), "Hostile" + PAYLOAD] for lang, value in names.items()
    }


def _poison_treaty(data: dict[str, Any]) -> dict[str, Any]:
    """Titles, labels, document names, extra party and organ names, glossary notes and variants."""
    data["title"] = {lang: _with_payload(text) for lang, text in data["title"].items()}
    data["labels"] = {
        lang: {key: _with_payload(label) for key, label in labels.items()} for lang, labels in data["labels"].items()
    }
    for document in data["documents"]:
        document["name"] = {lang: _with_payload(name) for lang, name in document.get("name", {}).items()}
    for party in data.get("parties") or []:
        party["names"] = _poison_names(party.get("names"))
        for organ in party.get("organs") or []:
            organ["names"] = _poison_names(organ.get("names"))
    for term in data.get("glossary") or []:
        term["note"] = _with_payload(term.get("note") or "note")
        term["variants"] = _poison_names(term.get("variants") or {lang: [] for lang in data["languages"]})
    for instrument in data.get("instruments") or []:
        if isinstance(instrument.get("title"), dict):
            instrument["title"] = {lang: _with_payload(title) for lang, title in instrument["title"].items()}
    return data


def build_hostile_corpus(target: Path) -> Path:
    """Copy the bundled corpus to ``target`` with the payload in every text; return ``target``."""
    shutil.copytree(CORPUS, target)
    for path in sorted(target.glob("*/*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data = _poison_treaty(data) if path.name == "treaty.yaml" else _poison_document(data)
        dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000)
        assert yaml.safe_load(dumped) == data, f"the payload does not survive YAML in {path.name}"
        path.write_text(dumped, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_hostile_corpus(tmp_path_factory.mktemp("hostile") / "corpus")


INTERACTIVE = {"read"}
"""Commands that need a terminal and stop with one line without one; tests/test_reader*.py cover them."""


def command_names(interactive: bool = False) -> list[str]:
    """Every command registered on the app when the suite runs (those that print, unless ``interactive``)."""
    import typer

    from unagree_cli import commands  # noqa: F401  (registers the commands)
    from unagree_cli.app import app

    group = cast(LazyGroup, typer.main.get_command(app))
    names = group.list_commands(click_context(group))
    assert {"show", "export", "diff"} <= set(names), names  # never an empty matrix that skips itself
    return sorted(name for name in names if interactive or name not in INTERACTIVE)


def click_context(group: LazyGroup) -> Any:
    """A click context for ``group``: the lazy group builds a command only when it is looked up."""
    return type(group).context_class(group) if hasattr(type(group), "context_class") else None


def takes_format(name: str) -> bool:
    import typer

    from unagree_cli.app import app

    group = cast(LazyGroup, typer.main.get_command(app))
    command = group.get_command(click_context(group), name)
    assert command is not None, name
    return any("--format" in getattr(param, "opts", ()) for param in command.params)


def working_args(run: Runner, corpus: Path, name: str, every: bool = False) -> list[list[str]]:
    """The candidate argument lists with which ``name`` exits 0 on ``corpus``: the first, or ``every`` one."""
    tried, working = [], []
    for args in COMMAND_ARGS.get(name, []) + GENERIC_ARGS:
        result = run("--corpus", str(corpus), name, *args, *(["--format", "plain"] if takes_format(name) else []))
        assert_no_traceback(result)
        if result.code == 0:
            working.append(args)
            if not every:
                break
        else:
            tried.append(f"{args}: exit {result.code}: {result.err.strip()}")
    if not working:
        pytest.fail(f"nothing makes '{name}' succeed; add it to COMMAND_ARGS in {__file__}:\n" + "\n".join(tried))
    return working


def assert_no_traceback(result: Result) -> None:
    assert "Traceback" not in result.err and "Traceback" not in result.out, result.err


def assert_terminal_safe(text: str, colour: bool = False) -> None:
    """No character a terminal would act on (with ``colour``, SGR sequences only)."""
    if colour:
        text = SGR.sub("", text)
    found = UNSAFE.findall(text)
    assert not found, f"raw control characters reach the terminal: {sorted(set(found))!r}"


def strings_in(data: Any) -> Iterator[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from strings_in(item)


def parse_data(fmt: str, out: str) -> list[str]:
    """The strings of a data-format output."""
    if fmt == "json":
        return list(strings_in(json.loads(out)))
    if fmt == "jsonl":
        return [s for line in out.splitlines() for s in strings_in(json.loads(line))]
    return [cell for row in csv.reader(io.StringIO(out, newline="")) for cell in row]


def _visible_forms(fmt: str) -> tuple[str, str, str]:
    """How the screen-clearing CSI, the RLO override and the markup look once made visible."""
    if fmt == "md":
        return "\\\\x1b\\[2J", "\\<U+202E\\>", "\\[bold\\]x\\[/\\]"
    return "\\x1b[2J", "<U+202E>", "[bold]x[/]"


def test_the_hostile_corpus_is_valid_and_carries_the_payload(hostile: Path) -> None:
    from unagree_cli.corpus import load

    treaty = load(hostile)
    record = next(r for r in treaty.records("agreement", ["en"]) if r.ref == "5.1")
    assert record.text["en"].endswith(PAYLOAD)
    assert treaty.labels["en"]["article"].endswith(PAYLOAD)


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_show_makes_control_characters_visible(run: Runner, hostile: Path, fmt: str) -> None:
    result = run("--corpus", str(hostile), "show", "5", "--format", fmt)
    assert result.code == 0, result.err
    assert_terminal_safe(result.out)
    csi, override, markup = _visible_forms(fmt)
    assert csi in result.out
    assert override in result.out
    assert markup in result.out  # printed literally, never read as Rich markup


@pytest.mark.parametrize("fmt", HUMAN_FORMATS)
def test_toc_makes_control_characters_visible(run: Runner, hostile: Path, fmt: str) -> None:
    result = run("--corpus", str(hostile), "toc", "--format", fmt)
    assert result.code == 0, result.err
    assert_terminal_safe(result.out)
    csi, override, markup = _visible_forms(fmt)
    assert csi in result.out and override in result.out and markup in result.out


@pytest.mark.parametrize("fmt", DATA_FORMATS)
def test_show_data_formats_keep_the_exact_text(run: Runner, hostile: Path, treaty: TreatySet, fmt: str) -> None:
    original = next(r for r in treaty.records("agreement", ["en"]) if r.ref == "5.1").text["en"]
    result = run("--corpus", str(hostile), "show", "5.1", "--lang", "en", "--format", fmt)
    assert result.code == 0, result.err
    assert original + PAYLOAD in parse_data(fmt, result.out)
    if fmt != "csv":  # JSON escapes every control character, so it is safe on a terminal too
        assert_terminal_safe(result.out)


def test_toc_json_keeps_the_exact_heading(run: Runner, hostile: Path) -> None:
    result = run("--corpus", str(hostile), "toc", "--doc", "agreement", "--format", "json")
    assert result.code == 0, result.err
    assert "Reciprocal representation" + PAYLOAD in parse_data("json", result.out)
    assert_terminal_safe(result.out)


def test_csv_on_a_terminal_is_made_visible(run: Runner, hostile: Path) -> None:
    result = run("--corpus", str(hostile), "show", "5.1", "--format", "csv", tty=True)
    assert result.code == 0, result.err
    assert_terminal_safe(result.out)
    assert "\\x1b[2J" in result.out


@pytest.mark.parametrize("command", [["show", "5"], ["toc"]])
def test_colour_tables_emit_colour_codes_only(run: Runner, hostile: Path, command: list[str]) -> None:
    result = run("--corpus", str(hostile), *command, tty=True, no_color=False, force_color=True)
    assert result.code == 0, result.err
    assert SGR.search(result.out), "colour is on, so there are SGR codes"
    assert_terminal_safe(result.out, colour=True)
    assert "\x1b]8;" not in result.out  # no hyperlink from [link=...] or the OSC payload
    assert "[link=http://evil]L[/link]" in result.out


def test_rich_markup_in_text_is_printed_literally(run: Runner, hostile: Path) -> None:
    result = run("--corpus", str(hostile), "show", "5", "--lang", "en", "--format", "table", width=200)
    assert result.code == 0, result.err
    assert "[bold]x[/] [link=http://evil]L[/link]" in result.out


@pytest.mark.parametrize(
    "args",
    [
        ["show", "\x1b[2J\u202e\x9b"],
        ["show", "5", "--lang", "\x1b]8;;http://evil\x07"],
        ["toc", "--doc", "\x1b[31mred"],
        ["--corpus", "/nonexistent/\x1b[2J", "toc"],
        ["\x1b[2Jcommand"],
        ["show", "5", "--\x1b[2J"],
    ],
)
def test_error_messages_make_control_characters_visible(run: Runner, args: list[str]) -> None:
    result = run(*args)
    assert result.code in (1, 2)
    assert_no_traceback(result)
    assert result.err.startswith("unagree: error: ")
    assert_terminal_safe(result.err)
    assert "\\x1b" in result.err


@pytest.mark.parametrize("separator", ["\u2028", "\u2029"])
def test_a_line_separator_in_an_argument_stays_on_the_error_line(run: Runner, separator: str) -> None:
    """U+2028 and U+2029 end a line for str.splitlines and many line readers: an error message shows them."""
    result = run("show", "--doc", "--doc", f"0{separator}0")
    assert result.code == 2 and separator not in result.err
    assert len(result.err.splitlines()) <= 2 and f"<U+{ord(separator):04X}>" in result.err


def test_validate_messages_make_control_characters_visible(run: Runner, corpus_copy: Path) -> None:
    note = corpus_copy / "un-iom-2016" / "note.zh.yaml"
    note.write_text(note.read_text(encoding="utf-8").replace("lang: zh", 'lang: "z\\e[2J\\u202e"', 1), encoding="utf-8")
    result = run("validate", str(corpus_copy))
    assert result.code == 1
    assert_terminal_safe(result.out + result.err)
    assert "z\\x1b[2J<U+202E>" in result.out


# ---------------------------------------------------------------- every command


@pytest.mark.parametrize("name", command_names())
def test_every_command_keeps_the_terminal_safe(run: Runner, hostile: Path, name: str) -> None:
    if not takes_format(name):
        for args in working_args(run, hostile, name, every=name in COMMAND_ARGS):
            check_without_format(run, ["--corpus", str(hostile), name, *args])
        return
    base = ["--corpus", str(hostile), name, *working_args(run, hostile, name)[0]]
    human_shows_payload = False
    for fmt in HUMAN_FORMATS:
        result = run(*base, "--format", fmt)
        assert result.code == 0, f"{fmt}: {result.err}"
        assert_no_traceback(result)
        assert_terminal_safe(result.out + result.err)
        if fmt == "plain":
            human_shows_payload = "\\x1b[2J" in result.out
            if "bold]x" in result.out:
                assert "[bold]x[/]" in result.out
    for fmt in DATA_FORMATS:
        result = run(*base, "--format", fmt)
        assert result.code == 0, f"{fmt}: {result.err}"
        assert_terminal_safe(result.err)
        if fmt != "csv":
            assert_terminal_safe(result.out)
        strings = parse_data(fmt, result.out)
        assert not any("\\x1b" in s or "<U+202E>" in s for s in strings), f"{fmt} data holds made-visible text"
        if human_shows_payload:
            assert any("\x1b[2J" in s for s in strings), f"{fmt} lost the exact text the plain output shows"
    coloured = run(*base, tty=True, no_color=False, force_color=True)
    assert coloured.code == 0, coloured.err
    assert_terminal_safe(coloured.out, colour=True)
    assert_terminal_safe(coloured.err)


def check_without_format(run: Runner, argv: list[str]) -> None:
    """A command that picks its own format: safe on a terminal; JSON in a pipe stays exact."""
    on_terminal = run(*argv, tty=True)
    assert on_terminal.code == 0, on_terminal.err
    assert_terminal_safe(on_terminal.out + on_terminal.err)
    piped = run(*argv)
    assert piped.code == 0, piped.err
    assert_terminal_safe(piped.err)
    strings = json_strings(piped.out)
    if strings is None:
        return  # not JSON: nothing more to say about a pipe
    assert not any("\\x1b" in s or "<U+202E>" in s for s in strings), "JSON holds made-visible text"
    if "\\x1b[2J" in on_terminal.out:
        assert any("\x1b[2J" in s for s in strings), "JSON lost the exact text"


def json_strings(out: str) -> list[str] | None:
    """The strings of JSON or JSON-lines output, or None if it is neither."""
    for fmt in ("json", "jsonl"):
        try:
            return parse_data(fmt, out)
        except ValueError:
            continue
    return None
