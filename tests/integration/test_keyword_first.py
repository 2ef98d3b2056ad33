"""The embedded store's keyword search tests the scope on the best BM25 matches first; its
answers must be those of testing every match, whether the first ranking settles them or
not (a narrow scope drops most, ties at the cut)."""

from __future__ import annotations

from pathlib import Path

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.embedded import EmbeddedStore, reads
from ingest.report import IngestReport
from tests.sample import SEARCH_SCOPES, SEARCH_TARGETS, sample_records

TERMS = [["compost", "rice", "straw"], ["review"], ["การ", "ความรู้"], ["the"], ["hand", "care"]]


def _answers(store: EmbeddedStore) -> list[list[tuple[str, float]]]:
    return [
        [(hit.id, hit.score) for hit in store.keyword_search(terms, k, target, scope)]
        for terms in TERMS
        for k in (1, 3, 10)
        for scope in SEARCH_SCOPES
        for target in SEARCH_TARGETS
    ]


@pytest.mark.parametrize("fetch", [1, 0])
def test_a_short_first_ranking_answers_as_testing_every_match(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fetch: int
) -> None:
    store = EmbeddedStore.open(tmp_path / "store")
    pipeline = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    try:
        pipeline.run(sample_records(), IngestReport())
        whole = _answers(store)
        assert sum(map(len, whole)) > 100
        monkeypatch.setattr(reads, "KEYWORD_FETCH", fetch)
        monkeypatch.setattr(reads, "KEYWORD_PAD", 1 - fetch)
        assert _answers(store) == whole
    finally:
        pipeline.cache.close()
        store.close()
