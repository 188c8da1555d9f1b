"""``unagree import FILE... --into CORPUS``: a treaty set from the published plain texts of UN documents."""

from pathlib import Path
from typing import Annotated, Any

import typer

from ..app import FormatOption, app, state


@app.command("import")
def import_(
    ctx: typer.Context,
    files: Annotated[
        list[str], typer.Argument(help="Plain text of UN documents (ODS .txt), one agreement.", metavar="FILE...")
    ],
    into: Annotated[str, typer.Option("--into", help="Corpus folder to write the treaty set into.")],
    set_name: Annotated[
        str | None, typer.Option("--set", help="Name of the treaty set (default: from the first file).")
    ] = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="Language of every file (default: detected): ar, zh, en, fr, ru, es."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace a treaty set that exists.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Parse and report; write nothing.")] = False,
    fmt: FormatOption = None,
) -> None:
    """Import published texts into a treaty set: documents, units, footnotes, a draft treaty.yaml, a review list.

    Example: unagree import A-71-900.fr.txt A-71-900.en.txt --into mycorpus --set example
    """
    from ..errors import EXIT_NOTHING
    from ..importer import report_lines, report_rows, run
    from ..render import Column, json_text, render_rows

    st = state(ctx)
    output_format = st.format(fmt)
    result = run([Path(f) for f in files], Path(into), set_name, lang, force, dry_run)
    if output_format in ("json", "jsonl"):
        st.output.write(json_text(result.to_dict(), indent=None if output_format == "jsonl" else 2) + "\n")
    elif output_format == "plain":
        st.output.write("\n".join(report_lines(result)) + "\n")
    else:
        columns: list[Column[dict[str, Any]]] = [
            Column("", lambda row: row["part"], fold=False, style="cyan"),
            Column("Import", lambda r: r["text"]),
        ]
        render_rows(st.output, output_format, report_rows(result), columns, [], caption="review: what to check")
    if result.problems:
        raise typer.Exit(EXIT_NOTHING)
