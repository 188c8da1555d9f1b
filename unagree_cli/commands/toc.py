"""``unagree toc``: the structure of the documents, with headings."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from ..app import DocOption, FormatOption, LangOption, app, state


@app.command()
def toc(ctx: typer.Context, doc: DocOption = None, lang: LangOption = None, fmt: FormatOption = None) -> None:
    """List the documents, their preambles and articles with headings.

    Example: unagree toc --doc {doc} --lang {lang}
    """
    from ..outline import outline
    from ..render import Column, render_rows
    from ..views import styles

    st = state(ctx)
    treaty = st.treaty()
    output_format = st.format(fmt)
    chosen = st.doc(doc)
    docs = [chosen] if chosen else treaty.doc_keys()
    langs = st.langs(lang, chosen)
    rows = [entry.to_dict() for entry in outline(treaty, docs, langs)]
    labels = st.labels()

    def ref(row: dict[str, Any]) -> str:
        return row["ref"] if row["kind"] == "document" or chosen else f"{row['doc']}:{row['ref']}"

    columns = [Column("Ref", ref, whole=True, style=styles.REF)]
    for code in langs:
        columns.append(Column(labels.language(code), _heading_in(code)))
    render_rows(st.output, output_format, rows, columns, langs)


def _heading_in(lang: str) -> Callable[[dict[str, Any]], str]:
    return lambda row: str(row["heading"].get(lang, ""))
