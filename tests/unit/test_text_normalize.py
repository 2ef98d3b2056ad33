"""normalize_text and html_to_text: one spelling, paragraphs kept, no real content lost."""

from __future__ import annotations

import unicodedata
from itertools import islice
from pathlib import Path

import pytest

from graph_service.text import html_to_text, normalize_text

WISESIGHT = Path(__file__).resolve().parents[3] / "shared" / "data" / "wisesight-sentiment"


def _content(text: str) -> list[str]:
    """What normalisation must keep: Thai consonants, Latin letters, digits, emoji."""
    return [
        ch
        for ch in unicodedata.normalize("NFC", text)
        if "\u0e01" <= ch <= "\u0e2e"
        or ch.isascii()
        and ch.isalnum()
        or unicodedata.category(ch) == "So"
    ]


def test_line_endings_controls_and_spaces() -> None:
    assert normalize_text("a\r\nb\rc\u2028d") == "a\nb\nc\nd"
    assert normalize_text("x\x00y\x07z\tq") == "xyz\tq"
    assert (
        normalize_text("  many    spaces\u00a0\u00a0here  \n\n\n\nnext ")
        == "many spaces here\n\nnext"
    )
    assert normalize_text("\ufeffzero\u200bwidth") == "zerowidth"


def test_thai_spelling_is_repaired() -> None:
    assert normalize_text("เเปลก") == "แปลก"
    assert normalize_text("นานาาา") == "นานา"
    assert normalize_text("พ ุ่มดอกไม้") == "พุ่มดอกไม้"


def test_nfc_and_emoji_sequences_survive() -> None:
    family = "👨\u200d👩\u200d👧 👍🏽"
    assert normalize_text("cafe\u0301 " + family) == "café " + family


def test_normalising_twice_changes_nothing() -> None:
    text = "ค่ะะะ  ใช้แล้ว\r\n\r\n\r\nสิวขึ้น 😰😰 Eucerin"
    assert normalize_text(normalize_text(text)) == normalize_text(text)


@pytest.mark.parametrize("name", ["pos.txt", "neg.txt", "neu.txt", "q.txt"])
def test_real_thai_keeps_letters_digits_and_emoji(name: str) -> None:
    with (WISESIGHT / name).open(encoding="utf-8") as lines:
        for line in islice(lines, 2000):
            assert _content(normalize_text(line)) == _content(line), line


def test_html_keeps_paragraphs_and_drops_chrome() -> None:
    html = (
        "<html><head><style>p {}</style><script>var x = 1;</script></head><body>"
        "<nav>Home | About</nav><header>Site</header>"
        "<p>Hello &amp; <a href='x'>welcome</a>\n to <code>qiskit</code>.</p>"
        "<ul><li>one</li><li>two<br>three</li></ul>"
        "<pre><code>x = 1\ny = 2</code></pre>"
        "<aside>ads</aside><footer>(c)</footer></body></html>"
    )
    assert html_to_text(html) == "Hello & welcome to qiskit.\n\none\n\ntwo\nthree\n\nx = 1\ny = 2"


def test_broken_html_degrades_to_text() -> None:
    assert html_to_text("<p>open <b>bold <i>both") == "open bold both"
