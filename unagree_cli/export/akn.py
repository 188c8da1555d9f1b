"""Akoma Ntoso 3.0 XML for one document in one language, after the UN's AKN4UN guidelines.

Everything in the metadata comes from the corpus, not from code about this
treaty:

* The **work** of a document is identified by its *work version*: the language
  version with a date whose status is not ``draft`` (else any dated version,
  else the first). Its symbol gives the actor (the symbol's series: ``A/`` is
  the General Assembly, ``un-ga``), the number (``A/RES/70/296`` -> ``70-296``)
  and the type: a document with articles is an ``<act name="treaty">``; a
  symbol with ``RES`` is a ``<statement name="resolution">`` of subtype
  ``deliberation``; anything else is a ``<doc>`` named after its key.
* A document whose work version is a component (``annex``) of the same symbol
  as another document's main text is that document's **attachment**: the
  agreement (A/RES/70/296, annex) is exported inside the resolution
  (A/RES/70/296). Its eIds get the prefix ``att_1__``.
* Every language is an **expression** of that one work (``/eng@``, ``/zho@``),
  even when its text is another publication: the Chinese resolution is the
  draft in A/70/976, annex II. Its own symbol, component, status and remarks go
  into ``<proprietary>``, and its own date, which the corpus does not know, is
  written as cobalt's placeholder ``0001-01-01`` named ``unknown``. Every
  placeholder date is reported as a notice; no date is made up.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from dataclasses import dataclass, field

from ..errors import NothingFound, UsageFailure
from ..model import Footnote, Organ, Party, TreatySet, Unit, Version
from ..render import Labels
from .xmlwriter import Element, document

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
META_NAMESPACE = "urn:x-unagree:corpus-meta"
COUNTRY = "un"  # AKN4UN: the UN system's jurisdiction code
NULL_DATE = "0001-01-01"  # cobalt's placeholder for a date that is required but unknown
TOOL = "unagree"

# ISO 639-1 -> ISO 639-2/T, as FRBRlanguage and the expression URI want them.
LANG3 = {"ar": "ara", "en": "eng", "es": "spa", "fr": "fra", "ru": "rus", "zh": "zho", "de": "deu", "pt": "por"}
# UN document symbol series -> (AKN actor, the organ's id in treaty.yaml).
SERIES = {
    "A": ("un-ga", "General Assembly"),
    "S": ("un-sc", "Security Council"),
    "E": ("un-ecosoc", "Economic and Social Council"),
    "ST": ("un-sg", "Secretariat"),
}
DATE_NAMES = {"adopted": "adoption", "approved": "approval", "issued": "publication", "draft": "draft"}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def lang3(lang: str) -> str:
    """``en`` -> ``eng``; a three-letter code is kept."""
    if lang in LANG3:
        return LANG3[lang]
    if len(lang) == 3:
        return lang
    raise UsageFailure(f"no ISO 639-2 code known for language '{lang}'", hint=f"known: {', '.join(sorted(LANG3))}")


def generation_date() -> str:
    """Today, or ``$SOURCE_DATE_EPOCH``'s day for reproducible output."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date().isoformat()
    return _dt.date.today().isoformat()


# ---------------------------------------------------------------- works


@dataclass(frozen=True)
class Work:
    """The FRBR work a document belongs to, derived from its work version."""

    doc: str
    element: str  # statement, act or doc
    name: str  # the element's name attribute: resolution, treaty, note
    subtype: str
    actor: str
    organ: str  # the actor's organ id in treaty.yaml
    date: str | None
    date_name: str
    number: str
    symbol: str
    component: str  # main, or the attachment's component name (annex)
    uri: str  # the work URI without a component

    def this(self) -> str:
        return f"{self.uri}/!{self.component}"


