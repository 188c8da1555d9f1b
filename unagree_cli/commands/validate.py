"""``unagree validate [PATH]``: check a corpus and report every problem at once."""

from typing import Annotated

import typer

from ..app import app, state
from ..errors import EXIT_NOTHING


@app.command()
def validate(
    ctx: typer.Context,
    path: Annotated[str | None, typer.Argument(help="Corpus folder (default: the one --corpus chooses).")] = None,
) -> None:
    """Validate a corpus folder: every problem, each with file:line.

    Example: unagree validate corpus/
    """
    from pathlib import Path

    from ..corpus import source_notes
    from ..corpus import validate as check
    from ..views.env import visible

    st = state(ctx)
    root = Path(path).expanduser() if path else st.root()
    count, problems = check(root)
    out = st.output
    for note in source_notes(root):
        out.message(visible(note))
    out.write("".join(visible(str(problem)).replace("\n", "\\n") + "\n" for problem in problems))
    if problems:
        noun = "problem" if len(problems) == 1 else "problems"
        out.message(f"unagree: {len(problems)} {noun} in {root}")
        raise typer.Exit(EXIT_NOTHING)
    sets = "treaty set" if count == 1 else "treaty sets"
    out.write(visible(f"{root}: {count} {sets}, no problems") + "\n")
