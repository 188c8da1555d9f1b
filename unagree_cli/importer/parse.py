"""The grammar of a UN publication, and the walk that turns a file's blocks into documents.

A file is a sequence of documents (the main text, then each annex). A document is::

    preface  = line*                      (headings, symbol, title, "Note by the Secretary-General")
    preamble = formula recital* formula?  (a subject ending with a comma, clauses, "Have agreed as follows:")
    body     = article* | paragraph*      (articles with a heading, or a resolution's numbered paragraphs)
    article  = marker heading? (text | paragraph+)
    paragraph= marker (text | intro point+ wrapup?)
    conclusions = formula? p* signature*  ("In witness whereof", "Done at", plenary meeting, signatures)

Each rule is a recogniser over blocks, from the language's data table in :mod:`rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .. import eids
from ..labels import LATIN_LETTERS, POINT_LETTERS, zh_to_number
from ..patterns import lazy
from .dates import date_in as _date
from .dates import only_date as _only_date
from .layout import LINE_END, Block, Layout, Note, marker_pattern
from .rules import (
    AR_ORDINALS,
    BETWEEN,
    DIGIT_MAP,
    DIVISIONS,
    LETTER_VARIANTS,
    ORDINAL_VALUES,
    ORDINAL_WORDS,
    OTHER_ORGANS,
    SUBJECT_KEYS,
    TYPE_KEYS,
    UN_ORGANS,
    LangRules,
    compiled,
)

# "I. Background", "B. Cooperation": headings of a report's or note's sections, between numbered paragraphs.
_SECTION_HEADING = lazy(r"^(?:[IVXLC]{1,6}|[A-H])\.\s+\S[^.;:。；]{0,120}$")
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_SENTENCE_END = ("。", ".", ";", "；", "؛", ":", "：")


@dataclass
class Piece:
    """A unit of text as parsed, with the eId it will get and where it came from."""

    eid: str
    holder: dict[str, Any]
    key: str
    line: int


@dataclass
class Draft:
    """One document in one language, as the importer read it: the corpus format's fields."""

    key: str
    lang: str
    source: str
    line: int
    meta: dict[str, Any]
    preface: list[str] = field(default_factory=list)
    preamble: list[dict[str, str]] = field(default_factory=list)
    body: list[dict[str, Any]] = field(default_factory=list)
    conclusions: list[dict[str, Any]] = field(default_factory=list)
    footnotes: list[dict[str, str]] = field(default_factory=list)
    review: list[str] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)  # the parties the title names

    def data(self) -> dict[str, Any]:
        """The document file's content."""
        import datetime as _dt

        meta = dict(self.meta)
        if isinstance(meta.get("date"), str):
            meta["date"] = _dt.date.fromisoformat(meta["date"])
        out: dict[str, Any] = {"doc": self.key, "lang": self.lang, "meta": meta}
        for name in ("preface", "preamble", "body", "conclusions", "footnotes"):
            value = getattr(self, name)
            if value:
                out[name] = value
        return out

    def texts(self) -> dict[str, str]:
        """Each unit's text by eId (headings as ``EID#heading``), walked from the fields as the loader walks them."""
        out: dict[str, str] = {}
        formulas = recitals = 0
        for item in self.preamble:
            if "formula" in item:
                formulas += 1
                out[eids.preamble_formula(formulas)] = item["formula"]
            else:
                recitals += 1
                out[eids.recital(recitals)] = item["recital"]
        for entry in self.body:
            if "article" in entry:
                art = str(entry["article"])
                if "heading" in entry:
                    out[eids.article(art) + "#heading"] = entry["heading"]
                out[eids.article(art)] = str(entry.get("text") or "")
                for para in entry.get("paragraphs", []):
                    _paragraph_texts(out, para, eids.paragraph(str(para["num"]), art))
            else:
                _paragraph_texts(out, entry, eids.paragraph(str(entry["paragraph"])))
        counts: dict[str, int] = {}
        for item in self.conclusions:
            kind = next(iter(item))
            counts[kind] = counts.get(kind, 0) + 1
            value = item[kind]
            if isinstance(value, dict):
                value = "\n".join(str(value[k]) for k in ("party", "name", "role") if value.get(k))
            out[eids.conclusion(kind, counts[kind])] = str(value)
        return out


def _paragraph_texts(out: dict[str, str], para: dict[str, Any], eid: str) -> None:
    if "text" in para:
        out[eid] = para["text"]
        return
    if "intro" in para:
        out[eids.intro(eid)] = para["intro"]
    for point in para.get("points", []):
        out[eids.point(eid, str(point["num"]))] = point["text"]
    if "wrapup" in para:
        out[eids.wrapup(eid)] = para["wrapup"]


_NUMBER = lazy(r"^[0-9]{1,3}(?:[a-z]|bis|ter)?$")
_POINT = lazy(r"^(?:[a-z]{1,2}|[ivxlc]+|[0-9]+)$")


