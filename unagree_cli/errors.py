"""Errors that are part of the interface: each maps to an exit code."""

from __future__ import annotations

EXIT_OK = 0
EXIT_NOTHING = 1  # nothing found, or a corpus that fails validation
EXIT_USAGE = 2  # bad reference, option or party


class UnagreeError(Exception):
    """An error for the user: a one-line message, an optional hint and an exit code."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class UsageFailure(UnagreeError):
    """Bad usage: an unknown reference, option value, language or party."""

    exit_code = EXIT_USAGE


class NothingFound(UnagreeError):
    """The question was fine but the corpus has no answer."""

    exit_code = EXIT_NOTHING
