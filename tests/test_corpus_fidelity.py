"""The corpus is the published text: every unit occurs in its source, and every
sentence of the sources occurs in the corpus (page furniture and whitespace aside).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import NoReturn

import pytest

from unagree_cli.corpus import article_label, sources_folder
from unagree_cli.model import TreatySet, Version

SHARED_SOURCES = Path(__file__).resolve().parents[2] / "shared" / "sources"
NUMBERING = re.compile(r"^(?:\d{1,3}\.|\([a-z]\)|[\s\W_])*$")


def squeeze(text: str) -> str:
    """Whitespace removed: the sources break lines anywhere, the corpus joins them."""
    return re.sub(r"\s+", "", text)


def source_text(treaty: TreatySet, file: str) -> str:
    source = next(s for s in treaty.sources if s.file == file)
    text = (sources_folder(Path(treaty.path)) / file).read_text(encoding="utf-8")
    for pattern in source.furniture:
        text = re.sub(pattern, "\n", text)
    return text


def unit_strings(version: Version) -> list[tuple[str, str]]:
    """(eId, text) for every piece of transcribed text, signatures split into their fields."""
    pieces: list[tuple[str, str]] = []
    for unit in version.units:
        if unit.kind == "signature":
            pieces.extend((unit.eid, part) for part in unit.text.split("\n"))
        else:
            if unit.text:
                pieces.append((unit.eid, unit.text))
            if unit.heading:
                pieces.append((unit.eid, unit.heading))
    pieces.extend((f"footnote {n.marker}", n.text) for n in version.footnotes)
    pieces.extend(("preface", line) for line in version.preface)
    return pieces


def versions_of(treaty: TreatySet, file: str) -> list[Version]:
    return [v for v in treaty.versions.values() if v.meta.get("source") == file]


def test_sources_are_the_published_files_byte_for_byte(treaty: TreatySet) -> None:
    if not SHARED_SOURCES.is_dir():
        pytest.skip("the shared published sources are not beside this checkout")
    for source in treaty.sources:
        ours = (sources_folder(Path(treaty.path)) / source.file).read_bytes()
        published = (SHARED_SOURCES / source.file).read_bytes()
        assert hashlib.sha256(ours).hexdigest() == hashlib.sha256(published).hexdigest(), source.file


@pytest.mark.parametrize("file", ["A-RES-70-296.en.txt", "A-70-976.zh.txt"])
def test_every_unit_occurs_verbatim_in_its_source(treaty: TreatySet, file: str) -> None:
    source = squeeze(source_text(treaty, file))
    missing = [
        f"{version.doc}.{version.lang} {eid}: {text[:60]}"
        for version in versions_of(treaty, file)
        for eid, text in unit_strings(version)
        if squeeze(text) not in source
    ]
    assert not missing, "not in the source:\n" + "\n".join(missing)


@pytest.mark.parametrize("file", ["A-RES-70-296.en.txt", "A-70-976.zh.txt"])
def test_every_sentence_of_the_source_is_in_the_corpus(treaty: TreatySet, file: str) -> None:
    """Cover the source with the corpus strings; only numbering and punctuation may remain."""
    source = squeeze(source_text(treaty, file))
    covered = [False] * len(source)
    strings: set[str] = set()
    for version in versions_of(treaty, file):
        strings.update(squeeze(text) for _, text in unit_strings(version))
        strings.update(squeeze(note.marker + note.text) for note in version.footnotes)
        strings.update(
            squeeze(article_label(treaty, version.lang, u.num or "")) for u in version.units if u.kind == "article"
        )
    for piece in sorted(strings, key=len, reverse=True):
        for match in re.finditer(re.escape(piece), source):
            covered[match.start() : match.end()] = [True] * (match.end() - match.start())
    leftovers = re.findall(r"[^\x00]+", _mask(source, covered))
    stray = [piece for piece in leftovers if not NUMBERING.match(piece)]
    assert not stray, f"source text missing from the corpus: {stray}"


def _mask(source: str, covered: list[bool]) -> str:
    return "".join("\x00" if flag else char for char, flag in zip(source, covered, strict=True))


def test_known_slips_are_kept_not_corrected(treaty: TreatySet) -> None:
    zh = treaty.versions[("agreement", "zh")]
    assert "国际移民组理事会" in (zh.unit("art_5__para_1") or _missing()).text
    assert "国际移徙组织" in (zh.unit("art_2__para_2") or _missing()).text
    assert "成立文书" in (zh.unit("art_3__para_1") or _missing()).text


def _missing() -> NoReturn:
    raise AssertionError("unit missing")


def test_documents_and_their_status(treaty: TreatySet) -> None:
    assert sorted(treaty.versions) == [
        ("agreement", "en"),
        ("agreement", "zh"),
        ("note", "zh"),
        ("resolution", "en"),
        ("resolution", "zh"),
    ]
    assert ("note", "en") not in treaty.versions, "our sources hold no English note; none is invented"
    assert "only the Chinese" in treaty.versions[("note", "zh")].meta["remarks"]
    assert treaty.versions[("resolution", "zh")].meta["status"] == "draft"
    assert treaty.versions[("resolution", "en")].meta["status"] == "adopted"
    assert treaty.versions[("agreement", "zh")].meta["status"] == "draft"
    assert treaty.versions[("resolution", "en")].meta["plenary_meeting"] == 112
    assert treaty.versions[("resolution", "en")].meta["date"] == "2016-07-25"


def test_structure_matches_the_published_text(treaty: TreatySet) -> None:
    for lang in ("en", "zh"):
        units = treaty.versions[("agreement", lang)].units
        articles = [u.num for u in units if u.kind == "article"]
        assert articles == [str(n) for n in range(1, 17)]
        assert sum(u.kind == "recital" for u in units) == 9
        paragraphs: dict[str, int] = {}
        for unit in units:
            if unit.kind in ("paragraph", "intro"):
                article = unit.eid.split("__")[0]
                paragraphs[article] = paragraphs.get(article, 0) + 1
        assert paragraphs == {"art_2": 6, "art_3": 7, "art_5": 3, "art_6": 2, "art_7": 4, "art_13": 2, "art_16": 2}
        points = [u.num for u in units if u.kind == "point"]
        assert points == ["a", "b", "c", "d", "e"]
    assert [u.eid for u in treaty.versions[("agreement", "en")].units] == [
        u.eid for u in treaty.versions[("agreement", "zh")].units
    ]


def test_eids_follow_akoma_ntoso_conventions(treaty: TreatySet) -> None:
    eids = {u.eid for v in treaty.versions.values() for u in v.units}
    assert {
        "art_5__para_2",
        "art_3__para_2__list_1__point_a",
        "preamble__rec_3",
        "art_3__para_2__list_1__intro",
    } <= eids
    pattern = re.compile(r"^(preamble|conclusions|art_\d+|para_\d+)(__[a-z]+(_[0-9a-z]+)?)*$")
    assert all(pattern.match(eid) for eid in eids), sorted(e for e in eids if not pattern.match(e))


def test_parties_and_glossary_come_from_the_corpus(treaty: TreatySet) -> None:
    parties = {p.id: p for p in treaty.parties}
    assert set(parties) == {"UN", "IOM"}
    un_organs = {o.id: o.names for o in parties["UN"].organs}
    assert "安理会" in un_organs["Security Council"]["zh"]
    assert "经社理事会" in un_organs["Economic and Social Council"]["zh"]
    iom_organs = {o.id for o in parties["IOM"].organs}
    assert {"Director General", "Council", "Administration", "staff"} <= iom_organs
    pairs = {(t.en, t.zh) for t in treaty.glossary}
    assert ("International Organization for Migration", "国际移民组织") in pairs
    assert ("Secretary-General", "秘书长") in pairs