def _unique(num: str, taken: list[str], what: str, draft: Draft, line: int, point: bool = False) -> str:
    """A number the corpus accepts and not yet used at this level; the review says when it had to change."""
    valid = _POINT if point else _NUMBER
    chosen = num
    if not valid.match(chosen):
        last = next((int(t) for t in reversed(taken) if t.isdigit()), 0)
        chosen = LATIN_LETTERS[len(taken) % 26] if point else str(last + 1)
    if chosen in taken:
        base = chosen[:1] if point else chosen
        suffixes = LATIN_LETTERS if point else ("bis", "ter", *LATIN_LETTERS)
        chosen = next((base + suffix for suffix in suffixes if base + suffix not in taken), chosen)
    if chosen != num:
        draft.review.append(f"line {line}: {what} '{num}' numbered '{chosen}' (unreadable or used twice): check it")
    taken.append(chosen)
    return chosen


def number(token: str, lang: str) -> str | None:
    """An article or paragraph number as the corpus writes it: ``"5"`` from 5, ٥, 五, premier, V."""
    token = token.strip().translate(DIGIT_MAP)
    if token.isdigit():
        return str(int(token))
    if token.lower() in ORDINAL_WORDS:
        return ORDINAL_WORDS[token.lower()]
    if token in AR_ORDINALS:
        return AR_ORDINALS[token]
    value = zh_to_number(token)
    if value is not None and lang == "zh":
        return str(value)
    low = token.lower()
    if low and all(c in ROMAN for c in low):
        total = 0
        for index, char in enumerate(low):
            value = ROMAN[char]
            total += -value if index + 1 < len(low) and ROMAN[low[index + 1]] > value else value
        return str(total)
    return None


def point_letter(token: str, lang: str) -> str:
    """The corpus's point number: Latin letters as they are, other alphabets by their position."""
    token = token.strip().rstrip("ـ")
    letters = POINT_LETTERS.get(lang)
    if letters:
        normal = "".join(LETTER_VARIANTS.get(c, c) for c in token)
        if normal and all(c in letters for c in normal) and len(normal) == 1:
            return LATIN_LETTERS[letters.index(normal)]
    return str(token.lower())


def roman(num: str) -> str:
    value = int(num)
    out = ""
    for amount, symbol in ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= amount:
            out += symbol
            value -= amount
    return out


class _Walker:
    """Walks one document's blocks with the language's recognisers."""

    def __init__(self, blocks: list[Block], rules: LangRules, parties: list[str]) -> None:
        self.blocks = blocks
        self.rules = rules
        self.index = 0
        self.parties = parties
        self.article_re = compiled(rules.article)
        # "Article 5. Purpose", "المادة 5 - الغرض": a marker with its heading on the same line
        self.article_inline = compiled(
            rules.article.removesuffix("$") + r"(?:\s*[.:—–-]\s*|\s+)(?P<h>\S[^.;:。；，,]{0,80})$"
        )
        self.para_re = compiled(rules.paragraph)
        self.point_re = compiled(rules.point)
        self.signed_re = compiled(rules.signed_for)

    # -- recognisers
    def peek(self) -> Block | None:
        return self.blocks[self.index] if self.index < len(self.blocks) else None

    def is_article(self, block: Block) -> re.Match[str] | None:
        return self.article_re.match(block.text) or self.article_inline.match(block.text)

    def is_paragraph(self, block: Block) -> re.Match[str] | None:
        return self.para_re.match(block.text)

    def is_point(self, block: Block) -> re.Match[str] | None:
        found = self.point_re.match(block.text)
        return found if found and found.end() < len(block.text) else None

    def is_marker(self, block: Block) -> bool:
        return bool(self.is_article(block) or self.is_paragraph(block) or self.is_point(block))

    def is_formula(self, block: Block) -> bool:
        text = block.text.rstrip()
        return bool(text) and text[-1] in self.rules.comma_end and not self.is_marker(block)

    def is_closing(self, block: Block) -> bool:
        return any(compiled(p).search(block.text) for p in self.rules.closing)

    def is_witness(self, block: Block) -> bool:
        return any(compiled(p).search(block.text) for p in self.rules.witness)

    def is_meeting(self, block: Block) -> bool:
        return bool(compiled(self.rules.meeting).match(block.text))

    def party_lines(self, block: Block) -> list[str]:
        """The parties a signature block's party line names (several when columns were merged)."""
        text = block.text.strip()
        found = self.signed_re.findall(text)
        if found and "".join(found).replace(" ", "") == text.replace(" ", "").replace("\t", ""):
            return [f.strip() for f in found]
        bare = text.rstrip(":：").strip()
        if bare in self.parties:
            return [text]
        return []

    def later_markers(self) -> bool:
        return any(self.is_article(b) or self.is_paragraph(b) for b in self.blocks[self.index + 1 :])

    def ends_body(self, block: Block, dates: bool = True) -> bool:
        if self.is_witness(block) or self.is_meeting(block):
            return True
        if (
            dates
            and len(block.text) < 40
            and _date(block.text, self.rules.code)
            and _only_date(block.text, self.rules.code)
        ):
            return True  # the date of adoption before or after the meeting
        return bool(self.party_lines(block)) and not self.later_markers()


