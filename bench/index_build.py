"""The first search of a large corpus (the index build) against a naive baseline: ``make bench-index``.

The baseline is the simplest index anyone would write: one process parses
every YAML file of every treaty set with PyYAML's ``CSafeLoader`` and inserts
every string it holds into one FTS5 table (trigram tokenizer, as unagree's)
in one transaction. It validates nothing, keeps no records and knows nothing
of languages, so unagree's build (validating every set, keeping its records
and a search key per language, reading sets on every core) should still take
no longer than it. Both start from a cold cache; each is a fresh process, run
interleaved ``--runs`` times; medians are printed with their ratio.

    python bench/index_build.py --sets 1000 --runs 3
    python bench/index_build.py --corpus /tmp/unagree-scale-1000   # an existing corpus
    python bench/index_build.py --naive CORPUS DB                  # the baseline alone, once

Only the standard library, PyYAML and unagree itself are needed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def strings(value: Any) -> Iterator[str]:
    """Every string in parsed YAML (keys too), depth first."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(key)
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def naive(corpus: Path, database: Path) -> int:
    """The baseline: parse every YAML file with CSafeLoader, insert its strings into one FTS5 table, one transaction."""
    import yaml

    db = sqlite3.connect(database)
    db.execute("CREATE VIRTUAL TABLE texts USING fts5(text, tokenize='trigram')")
    count = 0
    with db:
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            for path in sorted(folder.glob("*.yaml")):
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
                rows = [(text,) for text in strings(data)]
                db.executemany("INSERT INTO texts(text) VALUES (?)", rows)
                count += len(rows)
    db.close()
    return count


def unagree_command() -> list[str]:
    script = Path(sys.executable).parent / "unagree"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "from unagree_cli.cli import run; run()"]


def timed(argv: Sequence[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"index_build: {' '.join(argv[:3])} ... failed: {result.stderr.decode(errors='replace')}")
    return elapsed


def measure(corpus: Path, work: Path, runs: int) -> dict[str, Any]:
    """Median seconds of the baseline and of unagree's first ``list`` (which builds the index), cold each time."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNAGREE_")}
    env.update(COLUMNS="100", LANG=env.get("LANG") or "C.UTF-8")
    naive_times: list[float] = []
    unagree_times: list[float] = []
    for run in range(runs):
        database = work / f"naive-{run}.sqlite"
        naive_times.append(timed([sys.executable, __file__, "--naive", str(corpus), str(database)], env))
        database.unlink(missing_ok=True)
        cache = work / f"cache-{run}"
        unagree_times.append(
            timed(
                [*unagree_command(), "--corpus", str(corpus), "list", "--format", "plain"],
                {**env, "UNAGREE_CACHE_DIR": str(cache)},
            )
        )
        shutil.rmtree(cache, ignore_errors=True)
    sets = sum(1 for p in corpus.iterdir() if (p / "treaty.yaml").is_file())
    naive_s, unagree_s = statistics.median(naive_times), statistics.median(unagree_times)
    return {
        "sets": sets,
        "cores": os.cpu_count(),
        "naive_s": naive_s,
        "unagree_s": unagree_s,
        "ratio": unagree_s / naive_s,
        "naive_runs": naive_times,
        "unagree_runs": unagree_times,
    }


def report(row: dict[str, Any]) -> str:
    verdict = "ok" if row["ratio"] <= 1.0 else "SLOWER THAN THE BASELINE"
    return "\n".join(
        [
            f"Index build over {row['sets']:,} treaty sets ({row['cores']} cores;"
            " median of fresh processes, cold cache)",
            "",
            "| build | median s | ratio |",
            "|---|---:|---:|",
            f"| naive: CSafeLoader + one FTS5 table, one process | {row['naive_s']:.1f} | 1.00x |",
            f"| unagree: first `list` (validated, records, keys) | {row['unagree_s']:.1f} | {row['ratio']:.2f}x |",
            "",
            f"- unagree's build no slower than the naive one: {verdict}",
            "",
        ]
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", type=int, default=1000, help="treaty sets in the corpus written (default 1000)")
    parser.add_argument("--corpus", type=Path, help="time this corpus instead of writing one")
    parser.add_argument("--runs", type=int, default=3, help="runs of each build (default 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--naive", nargs=2, type=Path, metavar=("CORPUS", "DB"), help="run the baseline once")
    args = parser.parse_args(argv)
    if args.naive:
        naive(*args.naive)
        return 0
    sys.path.insert(0, str(ROOT))
    with tempfile.TemporaryDirectory(prefix="unagree-index-bench-") as temp:
        work = Path(temp)
        corpus = args.corpus
        if corpus is None:
            from unagree_cli.scale import write_scaled_corpus

            corpus = work / "corpus"
            print(f"index_build: writing {args.sets} treaty sets", file=sys.stderr)
            write_scaled_corpus(corpus, args.sets)
        row = measure(corpus, work, args.runs)
    print(report(row))
    if args.json:
        args.json.write_text(json.dumps(row, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
