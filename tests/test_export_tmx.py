"""TMX export: header, one unit per aligned segment, read back with translate-toolkit."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree
from translate.storage.tmx import tmxfile, tmxunit

from unagree_cli.corpus import load
from unagree_cli.errors import UsageFailure
from unagree_cli.export.tmx import TmxExport, export_tmx, segments
from unagree_cli.model import TreatySet

MINI = Path(__file__).parent / "fixtures" / "export_mini"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def whole(treaty: TreatySet) -> TmxExport:
    return export_tmx(treaty, treaty.doc_keys(), treaty.languages)


def props(unit: tmxunit) -> dict[str, str]:
    return {p.get("type"): p.text for p in unit.xmlelement.iterfind("prop")}


def test_header_has_every_required_attribute(whole: TmxExport) -> None:
    root = etree.fromstring(whole.text.encode("utf-8"))
    assert root.tag == "tmx" and root.get("version") == "1.4"
    header = root.find("header")
    required = ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang", "srclang", "datatype")
    assert {name: header.get(name) for name in required} == {
        "creationtool": "unagree",
        "creationtoolversion": __import__("unagree_cli").__version__,
        "segtype": "paragraph",
        "o-tmf": "unagree corpus YAML",
        "adminlang": "en",
        "srclang": "en",
        "datatype": "plaintext",
    }
    assert whole.text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">')


def test_translate_toolkit_reads_every_aligned_unit_as_in_the_corpus(treaty: TreatySet, whole: TmxExport) -> None:
    store = tmxfile(whole.text.encode("utf-8"))
    expected = [
        (segment.tuid, segment.doc, segment.ref, segment.text)
        for doc in treaty.doc_keys()
        for record in treaty.records(doc, treaty.languages)
        for segment in segments(record)
        if len(segment.text) == 2
    ]
    found = []
    for unit in store.units:
        tuvs = {tuv.get(XML_LANG): tuv.findtext("seg") for tuv in unit.xmlelement.iterfind("tuv")}
        assert unit.source == tuvs["en"] and unit.target == tuvs["zh"]
        found.append((unit.getid(), props(unit)["x-doc"], unit.getcontext(), tuvs))
    assert found == expected
    assert len(found) == whole.units == 79


def test_units_carry_eid_document_and_reference(whole: TmxExport) -> None:
    store = tmxfile(whole.text.encode("utf-8"))
    units = {(props(u)["x-doc"], u.getid()): u for u in store.units}
    unit = units[("agreement", "art_5__para_2")]
    assert unit.getcontext() == "agreement:5.2"
    assert unit.source.startswith("The Director General of the International Organization for Migration shall")
    assert unit.target.startswith("国际移民组织总干事")
    heading = units[("agreement", "art_5__heading")]
    assert (heading.source, heading.target) == ("Reciprocal representation", "对等出席会议")
    point = units[("agreement", "art_3__para_2__list_1__point_b")]
    assert point.getcontext() == "agreement:3.2(b)"
    # the same eId in two documents: tuids need not be unique in TMX 1.4b, x-doc tells them apart
    assert ("resolution", "preamble__formula_1") in units and ("agreement", "preamble__formula_1") in units


def test_units_in_one_language_only_are_left_out_and_counted(treaty: TreatySet, whole: TmxExport) -> None:
    assert whole.left_out == {"resolution": 3, "note": 4}
    assert whole.notices == ["left out 7 units present in one language only (resolution: 3, note: 4)"]
    store = tmxfile(whole.text.encode("utf-8"))
    assert not any(props(u)["x-doc"] == "note" for u in store.units)
    # the English footnote and closing lines of the resolution have no Chinese counterpart
    ids = {u.getid() for u in store.units if props(u)["x-doc"] == "resolution"}
    assert {"conclusions__p_1", "conclusions__p_2", "preamble__rec_3__authorialNote_1"}.isdisjoint(ids)


def test_one_document_only(treaty: TreatySet) -> None:
    result = export_tmx(treaty, ["agreement"], ["en", "zh"])
    store = tmxfile(result.text.encode("utf-8"))
    assert {props(u)["x-doc"] for u in store.units} == {"agreement"}
    assert result.notices == []


def test_a_translation_memory_needs_two_languages(treaty: TreatySet) -> None:
    with pytest.raises(UsageFailure, match="needs two languages"):
        export_tmx(treaty, treaty.doc_keys(), ["en"])


def test_another_corpus_and_line_breaks() -> None:
    mini = load(MINI)
    english = mini.versions[("pact", "en")].units
    result = export_tmx(mini, mini.doc_keys(), mini.languages)
    assert result.left_out == {"resolution": 1, "pact": 2, "letter": 1}
    store = tmxfile(result.text.encode("utf-8"))
    sources = {u.getid(): u.source for u in store.units}
    assert sources["art_2__para_2__list_1__wrapup"] == next(u.text for u in english if u.kind == "wrapup")
    assert sources["conclusions__signature_1"] == "For Eastland:\nAnn Example\nMinister"


def test_control_characters_are_dropped_and_counted_the_rest_is_exact() -> None:
    mini = load(MINI)
    version = mini.versions[("pact", "zh")]
    version.units = [
        replace(u, text="每年\x0c开会\x00一次；\r\n<b>&")
        if u.eid.endswith("point_a") and u.eid.startswith("art_2__para_2")
        else u
        for u in version.units
    ]
    result = export_tmx(mini, ["pact"], mini.languages)
    assert "removed 2 control characters that XML cannot hold" in result.notices
    assert "\x0c" not in result.text and "\x00" not in result.text
    store = tmxfile(result.text.encode("utf-8"))
    targets = {u.getid(): u.target for u in store.units}
    assert targets["art_2__para_2__list_1__point_a"] == "每年开会一次；\r\n<b>&"
