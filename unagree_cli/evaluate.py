"""Evaluation of the obligations extractor and the translation checks against hand-made gold.

``python -m unagree_cli.evaluate`` (``make eval``) reports:

- for each treaty set with a gold list (the shipped corpus, the polar fixture,
  every treaty of the development set): precision and recall per language,
  and the misses and false hits grouped by construction class (the gold's
  ``class`` column; a false hit's class is the gold class of its unit when it
  has one, else ``unannotated``);
- for the translation checks: the warnings and errors ``diff`` gives on the
  faithful development set (each a false alarm), and, on the perturbed copy
  (``devset-slips``), which injected slips are found at their unit and which
  findings fall where no slip was injected (false alarms).

The blind set (``tests/fixtures/blindset`` with its gold in
``tests/data/blindset`` and its perturbed copy ``blindset-slips``) is read the
same way and reported alongside, its treaties named ``<id> (blind)`` and its
translation checks in a section of their own. It was evaluated once before
any tuning and then used for tuning (README, Evaluation: the before figures),
so it is no longer blind. It is not a gate: the default of :func:`gold_sets` and
:func:`evaluate_obligations` (what the tests check against thresholds) leaves
it out, and ``main`` (``make eval``) takes it in unless ``--no-blind``.

Gold lists are TSV with a header: ``lang doc ref party modality [class] reason``;
lines starting with ``#`` are comments. The slips list is
``treaty lang doc ref class description``. Nothing here imports typer or rich.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .model import TreatySet

Key = tuple[str, str, str, str]  # (doc, ref, party, modality)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_GOLD = ROOT / "tests" / "data" / "obligations_gold.tsv"
POLAR_GOLD = ROOT / "tests" / "data" / "polar_gold.tsv"
DEVSET = ROOT / "tests" / "fixtures" / "devset"
DEVSET_GOLD = ROOT / "tests" / "data" / "devset"
SLIPS = ROOT / "tests" / "fixtures" / "devset-slips"
SLIPS_GOLD = DEVSET_GOLD / "slips.tsv"
BLINDSET = ROOT / "tests" / "fixtures" / "blindset"
BLINDSET_GOLD = ROOT / "tests" / "data" / "blindset"
BLIND_SLIPS = ROOT / "tests" / "fixtures" / "blindset-slips"
BLIND_SLIPS_GOLD = BLINDSET_GOLD / "slips.tsv"
BLIND = " (blind)"
UNANNOTATED = "unannotated"


@dataclass
class Gold:
    """A gold list: the keys per language and the construction class of each key."""

    keys: dict[str, set[Key]] = field(default_factory=dict)
    classes: dict[tuple[str, Key], str] = field(default_factory=dict)

    def unit_class(self, lang: str, doc: str, ref: str) -> str:
        for (gold_lang, key), name in self.classes.items():
            if gold_lang == lang and key[0] == doc and key[1] == ref:
                return name
        return UNANNOTATED


def read_tsv(path: Path) -> list[dict[str, str]]:
    """The rows of a TSV file with a header line, comments (``#``) and blank lines skipped."""
    header: list[str] | None = None
    rows: list[dict[str, str]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            continue
        if len(cells) < len(header) - 1:
            raise ValueError(f"{path}:{number}: {len(cells)} columns, the header has {len(header)}")
        rows.append({name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(header)})
    return rows


def read_gold(path: Path) -> Gold:
    gold = Gold()
    for row in read_tsv(path):
        key = (row["doc"], row["ref"], row["party"], row["modality"])
        gold.keys.setdefault(row["lang"], set()).add(key)
        gold.classes[(row["lang"], key)] = row.get("class") or UNANNOTATED
    return gold


@dataclass
class Score:
    """Precision and recall of one treaty in one language, with what went wrong."""

    treaty: str
    lang: str
    found: set[Key]
    gold: set[Key]
    misses: dict[str, list[Key]]
    false_hits: dict[str, list[Key]]
    classes: dict[Key, str] = field(default_factory=dict)  # the gold's construction class of each key

    @property
    def precision(self) -> float:
        return len(self.found & self.gold) / len(self.found) if self.found else 1.0

    @property
    def recall(self) -> float:
        return len(self.found & self.gold) / len(self.gold) if self.gold else 1.0


def score(treaty: TreatySet, gold: Gold, name: str) -> list[Score]:
    """The extractor's statements against ``gold``, per language."""
    from .obligations import extract

    out = []
    for lang, wanted in sorted(gold.keys.items()):
        docs = sorted({key[0] for key in wanted} | set(treaty.doc_keys()))
        found = {key for doc in docs for s in extract(treaty, doc, lang) for key in s.keys()}
        misses: dict[str, list[Key]] = defaultdict(list)
        false_hits: dict[str, list[Key]] = defaultdict(list)
        for key in sorted(wanted - found):
            misses[gold.classes.get((lang, key), UNANNOTATED)].append(key)
        for key in sorted(found - wanted):
            false_hits[gold.unit_class(lang, key[0], key[1])].append(key)
        classes = {key: gold.classes.get((lang, key), UNANNOTATED) for key in wanted}
        out.append(Score(name, lang, found, wanted, dict(misses), dict(false_hits), classes))
    return out


@dataclass
class SlipReport:
    """What the translation checks made of the faithful and the perturbed development set."""

    faithful_alarms: list[str] = field(default_factory=list)  # "treaty doc ref: check: message"
    found: list[dict[str, str]] = field(default_factory=list)
    missed: list[dict[str, str]] = field(default_factory=list)
    slip_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        total = len(self.found) + len(self.missed)
        return len(self.found) / total if total else 1.0


def _alarms(treaty: TreatySet) -> dict[tuple[str, str], list[str]]:
    """(doc, ref) -> the warnings and errors ``diff`` gives there, as ``check: message``."""
    from .qa import review, select_checks

    checks = select_checks(None)
    out: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in treaty.doc_keys():
        for item in review(treaty, doc, checks):
            for finding in item.findings:
                if finding.severity in ("error", "warning"):
                    out[(doc, item.record.ref)].append(f"{finding.check}: {finding.message}")
    return out


def _ref_matches(slip_ref: str, unit_ref: str) -> bool:
    return unit_ref == slip_ref


def evaluate_slips(faithful: Path, perturbed: Path, slips: Path) -> SlipReport:
    from .corpus import load, treaty_folders

    report = SlipReport()
    for folder in treaty_folders(faithful) if faithful.is_dir() else []:
        treaty = load(faithful, folder.name)
        for (doc, ref), messages in sorted(_alarms(treaty).items()):
            report.faithful_alarms += [f"{folder.name} {doc} {ref}: {m}" for m in messages]
    if not perturbed.is_dir() or not slips.is_file():
        return report
    rows = read_tsv(slips)
    by_treaty: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_treaty[row["treaty"]].append(row)
    for folder in treaty_folders(perturbed):
        alarms = _alarms(load(perturbed, folder.name))
        planted = by_treaty.get(folder.name, [])
        for row in planted:
            hit = [
                m
                for (doc, ref), ms in alarms.items()
                if doc == row["doc"] and _ref_matches(row["ref"], ref)
                for m in ms
            ]
            (report.found if hit else report.missed).append({**row, "findings": " | ".join(hit)})
        slip_units = {(row["doc"], row["ref"]) for row in planted}
        for (doc, ref), messages in sorted(alarms.items()):
            if not any(d == doc and _ref_matches(r, ref) for d, r in slip_units):
                report.slip_alarms += [f"{folder.name} {doc} {ref}: {m}" for m in messages]
    return report


def _treaty_golds(root: Path, gold_dir: Path, suffix: str = "") -> list[tuple[str, Path, str | None, Path]]:
    """A set's treaties with a gold list: ``gold_dir/<id>.obligations.tsv`` beside ``root/<id>/treaty.yaml``."""
    sets: list[tuple[str, Path, str | None, Path]] = []
    if gold_dir.is_dir():
        for gold in sorted(gold_dir.glob("*.obligations.tsv")):
            name = gold.name.removesuffix(".obligations.tsv")
            if (root / name / "treaty.yaml").is_file():
                sets.append((name + suffix, root, name, gold))
    return sets


def gold_sets(include_blind: bool = False) -> list[tuple[str, Path, str | None, Path]]:
    """(name, corpus root, treaty folder name, gold file) for every treaty with a gold list.

    The blind set's treaties (named ``<id> (blind)``) come last, and only with ``include_blind``.
    """
    sets: list[tuple[str, Path, str | None, Path]] = [("un-iom-2016 (shipped)", ROOT / "corpus", None, SHIPPED_GOLD)]
    if POLAR_GOLD.is_file():
        sets.append(("polar-2021 (fixture)", ROOT / "tests" / "fixtures" / "polar", None, POLAR_GOLD))
    sets += _treaty_golds(DEVSET, DEVSET_GOLD)
    if include_blind:
        sets += _treaty_golds(BLINDSET, BLINDSET_GOLD, BLIND)
    return sets


def evaluate_obligations(include_blind: bool = False) -> list[Score]:
    from .corpus import load

    scores: list[Score] = []
    for name, root, folder, gold in gold_sets(include_blind):
        scores += score(load(root, folder), read_gold(gold), name)
    return scores


def _format_keys(keys: list[Key]) -> str:
    return ", ".join(f"{doc} {ref} {party} {modality}" for doc, ref, party, modality in keys)


def report_lines(scores: list[Score], slips: SlipReport | None, blind_slips: SlipReport | None = None) -> list[str]:
    lines = ["Obligations: precision and recall per treaty and language", ""]
    width = max((len(s.treaty) for s in scores), default=10)
    lines.append(f"  {'treaty':<{width}}  lang  gold  found  precision  recall")
    for s in scores:
        counts = f"{len(s.gold):>4}  {len(s.found):>5}  {s.precision:>9.3f}  {s.recall:>6.3f}"
        lines.append(f"  {s.treaty:<{width}}  {s.lang:<4}  {counts}")
    tuned = [sc for sc in scores if not sc.treaty.endswith(BLIND)]
    blind = [sc for sc in scores if sc.treaty.endswith(BLIND)]
    lines += _class_recall_lines("Recall by construction class (every treaty and language)", tuned)
    lines += _class_recall_lines("Recall by construction class (blind set)", blind)
    by_class: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for s in scores:
        for name, keys in s.misses.items():
            by_class[name]["missed"] += [f"{s.treaty} {s.lang}: {_format_keys([k])}" for k in keys]
        for name, keys in s.false_hits.items():
            by_class[name]["false hit"] += [f"{s.treaty} {s.lang}: {_format_keys([k])}" for k in keys]
    lines.append("")
    if by_class:
        lines.append("Misses and false hits by construction class")
        for name in sorted(by_class):
            for what, items in sorted(by_class[name].items()):
                lines.append(f"  {name} ({what}, {len(items)})")
                lines += [f"    {item}" for item in items]
    else:
        lines.append("No misses and no false hits.")
    if slips is not None:
        lines += _slip_lines("Translation checks", "development set", slips, SLIPS, SLIPS_GOLD)
    if blind_slips is not None:
        lines += _slip_lines("Translation checks (blind set)", "blind set", blind_slips, BLIND_SLIPS, BLIND_SLIPS_GOLD)
    return lines


def _class_recall_lines(title: str, scores: list[Score]) -> list[str]:
    per_class: dict[str, list[int]] = defaultdict(lambda: [0, 0])  # class -> [gold statements, found]
    for sc in scores:
        classes = sc.classes
        for key in sc.gold:
            name = classes.get(key, UNANNOTATED)
            per_class[name][0] += 1
            per_class[name][1] += key in sc.found
    if not any(name != UNANNOTATED for name in per_class):
        return []
    lines = ["", title]
    lines += [
        f"  {name:<44} {found:>4}/{total:<4} {found / total:.3f}"
        for name, (total, found) in sorted(per_class.items())
        if name != UNANNOTATED
    ]
    return lines


def _slip_lines(title: str, which: str, slips: SlipReport, perturbed: Path, listing: Path) -> list[str]:
    lines = ["", title]
    lines.append(f"  false alarms on the faithful {which}: {len(slips.faithful_alarms)}")
    lines += [f"    {a}" for a in slips.faithful_alarms]
    total = len(slips.found) + len(slips.missed)
    if total:
        lines.append(f"  injected slips found at their unit: {len(slips.found)}/{total} (recall {slips.recall:.3f})")
        for row in slips.missed:
            where = f"{row['treaty']} {row['lang']} {row['doc']} {row['ref']}"
            lines.append(f"    missed [{row.get('class', '')}] {where}: {row.get('description', '')}")
        lines.append(f"  false alarms on the perturbed copy (units without a slip): {len(slips.slip_alarms)}")
        lines += [f"    {a}" for a in slips.slip_alarms]
    else:
        lines.append(f"  no perturbed copy ({_rel(perturbed)} with {_rel(listing)}) yet")
    return lines


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not SHIPPED_GOLD.is_file():
        sys.stderr.write(f"unagree evaluate: no gold lists under {ROOT / 'tests'}; run it from a source checkout\n")
        return 2
    blind = "--no-blind" not in args
    scores = evaluate_obligations(include_blind=blind)
    slips = None if "--no-slips" in args else evaluate_slips(DEVSET, SLIPS, SLIPS_GOLD)
    blind_slips = None
    if blind and "--no-slips" not in args and BLINDSET.is_dir():
        blind_slips = evaluate_slips(BLINDSET, BLIND_SLIPS, BLIND_SLIPS_GOLD)
    sys.stdout.write("\n".join(report_lines(scores, slips, blind_slips)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
