"""``unagree toc``: the structure of the documents, with headings."""

import typer

from ..app import DocOption, FormatOption, LangOption, app, state


@app.command()
def toc(ctx: typer.Context, doc: DocOption = None, lang: LangOption = None, fmt: FormatOption = None) -> None:
    """List the documents, their preambles and articles with headings (whole, in every format).

    Example: unagree toc --doc {doc} --lang {lang}
    """
    from ..outline import outline
    from ..views.outline import show_outline

    st = state(ctx)
    treaty = st.treaty()
    output_format = st.format(fmt)
    chosen = st.doc(doc)
    langs = st.langs(lang, chosen)
    entries = outline(treaty, [chosen] if chosen else treaty.doc_keys(), langs)
    show_outline(st.output, output_format, entries, langs, st.labels(), with_doc=chosen is None)
