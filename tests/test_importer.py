"""``unagree import``: the shipped corpus rebuilt from its published texts, and one fixture per official language."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import Runner

from unagree_cli.corpus import bundled_corpus, load_treaty
from unagree_cli.errors import UsageFailure
from unagree_cli.importer import import_texts, run
from unagree_cli.importer.detect import detect_language
from unagree_cli.importer.layout import read
from unagree_cli.importer.parse import Draft, number, point_letter
from unagree_cli.importer.rules import RULES

SOURCES = bundled_corpus() / "sources"
GOLD_FILES = [SOURCES / "A-RES-70-296.en.txt", SOURCES / "A-70-976.zh.txt"]
PUBLICATIONS = Path(__file__).resolve().parent / "fixtures" / "publications"
LANGS = ["ar", "zh", "en", "fr", "ru", "es"]


def gold_units() -> dict[tuple[str, str], dict[str, str]]:
    """The hand-checked corpus: each unit's text (and each article's heading) by document, language and eId."""
    treaty, problems = load_treaty(bundled_corpus() / "un-iom-2016")
    assert treaty is not None and not problems
    out: dict[tuple[str, str], dict[str, str]] = {}
    for (doc, lang), version in treaty.versions.items():
        units = out.setdefault((doc, lang), {})
        for unit in version.units:
            units[unit.eid] = unit.text
            if unit.heading is not None:
                units[unit.eid + "#heading"] = unit.heading
        for note in version.footnotes:
            units[f"footnote {note.marker}@{note.at}"] = note.text
    return out


def imported_units(drafts: list[Draft]) -> dict[tuple[str, str], dict[str, str]]:
    out: dict[tuple[str, str], dict[str, str]] = {}
    for draft in drafts:
        units = draft.texts()
        for note in draft.footnotes:
            units[f"footnote {note['marker']}@{note['at']}"] = note["text"]
        out[(draft.key, draft.lang)] = units
    return out


def test_the_published_texts_rebuild_the_shipped_corpus(tmp_path: Path) -> None:
    result = run(GOLD_FILES, tmp_path / "corpus", "un-iom-2016")
    assert not result.problems, result.problems
    gold = gold_units()
    mine = imported_units(result.drafts)
    assert sorted(mine) == sorted(gold), "the same documents in the same languages"
    total = sum(len(units) for units in gold.values())
    wrong = [
        (doc, lang, eid)
        for (doc, lang), units in gold.items()
        for eid, text in units.items()
        if mine[(doc, lang)].get(eid) != text
    ]
    assert (total - len(wrong)) / total >= 0.99, wrong
    review = "\n".join(result.review)
    for doc, lang, eid in wrong:  # the review list names every unit that differs
        assert eid.split("#")[0] in review, (doc, lang, eid)
    # and what was written reloads as the same units
    treaty, problems = load_treaty(tmp_path / "corpus" / "un-iom-2016")
    assert treaty is not None and not problems
    assert (tmp_path / "corpus" / "sources" / "A-70-976.zh.txt").read_bytes() == GOLD_FILES[1].read_bytes()
    assert treaty.versions[("agreement", "zh")].units == [
        u for u in treaty.versions[("agreement", "zh")].units
    ]  # loads
    written = {key: {u.eid: u.text for u in v.units} for key, v in treaty.versions.items()}
    shipped, _ = load_treaty(bundled_corpus() / "un-iom-2016")
    assert shipped is not None
    assert written == {key: {u.eid: u.text for u in v.units} for key, v in shipped.versions.items()}


def test_the_rebuilt_metadata_is_what_the_text_states(tmp_path: Path) -> None:
    result = import_texts(GOLD_FILES, tmp_path, "un-iom-2016")
    meta = {(d.key, d.lang): d.meta for d in result.drafts}
    assert meta[("resolution", "en")]["date"] == "2016-07-25"
    assert meta[("resolution", "en")]["status"] == "adopted"
    assert meta[("resolution", "en")]["plenary_meeting"] == 112
    assert meta[("note", "zh")]["agenda_item"] == "175" and meta[("note", "zh")]["session"] == 70
    assert meta[("note", "zh")]["date"] is None  # the Chinese note states no date: null, and the review says so
    assert "note.zh: meta.date is not stated in the text: null" in result.review
    assert meta[("agreement", "zh")]["component"] == "annex I" and meta[("resolution", "zh")]["status"] == "draft"
    shipped, _ = load_treaty(bundled_corpus() / "un-iom-2016")
    assert shipped is not None and result.treaty["title"] == shipped.title  # the work's title, not the draft's
    parties = result.treaty["parties"]
    assert [p["id"] for p in parties] == ["UN", "IOM"]
    assert parties[1]["names"] == {"en": ["International Organization for Migration"], "zh": ["国际移民组织"]}
    assert {"en": "International Organization for Migration", "zh": "国际移民组织"} in result.treaty["glossary"]


@pytest.mark.parametrize("lang", LANGS)
def test_one_publication_per_official_language(lang: str, tmp_path: Path) -> None:
    expected = json.loads((PUBLICATIONS / f"A-71-900.{lang}.expected.json").read_text(encoding="utf-8"))
    result = run([PUBLICATIONS / f"A-71-900.{lang}.txt"], tmp_path / "corpus", "example")
    assert result.sources[0].lang == lang  # detected, not told
    assert not result.problems, result.problems
    drafts = {f"{d.key}.{d.lang}": d for d in result.drafts}
    assert sorted(drafts) == sorted(expected["documents"])
    for name, want in expected["documents"].items():
        draft = drafts[name]
        assert draft.texts() == want["units"], name
        assert draft.preface == want["preface"], name
        assert [[f["marker"], f["at"], f["text"]] for f in draft.footnotes] == want["footnotes"], name
    note = drafts[f"note.{lang}"].meta
    assert (note["symbol"], note["date"], note["agenda_item"], note["status"]) == (
        "A/71/900",
        "2017-05-03",
        "128",
        "issued",
    )
    assert drafts[f"agreement.{lang}"].meta["component"] == "annex"


def test_two_languages_of_one_agreement_go_into_one_set(tmp_path: Path, run: Runner) -> None:
    files = [str(PUBLICATIONS / "A-71-900.fr.txt"), str(PUBLICATIONS / "A-71-900.en.txt")]
    result = run("import", *files, "--into", str(tmp_path), "--set", "example")
    assert result.code == 0, result.err
    assert "validation: no problems" in result.out
    treaty, problems = load_treaty(tmp_path / "example")
    assert treaty is not None and not problems
    assert treaty.languages == ["fr", "en"]
    assert treaty.langs_of("agreement") == ["fr", "en"]
    records = treaty.records("agreement", ["fr", "en"])
    point = next(r for r in records if r.eid == "art_2__para_2__list_1__point_b")
    assert set(point.text) == {"fr", "en"}
    shown = run("--corpus", str(tmp_path), "show", "2.2", "--lang", "fr")
    assert shown.code == 0 and shown.out.startswith("2. ") and "\n    b) Aux travaux" in shown.out
    premier = run("--corpus", str(tmp_path), "show", "1", "--lang", "fr")
    assert "Article premier" in premier.out


def test_a_dry_run_prints_the_structure_and_writes_nothing(tmp_path: Path, run: Runner) -> None:
    target = tmp_path / "corpus"
    result = run(
        "import", str(PUBLICATIONS / "A-71-900.ru.txt"), "--into", str(target), "--dry-run", "--format", "json"
    )
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["dry_run"] is True and data["written"] == []
    agreement = next(d for d in data["documents"] if d["doc"] == "agreement")
    points = agreement["body"][1]["paragraphs"][1]["points"]
    assert [p["num"] for p in points] == ["a", "b", "c"]  # а) б) в) numbered by their position
    assert not target.exists()


def test_never_overwrites_without_force(tmp_path: Path, run: Runner) -> None:
    args = ["import", str(PUBLICATIONS / "A-71-900.es.txt"), "--into", str(tmp_path), "--set", "ejemplo"]
    assert run(*args).code == 0
    before = (tmp_path / "ejemplo" / "agreement.es.yaml").read_text(encoding="utf-8")
    (tmp_path / "ejemplo" / "agreement.es.yaml").write_text(before + "# edited by hand\n", encoding="utf-8")
    again = run(*args)
    assert again.code == 2 and "not overwritten" in again.err and "--force" in again.err
    assert "# edited by hand" in (tmp_path / "ejemplo" / "agreement.es.yaml").read_text(encoding="utf-8")
    assert run(*args, "--force").code == 0
    assert (tmp_path / "ejemplo" / "agreement.es.yaml").read_text(encoding="utf-8") == before


def test_bad_input_is_one_line_not_a_traceback(tmp_path: Path, run: Runner) -> None:
    binary = tmp_path / "x.txt"
    binary.write_bytes(b"\xff\xfe\x00bad")
    result = run("import", str(binary), "--into", str(tmp_path / "c"))
    assert result.code == 2 and "not UTF-8" in result.err and "Traceback" not in result.err
    missing = run("import", str(tmp_path / "absent.txt"), "--into", str(tmp_path / "c"))
    assert missing.code == 2 and "absent.txt" in missing.err
    assert run("import", str(PUBLICATIONS / "A-71-900.en.txt"), "--into", str(tmp_path), "--lang", "xx").code == 2


def test_lang_overrides_detection(tmp_path: Path) -> None:
    result = import_texts([PUBLICATIONS / "A-71-900.fr.txt"], tmp_path, "x", lang="fr")
    assert result.sources[0].how == "--lang"
    with pytest.raises(UsageFailure):
        import_texts([PUBLICATIONS / "A-71-900.fr.txt"], tmp_path, "x", lang="de")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Le Secrétaire général de l’Organisation des Nations Unies et le Directeur", "fr"),
        ("El Secretario General de las Naciones Unidas y el Director General de la", "es"),
        ("The Secretary-General of the United Nations and the Director General", "en"),
        ("Генеральный секретарь Организации Объединенных Наций", "ru"),
        ("الأمين العام للأمم المتحدة", "ar"),
        ("联合国秘书长和国际移民组织总干事", "zh"),
    ],
)
def test_language_from_script_and_wording(text: str, lang: str) -> None:
    assert detect_language(text)[0] == lang


@pytest.mark.parametrize(
    ("token", "lang", "want"),
    [
        ("5", "en", "5"),
        ("premier", "fr", "1"),
        ("primero", "es", "1"),
        ("十六", "zh", "16"),
        ("٣", "ar", "3"),
        ("XII", "en", "12"),
    ],
)
def test_article_numbers_in_every_language(token: str, lang: str, want: str) -> None:
    assert number(token, lang) == want


def test_point_letters_by_their_position() -> None:
    assert [point_letter(c, "ru") for c in "абв"] == ["a", "b", "c"]
    assert [point_letter(c, "ar") for c in "أبجد"] == ["a", "b", "c", "d"]
    assert point_letter("b", "fr") == "b"


def test_furniture_and_line_joining() -> None:
    text = (
        "A/71/900\n\n 1. The United Nations and\nthe Organization agree. \n\n17-07000 (E)    030517\n*1707000*\n"
        "http://undocs.org/en/A/RES/71/20\n\nA/71/900\n\n2/3 17-07000 (E)\n\n 2. Second paragraph. \n"
    )
    layout = read(text, RULES["en"])
    assert [b.text for b in layout.blocks] == [
        "1. The United Nations and the Organization agree.",
        "2. Second paragraph.",
    ]
    assert layout.symbol == "A/71/900"
    zh = read(" 1. 联合国和\n\n示范组织同意。 \n\n3/8 16-11790 (C)\n", RULES["zh"])
    assert [b.text for b in zh.blocks] == ["1. 联合国和示范组织同意。"]


def test_arabic_stays_in_logical_order(tmp_path: Path) -> None:
    result = import_texts([PUBLICATIONS / "A-71-900.ar.txt"], tmp_path, "x")
    agreement = next(d for d in result.drafts if d.key == "agreement")
    text = agreement.texts()["art_1"]
    assert text.startswith("يحدد")  # the first word read first: nothing reversed for display
    assert agreement.body[2]["article"] == "3"  # المادة ٣


def parse_text(text: str, lang: str) -> list[Draft]:
    """A small publication in Word's export layout: every paragraph ends with a space."""
    from unagree_cli.importer.parse import parse_file

    layout = read("\n".join(line + " " for line in text.strip("\n").split("\n")), RULES[lang])
    drafts, _ = parse_file(layout, RULES[lang], "case.txt")
    return drafts


