"""The reader application, driven headless by Textual's pilot: every key and toggle, sizes, NO_COLOR, a snapshot."""

from __future__ import annotations

import asyncio
import io
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("textual")

from rich.console import Console
from rich.style import Style
from textual.pilot import Pilot as TextualPilot
from textual.widgets import OptionList

from unagree_cli.corpus import load
from unagree_cli.model import TreatySet
from unagree_cli.reader.app import (
    COUNTERPART_STYLE,
    DEONTIC_STYLES,
    FINDING_MARK,
    FINDING_STYLE,
    KeysScreen,
    ReaderApp,
    UnitRow,
    screenshot_svg,
)
from unagree_cli.reader.data import Book, Place

pytestmark = pytest.mark.slow  # Textual's headless pilot: seconds per test; `make test-fast` leaves them out

ROOT = Path(__file__).resolve().parent.parent
POLAR = ROOT / "tests" / "fixtures" / "polar"
SNAPSHOT_TEXT = ROOT / "tests" / "data" / "reader_120x40.txt"
SNAPSHOT_SVG = ROOT / "docs" / "reader.svg"
UPDATE = os.environ.get("UNAGREE_UPDATE_SNAPSHOTS") == "1"

Pilot = TextualPilot[None]
Scenario = Callable[[ReaderApp, Pilot], Awaitable[None]]


def drive(book: Book, scenario: Scenario, size: tuple[int, int] = (120, 40), **options: Any) -> ReaderApp:
    """Run the reader headless at ``size`` and play ``scenario`` on it."""
    app = ReaderApp(book, **options)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            while app.loading:  # the rows left out of the first paint
                await pilot.pause(0.01)
            await scenario(app, pilot)

    asyncio.run(main())
    return app


def screen_text(app: ReaderApp) -> str:
    """What the terminal shows, as plain text."""
    console = Console(
        width=app.size.width,
        height=app.size.height,
        file=io.StringIO(),
        record=True,
        force_terminal=True,
        color_system=None,
        legacy_windows=False,
    )
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


