"""Entry point: runs the app and turns every failure into one line and an exit code.

Exit codes: 0 success; 1 nothing found, a corpus that fails validation, a
file that cannot be read or written, or an internal error; 2 bad usage
(unknown reference, option, language, document or party).
``UNAGREE_DEBUG=1`` shows tracebacks instead.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO

import typer

from . import commands, launch  # noqa: F401  (commands: registers the commands)
from .app import State, app
from .corpus import CorpusError
from .errors import EXIT_NOTHING, EXIT_USAGE, UnagreeError
from .refs import RefError
from .render import Output, PipeClosed, message

# typer vendors click; reach its exception classes through a public class.
_CLICK_EXCEPTION = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")
_USAGE_ERROR = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
INTERNAL_HINT = "this is a bug in unagree; run again with UNAGREE_DEBUG=1 to see the traceback, and report it"


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
    stderr = _utf8(sys.stderr) if sys.stderr is not None else open(os.devnull, "w")
    if output is None:
        if sys.stdout is None:  # started with file descriptor 1 closed (``unagree toc >&-``)
            message(stderr, "unagree: error: standard output is closed")
            return EXIT_NOTHING
        output = Output.from_env(_utf8(sys.stdout))
    command = typer.main.get_command(app)
    args = list(sys.argv[1:] if argv is None else argv)
    installed = launch.install()
    launch.reset()
    try:
        result = command.main(args=args, prog_name="unagree", standalone_mode=False, obj=State(output=output))
        if launch.interrupted():  # typer turned the KeyboardInterrupt into a silent exit 130
            raise KeyboardInterrupt
        try:
            output.stream.flush()
        except BrokenPipeError:
            raise PipeClosed from None
        return result if isinstance(result, int) else 0
    except (BrokenPipeError, PipeClosed):
        return _pipe_closed()
    except SystemExit as exc:  # click exits 1 when the help it prints meets a closed pipe
        if isinstance(exc.__context__, BrokenPipeError):
            return _pipe_closed()
        raise
    except Exception as exc:
        if os.environ.get("UNAGREE_DEBUG") and not isinstance(exc, _USAGE_ERROR):
            raise
        if exc.__class__.__name__ == "NoArgsIsHelpError":  # bare ``unagree``: the help, as --help prints it
            output.write(_click_message(exc).rstrip("\n") + "\n")
            return 0
        code, text, hint = _describe(exc)
        if code is None:
            code, text, hint = (
                EXIT_NOTHING,
                f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())}",
                INTERNAL_HINT,
            )
        try:
            output.stream.flush()
        except (BrokenPipeError, PipeClosed):
            return _pipe_closed()
        message(stderr, f"unagree: error: {text}")
        if hint:
            message(stderr, f"hint: {hint}")
        return code
    except KeyboardInterrupt:
        message(stderr, launch.MESSAGE)
        return launch.EXIT_INTERRUPTED
    finally:
        if installed:
            launch.uninstall()


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
        return EXIT_USAGE, " ".join(_click_message(exc).split()), f"see '{path} --help'"
    if isinstance(exc, _CLICK_EXCEPTION):
        return getattr(exc, "exit_code", 1) or 1, " ".join(_click_message(exc).split()), None
    if exc.__class__.__name__ == "Abort":
        return 130, "aborted", None
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return EXIT_NOTHING, " ".join(f"{where}{exc.strerror or exc}".split()), None
    return None, "", None


def _click_message(exc: BaseException) -> str:
    format_message = getattr(exc, "format_message", None)
    return str(format_message()) if callable(format_message) else str(exc)


def _pipe_closed() -> int:
    """The reader went away (``unagree toc | head -1``): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


def run() -> None:
    """Console-script entry point (see :mod:`.launch`, the one the installed script uses)."""
    launch.run()
