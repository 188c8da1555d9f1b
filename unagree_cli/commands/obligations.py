"""``unagree obligations``: who must, may and is entitled to do what, per party, in both languages."""

from __future__ import annotations

from typing import Annotated

import typer

from ..app import FormatOption, app, state
from ..errors import NothingFound, UsageFailure


@app.command()
def obligations(
    ctx: typer.Context,
    party: Annotated[
        str | None, typer.Option("--party", "-p", help="A party, alias or organ in either language: IOM, un, 总干事.")
    ] = None,
    modality: Annotated[
        str | None,
        typer.Option(
            "--modality",
            "-m",
            help="obligation, permission, right, prohibition, recognition or all (default: the first four).",
        ),
    ] = None,
    doc: Annotated[
        str | None,
        typer.Option("--doc", "-d", help="Document: resolution, agreement or note (default: all); a prefix is enough."),
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Language to analyse: en (default) or zh.")] = None,
    compare: Annotated[
        bool, typer.Option("--compare", help="List the units where the English and Chinese analyses disagree.")
    ] = False,
    fmt: FormatOption = None,
) -> None:
    """List the deontic statements by party: who must, may, is entitled to or must not do what.

    Example: unagree obligations --party IOM --modality right
    """
    from .. import obligations as engine
    from ..obligations import listing
    from ..render import Column, render_rows

    st = state(ctx)
    treaty = st.treaty()
    output_format = st.format(fmt)
    try:
        modalities = listing.parse_modalities(modality)
        choice = engine.find_party(treaty, party) if party is not None else None
    except listing.UnknownModality as exc:
        raise UsageFailure(
            f"unknown modality '{exc}'", hint=f"use one of: {', '.join(engine.MODALITIES)}, all"
        ) from None
    except engine.UnknownParty as exc:
        raise UsageFailure(f"unknown party '{exc.name}'", hint=f"known parties: {'; '.join(exc.known)}") from None
    chosen = st.doc(doc)
    docs = [chosen] if chosen else treaty.doc_keys()
    labels = st.labels()
    if compare:
        found = [d for key in docs for d in engine.disagreements(treaty, key)]
        rows = listing.disagreement_rows(treaty, found, modalities, choice)
        if not rows:
            raise NothingFound("the English and Chinese analyses agree" + (f" in the {chosen}" if chosen else ""))
        columns = [Column("Ref", lambda r: f"{r['doc']}:{r['ref']}", fold=False, style="cyan")]
        columns += [Column(labels.language(c), listing.pairs_in(c), lang=c) for c in ("en", "zh")]
        noun = "unit" if len(rows) == 1 else "units"
        render_rows(
            st.output, output_format, rows, columns, ["en", "zh"], f"{len(rows)} {noun} where the analyses differ"
        )
        return
    analysable = [c for c in engine.LANGUAGES if c in treaty.languages]
    code = (lang or (analysable or treaty.languages)[0]).strip().lower()
    if code in treaty.languages and code not in engine.LANGUAGES:
        raise NothingFound(f"not analysed for {code}: obligations are read in {' and '.join(engine.LANGUAGES)} only")
    if code not in engine.LANGUAGES or code not in treaty.languages:
        known = [c for c in engine.LANGUAGES if c in treaty.languages]
        hint = (
            "the text is shown in both languages; --compare compares the analyses" if code in ("both", "all") else None
        )
        raise UsageFailure(f"cannot analyse language '{lang}'", hint=hint or f"use one of: {', '.join(known)}")
    if chosen and (chosen, code) not in treaty.versions:
        raise NothingFound(f"the {chosen} has no version in {code} (it has: {', '.join(treaty.langs_of(chosen))})")
    statements = listing.select(treaty, docs, code, modalities, choice)
    if not statements:
        kinds = ", ".join(modalities[:-1]) + (" or " if len(modalities) > 1 else "") + modalities[-1]
        who = f" of {party}" if party else ""
        raise NothingFound(f"no {kinds}{who} in the {chosen or 'documents'} (read in {code})")
    langs = treaty.languages
    with_doc = not chosen
    if output_format in ("json", "jsonl", "csv"):
        render_rows(st.output, output_format, listing.records(treaty, statements), [], langs)
    elif output_format == "table":
        other = next((c for c in langs if c != code), None)
        columns = [
            Column("Ref", lambda r: r["ref"], fold=False, style="cyan"),
            Column("Who", lambda r: r["actor"], lang=code),
            Column("Action", lambda r: r["action"], lang=code),
        ]
        if other:
            columns.append(Column(labels.language(other), lambda r: r["other"], lang=other))
        rows = listing.table_rows(treaty, statements, choice, other, with_doc)
        render_rows(
            st.output,
            "table",
            rows,
            columns,
            langs,
            listing.summary(statements, treaty, choice),
            group=lambda r: r["group"],
        )
    else:
        rows = [listing.plain_row(s, with_doc) for s in statements]
        keys = ("ref", "parties", "modality", "marker", "actor", "action")
        columns = [Column(key.title(), listing.field(key)) for key in keys]
        render_rows(st.output, output_format, rows, columns, langs)