def test_a_french_resolution_with_its_masthead() -> None:
    text = """Nations Unies A/RES/70/296
Assemblée générale Distr. générale
5 août 2016
Soixante-dixième session
Point 175 de l’ordre du jour
Résolution adoptée par l’Assemblée générale le 25 juillet 2016
70/296. Accord régissant les relations entre l’Organisation des Nations Unies et l’Organisation internationale
 L’Assemblée générale,
 Rappelant sa résolution 70/263 du 27 avril 2016,
 1. Approuve le projet d’accord ;
 2. Prend note de l’article 12 ;
112e séance plénière
25 juillet 2016"""
    (draft,) = parse_text(text, "fr")
    assert draft.key == "resolution" and draft.preface[-2:] == ["70/296.", draft.meta["title"]]
    assert draft.meta | {"source": ""} == {
        "symbol": "A/RES/70/296",
        "component": "",
        "title": "Accord régissant les relations entre l’Organisation des Nations Unies"
        " et l’Organisation internationale",
        "date": "2016-07-25",
        "session": 70,
        "agenda_item": "175",
        "plenary_meeting": 112,
        "status": "adopted",
        "source": "",
    }
    assert draft.texts()["para_2"] == "Prend note de l’article 12 ;"
    assert draft.conclusions == [{"p": "112e séance plénière"}, {"p": "25 juillet 2016"}]


