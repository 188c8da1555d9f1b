"""Writing an export to a file: atomically, never into the corpus, never over anything but a file.

What ``-o PATH`` does depends on what is there, judged after following
symlinks and ``..`` (the real path):

- inside a protected folder (the corpus being read, the bundled corpus):
  refused, exit 2, whatever ``--force`` says;
- nothing: the file is created atomically;
- a regular file (or a symlink to one): refused without ``--force``; with it,
  the file is replaced atomically (through a symlink, the file it points to is
  replaced and the link kept);
- a FIFO or a character device (``/dev/null``, a terminal, ``/dev/stdout``):
  written into, as the shell's ``>`` does, with or without ``--force`` (the
  shell's ``noclobber`` makes the same exception); it stays what it was;
- a folder, a socket or a block device: refused, exit 2.

``/dev/stdout``, ``/dev/fd/1`` and ``/proc/self/fd/1`` mean standard output,
like ``-``; ``-o ""`` is a usage error.

Atomic means: the text goes to a temporary file in the destination's folder
(a random name, created exclusively, never through a symlink), is flushed to
disk, then renamed over the destination in one step. Without ``force`` the
rename is a hard link, which fails if the destination appeared meanwhile, so
an existing file is never replaced. Any failure, Ctrl-C included, removes the
temporary file: the destination holds all of the export or is untouched.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import EXIT_NOTHING, UnagreeError, UsageFailure

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at import: see fastclass
    from ..fastclass import dataclass

EXISTS_HINT = "add --force to replace it, or choose another name"
STDOUT_NAMES = frozenset({"/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})
NEW, FILE, STREAM = "new", "file", "stream"


class WriteFailure(UnagreeError):
    """The output file could not be written (disk full, I/O error)."""

    exit_code = EXIT_NOTHING


@dataclass(frozen=True)
class Target:
    """Where ``-o`` sends an export: ``dest`` is a new file, an existing file, or a stream to write into."""

    path: str  # as the user wrote it, for messages
    dest: Path  # what is written: the file itself, or the file a symlink points to
    kind: str  # NEW, FILE or STREAM


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def _inside(path: str, folder: str) -> bool:
    try:
        return os.path.commonpath([path, folder]) == folder
    except ValueError:  # one relative, one absolute, or different drives
        return False


def is_stdout(path: str) -> bool:
    """``-``, or a name of the process's standard output (``/dev/stdout``)."""
    return path == "-" or os.path.abspath(path) in STDOUT_NAMES


