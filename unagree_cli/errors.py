"""Errors that are part of the interface: each maps to an exit code."""

from __future__ import annotations

import sys

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


def describe(exc: BaseException) -> tuple[int, str, str | None] | None:
    """Exit code, one-line message and hint for an error the user should see; None for a bug.

    The one place library and framework errors become exit codes: ``cli.main`` asks it about every
    exception a command lets through.
    """
    if isinstance(exc, UnagreeError):
        return exc.exit_code, str(exc), exc.hint
    # A RefError or CorpusError can only come from its module once loaded: a command that never loaded
    # them (a search served by the index that found nothing) does not import them to say so.
    refs, corpus = sys.modules.get(f"{__package__}.refs"), sys.modules.get(f"{__package__}.corpus")
    if refs is not None and isinstance(exc, refs.RefError):
        return EXIT_USAGE, str(exc), None
    if corpus is not None and isinstance(exc, corpus.CorpusError):
        return EXIT_NOTHING, f"invalid corpus: {exc}", None
    names = {cls.__name__ for cls in type(exc).__mro__}
    if "UsageError" in names:  # click's, as typer vendors it
        ctx = getattr(exc, "ctx", None)
        path = ctx.command_path if ctx is not None else "unagree"
        return EXIT_USAGE, " ".join(click_message(exc).split()), f"see '{path} --help'"
    if "ClickException" in names:
        return getattr(exc, "exit_code", 1) or 1, " ".join(click_message(exc).split()), None
    if "Abort" in names:
        return 130, "aborted", None
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return EXIT_NOTHING, " ".join(f"{where}{exc.strerror or exc}".split()), None
    return None


def is_usage_error(exc: BaseException) -> bool:
    return any(cls.__name__ == "UsageError" for cls in type(exc).__mro__)


def click_message(exc: BaseException) -> str:
    format_message = getattr(exc, "format_message", None)
    return str(format_message()) if callable(format_message) else str(exc)
