"""``unagree obligations``: who must, may and is entitled to do what, per party, in both languages."""

from typing import Annotated

import typer

from ..app import DocOption, FormatOption, app, state
from ..completion import complete_langs, complete_parties


@app.command()
def obligations(
    ctx: typer.Context,
    party: Annotated[
        str | None,
        typer.Option(
            "--party",
            "-p",
            help="A party ({parties}) or one of its organs, by any name in any language, its initials, "
            "or as 'party: organ' ('{party}: {organ}').",
            autocompletion=complete_parties,
        ),
    ] = None,
    modality: Annotated[
        str | None,
        typer.Option(
            "--modality",
            "-m",
            help="obligation, permission, right, prohibition, recognition or all (default: the first four).",
        ),
    ] = None,
    doc: DocOption = None,
    lang: Annotated[
        str | None,
        typer.Option("--lang", "-l", help="Language to analyse: {langs} (default: en).", autocompletion=complete_langs),
    ] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="List the units where the analyses of the languages disagree.")
    ] = False,
    fmt: FormatOption = None,
) -> None:
    """List the deontic statements by party: who must, may, is entitled to or must not do what.

    Example: unagree obligations --party {party} --modality right
    """
    from ..obligations.listing import list_statements
    from ..views.statements import show_listing

    st = state(ctx)
    treaty = st.treaty()
    output_format = st.format(fmt)
    listing = list_statements(treaty, st.doc(doc), party, modality, lang, compare)
    show_listing(st.output, output_format, listing, st.labels())
