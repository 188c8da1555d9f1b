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
    from ..views import styles

    st = state(ctx)
    output_format = st.format(fmt)
    rows = [entry.to_dict() for entry in st.index().sets()]
    langs = list(dict.fromkeys(lang for row in rows for lang in row["languages"]))
    columns = [
        Column("Treaty set", lambda row: str(row["name"]), whole=True, style=styles.REF),
        Column("Languages", lambda row: ",".join(row["languages"]), whole=True),
        Column("Documents", lambda row: ",".join(row["documents"]), whole=True),
        Column("Units", lambda row: str(row["units"]), whole=True),
        Column("Problems", _problems, whole=True),
        Column("Title", lambda row: _title(row, langs)),
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
