"""Writing an export to a file atomically: all of it, or nothing.

The text goes to a temporary file in the target's folder, is flushed to disk,
then renamed over the target in one step. Without ``force`` the rename is a
hard link, which fails if the target appeared meanwhile, so an existing file
is never replaced. Any failure removes the temporary file.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from ..errors import EXIT_NOTHING, UnagreeError, UsageFailure

EXISTS_HINT = "add --force to replace it, or choose another name"


class WriteFailure(UnagreeError):
    """The output file could not be written (disk full, I/O error)."""

    exit_code = EXIT_NOTHING


def _reason(exc: OSError) -> str:
    return exc.strerror or exc.__class__.__name__


def check_target(path: str, force: bool) -> Path:
    """Refuse early what cannot work: an existing file without ``force``, a missing or unwritable folder."""
    target = Path(path).expanduser()
    if target.is_dir():
        raise UsageFailure(f"'{path}' is a folder, not a file", hint="give a file name, such as -o export.xml")
    if (target.exists() or target.is_symlink()) and not force:
        raise UsageFailure(f"'{path}' already exists", hint=EXISTS_HINT)
    folder = target.parent
    if not folder.is_dir():
        raise UsageFailure(f"cannot write '{path}': folder '{folder}' does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UsageFailure(f"cannot write '{path}': folder '{folder}' is not writable")
    return target


def write_atomic(path: str, text: str, force: bool = False) -> Path:
    """Write ``text`` (UTF-8, ``\\n`` line ends) to ``path`` atomically; return the path."""
    target = check_target(path, force)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise UsageFailure(f"cannot write '{path}': {_reason(exc)}") from exc
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        _publish(temporary, target, path, force)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, UnagreeError) or not isinstance(exc, OSError):
            raise
        raise WriteFailure(f"could not write '{path}': {_reason(exc)}; nothing was written") from exc
    return target


def _publish(temporary: str, target: Path, path: str, force: bool) -> None:
    if force:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)  # fails if the target exists: never clobbers
    except FileExistsError as exc:
        raise UsageFailure(f"'{path}' already exists", hint=EXISTS_HINT) from exc
    except OSError:
        # no hard links here (some network or FAT file systems): check, then rename
        if target.exists():
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
