"""Shell completion of values from the loaded corpus: references, documents, languages, parties, terms.

Click calls these while completing (``unagree completion bash`` prints the script that asks it). Each
reads the corpus ``--corpus`` and ``--treaty`` name on the command line being completed, and answers
nothing rather than fail: a broken corpus must not break the shell.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from .model import TreatySet


def _treaty(ctx: Any) -> TreatySet | None:
    try:
        from .corpus import corpus_root, load

        root_params = ctx.find_root().params
        return load(corpus_root(root_params.get("corpus")), root_params.get("treaty"))
    except Exception:  # noqa: BLE001  (completion must never print a traceback into the shell)
        return None


def _starting(values: list[str], incomplete: str) -> list[str]:
    folded = incomplete.casefold()
    return list(dict.fromkeys(v for v in values if v.casefold().startswith(folded)))


def complete_docs(ctx: typer.Context, incomplete: str) -> list[str]:
    treaty = _treaty(ctx)
    return _starting(treaty.doc_keys(), incomplete) if treaty else []


def complete_langs(ctx: typer.Context, incomplete: str) -> list[str]:
    treaty = _treaty(ctx)
    return _starting([*treaty.languages, "both"], incomplete) if treaty else []


def complete_refs(ctx: typer.Context, incomplete: str) -> list[str]:
    """Article and paragraph references of the main document, ``doc:ref`` of every document, ``all``."""
    treaty = _treaty(ctx)
    if treaty is None:
        return []
    refs: list[str] = []
    for doc in treaty.doc_keys():
        for record in treaty.records(doc, treaty.langs_of(doc)):
            if doc == treaty.default_doc:
                refs.append(record.ref)
            refs.append(f"{doc}:{record.ref}")
    return _starting([*refs, "all"], incomplete)


def complete_parties(ctx: typer.Context, incomplete: str) -> list[str]:
    """Parties and organs by id and by every name in every language, and ``party: organ``."""
    treaty = _treaty(ctx)
    if treaty is None:
        return []
    names: list[str] = []
    for party in treaty.parties:
        names += [party.id, *(n for ns in party.names.values() for n in ns)]
        for organ in party.organs:
            names += [f"{party.id}: {organ.id}", organ.id, *(n for ns in organ.names.values() for n in ns)]
    return _starting(names, incomplete)


def complete_terms(ctx: typer.Context, incomplete: str) -> list[str]:
    treaty = _treaty(ctx)
    if treaty is None:
        return []
    return _starting([form for term in treaty.glossary for form in (term.en, term.zh)], incomplete)
