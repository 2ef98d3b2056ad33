"""Merging a caller's visible EXPERT_IN rows: one row per person and domain, as if derived
from all of that evidence at once (queries.visibility)."""

from __future__ import annotations

import math
from datetime import UTC, datetime

from graph_service.models import Expertise
from queries.visibility import merge_expertise


def test_merged_rows_score_as_one_derivation_over_all_their_evidence() -> None:
    public = Expertise(
        person_id="p", domain_id="d", score=round(math.log1p(2.0), 6), evidence_count=2,
        last_activity=datetime(2024, 1, 1, tzinfo=UTC), method="m",
    )  # fmt: skip
    private = public.model_copy(
        update={
            "score": round(math.log1p(1.5), 6),
            "evidence_count": 1,
            "last_activity": datetime(2025, 1, 1, tzinfo=UTC),
            "private_community": "c",
        }
    )
    other = public.model_copy(update={"person_id": "q", "score": 5.0})
    merged = merge_expertise([public, private, other])
    assert [row.person_id for row in merged] == ["q", "p"]
    assert merged[1].score == round(math.log1p(3.5), 6)
    assert merged[1].evidence_count == 3
    assert merged[1].last_activity == datetime(2025, 1, 1, tzinfo=UTC)
    assert merge_expertise([other]) == [other]
