"""``unagree search`` over every treaty set of a corpus (no ``--treaty``, several sets), through the index.

Not a command of its own: :mod:`.search` hands over to :func:`search_all`.
"""

from ..app import State
from ..collector import no_collection


@no_collection()  # the records, hits and rows made (thousands of objects) hold no cycles
def search_all(
    st: State,
    query: str,
    doc: str | None,
    lang: str | None,
    regex: bool,
    refs_only: bool,
    fmt: str | None,
    *,
    exact: bool = False,
    kwic: bool = False,
    context: int = 0,
    count: bool = False,
) -> None:
    """Search every treaty set; rows are the unit records with a ``treaty`` key (the set's name) first."""
    from ..errors import NothingFound, UsageFailure
    from ..search import QueryError, compile_query, summary

    output_format = st.format(fmt)
    index = st.index()
    about = index.summary()  # one row, not every set's entry
    if about.problems:
        from ..corpus import CorpusError
        from ..yamlio import Problem  # PyYAML loads only when there is a problem to report

        raise CorpusError([Problem(f, line, message) for f, line, message in about.problems])
    languages = about.languages
    langs = _langs(lang, languages)
    chosen = _doc(doc, about.documents)
    try:
        compiled = compile_query(query, langs, regex, exact)
    except QueryError as exc:
        raise UsageFailure(str(exc), hint="see 'unagree search --help'") from None
    if context:
        index.close()
        raise UsageFailure("--context needs one treaty set", hint="add --treaty NAME (see 'unagree list')")
    if output_format == "plain" and not (count or refs_only or kwic or chosen):
        # The stored lines of the records matched, without decoding a record (None: made from the records).
        from ..views.hits import plain_stored, write_utf8

        lines = index.plain_lines(compiled)
        if lines is not None:
            index.close()
            if not lines:
                raise NothingFound(
                    f"no match for '{query}' in any of the {about.sets} treaty sets ({', '.join(langs)})"
                )
            write_utf8(st.output, plain_stored(lines, languages))
            return
    found = index.search(compiled, [chosen] if chosen else None)
    index.close()
    if count:
        from .search import print_counts

        return print_counts(
            st,
            output_format,
            [hit.hit for hit in found],
            [chosen] if chosen else about.documents,
            langs,
            f"no match for '{query}' ({', '.join(langs)})",
        )
    if not found:
        where = f"the {chosen} of any treaty set" if chosen else f"any of the {about.sets} treaty sets"
        raise NothingFound(f"no match for '{query}' in {where} ({', '.join(langs)})")
    if refs_only:
        st.output.write("".join(f"{address}\n" for address in dict.fromkeys(hit.address for hit in found)))
        return
    if kwic:
        from .search import print_kwic

        hits = [hit.hit for hit in found]
        return print_kwic(st.output, output_format, hits, 0, None, languages, [hit.treaty for hit in found])
    from ..views.hits import languages_shown

    items = [(hit.treaty, hit.hit) for hit in found]
    if output_format in ("json", "jsonl"):  # written from the hits, a piece at a time
        from ..views.hits import json_hits

        for piece in json_hits(items, lines=output_format == "jsonl"):
            st.output.write(piece)
        return
    shown = languages_shown(items, languages)
    if output_format == "plain":
        from ..views.hits import plain_hits

        st.output.write(plain_hits(items, shown))
        return
    from ..render import render_rows, visible
    from ..views.hits import hit_columns

    rows = [hit.to_dict() for hit in found]
    names = about.language_names
    columns = hit_columns(shown, lambda code: visible(names.get(code) or code), treaty_column=True)
    caption = None
    if output_format == "table":  # the only format that prints it
        sets = len(dict.fromkeys(hit.treaty for hit in found))
        caption = f"{summary([hit.hit for hit in found], langs)} in {sets} treaty {'set' if sets == 1 else 'sets'}"
    render_rows(st.output, output_format, rows, columns, shown, caption=caption)


def _langs(option: str | None, languages: list[str]) -> list[str]:
    from ..errors import UsageFailure

    value = (option or "both").strip().lower()
    wanted = languages if value in ("both", "all") else [v.strip() for v in value.split(",") if v.strip()]
    unknown = [code for code in wanted if code not in languages]
    if unknown or not wanted:
        raise UsageFailure(
            f"unknown language '{','.join(unknown) or value}'", hint=f"use one of: {', '.join(languages)}, both"
        )
    return wanted


def _doc(option: str | None, keys: list[str]) -> str | None:
    from ..errors import UsageFailure

    if option is None:
        return None
    value = option.strip().lower()
    matches = ([k for k in keys if k == value] or [k for k in keys if k.startswith(value)]) if value else []
    if len(matches) != 1:
        raise UsageFailure(f"unknown document '{option}'", hint=f"use one of: {', '.join(keys)}")
    return matches[0]