async def keys(pilot: Pilot, *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def type_in(pilot: Pilot, prompt_key: str, text: str) -> None:
    await keys(pilot, prompt_key)
    await pilot.press(*text)
    await keys(pilot, "enter")


@pytest.fixture
def book(treaty: TreatySet) -> Book:
    return Book(treaty, list(treaty.languages))


@pytest.fixture(scope="module")
def polar() -> TreatySet:
    return load(POLAR)


def test_first_screen_at_120x40_matches_the_snapshot(book: Book) -> None:
    shots: dict[str, str] = {}

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        shots["text"] = screen_text(app)

    drive(book, scenario)
    text = shots["text"] + "\n"
    if UPDATE or not SNAPSHOT_TEXT.exists():
        SNAPSHOT_TEXT.write_text(text, "utf-8")
    assert text == SNAPSHOT_TEXT.read_text("utf-8"), "run with UNAGREE_UPDATE_SNAPSHOTS=1 to accept the new screen"
    assert "agreement:preamble" in text.splitlines()[0]
    assert "English (en)" in text and "中文 (zh)" in text


def test_the_readme_screenshot_is_what_the_reader_shows(book: Book) -> None:
    """docs/reader.svg: article 10 at 120x40 with QA findings on, a cross-reference selected."""
    shots: dict[str, str] = {}

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await keys(pilot, "f", "tab")
        shots["svg"] = screenshot_svg(app)
        shots["text"] = screen_text(app)

    drive(book, scenario, start=book.locate("10", book.first()))
    if UPDATE or not SNAPSHOT_SVG.exists():
        SNAPSHOT_SVG.write_text(shots["svg"], "utf-8")
    assert shots["svg"] == SNAPSHOT_SVG.read_text("utf-8"), "run with UNAGREE_UPDATE_SNAPSHOTS=1 to refresh it"
    assert "agreement:10 · Article 10" in shots["text"] and FINDING_MARK in shots["text"]


def test_opening_at_a_reference_shows_it(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        assert app.place == Place("agreement", "art_5__para_2")
        text = screen_text(app)
        assert text.splitlines()[0].strip().startswith("agreement:5.2 · Article 5 Reciprocal representation")
        record = book.record(app.place)
        assert record.text["en"].split()[1] in text

    drive(book, scenario, start=book.locate("5.2", book.first()))


def test_down_up_j_k_move_unit_by_unit(book: Book) -> None:
    records = book.records("agreement")

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await keys(pilot, "down", "j")
        assert app.place.eid == records[2].eid
        await keys(pilot, "k")
        assert app.place.eid == records[1].eid
        await keys(pilot, "up", "up")
        assert app.cursor == 0
        assert book.address(app.place) in screen_text(app).splitlines()[0]  # the top line follows the cursor

    drive(book, scenario)


def test_page_and_edge_keys(book: Book) -> None:
    records = book.records("agreement")

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await keys(pilot, "pagedown")
        first_page = app.cursor
        assert first_page > 1
        await keys(pilot, "space")
        second_page = app.cursor
        assert second_page > first_page
        await keys(pilot, "pageup")
        assert app.cursor < second_page
        await keys(pilot, "b", "b", "b")
        assert app.cursor == 0
        await keys(pilot, "end")
        assert app.place.eid == records[-1].eid
        await keys(pilot, "home")
        assert app.cursor == 0

    drive(book, scenario)


def test_brackets_move_by_article(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "5.2")
        await keys(pilot, "right_square_bracket")
        assert app.place.eid == "art_6"
        await keys(pilot, "left_square_bracket")
        assert app.place.eid == "art_5"

    drive(book, scenario)


@pytest.mark.parametrize(
    ("typed", "address"),
    [
        ("13", "agreement:13"),
        ("3.2(a)", "agreement:3.2(a)"),
        ("第五条", "agreement:5"),
        ("resolution:3", "resolution:3"),
    ],
)
def test_g_goes_to_a_reference_as_the_cli_accepts_it(book: Book, typed: str, address: str) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", typed)
        assert book.address(app.place) == address
        assert screen_text(app).splitlines()[0].strip().startswith(address)
        assert app.history == [book.first()]

    drive(book, scenario)


def test_g_with_a_bad_reference_says_why_and_stays(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "17")
        assert app.place == book.first()
        assert "has no article 17" in app.message
        await keys(pilot, "g")
        await pilot.press("1")
        await keys(pilot, "escape")
        assert app.place == book.first() and app.focused is None

    drive(book, scenario)


def test_slash_searches_both_languages_and_n_moves_between_hits(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "slash", "Director General")
        hits = book.search("Director General")
        assert len(hits) > 2
        assert app.place == hits[0].place or app.place in [h.place for h in hits]
        start = app.hit_index
        await keys(pilot, "n")
        assert app.place == hits[(start + 1) % len(hits)].place
        await keys(pilot, "N", "N")
        assert app.place == hits[(start - 1) % len(hits)].place
        assert f"/Director General {app.hit_index + 1}/{len(hits)}" in screen_text(app).splitlines()[0]
        await type_in(pilot, "slash", "总干事")
        assert app.search_hits and all("zh" in {lang for lang, _ in h.spans} for h in app.search_hits)
        await type_in(pilot, "slash", "no such words anywhere")
        assert app.message.startswith("no match for 'no such words anywhere'")
        await keys(pilot, "n")
        assert app.message.startswith("no search yet")

    drive(book, scenario)


def test_search_hits_are_marked_in_the_rows(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "slash", "laissez-passer")
        row = app.rows[app.cursor]
        styles = _styles_of(row, "laissez-passer")
        assert any(style.reverse for style in styles)
        await keys(pilot, "escape")
        assert not app.search_hits and not any(style.reverse for style in _styles_of(row, "laissez-passer"))

    drive(book, scenario)


def test_tab_selects_links_enter_follows_backspace_comes_back(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "10")
        origin = app.place
        links = book.links("agreement")[origin.eid]
        await keys(pilot, "tab")
        assert app.rows[app.cursor].selected_link == 0
        assert "Enter follows" in app.message
        await keys(pilot, "tab")
        assert app.rows[app.cursor].selected_link == 1 % len(links)
        await keys(pilot, "shift+tab", "enter")
        assert app.place == book.link_target(links[0])
        assert book.address(app.place) == links[0].address
        await keys(pilot, "backspace")
        assert app.place == origin
        await keys(pilot, "backspace")
        assert app.place == book.first()
        await keys(pilot, "backspace")
        assert app.message == "nothing to go back to"
        await keys(pilot, "enter")
        assert app.message.startswith("no cross-reference in")

    drive(book, scenario)


def test_links_are_drawn_with_a_mark(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "10")
        assert "Article 14 of this Agreement↗" in screen_text(app).replace("\n", " ").replace("  ", " ") or any(
            "↗" in line for line in screen_text(app).splitlines()
        )

    drive(book, scenario)


def _styles_of(row: UnitRow, words: str) -> list[Style]:
    """The styles of the characters of ``words`` as the row draws them."""
    console = Console(width=200, file=io.StringIO(), color_system="truecolor", force_terminal=True)
    segments = list(console.render(row.render(), console.options.update_width(200)))
    line = "".join(s.text for s in segments)
    at = line.find(words)
    assert at >= 0, words
    out: list[Style] = []
    position = 0
    for segment in segments:
        end = position + len(segment.text)
        if position < at + len(words) and end > at and segment.style is not None:
            out.append(segment.style)
        position = end
    return out


def test_d_toggles_deontic_words_by_modality(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "5.2")
        row = app.rows[app.cursor]
        assert app.view.deontic
        right = Style.parse(DEONTIC_STYLES["right"])
        assert any(s.underline == right.underline and s.color == right.color for s in _styles_of(row, "entitled"))
        permission = Style.parse(DEONTIC_STYLES["permission"])
        assert any(s.italic and s.color == permission.color for s in _styles_of(row, "may"))
        await keys(pilot, "d")
        assert not app.view.deontic and "not highlighted" in app.message
        assert not any(s.underline for s in _styles_of(row, "entitled"))
        await keys(pilot, "d")
        assert app.view.deontic

    drive(book, scenario)


def test_every_modality_stays_visible_without_colour() -> None:
    seen = set()
    for style in map(Style.parse, DEONTIC_STYLES.values()):
        plain = style.without_color
        attributes = (plain.bold, plain.italic, plain.underline, plain.reverse)
        assert any(attributes)
        seen.add(attributes)
    assert len(seen) == len(DEONTIC_STYLES)  # told apart without colour too
    finding = Style.parse(FINDING_STYLE).without_color
    assert (finding.bold, finding.italic, finding.underline, finding.reverse) not in seen  # so are finding words


def test_f_marks_findings_and_m_shows_the_message(book: Book) -> None:
    found = book.findings("agreement")
    eid = next(e for e in found if e)
    record = next(r for r in book.records("agreement") if r.eid == eid)

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", f"agreement:{record.ref}")
        app.move_to(book.index(Place("agreement", eid)))
        await pilot.pause()
        assert FINDING_MARK not in screen_text(app).split("\n", 1)[1]
        await keys(pilot, "f")
        assert app.view.findings
        assert f"{FINDING_MARK}{len(found[eid])}" in screen_text(app)
        await keys(pilot, "m")
        detail = screen_text(app)
        assert found[eid][0].message.split()[0] in detail
        assert f"{found[eid][0].severity} {found[eid][0].check}" in detail
        await keys(pilot, "m", "f")
        assert not app.view.findings and FINDING_MARK not in screen_text(app).split("\n", 1)[1]

    drive(book, scenario)


def test_m_turns_findings_on_and_says_when_a_unit_has_none(book: Book) -> None:
    clean = next(r for r in book.records("agreement")[1:] if r.eid not in book.findings("agreement"))

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        app.move_to(book.index(Place("agreement", clean.eid)))
        await keys(pilot, "m")
        assert app.view.findings
        assert f"no QA findings on agreement:{clean.ref}" in screen_text(app)

    drive(book, scenario)


def test_p_shows_one_partys_obligations_then_the_next_then_all(polar: TreatySet) -> None:
    book = Book(polar, ["en", "zh"])
    first, second = book.parties()[:2]

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await keys(pilot, "p")
        assert app.view.party == first
        shown = {row.place.eid for row in app.rows if not row.has_class("-hidden")}
        assert shown == set(book.party_statements("agreement", first))
        assert f"{first} · " in screen_text(app)
        assert app.place.eid in shown
        await keys(pilot, "j")
        assert app.place.eid in shown
        await keys(pilot, "p")
        assert app.view.party == second
        assert {row.place.eid for row in app.rows if not row.has_class("-hidden")} == set(
            book.party_statements("agreement", second)
        )
        for _ in book.parties()[2:]:
            await keys(pilot, "p")
        await keys(pilot, "p")
        assert app.view.party is None and not any(row.has_class("-hidden") for row in app.rows)

    drive(book, scenario)


def test_y_copies_the_reference_and_text_with_osc52(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "5.2")
        await keys(pilot, "y")
        assert app.clipboard == book.copy_text(app.place)
        assert app.message.startswith("copied agreement:5.2")

    drive(book, scenario, environ={"TERM": "xterm-256color"})


@pytest.mark.parametrize(
    ("environ", "reason"),
    [
        ({"TERM_PROGRAM": "Apple_Terminal"}, "macOS Terminal"),
        ({"TERM": "linux"}, "Linux console"),
        ({"STY": "1234.pts-0.host"}, "GNU screen"),
    ],
)
def test_y_says_clearly_where_the_terminal_refuses(book: Book, environ: dict[str, str], reason: str) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await keys(pilot, "y")
        assert app.clipboard == ""
        assert app.message.startswith("not copied:") and reason in app.message

    drive(book, scenario, environ=environ)


def test_question_mark_lists_the_keys_and_any_key_closes(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await keys(pilot, "question_mark")
        assert isinstance(app.screen, KeysScreen)
        text = screen_text(app)
        for key in ("Backspace", "Enter", "go to a reference", "OSC 52"):
            assert key in text
        await keys(pilot, "x")
        assert not isinstance(app.screen, KeysScreen)

    drive(book, scenario)


def test_t_shows_the_table_of_contents_and_enter_goes_there(book: Book) -> None:
    entries = book.toc()
    target = next(i for i, e in enumerate(entries) if e.kind == "article" and e.place.eid == "art_3")

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        toc = app.query_one("#toc")
        assert not toc.has_class("-shown")  # 80 columns: the panes get the width
        await keys(pilot, "t")
        assert toc.has_class("-shown") and app.focused is toc
        app.query_one("#toc", OptionList).highlighted = target
        await keys(pilot, "enter")
        assert app.place == Place("agreement", "art_3")
        assert app.focused is None and not toc.has_class("-shown")

    drive(book, scenario, size=(80, 24))


def test_the_table_of_contents_lists_every_document(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        text = screen_text(app)
        for doc in book.docs:
            assert f"{doc} · " in text

    drive(book, scenario, size=(200, 60))


@pytest.mark.parametrize("key", ["q", "ctrl+c"])
def test_q_quits(book: Book, key: str) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await keys(pilot, key)
        assert not app.is_running

    drive(book, scenario)


@pytest.mark.parametrize("size", [(80, 24), (200, 60)])
def test_works_at_small_and_large_sizes(book: Book, size: tuple[int, int]) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "3.2(a)")
        lines = screen_text(app).splitlines()
        assert len(lines) == size[1]
        assert lines[0].strip().startswith("agreement:3.2(a)")
        assert max(len(line) for line in lines) <= size[0]
        assert "(a)" in "\n".join(lines[2:])

    drive(book, scenario, size=size)


def test_no_color_runs_monochrome_and_keeps_the_cursor_mark(book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        assert app.no_color
        await type_in(pilot, "g", "5.2")
        assert "▶5.2" in screen_text(app)

    drive(book, scenario)


def test_no_color_keeps_each_highlight_s_attributes_and_drops_its_colour(
    book: Book, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "5.2")
        row = app.rows[app.cursor]
        right, permission = _styles_of(row, "entitled"), _styles_of(row, "may")
        assert right and all(s.underline and s.color is None for s in right)  # no grey on grey: the text's colour
        assert permission and all(s.italic and s.underline and s.color is None for s in permission)
        await type_in(pilot, "slash", "Director General")
        assert any(s.reverse and s.color is None for s in _styles_of(app.rows[app.cursor], "总干事"))

    drive(book, scenario)


def test_one_pane_with_lang_en_on_the_polar_fixture(polar: TreatySet) -> None:
    book = Book(polar, ["en"])

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        text = screen_text(app)
        assert "English (en)" in text and "(zh)" not in text
        await type_in(pilot, "g", "3.2")
        assert app.place == Place("agreement", "art_3__para_2")
        assert "Antarctic Office" in screen_text(app)

    drive(book, scenario)


def _long_treaty(polar: TreatySet, articles: int) -> TreatySet:
    """The polar treaty set with an English agreement of ``articles`` articles (made in memory)."""
    import dataclasses

    from unagree_cli.model import Unit, Version

    units = [
        Unit(f"art_{n}", str(n), "article", str(n), f"Nordvald shall report on matter {n}.", heading=f"Matter {n}")
        for n in range(1, articles + 1)
    ]
    base = polar.versions[("agreement", "en")]
    version = Version("agreement", "en", base.path, dict(base.meta), [], units)
    return dataclasses.replace(polar, languages=["en"], versions={("agreement", "en"): version}, fingerprint="")


def test_a_long_document_opens_where_asked_and_the_rest_follows(polar: TreatySet) -> None:
    book = Book(_long_treaty(polar, 600), ["en"])

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        for _ in range(5):
            await pilot.pause()
        assert app.place == Place("agreement", "art_550")
        body = app.query_one("#body")
        assert all(row.is_mounted for row in app.rows) and len(app.rows) == 600
        row = app.rows[app.cursor]
        top = row.virtual_region.y - body.scroll_y
        assert 0 <= top < body.size.height  # still on the screen once the rows before it were mounted
        assert "Matter 550" in screen_text(app)
        await keys(pilot, "end")
        assert app.place == Place("agreement", "art_600")
        await keys(pilot, "home")
        assert app.place == Place("agreement", "art_1") and "Matter 1" in screen_text(app)

    drive(book, scenario, start=Place("agreement", "art_550"))


def test_control_characters_in_the_corpus_do_not_reach_the_terminal(polar: TreatySet) -> None:
    import dataclasses

    treaty = _long_treaty(polar, 3)
    version = treaty.versions[("agreement", "en")]
    hostile = dataclasses.replace(version.units[0], text="Nordvald shall \x1b[2J\x1b]52;c;AAAA\x07 pay.")
    version.units[0] = hostile
    book = Book(treaty, ["en"])

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        assert "␛[2J" in text

    drive(book, scenario)


def test_clicking_a_unit_makes_it_current(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        target = app.rows[2]
        await pilot.click(target)
        await pilot.pause()
        assert app.cursor == 2

    drive(book, scenario)


def test_clicking_a_cross_reference_follows_it(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "g", "10")
        origin = app.place
        link = book.links("agreement")[origin.eid][0]
        row = app.rows[app.cursor]
        for y in range(row.region.height):  # find the link on the screen and click it
            for x in range(row.region.width):
                style = row.get_style_at(x, y)
                if "@click" in style.meta:
                    await pilot.click(row, offset=(x, y))
                    await pilot.pause()
                    assert app.place == book.link_target(link)
                    assert app.history[-1] == origin
                    return
        raise AssertionError("no clickable cross-reference on the screen")

    drive(book, scenario)


def test_a_hostile_corpus_never_reaches_the_terminal(tmp_path: Path) -> None:
    from test_terminal_safety import UNSAFE, build_hostile_corpus

    treaty = load(build_hostile_corpus(tmp_path / "corpus"))
    book = Book(treaty, list(treaty.languages))
    screens: list[str] = []

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        screens.append(screen_text(app))
        for key in ("end", "t", "m", "p", "question_mark"):
            await keys(pilot, key)
            screens.append(screen_text(app))

    drive(book, scenario, size=(120, 40))
    for screen in screens:
        assert not UNSAFE.findall(screen), sorted(set(UNSAFE.findall(screen)))
    assert any("␛" in screen for screen in screens)  # the payload is shown, disarmed


def test_capital_p_shows_a_named_party_or_organ(book: Book) -> None:
    from unagree_cli.obligations import extract, find_party

    organ = find_party(book.treaty, "总干事")
    expected = {s.eid for s in extract(book.treaty, "agreement", "en") if organ.matches(s)}

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "P", "总干事")
        assert app.view.party == f"{organ.party}: {organ.organ}"
        shown = {row.place.eid for row in app.rows if not row.has_class("-hidden")}
        assert shown == expected and shown
        assert f"party {organ.party}: {organ.organ}" in screen_text(app).splitlines()[0]
        await type_in(pilot, "P", "WHO")
        assert app.message.startswith("WHO: unknown party 'WHO'; known: ")
        assert app.view.party == f"{organ.party}: {organ.organ}"
        await keys(pilot, "p")
        assert app.view.party == book.parties()[0]

    drive(book, scenario)


def test_an_empty_search_repeats_the_last_one(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "slash", "Secretary-General")
        first = app.hit_index
        await keys(pilot, "slash", "enter")
        assert app.view.query == "Secretary-General" and app.search_hits
        assert app.hit_index == first  # the same search, from the unit it is at

    drive(book, scenario)


def test_words_behind_a_finding_are_underlined_when_findings_are_shown(book: Book) -> None:
    found = book.findings("agreement")
    eid, lang, span = next(
        (e, lang, s)
        for e in found
        if e
        for lang, spans in book.finding_spans("agreement", e).items()
        for s in spans
        if len(book.record(Place("agreement", e)).text[lang][s.start : s.end].strip()) >= 2
    )
    words = book.record(Place("agreement", eid)).text[lang][span.start : span.end].strip()

    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        app.move_to(book.index(Place("agreement", eid)))
        await pilot.pause()
        row = app.rows[app.cursor]
        finding = Style.parse(FINDING_STYLE)
        assert not any(s.color == finding.color and s.underline for s in _styles_of(row, words))
        await keys(pilot, "f")
        assert all(s.underline for s in _styles_of(row, words)), words
        assert any(s.color == finding.color for s in _styles_of(row, words))
        await keys(pilot, "m")
        detail = app.query_one("#detail").render()
        assert words[:20] in str(detail), words
        await keys(pilot, "m", "f")
        assert not any(s.color == finding.color and s.underline for s in _styles_of(row, words))

    drive(book, scenario)


def test_slash_finds_the_variants_search_finds(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "slash", "arrangement")
        assert app.search_hits and not app.message.startswith("no match")
        plural = [
            h.place
            for h in app.search_hits
            if "arrangements" in book.record(h.place).text.get("en", "").lower()
            and "arrangement " not in book.record(h.place).text.get("en", "").lower()
        ]
        assert plural  # units that say only "arrangements" are hits of /arrangement
        await type_in(pilot, "g", book.address(plural[0]))
        row = app.rows[app.cursor]
        text = book.record(plural[0]).text["en"]
        at = text.lower().find("arrangements")
        assert any(s.reverse for s in _styles_of(row, text[at : at + len("arrangements")]))

    drive(book, scenario)


def test_a_hit_s_glossary_counterpart_is_marked_in_the_other_pane(book: Book) -> None:
    async def scenario(app: ReaderApp, pilot: Pilot) -> None:
        await type_in(pilot, "slash", "Secretary-General")
        hit = app.search_hits[app.hit_index]
        spans = hit.spans.get(("zh", "text"), []) or hit.spans.get(("zh", "heading"), [])
        assert spans and all(s.note.startswith("glossary") for s in spans)
        record = book.record(hit.place)
        zh = (record.text.get("zh") or "")[spans[0].start : spans[0].end]
        row = app.rows[app.cursor]
        counterpart = Style.parse(COUNTERPART_STYLE)
        assert zh and any(s.reverse and s.color == counterpart.color for s in _styles_of(row, zh))
        from unagree_cli.search import compile_query, search

        expected = search(book.treaty, compile_query("Secretary-General", book.langs))
        assert f"({sum(len(h.matches) for h in expected)} matches)" in app.message  # counterparts are not matches

    drive(book, scenario)
