"""The embedded store ranks keyword queries from postings it keeps in memory (keywords.py);
its answers must be FTS5's own, to the bit: the same rows in the same order with the same
`-bm25()`, for words and phrases, in every scope and target, and after writes of this
store and of another store object on the same file (another process), whether the
postings of the new rows sit in blocks of their own or were merged."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_service.store.embedded import EmbeddedStore, convert, keywords
from graph_service.store.embedded.search import fts_match
from graph_service.store.embedded.statements import TARGETS
from graph_service.text.segment import query_terms
from tests.sample import SEARCH_SCOPES, SEARCH_TARGETS, two_handles

QUERIES = ["compost rice straw", "after action review", "the", "การจัดการความรู้", "hand care"]
"""Common and rare words, English and Thai; the short ones are looked up as a phrase too."""


def _fts5(table: str) -> str:
    """What the store answered with before the postings: FTS5 ranking every match."""
    return f"""
SELECT x.id, -bm25({table}_fts) AS score FROM {table} x
LEFT JOIN documents d ON d.id = x.{"parent_id" if table == "chunks" else "source_id"}
LEFT JOIN posts p ON p.id = x.{"parent_id" if table == "chunks" else "source_id"}
LEFT JOIN communities co ON co.id = COALESCE(d.community_id, p.community_id)
JOIN {table}_fts ON {table}_fts.rowid = x.seq
WHERE {table}_fts MATCH :match
    AND (:communities IS NULL OR COALESCE(d.community_id, p.community_id)
        IN (SELECT value FROM json_each(:communities)))
    AND (:private_allowed IS NULL OR co.private IS NOT 1
        OR co.id IN (SELECT value FROM json_each(:private_allowed)))
    AND (:language IS NULL OR x.language = :language)
    AND (:since IS NULL OR COALESCE(d.created_ts, p.created_ts) >= :since)
ORDER BY score DESC, x.id LIMIT :k"""


def _compare(store: EmbeddedStore) -> int:
    """Asserts the store's keyword answers are FTS5's; how many hits were compared."""
    compared = 0
    for text in QUERIES:
        terms = query_terms(text)
        for k in (1, 3, 50):
            for scope in SEARCH_SCOPES:
                for target in SEARCH_TARGETS:
                    parameters = {"match": fts_match(terms), "k": k}
                    with store._db.read() as connection:
                        expected = connection.execute(
                            _fts5(TARGETS[target][0]),
                            parameters | convert.scope_parameters(scope),
                        ).fetchall()
                    found = store.keyword_search(terms, k, target, scope)
                    assert [(hit.id, hit.score) for hit in found] == expected, (text, k, scope)
                    compared += len(found)
    return compared


@pytest.mark.parametrize(("share", "blocks"), [(1e9, 1), (1e9, 1000), (0.0, 1000)])
def test_keyword_answers_are_fts5s_through_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, share: float, blocks: int
) -> None:
    monkeypatch.setattr(keywords, "MERGE_SHARE", share)
    monkeypatch.setattr(keywords, "MOST_BLOCKS", blocks)
    with two_handles(tmp_path) as (store, other, writes):
        assert _compare(store) > 200
        for write in writes:
            write()
            _compare(store)
            _compare(other)
