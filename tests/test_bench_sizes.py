"""bench/sizes.py writes valid treaty sets at every size it measures, each file under the 4 MB limit."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from conftest import Runner

from unagree_cli.corpus import load_treaty
from unagree_cli.yamlio import MAX_FILE_BYTES

pytestmark = pytest.mark.slow  # writes and reads large treaty sets

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def sizes() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_sizes", ROOT / "bench" / "sizes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_sizes"] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_the_largest_sets_fit_the_file_limit_and_load(sizes: ModuleType, tmp_path: Path) -> None:
    for make, size in ((sizes.paragraph_set, sizes.PARAGRAPH_SIZES[-1]), (sizes.units_set, sizes.UNIT_COUNTS[-1])):
        folder, ref = make(tmp_path, size)
        for path in folder.glob("*.yaml"):
            assert path.stat().st_size <= MAX_FILE_BYTES
        treaty, problems = load_treaty(folder)
        assert problems == [] and treaty is not None
        records = treaty.records("agreement", ["en", "zh"])
        units = sum(1 for r in records if r.kind == "paragraph")
        if make is sizes.units_set:
            assert units == size == 79_920 and ref == "999.80"
        else:
            assert units == 1 and ref == "1.1"
            text = treaty.versions[("agreement", "zh")].units[-1].text
            assert len(text.encode("utf-8")) > 0.95 * size


def test_small_sets_answer_every_benchmarked_command(sizes: ModuleType, tmp_path: Path, run: Runner) -> None:
    for folder, ref in (sizes.paragraph_set(tmp_path, 20_000), sizes.units_set(tmp_path, 1_000)):
        for _name, args in sizes.commands(folder, ref):
            result = run(*args)
            # exit 1 is findings (diff) or nothing found; never an error line
            assert result.code in (0, 1) and "unagree: error" not in result.err, (args, result.err)
