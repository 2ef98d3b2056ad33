"""A newcomer's one document, titled exactly what was asked, outranks an active member's many
near matches on every backend (queries.title_match): the title is a field of its own."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from embeddings.base import Embedder
from graph_service.store.base import GraphStore, SearchScope
from queries.experts import ExpertFinder, ExpertQuery, RankingWeights
from queries.title_match import TitleMatch
from tests.jsonl_ingest import ingest_rows

pytestmark = pytest.mark.model
EVERYTHING = SearchScope(private_allowed=None)
NOW = datetime(2025, 3, 20, tzinfo=UTC)
QUESTION = "How do we get pull requests reviewed within a day?"
NEWCOMER_TITLE = "Getting pull requests reviewed within a day"
NEWCOMER_BODY = (
    "Pull requests in our team waited three or four days for review, so features piled up "
    "half-finished. We agreed on small pull requests under three hundred lines, a review slot "
    "every morning after stand-up, and a bot that posts any pull request older than one "
    "working day to the team channel. Our median wait for review dropped to five hours."
)
THREADS = {
    "Where do we start with small pull requests?": (
        "Our pull requests are huge and nobody wants to review them. Where do we start?",
        "Split each pull request by concern and keep it small: small pull requests get "
        "reviewed the same day.",
    ),
    "What to do when changes wait too long?": (
        "Pull requests wait days for review in our team. What helps?",
        "Pull requests that wait days for review lose context: set a daily review time and "
        "keep pull requests small enough to review in a day.",
    ),
    "Let's talk about code review": (
        "How does your team run code review on pull requests?",
        "We review every pull request within the day: one reviewer, comments as questions, "
        "and the author merges once the review approves.",
    ),
}


@pytest.fixture
def store_dimension(embedder: Embedder) -> int:
    """Every test here embeds with the session's model (see tests/conftest.py, `emptied`)."""
    return embedder.dimension


def _devops_records() -> list[dict[str, object]]:
    """A developers' community: the newcomer nina's one article, and threads on pull requests
    whose accepted answers are all arthur's, written lately."""
    rows: list[dict[str, object]] = [{
        "type": "document", "id": "turnaround", "title": NEWCOMER_TITLE, "body": NEWCOMER_BODY,
        "language": "en", "author": {"id": "nina", "name": "Nina"}, "community": "cop-devops",
        "created_at": "2025-03-15T09:00:00+07:00",
    }]  # fmt: skip
    for n, (title, (body, answer)) in enumerate(THREADS.items()):
        rows.append({
            "type": "discussion", "id": f"review-{n}", "title": title, "body": body,
            "language": "en", "author": {"id": f"asker{n}", "name": f"Asker {n}"},
            "community": "cop-devops", "created_at": f"2025-03-1{n}T09:00:00+07:00",
            "posts": [{
                "id": f"review-{n}-answer", "kind": "answer", "accepted": True, "score": 2,
                "body": answer, "language": "en",
                "author": {"id": "arthur", "name": "Arthur"},
                "created_at": f"2025-03-1{n}T11:00:00+07:00",
            }],
        })  # fmt: skip
    return rows


@pytest.fixture
def ingested(store: GraphStore, embedder: Embedder, tmp_path: Path) -> None:
    assert ingest_rows(store, embedder, tmp_path, _devops_records()).total("rejected") == 0


def _ranked(store: GraphStore, embedder: Embedder, weights: RankingWeights) -> list[str]:
    finder = ExpertFinder(store, embedder, half_life_days=365, weights=weights)
    return [e.person_id.rsplit(":", 1)[-1] for e in finder.find(ExpertQuery(QUESTION), NOW)]


@pytest.mark.usefixtures("ingested")
def test_the_one_document_titled_as_asked_outranks_many_near_matches(
    store: GraphStore, embedder: Embedder
) -> None:
    assert _ranked(store, embedder, RankingWeights())[0] == "nina"


@pytest.mark.usefixtures("ingested")
def test_without_the_title_s_weight_the_active_member_s_near_matches_win(
    store: GraphStore, embedder: Embedder
) -> None:
    """The case above is one the title decides: without it, arthur's answers add up to more."""
    untitled = RankingWeights(title_match=TitleMatch(boost=0.0))
    assert _ranked(store, embedder, untitled)[0] == "arthur"
