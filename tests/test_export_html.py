"""``export html``: a self-contained page; every unit an anchor, links to anchors, marks and a legend, escaped text."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import FIXTURES, Runner

from unagree_cli.citations import find_citations
from unagree_cli.corpus import load
from unagree_cli.export.html import export_html, marked
from unagree_cli.highlight import FINDING, OBLIGATION, Span, deontic_spans
from unagree_cli.labels import number_to_zh
from unagree_cli.model import TreatySet
from unagree_cli.render import Labels, visible

VOID = {"meta", "br", "link", "img", "input", "hr", "wbr"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def lang(self) -> str | None:
        node: Node | None = self
        while node is not None:
            if "lang" in node.attrs:
                return node.attrs["lang"]
            node = node.parent
        return None

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.walk()

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())


class Tree(HTMLParser):
    """A small DOM: enough to find ids, links, marks and each cell's text and language."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        assert node is not None and node.parent is not None, f"unbalanced </{tag}>"
        self.current = node.parent

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def parse(page: str) -> Node:
    tree = Tree()
    tree.feed(page)
    tree.close()
    assert tree.current is tree.root, "unclosed elements"
    return tree.root


def labels_of(treaty: TreatySet) -> Labels:
    return Labels(treaty.labels, number_to_zh)


@pytest.fixture(scope="module")
def shipped() -> TreatySet:
    from unagree_cli.corpus import bundled_corpus

    return load(bundled_corpus())


@pytest.fixture(scope="module")
def page(shipped: TreatySet) -> str:
    return export_html(shipped, shipped.doc_keys(), shipped.languages, labels_of(shipped)).text


def test_every_unit_of_every_document_is_an_anchor_once(shipped: TreatySet, page: str) -> None:
    dom = parse(page)
    ids = Counter(node.attrs["id"] for node in dom.walk() if "id" in node.attrs)
    assert [i for i, n in ids.items() if n > 1] == []
    units = {node.attrs["id"]: node for node in dom.walk() if "unit" in node.classes() and "data-eid" in node.attrs}
    expected = [f"{doc}-{r.eid}" for doc in shipped.doc_keys() for r in shipped.records(doc, shipped.langs_of(doc))]
    assert list(units) == expected
    assert all(units[f"{doc}-{eid}"].attrs["data-eid"] == eid for doc, eid in (i.split("-", 1) for i in expected))
    assert all(doc in ids for doc in shipped.doc_keys())


def test_every_link_leads_to_an_anchor_on_the_page(page: str) -> None:
    dom = parse(page)
    ids = {node.attrs["id"] for node in dom.walk() if "id" in node.attrs}
    hrefs = [node.attrs["href"] for node in dom.walk() if node.tag == "a"]
    assert hrefs and all(href.startswith("#") and href[1:] in ids for href in hrefs)


def test_cross_references_are_links_to_the_provisions_cited(shipped: TreatySet, page: str) -> None:
    expected: Counter[tuple[str, str, str]] = Counter()
    for citation in find_citations(shipped):
        target = citation.target
        if target.kind == "provision" and target.eid:
            for mention in citation.mentions:
                expected[
                    (f"{citation.record.doc}-{citation.record.eid}", f"#{target.doc}-{target.eid}", mention.text)
                ] += 1
    assert expected, "the shipped corpus cites its own articles"
    dom = parse(page)
    found: Counter[tuple[str, str, str]] = Counter()
    for unit in (n for n in dom.walk() if "unit" in n.classes() and "id" in n.attrs):
        for link in (n for n in unit.walk() if n.tag == "a" and "xref" in n.classes()):
            found[(unit.attrs["id"], link.attrs["href"], link.text())] += 1
    assert found == expected


def test_each_cell_has_its_language_and_exactly_its_text(shipped: TreatySet, page: str) -> None:
    dom = parse(page)
    assert dom.walk().__next__() and next(n for n in dom.walk() if n.tag == "html").attrs["lang"] == "en"
    units = {n.attrs["id"]: n for n in dom.walk() if "unit" in n.classes() and "data-eid" in n.attrs}
    for doc in shipped.doc_keys():
        for record in shipped.records(doc, shipped.langs_of(doc)):
            cells = [n for n in units[f"{doc}-{record.eid}"].children if isinstance(n, Node) and "text" in n.classes()]
            assert [c.attrs["lang"] for c in cells] == shipped.langs_of(doc)  # the note: Chinese only
            for cell in cells:
                lang = cell.attrs["lang"]
                if lang in record.text:
                    assert visible(record.text[lang]) in cell.text(), (doc, record.eid, lang)
                    assert all(n.lang() == lang for n in cell.walk())


