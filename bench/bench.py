"""Start-up and scale benchmark for unagree: ``make bench`` (``python bench/bench.py``).

Runs each command as a fresh process many times, each run paired with a run of
a bare ``python -c "import typer"`` just before it (A B A B ...), and prints the
median of the per-pair ratios with their min-max: a busy moment slows both
halves of a pair alike, so a noisy machine moves the spread, not the verdict. Then it writes synthetic
corpora of N = 1, 10, 100 and 1,000 treaty sets (see ``unagree_cli.scale``) in a
temporary folder and prints how ``show``, ``search`` and ``list`` grow with N.

With the largest corpus still written it times the first search (the index
build) against a naive single-process script (``bench/index_build.py``), then
`unagree read`'s first screen in a pseudo-terminal (``bench/read_start.py``),
and last the sizes section (``bench/sizes.py``: hostile but valid sizes, about
ten minutes). ``--quick`` makes the whole run a few minutes: fewer runs, the
sizes section's two smallest sizes of each family, one index build of each
kind; ``--skip index,read,sizes`` leaves sections out.

Every process gets a private cache folder and a private bytecode folder
(``PYTHONPYCACHEPREFIX``), and ``PYTHONDONTWRITEBYTECODE`` is unset for its
runs: figures are for an installed tool (a wheel has compiled bytecode) whose
caches are warm, after warm-up runs.
Only the standard library and unagree itself are needed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = "import typer"

# name, arguments after `unagree` (None: a Python one-liner), target ratio to `import typer`
STARTUP: list[tuple[str, list[str], float | None]] = [
    ("python -c pass", ["-c", "pass"], None),
    ('python -c "import typer"', ["-c", "import typer"], None),
    ("unagree show 5 --format plain", ["show", "5", "--format", "plain"], 1.2),
    ("unagree show 5 (table)", ["show", "5", "--format", "table"], 1.6),
    ("unagree obligations --party IOM --format json", ["obligations", "--party", "IOM", "--format", "json"], 1.2),
    ("unagree obligations (table)", ["obligations", "--format", "table"], 1.6),
    ("unagree diff --format json", ["diff", "--format", "json", "--fail-on", "never"], 1.2),
    ("unagree diff (table)", ["diff", "--format", "table", "--fail-on", "never"], 1.6),
    ("unagree search 通行证", ["search", "通行证"], 1.2),
    ("unagree search 通行证 --format json", ["search", "通行证", "--format", "json"], 1.2),
    ("unagree search arrangements (table)", ["search", "arrangements", "--format", "table"], 1.6),
    ("unagree terms --format plain", ["terms", "--format", "plain"], 1.2),
    ("unagree terms (table)", ["terms", "--format", "table"], 1.6),
    ("unagree refs --format plain", ["refs", "--format", "plain"], 1.2),
    ("unagree refs (table)", ["refs", "--format", "table"], 1.6),
    ("unagree toc --format plain", ["toc", "--format", "plain"], 1.2),
    ("unagree toc (table)", ["toc", "--format", "table"], 1.6),
    ("unagree list --format plain", ["list", "--format", "plain"], 1.2),
    ("unagree list (table)", ["list", "--format", "table"], 1.6),
    ("unagree validate", ["validate"], None),
    ("unagree export json", ["export", "json"], None),
]
# The first run after a corpus change (issue 14): before each timed run a word of a document of a private
# copy of the corpus is changed (its compiled set and cached analyses are stale), while
# what depends on the code alone stays as a user has it (bytecode, the code fingerprint, kept patterns).
# The "first run" rows empty every cache instead: the first run after installing (no target).
COLD: list[tuple[str, list[str], float | None]] = [
    ("unagree diff --format json (after a corpus change)", ["diff", "--format", "json", "--fail-on", "never"], 2.0),
    ("unagree obligations --format json (after a corpus change)", ["obligations", "--format", "json"], 1.5),
    (
        "unagree diff --format json (first run, every cache empty)",
        ["diff", "--format", "json", "--fail-on", "never"],
        None,
    ),
    ("unagree obligations --format json (first run, every cache empty)", ["obligations", "--format", "json"], None),
    (
        "unagree diff --format json (after a change of the set's own data)",
        ["diff", "--format", "json", "--fail-on", "never"],
        None,
    ),
]
# "After a change of the set's own data": the treaty's English title in treaty.yaml changed before each run; every
# check reads the set's data, so every check runs again on every unit (after a document's change, only on its
# changed units: see qa.all_findings). No target: beside the targeted row, to show what the edit-aware path saves.
SECTIONS = ("cold", "index", "read", "sizes")
"""Sections after start-up and growth that ``--skip`` can leave out."""
SEARCH_TARGET = 1.3
"""A warm search over the largest corpus, as a ratio to a bare ``import typer`` (issue 12)."""
BENCH = Path(__file__).resolve().parent
SCALE_SHOW = ["--treaty", "set-0001", "show", "5", "--format", "plain"]
SCALE_SEARCH = ["search", "通行证", "--format", "plain"]
SCALE_LIST = ["list", "--format", "plain"]


@dataclass
class Timing:
    """Wall times (s) and peak resident memory (bytes) of repeated runs of one command."""

    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)
    ratios: list[float] = field(default_factory=list)
    """Each run's time over the time of the baseline run paired with it."""
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")

    @property
    def peak(self) -> float:
        return statistics.median(self.peaks) if self.peaks else float("nan")


