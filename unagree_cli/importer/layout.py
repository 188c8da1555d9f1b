"""From a published plain text to blocks: furniture dropped, footnotes lifted out, wrapped lines joined.

A *block* is one paragraph of the publication (a heading, a recital, a numbered paragraph ...) with
the lines it was wrapped over joined per language. Three layouts occur in ODS plain texts:

- ``unwrapped``: a converter wrote each paragraph on one line (long lines, tab-indented);
- ``marked``: Word's export ends every paragraph with a space, wrapped lines end without one;
- ``wrapped``: neither; blank lines and indentation separate paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .. import patterns
from ..patterns import lazy
from .rules import DIGIT_MAP, DIVIDED, FURNITURE, MASTHEAD, MASTHEAD_SYMBOL, LangRules, compiled

_SYMBOL_IN = lazy(r"(?<![\w/])[A-Z]{1,6}(?:/[A-Z0-9.]+){1,6}(?![\w/])")
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# "1 See ...", "* Reissued ...", and Arabic's "(١) انظر ...": a footnote at a page's bottom.
FOOTNOTE_LINE = lazy(r"^\s*(?:\((?P<p>\d{1,3})\)|(?P<m>\d{1,3}|\*{1,3}))[ \t\u00a0]+(?P<t>\S.*?)\s*$")
_ARTICLE_ONLY = lazy(r"^\s*\S{1,12}\s+\S{1,10}\s*$")


@dataclass
class Block:
    """One paragraph of the source: its text, where it starts and how it was laid out."""

    line: int  # 1-based line of the source where it starts
    text: str  # the lines joined, stripped
    indented: bool  # the first line starts with white space
    parts: list[str] = field(default_factory=list)  # the first line split at tabs (columns of a converter)
    end: int = 0  # the source line where it ends


@dataclass
class Note:
    """A footnote found at the bottom of a page."""

    marker: str
    text: str
    line: int


@dataclass
class Layout:
    blocks: list[Block]
    notes: list[Note]
    dropped: list[tuple[int, str]]  # furniture: (line, text)
    symbol: str | None  # the document symbol the furniture or masthead names
    mode: str
    date: str | None = None  # the masthead's date (ISO)


def _is_furniture(line: str) -> bool:
    return any(compiled(pattern).match(line) for pattern in FURNITURE)


def join(lines: list[str], rules: LangRules) -> str:
    """Wrapped lines of one paragraph, joined as the language does: no space in Chinese, one elsewhere."""
    out = ""
    for raw in lines:
        piece = raw.strip().strip(_BIDI).strip()  # direction marks at a line's edge are layout, not text
        if not piece:
            continue
        if not out:
            out = piece
        elif rules.joiner == "" or out.endswith("\u00ad"):  # a soft hyphen: the word was divided here
            out = out.removesuffix("\u00ad") + piece
        elif out.endswith("-") and len(out) > 1 and out[-2].isalpha():
            out = out[:-1] + piece if _divided(out, piece, rules) else out + piece
        else:
            out += " " + piece
    return out


def _divided(before: str, after: str, rules: LangRules) -> bool:
    """A word the typesetter divided at the line's end (``coopé-`` + ``ration``), not a compound whose hyphen fell
    there (``vice-`` + ``président``, ``какой-`` + ``либо``): in languages that divide words, between lower-case
    letters, unless the table names the compound's first or last part."""
    head = DIVIDED.search(before)
    tail = re.match(r"\w+", after)
    if not rules.hyphenates or head is None or tail is None or not after[:1].islower():
        return False
    first, last = head.group("head").lower(), tail.group().lower()
    if not first[-1:].islower() or any(ch.isdigit() for ch in first + last):
        return False
    return first not in rules.hyphen_stays_after and last not in rules.hyphen_stays_before


