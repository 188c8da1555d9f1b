"""``unagree list``: the treaty sets of a corpus, by the name ``--treaty`` takes."""

import typer

from ..app import FormatOption, app, state


@app.command("list")
def list_sets(ctx: typer.Context, fmt: FormatOption = None) -> None:
    """List the treaty sets of the corpus: the name --treaty takes, languages, documents, units, problems, title.

    Read from the corpus's search index (built on first use). Example: unagree --corpus big/ list
    """
    from ..views.outline import show_sets

    st = state(ctx)
    output_format = st.format(fmt)
    show_sets(st.output, output_format, st.index().sets())