SOURCE: Path | None = None
"""With ``--source DIR``: run the unagree_cli package in DIR (another checkout) instead of the installed one."""


def unagree_command() -> list[str]:
    """The installed ``unagree`` script beside this interpreter, else the module."""
    if SOURCE is not None:
        code = f"import sys; sys.path.insert(0, {str(SOURCE)!r}); import unagree_cli.cli as c; c.run()"
        return [sys.executable, "-c", code]
    script = Path(sys.executable).parent / "unagree"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-c", "from unagree_cli.cli import run; run()"]


def environment(work: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("UNAGREE_", "PYTHONDONTWRITEBYTECODE"))}
    env.update(
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
        UNAGREE_CACHE_DIR=str(work / "cache"),
        COLUMNS="100",
        LANG=env.get("LANG") or "C.UTF-8",
    )
    return env


def run_once(argv: Sequence[str], env: dict[str, str]) -> tuple[float, int, int, str]:
    """Wall time, peak RSS in bytes, exit code and stderr of one run."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, stdin=subprocess.DEVNULL, env=env)
        _pid, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        message = err.read().decode("utf-8", "replace")
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return elapsed, usage.ru_maxrss * scale, process.returncode, message


def measure(
    commands: dict[str, list[str]],
    env: dict[str, str],
    runs: int,
    warmup: int = 2,
    baseline: str | None = None,
    before: Callable[[], None] | None = None,
) -> dict[str, Timing]:
    """Run every command ``warmup`` times, then ``runs`` rounds of all of them, interleaved.

    With ``baseline`` (a name in ``commands``), every timed run of another command
    is paired with a run of the baseline just before it, and its ratio kept.
    ``before`` runs ahead of every run of a command other than the baseline (not timed).
    """
    results = {name: Timing() for name in commands}
    active = dict(commands)
    for name, argv in commands.items():
        for _ in range(warmup):
            if before is not None and name != baseline:
                before()
            _elapsed, _peak, code, err = run_once(argv, env)
        if code not in (0, 1):
            first = (err.strip().splitlines() or [""])[-1]
            missing = "No such command" in err or "no such command" in err.lower()
            results[name].note = "skipped: command not available yet" if missing else f"skipped: exit {code}: {first}"
            del active[name]
    for _ in range(runs):
        for name, argv in active.items():
            if baseline is not None and name == baseline:
                continue
            base_elapsed = 0.0
            if baseline is not None:
                base_elapsed, base_peak, _code, _err = run_once(commands[baseline], env)
                results[baseline].times.append(base_elapsed)
                results[baseline].peaks.append(base_peak)
            if before is not None:
                before()
            elapsed, peak, _code, _err = run_once(argv, env)
            results[name].times.append(elapsed)
            results[name].peaks.append(peak)
            if baseline is not None:
                results[name].ratios.append(elapsed / base_elapsed)
    return results


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def startup(work: Path, runs: int, cold: bool = False) -> list[dict[str, object]]:
    """Start-up rows; ``cold``: the COLD commands, each run after a corpus change (or with every cache emptied)."""
    env = environment(work)
    unagree = unagree_command()
    table = [*STARTUP[:2], *COLD] if cold else STARTUP
    corpus: list[str] = []
    if cold:
        from unagree_cli.corpus import bundled_corpus

        copy = work / "corpus"
        shutil.copytree(bundled_corpus(), copy)
        corpus = ["--corpus", str(copy)]
    commands = {
        name: ([sys.executable, *args] if name.startswith("python") else [*unagree, *corpus, *args])
        for name, args, _target in table
    }
    baseline = 'python -c "import typer"'
    cache = Path(env["UNAGREE_CACHE_DIR"])
    edits = [0]

    def change_the_corpus() -> None:
        """A word of the agreement's English text changed (shall / must in turn): other text, other analyses."""
        edits[0] += 1
        document = next(iter(sorted((work / "corpus").glob("*/agreement.en.yaml"))))
        text = document.read_text(encoding="utf-8")
        old, new = (" shall ", " must ") if edits[0] % 2 else (" must ", " shall ")
        document.write_text(text.replace(old, new, 1), encoding="utf-8")

    def change_the_set() -> None:
        """The set's English title changed (a word added or taken away in turn): the set's own data differs."""
        edits[0] += 1
        treaty = next(iter(sorted((work / "corpus").glob("*/treaty.yaml"))))
        text = treaty.read_text(encoding="utf-8")
        old, new = (
            ("  en: Agreement ", "  en: The Agreement ")
            if edits[0] % 2
            else ("  en: The Agreement ", "  en: Agreement ")
        )
        treaty.write_text(text.replace(old, new, 1), encoding="utf-8")

    results = {}
    if cold:
        for label, before in (
            ("after a corpus change", change_the_corpus),
            ("first run", lambda: shutil.rmtree(cache, ignore_errors=True)),
            ("own data", change_the_set),
        ):
            chosen = {n: a for n, a in commands.items() if n.startswith("python") or label in n}
            results.update(measure(chosen, env, runs, baseline=baseline, before=before))
    else:
        results = measure(commands, env, runs, baseline=baseline)
    rows: list[dict[str, object]] = []
    for name, _args, target in table[2:] if cold else table:
        timing = results[name]
        ratios = timing.ratios or [1.0]
        ratio = statistics.median(ratios)
        verdict = timing.note or ("" if target is None else ("ok" if ratio <= target else "OVER TARGET"))
        rows.append(
            {
                "command": name,
                "ms": timing.median * 1000,
                "ratio": ratio,
                "ratio_min": min(ratios),
                "ratio_max": max(ratios),
                "pairs": len(timing.ratios),
                "target": target,
                "verdict": verdict,
            }
        )
    return rows