def read(text: str, rules: LangRules) -> Layout:
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")  # \f: a new page
    lines = text.split("\n")
    dropped: list[tuple[int, str]] = []
    symbols: Counter[str] = Counter()
    keep: list[bool] = [True] * len(lines)
    rule_before: list[bool] = [False] * len(lines)
    masthead_symbol: str | None = None
    for index, line in enumerate(lines):
        if MASTHEAD.search(line):
            found = MASTHEAD_SYMBOL.search("\n".join(lines[index : index + 4]))
            masthead_symbol = found.group("s").strip() if found else None
            for rest in range(index, len(lines)):
                keep[rest] = False
                if lines[rest].strip():
                    dropped.append((rest + 1, lines[rest]))
            break
        if line.strip() and _is_furniture(line):
            keep[index] = False
            dropped.append((index + 1, line))
            named = _SYMBOL_IN.search(line) if "://" not in line else None
            if named:
                symbols[named.group()] += 1
            if re.match(r"^\s*_{5,}\s*$", line):
                for after in range(index + 1, min(index + 4, len(lines))):
                    rule_before[after] = True
    masthead_date = _masthead_date(lines, keep, dropped, rules)
    own = masthead_symbol or (symbols.most_common(1)[0][0] if symbols else None)
    if own:
        _drop_symbol_heads(lines, keep, dropped, own)
    _drop_running_heads(lines, keep, dropped)
    notes = _lift_footnotes(lines, keep, rule_before, dropped, rules)
    kept = [(i + 1, lines[i]) for i in range(len(lines)) if keep[i]]
    mode = _mode(kept)
    # where a page ends: the first line kept after furniture dropped between it and the last text line
    removed = {number for number, _ in dropped}
    breaks: set[int] = set()
    last = 0
    for number, line in kept:
        if line.strip():
            if last and any(j in removed for j in range(last + 1, number)):
                breaks.add(number)
            last = number
    blocks = _blocks(kept, mode, rules, breaks)
    symbol = masthead_symbol or (symbols.most_common(1)[0][0] if symbols else None)
    return Layout(blocks, notes, sorted(dropped), symbol, mode, masthead_date)


def _masthead_date(lines: list[str], keep: list[bool], dropped: list[tuple[int, str]], rules: LangRules) -> str | None:
    """A line that is only a date among the first lines of the text: the masthead's date of issue."""
    from .dates import date_in, only_date

    seen = 0
    for index, line in enumerate(lines):
        if not keep[index] or not line.strip():
            continue
        seen += 1
        text = line.strip()
        if seen > 8 or compiled(rules.paragraph).match(text) or text.endswith(tuple(rules.comma_end)):
            break  # the masthead is over where the text begins
        # the masthead of a text in any language may be in English (Distr.: General / 30 November 2018)
        langs = (rules.code, "en")
        lang = next((code for code in langs if date_in(line, code) and only_date(line.strip(), code)), None)
        found = date_in(line, lang) if lang else None
        if found:
            keep[index] = False
            dropped.append((index + 1, line))
            return found
    return None


def _drop_symbol_heads(lines: list[str], keep: list[bool], dropped: list[tuple[int, str]], symbol: str) -> None:
    """A page's head that pairs the document's symbol with a short title (``A/RES/72/310  Relationship ...`` on
    even pages, ``Relationship ...  A/RES/72/310`` on odd ones), next to the page's other furniture."""
    head = patterns.compile(
        rf"^\s*(?:{re.escape(symbol)}\s+\S[^.;:。；]{{0,150}}|\S[^.;:。；]{{0,150}}?\s+{re.escape(symbol)})\s*$"
    )
    for index, line in enumerate(lines):
        if not keep[index] or not head.match(line):
            continue
        window = range(max(0, index - 4), min(len(lines), index + 5))
        if any(not keep[j] and lines[j].strip() for j in window if j != index):
            keep[index] = False
            dropped.append((index + 1, line))


def _drop_running_heads(lines: list[str], keep: list[bool], dropped: list[tuple[int, str]]) -> None:
    """A short line repeated beside page furniture on several pages is a running head."""
    near: Counter[str] = Counter()
    for index, line in enumerate(lines):
        if not keep[index] or not line.strip() or len(line.strip()) > 80:
            continue
        window = range(max(0, index - 3), min(len(lines), index + 4))
        if any(not keep[j] and lines[j].strip() and j != index for j in window):
            near[line.strip()] += 1
    heads = {text for text, count in near.items() if count >= 2}
    if not heads:
        return
    counts = Counter(line.strip() for line in lines)
    for index, line in enumerate(lines):
        if keep[index] and line.strip() in heads and counts[line.strip()] == near[line.strip()]:
            keep[index] = False
            dropped.append((index + 1, line))


def _lift_footnotes(
    lines: list[str], keep: list[bool], rule_before: list[bool], dropped: list[tuple[int, str]], rules: LangRules
) -> list[Note]:
    """Footnotes at the bottom of a page: ``1 text`` after a rule or just before the page's furniture.

    A line is a footnote only if its marker follows some earlier text as a superscript would (``...,1``),
    and footnotes are numbered in order.
    """
    notes: list[Note] = []
    expected = 1
    index = 0
    while index < len(lines):
        line = lines[index]
        found = FOOTNOTE_LINE.match(line) if keep[index] else None
        if found is None or not (
            rule_before[index] or _before_furniture(lines, keep, index) or _after_note(notes, index)
        ):
            index += 1
            continue
        marker = (found.group("m") or found.group("p")).translate(DIGIT_MAP)  # ١ is footnote 1
        if marker.isdigit() and int(marker) != expected:
            index += 1
            continue
        earlier = "\n".join(lines[j] for j in range(index) if keep[j])
        if not _has_marker(earlier, marker):
            index += 1
            continue
        parts = [found.group("t")]
        keep[index] = False
        end = index + 1
        # a footnote wrapped over several lines: the lines that follow until the page's end
        while end < len(lines) and keep[end] and lines[end].strip() and not FOOTNOTE_LINE.match(lines[end]):
            if lines[end - 1].endswith((" ", "\t")) and len(lines[end - 1].strip()) > 0 and end - 1 != index:
                break
            if not _before_furniture(lines, keep, end) and not _near_end(lines, keep, end):
                break
            parts.append(lines[end])
            keep[end] = False
            end += 1
        notes.append(Note(marker, join(parts, rules), index + 1))
        if marker.isdigit():
            expected += 1
        index = end
    return notes


