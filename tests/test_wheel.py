"""The built wheel carries the corpus and works outside the checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
from conftest import ROOT, subprocess_env

pytestmark = pytest.mark.slow  # process-heavy: `make test-fast` leaves it out


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = dist.glob("unagree-*.whl")

    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "unagree_cli/corpus/un-iom-2016/agreement.zh.yaml" in names
    assert "unagree_cli/corpus/sources/A-70-976.zh.txt" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True, timeout=600
    )
    assert install.returncode == 0, install.stderr

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = subprocess_env()
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [str(env_dir / "bin" / "unagree"), "show", "5"], capture_output=True, cwd=elsewhere, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode("utf-8")
    assert out.startswith("Article 5  Reciprocal representation\n第五条  对等出席会议")
    located = subprocess.run(
        [str(python), "-c", "import unagree_cli.corpus as c; print(c.bundled_corpus())"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert str(env_dir) in located.stdout and os.fspath(ROOT) not in located.stdout
