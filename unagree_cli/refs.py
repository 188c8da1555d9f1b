"""References to parts of a document: parsing and resolving.

Accepted forms: ``5``, ``art5``, ``Article 5``, ``5.2``, ``5(2)``, ``3.2(a)``,
``3.2.a``, ``Article 5, paragraph 2``, ``第五条``, ``第三条第二款``,
``第三条第二款(a)``, ``preamble``, ``preamble.3``, ``序言``, ``conclusions``,
``all``, ranges ``3-5`` / ``5.1-5.2`` / ``第三条至第五条``, and a document
prefix ``resolution:3``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from . import eids
from .labels import zh_to_number
from .model import Record, TreatySet
from .patterns import lazy

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at start-up: see fastclass
    from .fastclass import dataclass


class RefError(ValueError):
    """A reference that cannot be read or does not exist; the message says what does."""


@dataclass(frozen=True)
class Address:
    """A parsed position: ``nums`` are article, paragraph, point (or paragraph, point)."""

    section: str  # "body", "preamble", "conclusions" or "all"
    nums: tuple[str, ...] = ()
    article_hint: bool | None = None  # True: written as an article; False: as a paragraph


@dataclass(frozen=True)
class Reference:
    doc: str | None
    start: Address
    end: Address | None = None
    text: str = ""


HINT = "try 5, 5.2, 3.2(a), 第五条, 第三条第二款, preamble, 3-5 or resolution:3"
_ZH_NUM = "[0-9一二三四五六七八九十百千零〇两]+"
_EN = lazy(
    r"""^(?:(?P<art>articles?|arts?\.?|art)\s*|(?P<para>paragraphs?|paras?\.?|para|§)\s*)?
        (?P<n1>\d{1,3})
        (?:\s*(?:\.|\(|,?\s*(?:paragraph|para\.?)\s*)\s*(?P<n2>\d{1,3})\)?)?
        (?:\s*(?:\.|\(|,?\s*(?:point|subparagraph)\s*\(?)\s*(?P<n3>[a-z]{1,2})\)?)?$""",
    re.VERBOSE,
)
_ZH = lazy(
    rf"^第(?P<n1>{_ZH_NUM})(?P<unit>条|段)(?:第(?P<n2>{_ZH_NUM})(?:款|段))?(?:第?\(?(?P<n3>[a-z]{{1,2}})\)?项?)?$"
)
_PREAMBLE = lazy(
    r"^(?:preamble|pp|序言)(?:\s*[.\s]?\s*(?:clause\s*)?(?P<n>\d{1,3}))?$|^序言第(?P<zh>" + _ZH_NUM + ")段$"
)
_CONCLUSIONS = {"conclusions", "conclusion", "signatures", "signature", "结尾", "签名"}
_ALL = {"all", "*", "全部"}
_RANGE = lazy(r"\s*(?:-|–|—|\bto\b|至|到)\s*")


def _zh_number(written: str, original: str) -> int:
    value = zh_to_number(written)
    if value is None:
        raise RefError(
            f"cannot read '{written}' in '{original.strip()}' as a Chinese number; "
            "write it as 五, 十五, 九十九, 一百零五 or in digits"
        )
    return value


def _normalise(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())  # \s+ as one space, as str.split sees it


def _plain_number(raw: str) -> Address | None:
    """``5`` or ``5.2``, the forms people type most, read without the grammar (and without compiling it)."""
    pieces = raw.split(".")
    if len(pieces) <= 2 and all(p.isascii() and p.isdigit() and len(p) <= 3 for p in pieces):
        return Address("body", tuple(str(int(p)) for p in pieces), None)
    return None


def parse(text: str) -> Reference:
    """Parse a reference without looking at the corpus; raise :class:`RefError`."""
    raw = _normalise(text)
    if not raw:
        raise RefError(f"empty reference; {HINT}")
    if len(raw) > 200:
        raise RefError(f"reference is too long ({len(raw)} characters); {HINT}")
    plain = _plain_number(raw)
    if plain is not None:
        return Reference(None, plain, None, text.strip())
    doc = None
    match = re.match(r"^([a-z][a-z0-9_-]*)\s*:\s*(.*)$", raw) if ":" in raw else None
    if match:
        doc, raw = match.group(1), match.group(2) or "all"
    parts = _RANGE.split(raw)
    if len(parts) > 2:
        raise RefError(f"cannot read reference '{text.strip()}': a range has one start and one end; {HINT}")
    start = _parse_address(parts[0], text)
    end = _parse_address(parts[1], text) if len(parts) == 2 else None
    if end is not None:
        if start.section != "body" or end.section != "body":
            raise RefError(f"cannot read reference '{text.strip()}': ranges are for articles and paragraphs")
        end = _complete_range_end(start, end)
    return Reference(doc, start, end, text.strip())


def _complete_range_end(start: Address, end: Address) -> Address:
    """``5.1-3`` means ``5.1-5.3``: a shorter end inherits the start's leading numbers."""
    if len(end.nums) < len(start.nums) and end.article_hint is None:
        end = Address("body", start.nums[: len(start.nums) - len(end.nums)] + end.nums, start.article_hint)
    if len(end.nums) != len(start.nums) or end.nums[:-1] != start.nums[:-1]:
        raise RefError("a range must run between two articles, or two paragraphs of the same article")
    return end


def _parse_address(part: str, original: str) -> Address:
    part = part.strip()
    if part in _ALL:
        return Address("all")
    if part in _CONCLUSIONS:
        return Address("conclusions")
    match = _PREAMBLE.match(part)
    if match:
        num = match.group("n") or (str(_zh_number(match.group("zh"), original)) if match.group("zh") else None)
        return Address("preamble", (num,) if num else ())
    match = _ZH.match(part.replace(" ", ""))
    if match:
        values = [_zh_number(match.group(g), original) for g in ("n1", "n2") if match.group(g)]
        out = tuple(str(n) for n in values) + ((match.group("n3"),) if match.group("n3") else ())
        return Address("body", out, match.group("unit") == "条")
    match = _EN.match(part)
    if match:
        parts = [str(n) for n in (match.group("n1"), match.group("n2"), match.group("n3")) if n]
        hint = True if match.group("art") else False if match.group("para") else None
        return Address("body", tuple(str(int(n)) if n.isdigit() else n for n in parts), hint)
    raise RefError(f"cannot read reference '{original.strip()}'; {HINT}")


@dataclass
class Selection:
    """What a reference resolved to: the document and its records, in order."""

    doc: str
    records: list[Record]
    reference: Reference


def doc_name(treaty: TreatySet, doc: str) -> str:
    for info in treaty.documents:
        if info.key == doc:
            return info.names.get("en", doc)
    return doc


def choose_doc(treaty: TreatySet, ref_doc: str | None, option_doc: str | None) -> str:
    """The document a reference speaks of: its prefix, else ``--doc``, else the default."""
    if ref_doc and option_doc and ref_doc != option_doc:
        raise RefError(f"the reference names '{ref_doc}' but --doc says '{option_doc}'")
    doc = ref_doc or option_doc or treaty.default_doc
    if doc not in treaty.doc_keys():
        raise RefError(f"unknown document '{doc}'; the corpus has: {', '.join(treaty.doc_keys())}")
    return doc


def resolve(treaty: TreatySet, text: str, option_doc: str | None, langs: list[str]) -> Selection:
    """Parse ``text`` and return the matching records, or raise :class:`RefError`."""
    ref = parse(text)
    doc = choose_doc(treaty, ref.doc, option_doc)
    all_records = treaty.records(doc, treaty.langs_of(doc))
    structure = Structure(all_records)
    name = doc_name(treaty, doc)
    first, last = structure.span(ref.start, name)
    if ref.end is not None:
        end_first, end_last = structure.span(ref.end, name)
        if end_first < first:
            raise RefError(f"range '{ref.text}' runs backwards")
        last = end_last
    chosen = all_records[first : last + 1]
    records = [_only_langs(r, langs) for r in chosen]
    records = [r for r in records if r.text or r.heading]
    return Selection(doc, records, ref)


def _only_langs(record: Record, langs: list[str]) -> Record:
    text = {lang: record.text[lang] for lang in langs if lang in record.text}
    heading = {lang: record.heading[lang] for lang in langs if lang in record.heading} if record.heading else None
    extra = dict(record.extra)
    if "footnotes" in extra:
        notes = [
            {"marker": n["marker"], "text": {lang: n["text"][lang] for lang in langs if lang in n["text"]}}
            for n in extra["footnotes"]
        ]
        extra["footnotes"] = [n for n in notes if n["text"]]
        if not extra["footnotes"]:
            del extra["footnotes"]
    return Record(record.doc, record.ref, record.eid, record.kind, record.num, text, heading, extra)


def _ranges(nums: list[str]) -> str:
    """``["1","2","3","5"]`` -> ``"1-3, 5"``; letters ``a-e``."""
    out: list[str] = []
    run: list[str] = []

    def value(n: str) -> int | None:
        return int(n) if n.isdigit() else ord(n) if len(n) == 1 else None

    for num in nums:
        current, previous = value(num), (value(run[-1]) if run else None)
        if current is not None and previous is not None and current == previous + 1:
            run.append(num)
            continue
        if run:
            out.append(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}")
        run = [num]
    if run:
        out.append(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}")
    return ", ".join(out)


class Structure:
    """The numbering of one document, derived from its eIds."""

    def __init__(self, records: list[Record]) -> None:
        self.records = records
        self.positions: dict[str, list[int]] = {}
        for index, record in enumerate(records):
            parts = record.eid.split("__")
            for depth in range(1, len(parts) + 1):
                self.positions.setdefault("__".join(parts[:depth]), []).append(index)
        self.articles = [r.num or "" for r in records if r.kind == "article"]

    def children(self, prefix: str, kind: str) -> list[str]:
        """Numbers of the direct children of ``prefix`` named ``kind_N``."""
        found: list[str] = []
        lead = f"{prefix}__" if prefix else ""
        for key in self.positions:
            if key.startswith(lead):
                rest = key[len(lead) :]
                if "__" not in rest and rest.startswith(kind + "_"):
                    found.append(rest[len(kind) + 1 :])
        return found

    def span(self, address: Address, name: str) -> tuple[int, int]:
        if not self.records:
            raise RefError(f"the {name} has no text in the chosen languages")
        if address.section == "all":
            return 0, len(self.records) - 1
        if address.section == "conclusions":
            return self._positions("conclusions", f"the {name} has no conclusions")
        if address.section == "preamble":
            if not address.nums:
                return self._positions("preamble", f"the {name} has no preamble")
            clauses = self.children("preamble", "rec")
            return self._positions(
                eids.recital(address.nums[0]),
                f"the {name}'s preamble has clauses {_ranges(clauses)}"
                if clauses
                else f"the {name} has no preamble clauses",
            )
        return self._body_span(address, name)

    def _body_span(self, address: Address, name: str) -> tuple[int, int]:
        nums = list(address.nums)
        if self.articles:
            if address.article_hint is False and len(nums) == 1:
                articles = _ranges(self.articles)
                raise RefError(
                    f"the {name} is divided into articles ({articles}); write 5.2 for article 5, paragraph 2"
                )
            article = nums.pop(0)
            prefix = eids.article(article)
            if prefix not in self.positions:
                raise RefError(f"the {name} has no article {article}; it has articles {_ranges(self.articles)}")
            where = f"article {article}"
        else:
            if address.article_hint:
                paras = self.children("", "para")
                raise RefError(f"the {name} has no articles; it has paragraphs {_ranges(paras)}")
            prefix = ""
            where = f"the {name}"
        if nums and nums[0].isdigit():
            para = nums.pop(0)
            paras = self.children(prefix, "para")
            child = eids.join(prefix, eids.component("para", para))
            if child not in self.positions:
                has = f"has paragraphs {_ranges(paras)}" if paras else "has no numbered paragraphs"
                raise RefError(f"{where} has no paragraph {para}; {where} {has}")
            prefix, where = child, f"{where}, paragraph {para}" if self.articles else f"paragraph {para} of the {name}"
        if nums:
            point = nums.pop(0)
            points = self.children(eids.list_of(prefix), "point")
            child = eids.point(prefix, point)
            if child not in self.positions:
                has = f"has points {_ranges(points)}" if points else "has no lettered points"
                raise RefError(f"{where} has no point ({point}); {where} {has}")
            prefix = child
        if nums:
            raise RefError(f"reference goes deeper than the {name}'s numbering; {HINT}")
        return self._positions(prefix, f"nothing at {where}")

    def _positions(self, prefix: str, message: str) -> tuple[int, int]:
        found = self.positions.get(prefix)
        if not found:
            raise RefError(message)
        return found[0], found[-1]