def _after_note(notes: list[Note], index: int) -> bool:
    return bool(notes) and 0 < index + 1 - notes[-1].line <= 3


def _before_furniture(lines: list[str], keep: list[bool], index: int) -> bool:
    """The next non-blank line is furniture, or there is none."""
    for j in range(index + 1, len(lines)):
        if lines[j].strip():
            return not keep[j]
    return True


def _near_end(lines: list[str], keep: list[bool], index: int) -> bool:
    return all(not lines[j].strip() or not keep[j] for j in range(index + 1, min(len(lines), index + 3)))


def marker_pattern(marker: str) -> re.Pattern[str]:
    """A footnote marker as the plain text shows a superscript: right after a word or punctuation
    (``Migration,1``, ``協定。1``, ``organization.1``), never inside a number (``71/201``, ``3.1``)."""
    if marker.startswith("*"):  # an asterisk may follow anything, digits included (agenda item 175*)
        return patterns.compile(rf"(?<=\S){re.escape(marker)}(?=\s|$|[,.;:،؛，。；：)])", re.MULTILINE)
    digits = "".join(
        f"[{c}{chr(0x660 + int(c))}{chr(0x6F0 + int(c))}]" if c.isdigit() else re.escape(c) for c in marker
    )
    # (a marker in brackets may also follow an Arabic-Indic digit: ٢٠١٧(١)، is footnote 1 after a year)
    return patterns.compile(
        rf"(?:(?<=[^\s\d/.\-:(])|(?<=[^\s\d]\.))(?:\({digits}\)|{digits})(?=\s|$|[,.;:،؛，。；：)])"
        rf"|(?<=[\u0660-\u0669\u06f0-\u06f9])\({digits}\)(?=\s|$|[,.;:،؛)])",
        re.MULTILINE,
    )


def _has_marker(text: str, marker: str) -> bool:
    return marker_pattern(marker).search(text) is not None