def work_version(treaty: TreatySet, doc: str) -> Version:
    """The version that identifies a document's work: dated and not a draft, if any."""
    versions = [treaty.versions[(doc, lang)] for lang in treaty.langs_of(doc)]
    if not versions:
        raise NothingFound(f"the {doc} has no text in this corpus")
    dated = [v for v in versions if v.meta.get("date")]
    final = [v for v in dated if v.meta.get("status") != "draft"]
    return (final or dated or versions)[0]


def _symbol(version: Version) -> str:
    return str(version.meta.get("symbol") or "").strip()


def _component(version: Version) -> str:
    return str(version.meta.get("component") or "").strip()


def container_of(treaty: TreatySet, doc: str) -> str | None:
    """The document whose main text has ``doc`` as an annex (same symbol), if any."""
    own = work_version(treaty, doc)
    if not _component(own) or not _symbol(own):
        return None
    for info in treaty.documents:
        if info.key == doc or not treaty.langs_of(info.key):
            continue
        other = work_version(treaty, info.key)
        if _symbol(other) == _symbol(own) and not _component(other):
            return info.key
    return None


def attachments_of(treaty: TreatySet, doc: str) -> list[str]:
    return [info.key for info in treaty.documents if info.key != doc and container_of(treaty, info.key) == doc]


def default_doc(treaty: TreatySet) -> str:
    """What ``export akn`` writes without ``--doc``: the document holding the treaty."""
    doc = treaty.default_doc
    seen = {doc}
    while (parent := container_of(treaty, doc)) is not None and parent not in seen:
        doc = parent
        seen.add(doc)
    return doc


