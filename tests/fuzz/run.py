"""``python -m tests.fuzz.run --seconds 60``: fuzz the loader and validator for a bounded time.

The fuzzing happens in a worker process that writes each input to a state
file before trying it. A Python failure is shrunk by hypothesis and saved by
the worker; if the worker dies outright (a segmentation fault in a C
extension), this process saves the input from the state file and starts a
new worker. Saved inputs go to ``tests/fuzz/crashes/NAME--HASH.case``, where
``tests/test_fuzz_regressions.py`` replays them. Exit status 1 if anything
new was found.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from .target import CRASHES, ROOT, Workspace, mutations

FOUND = 3  # the worker's exit status when it saved a failing input
BATCH = 100  # examples per hypothesis run; the clock is checked between runs


def save_case(crash_dir: Path, name: str, data: bytes) -> Path | None:
    """Keep a failing input; return its path, or None if it was already kept."""
    crash_dir.mkdir(parents=True, exist_ok=True)
    path = crash_dir / f"{name}--{hashlib.sha256(data).hexdigest()[:12]}.case"
    if path.exists():
        return None
    path.write_bytes(data)
    return path


def worker(until: float, seed: int, state: Path, crash_dir: Path) -> int:
    """Fuzz until ``until`` (a time.time() value); return 0, or FOUND after saving a failure."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as fixed_seed

    workspace = Workspace()
    rng = random.Random(seed)
    examples = 0
    failure: tuple[str, bytes, str] | None = None

    def attempt(case: tuple[str, bytes]) -> None:
        nonlocal examples, failure
        name, data = case
        state.write_bytes(name.encode() + b"\0" + data)
        examples += 1
        try:
            workspace.check(name, data)
        except Exception:
            failure = (name, data, traceback.format_exc())
            raise

    try:
        while time.time() < until:
            run = settings(
                max_examples=BATCH,
                deadline=None,
                database=None,
                phases=[Phase.generate, Phase.shrink],
                suppress_health_check=list(HealthCheck),
                report_multiple_bugs=False,
            )(fixed_seed(rng.getrandbits(64))(given(mutations(workspace.seeds))(attempt)))
            try:
                run()
            except Exception:
                if failure is None:
                    raise
                name, data, trace = failure
                saved = save_case(crash_dir, name, data)
                print(f"fuzz: failure in {name} ({len(data)} bytes), saved as {saved}\n{trace}", file=sys.stderr)
                return FOUND
    finally:
        workspace.close()
        print(f"fuzz: worker tried {examples} inputs", file=sys.stderr)
    return 0


def orchestrate(seconds: float, seed: int, crash_dir: Path) -> int:
    """Run workers until the time is up; keep what kills them."""
    until = time.time() + seconds
    found = 0
    with tempfile.TemporaryDirectory(prefix="unagree-fuzz-state-") as folder:
        state = Path(folder) / "current"
        runs = 0
        while time.time() < until:
            command = [
                sys.executable,
                "-m",
                __spec__.name if __spec__ else "tests.fuzz.run",
                "--worker",
                "--until",
                repr(until),
                "--seed",
                str(seed + runs),
                "--state",
                str(state),
                "--crash-dir",
                str(crash_dir),
            ]
            runs += 1
            result = subprocess.run(command, cwd=ROOT, env={**os.environ, "PYTHONFAULTHANDLER": "1"}, check=False)
            if result.returncode == 0:
                break
            found += 1
            if result.returncode != FOUND and state.exists():
                name, data = state.read_bytes().split(b"\0", 1)
                saved = save_case(crash_dir, name.decode(), data)
                print(f"fuzz: the worker died (status {result.returncode}) on {name.decode()}; saved as {saved}")
    print(f"fuzz: {seconds:g} s, seed {seed}, {found} failing input(s)" + (f" kept in {crash_dir}" if found else ""))
    return 1 if found else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.fuzz.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60, help="how long to fuzz (default 60)")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: a new one)")
    parser.add_argument("--crash-dir", type=Path, default=CRASHES, help="where failing inputs are kept")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--until", type=float, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--state", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(2**32)
    if args.worker:
        return worker(args.until, seed, args.state, args.crash_dir)
    return orchestrate(args.seconds, seed, args.crash_dir)


if __name__ == "__main__":
    sys.exit(main())
