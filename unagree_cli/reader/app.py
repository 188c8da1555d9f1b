"""The reader's Textual application: one pane per language, unit by unit, with a table of contents.

Every unit is one row holding the unit in each language side by side, so the
languages stay aligned unit by unit and scroll together. The row under the
cursor is the current unit; its reference is always shown on the top line.
All the data comes from :class:`~unagree_cli.reader.data.Book`.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
from dataclasses import dataclass, field
from typing import Any, ClassVar

from rich.cells import cell_len
from rich.console import RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..highlight import Span
from ..model import Record
from ..patterns import lazy
from ..search import SPACELESS_LANGS
from .data import Book, Link, Place, ReaderError, SearchHit, safe
from .layout import SideBySide

# Each modality keeps a text attribute of its own, so the highlight stays readable without colour (NO_COLOR).
DEONTIC_STYLES = {
    "obligation": "bold underline dark_orange",
    "permission": "italic underline green",
    "right": "underline dodger_blue2",
    "prohibition": "bold reverse red",
    "recognition": "italic magenta",
}
LINK_STYLE = "underline cyan"
LINK_MARK = "↗"
SELECTED_LINK_STYLE = "bold reverse cyan"
HIT_STYLE = "bold reverse yellow"
COUNTERPART_STYLE = "bold reverse khaki1"  # a hit's glossary counterpart in the other language
FINDING_STYLE = "bold italic underline red"  # the words behind a QA finding; told apart from every modality in NO_COLOR
FINDING_MARK = "⚑"
CURSOR_MARK = "▶"
FIRST_ROWS = 15  # at least this many units (half the screen's lines) from the start are in the first paint
LEAD_ROWS = 200  # up to this many units before the start are mounted before the first paint too
OSC52_LIMIT = 100_000  # characters: larger payloads are cut or dropped by most terminals

KEYS: list[tuple[str, str]] = [
    ("↓ j  ↑ k", "next / previous unit (the panes scroll together)"),
    ("PgDn space  PgUp b", "next / previous screen"),
    ("] [", "next / previous article (or part)"),
    ("Home End", "first / last unit of the document"),
    ("g", "go to a reference: 13, 3.2(a), 第五条, preamble.2, resolution:3"),
    ("/", "search both languages (the rules of `unagree search`)"),
    ("n N", "next / previous search hit"),
    ("Tab  Shift+Tab", "select the next / previous cross-reference in the unit"),
    ("Enter", "follow the selected cross-reference"),
    ("Backspace", "go back to where you were before the last jump"),
    ("mouse", "click a unit to make it current, a cross-reference to follow it"),
    ("d", "deontic words by modality: on / off"),
    ("f", "QA findings marked on their units (⚑): on / off"),
    ("m", "the messages of the current unit's findings: show / hide"),
    ("p", "only one party's obligations: next party / all"),
    ("P", "only the obligations of a party or organ you name (IOM, 联合国, Director General)"),
    ("t", "table of contents: show and focus / hide"),
    ("y", "copy the current unit's reference and text (OSC 52)"),
    ("?", "this list of keys"),
    ("q", "quit"),
]


def clipboard_refusal(environ: dict[str, str] | None = None) -> str:
    """Why the terminal will not take an OSC 52 copy, when that can be known; empty otherwise."""
    env = dict(os.environ if environ is None else environ)
    if env.get("TERM_PROGRAM") == "Apple_Terminal":
        return "macOS Terminal does not accept OSC 52 copies (iTerm2, kitty, WezTerm and most others do)"
    if env.get("TERM", "") == "linux":
        return "the Linux console does not accept OSC 52 copies"
    if env.get("STY"):
        return "GNU screen does not pass OSC 52 copies on to the terminal"
    if env.get("TMUX"):
        try:
            setting = subprocess.run(
                ["tmux", "show-options", "-gv", "set-clipboard"], capture_output=True, text=True, timeout=2, check=False
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            setting = ""
        if setting in ("off", "external"):
            return f"tmux has set-clipboard {setting}; run: tmux set -g set-clipboard on"
    return ""


def paint(style: str, mono: bool = False) -> Style:
    """A style of this module; with ``mono`` (NO_COLOR) its attributes only.

    Textual turns colours into greys under NO_COLOR, and a dark grey word on a dark background is
    harder to read than no mark at all: each highlight keeps its attributes and the text its colour.
    """
    parsed = Style.parse(style)
    return parsed.without_color if mono else parsed


def spans_text(
    text: str, spans: list[tuple[Span, str]], links: list[tuple[Link, bool, str]], mono: bool = False
) -> Text:
    """``text`` with styled spans, and a mark after each link; a click on a link runs its action."""
    styled = Text(safe(text))
    for span, style in spans:
        styled.stylize(paint(style, mono), span.start, span.end)
    marks: list[tuple[int, Style]] = []
    for link, selected, action in links:
        link_style = paint(SELECTED_LINK_STYLE if selected else LINK_STYLE, mono) + Style(meta={"@click": action})
        styled.stylize(link_style, link.start, link.end)
        marks.append((link.end, link_style))
    if not marks:
        return styled
    out = Text()
    cursor = 0
    for end, mark_style in sorted(marks, key=lambda mark: mark[0]):
        out.append_text(styled[cursor:end])
        out.append(LINK_MARK, style=mark_style)
        cursor = end
    out.append_text(styled[cursor:])
    return out


_SVG_TEXT = lazy(r'textLength="([0-9.]+)"([^>]*)>([^<]*)</text>')


def screenshot_svg(app: App[Any], title: str = "unagree read") -> str:
    """The screen as SVG, with Chinese (two cells a character) as wide as it is in the terminal.

    Rich's SVG export sizes each run of text by its number of characters, which squeezes wide
    characters into half their width; each run is given its width in cells instead.
    """
    svg = app.export_screenshot(title=title)

    def widen(match: re.Match[str]) -> str:
        text = html.unescape(match.group(3))
        if not text:
            return match.group()
        per_char = float(match.group(1)) / len(text)
        return f'textLength="{round(per_char * cell_len(text), 1):g}"{match.group(2)}>{match.group(3)}</text>'

    return _SVG_TEXT.sub(widen, svg)


@dataclass
class View:
    """What the rows draw: the toggles and the current state the app holds."""

    deontic: bool = True
    findings: bool = False
    party: str | None = None
    query: str = ""
    hits: dict[Place, SearchHit] = field(default_factory=dict)


class UnitRow(Widget):
    """One unit in every language, side by side, with its reference on the left."""

    DEFAULT_CSS = """
    UnitRow { height: auto; padding: 0 1 1 0; }
    UnitRow.-current { background: $boost; }
    UnitRow.-hidden { display: none; }
    """

    def __init__(self, reader: ReaderApp, place: Place, position: int) -> None:
        super().__init__()
        self.reader = reader
        self.place = place
        self.position = position
        self.current = False
        self.selected_link = -1

    def on_click(self, event: events.Click) -> None:
        self.reader.move_to(self.position, top=False)

    def render(self) -> RenderableType:
        book, view = self.reader.book, self.reader.view
        record = book.record(self.place)
        findings = book.findings(self.place.doc).get(record.eid, []) if view.findings else []
        ref = Text((CURSOR_MARK if self.current else " ") + safe(record.ref), style="bold" if self.current else "dim")
        if findings:
            ref.append(f"\n {FINDING_MARK}{len(findings)}", style="bold red")
        deontic = book.deontic(self.place.doc).get(record.eid, {}) if view.deontic else {}
        behind = book.finding_spans(self.place.doc, record.eid) if findings else {}
        links = book.links(self.place.doc).get(record.eid, [])
        hit = view.hits.get(self.place)
        cells = [
            (
                self._cell(record, lang, deontic.get(lang, []), behind.get(lang, []), links, hit),
                lang in SPACELESS_LANGS,
            )
            for lang in book.langs
        ]
        notes = None
        if view.party is not None:
            said = book.party_statements(self.place.doc, view.party).get(record.eid, [])
            if said:
                notes = Text()
                for statement in said:
                    if notes:
                        notes.append("\n")
                    notes.append(
                        f"{view.party} · {statement.modality}",
                        style=paint(DEONTIC_STYLES[statement.modality], self.reader.no_color),
                    )
                    notes.append(f" ({safe(statement.marker)}) {safe(statement.actor)}: {safe(statement.action)}")
        return SideBySide(ref, cells, self.reader.ref_width, notes)

    def _cell(
        self,
        record: Record,
        lang: str,
        deontic: list[Span],
        behind: list[Span],
        links: list[Link],
        hit: SearchHit | None,
    ) -> Text:
        book = self.reader.book
        mono = self.reader.no_color
        mine = [link for link in links if link.lang == lang]
        every = self.reader.links_of(self.place)

        def with_selection(which: list[Link]) -> list[tuple[Link, bool, str]]:
            return [
                (
                    link,
                    self.current and every.index(link) == self.selected_link,
                    f"app.follow_at({self.position}, {every.index(link)})",
                )
                for link in which
            ]

        def hits(field_name: str) -> list[tuple[Span, str]]:
            return [
                (s, COUNTERPART_STYLE if s.note.startswith("glossary") else HIT_STYLE)
                for s in (hit.spans.get((lang, field_name), []) if hit else [])
            ]

        text = record.text.get(lang)
        heading = (record.heading or {}).get(lang)
        if text is None and heading is None:
            return Text("—", style="dim")
        label = book.label(record, lang)
        out = Text()
        if record.kind == "point":
            out.append("    ")
        if heading:
            out.append(f"{label} " if label else "", style="bold")
            head = spans_text(heading, hits("heading"), with_selection([k for k in mine if k.field == "heading"]), mono)
            head.stylize("bold")
            out.append_text(head)
            if text:
                out.append("\n")
        elif label:
            out.append(f"{label} ", style="bold")
        if text:
            spans = (
                [(s, DEONTIC_STYLES.get(s.kind, "bold")) for s in deontic]
                + [(s, FINDING_STYLE) for s in behind]
                + hits("text")
            )
            out.append_text(spans_text(text, spans, with_selection([k for k in mine if k.field == "text"]), mono))
        for note in record.extra.get("footnotes", []):
            words = note.get("text", {}).get(lang)
            if words:
                out.append(f"\n[{safe(str(note.get('marker', '')))}] {safe(words)}", style="dim")
        return out


class KeysScreen(ModalScreen[None]):
    """``?``: the keys, until any key is pressed."""

    DEFAULT_CSS = """
    KeysScreen { align: center middle; }
    KeysScreen > VerticalScroll { width: 90%; max-width: 100; height: auto; max-height: 100%;
                                  border: round $accent; background: $surface; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, what in KEYS:
            table.add_row(keys, what)
        mono = self.app.no_color
        legend = Text("\nDeontic words: ")
        for modality, style in DEONTIC_STYLES.items():
            legend.append(modality, style=paint(style, mono))
            legend.append(" ")
        legend.append("\nCross-references: ")
        legend.append(f"Article 14{LINK_MARK}", style=paint(LINK_STYLE, mono))
        legend.append("   Search hits: ")
        legend.append("hit", style=paint(HIT_STYLE, mono))
        legend.append(" ")
        legend.append("glossary counterpart", style=paint(COUNTERPART_STYLE, mono))
        legend.append(f"   Findings: {FINDING_MARK} ")
        legend.append("words behind a finding", style=paint(FINDING_STYLE, mono))
        legend.append("\nAny key closes this list.")
        with VerticalScroll():
            yield Static(_stack(table, legend), id="keys")

    def on_key(self, event: events.Key) -> None:
        event.stop()
        self.dismiss(None)


def _stack(*parts: RenderableType) -> RenderableType:
    from rich.console import Group

    return Group(*parts)


class ReaderApp(App[None]):
    """``unagree read``."""

    TITLE = "unagree read"
    ENABLE_COMMAND_PALETTE = False
    AUTO_FOCUS = None  # the keys move the reader, not the table of contents, until t focuses it
    CSS = """
    Screen { layout: vertical; }
    #where { height: 1; background: $primary; color: $text; text-style: bold; padding: 0 1; }
    #header { height: 1; padding: 0 2 0 0; text-style: bold; }  /* the rows' right padding and the scrollbar */
    #main { height: 1fr; }
    #toc { width: 32; max-width: 40%; border: none; border-right: solid $primary; display: none;
           text-wrap: nowrap; text-overflow: ellipsis; }
    #toc.-shown { display: block; }
    #reading { width: 1fr; }
    #body { height: 1fr; scrollbar-size-vertical: 1; }
    #doc-title { padding: 0 1 1 1; text-style: bold; }
    #bottom { height: auto; dock: bottom; }
    #detail { height: auto; max-height: 8; display: none; border-top: solid $warning; padding: 0 1; }
    #detail.-shown { display: block; }
    #prompt { display: none; }
    #prompt.-shown { display: block; }
    #message { height: 1; padding: 0 1; background: $panel; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "quit"),
        Binding("ctrl+c", "quit", show=False, priority=True),
        Binding("question_mark", "keys", "keys"),
        Binding("down,j", "move(1)", "next unit", show=False),
        Binding("up,k", "move(-1)", "previous unit", show=False),
        Binding("pagedown,space", "page(1)", show=False),
        Binding("pageup,b", "page(-1)", show=False),
        Binding("right_square_bracket", "part(1)", show=False),
        Binding("left_square_bracket", "part(-1)", show=False),
        Binding("home", "edge(0)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("g", "prompt('go')", "go to"),
        Binding("slash", "prompt('search')", "search"),
        Binding("n", "hit(1)", show=False),
        Binding("N", "hit(-1)", show=False),
        Binding("tab", "select_link(1)", show=False, priority=True),
        Binding("shift+tab", "select_link(-1)", show=False, priority=True),
        Binding("enter", "follow", show=False),
        Binding("backspace", "back", show=False),
        Binding("d", "toggle_deontic", show=False),
        Binding("f", "toggle_findings", show=False),
        Binding("m", "toggle_detail", show=False),
        Binding("p", "next_party", show=False),
        Binding("P", "prompt('party')", show=False),
        Binding("t", "toggle_toc", show=False),
        Binding("y", "copy", show=False),
        Binding("escape", "escape", show=False),
    ]

    def __init__(self, book: Book, start: Place | None = None, environ: dict[str, str] | None = None) -> None:
        super().__init__()
        self.book = book
        self.view = View()
        self.start = start or book.first()
        self.environ = environ
        self.doc = ""
        self.rows: list[UnitRow] = []
        self.cursor = 0
        self.history: list[Place] = []
        self.search_hits: list[SearchHit] = []
        self.hit_index = -1
        self.prompt_kind = ""
        self.detail = False
        self.message = ""
        self.ref_width = 8
        self.toc_entries = book.toc()
        self.loading = False  # True while the rows left out of the first paint are being mounted

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Static(id="where")
        with Horizontal(id="main"):
            yield OptionList(*[self._toc_option(e.kind, e.label) for e in self.toc_entries], id="toc")
            with Vertical(id="reading"):
                yield Static(id="header")
                yield VerticalScroll(id="body", can_focus=False)
        with Vertical(id="bottom"):
            yield Static(id="detail")
            yield Input(id="prompt")
            yield Static(id="message")

    @staticmethod
    def _toc_option(kind: str, label: str) -> Option:
        if kind == "document":
            return Option(Text(label, style="bold", no_wrap=True, overflow="ellipsis"))
        indent = "  " if kind in ("preamble", "article", "paragraph", "conclusions") else "    "
        return Option(Text(indent + label, no_wrap=True, overflow="ellipsis"))

    async def on_mount(self) -> None:
        if self.size.width >= 110:
            self.query_one("#toc").add_class("-shown")
        await self.show_place(self.start, top=True)
        self.say("? keys · g go to · / search · Enter follows a cross-reference · q quit")

    def on_resize(self, event: events.Resize) -> None:
        self._refresh_status()

    async def load_doc(self, doc: str, around: int = 0) -> None:
        """Fill the body with ``doc``'s units, one row each.

        The rows around ``around`` are mounted first, so the screen is drawn at once whatever the
        document's length; the others follow right after the first paint.
        """
        body = self.query_one("#body", VerticalScroll)
        await body.remove_children()
        records = self.book.records(doc)
        self.doc = doc
        self.ref_width = min(14, max([len(r.ref) for r in records] + [4]) + 1)
        self.rows = [UnitRow(self, Place(doc, r.eid), i) for i, r in enumerate(records)]
        self.cursor = 0
        title = Static(Text(self.book.doc_title(doc)), id="doc-title")
        # Rows appended after the first paint move nothing on the screen; rows inserted before it do (until the
        # scroll position is restored), so a window starts at the top unless the start is far down.
        first = 0 if around < LEAD_ROWS else max(0, around - 5)
        last = min(len(self.rows), max(first, around) + max(FIRST_ROWS, self.size.height // 2))
        await body.mount(*([title] if first == 0 else []), *self.rows[first:last])
        self._apply_filter()
        self._refresh_header()
        if first > 0 or last < len(self.rows):
            self.loading = True
            self.call_after_refresh(self._mount_rest, self.rows, title, first, last)

    async def _mount_rest(self, rows: list[UnitRow], title: Static, first: int, last: int) -> None:
        """Mount the rows left out of the first paint, keeping the current unit where it is on the screen."""
        if rows is not self.rows:  # another document was loaded meanwhile (and set loading itself)
            return
        body = self.query_one("#body", VerticalScroll)
        anchor = rows[self.cursor]
        offset = anchor.virtual_region.y - body.scroll_y
        if last < len(rows):
            await body.mount(*rows[last:])
        if first > 0:
            await body.mount(title, *rows[:first], before=rows[first])
        self._apply_filter()

        def restore() -> None:
            if rows is self.rows and anchor.is_mounted and first > 0:
                body.scroll_to(y=max(0, anchor.virtual_region.y - offset), animate=False)
            self.loading = False

        self.call_after_refresh(restore)

    async def show_place(self, place: Place, top: bool = True) -> None:
        if place.doc != self.doc:
            await self.load_doc(place.doc, self.book.index(place))
        self.move_to(self.book.index(place), top=top)

    def _refresh_header(self) -> None:
        cells = []
        for lang in self.book.langs:
            name = self.book.treaty.labels.get(lang, {}).get("language", lang)
            cells.append((Text(f"{safe(name)} ({lang})", style="bold", no_wrap=True, overflow="ellipsis"), False))
        header = SideBySide(Text(" Ref", style="dim"), cells, self.ref_width)
        self.query_one("#header", Static).update(header)

    # ------------------------------------------------------------ the cursor

    @property
    def place(self) -> Place:
        return self.rows[self.cursor].place if self.rows else Place(self.doc, "")

    def shown(self, position: int) -> bool:
        return not self.rows[position].has_class("-hidden")

    def move_to(self, position: int, top: bool = False) -> None:
        if not self.rows:
            return
        position = max(0, min(position, len(self.rows) - 1))
        if not self.shown(position):  # the nearest shown row after, else before
            after = [i for i in range(position, len(self.rows)) if self.shown(i)]
            before = [i for i in range(position, -1, -1) if self.shown(i)]
            position = (after or before or [position])[0]
        old = self.rows[self.cursor] if self.cursor < len(self.rows) else None
        if old is not None:
            old.current = False
            old.selected_link = -1
            old.remove_class("-current")
            old.refresh(layout=True)
        self.cursor = position
        row = self.rows[position]
        row.current = True
        row.add_class("-current")
        row.refresh(layout=True)
        self._scroll_to(row, top)
        self.call_after_refresh(self._scroll_to, row, top)  # again once rows shown or hidden have their layout
        self._refresh_status()
        self._sync_toc()

    def _scroll_to(self, row: UnitRow, top: bool) -> None:
        body = self.query_one("#body", VerticalScroll)
        if top and row.position == 0:
            body.scroll_home(animate=False)
        elif row.is_mounted:
            body.scroll_to_widget(row, animate=False, top=top)

    def _sync_toc(self) -> None:
        toc = self.query_one("#toc", OptionList)
        eid = self.place.eid
        best = None
        for index, entry in enumerate(self.toc_entries):
            if entry.place.doc != self.doc or entry.kind == "document":
                continue
            top = entry.place.eid.split("__")[0]
            if eid.split("__")[0] == top or (top.startswith("preamble") and eid.startswith("preamble")):
                best = index
                break
        if best is not None and toc.highlighted != best:
            toc.highlighted = best

    def _refresh_status(self) -> None:
        if not self.rows:
            return
        where = Text(self.book.where(self.place), no_wrap=True, overflow="ellipsis")
        flags = []
        if self.view.deontic:
            flags.append("deontic")
        if self.view.findings:
            flags.append(FINDING_MARK + "findings")
        if self.view.party:
            flags.append(f"party {self.view.party}")
        if self.view.query and self.search_hits:
            flags.append(f"/{self.view.query} {self.hit_index + 1}/{len(self.search_hits)}")
        if self.history:
            flags.append(f"back {len(self.history)}")
        grid = Table.grid(expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(where, Text("  " + " · ".join(flags) + "  ? keys"))
        self.query_one("#where", Static).update(grid)
        self._refresh_detail()

    def say(self, text: str) -> None:
        """One line at the bottom: what a key did, or why it could not."""
        self.message = text
        self.query_one("#message", Static).update(Text(text, no_wrap=True, overflow="ellipsis"))

    # ------------------------------------------------------------ moving

    def action_move(self, step: int) -> None:
        position = self.cursor + step
        while 0 <= position < len(self.rows) and not self.shown(position):
            position += step
        if 0 <= position < len(self.rows):
            self.move_to(position)

    def action_page(self, step: int) -> None:
        body = self.query_one("#body", VerticalScroll)
        height = max(1, body.scrollable_content_region.height)
        current = self.rows[self.cursor].virtual_region.y if self.rows else 0
        target = current + step * height
        candidates = [i for i, row in enumerate(self.rows) if self.shown(i)]
        if not candidates:
            return
        if step > 0:
            chosen = next((i for i in candidates if self.rows[i].virtual_region.y >= target), candidates[-1])
        else:
            chosen = next((i for i in reversed(candidates) if self.rows[i].virtual_region.y <= target), candidates[0])
        self.move_to(chosen, top=True)

    def action_part(self, step: int) -> None:
        """The next or previous article (or top-level part: preamble, paragraph, conclusions)."""
        tops = [row.place.eid.split("__")[0] for row in self.rows]
        here = tops[self.cursor] if self.rows else ""
        positions = range(self.cursor + 1, len(self.rows)) if step > 0 else range(self.cursor - 1, -1, -1)
        for position in positions:
            if tops[position] != here and self.shown(position):
                if step < 0:  # to the first unit of that part
                    while position > 0 and tops[position - 1] == tops[position]:
                        position -= 1
                self.move_to(position, top=True)
                return
        self.say("no further part in this document")

    def action_edge(self, end: int) -> None:
        self.move_to(len(self.rows) - 1 if end else 0, top=not end)

    async def jump(self, place: Place) -> None:
        """Go to ``place`` and remember where we were (Backspace comes back)."""
        if self.rows:
            self.history.append(self.place)
        await self.show_place(place, top=True)

    async def action_back(self) -> None:
        if not self.history:
            self.say("nothing to go back to")
            return
        place = self.history.pop()
        await self.show_place(place, top=True)
        self.say(f"back at {self.book.address(place)}")

    # ------------------------------------------------------------ prompt: go to, search

    def action_prompt(self, kind: str) -> None:
        prompt = self.query_one("#prompt", Input)
        self.prompt_kind = kind
        prompt.value = ""
        prompt.placeholder = {
            "go": "go to: 13, 3.2(a), 第五条, preamble.2, resolution:3 (Enter goes, Esc cancels)",
            "search": "search both languages (Enter searches; empty: the last search again; Esc cancels)",
            "party": f"party or organ: {', '.join(self.book.parties())}, or an organ's name (Enter, Esc cancels)",
        }[kind]
        prompt.add_class("-shown")
        prompt.focus()

    def _close_prompt(self) -> None:
        prompt = self.query_one("#prompt", Input)
        prompt.remove_class("-shown")
        self.set_focus(None)

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        kind = self.prompt_kind
        self._close_prompt()
        if not value and kind == "search" and self.view.query:
            value = self.view.query
        if not value:
            return
        try:
            if kind == "go":
                place = self.book.locate(value, self.place)
                await self.jump(place)
                self.say(f"at {self.book.address(place)}")
            elif kind == "party":
                self.set_party(self.book.choose_party(value))
            else:
                await self.search(value)
        except ReaderError as exc:
            self.say(f"{value}: {exc}")

    async def search(self, text: str) -> None:
        hits = self.book.search(text)
        self.view.query = text
        self.view.hits = {hit.place: hit for hit in hits}
        self.search_hits = hits
        self.hit_index = -1
        for row in self.rows:
            row.refresh(layout=True)
        if not hits:
            self.say(f"no match for '{text}' ({', '.join(self.book.langs)})")
            self._refresh_status()
            return
        here = (self.book.docs.index(self.doc), self.cursor)
        order = [(self.book.docs.index(h.place.doc), self.book.index(h.place)) for h in hits]
        self.hit_index = next((i for i, key in enumerate(order) if key >= here), 0)
        await self._go_to_hit()

    async def _go_to_hit(self) -> None:
        hit = self.search_hits[self.hit_index]
        if self.view.party and hit.place.doc == self.doc and self.rows[self.book.index(hit.place)].has_class("-hidden"):
            self.view.party = None
            self._apply_filter()
        if (hit.place.doc, hit.place.eid) != (self.doc, self.place.eid):
            await self.jump(hit.place)
        units = len(self.search_hits)
        matches = sum(h.matches for h in self.search_hits)
        self.say(
            f"'{self.view.query}': hit {self.hit_index + 1} of {units} units ({matches} matches) "
            f"at {self.book.address(hit.place)}; n next, N previous"
        )
        self._refresh_status()

    async def action_hit(self, step: int) -> None:
        if not self.search_hits:
            self.say("no search yet: press / to search")
            return
        self.hit_index = (self.hit_index + step) % len(self.search_hits)
        await self._go_to_hit()

    def action_escape(self) -> None:
        if self.query_one("#prompt", Input).has_class("-shown"):
            self._close_prompt()
            self.say("")
        elif self.focused is not None:
            self.set_focus(None)
        elif self.view.query:
            self.view.query = ""
            self.view.hits = {}
            self.search_hits = []
            for row in self.rows:
                row.refresh(layout=True)
            self.say("search cleared")
            self._refresh_status()

    # ------------------------------------------------------------ cross-references

    def links_of(self, place: Place) -> list[Link]:
        return self.book.links(place.doc).get(place.eid, [])

    def action_select_link(self, step: int) -> None:
        if isinstance(self.focused, (Input, OptionList)):
            return
        links = self.links_of(self.place)
        if not links:
            self.say(f"no cross-reference in {self.book.address(self.place)}")
            return
        row = self.rows[self.cursor]
        row.selected_link = (row.selected_link + step) % len(links) if row.selected_link >= 0 or step > 0 else -1
        if row.selected_link < 0:
            row.selected_link = len(links) - 1
        row.refresh(layout=True)
        link = links[row.selected_link]
        self.say(f"{link.text} → {link.address}  (Enter follows)")

    async def action_follow(self) -> None:
        links = self.links_of(self.place)
        if not links:
            self.say(f"no cross-reference in {self.book.address(self.place)}")
            return
        row = self.rows[self.cursor]
        link = links[max(row.selected_link, 0)]
        try:
            target = self.book.link_target(link)
        except ReaderError as exc:
            self.say(str(exc))
            return
        await self.jump(target)
        self.say(f"followed {link.text} to {link.address}; Backspace goes back")

    async def action_follow_at(self, position: int, index: int) -> None:
        """A click on a cross-reference: that unit becomes current and the link is followed."""
        if not 0 <= position < len(self.rows):
            return
        self.move_to(position)
        self.rows[position].selected_link = index
        await self.action_follow()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.toc_entries[event.option_index]
        self.set_focus(None)
        await self.jump(entry.place)
        if self.size.width < 110:
            self.query_one("#toc").remove_class("-shown")

    # ------------------------------------------------------------ toggles

    def _refresh_rows(self) -> None:
        for row in self.rows:
            row.refresh(layout=True)
        self._refresh_status()

    def action_toggle_deontic(self) -> None:
        self.view.deontic = not self.view.deontic
        self._refresh_rows()
        self.say("deontic words " + ("highlighted by modality" if self.view.deontic else "not highlighted"))

    def action_toggle_findings(self) -> None:
        self.view.findings = not self.view.findings
        self._refresh_rows()
        if not self.view.findings:
            self.say("QA findings hidden")
            return
        found = self.book.findings(self.doc)
        units = sum(1 for eid in found if eid)
        note = self.book.findings_note()
        self.say(
            f"QA findings: {units} units marked {FINDING_MARK} in the {self.doc}; m shows the current unit's"
            + (f" ({note})" if note else "")
        )

    def action_toggle_detail(self) -> None:
        self.detail = not self.detail
        if self.detail and not self.view.findings:
            self.view.findings = True
            self._refresh_rows()
        self._refresh_detail()

    def _refresh_detail(self) -> None:
        panel = self.query_one("#detail", Static)
        if not self.detail or not self.rows:
            panel.remove_class("-shown")
            return
        found = self.book.findings(self.doc)
        items = found.get(self.place.eid, [])
        own = list(items)
        if self.cursor == 0:
            items = found.get("", []) + items
        text = Text()
        if not items:
            text.append(f"no QA findings on {self.book.address(self.place)}", style="dim")
        for finding in items:
            if text:
                text.append("\n")
            text.append(f"{FINDING_MARK} {finding.severity} {finding.check}: ", style="bold")
            text.append(safe(finding.message))
            words = self._finding_words(finding) if finding in own else ""  # a document's findings have no unit
            if words:
                text.append("  ")
                text.append(words, style=paint(FINDING_STYLE, self.no_color))
        panel.update(text)
        panel.add_class("-shown")

    def _finding_words(self, finding: Any) -> str:
        """The words behind a finding in each language, as underlined in the panes: ``shall / 应``."""
        record = self.book.record(self.place)
        parts = []
        for lang in self.book.langs:
            text = record.text.get(lang, "")
            words = [text[s.start : s.end] for s in getattr(finding, "spans", {}).get(lang, [])]
            quoted = " … ".join(dict.fromkeys(w if len(w) <= 40 else w[:39] + "…" for w in words if w.strip()))
            if quoted:
                parts.append(safe(quoted))
        return " / ".join(parts)

    def _apply_filter(self) -> None:
        party = self.view.party
        shown = set(self.book.party_statements(self.doc, party)) if party else None
        for row in self.rows:
            row.set_class(shown is not None and row.place.eid not in shown, "-hidden")

    def action_next_party(self) -> None:
        parties = self.book.parties()
        if not parties:
            self.say("this treaty set names no parties")
            return
        choices: list[str | None] = [None, *parties]
        current = choices.index(self.view.party) if self.view.party in choices else 0
        self.set_party(choices[(current + 1) % len(choices)])

    def set_party(self, who: str | None) -> None:
        """Show only the units where ``who`` (a party, or ``party: organ``) bears a statement; ``None``: all."""
        self.view.party = who
        self._apply_filter()
        self._refresh_rows()
        if self.view.party is None:
            self.say("every unit shown; p again: one party's obligations only")
        else:
            found = self.book.party_statements(self.doc, self.view.party)
            count = sum(len(v) for v in found.values())
            if count:
                self.say(
                    f"{self.view.party}: {count} statements in {len(found)} units of the {self.doc}; p: next party"
                )
            else:
                self.say(f"{self.view.party} must, may or must not do nothing in the {self.doc}; p: next party")
        self.move_to(self.cursor)

    def action_toggle_toc(self) -> None:
        toc = self.query_one("#toc", OptionList)
        if toc.has_class("-shown") and self.focused is toc:
            toc.remove_class("-shown")
            self.set_focus(None)
        else:
            toc.add_class("-shown")
            toc.focus()
            self._sync_toc()

    # ------------------------------------------------------------ copy, keys

    def action_copy(self) -> None:
        text = self.book.copy_text(self.place)
        address = self.book.address(self.place)
        if len(text) > OSC52_LIMIT:
            self.say(f"not copied: {address} is {len(text)} characters, too long for a terminal copy (OSC 52)")
            return
        refusal = clipboard_refusal(self.environ)
        if refusal:
            self.say(f"not copied: {refusal}")
            return
        self.copy_to_clipboard(text)
        self.say(f"copied {address} ({len(text)} characters) with OSC 52")

    def action_keys(self) -> None:
        self.push_screen(KeysScreen())
