"""Reading untrusted YAML: safe loader only, bounded, with file:line messages."""

from __future__ import annotations

import re
import stat
from collections.abc import Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import patterns
from .patterns import Lazy, lazy

# PyYAML compiles its patterns when imported: its resolver's and constructor's come from kept code
# (see patterns). Its pure-Python reader's is a class of every printable character (U+0000 to U+10FFFF
# in ranges), the costliest of all to compile and never used by libyaml's parser: it stands in as a
# pattern compiled on first use (the pure-Python loader, the fallback and the tests', compiles it when
# it first checks a text).
_READER_PATTERN = "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"

with patterns.kept_while_importing({_READER_PATTERN: Lazy(_READER_PATTERN)}):
    import yaml as yaml  # exported: the importer and scale use PyYAML as imported here

MAX_FILE_BYTES = 4 * 1024 * 1024
"""Corpus files larger than this are refused (a treaty is a few hundred KB)."""

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists accepted (a corpus needs about 8).

PyYAML's C parser recurses once per level and crashes the interpreter near
20,000 levels; the pure-Python one raises RecursionError near 300.
"""

# An anchor or an alias can only begin where a node can: at a line's start, after white space or after
# a flow or block indicator, and it has a name. "A & B" or "Article 5*" cannot hold one.
_MAYBE_ANCHOR = lazy(r"(?:^|[\s\[{,:?-])[&*][^\s\[\]{},]", re.MULTILINE)

# Characters that can open a nested block collection before a line's content.
_LINE_PREFIX = lazy(r"^[ \t?:-]*", re.MULTILINE)


class _Strict(yaml.constructor.SafeConstructor):
    """What both safe loaders add: a key given twice in one mapping is refused (the first value would be lost).

    A value its constructor cannot build (a date like 2016-02-30, ``!!int 1.5``)
    becomes a YAML error at the value's line instead of a ValueError.
    """

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:  # noqa: BLE001 - whatever a constructor raises is a problem of the file
            kind = (node.tag or "").rsplit(":", 1)[-1] or "value"
            what = repr(node.value) if isinstance(node, yaml.ScalarNode) else f"this {getattr(node, 'id', 'node')}"
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {what} as {kind}: {exc}", node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen: set[tuple[str, str]] = set()
        for key, _value in node.value:
            if isinstance(key, yaml.ScalarNode):
                if (key.tag, key.value) in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key '{key.value}' (the first value would be lost)", key.start_mark
                    )
                seen.add((key.tag, key.value))
        return super().construct_mapping(node, deep)


class PurePythonLoader(_Strict, yaml.SafeLoader):
    """The pure-Python safe loader with our refusals."""


try:  # the C loader is ~10x faster; both are safe loaders

    class CLoader(_Strict, yaml.CSafeLoader):
        """libyaml's safe loader with our refusals."""

    _Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = CLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = PurePythonLoader


def use_loader(loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]) -> None:
    """Read every later file with ``loader`` (the tests run the refusals against both loaders)."""
    global _Loader
    _Loader = loader


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

    Refuses anything but a regular file, oversized files, bytes that are not
    UTF-8, anchors and aliases (a corpus has no use for them and they allow
    "billion laughs" bombs), nesting deeper than :data:`MAX_DEPTH`, a key
    given twice in a mapping and any tag a safe loader does not know
    (``!!python/object`` among them).
    """
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise YamlFileError(Problem(display, 0, "not a regular file"))
        if info.st_size > MAX_FILE_BYTES:
            raise YamlFileError(Problem(display, 0, f"file is {info.st_size} bytes; the limit is {MAX_FILE_BYTES}"))
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
        if len(raw) > MAX_FILE_BYTES:
            raise YamlFileError(Problem(display, 0, f"file is over the limit of {MAX_FILE_BYTES} bytes"))
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
    if _needs_token_check(text):
        _check_tokens(text, display)
    try:
        data = load(text)
    except yaml.YAMLError as exc:
        raise YamlFileError(_yaml_problem(exc, display, text)) from None
    return data, text


def load(text: str) -> Any:
    """``yaml.load(text, Loader=...)`` with the loader in use: the same data, the same errors.

    Text, lists and mappings with text keys, what a corpus file is made of, are built straight from
    the node tree (a node's value is its text, each list item and mapping value in order); any other
    scalar is built by the loader's own constructor. Anything else (a key given twice, a key that is
    not text, a merge key, a tag, a value the constructor refuses) and the whole document is built the
    general way, which raises what ``yaml.load`` raises. The general way costs about 5 us a node (its
    dispatch by tag and its generators): a quarter of loading 80,000 units.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _built(loader, node)
        except Exception:  # noqa: BLE001 - anything unusual: the general way below, which says what is wrong
            loader.constructed_objects = {}
            loader.recursive_objects = {}
            loader.state_generators = []
            loader.deep_construct = False
        return loader.construct_document(node)
    finally:
        loader.dispose()


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"


