"""The view of cross-references (``unagree refs``): tables of citations or instruments, and Graphviz."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..citations import Citation, CrossReferences
from ..render import Labels, Output, render_rows
from . import styles
from .table import Column


def show_cross_references(out: Output, fmt: str, found: CrossReferences, labels: Labels) -> None:
    """Citations or instruments in every format, and ``dot`` (a Graphviz digraph)."""
    if fmt == "dot":
        out.write(to_dot(found.citations, found.langs))
        return
    langs = found.langs
    columns: list[Column[dict[str, Any]]]
    if found.external:
        columns = [
            Column("Instrument", lambda row: row["id"], whole=True, style=styles.REF),
            Column("Title", lambda row: "\n".join(row["title"].get(code, "") for code in langs)),
            Column("Date", lambda row: ", ".join(row["dates"]), whole=True),
        ]
        columns += [Column(labels.language(c), _in_lang("cited_in", c)) for c in langs]
    else:
        columns = [Column("Direction", lambda row: row["direction"].replace("-", " "), whole=True)]
        columns = columns if found.directed else []
        columns += [
            Column("Ref", lambda row: f"{row['doc']}:{row['ref']}", whole=True, style=styles.REF),
            Column("Cites", lambda row: row["target"], whole=True),
            Column("Date", lambda row: ", ".join(dict.fromkeys(row["date"].values())), whole=True),
        ]
        columns += [Column(labels.language(c), _in_lang("cited_as", c)) for c in langs]
    render_rows(out, fmt, found.rows, columns, langs)


def _in_lang(key: str, code: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: ", ".join(v) if isinstance(v := row[key].get(code, ""), list) else str(v)


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def to_dot(citations: Iterable[Citation], langs: Sequence[str]) -> str:
    """A Graphviz digraph: units and instruments as nodes, one edge per citation."""
    lines = ["digraph citations {", "  rankdir=LR;", '  node [fontname="sans-serif"];']
    nodes: dict[str, str] = {}
    edges: list[str] = []
    for citation in citations:
        source = citation.address
        nodes.setdefault(source, f"  {_dot_quote(source)} [shape=note];")
        target = citation.target.key
        if citation.target.kind == "instrument":
            label = "\n".join(citation.title[lang] for lang in langs if lang in citation.title) or target
            nodes.setdefault(target, f"  {_dot_quote(target)} [shape=box, style=rounded, label={_dot_quote(label)}];")
        else:
            nodes.setdefault(target, f"  {_dot_quote(target)} [shape=note];")
        label = " / ".join(citation.cited_as().get(lang, "") for lang in langs if lang in citation.cited_as())
        edges.append(f"  {_dot_quote(source)} -> {_dot_quote(target)} [tooltip={_dot_quote(label)}];")
    return "\n".join([*lines, *nodes.values(), *edges, "}"]) + "\n"
