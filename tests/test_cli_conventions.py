"""Conventions of the CLIs people know: -V, --color, --no-pager anywhere, several references, help that
names what the loaded corpus has, --party in every form, one error mapping."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, Runner

from unagree_cli import __version__
from unagree_cli.cli import hoist_display_options
from unagree_cli.model import TreatySet


def test_short_version(run: Runner) -> None:
    assert run("-V").out == f"unagree {__version__}\n"


def test_display_options_may_follow_the_command() -> None:
    assert hoist_display_options(["show", "5", "--color", "never", "--no-pager"]) == [
        "--color",
        "never",
        "--no-pager",
        "show",
        "5",
    ]
    assert hoist_display_options(["search", "--color=always", "x"]) == ["--color=always", "search", "x"]
    assert hoist_display_options(["search", "--", "--no-pager"]) == ["search", "--", "--no-pager"]


def test_color_values(run: Runner) -> None:
    assert "\x1b[" in run("search", "arrangements", "--format", "table", "--color", "always").out
    assert "\x1b[" not in run("--color", "never", "search", "arrangements", "--format", "table", tty=True).out
    bad = run("--color", "sometimes", "toc")
    assert bad.code == 2 and "unknown --color 'sometimes'" in bad.err


def test_show_takes_several_references_in_the_order_given(run: Runner) -> None:
    out = run("show", "14", "5.2", "resolution:3", "--lang", "en", "--format", "plain").out
    assert out.index("Article 14") < out.index("2. The Director General") < out.index("3. Calls upon")
    assert run("show", "14", "99").code == 2


def test_help_names_what_the_loaded_corpus_has(run: Runner) -> None:
    bundled = run("obligations", "--help").out
    assert "UN, IOM" in bundled and "resolution, agreement, note" in bundled
    shelf = run("--corpus", str(FIXTURES / "shelf"), "--treaty", "river-accord", "obligations", "--help").out
    assert "resolution" not in shelf and "decision, accord" in shelf and "IOM" not in shelf
    broken = run("--corpus", "/nonexistent/corpus", "toc", "--help")
    assert broken.code == 0 and "Usage:" in broken.out  # help never fails


def test_doc_help_says_every_document_is_the_default(run: Runner) -> None:
    for command in ("search", "terms", "diff", "refs", "toc", "obligations"):
        assert "(default: every document)" in " ".join(run(command, "--help").out.split()), command


@pytest.mark.parametrize(
    ("name", "party", "organ"),
    [
        ("IOM", "IOM", None),
        ("联合国", "UN", None),
        ("IOM: Council", "IOM", "Council"),
        ("IOM Council", "IOM", "Council"),
        ("Council of the IOM", "IOM", "Council"),
        ("UN: Secretary-General", "UN", "Secretary-General"),
        ("the Secretary-General", "UN", "Secretary-General"),
        ("联合国秘书长", "UN", "Secretary-General"),
        ("SG", "UN", "Secretary-General"),
        ("DG", "IOM", "Director General"),
        ("director-general", "IOM", "Director General"),
        ("总干事", "IOM", "Director General"),
    ],
)
def test_party_in_every_form(treaty: TreatySet, name: str, party: str, organ: str | None) -> None:
    from unagree_cli.obligations.listing import choose_party

    choice = choose_party(treaty, name)
    assert (choice.party, choice.organ) == (party, organ)


def test_every_form_the_hint_shows_is_accepted(run: Runner) -> None:
    refused = run("obligations", "--party", "WHO")
    assert refused.code == 2
    hint = refused.err.split("known parties: ", 1)[1].strip()
    for form in hint.split("; "):
        result = run("obligations", "--party", form, "--modality", "all", "--format", "plain")
        assert result.code in (0, 1), (form, result.err)  # accepted: statements, or none for that organ
        assert "unknown party" not in result.err, form


def test_errors_map_to_exit_codes_in_one_place() -> None:
    from unagree_cli.corpus import CorpusError
    from unagree_cli.errors import EXIT_NOTHING, EXIT_USAGE, NothingFound, UsageFailure, describe
    from unagree_cli.refs import RefError

    assert describe(UsageFailure("x", hint="h")) == (EXIT_USAGE, "x", "h")
    assert describe(NothingFound("none")) == (EXIT_NOTHING, "none", None)
    assert describe(RefError("bad ref")) == (EXIT_USAGE, "bad ref", None)
    described = describe(CorpusError([]))
    assert described is not None and described[0] == EXIT_NOTHING
    assert describe(FileNotFoundError(2, "No such file", "x.yaml")) == (EXIT_NOTHING, "x.yaml: No such file", None)
    assert describe(ValueError("a bug")) is None


def test_the_command_list_shows_no_placeholder(run: Runner) -> None:
    assert "{" not in run("--help").out
