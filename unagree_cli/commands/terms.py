"""``unagree terms [TERM]``: the bilingual glossary, counted in the corpus."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

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
    from ..glossary import find_terms, glossary_report
    from ..render import Column, render_rows

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
    reports = glossary_report(treaty, [chosen] if chosen else treaty.doc_keys(), langs, wanted)
    rows = [report.to_dict() for report in reports]
    labels = st.labels()

    def look_at(row: dict[str, Any]) -> str:
        lines = [
            f"{label}: " + ", ".join(f"{item['doc']}:{item['ref']}" for item in row[key])
            for label, key in (
                ("variant", "variants_at"),
                ("deprecated", "deprecated_at"),
                ("counts differ", "mismatches"),
            )
            if row[key]
        ]
        return "\n".join(lines)

    def in_lang(key: str, code: str) -> Callable[[dict[str, Any]], str]:
        return lambda row: str(row[key].get(code, ""))

    columns = [Column(labels.language(c), in_lang("term", c)) for c in langs]
    columns.append(Column("Variants", lambda row: "; ".join(v for c in langs for v in row["variants"].get(c, []))))
    columns += [Column(f"n {c}", in_lang("counts", c), whole=True) for c in langs]
    columns.append(Column("Look at", look_at))
    render_rows(st.output, output_format, rows, columns, langs)
