"""A small XML tree and serializer for the exports, standard library only.

Why not ``xml.etree``: pretty-printing must never add whitespace inside mixed
content (a paragraph's text and its footnote), text must survive a round trip
exactly (a carriage return is written as ``&#13;``), and characters XML 1.0
cannot carry at all must be dropped and counted, never written.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..patterns import lazy

# Everything outside the XML 1.0 ``Char`` production: C0 controls other than
# tab, newline and carriage return, lone surrogates, U+FFFE and U+FFFF.
_NOT_XML = lazy("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TEXT_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ATTR_ESCAPES = {**_TEXT_ESCAPES, '"': "&quot;", "\n": "&#10;", "\t": "&#9;"}
_TEXT_SPECIAL = lazy("[&<>\r]")
_ATTR_SPECIAL = lazy('[&<>"\r\n\t]')


def strip_illegal(text: str) -> tuple[str, int]:
    """``text`` without the characters XML 1.0 cannot hold, and how many were removed."""
    return _NOT_XML.subn("", text)


@dataclass
class Element:
    """An element: a tag, attributes in order, and children (elements or text).

    ``mixed`` marks text-level content (a paragraph, a heading): it is written
    on one line, so indentation never adds whitespace to the text.
    """

    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)
    mixed: bool = False

    def add(
        self, tag: str, attrs: dict[str, str] | None = None, text: str | None = None, mixed: bool = False
    ) -> Element:
        """Append a child element (text-level if it gets ``text``) and return it."""
        child = Element(tag, dict(attrs or {}), mixed=mixed or text is not None)
        if text is not None:
            child.children.append(text)
        self.children.append(child)
        return child

    def append(self, child: Element | str) -> None:
        self.children.append(child)

    def find(self, tag: str) -> Element | None:
        """The first child element with ``tag``."""
        for child in self.children:
            if isinstance(child, Element) and child.tag == tag:
                return child
        return None


@dataclass
class Serializer:
    """Writes elements as indented XML; counts the characters it had to drop."""

    indent: str = "  "
    removed: int = 0

    def _clean(self, text: str) -> str:
        cleaned, count = strip_illegal(text)
        self.removed += count
        return cleaned

    def text(self, value: str) -> str:
        return _TEXT_SPECIAL.sub(lambda m: _TEXT_ESCAPES[m.group()], self._clean(value))

    def attr(self, value: str) -> str:
        return _ATTR_SPECIAL.sub(lambda m: _ATTR_ESCAPES[m.group()], self._clean(value))

    def start(self, element: Element) -> str:
        attrs = "".join(f' {name}="{self.attr(value)}"' for name, value in element.attrs.items())
        return f"<{element.tag}{attrs}"

    def inline(self, element: Element) -> str:
        """An element and everything in it on one line, whitespace untouched."""
        if not element.children:
            return self.start(element) + "/>"
        inner = "".join(self.text(c) if isinstance(c, str) else self.inline(c) for c in element.children)
        return f"{self.start(element)}>{inner}</{element.tag}>"

    def lines(self, element: Element, depth: int = 0) -> list[str]:
        pad = self.indent * depth
        if element.mixed or not element.children or any(isinstance(c, str) for c in element.children):
            return [pad + self.inline(element)]
        out = [pad + self.start(element) + ">"]
        for child in element.children:
            assert isinstance(child, Element)
            out.extend(self.lines(child, depth + 1))
        out.append(f"{pad}</{element.tag}>")
        return out


def document(root: Element, doctype: str | None = None) -> tuple[str, int]:
    """A UTF-8 XML document for ``root``; also how many illegal characters were dropped."""
    writer = Serializer()
    head = ['<?xml version="1.0" encoding="UTF-8"?>']
    if doctype:
        head.append(doctype)
    body = writer.lines(root)
    return "\n".join(head + body) + "\n", writer.removed
