"""Symlinks among a treaty set's files: loops and links out of the set are one line each, and never followed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import Cli, Result, Runner

SET = "un-iom-2016"
MARKER = "TEXT-FROM-OUTSIDE-THE-CORPUS"


def only_line(result: Result) -> str:
    assert result.code == 1, result.out + result.err
    assert result.out == ""
    assert "Traceback" not in result.err and "internal error" not in result.err
    assert len(result.err.splitlines()) == 1, result.err
    return result.err


@pytest.mark.parametrize("name", ["loop.yaml", "note.zh.yaml"])
def test_a_symlink_loop_named_yaml_is_one_line_for_every_command(run: Runner, corpus_copy: Path, name: str) -> None:
    path = corpus_copy / SET / name
    path.unlink(missing_ok=True)
    path.symlink_to(name)
    validated = run("validate", str(corpus_copy))
    assert validated.code == 1
    assert f"{name}: a symlink loop; not followed" in validated.out
    assert "Traceback" not in validated.err and "internal error" not in validated.err
    for command in (["show", "5"], ["toc"], ["search", "IOM"], ["obligations"], ["diff", "5"]):
        error = only_line(run("--corpus", str(corpus_copy), *command))
        assert error.startswith("unagree: error: invalid corpus: ") and f"{name}: a symlink loop" in error


def test_a_loop_in_a_real_process(cli: Cli, corpus_copy: Path) -> None:
    (corpus_copy / SET / "a.yaml").symlink_to("b.yaml")
    (corpus_copy / SET / "b.yaml").symlink_to("a.yaml")
    done = cli("--corpus", str(corpus_copy), "show", "5")
    assert done.returncode == 1
    assert b"a.yaml: a symlink loop; not followed" in done.stderr and b"Traceback" not in done.stderr


def test_a_document_linked_from_outside_the_corpus_is_not_followed(
    run: Runner, corpus_copy: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    document = corpus_copy / SET / "note.zh.yaml"
    text = document.read_text(encoding="utf-8")
    first_line = next(line for line in text.splitlines() if "text:" in line)
    (outside / "note.zh.yaml").write_text(text.replace(first_line, f"{first_line} {MARKER}", 1), encoding="utf-8")
    document.unlink()
    document.symlink_to(outside / "note.zh.yaml")
    validated = run("validate", str(corpus_copy))
    assert validated.code == 1
    assert f"note.zh.yaml: a symlink to '{outside / 'note.zh.yaml'}', outside the treaty set's folder" in validated.out
    shown = run("--corpus", str(corpus_copy), "show", "note:all")
    assert shown.code == 1 and MARKER not in shown.out + shown.err
    assert "note.zh.yaml: a symlink to" in shown.err


def test_a_symlink_inside_the_set_is_followed(run: Runner, corpus_copy: Path) -> None:
    drafts = corpus_copy / SET / "drafts"
    drafts.mkdir()
    document = corpus_copy / SET / "note.zh.yaml"
    shutil.move(document, drafts / "note.zh.yaml")
    document.symlink_to(Path("drafts") / "note.zh.yaml")
    assert run("validate", str(corpus_copy)).code == 0
    assert run("--corpus", str(corpus_copy), "show", "note:1").code == 0


def test_a_dangling_symlink_is_named(run: Runner, corpus_copy: Path) -> None:
    (corpus_copy / SET / "extra.en.yaml").symlink_to("gone.yaml")
    validated = run("validate", str(corpus_copy))
    assert validated.code == 1
    assert "extra.en.yaml: a symlink to 'gone.yaml', which does not exist" in validated.out
