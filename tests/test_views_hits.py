"""``views.hits``: the lean plain and JSON writers print what the general row path prints, byte for byte."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from unagree_cli.model import Record
from unagree_cli.render import Output, rows_plain, write_json, write_jsonl
from unagree_cli.search import Hit, Match
from unagree_cli.views.hits import (
    hit_columns,
    json_flat_rows,
    json_hits,
    languages_shown,
    plain_hits,
    printable,
)

# Text with what the writers must treat with care: controls, bidi marks, C1, tabs, newlines, quotes, wide forms.
TRICKY = 'a中\xa0 \t\n\r"\\\x00\x1b\x7f\x85\x9b\u061c\u200e\u202e\u2066\u2028é𝔘，'
text = st.text(alphabet=st.sampled_from(TRICKY), max_size=12)
langs = st.sampled_from(["en", "zh", "fr", "e\x1bn"])
by_lang = st.dictionaries(langs, text, max_size=3)
extra: st.SearchStrategy[dict[str, Any]] = st.one_of(
    st.just({}),
    st.dictionaries(
        st.sampled_from(["footnotes", "treaty", "text", "matches", "doc", "note"]),
        st.one_of(text, st.lists(text, max_size=2), by_lang),
        max_size=2,
    ),
)
match = st.builds(Match, langs, st.sampled_from(["text", "heading"]), st.integers(0, 99), st.integers(0, 99), text)
record = st.builds(
    Record, text, text, text, text, st.one_of(st.none(), text), by_lang, st.one_of(st.none(), by_lang), extra
)
item = st.tuples(st.one_of(st.none(), text), st.builds(Hit, record, st.lists(match, max_size=3)))


def _row(treaty: str | None, hit: Hit) -> dict[str, Any]:
    return hit.to_dict() if treaty is None else {"treaty": treaty, **hit.to_dict()}


def _written(write: Any, *args: Any) -> str:
    stream = io.StringIO()
    write(Output(stream=stream, is_tty=False, width=120, no_color=True, force_color=False), *args)
    return stream.getvalue()


@settings(max_examples=300)
@given(st.lists(item, max_size=4), st.sampled_from([1, 2, 256]))
def test_json_hits_are_write_json_of_the_rows(items: list[tuple[str | None, Hit]], chunk: int) -> None:
    rows = [_row(treaty, hit) for treaty, hit in items]
    assert "".join(json_hits(items, chunk=chunk)) == _written(write_json, rows)
    assert "".join(json_hits(items, lines=True, chunk=chunk)) == _written(write_jsonl, rows)


@settings(max_examples=300)
@given(st.lists(item, max_size=4), st.lists(langs, max_size=3, unique=True))
def test_plain_hits_are_rows_plain_of_the_rows(items: list[tuple[str | None, Hit]], languages: list[str]) -> None:
    treaty_column = bool(items) and items[0][0] is not None
    items = [(treaty if treaty_column else None, hit) for treaty, hit in items]
    if treaty_column:
        items = [(treaty or "", hit) for treaty, hit in items]
    rows = [_row(treaty, hit) for treaty, hit in items]
    assume(all(isinstance(row["text"], dict) and isinstance(row.get("heading") or {}, dict) for row in rows))
    columns = hit_columns(languages, lambda code: code, treaty_column=treaty_column)
    assert plain_hits(items, languages) == rows_plain(rows, columns)


@given(st.lists(item, max_size=4), st.lists(langs, max_size=4, unique=True))
def test_languages_shown_are_those_some_row_has_text_in(
    items: list[tuple[str | None, Hit]], languages: list[str]
) -> None:
    rows = [_row(treaty, hit) for treaty, hit in items]
    texts = [row["text"] for row in rows]
    expected = [code for code in languages if any(code in value for value in texts)]
    assert languages_shown(items, languages) == expected


@given(st.text(alphabet=st.sampled_from(TRICKY + "\x1f~ Z\t\n"), max_size=8), st.integers(0, 300))
def test_printable_is_isprintable(value: str, repeat: int) -> None:
    for text in (value, "a" * repeat + value, value * repeat):
        assert printable(text) == text.isprintable()


flat_value = st.one_of(
    text, st.integers(-(10**20), 10**20), by_lang, st.booleans(), st.none(), st.lists(text, max_size=2)
)


@settings(max_examples=300)
@given(st.lists(st.dictionaries(text, flat_value, max_size=5), max_size=4), st.sampled_from([1, 3, 256]))
def test_json_flat_rows_are_write_json_of_the_rows(rows: list[dict[str, Any]], chunk: int) -> None:
    assert "".join(json_flat_rows(rows, chunk=chunk)) == _written(write_json, rows)
    assert "".join(json_flat_rows(rows, lines=True, chunk=chunk)) == _written(write_jsonl, rows)


@settings(max_examples=400)
@given(
    st.lists(
        st.tuples(text, record, st.lists(langs, max_size=3, unique=True), st.booleans()),
        max_size=5,
    ),
    st.lists(langs, max_size=4, unique=True),
)
def test_plain_stored_is_plain_hits_of_the_hits(
    hits: list[tuple[str, Record, list[str], bool]], languages: list[str]
) -> None:
    """Hits as stored lines (made for their set's languages, any order) or as records print as plain_hits prints."""
    from unagree_cli.index import plain_line
    from unagree_cli.search import make_hit
    from unagree_cli.views.hits import plain_stored

    found: list[tuple[str, str, bytes, int, Record | None]] = []
    for name, unit, set_languages, as_record in hits:
        stored = plain_line(unit, set_languages)
        if stored is None or as_record:
            found.append((name, "", b"", 0, unit))
        else:
            shape, line, clean = stored
            found.append((name, shape, line.encode(), int(clean), None))
    items: list[tuple[str | None, Hit]] = [(name, make_hit(unit, [])) for name, unit, _langs, _as in hits]
    rows = [_row(treaty, hit) for treaty, hit in items]
    assume(all(isinstance(row["text"], dict) and isinstance(row.get("heading") or {}, dict) for row in rows))
    written = plain_stored(found, languages)
    expected = plain_hits(items, languages_shown(items, languages))
    assert (written if isinstance(written, str) else written.decode()) == expected
    try:
        expected.encode()
    except UnicodeEncodeError:
        assert isinstance(written, str)
    else:
        assert isinstance(written, bytes)
