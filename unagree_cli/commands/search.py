"""``unagree search QUERY``: words, phrases or a regular expression in every language."""

from __future__ import annotations

from typing import Annotated

import typer

from ..app import DocOption, FormatOption, LangOption, app, state


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or a phrase (English: whole words; Chinese: a substring).")],
    doc: DocOption = None,
    lang: LangOption = None,
    regex: Annotated[bool, typer.Option("--regex", "-r", help="QUERY is a Python regular expression.")] = False,
    refs_only: Annotated[
        bool, typer.Option("--refs-only", help="Print only doc:ref of each unit, one a line.")
    ] = False,
    fmt: FormatOption = None,
) -> None:
    """Search every document, in both languages; matching units in document order, the other language beside.

    Case is ignored. Exit 1 when nothing matches. Example: unagree search "supplementary arrangements"
    """
    from ..errors import NothingFound, UsageFailure
    from ..render import render_rows
    from ..search import QueryError, addresses, compile_query, summary
    from ..search import search as run_search
    from ..views.hits import hit_columns

    st = state(ctx)
    if st.several_sets():  # no --treaty: every treaty set, through the corpus's index
        from .search_all import search_all

        return search_all(st, query, doc, lang, regex, refs_only, fmt)
    treaty = st.treaty()
    output_format = st.format(fmt)
    chosen = st.doc(doc)
    langs = st.langs(lang, chosen)
    try:
        compiled = compile_query(query, langs, regex)
    except QueryError as exc:
        raise UsageFailure(str(exc), hint="see 'unagree search --help'") from None
    hits = run_search(treaty, compiled, [chosen] if chosen else None)
    if not hits:
        where = f"the {chosen}" if chosen else "any document"
        raise NothingFound(f"no match for '{query}' in {where} ({', '.join(langs)})")
    if refs_only:
        st.output.write("".join(f"{address}\n" for address in addresses(hits)))
        return
    rows = [hit.to_dict() for hit in hits]
    shown = [code for code in treaty.languages if any(code in row["text"] for row in rows)]
    columns = hit_columns(shown, st.labels().language)
    render_rows(st.output, output_format, rows, columns, shown, caption=summary(hits, langs))
