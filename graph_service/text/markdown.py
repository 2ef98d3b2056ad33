"""Markdown to plain text that keeps the structure later stages read.

Rendering to HTML and stripping tags would lose what the practice extractor looks for:
headings (a practice's title) and list numbers (its steps). So the CommonMark token stream
of `markdown-it-py` is walked instead: emphasis, links and code marks go, headings keep a
`#` prefix, list items their number or bullet, code blocks their text.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from graph_service.text.normalize import normalize_text

_INLINE_TEXT = {"text", "code_inline", "image", "html_inline"}


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def _inline(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in _INLINE_TEXT:
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)


def markdown_to_text(markdown: str) -> str:
    """Normalised plain text of a Markdown body, one block per paragraph."""
    blocks: list[str] = []
    counters: list[int | None] = []
    prefix = ""
    for token in _parser().parse(markdown):
        if token.type == "ordered_list_open":
            counters.append(int(token.attrGet("start") or 1))
        elif token.type == "bullet_list_open":
            counters.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            counters.pop()
        elif token.type == "list_item_open" and counters:
            number = counters[-1]
            prefix = "- " if number is None else f"{number}. "
            if number is not None:
                counters[-1] = number + 1
        elif token.type == "heading_open":
            prefix = "#" * int(token.tag[1:]) + " "
        elif token.type == "inline":
            blocks.append(prefix + _inline(token))
            prefix = ""
        elif token.type in ("fence", "code_block", "html_block"):
            blocks.append(token.content.rstrip("\n"))
    return normalize_text("\n\n".join(block for block in blocks if block.strip()))