def plan(path: str, force: bool, protected: Iterable[Path] = ()) -> Target:
    """Decide what writing to ``path`` means, or refuse with a one-line usage error (exit 2).

    ``protected`` are folders never written into (the corpus): ``path`` is
    compared with them after resolving symlinks and ``..`` on both sides.
    """
    if not path:
        raise UsageFailure("--output needs a file name", hint="use -o - for standard output")
    expanded = os.path.expanduser(path)
    real = os.path.realpath(expanded)
    for folder in protected:
        inside = os.path.realpath(folder)
        if _inside(real, inside):
            raise UsageFailure(
                f"'{path}' is inside the corpus folder '{folder}'; unagree never writes into the corpus",
                hint="choose a file outside it",
            )
    try:
        info = os.stat(expanded)
    except FileNotFoundError:
        info = None
    except OSError as exc:  # a symlink loop, a name too long, a component that is not a folder
        raise UsageFailure(f"cannot write '{path}': {_reason(exc)}") from None
    if info is None:
        if os.path.islink(expanded) and not force:  # a symlink to nothing: create its target only if asked
            raise UsageFailure(f"'{path}' already exists (a symlink to '{real}', which does not)", hint=EXISTS_HINT)
        dest, kind = Path(real if os.path.islink(expanded) else expanded), NEW
    elif stat.S_ISREG(info.st_mode):
        if not force:
            raise UsageFailure(f"'{path}' already exists", hint=EXISTS_HINT)
        dest, kind = Path(real if os.path.islink(expanded) else expanded), FILE
    elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        return Target(path, Path(expanded), STREAM)
    elif stat.S_ISDIR(info.st_mode):
        raise UsageFailure(f"'{path}' is a folder, not a file", hint="give a file name, such as -o export.xml")
    else:
        what = "a socket" if stat.S_ISSOCK(info.st_mode) else "a block device" if stat.S_ISBLK(info.st_mode) else None
        raise UsageFailure(
            f"'{path}' is {what or 'not a regular file'}; exports go to files, FIFOs and character devices"
        )
    folder = dest.parent
    if not folder.is_dir():
        raise UsageFailure(f"cannot write '{path}': folder '{folder}' does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageFailure(f"cannot write '{path}': folder '{folder}' is not writable")
    return Target(path, dest, kind)


def protected_folders(corpus: Path) -> list[Path]:
    """What an export never writes into: the corpus ``corpus`` (with its published sources) and the bundled one."""
    from ..corpus import bundled_corpus, sources_folder

    folders = [corpus, bundled_corpus()]
    if (corpus / "treaty.yaml").is_file():  # a single treaty set, whose sources may sit beside it
        folders.append(sources_folder(corpus))
    return folders


def check_target(path: str, force: bool, protected: Iterable[Path] = ()) -> Path:
    """Refuse early what cannot work; return where the export will go (see :func:`plan`)."""
    return plan(path, force, protected).dest


def write_target(
    target: Target, text: str, force: bool = False, terminal_text: Callable[[str], str] | None = None
) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) where ``target`` says; return the destination.

    ``terminal_text`` transforms the text when the destination turns out to be
    a terminal (to make control characters visible).
    """
    if target.kind == STREAM or _is_stream(target.dest):
        _write_stream(target, text, terminal_text)
    else:
        _write_file(target, text, force)
    return target.dest


def write_atomic(path: str, text: str, force: bool = False, protected: Iterable[Path] = ()) -> Path:
    """Write ``text`` to ``path`` as ``-o`` does: checked by :func:`plan`, then written."""
    return write_target(plan(path, force, protected), text, force)


def _is_stream(path: Path) -> bool:
    """Whether ``path`` became a FIFO or a character device since it was planned."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _write_stream(target: Target, text: str, terminal_text: Callable[[str], str] | None) -> None:
    """Write into a FIFO or a device in place, as ``>`` does (a FIFO waits for its reader)."""
    from ..render import PipeClosed

    try:
        handle = os.open(target.dest, os.O_WRONLY | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise UsageFailure(f"cannot write '{target.path}': {_reason(exc)}") from None
    try:
        if terminal_text is not None and os.isatty(handle):
            text = terminal_text(text)
        data = memoryview(text.encode("utf-8"))
        while data:
            written = os.write(handle, data)
            data = data[written:]
    except BrokenPipeError:  # the FIFO's reader went away, as with `unagree ... | head -1`: stop quietly
        raise PipeClosed from None
    except OSError as exc:
        raise WriteFailure(f"could not write '{target.path}': {_reason(exc)}") from None
    finally:
        os.close(handle)


def _write_file(target: Target, text: str, force: bool) -> None:
    dest = target.dest
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    except OSError as exc:
        raise UsageFailure(f"cannot write '{target.path}': {_reason(exc)}") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        _publish(temporary, dest, target.path, force)
    except BaseException as exc:  # Ctrl-C included: never leave the temporary file
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, UnagreeError) or not isinstance(exc, OSError):
            raise
        raise WriteFailure(f"could not write '{target.path}': {_reason(exc)}; nothing was written") from exc


def _publish(temporary: str, target: Path, path: str, force: bool) -> None:
    if force:
        with contextlib.suppress(FileNotFoundError):
            mode = os.lstat(target).st_mode
            if not stat.S_ISREG(mode):  # something else took the file's place since it was checked
                raise UsageFailure(f"'{path}' is no longer a regular file; nothing was written")
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails if the target exists: never clobbers
    except FileExistsError as exc:
        raise UsageFailure(f"'{path}' already exists", hint=EXISTS_HINT) from exc
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # no hard links here (some network or FAT file systems): check, then rename
        if os.path.lexists(target):
            raise UsageFailure(f"'{path}' already exists", hint=EXISTS_HINT) from None
        os.replace(temporary, target)
        return
    with contextlib.suppress(OSError):  # the export is in place; a stray link name is harmless
        os.unlink(temporary)


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    current = os.umask(0o022)
    os.umask(current)
    return current
