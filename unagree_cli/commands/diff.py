"""``unagree diff [REF]``: the two language versions aligned unit by unit, with translation-QA findings."""

from typing import Annotated

import typer

from ..app import DocOption, FormatOption, app, state
from ..completion import complete_refs
from ..errors import EXIT_NOTHING

SEVERITIES = ("error", "warning", "info")
FAIL_ON = (*SEVERITIES, "never")


@app.command()
def diff(
    ctx: typer.Context,
    ref: Annotated[
        str | None,
        typer.Argument(
            help="Part to compare: an article, paragraph, point or range, doc:ref (default: every document).",
            autocompletion=complete_refs,
        ),
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
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="SEVERITY",
            help="Exit with status 1 when a finding of this severity or worse is reported: error, warning or info "
            "(default: warning); never: always exit 0.",
            autocompletion=lambda incomplete: [s for s in FAIL_ON if s.startswith(incomplete)],
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", hidden=True, help="Deprecated: --fail-on info.")] = False,
    langs: Annotated[
        str | None,
        typer.Option("--langs", help="The two languages to compare, e.g. en,fr (default: the set's first two)."),
    ] = None,
    fmt: FormatOption = None,
) -> None:
    """Compare the language versions unit by unit, with translation-QA findings under each pair.

    The corpus's languages: {langs}; the first two are compared.
    Exit status 1 when a finding of the --fail-on severity or worse is reported (default: warning).

    Example: unagree diff 5 --only-issues
    """
    from ..errors import UsageFailure
    from ..qa import QAError, review_all
    from ..views.findings import show_report

    st = state(ctx)
    treaty = st.treaty()
    if langs:
        try:
            treaty = treaty.with_languages([c.strip() for c in langs.split(",") if c.strip()])
        except ValueError as exc:
            raise UsageFailure(str(exc), hint="see 'unagree diff --help'") from None
    output_format = st.format(fmt)
    if strict:
        st.output.message("unagree: note: --strict is deprecated; use --fail-on info")
    threshold = (fail_on or ("info" if strict else "warning")).strip().lower()
    if threshold not in FAIL_ON:
        raise UsageFailure(f"unknown severity '{fail_on}'", hint=f"use one of: {', '.join(FAIL_ON)}")
    from ..collector import no_collection

    with no_collection():  # the checks and the report: objects that live until the end, no cycles
        try:
            report = review_all(treaty, ref, st.doc(doc), check)
        except QAError as exc:
            raise UsageFailure(str(exc), hint="see 'unagree diff --help'") from None
        items = [item for item in report.items if item.findings or not only_issues]
        footer = show_report(st.output, output_format, report, items, treaty.languages[:2], st.labels())
    worst = SEVERITIES[: FAIL_ON.index(threshold) + 1] if threshold != "never" else ()
    if any(finding.severity in worst for item in items for finding in item.findings):
        st.output.message(f"unagree: {footer[0]}")
        raise typer.Exit(EXIT_NOTHING)