def test_a_chinese_resolution_ends_with_its_date_and_meeting() -> None:
    text = """大会2016年7月25日通过的决议
70/296. 联合国与国际移民组织间关系协定
 大会，
 1. 批准协定草案；
2016年7月25日
第112次全体会议"""
    (draft,) = parse_text(text, "zh")
    assert draft.key == "resolution" and draft.parties == ["联合国", "国际移民组织"]
    assert draft.texts()["para_1"] == "批准协定草案；"
    assert draft.meta["plenary_meeting"] == 112 and len(draft.conclusions) == 2


def test_divisions_headings_and_inline_article_headings() -> None:
    text = """Agreement between the United Nations and the Foo Organization
 The Parties,
 Have agreed as follows:
Chapter I
General provisions
Article 1. Purpose
 The present Agreement defines things.
Chapter II
Article 2
Scope
 1. It applies here.
 In witness whereof, the undersigned have signed.
For the United Nations: For the Foo Organization:
A. Person
Secretary-General
B. Person
Director-General"""
    (draft,) = parse_text(text, "en")
    texts = draft.texts()
    assert texts["art_1#heading"] == "Purpose" and texts["art_2#heading"] == "Scope"
    assert texts["art_2__para_1"] == "It applies here."
    assert texts["conclusions__signature_2"] == "For the Foo Organization:\nB. Person\nDirector-General"
    assert any("division 'Chapter I General provisions'" in item for item in draft.review)
    assert any("division 'Chapter II'" in item for item in draft.review)


