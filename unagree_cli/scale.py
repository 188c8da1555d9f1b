"""Synthetic corpora for benchmarks: N treaty sets derived from the bundled one.

``python -m unagree_cli.scale --corpus DIR N`` (``make scale-corpus N=1000``)
writes ``set-0001`` ... ``set-N`` into DIR. Set *i* is the bundled treaty set
with its id suffixed, its second and later parties renamed everywhere (``IOM``
becomes ``IOM-0007``, *International Organization for Migration* becomes
*International Organization for Migration 7*) and the articles of every
document shuffled (the texts trade places; numbers stay in order), the same way
in every language. Each set has its own copy of the source texts, so each
folder stands alone. Set 1 is the same in every corpus, so a figure for
``--treaty set-0001`` compares like with like across sizes.

The folder must be new, empty or a corpus this module wrote (it holds a
``.unagree-scale`` marker); sets beyond N from an earlier run are removed.
"""

from __future__ import annotations

import argparse
import copy
import os
import random
import re
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .corpus import bundled_corpus, sources_folder, treaty_folders
from .yamlio import yaml  # PyYAML as yamlio imports it (see there)

MARKER = ".unagree-scale"
SET_NAME = "set-{:04d}"
MAX_SETS = 99_999

try:  # libyaml's emitter, where PyYAML was built with it
    from yaml import CSafeDumper as _BaseDumper
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class _Dumper(_BaseDumper):
    """Never writes anchors or aliases: the corpus loader refuses them."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


class ScaleError(Exception):
    """The target folder cannot be used."""


def set_name(index: int) -> str:
    """``set-0007`` for set 7."""
    return SET_NAME.format(index)


def write_scaled_corpus(
    target: Path,
    count: int,
    template: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """Write ``count`` synthetic treaty sets into ``target``; return their folders.

    ``template`` is a corpus folder holding one treaty set (default: the bundled corpus).
    """
    if not 1 <= count <= MAX_SETS:
        raise ScaleError(f"N must be between 1 and {MAX_SETS}, not {count}")
    _check_target(target)
    folders = treaty_folders(template or bundled_corpus())
    if len(folders) != 1:
        raise ScaleError("the template corpus must hold exactly one treaty set")
    base = _read_set(folders[0])
    sources = sorted(p for p in sources_folder(folders[0]).iterdir() if p.is_file())
    target.mkdir(parents=True, exist_ok=True)
    (target / MARKER).write_text(f"synthetic corpus: {count} treaty sets from {folders[0].name}\n", encoding="utf-8")
    written = []
    for index in range(1, count + 1):
        written.append(_write_set(target / set_name(index), index, base, sources))
        if progress is not None:
            progress(index, count)
    for stale in target.glob("set-*"):
        match = re.fullmatch(r"set-(\d+)", stale.name)
        if stale.is_dir() and match and int(match.group(1)) > count:
            shutil.rmtree(stale)
    return written


def _check_target(target: Path) -> None:
    if not target.exists():
        return
    if not target.is_dir():
        raise ScaleError(f"{target} is not a folder")
    if any(target.iterdir()) and not (target / MARKER).is_file():
        raise ScaleError(f"{target} is not empty and was not written by this tool ({MARKER} is missing)")


def _read_set(folder: Path) -> dict[str, Any]:
    """Every YAML file of a treaty set, parsed: ``{file name: data}``."""
    files = {}
    for path in sorted(folder.glob("*.yaml")):
        files[path.name] = yaml.load(path.read_text(encoding="utf-8"), Loader=_BaseLoader)
    return files


def _write_set(folder: Path, index: int, base: dict[str, Any], sources: Sequence[Path]) -> Path:
    files = copy.deepcopy(base)
    treaty = files["treaty.yaml"]
    rename = _renamer(treaty, index)
    treaty["id"] = f"{treaty['id']}-{set_name(index)}"
    treaty["title"] = {lang: f"{rename(title)} ({set_name(index)})" for lang, title in treaty["title"].items()}
    for party in treaty.get("parties") or []:
        party["id"] = _renamed_id(party["id"], index) if party is not treaty["parties"][0] else party["id"]
        party["names"] = _map_strings(party.get("names"), rename)
    treaty["glossary"] = _map_strings(treaty.get("glossary"), rename)
    rng = random.Random(index)  # noqa: S311 - shuffling test data, not security
    orders: dict[str, list[int]] = {}
    for name, data in files.items():
        if name == "treaty.yaml" or not isinstance(data, dict):
            continue
        for part in ("preface", "preamble", "conclusions", "footnotes"):
            if part in data:
                data[part] = _map_strings(data[part], rename, skip=("at", "marker", "num"))
        body = data.get("body") or []
        articles = [i for i, entry in enumerate(body) if isinstance(entry, dict) and "article" in entry]
        if len(articles) > 1:
            doc = str(data.get("doc"))
            if doc not in orders:  # the same order in every language of a document
                orders[doc] = rng.sample(range(len(articles)), len(articles))
            moved = _shuffle_articles(body, articles, orders[doc])
            for note in data.get("footnotes") or []:
                note["at"] = _moved_eid(str(note.get("at", "")), moved)
        data["body"] = _map_strings(body, rename, skip=("article", "num", "paragraph"))
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
        (folder / name).write_text(f"# Synthetic treaty set {index}, derived from the bundled corpus.\n{text}", "utf-8")
    own_sources = folder / "sources"
    own_sources.mkdir(exist_ok=True)
    for source in sources:
        copy_to = own_sources / source.name
        if not copy_to.exists():
            try:
                os.link(source, copy_to)
            except OSError:
                shutil.copyfile(source, copy_to)
    return folder


def _renamed_id(party_id: str, index: int) -> str:
    return f"{party_id}-{index:04d}"


def _renamer(treaty: dict[str, Any], index: int) -> Callable[[str], str]:
    """Replace every name of the second and later parties (not of their organs) by a numbered one."""
    names: set[str] = set()
    for party in (treaty.get("parties") or [])[1:]:
        for value in (party.get("names") or {}).values():
            names.update(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and v)
    if not names:
        return lambda text: text
    parts = []
    for name in sorted(names, key=len, reverse=True):
        pattern = re.escape(name)
        if name[0].isascii() and name[0].isalnum():
            pattern = r"(?<!\w)" + pattern
        if name[-1].isascii() and name[-1].isalnum():
            pattern += r"(?!\w)"
        parts.append(pattern)
    regex = re.compile("|".join(parts))

    def numbered(match: re.Match[str]) -> str:
        name = match.group()
        if name.isascii():
            return _renamed_id(name, index) if name.isupper() else f"{name} {index}"
        return f"{name}{index}"

    def rename(text: str) -> str:
        return regex.sub(numbered, text)

    return rename


def _map_strings(value: Any, change: Callable[[str], str], skip: tuple[str, ...] = ()) -> Any:
    """``value`` with ``change`` applied to every string in it, except under the keys ``skip``."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_map_strings(item, change, skip) for item in value]
    if isinstance(value, dict):
        return {k: v if k in skip else _map_strings(v, change, skip) for k, v in value.items()}
    return value


