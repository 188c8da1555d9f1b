"""``unagree export FORMAT``: the corpus as Akoma Ntoso, TMX, JSON, JSON lines, CSV, Markdown or HTML."""

from typing import Annotated

import typer

from ..app import DocOption, LangOption, app, state


@app.command()
def export(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Argument(metavar="FORMAT", help="akn, tmx, json, jsonl, csv, md or html.")],
    doc: DocOption = None,
    lang: LangOption = None,
    output: Annotated[
        str | None,
        typer.Option(
            "--output", "-o", help="Write to this file (atomically; never inside the corpus) instead of stdout."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace the --output file if it exists (a regular file only).")
    ] = False,
) -> None:
    """Export a document or the whole corpus for other tools.

    akn: Akoma Ntoso 3.0 XML of one document in one language (default: the
    main document with the others attached). tmx: a TMX 1.4b translation
    memory of every aligned unit. json, jsonl, csv: unit records. md: a
    bilingual Markdown document. html: one self-contained page, the languages
    side by side, cross-references as links, deontic words and translation-QA
    findings marked. The corpus has: {docs}, in {langs}.

    Example: unagree export akn --lang {lang} -o {main_doc}.{lang}.xml
    """
    from ..export import akn_doc, build, export_format
    from ..export.files import is_stdout, plan, protected_folders, write_target
    from ..render import visible

    st = state(ctx)
    treaty = st.treaty()
    chosen_format = export_format(fmt)
    chosen = st.doc(doc)
    if chosen_format == "akn":
        chosen = akn_doc(treaty, chosen)
    langs = st.langs(lang, chosen) if lang else None
    target = None if output is None or is_stdout(output) else plan(output, force, protected_folders(st.root()))
    result = build(treaty, chosen_format, chosen, langs, st.labels())
    for notice in result.notices:
        st.output.message(f"unagree: note: {notice}")
    if target is not None:
        write_target(target, result.text, force, terminal_text=visible)
    else:  # exact text for pipes; on a terminal, control characters are made visible
        st.output.write(visible(result.text) if st.output.is_tty else result.text)
