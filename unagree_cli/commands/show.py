"""``unagree show REF``: an article, paragraph or point in one or both languages."""

from __future__ import annotations

from typing import Annotated

import typer

from ..app import DocOption, FormatOption, LangOption, app, state


@app.command()
def show(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(help="What to show: 5, 5.2, 3.2(a), 第五条, preamble, 3-5, resolution:3, all.")],
    doc: DocOption = None,
    lang: LangOption = None,
    fmt: FormatOption = None,
) -> None:
    """Show an article, paragraph or point, in English, Chinese or both side by side.

    Example: unagree show 5.2 --lang zh
    """
    from ..refs import choose_doc, parse, resolve
    from ..render import render_units

    st = state(ctx)
    treaty = st.treaty()
    output_format = st.format(fmt)
    chosen = choose_doc(treaty, parse(ref).doc, st.doc(doc))
    langs = st.langs(lang, chosen)
    selection = resolve(treaty, ref, chosen, langs)
    render_units(st.output, output_format, selection.records, langs, st.labels())
