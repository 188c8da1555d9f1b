"""A Typer app whose commands become click commands only when click asks for them.

Typer turns a command's signature into click parameters by evaluating its annotations, which costs more
than the rest of a command's start-up once there are a dozen commands. :class:`LazyTyper` keeps each
registered command aside; :class:`LazyGroup` builds one when click calls the documented
``Group.get_command`` or ``Group.list_commands`` hooks (running ``unagree show`` builds ``show`` only;
``--help`` and shell completion build them all). Commands may also be declared by name and module
(:meth:`LazyTyper.declare`): the module, which registers the command when imported, is imported only
when that command is looked up, so a run imports the code of its own command and no other.

What this relies on in typer, pinned by ``tests/test_lazy.py``: ``Typer.command()`` appends a
``CommandInfo`` to ``registered_commands``; ``typer.main.get_command_from_info(info, pretty_exceptions_short=,
rich_markup_mode=)`` builds a click command from one; ``Typer(cls=...)`` chooses the group class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import typer
import typer.core
import typer.main

Callback = TypeVar("Callback", bound=Callable[..., Any])


class LazyTyper(typer.Typer):
    """A Typer app that defers building its commands to :class:`LazyGroup`."""

    def __init__(self, **options: Any) -> None:
        super().__init__(cls=LazyGroup, **options)
        self.deferred: dict[str, Any] = {}
        self.modules: dict[str, str] = {}

    def declare(self, modules: dict[str, str]) -> None:
        """Commands by name and the module that registers each (imported on first lookup)."""
        self.modules.update(modules)

    def names(self) -> list[str]:
        """Every command, registered or declared, in alphabetical order."""
        return sorted({*self.deferred, *self.modules})

    def find(self, name: str) -> Any:
        """The registration of command ``name``, importing its module if need be; None if there is no such command."""
        if name not in self.deferred and name in self.modules:
            __import__(self.modules[name])  # the import statement's own path (which -X importtime reports)
        return self.deferred.get(name)

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callback], Callback]:
        register = super().command(*args, **kwargs)

        def defer(function: Callback) -> Callback:
            register(function)
            info = self.registered_commands.pop()
            self.deferred[info.name or typer.main.get_command_name(function.__name__)] = info
            return function

        return defer

    def build(self, name: str) -> Any:
        """The click command for ``name``, built from its registration, its help filled from the corpus."""
        from .helptext import with_corpus_help

        command = typer.main.get_command_from_info(
            self.find(name),
            pretty_exceptions_short=self.pretty_exceptions_short,
            rich_markup_mode=self.rich_markup_mode,
        )
        return with_corpus_help(command)


class LazyGroup(typer.core.TyperGroup):
    """The app's click group: commands built on first lookup through click's documented hooks."""

    app: LazyTyper | None = None
    """The app whose deferred commands this group serves (set by :func:`bind`)."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self._built: dict[str, Any] = {}

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        app = type(self).app
        if app is None or app.find(cmd_name) is None:
            return super().get_command(ctx, cmd_name)
        if cmd_name not in self._built:
            self._built[cmd_name] = app.build(cmd_name)
        return self._built[cmd_name]

    def list_commands(self, ctx: Any) -> list[str]:
        app = type(self).app
        names = app.names() if app is not None else []
        return sorted(dict.fromkeys([*names, *super().list_commands(ctx)]))


def bind(app: LazyTyper) -> LazyTyper:
    """Make :class:`LazyGroup` serve ``app``'s deferred commands."""
    LazyGroup.app = app
    return app
