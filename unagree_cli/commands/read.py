"""``unagree read [REF]``: the interactive bilingual reader (Textual, imported here only)."""

import sys
from typing import Annotated

import typer

from ..app import LangOption, app, state
from ..errors import EXIT_NOTHING, UnagreeError


class NotATerminal(UnagreeError):
    """``read`` needs a terminal to draw in and read keys from."""

    exit_code = EXIT_NOTHING


@app.command()
def read(
    ctx: typer.Context,
    ref: Annotated[
        str | None, typer.Argument(help="Where to open: 5, 5.2, 3.2(a), 第五条, preamble, resolution:3.")
    ] = None,
    lang: LangOption = None,
) -> None:
    """Read the treaty set in a terminal: the languages side by side, unit by unit; press ? for the keys.

    Example: unagree read 5 --lang en
    """
    from ..reader.data import Book, ReaderError

    st = state(ctx)
    for name, tty in (("output", st.output.is_tty), ("input", sys.stdin is not None and sys.stdin.isatty())):
        if not tty:
            raise NotATerminal(
                f"unagree read needs a terminal (standard {name} is not one); "
                "to print the text, use 'unagree show all' or 'unagree show REF'"
            )
    book = Book(st.treaty(), st.langs(lang))
    if not book.docs:
        raise NotATerminal(f"no document of this treaty set is in {', '.join(book.langs)}")
    start = None
    if ref is not None:
        try:
            start = book.locate(ref, book.first())
        except ReaderError as exc:
            from ..errors import UsageFailure

            raise UsageFailure(str(exc)) from None
    import os

    from ..reader.app import ReaderApp

    # Textual takes COLUMNS and LINES over the terminal's own size; a stale exported value would cut the screen.
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)
    ReaderApp(book, start).run()
