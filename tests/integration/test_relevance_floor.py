"""The relevance floor follows writes on both stores: after each push, edit and delete it is
what a calibration from scratch gives, and it rises when nonsense-like text comes in and
falls back when that text goes, without searching again for what a write did not touch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from embeddings.hashing import HashingEmbedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore
from ingest.pipeline import Pipeline
from ingest.records import RawContent, RawPerson, SourceRecord, sole
from ingest.report import IngestReport
from queries.relevance_floor import NULL_PROBES, RelevanceFloor

WHEN = datetime(2025, 3, 1, tzinfo=UTC)
FILLER = (
    "We rotate rice with mung beans after the dry season, and the soil holds water better. "
) * 10
"""About 900 characters, more than one chunk holds: text after it lands in a second chunk."""
MASH = f"{NULL_PROBES[0]} {NULL_PROBES[1]}"
"""Text as close to the floor's nonsense probes as content gets."""


@pytest.fixture
def store_dimension() -> int:
    return HashingEmbedder().dimension


@pytest.fixture
def pipeline(store: GraphStore, tmp_path: Path) -> Iterator[Pipeline]:
    built = build_pipeline(Settings(data_dir=tmp_path / "data"), store, HashingEmbedder())
    yield built
    built.cache.close()


def _document(key: str, body: str) -> SourceRecord:
    document = RawContent(
        id=f"doc-{key}",
        kind="article",
        title=f"Notes {key}",
        body=body,
        authors=sole(RawPerson(source="test", handle="ann", name="Ann")),
        created_at=WHEN,
    )
    return SourceRecord(source="test", position=document.id, document=document)


def _fresh(store: GraphStore) -> float:
    return RelevanceFloor(store, HashingEmbedder()).get()


def test_the_floor_follows_writes_as_a_calibration_from_scratch(
    store: GraphStore, pipeline: Pipeline
) -> None:
    pipeline.run([_document("soil", FILLER), _document("water", "Drip lines save water.")],
                 IngestReport())  # fmt: skip
    followed = RelevanceFloor(store, HashingEmbedder())
    quiet = followed.get()
    assert quiet == pytest.approx(_fresh(store))

    pipeline.run([_document("third", f"{FILLER} {MASH}")], IngestReport())
    risen = followed.get()
    assert risen > quiet + 0.02, "a chunk near the probes raises the floor"
    assert risen == pytest.approx(_fresh(store))

    # The chunk near the probes goes while its content stays (its second chunk is dropped).
    pipeline.run([_document("third", "Drip lines save water.")], IngestReport())
    assert followed.get() == pytest.approx(_fresh(store))
    assert followed.get() < risen

    pipeline.run([_document("third", MASH)], IngestReport())
    assert followed.get() == pytest.approx(_fresh(store))
    pipeline.delete(["doc-third"])
    assert followed.get() == pytest.approx(_fresh(store))
    assert followed.get() == pytest.approx(quiet)


LATIN_QUESTION = "Which cover crop suits a dry season?"
THAI_QUESTION = "ปลูกพืชคลุมดินชนิดไหนดีในหน้าแล้ง"
THAI_MASH = f"{NULL_PROBES[3]} {NULL_PROBES[5]}"
"""Text as close to the Thai probes as content gets."""


def test_each_script_s_queries_are_held_to_that_script_s_nonsense(
    store: GraphStore, pipeline: Pipeline
) -> None:
    """Latin keyboard mash coming in raises the floor of Latin queries only, and Thai mash
    that of Thai queries only; a query in both scripts is held to both."""
    pipeline.run([_document("soil", FILLER)], IngestReport())
    floor = RelevanceFloor(store, HashingEmbedder())
    latin, thai = floor.get(LATIN_QUESTION), floor.get(THAI_QUESTION)

    pipeline.run([_document("latin-mash", MASH)], IngestReport())
    assert floor.get(LATIN_QUESTION) > latin + 0.02
    assert floor.get(THAI_QUESTION) == pytest.approx(thai)
    latin = floor.get(LATIN_QUESTION)

    pipeline.run([_document("thai-mash", THAI_MASH)], IngestReport())
    assert floor.get(THAI_QUESTION) > thai + 0.02
    assert floor.get(LATIN_QUESTION) == pytest.approx(latin)
    both = floor.get(f"{LATIN_QUESTION} {THAI_QUESTION}")
    assert both == pytest.approx(max(floor.get(LATIN_QUESTION), floor.get(THAI_QUESTION)))
    assert floor.get("2025") == pytest.approx(both), "no letters: every probe counts"
