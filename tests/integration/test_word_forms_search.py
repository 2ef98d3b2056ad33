"""A word nobody in the community wrote finds the form it did write, on every backend and
with the real model: "hypoglycaemic" (Snowball: `hypoglycaem`) reaches the one document on
"hypoglycaemia" (`hypoglycaemia`), in expert finding and in practice search."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embeddings.base import Embedder
from graph_service.config import Settings
from graph_service.services import build_pipeline
from graph_service.store.base import GraphStore, SearchScope
from ingest.report import IngestReport
from ingest.sources.detect import read_source
from queries.experts import ExpertFinder, ExpertQuery
from queries.practices import PracticeSearch

pytestmark = pytest.mark.model
EVERYTHING = SearchScope(private_allowed=None)
QUESTION = "What should we do when a patient becomes hypoglycaemic at night?"
HOW_TO = (
    "For hypoglycaemia in an alert patient we use the rule of fifteen: give fifteen grams of "
    "fast sugar, such as half a glass of juice, and recheck the capillary glucose after "
    "fifteen minutes. Repeat until the glucose is above four. Make sure the juice and the "
    "glucose meter are always stocked on the night trolley."
)
NIGHT_NOTES = (
    "Older patients often get confused at night; keep a light on and talk to them calmly.",
    "At night the ward is short of staff, so we round every hour on the patients at risk.",
    "Patients who sleep badly at night need their pain checked before the lights go out.",
)


@pytest.fixture
def store_dimension(embedder: Embedder) -> int:
    """Embedded with the session's model (Neo4j keeps its search indexes between tests)."""
    return embedder.dimension


def _record(id_: str, title: str, body: str, author: str) -> dict[str, object]:
    return {
        "type": "document", "id": id_, "title": title, "body": body, "language": "en",
        "author": {"id": author, "name": author.title()}, "community": "cop-nurses",
        "created_at": "2025-03-01T09:00:00+07:00",
    }  # fmt: skip


@pytest.fixture
def finder(store: GraphStore, embedder: Embedder, tmp_path: Path) -> ExpertFinder:
    rows = [_record(f"night-{n}", text[:40], text, "busy") for n, text in enumerate(NIGHT_NOTES)]
    rows.append(_record("sugar", "Treating hypoglycaemia on the ward", HOW_TO, "ann"))
    path = tmp_path / "ward.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    build_pipeline(Settings(data_dir=tmp_path / "data"), store, embedder).run(
        read_source(path), IngestReport()
    )
    return ExpertFinder(store, embedder, half_life_days=730.0)


def test_the_written_form_is_looked_up(finder: ExpertFinder) -> None:
    assert finder.word_forms.expand(QUESTION) == ["hypoglycaemia"]
    assert finder.word_forms.expand("hypoglycaemia at night") == [], "written: searched as typed"


def test_the_author_of_the_other_form_ranks_first(finder: ExpertFinder) -> None:
    experts = finder.find(ExpertQuery(QUESTION, scope=EVERYTHING))
    assert experts[0].person_id == "jsonl:ann"
    assert experts[0].evidence[0].title == "Treating hypoglycaemia on the ward"


def test_practice_search_finds_it_by_the_other_form(
    finder: ExpertFinder, store: GraphStore, embedder: Embedder
) -> None:
    found = PracticeSearch(store, embedder, finder.term_bridge).search(
        "hypoglycaemic", EVERYTHING, 5
    )
    assert found, "the how-to is a practice"
    assert "hypoglycaemia" in found[0].practice.title.lower()
    assert any(reason.startswith("words match") for reason in found[0].reasons)