def parse_file(layout: Layout, rules: LangRules, source: str) -> tuple[list[Draft], list[str]]:
    """The documents of one published file, and what a person should check about the file."""
    review: list[str] = []
    segments: list[list[Block]] = [[]]
    annex_re = compiled(rules.annex)
    annex_to = compiled(rules.annex_to)
    for block in layout.blocks:
        if (annex_re.match(block.text) or annex_to.match(block.text)) and segments[-1]:
            segments.append([])
        segments[-1].append(block)
    parties = _parties([b.text for seg in segments for b in seg[:8]], rules.code)
    drafts: list[Draft] = []
    for position, blocks in enumerate(segments):
        if not blocks:
            continue
        draft = _document(blocks, rules, source, parties)
        found = annex_re.match(blocks[0].text) or annex_to.match(blocks[0].text)
        if found:
            label = found.groupdict().get("n")
            label = _annex_number(label) if label else ""
            draft.meta["component"] = f"annex {label}".strip()
        elif position:
            draft.meta["component"] = ""
        drafts.append(draft)
    _keys_unique(drafts)
    if drafts and layout.date and drafts[0].meta.get("date") is None:
        drafts[0].meta["date"] = layout.date
        drafts[0].review.append(f"meta.date {layout.date} from the masthead")
    _inherit(drafts)
    for draft in drafts:
        if layout.symbol:
            draft.meta["symbol"] = layout.symbol
        session = re.match(r"^A/(?:RES/|C\.\d/|INF/)?(\d{2})/", layout.symbol or "")
        if session and draft.meta.get("session") is None:
            draft.meta["session"] = int(session.group(1))
            draft.review.append(f"meta.session {session.group(1)} read from the symbol {layout.symbol}")
    _attach_footnotes(drafts, layout.notes, rules, review)
    for draft in drafts:
        _repair(draft)
    kept = [d for d in drafts if d.texts()]
    for draft in drafts:
        if draft not in kept:
            review.append(f"{draft.key}.{draft.lang} (line {draft.line}) has no text after its preface: left out")
    return kept, review


def _repair(draft: Draft) -> None:
    """What the format cannot hold, made valid and named in the review: empty units, an article with text and
    paragraphs, a signature without a name, a footnote on a unit that is gone."""
    body: list[dict[str, Any]] = []
    for entry in draft.body:
        if "article" not in entry:
            if _keep_paragraph(entry, f"paragraph {entry['paragraph']}", draft):
                body.append(entry)
            continue
        art = entry["article"]
        paragraphs = [p for p in entry.get("paragraphs", []) if _keep_paragraph(p, f"{art}.{p['num']}", draft)]
        if paragraphs:
            entry["paragraphs"] = paragraphs
            own = entry.pop("text", "")
            if own:
                first = paragraphs[0]
                key = "text" if "text" in first else "intro"
                first[key] = f"{own} {first.get(key, '')}".strip()
                draft.review.append(f"article {art}: its unnumbered text was put before paragraph {first['num']}")
        else:
            entry.pop("paragraphs", None)
            if not entry.get("text"):
                draft.review.append(f"article {art} has no text: left out")
                continue
        body.append(entry)
    draft.body = body
    for index, item in enumerate(draft.conclusions):
        signature = item.get("signature")
        if isinstance(signature, dict) and not signature.get("name"):
            text = " ".join(str(v) for v in signature.values() if v)
            draft.conclusions[index] = {"p": text}
            draft.review.append(f"signature '{text}' has no name: kept as a line of the conclusions")
    have = draft.texts()
    for note in list(draft.footnotes):
        if note["at"] not in have:
            draft.footnotes.remove(note)
            draft.review.append(f"footnote {note['marker']} lost its unit {note['at']}: {note['text']}")


def _keep_paragraph(para: dict[str, Any], ref: str, draft: Draft) -> bool:
    if "points" in para:
        para["points"] = [p for p in para["points"] if p.get("text")]
        if not para["points"]:
            para.pop("points")
            text = " ".join(str(para.pop(k)) for k in ("intro", "wrapup") if para.get(k))
            para["text"] = text
        else:
            for key in ("intro", "wrapup"):
                if key in para and not para[key]:
                    para.pop(key)
    if "points" not in para and not para.get("text"):
        draft.review.append(f"{ref} has no text: left out")
        return False
    return True


