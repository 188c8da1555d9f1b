"""``unagree diff [REF]``: the two language versions aligned unit by unit, with translation-QA findings."""

from __future__ import annotations

from typing import Annotated

import typer

from ..app import DocOption, FormatOption, app, state
from ..errors import EXIT_NOTHING

SEVERITY_STYLES = {"error": "bold red", "warning": "yellow", "info": "blue"}


@app.command()
def diff(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(help="Part to compare: 5, 5.2, preamble, resolution:3 (default: every document).")
    ] = None,
    doc: DocOption = None,
    only_issues: Annotated[bool, typer.Option("--only-issues", help="Keep only the pairs that have findings.")] = False,
    check: Annotated[
        list[str] | None,
        typer.Option(
            "--check",
            "-c",
            help="Run only this check (repeat or comma-separate): missing, numbers, terminology, modality, "
            "untranslated, punctuation, version.",
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when any finding is reported.")] = False,
    langs: Annotated[
        str | None,
        typer.Option("--langs", help="The two languages to compare, e.g. en,fr (default: the set's first two)."),
    ] = None,
    fmt: FormatOption = None,
) -> None:
    """Compare the English and Chinese versions unit by unit, with translation-QA findings under each pair.

    Example: unagree diff 5 --only-issues
    """
    from ..errors import UsageFailure
    from ..model import Record
    from ..qa import QAError, review_all, summary_lines
    from ..render import Note, message, render_annotated

    st = state(ctx)
    treaty = st.treaty()
    if langs:
        try:
            treaty = treaty.with_languages([c.strip() for c in langs.split(",") if c.strip()])
        except ValueError as exc:
            raise UsageFailure(str(exc), hint="see 'unagree diff --help'") from None
    output_format = st.format(fmt)
    try:
        report = review_all(treaty, ref, st.doc(doc), check)
    except QAError as exc:
        raise UsageFailure(str(exc), hint="see 'unagree diff --help'") from None
    items = [item for item in report.items if item.findings or not only_issues]
    records = [item.as_record() for item in items]

    def notes(record: Record) -> list[Note]:
        return [
            Note(f["severity"], f"{f['check']}: {f['message']}", SEVERITY_STYLES[f["severity"]])
            for f in record.extra["findings"]
        ]

    def shown_ref(record: Record) -> str:
        if record.kind == "document":
            return f"{record.doc}:"
        return record.ref if len(report.docs) == 1 else f"{record.doc}:{record.ref}"

    footer = summary_lines(items, report.checks)
    render_annotated(st.output, output_format, records, treaty.languages[:2], st.labels(), notes, shown_ref, footer)
    if strict and report.count:
        message(typer.get_text_stream("stderr"), f"unagree: {footer[0]}")
        raise typer.Exit(EXIT_NOTHING)
