"""``unagree search QUERY``: words, phrases or a regular expression in every language."""

from collections.abc import Callable
from typing import Annotated, Any

import typer

from ..app import DocOption, FormatOption, app, state


@app.command()
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help="Words or a phrase (English: whole words; Chinese: a substring).")],
    doc: DocOption = None,
    lang: Annotated[str | None, typer.Option("--lang", "-l", help="Search only en or zh (default: both).")] = None,
    regex: Annotated[
        bool,
        typer.Option(
            "--regex", "-r", help="QUERY is a regular expression (Python syntax, linear time: no back-references)."
        ),
    ] = False,
    exact: Annotated[
        bool,
        typer.Option(
            "--exact", "-e", help="Match QUERY as typed: no plurals, spellings, hyphen, width or punctuation variants."
        ),
    ] = False,
    kwic: Annotated[
        bool,
        typer.Option("--kwic", "-k", help="One keyword-in-context line per match, the other language beside it."),
    ] = False,
    context: Annotated[
        int, typer.Option("--context", "-C", min=0, max=1000, help="Show N units before and after each matching unit.")
    ] = 0,
    count: Annotated[bool, typer.Option("--count", "-c", help="Print only how many units and matches.")] = False,
    refs_only: Annotated[
        bool, typer.Option("--refs-only", help="Print only doc:ref of each unit, one a line.")
    ] = False,
    fmt: FormatOption = None,
) -> None:
    """Search every document, in both languages; matching units in document order, the other language beside.

    Case is ignored, and a word finds its plural and other spellings (arrangement: arrangements,
    Organisation: Organization, Secretary General: Secretary-General, ＩＯＭ: IOM) unless --exact.
    Exit 1 when nothing matches. Example: unagree search "supplementary arrangement" --kwic
    """
    from ..errors import NothingFound, UsageFailure
    from ..search import QueryError, addresses, compile_query
    from ..search import search as run_search

    st = state(ctx)
    if regex and exact:
        raise UsageFailure("--regex and --exact cannot be used together", hint="see 'unagree search --help'")
    if st.several_sets():  # no --treaty: every treaty set, through the corpus's index
        from .search_all import search_all

        return search_all(
            st, query, doc, lang, regex, refs_only, fmt, exact=exact, kwic=kwic, context=context, count=count
        )
    treaty = st.treaty()
    output_format = st.format(fmt)
    chosen = st.doc(doc)
    langs = st.langs(lang, chosen)
    try:
        compiled = compile_query(query, langs, regex, exact)
    except QueryError as exc:
        raise UsageFailure(str(exc), hint="see 'unagree search --help'") from None
    docs = [chosen] if chosen else treaty.doc_keys()
    hits = run_search(treaty, compiled, docs)
    if count:
        return print_counts(st, output_format, hits, docs, langs, f"no match for '{query}' ({', '.join(langs)})")
    if not hits:
        where = f"the {chosen}" if chosen else "any document"
        raise NothingFound(f"no match for '{query}' in {where} ({', '.join(langs)})")
    if refs_only:
        st.output.write("".join(f"{address}\n" for address in addresses(hits)))
        return
    if kwic:
        return print_kwic(st.output, output_format, hits, context, treaty)
    _print_units(st, output_format, hits, langs, context, compiled, treaty)


def print_counts(
    st: Any, output_format: str, hits: list[Any], docs: list[str], langs: list[str], nothing: str = "no match"
) -> None:
    """``--count``: a line per document and a total; exit 1 when there is no match (as grep -c)."""
    from ..errors import NothingFound
    from ..render import write_data
    from ..search import count_lines, counts

    per_doc = counts(hits, docs, langs)
    if not write_data(st.output, output_format, [c.to_dict() for c in per_doc], langs):
        st.output.write("\n".join(count_lines(hits, per_doc, langs)) + "\n")
    if not hits:
        raise NothingFound(nothing)


