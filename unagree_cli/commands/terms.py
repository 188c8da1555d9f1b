"""``unagree terms [TERM]``: the bilingual glossary, counted in the corpus."""

from typing import Annotated

import typer

from ..app import DocOption, FormatOption, LangOption, app, state
from ..completion import complete_terms


@app.command()
def terms(
    ctx: typer.Context,
    term: Annotated[
        str | None,
        typer.Argument(help="One glossary term, in any language or variant.", autocompletion=complete_terms),
    ] = None,
    doc: DocOption = None,
    lang: LangOption = None,
    fmt: FormatOption = None,
) -> None:
    """The glossary: each term, its counterpart, variants, counts per language, and where to look.

    "Look at" lists the units that use a variant or a deprecated form, and those
    whose languages use the term a different number of times.

    Example: unagree terms "{term}"
    """
    from ..errors import NothingFound, UsageFailure
    from ..glossary import find_terms, glossary_rows
    from ..views.glossary import show_terms

    st = state(ctx)
    treaty = st.treaty()
    output_format = st.format(fmt)
    chosen = st.doc(doc)
    langs = st.langs(lang, chosen)
    if not treaty.glossary:
        raise NothingFound("the corpus has no glossary (treaty.yaml has no 'glossary' entries)")
    wanted = find_terms(treaty, term) if term is not None else None
    if wanted == []:
        raise UsageFailure(f"no glossary term '{term}'", hint="'unagree terms' lists them all")
    rows = glossary_rows(treaty, [chosen] if chosen else treaty.doc_keys(), langs, wanted)
    show_terms(st.output, output_format, rows, langs, st.labels())
