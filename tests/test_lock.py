"""The build is locked: the venv that `make` builds holds exactly requirements/*.txt, and the ranges stay bounded."""

from __future__ import annotations

import re
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from conftest import ROOT
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCKS = ROOT / "requirements"
NOT_LOCKED = {"unagree", "pip", "setuptools"}
"""The project itself, and the installer the venv comes with."""

_PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def pins(name: str) -> dict[str, str]:
    """Package -> version of the lock file ``name``, for this interpreter and platform (markers applied)."""
    found: dict[str, str] = {}
    for line in (LOCKS / name).read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if not match:
            continue
        package, version, marker = match.groups()
        if marker and not Marker(marker).evaluate():
            continue
        found[canonicalize_name(package)] = version
    return found


def test_every_pin_carries_hashes() -> None:
    for name in ("dev.txt", "runtime.txt"):
        text = (LOCKS / name).read_text(encoding="utf-8")
        blocks = [b for b in re.split(r"\n(?=[A-Za-z0-9])", text) if "==" in b.split("\n", 1)[0]]
        assert blocks, name
        for block in blocks:
            assert "--hash=sha256:" in block, block.split("\n", 1)[0]


def test_the_runtime_lock_is_the_dev_lock_restricted() -> None:
    dev, runtime = pins("dev.txt"), pins("runtime.txt")
    assert {"typer", "rich", "pyyaml"} <= runtime.keys()
    assert {"pytest", "mypy", "ruff", "cobalt", "translate-toolkit"} <= dev.keys()
    for package, version in runtime.items():
        assert dev.get(package) == version, package


def test_runtime_ranges_stop_below_the_next_major() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for spec in project["dependencies"]:
        requirement = Requirement(spec)
        uppers = [s for s in requirement.specifier if s.operator == "<"]
        assert uppers, f"{spec}: no upper bound"
    typer = next(Requirement(s) for s in project["dependencies"] if s.startswith("typer"))
    assert not typer.specifier.contains("0.29.0"), "typer 0.29 imports pydantic on every command: keep the pin"


def test_the_lock_resolves_what_pyproject_asks_for() -> None:
    dev = pins("dev.txt")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = list(project["dependencies"])
    for group in project["optional-dependencies"].values():
        wanted += [s for s in group if not s.startswith("unagree")]
    for spec in wanted:
        requirement = Requirement(spec)
        if requirement.marker and not requirement.marker.evaluate():
            continue
        name = canonicalize_name(requirement.name)
        assert name in dev, f"{name} is not in the lock: run `make lock`"
        assert requirement.specifier.contains(dev[name], prereleases=True), f"{name}=={dev[name]} is outside {spec}"


@pytest.mark.skipif(Path(sys.prefix).resolve() != (ROOT / ".venv").resolve(), reason="runs in the venv `make` builds")
def test_the_venv_make_built_equals_the_lock() -> None:
    installed = {
        canonicalize_name(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if canonicalize_name(d.metadata["Name"]) not in NOT_LOCKED
    }
    locked = pins("dev.txt") if (ROOT / ".venv" / ".installed-dev").exists() else pins("runtime.txt")
    assert installed == locked
