"""Cross-references: what each unit cites, found by rules over every language.

Two kinds of target:

* a **provision** of the treaty set: ``Article 14 of this Agreement``,
  ``article 5, paragraph 2``, ``本协定第十四条``, ``协定草案第十二条``. A document
  divided into articles cites its own articles; a document without articles
  (a resolution, a note) cites the articles of the treaty set's default
  document.
* an outside **instrument**: a resolution cited by its number
  (``General Assembly resolution 70/263``, ``Resolution No. 1309``,
  ``第 70/263 号决议``) and anything ``treaty.yaml``'s ``instruments`` names
  (``Charter of the United Nations``, ``《合作协定》``). A resolution number
  the corpus does not list still counts, as ``resolution-N``. An article of an
  instrument (``Article 102 of the Charter``, ``《联合国宪章》第一百零二条``)
  cites that instrument.

Dates come from the text: ``of 16 October 1992`` after a citation, or
``1992 年 10 月 16 日`` before it, in the same clause. The rules are language
knowledge (English and Chinese); the names are data, so another corpus needs
no code. Mentions are merged across languages into one :class:`Citation` per
citing unit and target, so the languages can be compared.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import eids, patterns
from .labels import zh_to_number
from .model import Instrument, LangText, Record, TreatySet
from .patterns import lazy
from .search import SPACELESS_LANGS

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, made without compiling code at start-up: see fastclass
    from .fastclass import dataclass

MONTHS = {
    name: index
    for index, name in enumerate(
        "January February March April May June July August September October November December".split(), start=1
    )
}
_EN_DATE = r"(?P<day>\d{1,2})\s+(?P<month>" + "|".join(MONTHS) + r")\s+(?P<year>\d{4})"
_ZH_DATE = r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
_ZH_NUM = "[0-9一二三四五六七八九十百零〇两]+"
_RESOLUTION_NUMBER = r"\d+(?:/\d+)?"
# what a provision citation may say about the document it cites, included in the mention
_TREATY_WORDS = "Agreement|Convention|Treaty|Protocol|Covenant|Accord|Pact"
_EN_SELF = lazy(
    rf"\s+of\s+(?:(?:this|the\s+present)\s+(?:draft\s+)?[A-Z][\w-]*|the\s+(?:draft\s+)?(?:{_TREATY_WORDS}))\b"
)
_ZH_SELF = r"(?:本(?:协定|公约|条约|议定书|协议|盟约)(?:草案)?|(?:协定|公约|条约|议定书|协议)草案)"
_EN_CLAUSE_END = lazy(r"[,;:]|\.(?:\s|$)")
_ZH_CLAUSE_END = lazy(r"[，。；：,;]")
DATE_REACH = 200  # characters from a citation to a date of the same clause


@dataclass(frozen=True)
class Target:
    """What a citation points at: a provision of the treaty set or an outside instrument."""

    kind: str  # "provision" or "instrument"
    doc: str | None = None  # provision: the document
    ref: str | None = None  # provision: "14", "5.2"; instrument: the article cited in it, if any
    eid: str | None = None  # provision: its eId, None when the document has no such provision
    instrument: str | None = None  # instrument: its id

    @property
    def key(self) -> str:
        """``agreement:14``, ``ga-70-263``, ``un-charter:102``."""
        if self.kind == "provision":
            return f"{self.doc}:{self.ref}"
        return f"{self.instrument}:{self.ref}" if self.ref else str(self.instrument)


@dataclass(frozen=True)
class Mention:
    """One citation as written in one language of one unit."""

    lang: str
    start: int
    end: int
    text: str
    target: Target
    date: str | None = None  # ISO date the text gives for an instrument
    field: str = "text"  # where the offsets point: the unit's "text" or its "heading"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "lang": self.lang,
            "field": self.field,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.date:
            data["date"] = self.date
        return data


@dataclass
class Citation:
    """A unit citing a target, in every language that does."""

    record: Record
    target: Target
    title: LangText  # the instrument's title (without the article cited), or the provision's label
    mentions: list[Mention] = dataclasses.field(default_factory=list)

    @property
    def address(self) -> str:
        return f"{self.record.doc}:{self.record.ref}"

    @property
    def langs(self) -> list[str]:
        return list(dict.fromkeys(m.lang for m in self.mentions))

    def cited_as(self) -> LangText:
        """The first mention in each language."""
        found: LangText = {}
        for mention in self.mentions:
            found.setdefault(mention.lang, mention.text)
        return found

    def dates(self) -> LangText:
        found: LangText = {}
        for mention in self.mentions:
            if mention.date:
                found.setdefault(mention.lang, mention.date)
        return found

    def to_dict(self, direction: str | None = None) -> dict[str, Any]:
        data = self.record.to_dict()
        if direction:
            data["direction"] = direction
        data["target"] = self.target.key
        data["target_kind"] = self.target.kind
        if self.target.kind == "provision":
            data["target_doc"] = self.target.doc
            data["target_ref"] = self.target.ref
            data["target_eid"] = self.target.eid
        else:
            data["instrument"] = self.target.instrument
            data["target_ref"] = self.target.ref
        data["title"] = self.title
        data["cited_as"] = self.cited_as()
        data["date"] = self.dates()
        data["mentions"] = [m.to_dict() for m in self.mentions]
        return data


# ---------------------------------------------------------------- rules


def _iso(year: str, month: str | int, day: str) -> str | None:
    month_number = MONTHS.get(str(month), 0) if not str(month).isdigit() else int(month)
    if not 1 <= month_number <= 12 or not 1 <= int(day) <= 31:
        return None
    return f"{int(year):04d}-{month_number:02d}-{int(day):02d}"


def _number(written: str | None) -> str | None:
    """``"14"`` or ``"十四"`` as ``"14"``; None for None or an unreadable numeral."""
    if not written:
        return None
    value = zh_to_number(written)
    return str(value) if value is not None else None


def _alternation(names: Iterable[str], lang: str, case_sensitive: bool = True) -> str:
    """Names as one regex, longest first; whole words in spaced languages."""
    from .search import phrase_pattern

    unique = sorted({n for n in names if n.strip()}, key=lambda n: (-len(n), n))
    patterns = [phrase_pattern(name, lang) for name in unique]
    return "|".join(patterns) if patterns else r"(?!x)x"


@dataclass
class _Rules:
    """Compiled rules for one language of one treaty set."""

    lang: str
    spaceless: bool
    provision: list[re.Pattern[str]]
    resolution: re.Pattern[str]
    named: list[tuple[Instrument, re.Pattern[str]]]
    instrument_names: re.Pattern[str]


def _rules(treaty: TreatySet, lang: str) -> _Rules:
    spaceless = lang in SPACELESS_LANGS
    organs = [name for party in treaty.parties for name in party.names.get(lang, [])]
    organs += [name for party in treaty.parties for organ in party.organs for name in organ.names.get(lang, [])]
    organ_alt = _alternation(organs, lang)
    named_names = [(i, n) for i in treaty.instruments for n in i.names.get(lang, [])]
    names_alt = _alternation([n for _, n in named_names], lang)
    if spaceless:
        provision = [
            patterns.compile(
                rf"(?P<self>{_ZH_SELF})?第\s*(?P<art>{_ZH_NUM})\s*条(?:\s*第\s*(?P<para>{_ZH_NUM})\s*款)?"
                r"(?:\s*第?\s*[(（](?P<point>[a-z])[)）]\s*项?)?"
            )
        ]
        resolution = patterns.compile(
            rf"(?:(?:{organ_alt})\s*){{0,2}}(?:{_ZH_DATE}\s*)?"
            rf"(?P<nums>第\s*{_RESOLUTION_NUMBER}\s*号(?:\s*[和及、]\s*第\s*{_RESOLUTION_NUMBER}\s*号)*)\s*决议"
        )
    else:
        provision = [
            patterns.compile(
                r"\b[Pp]aragraph\s+(?P<para>\d+)(?:\s*\((?P<point>[a-z])\))?\s+of\s+[Aa]rticle\s+(?P<art>\d+)"
            ),
            patterns.compile(
                r"\b[Aa]rticle\s+(?P<art>\d+)(?:\s*\((?P<para>\d+)\)|,\s*paragraph\s+(?P<para2>\d+))?"
                r"(?:\s*\((?P<point>[a-z])\))?"
            ),
            patterns.compile(r"\b[Aa]rticles\s+(?P<list>\d+(?:\s*,\s*\d+)*,?\s+(?:and|or)\s+\d+)"),
        ]
        resolution = patterns.compile(
            rf"(?:(?:{organ_alt})\s+){{0,2}}\b[Rr]esolutions?\s+"
            rf"(?P<nums>(?:No\.\s*)?{_RESOLUTION_NUMBER}(?:(?:\s*,\s*|,?\s+and\s+)(?:No\.\s*)?{_RESOLUTION_NUMBER})*)"
            rf"(?:\s+of\s+{_EN_DATE})?"
        )
    named = [(instrument, patterns.compile(_alternation([name], lang))) for instrument, name in named_names]
    named.sort(key=lambda pair: -len(pair[1].pattern))
    return _Rules(lang, spaceless, provision, resolution, named, patterns.compile(names_alt))


class _Extractor:
    """Finds the mentions in the texts of one treaty set."""

    def __init__(self, treaty: TreatySet) -> None:
        self.treaty = treaty
        self.rules = {lang: _rules(treaty, lang) for lang in treaty.languages}
        self.by_number = {i.number: i for i in treaty.instruments if i.number}
        self.by_id = {i.id: i for i in treaty.instruments}
        self.eids: dict[str, set[str]] = {}

    def article_doc(self, doc: str) -> str:
        """The document whose articles ``doc`` cites: itself if it has articles, else the default."""
        if self._has_articles(doc):
            return doc
        for candidate in [self.treaty.default_doc, *self.treaty.doc_keys()]:
            if self._has_articles(candidate):
                return candidate
        return doc

    def _doc_eids(self, doc: str) -> set[str]:
        if doc not in self.eids:
            self.eids[doc] = {
                u.eid for lang in self.treaty.langs_of(doc) for u in self.treaty.versions[(doc, lang)].units
            }
        return self.eids[doc]

    def _has_articles(self, doc: str) -> bool:
        return any(eid.startswith("art_") for eid in self._doc_eids(doc))

    def provision(self, doc: str, art: str, para: str | None, point: str | None) -> Target:
        target_doc = self.article_doc(doc)
        ref = art + (f".{para}" if para else "") + (f"({point})" if point else "")
        eid = eids.paragraph(para, art) if para else eids.article(art)
        eid = eids.point(eid, point) if point else eid
        return Target("provision", target_doc, ref, eid if eid in self._doc_eids(target_doc) else None)

    def mentions(self, doc: str, lang: str, text: str) -> list[Mention]:
        rules = self.rules.get(lang)
        if rules is None or not text:
            return []
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def free(start: int, end: int) -> bool:
            return all(end <= s or start >= e for s, e in taken)

        def add(mention: Mention) -> None:
            found.append(mention)
            taken.append((mention.start, mention.end))

        for pattern in rules.provision:
            for match in pattern.finditer(text):
                if free(match.start(), match.end()):
                    for mention in self._provision_mentions(doc, lang, rules, text, match):
                        add(mention)
        for match in rules.resolution.finditer(text):
            if free(match.start(), match.end()):
                for mention in self._resolution_mentions(lang, text, match):
                    add(mention)
        for instrument, pattern in rules.named:
            for match in pattern.finditer(text):
                if free(match.start(), match.end()):
                    add(
                        Mention(
                            lang,
                            match.start(),
                            match.end(),
                            match.group(),
                            Target("instrument", instrument=instrument.id),
                        )
                    )
        found.sort(key=lambda m: (m.start, m.end))
        return self._with_dates(found, lang, text)

    def _provision_mentions(self, doc: str, lang: str, rules: _Rules, text: str, match: re.Match[str]) -> list[Mention]:
        groups = match.groupdict()
        start, end = match.start(), match.end()
        instrument = None
        if rules.spaceless and not groups.get("self"):  # 《联合国宪章》第一百零二条
            before = re.search(rf"[《「]?(?:{rules.instrument_names.pattern})\s*[》」]?\s*$", text[:start])
            if before:
                instrument, start = self._named(lang, before.group()), before.start()
        elif not rules.spaceless:  # Article 102 of the Charter; Article 14 of this Agreement
            after = re.match(rf"\s+of\s+(?:the\s+)?(?:{rules.instrument_names.pattern})", text[end:])
            if after:
                instrument, end = self._named(lang, after.group()), end + after.end()
            elif own := _EN_SELF.match(text, end):
                end = own.end()
        numbers = re.findall(r"\d+", groups["list"]) if groups.get("list") else [groups["art"]]
        para = _number(groups.get("para") or groups.get("para2"))
        mentions = []
        for number in numbers:
            art = _number(number)
            if art is None:
                continue
            if instrument is not None:
                ref = art + (f".{para}" if para else "")
                target = Target("instrument", ref=ref, instrument=instrument.id)
            else:
                target = self.provision(doc, art, para if len(numbers) == 1 else None, groups.get("point"))
            mentions.append(Mention(lang, start, end, text[start:end], target))
        return mentions

    def _named(self, lang: str, written: str) -> Instrument | None:
        for instrument, pattern in self.rules[lang].named:
            if pattern.search(written):
                return instrument
        return None

    def _resolution_mentions(self, lang: str, text: str, match: re.Match[str]) -> list[Mention]:
        date = _iso(match.group("year"), match.group("month"), match.group("day")) if match.group("year") else None
        mentions = []
        for number in re.findall(_RESOLUTION_NUMBER, match.group("nums")):
            instrument = self.by_number.get(number)
            target = Target(
                "instrument", instrument=instrument.id if instrument else f"resolution-{number.replace('/', '-')}"
            )
            mentions.append(Mention(lang, match.start(), match.end(), match.group(), target, date))
        return mentions

    def _with_dates(self, mentions: list[Mention], lang: str, text: str) -> list[Mention]:
        """Give each instrument mention the date its clause gives (after it in English, before it in Chinese)."""
        spaceless = self.rules[lang].spaceless
        dated: list[Mention] = []
        for index, mention in enumerate(mentions):
            if mention.target.kind != "instrument" or mention.date or mention.target.ref:
                dated.append(mention)
                continue
            date = None
            if spaceless:
                limit = max(
                    [m.end for m in mentions[:index] if m.end <= mention.start] + [0, mention.start - DATE_REACH]
                )
                window = text[limit : mention.start]
                ends = list(_ZH_CLAUSE_END.finditer(window))
                window = window[ends[-1].end() :] if ends else window
                dates = list(re.finditer(_ZH_DATE, window))
                if dates:
                    date = _iso(dates[-1].group("year"), dates[-1].group("month"), dates[-1].group("day"))
            else:
                later = [m.start for m in mentions[index + 1 :] if m.start >= mention.end]
                limit = min([*later, len(text), mention.end + DATE_REACH])
                window = text[mention.end : limit]
                stop = _EN_CLAUSE_END.search(window)
                window = window[: stop.start()] if stop else window
                found = re.search(rf"\bof\s+{_EN_DATE}", window)
                if found:
                    date = _iso(found.group("year"), found.group("month"), found.group("day"))
            dated.append(dataclasses.replace(mention, date=date))
        return dated


# ---------------------------------------------------------------- the library's entry points


def find_citations(
    treaty: TreatySet, docs: Sequence[str] | None = None, langs: Sequence[str] | None = None
) -> list[Citation]:
    """Every citation in ``docs`` (default: all) in ``langs`` (default: all), in document order.

    Kept in the analysis cache for the treaty set's content (see :mod:`unagree_cli.cache`).
    """
    from .cache import cached_analysis

    chosen = list(docs or treaty.doc_keys())
    wanted = list(langs or treaty.languages)
    # Citations point at the treaty's own records, so the cache keeps them in their compact encoded
    # form (records by eId) and they are bound to this treaty's records again when read.
    data = cached_analysis(
        treaty,
        f"citations/{','.join(chosen)}/{','.join(wanted)}",
        lambda: _encode_citations(_find_citations(treaty, chosen, wanted)),
        Any,
    )
    try:
        return _decode_citations(treaty, wanted, data)
    except (TypeError, KeyError, ValueError, IndexError):  # not what was written: compute afresh
        return _find_citations(treaty, chosen, wanted)


def _target_data(target: Target) -> list[str | None]:
    return [target.kind, target.doc, target.ref, target.eid, target.instrument]


def _target(data: Any) -> Target:
    kind, doc, ref, eid, instrument = data
    if not isinstance(kind, str):
        raise TypeError("target kind")
    return Target(kind, doc, ref, eid, instrument)


def _encode_citations(citations: list[Citation]) -> list[Any]:
    return [
        {
            "doc": c.record.doc,
            "eid": c.record.eid,
            "target": _target_data(c.target),
            "title": c.title,
            "mentions": [[m.lang, m.start, m.end, m.text, _target_data(m.target), m.date, m.field] for m in c.mentions],
        }
        for c in citations
    ]


def _decode_citations(treaty: TreatySet, langs: list[str], data: Any) -> list[Citation]:
    if not isinstance(data, list):
        raise TypeError("not a list")
    records: dict[tuple[str, str], Record] = {}
    for doc in dict.fromkeys(item["doc"] for item in data):
        have = [lang for lang in langs if (doc, lang) in treaty.versions]
        records.update({(doc, r.eid): r for r in treaty.records(doc, have)})
    citations = []
    for item in data:
        mentions = [
            Mention(lang, int(start), int(end), str(text), _target(target), date, str(field_name))
            for lang, start, end, text, target, date, field_name in item["mentions"]
        ]
        title = item["title"]
        if not isinstance(title, dict):
            raise TypeError("title")
        citations.append(Citation(records[(item["doc"], item["eid"])], _target(item["target"]), title, mentions))
    return citations


def _find_citations(treaty: TreatySet, docs: Sequence[str], langs: Sequence[str]) -> list[Citation]:
    extractor = _Extractor(treaty)
    wanted = list(langs)
    citations: list[Citation] = []
    for doc in docs:
        have = [lang for lang in wanted if (doc, lang) in treaty.versions]
        for record in treaty.records(doc, have):
            by_target: dict[str, Citation] = {}
            for lang in have:
                for field_name in ("heading", "text"):
                    value = (record.heading or {}).get(lang) if field_name == "heading" else record.text.get(lang)
                    if not value:
                        continue
                    for mention in extractor.mentions(doc, lang, value):
                        mention = dataclasses.replace(mention, field=field_name)
                        citation = by_target.get(mention.target.key)
                        if citation is None:
                            citation = Citation(record, mention.target, _title(treaty, extractor, mention.target))
                            by_target[mention.target.key] = citation
                        citation.mentions.append(mention)
            citations.extend(by_target.values())
    return citations


def _title(treaty: TreatySet, extractor: _Extractor, target: Target) -> LangText:
    from .corpus import article_label

    if target.kind == "provision":
        art = (target.ref or "").split(".")[0].split("(")[0]
        rest = (target.ref or "")[len(art) :]
        return {lang: article_label(treaty, lang, art) + rest for lang in treaty.languages}
    instrument = extractor.by_id.get(target.instrument or "")
    if instrument is not None:
        title = dict(instrument.title)
    else:
        number = (target.instrument or "").removeprefix("resolution-").replace("-", "/")
        title = {
            lang: f"第{number}号决议" if lang in SPACELESS_LANGS else f"resolution {number}"
            for lang in treaty.languages
        }
    return title


@dataclass
class Directed:
    """A citation and how it relates to the provision asked about."""

    direction: str  # "cites": made inside it; "cited-by": pointing at it
    citation: Citation

    def to_dict(self) -> dict[str, Any]:
        return self.citation.to_dict(self.direction)


def about(citations: Iterable[Citation], doc: str, eids: set[str]) -> list[Directed]:
    """Citations made inside the units ``eids`` of ``doc`` ("cites") and those pointing at them ("cited-by")."""
    cites: list[Directed] = []
    cited_by: list[Directed] = []
    for citation in citations:
        if citation.record.doc == doc and citation.record.eid in eids:
            cites.append(Directed("cites", citation))
        target = citation.target
        if target.kind == "provision" and target.doc == doc and target.eid in eids:
            cited_by.append(Directed("cited-by", citation))
    return cited_by + cites


@dataclass
class InstrumentUse:
    """An outside instrument and everywhere the texts cite it."""

    id: str
    title: LangText
    citations: list[Citation] = dataclasses.field(default_factory=list)

    def dates(self) -> list[str]:
        return list(dict.fromkeys(m.date for c in self.citations for m in c.mentions if m.date))

    def cited_in(self, langs: Sequence[str]) -> dict[str, list[str]]:
        return {lang: list(dict.fromkeys(c.address for c in self.citations if lang in c.langs)) for lang in langs}

    def to_dict(self, langs: Sequence[str]) -> dict[str, Any]:
        cited_as = {
            lang: list(dict.fromkeys(m.text for c in self.citations for m in c.mentions if m.lang == lang))
            for lang in langs
        }
        return {
            "id": self.id,
            "title": self.title,
            "dates": self.dates(),
            "cited_in": self.cited_in(langs),
            "cited_as": cited_as,
        }


def instruments_cited(citations: Iterable[Citation]) -> list[InstrumentUse]:
    """The outside instruments cited, in order of first citation."""
    uses: dict[str, InstrumentUse] = {}
    for citation in citations:
        if citation.target.kind != "instrument" or citation.target.instrument is None:
            continue
        key = citation.target.instrument
        if key not in uses:
            uses[key] = InstrumentUse(key, citation.title)
        uses[key].citations.append(citation)
    return list(uses.values())


# ---------------------------------------------------------------- the question ``unagree refs`` asks


@dataclass
class CrossReferences:
    """What ``unagree refs`` answers: citations (about one provision, or all), or the instruments cited."""

    langs: list[str]
    citations: list[Citation]
    rows: list[dict[str, Any]]
    directed: bool = False
    external: bool = False


def cross_references(
    treaty: TreatySet,
    ref: str | None,
    chosen: str | None,
    external: bool,
    langs_of: Callable[[str | None], list[str]],
) -> CrossReferences:
    """The citations about ``ref`` (what cites it, what it cites) or in ``chosen`` (every document when None);
    with ``external``, the outside instruments those cite. ``langs_of(doc)`` is the languages asked for.

    Raises the reference's :class:`~unagree_cli.refs.RefError`, or :class:`NothingFound`.
    """
    from .errors import NothingFound
    from .refs import resolve

    if ref is not None:
        selection = resolve(treaty, ref, chosen, treaty.languages)
        langs = langs_of(selection.doc)
        directed = about(find_citations(treaty, None, langs), selection.doc, {r.eid for r in selection.records})
        rows, citations = [d.to_dict() for d in directed], [d.citation for d in directed]
        what = f"{selection.doc}:{ref}"
    else:
        langs = langs_of(chosen)
        citations = find_citations(treaty, [chosen] if chosen else None, langs)
        rows, what = [c.to_dict() for c in citations], f"the {chosen}" if chosen else "the corpus"
    if external:
        citations = [
            c
            for c, row in zip(citations, rows, strict=True)
            if row.get("direction", "cites") == "cites" and c.target.kind == "instrument"
        ]
        rows = [use.to_dict(langs) for use in instruments_cited(citations)]
    if not rows:
        raise NothingFound(f"no {'outside instruments' if external else 'cross-references'} found for {what}")
    return CrossReferences(langs, citations, rows, directed=ref is not None, external=external)