def print_kwic(
    out: Any,
    output_format: str,
    hits: list[Any],
    around: int,
    treaty: Any,
    languages: list[str] | None = None,
    sets: list[str] | None = None,
) -> None:
    """``--kwic``: a line per match; with ``-C N``, N neighbouring units as ``doc:ref-`` lines (as grep -C)."""
    from ..render import write_data
    from ..search import in_context, kwic_lines

    if output_format in ("json", "jsonl", "csv"):
        names = dict(zip(map(id, hits), sets or [], strict=False))
        rows = [({"treaty": names[id(i.hit)]} if names else {}) | i.to_dict() for i in in_context(hits)]
        if output_format == "csv":
            write_data(out, output_format, rows, languages or treaty.languages)
            return
        from ..views.hits import json_flat_rows

        for piece in json_flat_rows(rows, lines=output_format == "jsonl"):
            out.write(piece)
        return
    records_of = (lambda doc: treaty.records(doc, treaty.langs_of(doc))) if treaty else None
    lines = kwic_lines(hits, records_of, around, out.width - 1 if out.is_tty else None, sets)
    out.write("\n".join(lines) + "\n")


def _print_units(
    st: Any, output_format: str, hits: list[Any], langs: list[str], around: int, query: Any, treaty: Any
) -> None:
    from ..render import Column, render_rows
    from ..search import cell, summary, with_context

    if not around and output_format in ("plain", "json", "jsonl") and not any(hit.record.extra for hit in hits):
        from ..views.hits import json_hits, languages_shown, plain_hits

        items = [(None, hit) for hit in hits]  # written from the hits, as over every set (see search_all)
        if output_format == "plain":
            st.output.write(plain_hits(items, languages_shown(items, treaty.languages)))
        else:
            for piece in json_hits(items, lines=output_format == "jsonl"):
                st.output.write(piece)
        return
    shown = with_context(lambda d: treaty.records(d, treaty.langs_of(d)), hits, around)
    rows = [unit.to_dict() for unit in shown] if around else [hit.to_dict() for hit in hits]
    present = [code for code in treaty.languages if any(code in row["text"] for row in rows)]
    labels = st.labels()

    def ref(row: dict[str, Any]) -> str:
        return f"{row['doc']}:{row['ref']}" + ("-" if row.get("context") else "")

    columns = [Column("Ref", ref, fold=False, style="cyan")]

    def part(code: str, index: int) -> Callable[[dict[str, Any]], Any]:
        return lambda row: cell(row, code)[index]

    def marks(code: str) -> Callable[[dict[str, Any]], Any]:
        return lambda row: _marks(treaty, query, row, code)

    for code in present:
        columns.append(Column(labels.language(code), part(code, 0), lang=code, highlight=marks(code)))
    render_rows(st.output, output_format, rows, columns, present, caption=summary(hits, langs))


def _marks(treaty: Any, query: Any, row: dict[str, Any], lang: str) -> list[tuple[int, int]]:
    """The matches and their glossary counterparts in one cell (heading, line break, text), as (start, end)."""
    from ..highlight import HIT, Span, counterpart_spans, merge
    from ..model import Record
    from ..search import cell

    if row.get("context"):
        return []
    _, spans = cell(row, lang)
    record = Record(row["doc"], row["ref"], row["eid"], row["kind"], None, row["text"], row.get("heading"))
    heading = (row.get("heading") or {}).get(lang, "")
    offset = len(heading) + 1 if heading and row["text"].get(lang) else 0
    glossary = [(s.start + offset, s.end + offset) for s in counterpart_spans(treaty, query, record, lang)]
    glossary += [(s.start, s.end) for s in counterpart_spans(treaty, query, record, lang, "heading")]
    kept = merge([Span(a, b, HIT) for a, b in spans], [Span(a, b, HIT) for a, b in glossary])
    return [(s.start, s.end) for s in kept]