def _annex_number(label: str) -> str:
    plain = number(label, "zh") or number(label, "en")
    if plain is not None:
        return roman(plain)
    return label


def _keys_unique(drafts: list[Draft]) -> None:
    seen: dict[str, int] = {}
    for draft in drafts:
        count = seen.get(draft.key, 0) + 1
        seen[draft.key] = count
        if count > 1:
            draft.review.append(f"a second '{draft.key}' in this file: keyed '{draft.key}-{count}'")
            draft.key = f"{draft.key}-{count}"


def _inherit(drafts: list[Draft]) -> None:
    """Annexes share their publication's session, agenda item and date.

    An annex to an adopted resolution is approved.
    """
    if not drafts:
        return
    main = drafts[0]
    pending = any(
        d.key in ("resolution", "decision") and d.meta.get("status") == "draft" for d in drafts[1:]
    ) and main.key in ("note", "letter", "report")
    for draft in drafts[1:]:
        for key in ("session", "agenda_item", "date"):
            if draft.meta.get(key) is None and main.meta.get(key) is not None:
                draft.meta[key] = main.meta[key]
                draft.review.append(f"meta.{key} {main.meta[key]!r} taken from the publication's main document")
        if draft.meta.get("status") is None and main.meta.get("status") == "adopted":
            draft.meta["status"] = "approved"
            draft.review.append("meta.status 'approved': annexed to an adopted resolution")
        elif draft.meta.get("status") is None and draft.key in SUBJECT_KEYS and pending:
            draft.meta["status"] = "draft"
            draft.review.append("meta.status 'draft': published beside a draft resolution that would approve it")


def _parties(lines: list[str], lang: str) -> list[str]:
    pattern = compiled(BETWEEN[lang])
    for line in lines:
        for part in line.split("\t"):
            part = re.sub(r"^\d{1,3}/\d{1,4}(?:\s*\.|\s+[-–])?\s+", "", part.strip().translate(DIGIT_MAP))
            found = pattern.search(part)
            if found:
                a, b = found.group("a").strip(), found.group("b").strip()
                b = re.sub(r"(?:草案|的合作)$", "", b)
                if 1 < len(a) < 120 and 1 < len(b) < 120:
                    return [a, b]
    return []


def _document(blocks: list[Block], rules: LangRules, source: str, parties: list[str]) -> Draft:
    walker = _Walker(blocks, rules, parties)
    draft = Draft("document", rules.code, source, blocks[0].line, _empty_meta(source), parties=list(parties))
    # preface: until a preamble formula or the first numbered unit
    origin: list[Block] = []  # the block each preface line comes from
    while (block := walker.peek()) is not None:
        if walker.is_formula(block) or walker.is_marker(block) or walker.ends_body(block, dates=False):
            break
        previous = blocks[walker.index - 1] if walker.index and draft.preface else None
        if previous is not None and _title_goes_on(previous, block, rules):
            # a title wrapped over two lines that each end like a paragraph (centred headings)
            draft.preface[-1] = f"{draft.preface[-1]}{rules.joiner}{block.text}"
            draft.review.append(f"line {block.line}: joined to the heading above it: {draft.preface[-1][:60]}")
            walker.index += 1
            continue
        parts = block.parts if len(block.parts) > 1 and len(block.parts[0]) < 20 else [block.text]
        for part in parts:  # "70/296. Agreement ...": the resolution's number, then its title
            number_first = re.match(r"^(\d{1,3}/\d{1,4}(?:\s*\.|\s+[-–])?)\s+(\S.*)$", part)  # 70/296. or ٧٣/٢٥٠ -
            added = [number_first.group(1), part[number_first.end(1) :].strip()] if number_first else [part]
            draft.preface.extend(added)
            origin.extend([block] * len(added))
        walker.index += 1
    if walker.peek() is None:
        _running_text(draft, origin)
    _recognise(draft, rules)
    # preamble
    block = walker.peek()
    if block is not None and walker.is_formula(block):
        formulas = recitals = 0
        while (block := walker.peek()) is not None and not walker.ends_body(block):
            if walker.is_point(block) and recitals and draft.preamble:
                # a recital with a list: the format has no points in a preamble, so they stay in its text
                last = draft.preamble[-1]
                key = next(iter(last))
                last[key] = f"{last[key]}{rules.joiner}{block.text}"
                draft.review.append(f"line {block.line}: a point in preamble clause {recitals} kept in its text")
                walker.index += 1
                continue
            if walker.is_marker(block):
                break
            if formulas == 0 or walker.is_closing(block):
                formulas += 1
                _add(draft, {"formula": block.text}, "formula", eids.preamble_formula(formulas), block)
            else:
                recitals += 1
                _add(draft, {"recital": block.text}, "recital", eids.recital(recitals), block)
            draft.preamble.append(draft.pieces[-1].holder)
            walker.index += 1
            if walker.is_closing(block):
                break
    # body
    if any(walker.is_article(b) for b in blocks[walker.index :]):
        _articles(walker, draft)
    else:
        _paragraphs(walker, draft, None, draft.body)
    _conclusions(walker, draft)
    return draft


