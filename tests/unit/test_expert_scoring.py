"""From relevant content to scored people: strong beats many weak, volume counts at equal
relevance, every co-author is credited, and a score is the sum of its parts."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from graph_service.store.base import Author, Evidence
from queries.expert_scoring import EVIDENCE_SHOWN, Aggregation, Expert, aggregate

NOW = datetime(2026, 1, 1, tzinfo=UTC)
SHARP = Aggregation(half_life_days=730.0, sharpness=4.0, damping=0.3)
LINEAR = Aggregation(half_life_days=730.0, sharpness=1.0, damping=0.3)


def evidence(content_id: str, *authors: Author) -> Evidence:
    return Evidence(
        content_id=content_id,
        content_kind="article",
        document_id=content_id,
        title=content_id,
        url=None,
        created_at=NOW,
        community_id=None,
        language="en",
        score=0,
        accepted=False,
        chunk_id=f"{content_id}#0",
        snippet="",
        authors=list(authors),
    )


def person(name: str, **fields: object) -> Author:
    return Author(id=name, name=name, **fields)  # type: ignore[arg-type]


def ranked(found: list[tuple[float, Evidence]], how: Aggregation) -> list[str]:
    people = aggregate(found, NOW, how)
    return sorted(people, key=lambda pid: -people[pid].score)


def test_one_strong_match_beats_many_weak_ones() -> None:
    sole = [(1.0, evidence("exact", person("sole")))]
    prolific = [(0.5, evidence(f"loose-{i}", person("prolific"))) for i in range(20)]
    assert ranked(sole + prolific, SHARP)[0] == "sole"
    assert ranked(sole + prolific, LINEAR)[0] == "prolific"  # what sharpness is for


def test_a_question_asked_in_full_counts_breadth_where_a_few_words_do_not() -> None:
    one = [(1.0, evidence("best", person("one")))]
    broad = [(0.6, evidence(f"part-{i}", person("broad"))) for i in range(6)]
    how = replace(SHARP, verbose_sharpness=1.5, verbose_words=(10, 30))
    assert ranked(one + broad, how.for_query(9))[0] == "one"
    assert ranked(one + broad, how.for_query(30))[0] == "broad"
    assert how.for_query(20).sharpness == pytest.approx(2.75)  # eased in between
    assert how.for_query(200).sharpness == 1.5
    assert SHARP.for_query(200) == SHARP  # no verbose sharpness: every query alike


def test_volume_still_counts_at_equal_relevance() -> None:
    five = [(0.9, evidence(f"a-{i}", person("five"))) for i in range(5)]
    one = [(0.9, evidence("b", person("one")))]
    assert ranked(five + one, SHARP) == ["five", "one"]


def test_every_co_author_is_credited_and_editors_less_than_authors() -> None:
    paper = evidence("paper", person("first"), person("second"), person("ed", role="editor"))
    people = aggregate([(1.0, paper)], NOW, SHARP)
    assert people["first"].score == people["second"].score > people["ed"].score > 0


def test_opted_out_authors_are_left_out() -> None:
    found = [(1.0, evidence("x", person("gone", opted_out=True), person("here")))]
    assert set(aggregate(found, NOW, SHARP)) == {"here"}


def test_a_score_is_its_evidence_plus_its_signals() -> None:
    found = [(1.0 - i / 20, evidence(f"c-{i}", person("p"))) for i in range(EVIDENCE_SHOWN + 4)]
    expert: Expert = aggregate(found, NOW, SHARP)["p"]
    assert len(expert.evidence) == EVIDENCE_SHOWN
    assert expert.evidence_count == EVIDENCE_SHOWN + 4
    expert.add_signal("expert_in", 0.25)
    expert.add_signal("recent_help", 0.5)
    shown = sum(item.contribution for item in expert.evidence)
    assert expert.evidence_total > shown
    assert expert.score == pytest.approx(expert.evidence_total + 0.75)
    assert expert.signals == {"expert_in": 0.25, "recent_help": 0.5}


def test_each_language_of_a_person_s_evidence_is_shown() -> None:
    thai = [(1.0 - i / 10, evidence(f"th-{i}", person("p"))) for i in range(5)]
    english = replace(evidence("en-0", person("p")), language="th-other")
    found = [(r, replace(e, language="th")) for r, e in thai] + [(0.3, english)]
    listed = aggregate(found, NOW, SHARP)["p"].evidence
    assert len(listed) == EVIDENCE_SHOWN
    assert [item.content_id for item in listed] == ["th-0", "th-1", "en-0"]


def test_nothing_relevant_scores_nobody() -> None:
    assert aggregate([], NOW, SHARP) == {}
    assert aggregate([(0.0, evidence("z", person("p")))], NOW, SHARP) == {}
