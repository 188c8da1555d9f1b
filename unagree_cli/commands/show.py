"""``unagree show REF...``: articles, paragraphs or points in one or more languages."""

from typing import Annotated

import typer

from ..app import FormatOption, LangOption, OneDocOption, app, state
from ..completion import complete_refs


@app.command()
def show(
    ctx: typer.Context,
    refs: Annotated[
        list[str],
        typer.Argument(
            metavar="REF...",
            help="What to show, one or more: 5, 5.2, 3.2(a), 第五条, preamble, 3-5, doc:ref, all.",
            autocompletion=complete_refs,
        ),
    ],
    doc: OneDocOption = None,
    lang: LangOption = None,
    fmt: FormatOption = None,
) -> None:
    """Show articles, paragraphs or points, in one language or several side by side.

    Several references are shown in the order given (so `xargs unagree show` works).

    Example: unagree show {ref} --lang {lang}
    """
    from ..refs import choose_doc, parse, resolve
    from ..render import render_units
    from ..views.marks import deontic_marks

    st = state(ctx)
    treaty = st.treaty()
    output_format = st.format(fmt)
    records, langs = [], []
    for ref in refs:
        chosen = choose_doc(treaty, parse(ref).doc, st.doc(doc))
        langs = st.langs(lang, chosen)
        records += resolve(treaty, ref, chosen, langs).records
    if len(refs) > 1:
        langs = st.langs(lang)
    marks = deontic_marks(treaty) if output_format == "table" else None
    render_units(st.output, output_format, records, langs, st.labels(), marks)