def _running_text(draft: Draft, origin: list[Block]) -> None:
    """A document that is only running text after its headings (a letter: paragraphs without numbers, then
    "(Signed) ..."): the format has no unnumbered body paragraphs, so they become the conclusions' lines, in
    order (``conclusions__p_1`` ...), which align across languages; the review says so."""
    start = next(
        (i for i, line in enumerate(draft.preface) if len(line) >= 40 and line.endswith((".", "。", "；", ";", "؛"))),
        None,
    )
    if start is None or start == 0:
        return
    moved = list(zip(draft.preface[start:], origin[start:], strict=False))
    del draft.preface[start:]
    for index, (line, block) in enumerate(moved, start=1):
        entry = {"p": line}
        draft.conclusions.append(entry)
        _add(draft, entry, "p", eids.conclusion("p", index), block)
    draft.review.append(
        f"{len(moved)} unnumbered paragraphs kept as conclusions__p_1..{len(moved)} (the corpus format has no "
        "unnumbered body paragraphs): check them"
    )


def _title_goes_on(previous: Block, block: Block, rules: LangRules) -> bool:
    """A heading line right under another (no blank line between) that goes on with it: the one above stops
    without punctuation and neither is a line of its own (session, agenda item, annex, the kind of document)."""
    if not previous.end or block.line != previous.end + 1 or previous.text.endswith(LINE_END):
        return False
    alone = (rules.session, rules.agenda, rules.annex, rules.annex_to, rules.meeting, rules.article)
    for text in (previous.text, block.text):
        if any(compiled(p).match(text) for p in alone) or text.startswith("[") or text.endswith("]"):
            return False
        if any(text.startswith(w) for k in TYPE_KEYS for w in rules.doc_words.get(k, ())):
            return False
        if re.match(r"^\d{1,3}/\d{1,4}(?:\s*\.|\s+[-–])", text.translate(DIGIT_MAP)):
            return False
    # a line that opens with the name of an instrument ("Agreement ...", "Соглашение ...") begins a new title
    return not any(block.text.startswith(w) for k in SUBJECT_KEYS for w in rules.doc_words.get(k, ()))


def _empty_meta(source: str) -> dict[str, Any]:
    return {
        "symbol": None,
        "component": "",
        "title": None,
        "date": None,
        "session": None,
        "agenda_item": None,
        "plenary_meeting": None,
        "status": None,
        "source": source,
    }


def _add(draft: Draft, holder: dict[str, Any], key: str, eid: str, block: Block) -> None:
    draft.pieces.append(Piece(eid, holder, key, block.line))


def _recognise(draft: Draft, rules: LangRules) -> None:
    """The document's key and metadata, from its preface."""
    dated = [line for line in draft.preface if _date(line, rules.code) and _only_date(line, rules.code)]
    for line in dated:
        draft.meta["date"] = draft.meta["date"] or _date(line, rules.code)
        draft.review.append(f"meta.date from the masthead line '{line}'")
    draft.preface = [line for line in draft.preface if line not in dated]
    lines = draft.preface
    type_key = None
    for line in lines:
        for key in TYPE_KEYS:
            for word in rules.doc_words.get(key, ()):
                at_end = rules.joiner == "" or rules.code == "ar"  # 大会2016年7月25日通过的决议
                if line == word or line.startswith(word) or (at_end and line.endswith(word)):
                    type_key = type_key or key
                    break
    annex_re = compiled(rules.annex)
    title_lines = [
        line
        for line in lines
        if not annex_re.match(line)
        and not compiled(rules.annex_to).match(line)
        and not any(line.startswith(w) for k in TYPE_KEYS for w in rules.doc_words.get(k, ()))
        and not compiled(rules.session).match(line)
        and not compiled(rules.agenda).match(line)
        and not re.match(r"^[\d/]+(?:\.|\s+[-–])?$", line.translate(DIGIT_MAP))
        and not (line.startswith("[") and line.endswith("]"))
        and not _SECTION_HEADING.match(line)
    ]
    title = title_lines[-1] if title_lines else None
    if title is None:  # "Letter dated 4 May 2018 from ... addressed to ...": the line naming the kind is the title
        named = [
            line
            for line in lines
            if len(line) > 30 and any(line.startswith(w) or line.endswith(w) for w in rules.doc_words.get("letter", ()))
        ]
        title = named[-1] if named else None
    draft.meta["title"] = title
    subject_key = None
    if title:
        positions = []
        for key in SUBJECT_KEYS:
            for word in rules.doc_words.get(key, ()):
                at = title.find(word)
                if at >= 0:
                    positions.append((at, key))
        subject_key = min(positions)[1] if positions else None
    chosen: str | None = type_key or subject_key
    if chosen is None:
        draft.review.append("document kind not recognised from its preface: keyed 'document'; rename it")
        chosen = "document"
    else:
        draft.review.append(f"document key '{chosen}' inferred from the {'preface' if type_key else 'title'}")
    draft.key = chosen
    joined = " ".join(lines)
    for line in lines:
        session = compiled(rules.session).match(line)
        if session:
            value = (
                number(session.group("n"), rules.code)
                or _ordinal_word(session.group("n"))
                or ordinal_words(session.group("n"), rules.code)
            )
            draft.meta["session"] = int(value) if value else None
        agenda = compiled(rules.agenda).match(line)
        if agenda:
            draft.meta["agenda_item"] = agenda.group("n").translate(DIGIT_MAP)
        found = _date(line, rules.code)
        if found and draft.meta["date"] is None:
            draft.meta["date"] = found
    if any(w in joined.lower() for w in rules.draft):
        draft.meta["status"] = "draft"
    elif type_key in ("resolution", "decision") and any(w in joined for w in rules.adopted):
        draft.meta["status"] = "adopted"
    elif type_key in ("note", "letter", "report"):
        draft.meta["status"] = "issued"
    if draft.meta["status"]:
        draft.review.append(f"meta.status '{draft.meta['status']}' inferred from the preface")


