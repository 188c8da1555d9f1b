"""The "sizes" benchmark: hostile but valid sizes, time and peak memory, and how they grow.

``make bench-sizes`` (``python bench/sizes.py``). Two families of synthetic
treaty sets, each at four sizes, written to a temporary folder:

- **paragraph**: one article whose single paragraph is 0.5, 1, 2 and 3.96 MB of
  text in each language (the largest just under the 4 MB file limit), in
  sentences of about 90 bytes;
- **sentence**: the same sizes, the paragraph one single sentence (clauses
  joined by "and" / 并且), the worst case for an engine that looks back over
  the sentence at each marker;
- **units**: 10,000, 20,000, 40,000 and 79,920 units (999 articles of 80
  paragraphs, up to ``999.80``), each file under the 4 MB limit.

Every sentence carries an obligation (``shall``/``应``), so the obligations
engine and the QA checks have real work. For each size, with a cache folder
of its own, it runs as fresh processes: ``show`` of the last unit with the
cache empty (``first show``: parsing and validating the YAML, then storing the
compiled set), ``show`` again (the set from the cache), then ``obligations``
and ``diff`` (the set from the cache, the analyses computed: their results
are not cached yet). It records wall time, CPU time
(user + system, which a busy shared machine disturbs far less) and the child's
own peak resident memory, all from ``os.wait4``.
At the largest size of each family each command runs ``--repeat`` times (default 3),
each from the same cache state (emptied for the first show; the analyses removed for
``obligations`` and ``diff``), and the run with the least CPU time is kept: on a shared
machine a busy neighbour only adds time (single runs of the same command varied by a
third here). The target: each finishes in seconds (``--target-seconds`` of CPU time,
default 10) with peak memory under 1 GB. A command that times out or fails at one size is not
run at the larger ones.

``--family units`` (repeatable) runs only the families named.

Every child runs under an address-space limit (``--memory-limit-mb``, default
4096) so a command that would grow to tens of GB fails with MemoryError
instead of pushing a shared machine into swap. Exit 0 always, unless
``--strict``: then 1 when a target is missed. Standard library only.
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FILE_BYTES = 4 * 1024 * 1024
FAMILIES = ("paragraph", "sentence", "units")
PARAGRAPH_SIZES = [512 * 1024, 1024 * 1024, 2 * 1024 * 1024, 3_960_000]
UNIT_COUNTS = [10_000, 20_000, 40_000, 79_920]  # 79,920 = 999 articles of 80: up to `show 999.80`
PARAGRAPHS_PER_ARTICLE = 80
EN_SENTENCE = "The United Nations shall inform the International Organization for Migration of item {n}. "
ZH_SENTENCE = "联合国应将第{n}项通知国际移民组织。"

TREATY = """\
id: {name}
title:
  en: Synthetic agreement ({name})
  zh: 合成协定（{name}）
languages: [en, zh]
labels:
  en:
    language: English
    article: Article {{n}}
    paragraph: "{{n}}."
    point: ({{n}})
    preamble: Preamble
    conclusions: Conclusions
    footnotes: Footnotes
  zh:
    language: 中文
    article: 第{{n_zh}}条
    paragraph: "{{n}}."
    point: ({{n}})
    preamble: 序言
    conclusions: 结尾
    footnotes: 脚注
documents:
  - key: agreement
    name: {{en: agreement, zh: 协定}}
    default: true
sources:
  - file: source.en.txt
    lang: en
    symbol: X/{name}
  - file: source.zh.txt
    lang: zh
    symbol: X/{name}
parties:
  - id: UN
    names:
      en: [United Nations, UN]
      zh: [联合国]
  - id: IOM
    names:
      en: [International Organization for Migration, IOM]
      zh: [国际移民组织]
