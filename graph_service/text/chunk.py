"""Cut a document into chunks that fit an embedding model and point back into the text.

A chunk is the unit that is embedded, indexed and shown as evidence, so it should hold
whole sentences, stay under a size budget, and be traceable: every chunk is an exact
slice of the input (``text[offset:offset + len(chunk.text)]``), and no visible character
of the input is left out of every chunk. Sentences are packed greedily; a sentence longer
than the budget is cut between words (Thai words found by the segmenter), and a single
"word" longer than the budget (a URL, a row of emoji) is cut between characters, never
in front of a combining mark.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from graph_service.text.segment import token_spans
from graph_service.text.sentences import split_sentences

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class TextChunk:
    """One chunk of a document.

    Attributes:
        ord: Position of the chunk in its document, from 0.
        offset: Where the chunk starts in the chunked text.
        text: The chunk, an exact slice of the chunked text.
    """

    ord: int
    offset: int
    text: str


def chunk_text(text: str, max_chars: int = 800, overlap_sentences: int = 0) -> list[TextChunk]:
    """Pack the sentences of ``text`` into chunks of at most ``max_chars`` characters.

    Each chunk starts and ends on a sentence boundary unless a sentence alone exceeds the
    budget. With ``overlap_sentences``, a chunk repeats up to that many trailing sentences
    of the previous one (as many as fit), so a thought cut at a chunk edge is still whole
    in one of the two chunks.

    Args:
        text: The text to chunk, usually the output of ``normalize_text``.
        max_chars: Size budget of a chunk, in characters.
        overlap_sentences: How many sentences each chunk may repeat from the previous one.

    Returns:
        The chunks in text order; empty when ``text`` is blank.

    Raises:
        ValueError: If ``max_chars`` is below 1 or ``overlap_sentences`` is negative.
    """
    if max_chars < 1 or overlap_sentences < 0:
        raise ValueError(
            f"need max_chars >= 1 and overlap_sentences >= 0, got {max_chars=}, "
            f"{overlap_sentences=}"
        )
    groups: list[list[Span]] = []
    current: list[Span] = []
    for start, sentence in split_sentences(text):
        for piece in _fit(text, start, start + len(sentence), max_chars):
            if current and piece[1] - current[0][0] > max_chars:
                groups.append(current)
                current = _overlap(current, piece, overlap_sentences, max_chars)
            current.append(piece)
    if current:
        groups.append(current)
    return [
        TextChunk(ord=i, offset=group[0][0], text=text[group[0][0] : group[-1][1]])
        for i, group in enumerate(groups)
    ]


def _overlap(previous: list[Span], piece: Span, count: int, max_chars: int) -> list[Span]:
    """The trailing pieces of the previous chunk that still fit in front of ``piece``."""
    kept = previous[len(previous) - count :] if count else []
    while kept and piece[1] - kept[0][0] > max_chars:
        kept.pop(0)
    return kept


def _fit(text: str, start: int, end: int, max_chars: int) -> Iterator[Span]:
    """Yield ``text[start:end]`` whole, or cut between words into pieces within budget."""
    if end - start <= max_chars:
        yield start, end
        return
    piece_start = piece_end = -1
    for token_start, token_end in _clusters(text, start, end):
        if piece_start >= 0 and token_end - piece_start > max_chars:
            yield piece_start, piece_end
            piece_start = -1
        if piece_start < 0:
            while token_end - token_start > max_chars:
                cut = _cut(text, token_start, token_start + max_chars)
                yield token_start, cut
                token_start = cut
            piece_start = token_start
        piece_end = token_end
    if piece_start >= 0:
        yield piece_start, piece_end


def _clusters(text: str, start: int, end: int) -> list[Span]:
    """The token spans of ``text[start:end]``, offset into ``text``, with a token that starts
    with a combining mark joined to the token it touches: the segmenter leaves a mark that
    did not compose ("0" + U+0591) as a token of its own, and a cut there would strip it."""
    spans: list[Span] = []
    for token_start, token_end in token_spans(text[start:end]):
        token_start, token_end = token_start + start, token_end + start
        if (
            spans
            and spans[-1][1] == token_start
            and unicodedata.category(text[token_start])[0] == "M"
        ):
            spans[-1] = (spans[-1][0], token_end)
        else:
            spans.append((token_start, token_end))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    """A cut point at or before ``limit`` that leaves no combining mark at a piece start.

    A run made only of marks (typing noise) has no such point; it is cut at ``limit``.
    """
    cut = limit
    while cut > start and unicodedata.category(text[cut])[0] == "M":
        cut -= 1
    return cut if cut > start else limit