_ORDINALS_EN = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth "
    "fifteenth sixteenth seventeenth eighteenth nineteenth"
).split()
_TENS_EN = "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split()
_TENS_PREFIX = "twenty thirty forty fifty sixty seventy eighty ninety".split()


def ordinal_words(text: str, lang: str) -> str | None:
    """An ordinal in words from the language's table: "Soixante-treizième" 73, "семьдесят третья" 73,
    "الثالثة والسبعون" 73, "quatre-vingt-dixième" 90."""
    values = ORDINAL_VALUES.get(lang)
    if not values:
        return None
    total = 0
    previous = 0
    for word in re.split(r"[\s\-‑]+", text.strip().lower()):
        if lang == "ar" and word.startswith("و") and word not in values:
            word = word[1:]  # والسبعون: "and seventy"
        if word not in values:
            return None
        value = values[word]
        if value == 20 and 1 < previous < 10 and lang == "fr":
            total += previous * 20 - previous  # quatre-vingt: four twenties
        else:
            total += value
        previous = value
    return str(total) if total else None


def _ordinal_word(word: str) -> str | None:
    low = word.lower()
    if low in _ORDINALS_EN:
        return str(_ORDINALS_EN.index(low) + 1)
    if low in _TENS_EN:
        return str(20 + 10 * _TENS_EN.index(low))
    head, _, tail = low.partition("-")
    if head in _TENS_PREFIX and tail in _ORDINALS_EN[:9]:
        return str(20 + 10 * _TENS_PREFIX.index(head) + _ORDINALS_EN.index(tail) + 1)
    return None


def _articles(walker: _Walker, draft: Draft) -> None:
    rules = walker.rules
    division = compiled(DIVISIONS.get(rules.code, r"(?!)"))
    while (block := walker.peek()) is not None:
        marker = walker.is_article(block)
        if marker is None and division.match(block.text):
            walker.index += 1
            title = walker.peek()
            named = ""
            if title is not None and not walker.is_marker(title) and len(title.text) < 150:
                named = f" {title.text}"
                walker.index += 1
            draft.review.append(f"line {block.line}: division '{block.text}{named}' is not kept (the format has none)")
            continue
        if marker is None:
            if walker.ends_body(block):
                return
            draft.review.append(f"line {block.line}: text outside any article kept as a paragraph: {block.text[:50]}")
            walker.index += 1
            continue
        num = number(marker.group("n"), rules.code) or marker.group("n")
        num = _unique(num, [str(e["article"]) for e in draft.body if "article" in e], "article", draft, block.line)
        walker.index += 1
        entry: dict[str, Any] = {"article": num}
        article_eid = eids.article(num)
        heading_block = walker.peek()
        inline = marker.groupdict().get("h")
        if inline:
            entry["heading"] = inline.strip()
            _add(draft, entry, "heading", article_eid, block)
        elif (
            heading_block is not None
            and not walker.is_marker(heading_block)
            and not walker.ends_body(heading_block)
            and len(heading_block.text) < 200
            and not heading_block.text.endswith(_SENTENCE_END)
        ):
            entry["heading"] = heading_block.text
            _add(draft, entry, "heading", article_eid, heading_block)
            walker.index += 1
        draft.body.append(entry)
        paragraphs: list[dict[str, Any]] = []
        own: list[str] = []
        own_piece_at = len(draft.pieces)
        while (
            (inner := walker.peek()) is not None
            and not walker.is_article(inner)
            and not walker.ends_body(inner)
            and not division.match(inner.text)
        ):
            if walker.is_paragraph(inner) or (walker.is_point(inner) and paragraphs):
                before = walker.index
                _paragraphs(walker, draft, num, paragraphs)
                if walker.index > before:
                    continue
            if paragraphs:
                draft.review.append(f"line {inner.line}: unnumbered text after article {num}'s paragraphs was joined")
                last = paragraphs[-1]
                key = "wrapup" if "points" in last else "text"
                if key not in last:
                    _add(draft, last, key, eids.wrapup(eids.paragraph(str(last["num"]), num)), inner)
                last[key] = f"{last.get(key, '')}{rules.joiner}{inner.text}".strip()
            else:
                own.append(inner.text)
            walker.index += 1
        if own:
            entry["text"] = rules.joiner.join(own) if rules.joiner == "" else " ".join(own)
            if len(own) > 1:
                draft.review.append(f"article {num}: {len(own)} unnumbered paragraphs joined into its text")
            draft.pieces.insert(own_piece_at, Piece(article_eid, entry, "text", block.line))
        if paragraphs:
            entry["paragraphs"] = paragraphs
            if own:
                draft.review.append(f"article {num} has unnumbered text before its numbered paragraphs")
        if not own and not paragraphs:
            entry["text"] = ""
            draft.review.append(f"article {num} has no text")