def test_section_headings_of_a_note_and_points_in_a_recital() -> None:
    (note,) = parse_text("Note by the Secretary-General\n1. First.\nII. Background\n2. Second.", "en")
    assert note.texts() == {"para_1": "First.", "para_2": "Second."}
    assert any("section heading 'II. Background'" in item for item in note.review)
    (resolution,) = parse_text("Draft resolution\n The General Assembly,\n Recalling:\n (a) one;\n 1. Decides.", "en")
    assert resolution.texts()["preamble__rec_1"] == "Recalling: (a) one;"
    assert resolution.meta["status"] == "draft"


def test_without_words_paragraph_marks_indentation_still_separates_paragraphs(tmp_path: Path) -> None:
    """Trailing spaces stripped (as an editor may do): most units survive, and the set still validates."""
    stripped = tmp_path / "A-70-976.zh.txt"
    lines = GOLD_FILES[1].read_text(encoding="utf-8").split("\n")
    stripped.write_text("\n".join(line.rstrip() for line in lines), encoding="utf-8")
    result = run([stripped], tmp_path / "corpus", "x")
    assert not result.problems, result.problems
    gold = gold_units()
    mine = imported_units(result.drafts)
    pairs = [(key, eid) for key in gold if key[1] == "zh" for eid in gold[key]]
    same = sum(1 for key, eid in pairs if mine.get(key, {}).get(eid) == gold[key][eid])
    assert same / len(pairs) >= 0.8


