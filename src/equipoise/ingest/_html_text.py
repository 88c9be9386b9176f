"""Paragraph text from HTML without building a tree.

libxml2 (behind lxml and trafilatura) stops at a nesting depth of a few hundred
elements and then drops everything deeper, so a page of thousands of nested ``div``s
loses its whole text. The standard library's event parser keeps no tree and has no
depth limit; it is the last resort when the tree-based extractors find nothing.
"""

from __future__ import annotations

from html.parser import HTMLParser

_HIDDEN = frozenset({"script", "style", "noscript", "template"})


class _Paragraphs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.title: str | None = None
        self._hidden = 0
        self._in_title = False
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "p":
            self._close()
            self._current = []

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "title":
            self._in_title = False
        elif tag == "p":
            self._close()

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        if self._in_title:
            self.title = " ".join(f"{self.title or ''} {data}".split()) or None
        elif self._current is not None:
            self._current.append(data)

    def _close(self) -> None:
        if self._current is not None:
            text = " ".join("".join(self._current).split())
            if text:
                self.paragraphs.append(text)
        self._current = None

    def finish(self) -> None:
        self.close()
        self._close()


def stream_paragraphs(html: str) -> tuple[str, str | None]:
    """The ``<p>`` texts of ``html`` (one per line) and its ``<title>``, at any depth."""
    parser = _Paragraphs()
    parser.feed(html)
    parser.finish()
    return "\n".join(parser.paragraphs), parser.title
