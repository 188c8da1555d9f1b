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
    assert names == app.names() == sorted(names)  # alphabetical, as --help lists them
    built = group.get_command(None, "show")
    assert built is group.get_command(None, "show")
    assert built.name == "show" and any(p.name == "refs" for p in built.params)
    assert group.get_command(None, "no-such-command") is None


def test_help_lists_every_command(run: Runner) -> None:
    from unagree_cli.app import app

    result = run("--help")
    assert result.code == 0
    for name in app.names():
        assert f"  {name}" in result.out


def test_every_command_module_is_declared_under_the_name_it_registers() -> None:
    import importlib
    import pkgutil

    from unagree_cli import commands
    from unagree_cli.app import app

    modules = {info.name for info in pkgutil.iter_modules(commands.__path__)}
    declared = set(commands.COMMANDS.values())
    helpers = modules - declared  # modules that commands use, registering nothing themselves
    for name, module in sorted(commands.COMMANDS.items()):
        importlib.import_module(f"unagree_cli.commands.{module}")
        assert name in app.deferred, f"{module} does not register {name!r}"
    for module in sorted(helpers):
        before = set(app.deferred)
        importlib.import_module(f"unagree_cli.commands.{module}")
        assert set(app.deferred) == before, f"{module} registers a command the table does not declare"
    assert set(app.deferred) == set(commands.COMMANDS)


def test_a_command_imports_its_own_module_and_no_other() -> None:
    import subprocess
    import sys

    code = (
        "import sys, io; from unagree_cli.cli import main; from unagree_cli.views.env import Environment;"
        "out = io.StringIO(); main(['toc', '--format', 'plain'], Environment.from_env(out, stderr=out));"
        "print(sorted(m for m in sys.modules if m.startswith('unagree_cli.commands.')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "['unagree_cli.commands.toc']"


def test_command_modules_keep_their_annotations_evaluated() -> None:
    """typer reads each command's annotations at every run; as strings they would be compiled then."""
    from pathlib import Path

    from unagree_cli import commands

    folder = Path(commands.__file__).parent
    postponed = [p.name for p in sorted(folder.glob("*.py")) if "from __future__ import annotations\n" in p.read_text()]
    assert postponed == []