def load_times(runs: int) -> dict[str, float]:
    """In-process load of the bundled treaty set: parsing and validating, and from the compiled cache."""
    sys.path.insert(0, str(ROOT))
    from unagree_cli.cache import load_treaty_cached
    from unagree_cli.corpus import bundled_corpus, load_treaty, treaty_folders

    folder = treaty_folders(bundled_corpus())[0]
    parse, cached = [], []
    for _ in range(runs):
        start = time.perf_counter()
        load_treaty(folder)
        parse.append(time.perf_counter() - start)
    load_treaty_cached(folder, load_treaty)
    for _ in range(runs):
        start = time.perf_counter()
        load_treaty_cached(folder, load_treaty)
        cached.append(time.perf_counter() - start)
    return {"parse_ms": statistics.median(parse) * 1000, "cached_ms": statistics.median(cached) * 1000}


def scale(
    work: Path, sizes: Sequence[int], runs: int, last: Callable[[Path], None] | None = None
) -> list[dict[str, float]]:
    """Growth with the number of sets; ``last`` is called with the largest corpus before it is removed."""
    from unagree_cli.scale import corpus_bytes, write_scaled_corpus

    env = environment(work)
    unagree = unagree_command()
    rows = []
    for count in sizes:
        corpus = work / f"corpus-{count}"
        start = time.perf_counter()
        write_scaled_corpus(corpus, count)
        written = time.perf_counter() - start
        base = [*unagree, "--corpus", str(corpus)]
        elapsed, _peak, code, err = run_once([*base, *SCALE_LIST], env)  # the first run builds the index
        if code != 0:
            raise SystemExit(f"bench: 'unagree list' failed on {corpus}: {err.strip()}")
        baseline = 'python -c "import typer"'
        timings = measure(
            {
                baseline: [sys.executable, "-c", BASELINE],
                "show": [*base, *SCALE_SHOW],
                "search": [*base, *SCALE_SEARCH],
                "list": [*base, *SCALE_LIST],
            },
            env,
            runs,
            baseline=baseline,
        )
        rows.append(
            {
                "n": count,
                "mb": corpus_bytes(corpus) / 1e6,
                "write_s": written,
                "index_s": elapsed,
                "show_ms": timings["show"].median * 1000,
                "show_peak_mb": timings["show"].peak / 1e6,
                "search_ms": timings["search"].median * 1000,
                "list_ms": timings["list"].median * 1000,
                "typer_ms": timings[baseline].median * 1000,
                "show_ratio": statistics.median(timings["show"].ratios),
                "search_ratio": statistics.median(timings["search"].ratios),
                "search_ratio_min": min(timings["search"].ratios),
                "search_ratio_max": max(timings["search"].ratios),
                "list_ratio": statistics.median(timings["list"].ratios),
            }
        )
        print(f"  N={count}: done", file=sys.stderr)
        if last is not None and count == max(sizes):
            last(corpus)
        shutil.rmtree(corpus, ignore_errors=True)
    return rows


