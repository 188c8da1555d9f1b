"""Console entry point: runs the app in an injected environment and turns every failure into one line.

Exit codes: 0 success; 1 nothing found, a corpus that fails validation, a file that cannot be read or
written, or an internal error; 2 bad usage (unknown reference, option, language, document or party).
``UNAGREE_DEBUG=1`` shows tracebacks instead. The mapping of errors to codes lives in
:func:`unagree_cli.errors.describe`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import IO

import typer

from . import commands, launch  # noqa: F401  (commands: registers the commands)
from .app import State, app
from .errors import EXIT_NOTHING, click_message, describe, is_usage_error
from .views.env import Environment, PipeClosed, message

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


def main(argv: Sequence[str] | None = None, output: Environment | None = None) -> int:
    """Run unagree with ``argv`` in ``output`` (default: this process's); return the exit code."""
    stderr = _utf8(sys.stderr) if sys.stderr is not None else open(os.devnull, "w")
    if output is None:
        if sys.stdout is None:  # started with file descriptor 1 closed (``unagree toc >&-``)
            message(stderr, "unagree: error: standard output is closed")
            return EXIT_NOTHING
        output = Environment.from_env(_utf8(sys.stdout), stderr=stderr)
    try:
        return _run(argv, output, stderr)
    finally:
        output.close()
        from . import patterns

        patterns.save()  # the matching code of patterns first compiled in this run, for the next runs


def _run(argv: Sequence[str] | None, output: Environment, stderr: IO[str]) -> int:
    command = typer.main.get_command(app)
    args = hoist_display_options(list(sys.argv[1:] if argv is None else argv))
    if os.environ.get("_UNAGREE_COMPLETE"):  # a shell asking for completions (see `unagree completion`)
        from typer._completion_classes import completion_init

        completion_init()
    installed = launch.install()
    launch.reset()
    try:
        result = command.main(args=args, prog_name="unagree", standalone_mode=False, obj=State(output=output))
        if launch.interrupted():  # typer turned the KeyboardInterrupt into a silent exit 130
            raise KeyboardInterrupt
        output.flush()
        return result if isinstance(result, int) else 0
    except (BrokenPipeError, PipeClosed):
        return _pipe_closed()
    except SystemExit as exc:  # click exits 1 when the help it prints meets a closed pipe
        if isinstance(exc.__context__, BrokenPipeError):
            return _pipe_closed()
        raise
    except Exception as exc:
        if os.environ.get("UNAGREE_DEBUG") and not is_usage_error(exc):
            raise
        if exc.__class__.__name__ == "NoArgsIsHelpError":  # bare ``unagree``: the help, as --help prints it
            output.write(click_message(exc).rstrip("\n") + "\n")
            return 0
        known = describe(exc)
        code, text, hint = known or (
            EXIT_NOTHING,
            f"internal error: {type(exc).__name__}: {' '.join(str(exc).split())}",
            INTERNAL_HINT,
        )
        try:
            output.flush()
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


DISPLAY_FLAGS = ("--no-pager", "-P")
DISPLAY_OPTIONS = ("--color", "--colour")


def hoist_display_options(args: list[str]) -> list[str]:
    """``--color WHEN`` and ``--no-pager`` may follow the command, as in git and ripgrep: move them first.

    Nothing after ``--`` is touched (``unagree search -- --no-pager`` searches for the words).
    """
    moved: list[str] = []
    kept: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            kept += args[index:]
            break
        if arg in DISPLAY_FLAGS or arg.startswith(tuple(f"{name}=" for name in DISPLAY_OPTIONS)):
            moved.append(arg)
        elif arg in DISPLAY_OPTIONS and index + 1 < len(args):
            moved += args[index : index + 2]
            index += 1
        else:
            kept.append(arg)
        index += 1
    return moved + kept


def _pipe_closed() -> int:
    """The reader went away (``unagree toc | head -1``, or the pager quit): stop quietly."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 0


def run() -> None:
    """Console-script entry point (see :mod:`.launch`, the one the installed script uses)."""
    launch.run()