def test_deontic_words_are_marked_by_modality_with_a_legend(shipped: TreatySet, page: str) -> None:
    dom = parse(page)
    legend = next(n for n in dom.walk() if "legend" in n.classes())
    kinds = {"obligation", "permission", "right", "prohibition", "recognition"}
    assert {m.attrs["class"] for m in legend.walk() if m.tag == "mark"} == kinds
    unit = next(n for n in dom.walk() if n.attrs.get("id") == "agreement-art_5__para_1")
    for cell in (n for n in unit.children if isinstance(n, Node) and "text" in n.classes()):
        lang = cell.attrs["lang"]
        found = shipped.versions[("agreement", lang)].unit("art_5__para_1")
        assert found is not None
        text = found.text
        expected = [(text[s.start : s.end], s.kind) for s in deontic_spans(shipped, text, lang)]
        marks = [(m.text(), m.attrs["class"]) for m in cell.walk() if m.tag == "mark"]
        assert marks == expected and marks


def test_findings_are_listed_under_their_unit_with_the_message_as_tooltip(shipped: TreatySet, page: str) -> None:
    from unagree_cli.qa import review, select_checks

    dom = parse(page)
    units = {n.attrs["id"]: n for n in dom.walk() if "unit" in n.classes() and "data-eid" in n.attrs}
    reviewed = [item for item in review(shipped, "agreement", select_checks(None)) if item.findings and item.record.eid]
    assert reviewed
    for item in reviewed:
        unit = units[f"agreement-{item.record.eid}"]
        worst = next(s for s in ("error", "warning", "info") if any(f.severity == s for f in item.findings))
        assert f"has-{worst}" in unit.classes()
        titles = [li.attrs["title"] for li in unit.walk() if li.tag == "li"]
        assert titles == [visible(f.message) for f in item.findings]


def test_one_language_has_no_review(shipped: TreatySet) -> None:
    page = export_html(shipped, ["agreement"], ["zh"], labels_of(shipped)).text
    dom = parse(page)
    assert next(n for n in dom.walk() if n.tag == "html").attrs["lang"] == "zh"
    assert not [n for n in dom.walk() if n.tag == "li" and "findings" in (n.parent.classes() if n.parent else set())]
    assert not [n for n in dom.walk() if n.attrs.get("lang") == "en"]


def test_the_page_asks_for_nothing_over_the_network(page: str) -> None:
    dom = parse(page)
    assert not [n for n in dom.walk() if n.tag in ("script", "link", "img", "iframe", "object", "embed", "base")]
    assert not [n for n in dom.walk() if "src" in n.attrs]
    assert not re.search(r"url\(|@import|https?://", page)
    csp = next(n for n in dom.walk() if n.attrs.get("http-equiv") == "Content-Security-Policy")
    assert "default-src 'none'" in csp.attrs["content"]


def test_hostile_text_is_escaped(tmp_path: Path) -> None:
    corpus = tmp_path / "accord"
    shutil.copytree(FIXTURES / "accord", corpus)
    source = corpus / "river-accord" / "accord.en.yaml"
    hostile = '</div><script>alert(1)</script> & "q" \u202e <i>x</i>'
    text = source.read_text(encoding="utf-8").replace(
        "The Parties hereby establish the River Commission.", json.dumps(f"The Parties shall establish {hostile}.")
    )
    source.write_text(text, encoding="utf-8")
    accord = load(corpus)
    unit = accord.versions[("accord", "en")].unit("art_2__para_1")
    assert unit is not None and "<script>" in unit.text
    page = export_html(accord, accord.doc_keys(), accord.languages, labels_of(accord)).text
    dom = parse(page)
    assert not [n for n in dom.walk() if n.tag in ("script", "i")]
    cell = next(n for n in dom.walk() if n.attrs.get("id") == "accord-art_2__para_1").children[1]
    assert isinstance(cell, Node)
    assert visible(unit.text) in cell.text()
    assert "\u202e" not in page


def test_marked_splits_overlaps_and_keeps_every_character() -> None:
    text = "The Parties shall not disclose 70/263."
    spans = [Span(12, 21, "prohibition", "prohibition"), Span(18, 37, FINDING, "error: number <missing>")]
    out = marked(text, spans)
    dom = parse(out)
    assert dom.text() == text
    finding = [n for n in dom.walk() if "finding" in n.classes()]
    assert {n.attrs["title"] for n in finding} == {"error: number <missing>"}
    assert "".join(n.text() for n in finding) == text[18:37]
    assert "".join(n.text() for n in dom.walk() if n.tag == "mark") == "shall not"