def index_build(corpus: Path, runs: int) -> tuple[str, dict[str, object]]:
    """``bench/index_build.py`` on ``corpus``: its report and figures (the first search against a naive build)."""
    with tempfile.TemporaryDirectory(prefix="unagree-bench-index-") as temp:
        figures = Path(temp) / "index.json"
        command = [sys.executable, str(BENCH / "index_build.py"), "--corpus", str(corpus), "--runs", str(runs)]
        result = subprocess.run([*command, "--json", str(figures)], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            return f"Index build: failed: {result.stderr.strip()[-300:]}\n", {}
        data: dict[str, object] = json.loads(figures.read_text(encoding="utf-8"))
    return result.stdout, data


def read_start(work: Path, runs: int) -> dict[str, float]:
    """`unagree read`'s first screen in a pseudo-terminal (``bench/read_start.py``), paired with ``import typer``."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_read_start", BENCH / "read_start.py")
    if spec is None or spec.loader is None:
        return {}
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    env = environment(work)
    argv = [*unagree_command(), "read"]
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # read_start's child takes this process's environment
    try:
        warm = float(module.once(argv))  # warm-up: caches, bytecode
        if math.isnan(warm):  # it never drew its first screen
            return {}
        times, ratios = [], []
        for _ in range(runs):
            base, _peak, _code, _err = run_once([sys.executable, "-c", BASELINE], env)
            elapsed = float(module.once(argv))
            times.append(elapsed)
            ratios.append(elapsed / base)
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {
        "ms": statistics.median(times) * 1000,
        "ratio": statistics.median(ratios),
        "ratio_min": min(ratios),
        "ratio_max": max(ratios),
        "pairs": len(ratios),
    }


def sizes_section(quick: bool) -> str:
    """``bench/sizes.py`` (``--quick``: the two smallest sizes of each family): its report as printed."""
    command = [sys.executable, str(BENCH / "sizes.py"), *(["--quick"] if quick else [])]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    text = result.stdout if result.returncode == 0 else f"failed: {result.stderr.strip()[-300:]}\n"
    return "Sizes (`bench/sizes.py`" + (" --quick" if quick else "") + "):\n\n" + text


def report(
    machine_line: str,
    rows: list[dict[str, object]],
    loads: dict[str, float],
    growth: list[dict[str, float]],
    extra: Sequence[str] = (),
) -> str:
    out = [
        f"Machine: {machine_line}",
        "",
        "Start-up: fresh processes, each run paired with a bare `import typer` run just before it;",
        "ratio = median of the per-pair ratios (min-max in brackets). Bytecode writing is allowed",
        "(PYTHONDONTWRITEBYTECODE unset, a private PYTHONPYCACHEPREFIX), as for an installed wheel.",
        "",
    ]
    out.append("| command | median ms | ratio (min-max) | target | |")
    out.append("|---|---:|---:|---:|---|")
    for row in rows:
        target = f"≤ {row['target']}x" if row["target"] else ""
        skipped = str(row["verdict"]).startswith("skipped")
        spread = f"{row['ratio']:.2f}x ({row['ratio_min']:.2f}-{row['ratio_max']:.2f})"
        ms, ratio = ("—", "—") if skipped else (f"{row['ms']:.1f}", spread)
        out.append(f"| `{row['command']}` | {ms} | {ratio} | {target} | {row['verdict']} |")
    if loads:
        out += [
            "",
            f"In-process load of the bundled treaty set: {loads['parse_ms']:.1f} ms parsing and validating the YAML,"
            f" {loads['cached_ms']:.1f} ms from the compiled cache",
        ]
    out.append("")
    if growth:
        first = growth[0]
        out.append("Growth with the number of treaty sets (`--treaty set-0001 show 5`, `search 通行证` over every set)")
        out.append("")
        out.append("(ratios: median of per-pair ratios to a bare `import typer` run just before each run)")
        out.append("")
        out.append(
            "| N | YAML MB | index s | show ms | show vs N=1 | show peak MB | memory vs N=1 | search ms "
            "| search ratio | list ms | list ratio |"
        )
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in growth:
            out.append(
                f"| {size['n']:,} | {size['mb']:.2f} | {size['index_s']:.1f} | {size['show_ms']:.1f} "
                f"| {size['show_ms'] / first['show_ms']:.2f}x | {size['show_peak_mb']:.1f} "
                f"| {size['show_peak_mb'] / first['show_peak_mb']:.2f}x "
                f"| {size['search_ms']:.1f} | {size['search_ratio']:.2f}x "
                f"({size['search_ratio_min']:.2f}-{size['search_ratio_max']:.2f}) "
                f"| {size['list_ms']:.1f} | {size['list_ratio']:.2f}x |"
            )
        last = growth[-1]
        checks = [
            ("show grows at most 1.5x", last["show_ms"] / first["show_ms"] <= 1.5),
            ("show's peak memory grows at most 1.2x", last["show_peak_mb"] / first["show_peak_mb"] <= 1.2),
            (f"search over N={last['n']:,} answers within 1 s", last["search_ms"] <= 1000),
            (
                f"warm search over N={last['n']:,} within {SEARCH_TARGET}x of `import typer`"
                f" ({last['search_ratio']:.2f}x)",
                last["search_ratio"] <= SEARCH_TARGET,
            ),
        ]
        out.append("")
        out += [f"- {name}: {'ok' if passed else 'NOT MET'}" for name, passed in checks]
    for section in extra:
        out += ["", section.rstrip("\n")]
    return "\n".join(out) + "\n"


def read_report(figures: dict[str, float], typer_note: str = "") -> str:
    if not figures:
        return "`unagree read`, first screen: not measured (no pseudo-terminal, or the screen never showed)"
    return (
        f"`unagree read`, first screen in a 120x40 pseudo-terminal: median {figures['ms']:.0f} ms, "
        f"{figures['ratio']:.2f}x `import typer` ({figures['ratio_min']:.2f}-{figures['ratio_max']:.2f}, "
        f"{figures['pairs']:.0f} pairs){typer_note}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="timed runs of each start-up command (default 15; quick 5)")
    parser.add_argument("--scale-runs", type=int, help="timed runs per corpus size (default 9; quick 5)")
    parser.add_argument("--sizes", default="1,10,100,1000", help="corpus sizes, comma-separated ('' to skip)")
    parser.add_argument("--index-runs", type=int, help="index builds of each kind on the largest corpus (default 3)")
    parser.add_argument("--read-runs", type=int, help="timed first screens of `unagree read` (default 9; quick 3)")
    parser.add_argument("--quick", action="store_true", help="a few minutes: fewer runs, the quick sizes section")
    parser.add_argument("--skip", default="", help=f"sections to leave out, comma-separated: {', '.join(SECTIONS)}")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--source", type=Path, help="time the unagree_cli of another checkout (before/after)")
    args = parser.parse_args(argv)
    skip = {name.strip() for name in args.skip.split(",") if name.strip()}
    if skip - set(SECTIONS):
        unknown = ", ".join(sorted(skip - set(SECTIONS)))
        parser.error(f"unknown section to skip: {unknown} (one of {', '.join(SECTIONS)})")
    runs = args.runs or (5 if args.quick else 15)
    scale_runs = args.scale_runs or (5 if args.quick else 9)
    index_runs = args.index_runs or (1 if args.quick else 3)
    read_runs = args.read_runs or (3 if args.quick else 9)
    global SOURCE
    SOURCE = args.source.resolve() if args.source else None
    sizes = [int(n) for n in args.sizes.split(",") if n.strip()]
    sys.path.insert(0, str(ROOT))
    line = machine()
    print(f"bench: {line}", file=sys.stderr)
    extra: list[str] = []
    figures: dict[str, object] = {"machine": line}
    with tempfile.TemporaryDirectory(prefix="unagree-bench-") as temp:
        work = Path(temp)
        print("bench: start-up", file=sys.stderr)
        rows = startup(work, runs)
        if "cold" not in skip:
            print("bench: cold runs (after a corpus change; the first run, every cache empty)", file=sys.stderr)
            rows += startup(work / "cold", runs, cold=True)
        loads = load_times(max(runs, 10)) if SOURCE is None else {}
        print(f"bench: corpus sizes {sizes}", file=sys.stderr)

        def on_largest(corpus: Path) -> None:
            if "index" in skip or SOURCE is not None:
                return
            print(f"bench: index build over {corpus.name}", file=sys.stderr)
            text, data = index_build(corpus, index_runs)
            extra.append(text)
            figures["index_build"] = data

        growth = scale(work, sizes, scale_runs, on_largest)
        if "read" not in skip:
            print("bench: unagree read", file=sys.stderr)
            found = read_start(work, read_runs)
            extra.append(read_report(found))
            figures["read"] = found
    if "sizes" not in skip and SOURCE is None:
        print("bench: sizes" + (" (quick)" if args.quick else " (about ten minutes)"), file=sys.stderr)
        extra.append(sizes_section(args.quick))
    text = report(line, rows, loads, growth, extra)
    print(text)
    if args.json:
        figures.update(startup=rows, load=loads, growth=growth)
        args.json.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
