"""The lazy command group, and the typer behaviour it relies on (see unagree_cli.lazy)."""

from __future__ import annotations

import inspect

import typer
import typer.core
import typer.main
import typer.models
from conftest import Runner

from unagree_cli.lazy import LazyGroup, LazyTyper


def test_typer_records_a_command_info_that_get_command_from_info_builds() -> None:
    plain = typer.Typer()

    @plain.command("hello")
    def hello(name: str = "x") -> None:
        """Say hello."""

    assert len(plain.registered_commands) == 1
    info = plain.registered_commands[0]
    assert isinstance(info, typer.models.CommandInfo)
    assert info.name == "hello"
    parameters = inspect.signature(typer.main.get_command_from_info).parameters
    assert {"pretty_exceptions_short", "rich_markup_mode"} <= set(parameters)
    command = typer.main.get_command_from_info(info, pretty_exceptions_short=True, rich_markup_mode=None)
    assert command.name == "hello" and [p.name for p in command.params] == ["name"]


def test_typer_uses_the_group_class_it_is_given() -> None:
    app = typer.Typer(cls=LazyGroup)

    @app.callback()
    def main() -> None:
        """Main."""

    assert isinstance(typer.main.get_command(app), LazyGroup)


def test_commands_are_built_only_when_looked_up() -> None:
    from unagree_cli import commands  # noqa: F401  (registers the commands)
    from unagree_cli.app import app

    assert isinstance(app, LazyTyper)
    assert app.registered_commands == []  # kept aside, not built at start-up
    group = typer.main.get_command(app)
    assert isinstance(group, LazyGroup)
    names = group.list_commands(None)
    assert {"show", "diff", "obligations", "search", "completion"} <= set(names)
    assert names == sorted(app.deferred)  # alphabetical, as --help lists them
    built = group.get_command(None, "show")
    assert built is group.get_command(None, "show")
    assert built.name == "show" and any(p.name == "refs" for p in built.params)
    assert group.get_command(None, "no-such-command") is None


def test_help_lists_every_command(run: Runner) -> None:
    from unagree_cli.app import app

    result = run("--help")
    assert result.code == 0
    for name in app.deferred:
        assert f"  {name}" in result.out
