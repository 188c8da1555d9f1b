"""The one home of eIds: how a unit's identifier is built from its numbers, and read back.

The identifiers are the ones ``docs/corpus-format.md`` defines (Akoma Ntoso style): components joined by
``__``, each ``KIND_NUM``::

    preamble__formula_1   preamble__rec_3   art_5   art_5__para_2   para_3
    art_3__para_2__list_1__intro   art_3__para_2__list_1__point_a   art_3__para_2__list_1__wrapup
    conclusions__formula_1   conclusions__p_1   conclusions__signature_1
"""

from __future__ import annotations

from typing import NamedTuple

SEP = "__"
PREAMBLE = "preamble"
CONCLUSIONS = "conclusions"
LIST = "list_1"  # every paragraph has at most one list


def join(*parts: str) -> str:
    """Components joined: ``join("art_3", "para_2")`` -> ``art_3__para_2``."""
    return SEP.join(p for p in parts if p)


def component(kind: str, num: str | int) -> str:
    return f"{kind}_{num}"


def preamble_formula(index: int) -> str:
    return join(PREAMBLE, component("formula", index))


def recital(num: int | str) -> str:
    return join(PREAMBLE, component("rec", num))


def article(num: str) -> str:
    return component("art", num)


def paragraph(num: str, article_num: str | None = None) -> str:
    """``art_5__para_2`` inside an article, ``para_3`` for a resolution's operative paragraph."""
    return join(article(article_num) if article_num else "", component("para", num))


def list_of(parent: str) -> str:
    return join(parent, LIST)


def intro(parent: str) -> str:
    return join(list_of(parent), "intro")


def point(parent: str, num: str) -> str:
    return join(list_of(parent), component("point", num))


def wrapup(parent: str) -> str:
    return join(list_of(parent), "wrapup")


def conclusion(kind: str, index: int) -> str:
    """``conclusions__formula_1``, ``conclusions__p_2``, ``conclusions__signature_1``."""
    return join(CONCLUSIONS, component(kind, index))


def parts(eid: str) -> list[str]:
    return eid.split(SEP)


def parent(eid: str) -> str:
    """The eId one level up (``art_3__para_2__list_1`` -> ``art_3__para_2``); ``""`` at the top."""
    return eid.rsplit(SEP, 1)[0] if SEP in eid else ""


def top(eid: str) -> str:
    """The first component: ``art_3``, ``para_2``, ``preamble``, ``conclusions``."""
    return eid.split(SEP, 1)[0]


def split_component(part: str) -> tuple[str, str]:
    """``art_3`` -> ``("art", "3")``; ``intro`` -> ``("intro", "")``."""
    kind, _, num = part.partition("_")
    return kind, num


class Address(NamedTuple):
    """The numbers an eId is made of; ``None`` where the unit has no such level."""

    part: str  # preamble, body or conclusions
    article: str | None
    paragraph: str | None
    point: str | None
    kind: str  # the last component's kind: formula, rec, art, para, intro, point, wrapup, p, signature


def parse(eid: str) -> Address:
    """Read an eId back into its numbers."""
    pieces = parts(eid)
    part = pieces[0] if pieces[0] in (PREAMBLE, CONCLUSIONS) else "body"
    found: dict[str, str] = {}
    for piece in pieces:
        kind, num = split_component(piece)
        found.setdefault(kind, num)
    last = split_component(pieces[-1])[0]
    return Address(part, found.get("art"), found.get("para"), found.get("point"), last)


def in_preamble(eid: str) -> bool:
    return eid.startswith(PREAMBLE + SEP)


def in_conclusions(eid: str) -> bool:
    return eid.startswith(CONCLUSIONS + SEP)


def list_parent(eid: str) -> str | None:
    """The list a list member (intro, point, wrap-up) belongs to: ``art_3__para_2__list_1``; else ``None``."""
    up = parent(eid)
    return up if up.endswith(SEP + LIST) or up == LIST else None
