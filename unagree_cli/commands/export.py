"""``unagree export FORMAT``: the corpus as Akoma Ntoso, TMX, JSON, JSON lines, CSV or Markdown."""

from __future__ import annotations

from typing import Annotated

import typer

from ..app import DocOption, LangOption, app, state


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="akn, tmx, json, jsonl, csv or md.")],
    doc: DocOption = None,
    lang: LangOption = None,
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of stdout.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace the --output file if it exists.")] = False,
) -> None:
    """Export a document or the whole corpus for other tools.

    akn: Akoma Ntoso 3.0 XML of one document in one language (default: the
    main document with the others attached). tmx: a TMX 1.4b translation
    memory of every aligned unit. json, jsonl, csv: unit records. md: a
    bilingual Markdown document. The corpus has: {docs}, in {langs}.

    Example: unagree export akn --lang {lang} -o {main_doc}.{lang}.xml
    """
    from ..export import akn_doc, build, export_format
    from ..export.files import check_target, write_atomic
    from ..render import visible

    st = state(ctx)
    treaty = st.treaty()
    chosen_format = export_format(fmt)
    chosen = st.doc(doc)
    if chosen_format == "akn":
        chosen = akn_doc(treaty, chosen)
    langs = st.langs(lang, chosen) if lang else None
    if output and output != "-":
        check_target(output, force)
    result = build(treaty, chosen_format, chosen, langs, st.labels())
    for notice in result.notices:
        st.output.message(f"unagree: note: {notice}")
    if output and output != "-":
        write_atomic(output, result.text, force)
    else:  # exact text for pipes; on a terminal, control characters are made visible
        st.output.write(visible(result.text) if st.output.is_tty else result.text)