def test_finding_spans_are_marked_when_findings_carry_them(shipped: TreatySet, monkeypatch: pytest.MonkeyPatch) -> None:
    """Findings with ``spans`` (offsets into each language's unit text) mark those words, message as tooltip."""
    from unagree_cli.export import html as module

    @dataclass(frozen=True)
    class WithSpans:
        check: str
        severity: str
        message: str
        spans: dict[str, list[tuple[int, int]]]

    found = shipped.versions[("agreement", "en")].unit("art_14")
    assert found is not None
    text = found.text
    start = text.index("supplementary")
    finding = WithSpans("terminology", "warning", "a term", {"en": [(start, start + len("supplementary"))]})
    monkeypatch.setattr(module, "_findings", lambda *a: {("agreement", "art_14"): [finding]})
    dom = parse(export_html(shipped, ["agreement"], ["en", "zh"], labels_of(shipped)).text)
    unit = next(n for n in dom.walk() if n.attrs.get("id") == "agreement-art_14")
    marks = [n for n in unit.walk() if "finding" in n.classes()]
    assert [(n.text(), n.attrs["title"]) for n in marks] == [("supplementary", "warning: a term")]


def test_a_fixture_treaty_exports_too() -> None:
    accord = load(FIXTURES / "accord")
    dom = parse(export_html(accord, accord.doc_keys(), accord.languages, labels_of(accord)).text)
    marks = [n for n in dom.walk() if n.tag == "mark" and n.attrs.get("class") == OBLIGATION]
    assert any(m.text() == "shall" for m in marks)


def test_the_cli_writes_the_page(run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "review.html"
    result = run("export", "html", "-o", str(target))
    assert result.code == 0
    dom = parse(target.read_text(encoding="utf-8"))
    assert next(n for n in dom.walk() if n.tag == "title").text().startswith("Agreement concerning")
    one = run("export", "html", "--doc", "agreement", "--lang", "en")
    assert one.code == 0 and 'id="agreement-art_1"' in one.out and 'id="resolution-' not in one.out


# ---------------------------------------------------------------- in a real browser


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _browser(*args: str) -> subprocess.CompletedProcess[str]:
    browser = _chromium()
    assert browser is not None
    with tempfile.TemporaryDirectory() as profile:
        flags = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={profile}",
        ]
        return subprocess.run(
            [browser, *flags, *args], capture_output=True, text=True, timeout=120, env={**os.environ, "LANG": "C.UTF-8"}
        )


@pytest.mark.slow
def test_chromium_renders_every_unit_anchor_and_link(shipped: TreatySet, page: str, tmp_path: Path) -> None:
    if _chromium() is None:
        pytest.skip("chromium is not installed")
    path = tmp_path / "review.html"
    path.write_text(page, encoding="utf-8")
    result = _browser("--dump-dom", path.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    dom = parse(result.stdout)
    ids = {n.attrs["id"] for n in dom.walk() if "id" in n.attrs}
    units = [n for n in dom.walk() if "unit" in n.classes() and "data-eid" in n.attrs]
    expected = [f"{doc}-{r.eid}" for doc in shipped.doc_keys() for r in shipped.records(doc, shipped.langs_of(doc))]
    assert [n.attrs["id"] for n in units] == expected
    links = [n.attrs["href"] for n in dom.walk() if n.tag == "a" and "xref" in n.classes()]
    source_links = re.findall(r'<a class="xref" href="([^"]+)"', page)
    assert links == source_links and links
    assert all(href[1:] in ids for href in links)
    assert not [n for n in dom.walk() if n.tag == "script"]


@pytest.mark.slow
def test_chromium_screenshot(page: str, tmp_path: Path) -> None:
    if _chromium() is None:
        pytest.skip("chromium is not installed")
    path = tmp_path / "review.html"
    path.write_text(page, encoding="utf-8")
    shot = tmp_path / "review.png"
    result = _browser(f"--screenshot={shot}", "--window-size=1200,900", path.as_uri())
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (1200, 900)
    assert len(data) > 20_000  # a page of text, not a blank image
    if os.environ.get("UNAGREE_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["UNAGREE_KEEP_SCREENSHOT"])
