"""``unagree refs [REF]``: cross-references inside the treaty set and to outside instruments."""

from typing import Annotated

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
    from ..citations import cross_references
    from ..views.citations import show_cross_references

    st = state(ctx)
    treaty = st.treaty()
    output_format = "dot" if (fmt or "").strip().lower() == "dot" else st.format(fmt)
    found = cross_references(treaty, ref, st.doc(doc), external, lambda chosen: st.langs(lang, chosen))
    show_cross_references(st.output, output_format, found, st.labels())