def _date_name(version: Version) -> str:
    """What the version's date is: ``adoption``, ``approval``... or ``unknown``."""
    if not version.meta.get("date"):
        return "unknown"
    return DATE_NAMES.get(str(version.meta.get("status")), "publication")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _roman(word: str) -> int | None:
    if not word or any(c not in _ROMAN for c in word):
        return None
    values = [_ROMAN[c] for c in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def component_name(component: str) -> str:
    """``annex`` -> ``annex``; ``annex II`` -> ``annex_2``."""
    words = re.findall(r"[a-z0-9]+", component.lower())
    return "_".join(str(_roman(w) or w) for w in words) or "main"


def work_of(treaty: TreatySet, doc: str) -> Work:
    version = work_version(treaty, doc)
    parent = container_of(treaty, doc)
    has_articles = any(unit.kind == "article" for unit in version.units)
    symbol = _symbol(version)
    parts = [p for p in symbol.split("/") if p]
    series = parts[0].upper() if len(parts) > 1 else ""
    rest = parts[1:] if len(parts) > 1 else parts
    resolution = any(p.upper() == "RES" for p in rest)
    number = "-".join(_slug(p) for p in rest if p.upper() not in ("RES", "DEC")) or f"{_slug(treaty.id)}-{_slug(doc)}"
    # a UN symbol names the organ that issued the text; without one the author is the treaty's own first party
    first = treaty.parties[0] if treaty.parties else None
    fallback = (_slug(first.id), first.id) if first is not None else ("un", "United Nations")
    actor, organ = SERIES.get(series, fallback)
    date = version.meta.get("date")
    date_name = _date_name(version)
    if has_articles:
        element, name, subtype = "act", "treaty", "treaty"
    elif resolution:
        element, name, subtype = "statement", "resolution", "deliberation"
    else:
        element, name, subtype = "doc", _slug(doc) or "doc", _slug(doc) or "doc"
    if parent is not None:  # an annex: a component of the work it is annexed to
        component, uri = component_name(_component(version)), work_of(treaty, parent).uri
    else:
        component, uri = "main", f"/akn/{COUNTRY}/{element}/{subtype}/{actor}/{date or NULL_DATE}/{number}"
    return Work(doc, element, name, subtype, actor, organ, date, date_name, number, symbol, component, uri)


# ---------------------------------------------------------------- building


@dataclass
class _Scope:
    """Where units are written: the eId prefix (``att_1__`` in an annex) and the footnotes by unit."""

    prefix: str
    notes: dict[str, list[Footnote]]


@dataclass
class _Tlc:
    tag: str
    href: str
    show_as: str


@dataclass
class AknBuilder:
    """Builds one AKN document (and its attachments) in one language."""

    treaty: TreatySet
    labels: Labels
    lang: str
    generated: str
    notices: list[str] = field(default_factory=list)
    tlcs: dict[str, _Tlc] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)

    # -- the whole document

    def build(self, doc: str) -> Element:
        root = Element("akomaNtoso", {"xmlns": AKN_NAMESPACE})
        self._tlc("TLCOrganization", TOOL, "/akn/ontology/organization/unagree", TOOL)
        main = self.document(doc, prefix="")
        root.append(main)
        meta = main.find("meta")
        assert meta is not None
        references = Element("references", {"source": f"#{TOOL}"})
        for eid, tlc in self.tlcs.items():
            references.add(tlc.tag, {"eId": eid, "href": tlc.href, "showAs": tlc.show_as})
        meta.children.insert(1, references)
        return root

    def document(self, doc: str, prefix: str) -> Element:
        version = self.treaty.versions.get((doc, self.lang))
        if version is None:
            raise NothingFound(f"the {doc} has no version in '{self.lang}' in this corpus")
        work = work_of(self.treaty, doc)
        element = Element(work.element, {"name": work.name})
        meta = element.add("meta")
        meta.append(self.identification(work, version))
        meta.append(self.proprietary(version))
        scope = _Scope(prefix, _notes_by_unit(version.footnotes))
        if version.preface:
            preface = element.add("preface")
            title = str(version.meta.get("title") or "").strip()
            for line in version.preface:
                p = preface.add("p", mixed=True)
                if line == title:
                    p.add("docTitle", text=line)
                else:
                    p.append(line)
        parts = _split(version.units)
        if parts.preamble:
            element.append(self.preamble(parts.preamble, scope))
        element.append(self.body(parts.body, "mainBody" if work.element != "act" else "body", scope))
        if parts.conclusions:
            element.append(self.conclusions(parts.conclusions, scope))
        attached = attachments_of(self.treaty, doc)
        if attached:
            attachments = Element("attachments")
            for child in attached:
                if (child, self.lang) not in self.treaty.versions:
                    self.notices.append(f"the {child} has no '{self.lang}' version, so the export leaves it out")
                    continue
                eid = f"{prefix}att_{len(attachments.children) + 1}"
                attachment = attachments.add("attachment", {"eId": eid})
                attachment.append(self.document(child, prefix=f"{eid}__"))
            if attachments.children:
                element.append(attachments)
        return element

    # -- metadata

    def _date(self, version: Version) -> str:
        """The version's date, or the placeholder (and a notice saying so)."""
        value = version.meta.get("date")
        if value:
            return str(value)
        where = ", ".join(x for x in (_symbol(version), _component(version)) if x) or "no symbol"
        self.notices.append(
            f"the {version.lang} {version.doc} ({where}) has no date in the corpus; "
            f"its FRBR date is the placeholder {NULL_DATE} (unknown)"
        )
        return NULL_DATE

    def identification(self, work: Work, version: Version) -> Element:
        code = lang3(self.lang)
        organ = self._organ_name(work.organ)
        self._tlc("TLCOrganization", work.actor, f"/akn/{COUNTRY}/ontology/organization/{work.actor}", organ)
        ident = Element("identification", {"source": f"#{TOOL}"})
        title = str(version.meta.get("title") or "").strip()
        work_el = ident.add("FRBRWork")
        work_el.add("FRBRthis", {"value": work.this()})
        work_el.add("FRBRuri", {"value": work.uri})
        if title:
            work_el.add("FRBRalias", {"value": title, "name": "title"})
        if work.symbol:
            work_el.add("FRBRalias", {"value": work.symbol, "name": "symbol"})
        reference = work_version(self.treaty, work.doc)
        work_el.add("FRBRdate", {"date": self._date(reference), "name": work.date_name})
        work_el.add("FRBRauthor", {"href": f"#{work.actor}"})
        work_el.add("FRBRcountry", {"value": COUNTRY})
        work_el.add("FRBRsubtype", {"value": work.subtype})
        work_el.add("FRBRnumber", {"value": work.number})
        work_el.add("FRBRname", {"value": work.name})
        expression = f"{work.uri}/{code}@"
        expr = ident.add("FRBRExpression")
        expr.add("FRBRthis", {"value": f"{expression}/!{work.component}"})
        expr.add("FRBRuri", {"value": expression})
        if _symbol(version):
            expr.add("FRBRalias", {"value": _symbol(version), "name": "symbol"})
        expr.add("FRBRdate", {"date": self._date(version), "name": _date_name(version)})
        expr.add("FRBRauthor", {"href": f"#{work.actor}"})
        expr.add("FRBRlanguage", {"language": code})
        manifestation = ident.add("FRBRManifestation")
        manifestation.add("FRBRthis", {"value": f"{expression}/!{work.component}.xml"})
        manifestation.add("FRBRuri", {"value": f"{expression}.akn"})
        manifestation.add("FRBRdate", {"date": self.generated, "name": "generation"})
        manifestation.add("FRBRauthor", {"href": f"#{TOOL}"})
        return ident

    def proprietary(self, version: Version) -> Element:
        """The corpus metadata of this language version, verbatim."""
        proprietary = Element("proprietary", {"source": f"#{TOOL}"})
        attrs = {"xmlns:u": META_NAMESPACE, "treaty": self.treaty.id, "doc": version.doc, "lang": version.lang}
        for key, value in version.meta.items():
            if key not in ("title", "remarks") and value not in (None, ""):
                attrs[key.replace("_", "-")] = str(value)
        corpus = proprietary.add("u:version", attrs)
        remarks = str(version.meta.get("remarks") or "").strip()
        if remarks:
            corpus.add("u:remarks", text=remarks)
        return proprietary

    def _tlc(self, tag: str, eid: str, href: str, show_as: str) -> str:
        if eid not in self.tlcs:
            self.tlcs[eid] = _Tlc(tag, href, show_as)
        return eid

    def _organ_name(self, organ_id: str) -> str:
        for party in self.treaty.parties:
            for organ in party.organs:
                if organ.id == organ_id:
                    names = organ.names.get(self.lang) or organ.names.get("en") or [organ.id]
                    return names[0]
            if party.id == organ_id:
                return (party.names.get(self.lang) or [party.id])[0]
        return organ_id

    # -- text

    def text(self, parent: Element, unit: Unit, scope: _Scope, attrs: dict[str, str] | None = None) -> Element:
        """A ``p`` with the unit's text and its footnotes as authorial notes."""
        block = parent.add("p", attrs, mixed=True)
        if unit.text:
            block.append(unit.text)
        self.footnotes(block, unit, scope)
        return block

    def footnotes(self, inline: Element, unit: Unit, scope: _Scope) -> None:
        for index, note in enumerate(scope.notes.get(unit.eid, []), start=1):
            eid = f"{scope.prefix}{unit.eid}__authorialNote_{index}"
            attrs = {"marker": note.marker, "placement": "bottom", "eId": eid}
            element = inline.add("authorialNote", attrs)
            element.add("p", text=note.text)

    def preamble(self, units: list[Unit], scope: _Scope) -> Element:
        prefix = scope.prefix
        preamble = Element("preamble")
        recitals: Element | None = None
        groups = 0
        seen_recital = False
        for unit in units:
            if unit.kind == "recital":
                if recitals is None:
                    groups += 1
                    recitals = preamble.add("recitals", {"eId": f"{prefix}preamble__recs_{groups}"})
                recital = recitals.add("recital", {"eId": prefix + unit.eid})
                self.text(recital, unit, scope)
                seen_recital = True
            else:
                recitals = None
                name = "enactingFormula" if seen_recital else "opening"
                formula = preamble.add("formula", {"name": name, "eId": prefix + unit.eid})
                self.text(formula, unit, scope)
        return preamble

    def body(self, units: list[Unit], tag: str, scope: _Scope) -> Element:
        prefix = scope.prefix
        body = Element(tag)
        made: dict[str, Element] = {}

        def parent_of(eid: str) -> Element:
            return made.get(eid.rsplit("__", 1)[0], body) if "__" in eid else body

        def paragraph(eid: str, num: str | None) -> Element:
            if eid not in made:
                para = parent_of(eid).add("paragraph", {"eId": prefix + eid})
                number = num or eid.rsplit("_", 1)[-1]
                para.add("num", text=self.labels.get(self.lang, "paragraph", number))
                made[eid] = para
            return made[eid]

        def list_of(unit: Unit) -> Element:
            list_eid = unit.eid.rsplit("__", 1)[0]
            if list_eid not in made:
                para_eid = list_eid.rsplit("__", 1)[0]
                owner = paragraph(para_eid, unit.num if unit.kind != "point" else None)
                made[list_eid] = owner.add("list", {"eId": prefix + list_eid})
            return made[list_eid]

        for unit in units:
            if unit.kind == "article":
                article = body.add("article", {"eId": prefix + unit.eid})
                article.add("num", text=self.labels.get(self.lang, "article", unit.num))
                if unit.heading:
                    heading = article.add("heading", text=unit.heading)
                    if not unit.text:
                        self.footnotes(heading, unit, scope)
                if unit.text:
                    self.text(article.add("content"), unit, scope)
                made[unit.eid] = article
            elif unit.kind == "paragraph":
                para = paragraph(unit.eid, unit.num)
                self.text(para.add("content"), unit, scope)
            elif unit.kind == "intro":
                self.text(list_of(unit).add("intro", {"eId": prefix + unit.eid}), unit, scope)
            elif unit.kind == "point":
                point = list_of(unit).add("point", {"eId": prefix + unit.eid})
                point.add("num", text=self.labels.get(self.lang, "point", unit.num))
                self.text(point.add("content"), unit, scope)
            elif unit.kind == "wrapup":
                self.text(list_of(unit).add("wrapUp", {"eId": prefix + unit.eid}), unit, scope)
            else:
                self.text(body, unit, scope, {"eId": prefix + unit.eid})
        if not body.children:
            body.add("p", mixed=True)
        return body

    def conclusions(self, units: list[Unit], scope: _Scope) -> Element:
        conclusions = Element("conclusions")
        for unit in units:
            eid = scope.prefix + unit.eid
            if unit.kind == "formula":
                self.text(conclusions.add("formula", {"name": "concluding", "eId": eid}), unit, scope)
            elif unit.kind == "signature":
                p = conclusions.add("p", {"eId": eid}, mixed=True)
                self.signature(p.add("signature", mixed=True), unit.text)
                self.footnotes(p, unit, scope)
            else:
                self.text(conclusions, unit, scope, {"eId": eid})
        return conclusions

    # -- signatures

    def signature(self, signature: Element, text: str) -> None:
        """``party``, ``person`` and ``role`` lines, each pointing at a TLC reference."""
        lines = text.split("\n")
        kinds = self._signature_kinds(lines)
        role_ref = ""
        if "role" in kinds:
            role_ref = self._role_ref(lines[kinds.index("role")])
        for index, (kind, line) in enumerate(zip(kinds, lines, strict=True)):
            if index:
                signature.add("eol")
            if kind == "party":
                signature.add("party", {"refersTo": f"#{self._party_ref(line)}"}, text=line)
            elif kind == "person":
                attrs = {"refersTo": f"#{self._person_ref(line)}"}
                if role_ref:
                    attrs["as"] = f"#{role_ref}"
                signature.add("person", attrs, text=line)
            elif kind == "role":
                signature.add("role", {"refersTo": f"#{role_ref}"}, text=line)
            else:
                signature.append(line)

    def _signature_kinds(self, lines: list[str]) -> list[str]:
        """The corpus writes party, name, role (party and role optional), one per line."""
        if len(lines) == 3:
            return ["party", "person", "role"]
        if len(lines) == 2:
            return ["party", "person"] if self._match_party(lines[0]) else ["person", "role"]
        if len(lines) == 1:
            return ["person"]
        return ["text"] * len(lines)

    def _match_party(self, line: str) -> Party | None:
        best: tuple[int, Party] | None = None
        for party in self.treaty.parties:
            for names in party.names.values():
                for name in names:
                    if _mentions(line, name) and (best is None or len(name) > best[0]):
                        best = (len(name), party)
        return best[1] if best else None

    def _match_organ(self, line: str) -> Organ | None:
        best: tuple[int, Organ] | None = None
        for party in self.treaty.parties:
            for organ in party.organs:
                for names in organ.names.values():
                    for name in names:
                        if _mentions(line, name) and (best is None or len(name) > best[0]):
                            best = (len(name), organ)
        return best[1] if best else None

    def _party_ref(self, line: str) -> str:
        party = self._match_party(line)
        if party is not None:
            eid = _slug(party.id) or f"party_{len(self.tlcs)}"
            show = (party.names.get(self.lang) or [party.id])[0]
        else:
            eid, show = _slug(line) or f"party_{len(self.tlcs)}", line
        return self._tlc("TLCOrganization", eid, f"/akn/{COUNTRY}/ontology/organization/{eid}", show)

    def _role_ref(self, line: str) -> str:
        organ = self._match_organ(line)
        eid = _slug(organ.id) if organ is not None else _slug(line)
        eid = eid or f"role_{len(self.tlcs)}"
        return self._tlc("TLCRole", eid, f"/akn/{COUNTRY}/ontology/role/{eid}", line)

    def _person_ref(self, line: str) -> str:
        if line not in self.people:
            eid = _slug(line) if line.isascii() else ""
            if not eid or eid in self.tlcs:
                eid = f"signatory_{len(self.people) + 1}"
            self.people[line] = self._tlc("TLCPerson", eid, f"/akn/{COUNTRY}/ontology/person/{eid}", line)
        return self.people[line]


