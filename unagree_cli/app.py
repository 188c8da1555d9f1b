"""The Typer application, its global options and the options commands share.

Commands live in :mod:`unagree_cli.commands`, one module each, and only
parse arguments, call the library and hand the result to :mod:`render`.
"""

# No `from __future__ import annotations` here: typer reads main_options' annotations at every start,
# and evaluating them from strings (eval and compile) costs more than having them evaluated once, at import.

from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import __version__
from .completion import complete_docs, complete_langs
from .errors import NothingFound, UsageFailure
from .lazy import LazyTyper, bind
from .model import TreatySet
from .views import FORMATS
from .views.env import COLOR_CHOICES, Environment

if TYPE_CHECKING:
    from dataclasses import dataclass

    from .index import CorpusIndex
    from .render import Labels
else:  # see fastclass: the same class, without compiling code at start-up
    from .fastclass import dataclass


app = bind(
    LazyTyper(
        name="unagree",
        help="Explore a multilingual international agreement: show, compare, search and export it.",
        add_completion=False,  # the `completion` command prints the scripts; no --install-completion options
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
)


@dataclass
class State:
    """What every command needs: the chosen corpus and where output goes."""

    corpus: str | None = None
    treaty_name: str | None = None
    output: Environment = field(default_factory=Environment.from_env)
    _treaty: TreatySet | None = None

    def root(self) -> Path:
        from .folders import corpus_root

        return corpus_root(self.corpus)

    def treaty(self) -> TreatySet:
        """The treaty set, loaded and validated once per command."""
        if self._treaty is None:
            from .corpus import load

            self._treaty = load(self.root(), self.treaty_name)
            from . import launch

            if launch.console():  # it lives until the command ends: no collection need walk it again
                import gc

                gc.freeze()
        return self._treaty

    def several_sets(self) -> bool:
        """No ``--treaty`` and a corpus of more than one treaty set: ``search`` and ``list`` span them all."""
        if self.treaty_name is not None:
            return False
        from .folders import several_treaty_sets

        return several_treaty_sets(self.root())

    def index(self) -> "CorpusIndex":
        """The corpus's search index, brought up to date (a progress bar on a terminal while it builds)."""
        from .index import open_index

        root = self.root()
        if not root.is_dir():
            from .corpus import CorpusError
            from .yamlio import Problem

            raise CorpusError([Problem(str(root), 0, "corpus folder does not exist")])
        with self.output.progress("Indexing the corpus") as update:
            return open_index(root, update)

    def labels(self) -> "Labels":
        from .labels import number_to_zh
        from .render import Labels  # (not at start-up: a search prints without the shared formats)

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
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        "-l",
        help="Language: {langs}, several comma-separated, or both (the default).",
        autocompletion=complete_langs,
    ),
]
DocOption = Annotated[
    str | None,
    typer.Option(
        "--doc",
        "-d",
        help="Only this document: {docs}; a prefix is enough (default: every document).",
        autocompletion=complete_docs,
    ),
]
OneDocOption = Annotated[
    str | None,
    typer.Option(
        "--doc",
        "-d",
        help="The document a reference without a 'doc:' prefix speaks of: {docs}; a prefix is enough "
        "(default: {main_doc}).",
        autocompletion=complete_docs,
    ),
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
            metavar="DIR",
            help="Corpus folder to read (default: $UNAGREE_CORPUS, else the bundled corpus).",
            show_default=False,
        ),
    ] = None,
    treaty: Annotated[
        str | None,
        typer.Option("--treaty", metavar="NAME", help="Treaty set to use when the corpus holds several."),
    ] = None,
    color: Annotated[
        str,
        typer.Option(
            "--color",
            "--colour",
            metavar="WHEN",
            help="Colour: auto (on a terminal, unless NO_COLOR is set), always or never.",
            autocompletion=lambda incomplete: [c for c in COLOR_CHOICES if c.startswith(incomplete)],
        ),
    ] = "auto",
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            "-P",
            help="Never page. On a terminal output goes through $UNAGREE_PAGER, $PAGER or less -FRX.",
        ),
    ] = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Explore a multilingual international agreement: show, compare, search and export it."""
    current = state(ctx)
    current.corpus = corpus
    current.treaty_name = treaty
    value = color.strip().lower()
    if value not in COLOR_CHOICES:
        raise UsageFailure(f"unknown --color '{color}'", hint=f"use one of: {', '.join(COLOR_CHOICES)}")
    current.output.color = value
    if no_pager:
        current.output.pager = None
