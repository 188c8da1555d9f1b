"""Analyses over many units: comparing the languages' obligations grows linearly with the number of units."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from conftest import calls_made

from unagree_cli.corpus import load_treaty
from unagree_cli.obligations import disagreements, extract

pytestmark = pytest.mark.slow  # grows sets to tens of thousands of units

ROOT = Path(__file__).resolve().parent.parent


def units_set(folder: Path, units: int) -> Path:
    spec = importlib.util.spec_from_file_location("bench_sizes", ROOT / "bench" / "sizes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_sizes"] = module
    spec.loader.exec_module(module)
    made: tuple[Path, str] = module.units_set(folder, units)  # a module loaded by path: its names are Any
    return made[0]


def comparing_calls(folder: Path) -> int:
    treaty, problems = load_treaty(folder)
    assert treaty is not None and not problems
    for lang in ("en", "zh"):
        extract(treaty, "agreement", lang)  # extraction is counted elsewhere (and cached by the engine)
    found: list[object] = []
    calls = calls_made(lambda: found.extend(disagreements(treaty, "agreement")))
    assert found == []
    return calls


def test_disagreements_grow_linearly_with_units(tmp_path: Path) -> None:
    # 6x the units: about 6x the calls when linear, 36x when each unit scans every statement (as it did)
    small = comparing_calls(units_set(tmp_path, 500))
    large = comparing_calls(units_set(tmp_path, 3_000))
    assert large / small < 10, f"500 units {small} calls, 3,000 units {large}"
