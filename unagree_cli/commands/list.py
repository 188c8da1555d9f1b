"""``unagree list``: the treaty sets of a corpus, by the name ``--treaty`` takes."""

from __future__ import annotations

from typing import Any

import typer

from ..app import FormatOption, app, state


@app.command("list")
def list_sets(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """List the treaty sets of the corpus: the name --treaty takes, languages, documents, units, problems, title.

    Read from the corpus's search index (built on first use). Example: unagree --corpus big/ list
    """
    from ..render import Column, render_rows

    st = state(ctx)
    output_format = st.format(fmt)
    rows = [entry.to_dict() for entry in st.index().sets()]
    langs = list(dict.fromkeys(lang for row in rows for lang in row["languages"]))
    columns = [
        Column("Treaty set", lambda row: str(row["name"]), fold=False, style="cyan"),
        Column("Languages", lambda row: ",".join(row["languages"]), fold=False),
        Column("Documents", lambda row: ",".join(row["documents"]), fold=False),
        Column("Units", lambda row: str(row["units"]), fold=False),
        Column("Problems", _problems, fold=False),
        Column("Title", lambda row: _title(row, langs), lang=langs[0] if langs else None),
    ]
    problems = sum(1 for row in rows if row["problems"])
    caption = f"{len(rows)} treaty {'set' if len(rows) == 1 else 'sets'}"
    if problems:
        caption += f", {problems} with problems (see 'unagree validate')"
    render_rows(st.output, output_format, rows, columns, langs, caption=caption)


def _problems(row: dict[str, Any]) -> str:
    return str(row["problems"]) if row["problems"] else "-"


def _title(row: dict[str, Any], langs: list[str]) -> str:
    titles = row["title"]
    return next((str(titles[lang]) for lang in langs if titles.get(lang)), "")
