"""Help that tells what the loaded corpus has: ``{docs}``, ``{party}``, ``{doc}`` ... in help texts are
filled in from the corpus ``--corpus``/``--treaty`` choose, when help is shown (and only then).

A corpus that cannot be loaded gives neutral words (DOC, PARTY), never an error: help always works.
"""

from __future__ import annotations

from typing import Any

from .patterns import lazy

_FIELD = lazy(r"\{(\w+)\}")


def corpus_words(ctx: Any) -> dict[str, str]:
    """The words help texts may use, from the loaded corpus."""
    from .completion import _treaty

    words = {
        "docs": "its documents",
        "doc": "DOC",
        "main_doc": "the main document",
        "langs": "its languages",
        "lang": "LANG",
        "party": "PARTY",
        "organ": "ORGAN",
        "parties": "its parties",
        "term": "TERM",
        "ref": "5.2",
    }
    treaty = _treaty(ctx)
    if treaty is None:
        return words
    docs = treaty.doc_keys()
    words.update(docs=", ".join(docs), main_doc=treaty.default_doc, langs=", ".join(treaty.languages))
    words["doc"] = next((d for d in docs if d != treaty.default_doc), treaty.default_doc)
    words["lang"] = treaty.languages[-1] if treaty.languages else "LANG"
    if treaty.parties:
        party = next((p for p in reversed(treaty.parties) if p.organs), treaty.parties[-1])
        words["party"] = party.id
        words["parties"] = ", ".join(p.id for p in treaty.parties)
        if party.organs:
            words["organ"] = party.organs[0].id
    if treaty.glossary:
        words["term"] = treaty.glossary[0].en
    records = treaty.records(treaty.default_doc, treaty.langs_of(treaty.default_doc))
    paragraph = next((r.ref for r in records if r.kind == "paragraph" and "." in r.ref), None)
    if paragraph:
        words["ref"] = paragraph
    return words


def fill(text: str | None, words: dict[str, str]) -> str | None:
    if not text or "{" not in text:
        return text
    return _FIELD.sub(lambda m: words.get(m.group(1), m.group()), text)


def with_corpus_help(command: Any) -> Any:
    """Make ``command`` fill its help texts from the corpus when it formats its help."""
    templates = (command.help, [getattr(p, "help", None) for p in command.params])
    if "{" not in (templates[0] or "") and not any(h and "{" in h for h in templates[1]):
        return command
    original = command.format_help

    def format_help(ctx: Any, formatter: Any) -> None:
        words = corpus_words(ctx)
        command.help = fill(templates[0], words)
        for param, template in zip(command.params, templates[1], strict=True):
            if template:
                param.help = fill(template, words)
        original(ctx, formatter)

    command.format_help = format_help
    return command