def _paragraphs(walker: _Walker, draft: Draft, article: str | None, into: list[dict[str, Any]]) -> None:
    """Numbered paragraphs (with their lists) until something else begins."""
    rules = walker.rules
    current: dict[str, Any] | None = into[-1] if into else None  # points may continue the last paragraph
    current_eid = eids.paragraph(str(current.get("num") or current.get("paragraph")), article) if current else ""
    while (block := walker.peek()) is not None:
        if walker.is_article(block) or walker.ends_body(block):
            return
        para = walker.is_paragraph(block)
        point = walker.is_point(block)
        if para:
            num = number(para.group("n"), rules.code) or para.group("n")
            taken = [str(p.get("num") or p.get("paragraph")) for p in into]
            num = _unique(num, taken, "paragraph", draft, block.line)
            current = {("num" if article else "paragraph"): num}
            current_eid = eids.paragraph(num, article)
            current["text"] = block.text[para.end() :].strip()
            into.append(current)
            _add(draft, current, "text", current_eid, block)
        elif point and current is not None:
            if "points" not in current:
                intro = current.pop("text", "")
                for piece in draft.pieces:
                    if piece.holder is current and piece.key == "text":
                        piece.key = "intro"
                        piece.eid = eids.intro(current_eid)
                if intro:
                    current["intro"] = intro
                current["points"] = []
            letter = point_letter(point.group("n"), rules.code)
            if current["points"] and _sub_point(letter, str(current["points"][-1]["num"])):
                # (i), (ii) under point (a): the format has no sub-points, so they stay in their point's text
                last = current["points"][-1]
                last["text"] = f"{last['text']}{rules.joiner or ' '}{block.text}".strip()
                draft.review.append(
                    f"line {block.line}: sub-point '{point.group('n')}' kept in the text of point "
                    f"{eids.point(current_eid, str(last['num']))} (the corpus format has no sub-points)"
                )
                walker.index += 1
                continue
            letter = _unique(letter, [str(p["num"]) for p in current["points"]], "point", draft, block.line, point=True)
            item = {"num": letter, "text": block.text[point.end() :].strip()}
            current["points"].append(item)
            _add(draft, item, "text", eids.point(current_eid, letter), block)
        elif current is not None and "points" in current and "wrapup" not in current:
            current["wrapup"] = block.text
            _add(draft, current, "wrapup", eids.wrapup(current_eid), block)
        elif article is not None:
            return  # the article decides what unnumbered text is
        elif _SECTION_HEADING.match(block.text):
            draft.review.append(f"line {block.line}: section heading '{block.text}' is not kept (the format has none)")
        elif current is not None:
            key = "wrapup" if "points" in current else "text"
            current[key] = f"{current.get(key, '')}{rules.joiner}{block.text}".strip()
            draft.review.append(f"line {block.line}: unnumbered text joined to paragraph {current_eid}")
        else:
            draft.review.append(f"line {block.line}: unnumbered text before the first paragraph: {block.text[:50]}")
            draft.preface.append(block.text)
        walker.index += 1


_ROMAN_SUB = lazy(r"^(?:i{1,3}|iv|vi{0,3}|ix|xi{0,3})$")


