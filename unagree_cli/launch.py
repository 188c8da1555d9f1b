"""The console entry point: Ctrl-C at any moment, start-up included, is one line and exit 130.

This module imports nothing but ``os``, ``sys`` and the C signal module
(already loaded at start-up), and installs its SIGINT handler before the rest of unagree (typer,
rich, the commands) is imported, so an interrupt during those imports is
caught too. Typer turns a KeyboardInterrupt inside a command into a silent
exit 130; the handler records that one arrived, so :func:`unagree_cli.cli.main`
can still say so. Once the command has finished, a later Ctrl-C is ignored:
there is nothing left to stop, and the interpreter's shutdown must not print a
traceback.

Before Python has installed any handler (the first few milliseconds of the
interpreter's own start-up) the system's default applies: the process ends
by the signal, silently, and the shell reports 130 as it does for any
program.
"""

import os
import sys

# Neither typing nor signal: each imports modules (enum, typing's machinery) that take milliseconds of
# start-up during which a Ctrl-C would be unguarded. _signal is the C module signal wraps, loaded at start-up.
try:
    import _signal as signal  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - other interpreters
    import signal

EXIT_INTERRUPTED = 130
MESSAGE = "unagree: interrupted"
_seen = [False]  # a SIGINT arrived since the last reset()


_early = [False]  # nothing has started yet that a KeyboardInterrupt would have to clean up
_console = [False]  # this process is the unagree command (run() called), not a test or a library user


def console() -> bool:
    """Whether this process runs the ``unagree`` command itself: then what it loads lives until it exits."""
    return _console[0]


def _on_sigint(signum: int, frame: object) -> None:
    if _early[0]:  # between this module's import and run()'s guard: leave at once
        _say()
        os._exit(EXIT_INTERRUPTED)
    _seen[0] = True
    raise KeyboardInterrupt


def install(early: bool = False) -> bool:
    """Route SIGINT through our handler if Python's default one is in place; True if this call installed it.

    ``early``: until :func:`run` is under way, a SIGINT prints the line and exits
    at once (there is nothing to clean up yet). A SIGINT that is ignored (a
    background job) stays ignored; outside the main thread nothing changes.
    """
    try:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            _early[0] = early
            signal.signal(signal.SIGINT, _on_sigint)
            return True
    except ValueError:  # not the main thread
        pass
    return False


def uninstall() -> None:
    """Put Python's default handler back (after :func:`install` returned True)."""
    try:
        if signal.getsignal(signal.SIGINT) is _on_sigint:
            signal.signal(signal.SIGINT, signal.default_int_handler)
    except ValueError:
        pass


def reset() -> None:
    _seen[0] = False


def interrupted() -> bool:
    """Whether a SIGINT arrived since :func:`reset` (even one that typer swallowed)."""
    return _seen[0]


def _ignore() -> None:
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except ValueError:
        pass


def _say() -> None:
    try:
        os.write(2, (MESSAGE + "\n").encode())
    except OSError:
        pass


def run() -> None:
    """Run unagree with ``sys.argv`` and exit with its code (130 after Ctrl-C)."""
    code = EXIT_INTERRUPTED
    _console[0] = True
    try:
        install()
        # While the commands are imported nothing needs cleaning up (no output, no file written): a Ctrl-C
        # leaves at once, rather than raising KeyboardInterrupt inside the import machinery, where it can land
        # in one of importlib's weakref callbacks and be printed as "Exception ignored in ...".
        _early[0] = True
        # Everything imported here (typer, click, the standard library, unagree) lives until the process
        # exits: no collection while importing (imports make no garbage cycles worth finding), and then
        # the collector's permanent generation, so that no later collection walks it again.
        import gc

        gc.disable()
        try:
            from .cli import main
        finally:
            gc.freeze()
            gc.enable()
        _early[0] = False

        code = main()
    except KeyboardInterrupt:  # a second Ctrl-C while main was leaving
        _ignore()
        _say()
        code = EXIT_INTERRUPTED
    _ignore()  # the work is done: a Ctrl-C now cannot stop anything, and must not print a traceback
    leave(code)


def leave(code: int) -> None:
    """Exit with ``code``, without the interpreter's teardown when nothing is left for it to do.

    Tearing the interpreter down frees every object of every module one by one: about a
    sixth of a short command's time, with nothing to show for it. So once the output is
    flushed, and when no ``atexit`` function is registered and no other thread runs (nothing
    that a normal exit would still run or wait for), the process ends at once
    (``os._exit``). Otherwise, or when a stream cannot be flushed, the normal exit.
    """
    flushed = True
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            flushed = False
    if flushed and _nothing_left() and code in range(256):
        os._exit(code)
    sys.exit(code)


def _nothing_left() -> bool:
    """No ``atexit`` function registered and no thread but this one (when either cannot be told: False)."""
    import atexit  # built into the interpreter: nothing to load

    registered = getattr(atexit, "_ncallbacks", None)
    if registered is None or registered():
        return False
    threading = sys.modules.get("threading")
    return threading is None or threading.active_count() == 1


# Run as the `unagree` script or `python -m unagree_cli`: guard from this line on, not only from run().
if os.path.basename(sys.argv[0] if sys.argv else "") in ("unagree", "unagree.exe") or (
    sys.argv and sys.argv[0].replace(os.sep, "/").endswith("unagree_cli/__main__.py")
):
    install(early=True)
