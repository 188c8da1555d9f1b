"""Where the corpus is, and whether it holds several treaty sets: what every command asks first.

Kept apart from :mod:`unagree_cli.corpus` (loading and validating, with its rules and
labels) so that a command served by the search index alone never imports those.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

ENV_VAR = "UNAGREE_CORPUS"


def bundled_corpus() -> Path:
    """The corpus shipped with the package (inside a wheel, or the checkout's)."""
    here = Path(__file__).resolve().parent
    inside = here / "corpus"
    return inside if inside.is_dir() else here.parent / "corpus"


def corpus_root(option: str | None = None) -> Path:
    """The corpus folder: ``--corpus``, else ``$UNAGREE_CORPUS``, else the bundled one."""
    chosen = option or os.environ.get(ENV_VAR) or None
    return Path(chosen).expanduser() if chosen else bundled_corpus()


RACY_NS = 2_000_000_000
"""A folder changed this close to (or after) the moment it was listed may change again unseen: not reused."""

_listed: list[tuple[str, tuple[int, int, int], list[str]]] = []
"""The last listing that may be reused: the folder, its (mtime, ctime, inode) before it was listed, the names."""


def subfolders(root: Path) -> list[str]:
    """The names of the folders in ``root`` (symbolic links to folders too), sorted; [] if it cannot be listed.

    One listing a command: ``search`` asks first whether the corpus holds several sets, and then
    which they are. A listing is reused while the folder's mtime, ctime and inode are those it
    had before it was listed (adding, removing or renaming an entry changes them), unless it had
    changed within :data:`RACY_NS` of that moment: a change in the same clock tick would keep them.
    """
    key = os.fspath(root)
    try:
        info = os.stat(key)
    except OSError:
        return []
    stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
    if _listed and _listed[0][0] == key and _listed[0][1] == stamp:
        return list(_listed[0][2])
    _listed.clear()
    try:
        with os.scandir(key) as entries:
            names = sorted(entry.name for entry in entries if entry.is_dir())
    except OSError:
        return []
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) > RACY_NS:
        _listed.append((key, stamp, names))
    return list(names)


def several_treaty_sets(root: Path) -> bool:
    """Whether ``root`` holds more than one treaty set (``corpus.treaty_folders`` that stops at the second)."""
    if (root / "treaty.yaml").is_file():
        return False
    found = 0
    prefix = os.fspath(root) + os.sep
    for name in subfolders(root):
        if os.path.isfile(prefix + name + os.sep + "treaty.yaml"):
            found += 1
            if found > 1:
                return True
    return False
