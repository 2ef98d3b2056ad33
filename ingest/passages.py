"""Stage 3: content becomes retrievable passages, each knowing its parent and offset.

The thread's title is put in front of each passage for embedding and keyword search (a
contextual header): an answer that says "use a surface code" is about the question's topic
even when it never repeats it, and expert finding depends on that link.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph_service.text.chunk import chunk_text
from graph_service.text.segment import search_text
from ingest.content import Content

CHUNK_CHARS = 800
"""Passage budget: about the length the multilingual encoder represents well."""


@dataclass(frozen=True)
class Passage:
    """A chunk before embedding: `embed_text` carries the title header, `text` does not."""

    id: str
    parent_id: str
    ord: int
    offset: int
    text: str
    embed_text: str
    search_text: str
    language: str


def passages(content: Content, thread_title: str) -> list[Passage]:
    """The passages of one document or post."""
    header = thread_title.strip()
    body = content.text or content.title
    result = []
    for piece in chunk_text(body, max_chars=CHUNK_CHARS):
        embed_text = (
            f"{header}\n{piece.text}" if header and header not in piece.text else piece.text
        )
        result.append(
            Passage(
                id=f"{content.id}#c{piece.ord}",
                parent_id=content.id,
                ord=piece.ord,
                offset=piece.offset,
                text=piece.text,
                embed_text=embed_text,
                search_text=search_text(embed_text),
                language=content.language,
            )
        )
    return result