"""


def _header(lang: str, name: str) -> str:
    return (
        f"doc: agreement\nlang: {lang}\nmeta:\n  symbol: X/{name}\n  title: Synthetic agreement {name}\n"
        f"  status: approved\n  source: source.{lang}.txt\nbody:\n"
    )


def _fill(sentence: str, size: int) -> str:
    """Sentences numbered from 1 up to about ``size`` UTF-8 bytes."""
    parts: list[str] = []
    total = 0
    n = 0
    while total < size:
        n += 1
        part = sentence.format(n=n)
        parts.append(part)
        total += len(part.encode("utf-8"))
    return "".join(parts).strip()


def _treaty(folder: Path, name: str) -> Path:
    target = folder / name
    (target / "sources").mkdir(parents=True)
    (target / "treaty.yaml").write_text(TREATY.format(name=name), encoding="utf-8")
    for lang in ("en", "zh"):
        (target / "sources" / f"source.{lang}.txt").write_text("Synthetic: no published text.\n", encoding="utf-8")
    return target


def paragraph_set(folder: Path, size: int, one_sentence: bool = False) -> tuple[Path, str]:
    """A set whose article 1 is one paragraph of about ``size`` bytes per language; the ref to show.

    ``one_sentence``: the paragraph is a single sentence (clauses joined by "and" / 并且, one full stop
    at the end), the worst case for engines that look back over the sentence at each marker.
    """
    name = f"{'sentence' if one_sentence else 'paragraph'}-{size}"
    target = _treaty(folder, name)
    for lang, sentence in (("en", EN_SENTENCE), ("zh", ZH_SENTENCE)):
        if one_sentence:
            sentence = sentence.replace(". ", " and ").replace("。", "并且")
        text = _fill(sentence, size)
        if one_sentence:
            text = text.removesuffix(" and").removesuffix("并且") + ("." if lang == "en" else "。")
        body = f'- article: "1"\n  paragraphs:\n  - num: "1"\n    text: "{text}"\n'
        data = _header(lang, name) + body
        assert len(data.encode("utf-8")) <= MAX_FILE_BYTES, (lang, size)
        (target / f"agreement.{lang}.yaml").write_text(data, encoding="utf-8")
    return target, "1.1"


def units_set(folder: Path, units: int) -> tuple[Path, str]:
    """A set of ``units`` paragraphs, 80 an article; the ref of the last one."""
    name = f"units-{units}"
    target = _treaty(folder, name)
    articles = math.ceil(units / PARAGRAPHS_PER_ARTICLE)
    # the tersest valid YAML: 80,000 units must fit in a 4 MB file (under 52 bytes a unit)
    for lang, sentence in (("en", "UN shall inform IOM {a}.{p}."), ("zh", "联合国应行动{a}.{p}。")):
        lines = [_header(lang, name)]
        left = units
        for a in range(1, articles + 1):
            lines.append(f'- article: "{a}"\n  paragraphs:\n')
            for p in range(1, min(PARAGRAPHS_PER_ARTICLE, left) + 1):
                lines.append(f'  - {{num: "{p}",text: {sentence.format(a=a, p=p)}}}\n')
            left -= PARAGRAPHS_PER_ARTICLE
        data = "".join(lines)
        assert len(data.encode("utf-8")) <= MAX_FILE_BYTES, (lang, units, len(data.encode("utf-8")))
        (target / f"agreement.{lang}.yaml").write_text(data, encoding="utf-8")
    last = units - (articles - 1) * PARAGRAPHS_PER_ARTICLE
    return target, f"{articles}.{last}"


@dataclass
class Run:
    seconds: float  # wall time
    cpu: float  # user + system time of the child: what a busy shared machine disturbs least
    peak_mb: float
    code: int | None  # None: timed out
    error: str = ""

    def cell(self) -> str:
        if self.code is None:
            return f">{self.seconds:.0f} s timeout"
        if self.code != 0:
            return f"failed ({self.error or f'exit {self.code}'})"
        return f"{self.seconds:6.2f} s ({self.cpu:6.2f}) {self.peak_mb:5.0f} MB"


def unagree() -> list[str]:
    script = Path(sys.executable).parent / "unagree"
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)]
    return [sys.executable, "-m", "unagree_cli"]


def _limit(memory_mb: int) -> Callable[[], None]:
    def apply() -> None:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run_once(args: Sequence[str], timeout: float, memory_mb: int, cache: Path) -> Run:
    """Run ``unagree ARGS`` with the cache folder ``cache``; wall time and the child's own peak RSS (``wait4``)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("UNAGREE_")}
    env.update(UNAGREE_CACHE_DIR=str(cache), COLUMNS="120", NO_COLOR="1", LANG="C.UTF-8")
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [*unagree(), *args],
            stdout=subprocess.DEVNULL,
            stderr=err,
            env=env,
            preexec_fn=_limit(memory_mb),  # setrlimit in the child only
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                child.kill()
                _, status, usage = os.wait4(child.pid, 0)
                child.returncode = -9
                return Run(timeout, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, None)
            time.sleep(0.02)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        last = (err.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    peak = usage.ru_maxrss / 1024  # KB on Linux
    code = os.waitstatus_to_exitcode(status)
    # obligations and diff exit 1 when they find nothing or report findings; only a crash or a kill is a failure
    if code in (0, 1) and "internal error" not in last and "MemoryError" not in last:
        code = 0
    return Run(seconds, usage.ru_utime + usage.ru_stime, peak, code, "" if code == 0 else last[:80])


def commands(folder: Path, ref: str) -> list[tuple[str, list[str]]]:
    corpus = ["--corpus", str(folder)]
    return [
        ("first show", [*corpus, "show", ref, "--format", "plain"]),
        (f"show {ref}", [*corpus, "show", ref, "--format", "plain"]),
        ("obligations", [*corpus, "obligations", "--format", "plain"]),
        ("diff", [*corpus, "diff", "--format", "plain"]),
    ]


def prepare(command: str, cache: Path) -> None:
    """Put the cache as the command finds it in the sequence: empty for the first show; for obligations and
    diff, the compiled set kept but no analysis (each computes its own, whatever ran before)."""
    if command == "first show":
        shutil.rmtree(cache, ignore_errors=True)
    elif command in ("obligations", "diff"):
        shutil.rmtree(cache / "analyses", ignore_errors=True)


def growth(runs: list[tuple[float, Run]]) -> str:
    """The exponent k in time ~ size^k between the two largest sizes that finished (1: linear, 2: quadratic)."""
    done = [(size, run) for size, run in runs if run.code == 0 and run.cpu > 0]
    if len(done) < 2:
        return "-"
    (s1, r1), (s2, r2) = done[-2], done[-1]
    return f"{math.log(r2.cpu / r1.cpu) / math.log(s2 / s1):.2f}"


def family(
    title: str,
    sizes: list[int],
    make: Callable[[Path, int], tuple[Path, str]],
    label: Callable[[int], str],
    work: Path,
    options: argparse.Namespace,
) -> list[str]:
    """Run one family; return the targets missed."""
    print(f"\n{title}")
    missed: list[str] = []
    results: dict[str, list[tuple[float, Run]]] = {}
    stopped: set[str] = set()
    names: list[str] = []
    header_done = False
    for size in sizes:
        folder, ref = make(work, size)
        cache = work / f"cache-{folder.name}"
        cells: list[str] = []
        listed = commands(folder, ref)
        if not header_done:
            names = ["show" if n.startswith("show ") else n for n, _ in listed]
            print(f"  {'size':>12}  " + "  ".join(f"{n:>27}" for n in names))
            header_done = True
        for (name, args), short in zip(listed, names, strict=True):
            if short in stopped:
                cells.append(f"{'skipped':>27}")
                continue
            # at the largest size (where the target is judged), the least CPU of --repeat runs, each from the
            # same state: a busy shared machine only ever adds time
            repeats = options.repeat if size == sizes[-1] else 1
            runs = []
            for _ in range(repeats):
                prepare(short, cache)
                runs.append(run_once(args, options.timeout, options.memory_limit_mb, cache))
                if runs[-1].code != 0:
                    break
            run = min(runs, key=lambda r: (r.code != 0, r.cpu))
            results.setdefault(short, []).append((size, run))
            cells.append(f"{run.cell():>27}")
            if run.code != 0:
                stopped.add(short)
            if size == sizes[-1] or run.code != 0:
                if run.code != 0 or run.cpu > options.target_seconds or run.peak_mb > 1024:
                    missed.append(f"{title.split(':')[0]} {label(size)} {name}: {run.cell().strip()}")
        print(f"  {label(size):>12}  " + "  ".join(cells), flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
    print(f"  {'growth k':>12}  " + "  ".join(f"{growth(results.get(n, [])):>27}" for n in names))
    return missed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a run is stopped (default 120)")
    parser.add_argument("--target-seconds", type=float, default=10, help="what 'in seconds' means (default 10)")
    parser.add_argument("--memory-limit-mb", type=int, default=4096, help="address-space limit of each child")
    parser.add_argument("--quick", action="store_true", help="the two smallest sizes of each family only")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of each command at the largest size, the least CPU time kept (default 3; 1: a single run)",
    )
    parser.add_argument(
        "--family",
        action="append",
        choices=FAMILIES,
        help="run only this family (repeat for several; default: all of them)",
    )
    options = parser.parse_args(argv)
    families = options.family or list(FAMILIES)
    paragraph_sizes = PARAGRAPH_SIZES[:2] if options.quick else PARAGRAPH_SIZES
    unit_counts = UNIT_COUNTS[:2] if options.quick else UNIT_COUNTS
    print(f"unagree sizes benchmark: {platform.python_implementation()} {platform.python_version()},")
    print(f"{os.cpu_count()} cores, {platform.machine()}; fresh processes; each cell: wall time (CPU time) peak RSS;")
    print("first show: with the cache empty; the other commands find the compiled set cached.")
    target = f"under {options.target_seconds:g} s of CPU and 1024 MB at the largest size"
    print(f"target: {target}; timeout {options.timeout:g} s.")
    print("growth k: CPU time ~ size^k between the two largest sizes that finished (1 linear, 2 quadratic).")
    if options.repeat > 1:
        print(f"largest size: the run with the least CPU time of {options.repeat}, each from the same cache state.")
    with tempfile.TemporaryDirectory(prefix="unagree-sizes-") as scratch:
        work = Path(scratch)
        missed: list[str] = []
        if "paragraph" in families:
            missed += family(
                "paragraph: one paragraph of N MB per language",
                paragraph_sizes,
                paragraph_set,
                lambda size: f"{size / 1_000_000:.2f} MB",
                work,
                options,
            )
        if "sentence" in families:
            missed += family(
                "sentence: one paragraph of N MB per language that is a single sentence",
                paragraph_sizes,
                lambda folder, size: paragraph_set(folder, size, one_sentence=True),
                lambda size: f"{size / 1_000_000:.2f} MB",
                work,
                options,
            )
        if "units" in families:
            missed += family(
                "units: a set of N units (80 paragraphs an article)",
                unit_counts,
                units_set,
                lambda count: f"{count:,} units",
                work,
                options,
            )
    print()
    if missed:
        print("targets missed:")
        for line in missed:
            print(f"  {line}")
    else:
        print("every command at every size finished in seconds under 1 GB")
    return 1 if missed and options.strict else 0


if __name__ == "__main__":
    sys.exit(main())
