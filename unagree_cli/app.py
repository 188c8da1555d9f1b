"""The Typer application, its global options and the options commands share.

Commands live in :mod:`unagree_cli.commands`, one module each, and only
parse arguments, call the library and hand the result to :mod:`render`.
"""

# No `from __future__ import annotations` here: typer reads main_options' annotations at every start,
# and evaluating them from strings (eval and compile) costs more than having them evaluated once, at import.

import gc
from collections.abc import Callable, Iterator, MutableMapping
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
import typer.core
import typer.main

from . import __version__
from .errors import NothingFound, UsageFailure
from .model import TreatySet
from .render import FORMATS, Labels, Output

if TYPE_CHECKING:
    from dataclasses import dataclass

    from .index import CorpusIndex
else:  # see fastclass: the same class, without compiling code at start-up
    from .fastclass import dataclass


Callback = TypeVar("Callback", bound=Callable[..., Any])


class LazyTyper(typer.Typer):
    """A Typer app whose commands become click commands only when looked up.

    Typer turns a command's signature into click parameters by evaluating its
    annotations, which costs more than the rest of a command's start-up put
    together once there are a dozen commands. Commands registered here are
    kept aside and built one at a time by :class:`LazyCommands`: running
    ``unagree show`` builds ``show`` only; ``--help`` builds them all.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(cls=LazyGroup, **options)
        self.deferred: dict[str, Any] = {}

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callback], Callback]:
        register = super().command(*args, **kwargs)

        def defer(function: Callback) -> Callback:
            register(function)
            info = self.registered_commands.pop()
            self.deferred[info.name or typer.main.get_command_name(function.__name__)] = info
            return function

        return defer


class LazyCommands(MutableMapping[str, Any]):
    """The app's commands by name, each built by Typer the first time it is looked up."""

    def __init__(self, deferred: dict[str, Any], built: dict[str, Any]) -> None:
        self._deferred = deferred
        self._built = dict(built)

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = typer.main.get_command_from_info(
                self._deferred[name],
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._built.pop(name, None)
        self._deferred.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter({**dict.fromkeys(self._deferred), **dict.fromkeys(self._built)})

    def __len__(self) -> int:
        return len(set(self._deferred) | set(self._built))


class LazyGroup(typer.core.TyperGroup):
    """The app's click group, with :class:`LazyCommands` for its commands."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(app.deferred, dict(self.commands))

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        return self.commands[cmd_name] if cmd_name in self.commands else None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)


app = LazyTyper(
    name="unagree",
    help="Explore a multilingual international agreement: show, compare, search and export it.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


@dataclass
class State:
    """What every command needs: the chosen corpus and where output goes."""

    corpus: str | None = None
    treaty_name: str | None = None
    output: Output = field(default_factory=Output.from_env)
    _treaty: TreatySet | None = None

    def root(self) -> Path:
        from .corpus import corpus_root

        return corpus_root(self.corpus)

    def treaty(self) -> TreatySet:
        """The treaty set, loaded and validated once per command."""
        if self._treaty is None:
            from .corpus import load

            self._treaty = load(self.root(), self.treaty_name)
        return self._treaty

    def several_sets(self) -> bool:
        """No ``--treaty`` and a corpus of more than one treaty set: ``search`` and ``list`` span them all."""
        if self.treaty_name is not None:
            return False
        from .corpus import several_treaty_sets

        return several_treaty_sets(self.root())

    def index(self) -> "CorpusIndex":
        """The corpus's search index, brought up to date (a progress bar on a terminal while it builds)."""
        import sys

        from .corpus import CorpusError
        from .index import open_index
        from .render import ProgressBar

        root = self.root()
        if not root.is_dir():
            from .yamlio import Problem

            raise CorpusError([Problem(str(root), 0, "corpus folder does not exist")])
        with ProgressBar(sys.stderr, "Indexing the corpus") as update:
            return open_index(root, update)

    def labels(self) -> Labels:
        from .labels import number_to_zh

        return Labels(self.treaty().labels, number_to_zh)

    def langs(self, option: str | None, doc: str | None = None, default: str = "both") -> list[str]:
        """``--lang en|zh|both`` (or ``en,zh``) as a list of language codes."""
        treaty = self.treaty()
        value = (option or default).strip().lower()
        wanted = treaty.languages if value in ("both", "all") else [v.strip() for v in value.split(",") if v.strip()]
        unknown = [lang for lang in wanted if lang not in treaty.languages]
        if unknown or not wanted:
            raise UsageFailure(
                f"unknown language '{','.join(unknown) or value}'",
                hint=f"use one of: {', '.join(treaty.languages)}, both",
            )
        if doc is not None:
            have = treaty.langs_of(doc)
            chosen = [lang for lang in wanted if lang in have]
            if not chosen:
                raise NothingFound(
                    f"the {doc} has no version in {', '.join(wanted)} in this corpus (it has: {', '.join(have)})"
                )
            return chosen
        return wanted

    def format(self, option: str | None) -> str:
        value = (option or self.output.default_format()).strip().lower()
        if value not in FORMATS:
            raise UsageFailure(f"unknown format '{option}'", hint=f"use one of: {', '.join(FORMATS)}")
        return value

    def doc(self, option: str | None) -> str | None:
        if option is None:
            return None
        keys = self.treaty().doc_keys()
        value = option.strip().lower()
        matches = ([k for k in keys if k == value] or [k for k in keys if k.startswith(value)]) if value else []
        if len(matches) != 1:
            raise UsageFailure(f"unknown document '{option}'", hint=f"use one of: {', '.join(keys)}")
        return matches[0]


def state(ctx: typer.Context) -> State:
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj


FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format", "-f", help=f"Output format: {', '.join(FORMATS)}. Default: table on a terminal, plain when piped."
    ),
]
LangOption = Annotated[str | None, typer.Option("--lang", "-l", help="Language: en, zh or both.")]
DocOption = Annotated[
    str | None,
    typer.Option("--doc", "-d", help="Document: agreement (default), resolution or note; a prefix is enough."),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"unagree {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    corpus: Annotated[
        str | None,
        typer.Option(
            "--corpus",
            help="Corpus folder to read (default: $UNAGREE_CORPUS, else the bundled corpus).",
            show_default=False,
        ),
    ] = None,
    treaty: Annotated[
        str | None, typer.Option("--treaty", help="Treaty set to use when the corpus holds several.")
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Explore a multilingual international agreement: show, compare, search and export it."""
    current = state(ctx)
    current.corpus = corpus
    current.treaty_name = treaty


# Everything imported so far (typer, click, the standard library, this module) lives until the process
# exits. Moving it to the collector's permanent generation spares every later collection, and the full
# one at exit, from walking it again: about a sixth of a short command's run time.
gc.freeze()
