"""The injected environment every view writes through: streams, terminal, width, colour and pager.

Made once by the console entry point from the real process (:meth:`Environment.from_env`) and by tests
with whatever they pin. Nothing else in unagree looks at ``sys.stdout``, ``COLUMNS`` or ``NO_COLOR``.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
from collections.abc import Callable, Mapping
from typing import IO, Any

from ..patterns import lazy

COLOR_CHOICES = ("auto", "always", "never")
DEFAULT_PAGER = "less -FRX"

# C0 and C1 controls except tab and newline, DEL, the Unicode line and paragraph separators (a line break to
# str.splitlines and to many tools reading lines), and the Unicode bidi embedding/override/isolate controls that
# can reorder what a terminal shows.
UNSAFE = lazy("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def escape_char(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"<U+{code:04X}>"


def harmless(text: str) -> bool:
    """Whether ``text`` holds nothing :data:`UNSAFE` matches, told without the pattern in the common case.

    Nothing UNSAFE matches is printable, and tab and newline are not UNSAFE; text with other unprintable
    characters (a no-break space, say) is asked of the pattern itself.
    """
    if text.isprintable() or text.replace("\n", "").replace("\t", "").isprintable():
        return True
    return UNSAFE.search(text) is None


def visible(text: str) -> str:
    """Replace control characters with a visible escape (ESC -> ``\\x1b``)."""
    return text if harmless(text) else UNSAFE.sub(escape_char, text)


class PipeClosed(Exception):
    """The reader of our output went away (``unagree toc | head -1``, or the pager quit).

    Not an ``OSError``, so no framework in between turns it into exit 1.
    """


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Environment:
    """Where and how to write. ``stream`` is standard output; ``stderr`` takes messages and progress."""

    def __init__(
        self,
        stream: IO[str] | None = None,
        is_tty: bool = False,
        width: int = 80,
        no_color: bool = False,
        force_color: bool = False,
        *,
        stderr: IO[str] | None = None,
        stderr_is_tty: bool = False,
        dumb: bool = False,
        color: str = "auto",
        pager: str | None = None,
    ) -> None:
        self.stream: IO[str] = stream if stream is not None else sys.stdout
        self.is_tty = is_tty
        self.width = width
        self.no_color = no_color
        self.force_color = force_color
        self.stderr: IO[str] = stderr if stderr is not None else sys.stderr
        self.stderr_is_tty = stderr_is_tty
        self.dumb = dumb
        self.color = color
        self.pager = pager
        self._pager: Any = None
        self._paged: IO[str] | None = None

    @classmethod
    def from_env(
        cls, stream: IO[str] | None = None, environ: Mapping[str, str] | None = None, stderr: IO[str] | None = None
    ) -> Environment:
        env = os.environ if environ is None else environ
        stream = stream or sys.stdout
        is_tty = _isatty(stream)
        width = 0
        for name in ("COLUMNS", "TERMINAL_WIDTH"):
            value = env.get(name, "")
            if value.isdigit() and int(value) > 0:
                width = int(value)
                break
        if not width:
            width = shutil.get_terminal_size((80, 24)).columns if is_tty else 80
        err = stderr if stderr is not None else sys.stderr
        pager = None
        if is_tty:
            pager = env.get("UNAGREE_PAGER", env.get("PAGER", DEFAULT_PAGER)).strip() or None
        return cls(
            stream=stream,
            is_tty=is_tty,
            width=max(20, min(width, 1000)),
            no_color=bool(env.get("NO_COLOR")),
            force_color=bool(env.get("FORCE_COLOR")) and not env.get("NO_COLOR"),
            stderr=err,
            stderr_is_tty=_isatty(err) and env.get("TERM") != "dumb",
            dumb=env.get("TERM") == "dumb",
            pager=pager,
        )

    # ------------------------------------------------------------ colour

    @property
    def color_mode(self) -> str:
        """``color``, ``mono`` (NO_COLOR: bold and underline only) or ``none`` (no escape sequences)."""
        if self.color == "never":
            return "none"
        if self.color == "always" or self.force_color:
            return "color"
        if not self.is_tty or self.dumb:
            return "none"
        return "mono" if self.no_color else "color"

    def default_format(self) -> str:
        return "table" if self.is_tty else "plain"

    # ------------------------------------------------------------ writing

    def write(self, text: str) -> None:
        """Write to standard output (through the pager on a terminal when one is set)."""
        if self.is_tty:  # data stays exact in pipes and files; a terminal never gets raw control characters
            text = visible(text)
        self.write_raw(text)

    def write_raw(self, text: str) -> None:
        """Write text already made safe, such as a drawn table with its own style sequences."""
        target = self._paged if self._paged is not None else self._open_pager()
        try:
            target.write(text)
        except (BrokenPipeError, OSError) as exc:
            if isinstance(exc, BrokenPipeError) or target is self._paged:
                raise PipeClosed from None
            raise

    def _open_pager(self) -> IO[str]:
        if not self.pager or not self.is_tty:
            return self.stream
        import shlex
        import subprocess

        try:
            program = shlex.split(self.pager)
        except ValueError:
            program = []
        if not program or program[0] == "cat" or shutil.which(program[0]) is None:
            self.pager = None  # as git does: a pager that cannot run means no pager
            return self.stream
        env = dict(os.environ)
        env.setdefault("LESS", "FRX")
        env.setdefault("LV", "-c")
        try:
            self.stream.flush()
            self._pager = subprocess.Popen(self.pager, shell=True, stdin=subprocess.PIPE, env=env)  # noqa: S602
        except OSError:
            self.pager = None
            return self.stream
        import io

        assert self._pager.stdin is not None
        self._paged = io.TextIOWrapper(self._pager.stdin, encoding="utf-8", errors="replace", line_buffering=False)
        return self._paged

    def flush(self) -> None:
        target = self._paged if self._paged is not None else self.stream
        try:
            target.flush()
        except BrokenPipeError:
            raise PipeClosed from None

    def close(self) -> None:
        """Finish: flush, and wait for the pager (if one ran) to be quit."""
        if self._paged is not None:
            try:
                self._paged.close()
            except (BrokenPipeError, OSError):
                pass
            self._paged = None
        if self._pager is not None:
            try:
                self._pager.wait()
            except KeyboardInterrupt:
                self._pager.wait()
            self._pager = None

    def message(self, text: str) -> None:
        """A line for the user on stderr (control characters and line breaks made visible)."""
        message(self.stderr, text)

    def progress(self, label: str) -> ProgressBar:
        return ProgressBar(self.stderr, label, self.stderr_is_tty)


def message(stream: IO[str], text: str) -> None:
    """A line on ``stream`` (control characters and line breaks made visible)."""
    try:
        stream.write(visible(text).replace("\n", "\\n") + "\n")
        stream.flush()
    except BrokenPipeError:
        raise PipeClosed from None


class ProgressBar:
    """A progress bar drawn on a terminal's stderr while a long task runs; nothing at all elsewhere.

    ``with env.progress("Indexing") as update: update(done, total)``. Drawn with a carriage return and
    an erase-line sequence, at most once per percent; erased when done.
    """

    BAR = 30

    def __init__(self, stream: IO[str], label: str, enabled: bool | None = None) -> None:
        self.stream = stream
        self.label = visible(label)
        self.enabled = _isatty(stream) if enabled is None else enabled
        self._drawn = -1

    def __enter__(self) -> Callable[[int, int], None]:
        return self.update

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        percent = min(100, done * 100 // total)
        if percent == self._drawn:
            return
        self._drawn = percent
        filled = self.BAR * percent // 100
        bar = "━" * filled + "╺" + "─" * (self.BAR - filled - 1) if filled < self.BAR else "━" * self.BAR
        self._emit(f"\r\x1b[2K{self.label} {bar} {done}/{total}")

    def _emit(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False

    def __exit__(self, *exc: object) -> None:
        if self.enabled and self._drawn >= 0:
            self._emit("\r\x1b[2K")
