"""The fuzz target: one corpus file replaced by mutated bytes, then loaded, validated and rendered.

``python -m tests.fuzz.target CASE...`` replays saved cases (exit 1 if one fails).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
CRASHES = Path(__file__).resolve().parent / "crashes"

# Values a mutation may put after a key or in a list: types, YAML syntax and
# tags that have broken loaders before.
TOKENS = [
    "",
    "~",
    "null",
    "true",
    "5",
    "-1",
    "1e400",
    ".nan",
    "0x1F",
    "2016-02-30",
    "2016-07-25 10:00:00",
    "[]",
    "{}",
    "[a, [b]]",
    "{en: x}",
    "{en: [x, y], zh: []}",
    '"x\\e[2J\\u202e"',
    "'unterminated",
    '"unterminated',
    "|",
    ">-",
    "&anchor x",
    "*alias",
    "<<: {a: 1}",
    "? complex",
    "!!python/object/apply:os.system [true]",
    "!!python/name:os.system",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!str 5",
    "!!int x",
    "!custom x",
    "%YAML 1.1",
    "---",
    "...",
    "- ",
    ": ",
    "#",
    "\t",
    "\ufeff",
    "\u2028",
    "第五条",
    "{n}",
    "{n_zh}{",
    "{0.__class__}",
    "(?P<x>",
    "art_5",
    "preamble__rec_1",
]
RAW = [b"\xff", b"\xe9", b"\xe4\xb8", b"\x00", b"\x1b", b"\r", b"\r\n", b"\x85", b"\xef\xbb\xbf"]


def seed_files(folder: Path) -> dict[str, bytes]:
    """The files of a treaty set, by name."""
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.yaml"))}


class Workspace:
    """A private copy of the bundled corpus in which one file at a time is replaced."""

    def __init__(self) -> None:
        from unagree_cli.corpus import treaty_folders

        self._temporary = tempfile.TemporaryDirectory(prefix="unagree-fuzz-")
        root = Path(self._temporary.name) / "corpus"
        shutil.copytree(CORPUS, root)
        self.folder = treaty_folders(root)[0]
        self.seeds = seed_files(self.folder)

    def close(self) -> None:
        self._temporary.cleanup()

    def check(self, name: str, data: bytes) -> None:
        """Put ``data`` in place of ``name``, run the property, then restore the file."""
        path = self.folder / name
        original = path.read_bytes() if path.exists() else None
        path.write_bytes(data)
        try:
            check_file(path)
            check_treaty(self.folder)
        finally:
            if original is None:
                path.unlink()
            else:
                path.write_bytes(original)


def check_file(path: Path) -> None:
    """``read_yaml`` returns data or raises YamlFileError with a located, non-empty message."""
    from unagree_cli.yamlio import YamlFileError, read_yaml

    try:
        read_yaml(path, path.name)
    except YamlFileError as exc:
        problem = exc.problem
        assert problem.file == path.name, problem
        assert isinstance(problem.line, int) and problem.line >= 0, problem
        assert isinstance(problem.message, str) and problem.message.strip(), problem


def check_treaty(folder: Path) -> None:
    """Validation reports problems instead of raising; a set it accepts can be rendered."""
    from unagree_cli.corpus import load_treaty
    from unagree_cli.labels import number_to_zh
    from unagree_cli.outline import outline
    from unagree_cli.render import Labels, json_text, units_plain
    from unagree_cli.yamlio import Problem

    treaty, problems = load_treaty(folder)
    for problem in problems:
        assert isinstance(problem, Problem), problem
        assert isinstance(problem.line, int) and problem.line >= 0, problem
        assert str(problem), problem
    if treaty is None or problems:
        return
    labels = Labels(treaty.labels, number_to_zh)
    for doc in treaty.doc_keys():
        langs = treaty.langs_of(doc)
        records = treaty.records(doc, langs)
        json.loads(json_text([record.to_dict() for record in records]))
        units_plain(records, langs, labels)
        outline(treaty, [doc], langs)


@st.composite
def mutations(draw: st.DrawFn, seeds: dict[str, bytes]) -> tuple[str, bytes]:
    """A seed file with a few line-level and byte-level changes."""
    name = draw(st.sampled_from(sorted(seeds)))
    lines = seeds[name].decode("utf-8").splitlines(keepends=True) or ["\n"]
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines) - 1))
        line = lines[at]
        operation = draw(st.sampled_from(["value", "insert", "delete", "duplicate", "indent", "dedent", "swap", "cut"]))
        if operation == "value":  # replace what follows the key or the dash
            head = line.split(": ", 1)[0] + ": " if ": " in line else line[: len(line) - len(line.lstrip(" -"))]
            lines[at] = head + draw(st.sampled_from(TOKENS) | st.text(max_size=20)) + "\n"
        elif operation == "insert":
            indent = " " * draw(st.integers(0, 8))
            lines.insert(at, indent + draw(st.sampled_from(TOKENS) | st.text(max_size=20)) + "\n")
        elif operation == "delete" and len(lines) > 1:
            del lines[at]
        elif operation == "duplicate":
            lines.insert(at, line)
        elif operation == "indent":
            lines[at] = "  " + line
        elif operation == "dedent":
            lines[at] = line[2:] if line.startswith("  ") else line
        elif operation == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif operation == "cut":
            lines[at] = line[: draw(st.integers(0, len(line)))]
    data = bytearray("".join(lines).encode("utf-8"))
    if draw(st.integers(0, 9)) == 0:  # sometimes nest deeply
        depth = draw(st.integers(1, 200) | st.sampled_from([1_000, 25_000, 60_000]))
        starts = [0] + [i + 1 for i, byte in enumerate(data) if byte == 0x0A]
        at = draw(st.sampled_from(starts))
        data[at:at] = draw(st.sampled_from([b"x: ", b"- ", b""])) + b"[" * depth + b"\n"
    for _ in range(draw(st.integers(0, 2))):  # sometimes break the encoding
        at = draw(st.integers(0, len(data)))
        data[at:at] = draw(st.sampled_from(RAW) | st.binary(min_size=1, max_size=4))
    return name, bytes(data)


def case_name(path: Path) -> str:
    """The corpus file a saved case replaces: ``agreement.en.yaml--1a2b3c.case`` -> ``agreement.en.yaml``."""
    return path.name.split("--", 1)[0]


def replay(paths: list[Path]) -> int:
    """Run the property on saved cases; print the failures; return 1 if any."""
    workspace = Workspace()
    failed = 0
    try:
        for path in paths:
            try:
                workspace.check(case_name(path), path.read_bytes())
            except Exception:  # noqa: BLE001 - report every failing case
                failed += 1
                print(f"FAILED {path.name}", file=sys.stderr)
                traceback.print_exc()
    finally:
        workspace.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(replay([Path(arg) for arg in sys.argv[1:]] or sorted(CRASHES.glob("*.case"))))
