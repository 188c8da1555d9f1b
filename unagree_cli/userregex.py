"""Users' regular expressions (``search --regex``) on a linear-time engine.

Python's ``re`` backtracks: ``(\\w+\\s?)+$`` takes minutes on one long
paragraph. RE2 (the ``google-re2`` bindings) runs in time linear in the text
for any pattern, and refuses the few constructs that need backtracking:
back-references, look-ahead and look-behind, atomic groups, possessive
repeats and conditionals. Those are refused here with a one-line message
naming the construct.

The pattern is written in Python's syntax and means what it means in Python:
before RE2 sees it, ``\\w``, ``\\d`` and ``\\s`` are widened to Unicode as
Python's are (RE2's are ASCII only; ``\\w`` must match Chinese), ``\\Z``
becomes RE2's ``\\z`` and ``\\uXXXX`` / ``\\UXXXXXXXX`` become ``\\x{...}``.
``\\b`` and ``\\B`` stay RE2's, which judge word characters in ASCII.
Matching ignores case. RE2 is imported only here, when ``--regex`` is used.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, Protocol


class RegexError(ValueError):
    """A pattern that is invalid, or that the linear-time engine cannot run; the message says which."""


class MatchLike(Protocol):
    def start(self) -> int: ...

    def end(self) -> int: ...

    def group(self) -> str: ...


class Finder(Protocol):
    """What a compiled pattern offers: ``re.Pattern`` and RE2's compiled patterns both do."""

    def finditer(self, text: str) -> Iterator[Any]: ...

    def fullmatch(self, text: str) -> Any: ...


# Python's Unicode classes, spelt in RE2 (inside a character class, without the brackets).
_WORD = r"\p{L}\p{N}_"
_DIGIT = r"\p{Nd}"
_SPACE = r"\t-\r\x{1c}-\x{1f}\x{85}\p{Z}"
_OUTSIDE = {
    "w": f"[{_WORD}]",
    "W": f"[^{_WORD}]",
    "d": _DIGIT,
    "D": r"\P{Nd}",
    "s": f"[{_SPACE}]",
    "S": f"[^{_SPACE}]",
    "Z": r"\z",
}
_INSIDE = {"w": _WORD, "d": _DIGIT, "D": r"\P{Nd}", "s": _SPACE}

# What RE2 refuses, by the start of its error message's fragment: the name users know it by.
_REFUSED = (
    ("(?=", "look-ahead (?=...)"),
    ("(?!", "negative look-ahead (?!...)"),
    ("(?<=", "look-behind (?<=...)"),
    ("(?<!", "negative look-behind (?<!...)"),
    ("(?>", "atomic groups (?>...)"),
    ("(?(", "conditionals (?(...)...)"),
    ("(?P=", "named back-references (?P=name)"),
    ("(?#", "comments (?#...)"),
    ("(?x", "verbose mode (?x)"),
    ("(?a", "ASCII mode (?a)"),
    ("(?L", "locale mode (?L)"),
)


def translate(pattern: str) -> str:
    """``pattern`` (Python syntax) spelt for RE2 with Python's meaning of ``\\w``, ``\\d``, ``\\s`` and ``\\Z``."""
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    class_start = -1
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            following = pattern[i + 1]
            if following in "uU":
                width = 4 if following == "u" else 8
                digits = pattern[i + 2 : i + 2 + width]
                if len(digits) == width and all(c in "0123456789abcdefABCDEF" for c in digits):
                    out.append(f"\\x{{{digits}}}")
                    i += 2 + width
                    continue
            table = _INSIDE if in_class else _OUTSIDE
            out.append(table.get(following, pattern[i : i + 2]))
            i += 2
            continue
        if in_class:
            # a ']' right after '[' or '[^' is a literal
            if char == "]" and i > class_start:
                in_class = False
        elif char == "[":
            in_class = True
            class_start = i + 1
            if class_start < n and pattern[class_start] == "^":
                class_start += 1
            out.append(char)
            i += 1
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _unsupported(pattern: str, name: str) -> RegexError:
    return RegexError(f"regular expression '{pattern}' uses {name}, which search --regex does not support")


def _refusal(pattern: str, reason: str) -> RegexError:
    """A one-line message for what RE2 refused, naming the construct when it is one RE2 never runs."""
    for fragment, name in _REFUSED:
        if fragment in reason or (fragment == "(?P=" and "(?P=" in pattern):
            return _unsupported(pattern, name)
    if "invalid escape sequence: \\" in reason and reason.rstrip()[-1:].isdigit():
        return _unsupported(pattern, "a back-reference")
    if "bad repetition operator: " in reason and reason.rstrip().endswith(("++", "*+", "?+", "}+")):
        return _unsupported(pattern, "a possessive repeat")
    if "invalid repetition size" in reason:
        return RegexError(f"regular expression '{pattern}' repeats more than 1000 times ({reason})")
    if "too large" in reason or "too big" in reason:
        return RegexError(f"regular expression '{pattern}' is too large for the linear-time engine")
    return RegexError(f"invalid regular expression '{pattern}': {reason}")


def compile_user(pattern: str) -> Finder:
    """Compile a user's pattern, case ignored, for linear-time matching; raise :class:`RegexError`."""
    try:  # Python's parser first: its messages are the ones users of Python syntax know
        re.compile(pattern)
    except re.error as exc:
        raise RegexError(f"invalid regular expression '{pattern}': {exc}") from None
    except (OverflowError, RecursionError):
        raise RegexError(f"regular expression '{pattern}' is too complex") from None
    import re2  # only when --regex is used

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would print its own copy of the error on stderr
    try:
        compiled: Finder = re2.compile(translate(pattern), options)  # RE2's bindings are untyped
        return compiled
    except re2.error as exc:
        reason = exc.args[0] if exc.args else ""
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise _refusal(pattern, str(reason)) from None
