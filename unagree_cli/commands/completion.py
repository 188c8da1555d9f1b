"""``unagree completion SHELL``: the script that makes a shell complete unagree's commands and values."""

from typing import Annotated

import typer

from ..app import app, state

SHELLS = ("bash", "zsh", "fish")


@app.command()
def completion(
    ctx: typer.Context,
    shell: Annotated[
        str,
        typer.Argument(
            help="bash, zsh or fish.", autocompletion=lambda incomplete: [s for s in SHELLS if s.startswith(incomplete)]
        ),
    ],
) -> None:
    """Print the shell completion script: commands, options, and from the corpus references, documents,
    languages, parties and glossary terms.

    bash: eval "$(unagree completion bash)" in ~/.bashrc. zsh: eval "$(unagree completion zsh)" in ~/.zshrc
    (after compinit). fish: unagree completion fish > ~/.config/fish/completions/unagree.fish

    Example: unagree completion bash
    """
    from typer._completion_shared import get_completion_script

    from ..errors import UsageFailure

    chosen = shell.strip().lower()
    if chosen not in SHELLS:
        raise UsageFailure(f"unknown shell '{shell}'", hint=f"use one of: {', '.join(SHELLS)}")
    script = get_completion_script(prog_name="unagree", complete_var=COMPLETE_VAR, shell=chosen)
    state(ctx).output.write(script + "\n")


COMPLETE_VAR = "_UNAGREE_COMPLETE"
