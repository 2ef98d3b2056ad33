"""The embedded store's postings hold the words FTS5's tokenizer makes of the same text
(statements.TOKENIZER): every visible character belongs to a word, anything else splits,
case is folded. Checked against FTS5 itself on text made to differ from `str.split`."""

from __future__ import annotations

import sqlite3

import pytest

from graph_service.store.embedded.keywords import indexed_words, is_word
from graph_service.store.embedded.statements import TOKENIZER

TEXTS = [
    "after action review",
    "grover's x-trail 0.5 (straw) c++ #tag",
    "การจัดการ ความรู้ ผ่านๆ",
    "tab\there\nnew line\r\x0bvertical",
    "zero\u200bwidth soft\u00adhyphen joiner\u200dhere bom\ufeffend",
    "control\x01char\x7fdel nbsp\u00a0space ideographic\u3000space",
    "UPPER Case ÄÖÜ Ελληνικά",
    "emoji 🙂ok private\ue000use",
]


def _fts5_words(text: str) -> list[str]:
    connection = sqlite3.connect(":memory:")
    connection.execute(f'CREATE VIRTUAL TABLE t USING fts5(x, tokenize="{TOKENIZER}")')
    connection.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")
    connection.execute("INSERT INTO t (x) VALUES (?)", (text,))
    rows = connection.execute("SELECT term FROM v ORDER BY offset").fetchall()
    return [term for (term,) in rows]


@pytest.mark.parametrize("text", TEXTS)
def test_the_words_are_fts5s(text: str) -> None:
    assert indexed_words(text) == _fts5_words(text)


def test_a_term_with_a_separator_inside_is_a_phrase() -> None:
    assert is_word("ความรู้")
    assert is_word("grover's")
    assert not is_word("after action")
    assert not is_word("zero\u200bwidth")