def _mentions(line: str, name: str) -> bool:
    """Whether ``line`` names ``name`` (whole words for Latin script, any position for CJK)."""
    if not name:
        return False
    if name.isascii():
        return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", line) is not None
    return name in line


def _notes_by_unit(footnotes: list[Footnote]) -> dict[str, list[Footnote]]:
    notes: dict[str, list[Footnote]] = {}
    for note in footnotes:
        notes.setdefault(note.at, []).append(note)
    return notes


@dataclass
class _Parts:
    preamble: list[Unit]
    body: list[Unit]
    conclusions: list[Unit]


def _split(units: list[Unit]) -> _Parts:
    parts = _Parts([], [], [])
    for unit in units:
        if unit.eid.startswith("preamble__"):
            parts.preamble.append(unit)
        elif unit.eid.startswith("conclusions__"):
            parts.conclusions.append(unit)
        else:
            parts.body.append(unit)
    return parts


@dataclass
class AknExport:
    text: str
    notices: list[str]


def export_akn(treaty: TreatySet, doc: str, lang: str, labels: Labels, generated: str | None = None) -> AknExport:
    """The AKN XML of ``doc`` (with its attachments) in ``lang``, and notices for stderr."""
    builder = AknBuilder(treaty, labels, lang, generated or generation_date())
    root = builder.build(doc)
    text, removed = document(root)
    notices = list(dict.fromkeys(builder.notices))
    if removed:
        notices.append(f"removed {removed} control character{'s' if removed != 1 else ''} that XML cannot hold")
    return AknExport(text, notices)