def _sub_point(num: str, previous: str) -> bool:
    """A point numbered in Roman (i, ii, iv ...) after a lettered one is its sub-point, unless it is the letter
    that comes next ((i) after (h), (v) after (u), (x) after (w)) or Roman points run on ((ii) after (i))."""
    if not _ROMAN_SUB.match(num):
        return False
    if len(num) == 1 and previous.isalpha() and len(previous) == 1 and ord(num) == ord(previous) + 1:
        return False  # the next letter
    return not _ROMAN_SUB.match(previous)


def _conclusions(walker: _Walker, draft: Draft) -> None:
    rules = walker.rules
    counters: dict[str, int] = {}
    signatures: list[dict[str, Any]] = []
    pending: list[Block] = []

    def count(kind: str) -> int:
        counters[kind] = counters.get(kind, 0) + 1
        return counters[kind]

    while (block := walker.peek()) is not None:
        walker.index += 1
        parties = walker.party_lines(block)
        if parties:
            _fill_signatures(signatures, pending, rules)
            pending = []
            for party in parties:
                signatures.append({"party": party})
            continue
        if signatures:
            pending.append(block)
            continue
        kind = "formula" if walker.is_witness(block) and "formula" not in counters else "p"
        entry: dict[str, Any] = {kind: block.text}
        draft.conclusions.append(entry)
        _add(draft, entry, kind, eids.conclusion(kind, count(kind)), block)
        if kind == "p":
            meeting = re.match(r"^\D*(\d+)", block.text.translate(DIGIT_MAP)) if walker.is_meeting(block) else None
            if meeting:
                draft.meta["plenary_meeting"] = int(meeting.group(1))
            found = _date(block.text, rules.code)
            if found and draft.meta.get("date") is None and _only_date(block.text, rules.code):
                draft.meta["date"] = found  # the date under the meeting; "Done at ... on 12 July" is the signing
    _fill_signatures(signatures, pending, rules)
    for signature in signatures:
        entry = {"signature": signature}
        draft.conclusions.append(entry)
        _add(draft, entry, "signature", eids.conclusion("signature", count("signature")), Block(0, "", False))
        if "name" not in signature:
            draft.review.append(f"signature of {signature['party']}: no name found")


def _fill_signatures(signatures: list[dict[str, Any]], pending: list[Block], rules: LangRules) -> None:
    """Share the lines after the party lines among the parties still without a name: role or name each."""
    open_ = [s for s in signatures if "name" not in s and "role" not in s]
    if not open_ or not pending:
        return
    per = max(1, len(pending) // len(open_))
    roles = {name for _, names in (*UN_ORGANS, *OTHER_ORGANS) for name in names.get(rules.code, [])}
    rows = [[c.strip() for c in re.split(r"\t+| {3,}", b.text.strip()) if c.strip()] for b in pending]
    table = len(open_) > 1 and all(len(row) == len(open_) for row in rows)  # signatures side by side
    for index, signature in enumerate(open_):
        if table:
            texts = [row[index] for row in rows]
        else:
            chunk = pending[index * per : (index + 1) * per] if index < len(open_) - 1 else pending[index * per :]
            texts = [block.text for block in chunk]
        for text in texts:
            is_role = any(text == role or text.startswith(role) or text.endswith(role) for role in roles)
            if is_role and "role" not in signature:
                signature["role"] = text
            elif "name" not in signature:
                signature["name"] = text
            else:
                signature["role"] = f"{signature.get('role', '')} {text}".strip()


def _attach_footnotes(drafts: list[Draft], notes: list[Note], rules: LangRules, review: list[str]) -> None:
    """Each footnote goes to the last unit before it whose text carries its marker; the marker is removed."""
    for note in notes:
        pattern = marker_pattern(note.marker)
        target: tuple[Draft, Piece, re.Match[str]] | None = None
        for draft in drafts:
            for piece in draft.pieces:
                if piece.line > note.line or piece.key == "signature":
                    continue
                value = piece.holder.get(piece.key)
                if not isinstance(value, str):
                    continue
                matches = list(pattern.finditer(value))
                found = matches[-1] if matches else None
                if found is not None and (target is None or piece.line >= target[1].line):
                    target = (draft, piece, found)
        if target is None:
            heading = next(
                (line for d in drafts for line in d.preface if d.line <= note.line and pattern.search(line)), None
            )
            if heading is not None:  # "Agenda item 129*": the format gives footnotes to units, not to a heading
                review.append(
                    f"line {note.line}: footnote {note.marker} is on the heading '{heading}', which cannot carry "
                    f"a footnote in the corpus format; dropped: {note.text}"
                )
            else:
                review.append(
                    f"line {note.line}: footnote {note.marker} has no marker in the text; dropped: {note.text}"
                )
            continue
        draft, piece, found = target
        value = piece.holder[piece.key]
        piece.holder[piece.key] = (value[: found.start()] + value[found.end() :]).strip()
        draft.footnotes.append({"marker": note.marker, "at": piece.eid, "text": note.text})
        draft.review.append(f"footnote {note.marker} attached to {piece.eid}")