class _General(Exception):
    """A node :func:`_built` leaves to the general constructor, with the whole document."""


def _built(loader: Any, node: yaml.Node) -> Any:
    kind = type(node)
    if kind is yaml.ScalarNode:
        if node.tag == _STR:
            return node.value
        return loader.construct_object(node, deep=True)  # a number, a date, null: the constructor's own reading
    if kind is yaml.SequenceNode and node.tag == _SEQ:
        return [_built(loader, item) for item in node.value]
    if kind is yaml.MappingNode and node.tag == _MAP:
        data: dict[str, Any] = {}
        for key, value in node.value:
            if type(key) is not yaml.ScalarNode or key.tag != _STR or key.value in data:
                raise _General
            data[key.value] = _built(loader, value)
        return data
    raise _General


def _needs_token_check(text: str) -> bool:
    """Whether ``text`` may hold an anchor, an alias or nesting deeper than :data:`MAX_DEPTH`.

    Most files hold neither, and are then tokenised once only (by the parser).

    Each level of flow nesting needs a bracket, and each level of block
    nesting a wider line prefix, so their sum bounds the depth cheaply.
    """
    if ("&" in text or "*" in text) and _MAYBE_ANCHOR.search(text):
        return True
    brackets = text.count("[") + text.count("{")
    if brackets >= MAX_DEPTH:
        return True
    return brackets + max(map(len, _LINE_PREFIX.findall(text)), default=0) >= MAX_DEPTH


_OPENING = (
    yaml.BlockMappingStartToken,
    yaml.BlockSequenceStartToken,
    yaml.FlowMappingStartToken,
    yaml.FlowSequenceStartToken,
)
_CLOSING = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)


def _check_tokens(text: str, display: str) -> None:
    """Refuse anchors, aliases and deep nesting from the token stream, before anything is built."""
    loader = _Loader(text)
    depth = 0
    try:
        while True:
            token = loader.get_token()
            if token is None:
                return
            if isinstance(token, _OPENING):
                depth += 1
                if depth > MAX_DEPTH:
                    raise YamlFileError(
                        Problem(display, token.start_mark.line + 1, f"YAML nested more than {MAX_DEPTH} levels deep")
                    )
            elif isinstance(token, _CLOSING):
                depth -= 1
            elif isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                kind = "anchor" if isinstance(token, yaml.AnchorToken) else "alias"
                raise YamlFileError(
                    Problem(
                        display, token.start_mark.line + 1, f"YAML {kind} '{token.value}' is not allowed in a corpus"
                    )
                )
    except yaml.YAMLError as exc:
        raise YamlFileError(_yaml_problem(exc, display, text)) from None
    finally:
        loader.dispose()


_PARSER_DEPTH_REFUSAL = "exceeded maximum nesting depth"
"""libyaml 0.2.6 (bundled since PyYAML 6.0.4) refuses deep flow nesting itself, with these words.

Its scanner reads ahead while a simple key is possible, so on ``x: [[[[...`` it
can refuse before our token count reaches :data:`MAX_DEPTH`; the refusal is
reported in our words, so the message does not depend on the parser installed.
"""


def _yaml_problem(exc: yaml.YAMLError, display: str, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    if _PARSER_DEPTH_REFUSAL in str(getattr(exc, "problem", None) or exc):
        return Problem(display, line or 1, f"YAML nested more than {MAX_DEPTH} levels deep")
    if isinstance(exc, yaml.reader.ReaderError):  # a character YAML forbids; the C reader counts bytes, not characters
        index = text.find(chr(exc.character)) if isinstance(exc.character, int) else -1
        line = text.count("\n", 0, index) + 1 if index >= 0 else 0
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
                self._root = yaml.compose(self._text, Loader=_Loader)
            except yaml.YAMLError:
                self._root = None
        node = self._root
        best = node.start_mark.line + 1 if node is not None else 1
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
