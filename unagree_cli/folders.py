"""Where the corpus is, and whether it holds several treaty sets: what every command asks first.

Kept apart from :mod:`unagree_cli.corpus` (loading and validating, with its rules and
labels) so that a command served by the search index alone never imports those.
"""

from __future__ import annotations

import os
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


def several_treaty_sets(root: Path) -> bool:
    """Whether ``root`` holds more than one treaty set (``corpus.treaty_folders`` that stops at the second)."""
    if (root / "treaty.yaml").is_file():
        return False
    found = 0
    try:
        with os.scandir(root) as entries:
            for entry in entries:
                if entry.is_dir() and os.path.isfile(os.path.join(entry.path, "treaty.yaml")):
                    found += 1
                    if found > 1:
                        return True
    except OSError:
        return False
    return False