def _shuffle_articles(body: list[Any], positions: list[int], order: list[int]) -> dict[str, str]:
    """Give the article at ``positions[k]`` the content of article ``order[k]``; return old number -> new."""
    entries = [body[p] for p in positions]
    moved: dict[str, str] = {}
    for slot, source in zip(positions, order, strict=True):
        entry = dict(entries[source])
        number = body[slot]["article"]
        moved[str(entries[source]["article"])] = str(number)
        entry["article"] = number
        body[slot] = entry
    return moved


def _moved_eid(eid: str, moved: dict[str, str]) -> str:
    match = re.match(r"art_([^_]+)(.*)$", eid)
    if match and match.group(1) in moved:
        return f"art_{moved[match.group(1)]}{match.group(2)}"
    return eid


def corpus_bytes(root: Path) -> int:
    """Bytes of YAML in every treaty set of ``root``."""
    return sum(path.stat().st_size for folder in treaty_folders(root) for path in folder.glob("*.yaml"))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m unagree_cli.scale --corpus DIR N``."""
    parser = argparse.ArgumentParser(
        prog="python -m unagree_cli.scale", description="Write N synthetic treaty sets for benchmarks."
    )
    parser.add_argument("count", type=int, metavar="N", help="how many treaty sets to write")
    parser.add_argument("--corpus", required=True, type=Path, help="folder to write them into")
    parser.add_argument("--template", type=Path, help="corpus holding the one treaty set to copy (default: bundled)")
    args = parser.parse_args(argv)
    try:
        folders = write_scaled_corpus(args.corpus, args.count, args.template)
    except ScaleError as exc:
        print(f"unagree.scale: error: {exc}", file=sys.stderr)
        return 2
    megabytes = corpus_bytes(args.corpus) / 1e6
    print(f"{args.corpus}: {len(folders)} treaty sets, {megabytes:.1f} MB of YAML")
    return 0


if __name__ == "__main__":
    sys.exit(main())
