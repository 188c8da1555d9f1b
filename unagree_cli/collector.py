"""The cyclic garbage collector, paused around work that makes many objects and no cycles.

Loading a treaty set, computing its analyses, reviewing it and writing thousands of search hits
each make hundreds of thousands of objects and no garbage cycles worth finding. Each collection
their allocations trigger walks every object that survived so far, so on 80,000 units the
collector took more time than the parsing (13.6 s of CPU for a set against 6.0 s without it).
Garbage is still freed by reference counts. The one home of that rule: :func:`no_collection`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_collection() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the collector as it was after it (nested blocks too)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
