"""``unagree refs [REF]``: cross-references inside the treaty set and to outside instruments."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from ..app import DocOption, LangOption, app, state
from ..completion import complete_refs
from ..render import FORMATS

RefsFormat = Annotated[
    str | None,
    typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)} or dot (a Graphviz graph)."),
]


@app.command("refs")
def refs(
    ctx: typer.Context,
    ref: Annotated[
        str | None,
        typer.Argument(
            help="A provision: what cites it and what it cites (REF or doc:REF).", autocompletion=complete_refs
        ),
    ] = None,
    external: Annotated[
        bool, typer.Option("--external", "-x", help="List the outside instruments and where each is cited.")
    ] = False,
    doc: DocOption = None,
    lang: LangOption = None,
    fmt: RefsFormat = None,
) -> None:
    """List cross-references: articles cited inside the treaty set, and outside instruments with their dates.

    Example: unagree refs 14    (what cites article 14, and what it cites)
    """
    from ..citations import about, find_citations, instruments_cited, to_dot
    from ..errors import NothingFound
    from ..refs import resolve
    from ..render import Column, render_rows
    from ..views import styles

    st = state(ctx)
    treaty = st.treaty()
    output_format = "dot" if (fmt or "").strip().lower() == "dot" else st.format(fmt)
    chosen = st.doc(doc)
    if ref is not None:
        selection = resolve(treaty, ref, chosen, treaty.languages)
        langs = st.langs(lang, selection.doc)
        directed = about(find_citations(treaty, None, langs), selection.doc, {r.eid for r in selection.records})
        rows, citations = [d.to_dict() for d in directed], [d.citation for d in directed]
        what = f"{selection.doc}:{ref}"
    else:
        langs = st.langs(lang, chosen)
        citations = find_citations(treaty, [chosen] if chosen else None, langs)
        rows, what = [c.to_dict() for c in citations], f"the {chosen}" if chosen else "the corpus"
    if external:
        citations = [
            c
            for c, row in zip(citations, rows, strict=True)
            if row.get("direction", "cites") == "cites" and c.target.kind == "instrument"
        ]
        uses = instruments_cited(citations)
        rows = [use.to_dict(langs) for use in uses]
    if not rows:
        raise NothingFound(f"no {'outside instruments' if external else 'cross-references'} found for {what}")
    if output_format == "dot":
        st.output.write(to_dot(citations, langs))
        return
    labels = st.labels()

    def in_lang(key: str, code: str) -> Callable[[dict[str, Any]], str]:
        return lambda row: ", ".join(v) if isinstance(v := row[key].get(code, ""), list) else str(v)

    columns: list[Column[dict[str, Any]]]
    if external:
        columns = [
            Column("Instrument", lambda row: row["id"], whole=True, style=styles.REF),
            Column("Title", lambda row: "\n".join(row["title"].get(code, "") for code in langs)),
            Column("Date", lambda row: ", ".join(row["dates"]), whole=True),
        ]
        columns += [Column(labels.language(c), in_lang("cited_in", c)) for c in langs]
    else:
        columns = [Column("Direction", lambda row: row["direction"].replace("-", " "), whole=True)] if ref else []
        columns += [
            Column("Ref", lambda row: f"{row['doc']}:{row['ref']}", whole=True, style=styles.REF),
            Column("Cites", lambda row: row["target"], whole=True),
            Column("Date", lambda row: ", ".join(dict.fromkeys(row["date"].values())), whole=True),
        ]
        columns += [Column(labels.language(c), in_lang("cited_as", c)) for c in langs]
    render_rows(st.output, output_format, rows, columns, langs)
