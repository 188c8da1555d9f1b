"""Reading untrusted YAML: safe loader only, bounded, with file:line messages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is ~10x faster; both are safe loaders
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 4 * 1024 * 1024
"""Corpus files larger than this are refused (a treaty is a few hundred KB)."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a corpus file, located as precisely as we can."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class YamlFileError(Exception):
    """The file cannot be read as YAML at all."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


def read_yaml(path: Path, display: str) -> tuple[Any, str]:
    """Parse ``path`` safely; return the data and the decoded text.

    Refuses oversized files, bytes that are not UTF-8, anchors and aliases
    (a corpus has no use for them and they allow "billion laughs" bombs) and
    any tag a safe loader does not know (``!!python/object`` among them).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise YamlFileError(Problem(display, 0, f"file is {size} bytes; the limit is {MAX_FILE_BYTES}"))
        raw = path.read_bytes()
    except OSError as exc:
        raise YamlFileError(Problem(display, 0, f"cannot read file: {exc.strerror or exc}")) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlFileError(
            Problem(display, line, f"not UTF-8: byte 0x{raw[exc.start]:02x} at column {column}")
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if "&" in text or "*" in text:
        _refuse_anchors(text, display)
    try:
        data = yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise YamlFileError(_yaml_problem(exc, display)) from None
    return data, text


def _refuse_anchors(text: str, display: str) -> None:
    loader = _Loader(text)
    try:
        while True:
            token = loader.get_token()
            if token is None:
                return
            if isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                kind = "anchor" if isinstance(token, yaml.AnchorToken) else "alias"
                raise YamlFileError(
                    Problem(display, token.start_mark.line + 1, f"YAML {kind} '{token.value}' is not allowed in a corpus")
                )
    except yaml.YAMLError as exc:
        raise YamlFileError(_yaml_problem(exc, display)) from None
    finally:
        loader.dispose()


def _yaml_problem(exc: yaml.YAMLError, display: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context = getattr(exc, "context", None)
    message = f"invalid YAML: {context + ', ' if context else ''}{problem}"
    return Problem(display, line, " ".join(message.split()))


class LineFinder:
    """Find the line of a value from its path of keys and indexes.

    Composing the node tree costs time, so it happens only when a problem
    has to be reported.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._root: yaml.Node | None = None
        self._composed = False

    def line(self, path: tuple[Any, ...]) -> int:
        if not self._composed:
            self._composed = True
            try:
                self._root = yaml.compose(self._text, Loader=_Loader)  # noqa: S506
            except yaml.YAMLError:
                self._root = None
        node = self._root
        best = node.start_mark.line + 1 if node is not None else 0
        for step in path:
            if isinstance(node, yaml.MappingNode):
                found = None
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == str(step):
                        found = value if not isinstance(value, yaml.ScalarNode) or step != "__key__" else key
                        best = key.start_mark.line + 1
                        break
                node = found
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
                best = node.start_mark.line + 1
            else:
                break
            if node is None:
                break
        return best