@pytest.mark.parametrize("seed", range(12))
def test_scrambled_publications_give_a_valid_set_or_one_line(seed: int, tmp_path: Path) -> None:
    """Lines shuffled, cut or mixed across languages: the importer never crashes and what it writes validates."""
    import random

    rng = random.Random(seed)
    texts = [p.read_text(encoding="utf-8").split("\n") for p in sorted(PUBLICATIONS.glob("*.txt")) + GOLD_FILES]
    for case in range(4):
        lines = list(rng.choice(texts))
        if case == 0:
            rng.shuffle(lines)
        elif case == 1:
            start = rng.randrange(len(lines))
            lines = lines[start : start + rng.randint(1, 60)]
        else:
            lines = [rng.choice(rng.choice(texts)) for _ in range(rng.randint(1, 80))]
        source = tmp_path / f"case{case}.txt"
        source.write_text("\n".join(lines), encoding="utf-8")
        try:
            result = run([source], tmp_path / f"corpus{case}", "x")
        except UsageFailure as exc:
            assert "\n" not in str(exc)
            continue
        assert not result.problems, result.problems


def test_never_writes_into_the_shipped_corpus(run: Runner) -> None:
    before = sorted((p.name, p.stat().st_mtime_ns) for p in bundled_corpus().rglob("*"))
    result = run("import", str(PUBLICATIONS / "A-71-900.en.txt"), "--into", str(bundled_corpus()), "--force")
    assert result.code == 2 and "shipped with unagree" in result.err
    assert sorted((p.name, p.stat().st_mtime_ns) for p in bundled_corpus().rglob("*")) == before


def test_a_heading_on_the_article_line_in_chinese() -> None:
    text = "联合国同示范组织间关系协定\n 联合国和示范组织，\n 兹议定如下：\n"
    text += "第一条 目的\n 本协定规定条件。\n第二条\n合作\n 双方应合作。"
    (draft,) = parse_text(text, "zh")
    assert [(e["article"], e["heading"], e["text"]) for e in draft.body] == [
        ("1", "目的", "本协定规定条件。"),
        ("2", "合作", "双方应合作。"),
    ]


def test_a_wrapped_text_without_blank_lines_or_paragraph_marks() -> None:
    from unagree_cli.importer.parse import parse_file

    text = """Draft resolution
The General Assembly,
Recalling its resolution 1/1 of the General Assembly adopted on the first day of the year in which,
1. Decides to do this and that and many other things that are needed in the present circumstances
of the world and beyond;
2. Requests more."""
    layout = read(text, RULES["en"])
    assert layout.mode == "wrapped"
    (draft,) = parse_file(layout, RULES["en"], "case.txt")[0]
    assert draft.preface == ["Draft resolution"]
    assert draft.texts()["para_1"].endswith("circumstances of the world and beyond;")
    assert draft.texts()["preamble__rec_1"].startswith("Recalling")
