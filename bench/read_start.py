"""How long `unagree read` takes to draw its first screen in a real pseudo-terminal.

Starts the reader in a pty of 120x40 (standard library only), waits until the
top line shows the current reference, quits with `q`, and prints the median
and the spread of N runs; the first run warms the caches and is not counted.

    python bench/read_start.py [--runs 9] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import termios
import time

READY = b"agreement:"  # the reference on the top line, once the first screen is drawn


def once(argv: list[str], timeout: float = 20.0) -> float:
    start = time.perf_counter()
    pid, fd = pty.fork()
    if pid == 0:  # the child: the reader in the pty
        env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
        env["TERM"] = "xterm-256color"
        os.execvpe(argv[0], argv, env)  # noqa: S606  (the reader itself, with a trimmed environment)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    seen = b""
    elapsed = float("nan")
    deadline = start + timeout
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if READY in seen:
                elapsed = time.perf_counter() - start
                break
        os.write(fd, b"q")
        end = time.perf_counter() + 5
        while time.perf_counter() < end:  # drain until the reader has restored the terminal and gone
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    if not os.read(fd, 65536):
                        break
                except OSError:
                    break
            finished, _status = os.waitpid(pid, os.WNOHANG)
            if finished:
                break
    finally:
        try:
            os.kill(pid, 9)
        except ProcessLookupError:
            pass
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
        os.close(fd)
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--corpus", default=None)
    options = parser.parse_args()
    argv = [sys.executable, "-m", "unagree_cli"]
    if options.corpus:
        argv += ["--corpus", options.corpus]
    argv.append("read")
    once(argv)  # warm-up: compiled corpus cache, analysis cache, bytecode
    times, baseline = [], []
    for _ in range(options.runs):  # interleaved with the baseline, so both see the same machine load
        times.append(once(argv))
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import typer"], check=True)
        baseline.append(time.perf_counter() - start)
    ms = sorted(t * 1000 for t in times)
    typer_ms = statistics.median(baseline) * 1000
    print(
        f"unagree read, first screen at 120x40: median {statistics.median(ms):.0f} ms "
        f"(min {ms[0]:.0f}, max {ms[-1]:.0f}, {options.runs} runs); "
        f"python -c 'import typer': {typer_ms:.0f} ms; ratio {statistics.median(ms) / typer_ms:.1f}x"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
