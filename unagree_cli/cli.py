"""Entry point: runs the app and turns every failure into one line and an exit code.

Exit codes: 0 success; 1 nothing found or a corpus that fails validation;
2 bad usage (unknown reference, option, language, document or party).
``UNAGREE_DEBUG=1`` shows tracebacks instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO

import typer

from . import commands  # noqa: F401  (registers the commands)
from .app import State, app
from .corpus import CorpusError
from .errors import EXIT_NOTHING, EXIT_USAGE, UnagreeError
from .refs import RefError
from .render import Output, message

# typer vendors click; reach its exception classes through a public class.
_CLICK_EXCEPTION = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")


def _utf8(stream: IO[str]) -> IO[str]:
    """Write UTF-8 whatever the locale says (``LANG=C`` still prints Chinese)."""
    reconfigure = getattr(stream, "reconfigure", None)
    encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
    if reconfigure is not None and encoding != "utf8":
        try:
            reconfigure(encoding="utf-8", errors="replace")
        except (ValueError, OSError):
            pass
    return stream


def main(argv: Sequence[str] | None = None, output: Output | None = None) -> int:
    """Run unagree with ``argv``; return the exit code instead of exiting."""
    stderr = _utf8(sys.stderr)
    if output is None:
        output = Output.from_env(_utf8(sys.stdout))
    command = typer.main.get_command(app)
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        result = command.main(args=args, prog_name="unagree", standalone_mode=False, obj=State(output=output))
        output.stream.flush()
        return result if isinstance(result, int) else 0
    except BrokenPipeError:
        return _pipe_closed()
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line
        if os.environ.get("UNAGREE_DEBUG") and not isinstance(exc, _USAGE_ERROR):
            raise
        code, text, hint = _describe(exc)
        if code is None:
            raise
        try:
            output.stream.flush()
        except BrokenPipeError:
            return _pipe_closed()
        message(stderr, f"unagree: error: {text}")
        if hint:
            message(stderr, f"hint: {hint}")
        return code
    except KeyboardInterrupt:
        message(stderr, "unagree: interrupted")
        return 130


def _describe(exc: BaseException) -> tuple[int | None, str, str | None]:
    """Exit code, one-line message and hint for an exception we know."""
    if isinstance(exc, UnagreeError):
        return exc.exit_code, str(exc), exc.hint
    if isinstance(exc, RefError):
        return EXIT_USAGE, str(exc), None
    if isinstance(exc, CorpusError):
        return EXIT_NOTHING, f"invalid corpus: {exc}", None
    if isinstance(exc, _USAGE_ERROR):
        ctx = getattr(exc, "ctx", None)
        path = ctx.command_path if ctx is not None else "unagree"
        return EXIT_USAGE, " ".join(exc.format_message().split()), f"see '{path} --help'"
    if isinstance(exc, _CLICK_EXCEPTION):
        return getattr(exc, "exit_code", 1) or 1, " ".join(exc.format_message().split()), None
    if exc.__class__.__name__ == "Abort":
        return 130, "aborted", None
    return None, "", None


def _pipe_closed() -> int:
    """The reader went away (``unagree toc | head -1``): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
