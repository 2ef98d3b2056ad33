"""Clean text once, at the boundary, so every later step sees one spelling of the same words.

Thai typed on phones arrives with doubled vowels, tone marks in the wrong order and stray
zero-width spaces; the same word spelt two ways would segment, index and embed as two
words. PyThaiNLP's ``normalize`` fixes that, but it also collapses newlines and strips the
ends of its input, so it is applied to Thai runs only and the paragraph structure (which
sentences and chunks rely on) is kept here. HTML bodies (StackExchange posts) become plain
text with their paragraph breaks.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
import unicodedata
from collections.abc import Callable
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from graph_service.text.language import THAI_CHARS

_LINE_BREAKS = re.compile("\r\n?|[\v\f\x85\u2028\u2029]")
# C0/C1 controls except tab and newline, plus invisible format characters that only get in
# the way of matching. ZWJ (U+200D) and variation selectors stay: emoji sequences need them.
_INVISIBLE = dict.fromkeys(
    [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0), 0xAD, 0x200B, 0x2060, 0xFEFF]
)
_LONE_SURROGATES = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[^\S\t\n]+")
_TRAILING_SPACES = re.compile(r"[ \t]+\n")
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_HTML_LAYOUT = re.compile(r"\s+")
# Thai runs with the single spaces inside them: PyThaiNLP repairs a space typed before a
# vowel sign ("พ ุ่ม"), which it cannot see in a run cut at every space.
_THAI_SPAN = re.compile(f"[{THAI_CHARS}]+(?: [{THAI_CHARS}]+)*")
_import_lock = threading.Lock()


def prepare_pythainlp() -> None:
    """Point PyThaiNLP at a writable data folder, forbid downloads, and import it; call before
    using it.

    PyThaiNLP reads both settings when it is imported. Offline mode makes a missing corpus
    fail at once instead of hanging on a closed network. A setting the user made wins.
    The import is done here, by one thread at a time: its modules import each other, and
    two threads importing them at once (a fresh server's first Thai requests) get partly
    initialised modules and fail.
    """
    with _import_lock:
        os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
        if "PYTHAINLP_DATA" not in os.environ and "PYTHAINLP_DATA_DIR" not in os.environ:
            data = Path.home() / ".cache" / "copgraph" / "pythainlp"
            data.mkdir(parents=True, exist_ok=True)
            os.environ["PYTHAINLP_DATA"] = str(data)
        with contextlib.suppress(ImportError):  # the caller's own import names the package
            import pythainlp  # noqa: F401


@cache
def _thai_normalizer() -> Callable[[str], str]:
    """PyThaiNLP's normaliser, imported on first Thai input so English-only use never loads it."""
    prepare_pythainlp()
    try:
        from pythainlp.util import normalize
    except ImportError as e:
        raise ImportError("Thai text needs PyThaiNLP: pip install 'pythainlp>=5.1,<6'") from e
    fix: Callable[[str], str] = normalize
    return fix


def normalize_text(text: str) -> str:
    """Return ``text`` in the one form the rest of the pipeline expects.

    Steps: line endings to ``\\n``; control and invisible format characters removed (tabs
    and newlines kept); Unicode NFC; runs of spaces to one space; spaces at line ends and
    more than one blank line dropped; PyThaiNLP's Thai normalisation inside Thai runs. Only
    spelling noise goes: letters, digits, emoji and punctuation are kept.

    Args:
        text: Raw text from any source.

    Returns:
        The normalised text, stripped at both ends.
    """
    # Invisible characters go before NFC: left between a letter and its marks, they would
    # keep the marks from composing or from being put in canonical order.
    text = _LONE_SURROGATES.sub("", _LINE_BREAKS.sub("\n", text).translate(_INVISIBLE))
    text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", _TRAILING_SPACES.sub("\n", text))
    if _THAI_SPAN.search(text):
        fix = _thai_normalizer()
        # Dropping a dangling Thai mark can bring a letter and a mark together ("U" + Thai
        # sara i + grave): compose them too, or the result would not be NFC nor stable.
        text = unicodedata.normalize("NFC", _THAI_SPAN.sub(lambda m: fix(m.group()), text))
    return text.strip()


_DROPPED = frozenset(
    {"script", "style", "nav", "header", "footer", "aside", "noscript", "template"}
)
_BLOCKS = frozenset(
    {"p", "div", "pre", "blockquote", "ul", "ol", "li", "table", "tr", "section", "article"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "hr", "dl", "dt", "dd", "figure", "main"}
)


class _TextExtractor(HTMLParser):
    """Collects text, turning block elements into paragraph breaks and skipping chrome."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED:
            self._skip_depth += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self._pre_depth += tag == "pre"

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self._pre_depth = max(0, self._pre_depth - (tag == "pre"))

    def handle_data(self, data: str) -> None:
        if self._skip_depth:
            return
        # Source layout is not meaning, except inside <pre> where line breaks are code.
        self.parts.append(data if self._pre_depth else _HTML_LAYOUT.sub(" ", data))


def html_to_text(html: str) -> str:
    """Turn an HTML body into normalised plain text with its paragraph breaks.

    Block elements (``p``, ``li``, ``pre``, headings...) become blank lines, so the
    sentence splitter and chunker see the author's paragraphs; ``br`` becomes a line
    break; inline elements (``a``, ``code``, ``em``) keep their text in place. Page chrome
    and code that is not content (script, style, nav, header, footer, aside) is dropped.
    Entities are decoded. Broken HTML degrades to its text, never to an exception.

    Args:
        html: An HTML fragment or page, such as a StackExchange post body.

    Returns:
        The text, normalised with :func:`normalize_text`.
    """
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return normalize_text("".join(parser.parts))