def _mode(kept: list[tuple[int, str]]) -> str:
    content = [line for _, line in kept if line.strip()]
    if not content:
        return "wrapped"
    long = sum(1 for line in content if len(line.strip()) > 150)
    tabbed = sum(1 for line in content if "\t" in line.strip(" "))  # a converter's columns: \t1.\tApproves ...
    if long >= max(2, len(content) // 5) or (long >= 2 and tabbed >= max(2, len(content) // 4)):
        return "unwrapped"
    marked = sum(1 for line in content if line != line.rstrip())
    if marked >= max(1, len(content) // 4):
        return "marked"
    return "wrapped"


# What ends a line that does not go on: sentence and clause punctuation in the six languages.
LINE_END = (".", ",", ";", ":", "。", "，", "；", "：", "،", "؛", "!", "?", "！", "？")


def _continues(previous: str, line: str, width: int, markers: tuple[re.Pattern[str], ...]) -> bool:
    """Whether ``line``, right under ``previous`` with no blank between, goes on with its sentence although
    ``previous`` ends with a space: ``previous`` stops without punctuation and either runs to the width the
    text is wrapped at or ``line`` goes on in lower case (``... entre l'Organisation`` / ``internationale``)."""
    before, after = previous.strip(), line.strip()
    if not before or not after or before.endswith(LINE_END) or any(m.match(after) for m in markers):
        return False
    return len(before) >= 0.75 * width or after[0].islower()


def _over_the_page(previous: str, line: str, width: int, markers: tuple[re.Pattern[str], ...]) -> bool:
    """A paragraph that runs on over a page break: the last line before the page's furniture stops without
    punctuation, and the first after it goes on in lower case (or, in a script without case, the line before
    ran to the full width)."""
    before, after = previous.strip(), line.strip()
    if not before or not after or before.endswith(LINE_END) or any(m.match(after) for m in markers):
        return False
    if after[0].islower():
        return True
    return not after[0].isupper() and len(before) >= 0.75 * width


def _across_blank(
    previous: str, line: str, width: int, markers: tuple[re.Pattern[str], ...], caseless: bool = False
) -> bool:
    """A blank line inside a paragraph: the line above runs to the width without punctuation and the next goes
    on in lower case (Chinese, written without spaces or case: the line above filled the width)."""
    before, after = previous.strip(), line.strip()
    if not before or not after or before.endswith(LINE_END) or any(m.match(after) for m in markers):
        return False
    return len(before) >= (0.9 if caseless else 0.75) * width and (caseless or after[0].islower())


def _clause_ends(previous: str, line: str, width: int) -> bool:
    """In wrapped text, a line that ends a clause (``..., Council,``) short of the width, and a next line in
    capitals or a caseless script: a new recital or clause, not the same sentence wrapped."""
    before, after = previous.strip(), line.strip()
    if not before.endswith((",", ";", ":", "，", "；", "：", "،", "؛")) or len(before) >= 0.9 * width:
        return False
    return not after[:1].islower()


def _alone(text: str, alone: list[re.Pattern[str]], rules: LangRules) -> bool:
    """A line that is a paragraph by itself: a marker or heading line, or a whole closing formula that begins
    a sentence ("Have agreed as follows:")."""
    if any(p.match(text) for p in alone):
        return True
    return len(text) <= 80 and not text[:1].islower() and any(compiled(p).search(text) for p in rules.closing)


def _blocks(kept: list[tuple[int, str]], mode: str, rules: LangRules, breaks: set[int] | None = None) -> list[Block]:
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []
    alone = [compiled(p) for p in (rules.article, rules.annex, rules.session, rules.agenda, rules.meeting)]
    alone.append(
        compiled(rf"^(?:{rules.party_line or rules.signed_for})\s*$")
    )  # a signature's party line: "For the United Nations:"
    alone.append(compiled(r"^\[[^\]]{3,200}\]$"))  # [without reference to a Main Committee (A/72/L.61)]
    markers = (compiled(rules.paragraph), compiled(rules.point))
    lengths = sorted(len(line.strip()) for _, line in kept if line.strip())
    width = lengths[int(len(lengths) * 0.9)] if lengths else 0  # the width the text is wrapped at

    def flush() -> None:
        if current:
            first = current[0][1]
            text = join([line for _, line in current], rules)
            if text:
                parts = [p.strip() for p in first.strip().split("\t") if p.strip()]
                blocks.append(Block(current[0][0], text, first[:1].isspace(), parts, current[-1][0]))
            current.clear()

    previous_blank = True
    for number, line in kept:
        if not line.strip():
            previous_blank = True  # in wrapped text a blank line ends the paragraph, unless a page break cut it
            continue
        starts = False
        if mode == "unwrapped":
            starts = True
        elif mode == "marked":
            # a paragraph ends with a space; an indented line begins one even if the previous one lost its space
            starts = not current or current[-1][1] != current[-1][1].rstrip() or line[:1].isspace()
            if (
                starts
                and current
                and not previous_blank
                and not line[:1].isspace()
                and _continues(current[-1][1], line, width, markers)
            ):
                starts = False  # a converter that ends every line with a space: the line visibly goes on
        else:
            # a blank line, an indent or a marker begins a paragraph; so does a line after a short one (the
            # last line of a paragraph stops short of the width the text is wrapped at)
            short = bool(current) and len(current[-1][1].strip()) < 0.6 * width
            clause = bool(current) and _clause_ends(current[-1][1], line, width)
            starts = (
                previous_blank or short or clause or line[:1].isspace() or any(m.match(line.strip()) for m in markers)
            )
            if (
                starts
                and current
                and number in (breaks or set())
                and _over_the_page(current[-1][1], line, width, markers)
            ):
                starts = False
            elif (
                starts
                and current
                and previous_blank
                and _across_blank(current[-1][1], line, width, markers, caseless=rules.joiner == "")
            ):
                starts = False  # blank lines between a paragraph's own lines (a converter's double spacing)
        stripped = line.strip()
        # a row of a table (signatures side by side: "For the United Nations:<tab>For the Organization:")
        row = mode != "unwrapped" and len([c for c in re.split(r"\t+", stripped) if c.strip()]) > 1
        after_row = bool(current) and mode != "unwrapped" and "\t" in current[-1][1].strip()
        if row or after_row:
            starts = True
        if _alone(stripped, alone, rules) or (current and _alone(join([t for _, t in current], rules), alone, rules)):
            starts = True  # an article's marker, an annex, the session or the agenda item: a line of its own
        if starts:
            flush()
        current.append((number, line))
        previous_blank = False
    flush()
    return blocks
