"""Contract: skill claims, statuses, their change log, routings and webhook events, on every
backend, surviving what rewrites the graph."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from graph_service.profiles import PersonStatus, ProfileChange, SkillClaim
from graph_service.routing import QuestionRouting, RoutedPerson, WebhookEvent
from graph_service.store.base import GraphStore
from tests.contract import fixtures as f

AT = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def _claim(person: str, domain: str, kind: str, level: str | None = None) -> SkillClaim:
    return SkillClaim.model_validate(
        {
            "person_id": person,
            "domain_id": domain,
            "kind": kind,
            "level": level,
            "by": "portal",
            "at": AT,
        }
    )


def _change(person: str, subject: str, after: str | None, minutes: int = 0) -> ProfileChange:
    return ProfileChange(
        person_id=person,
        at=AT + timedelta(minutes=minutes),
        by="portal for " + person,
        subject=subject,
        before=None,
        after=after,
    )


def test_skills_replace_a_persons_whole_set_and_keep_every_change(loaded: GraphStore) -> None:
    first = [_claim("p:somchai", "d:rice", "confirmed"), _claim("p:somchai", "d:km", "hidden")]
    loaded.replace_skills("p:somchai", first, [_change("p:somchai", "skill:d:rice", "confirmed")])
    loaded.replace_skills("p:ann", [_claim("p:ann", "d:km", "declared", "expert")], [])
    second = [_claim("p:somchai", "d:km", "declared", "beginner")]
    loaded.replace_skills(
        "p:somchai",
        second,
        [_change("p:somchai", "skill:d:rice", None, 1), _change("p:somchai", "skill:d:km", "x", 1)],
    )
    assert loaded.skill_claims(["p:somchai"]) == second
    assert [(c.person_id, c.domain_id, c.kind, c.level) for c in loaded.skill_claims()] == [
        ("p:ann", "d:km", "declared", "expert"),
        ("p:somchai", "d:km", "declared", "beginner"),
    ]
    changes = loaded.profile_changes("p:somchai")
    assert [(c.subject, c.after) for c in changes] == [
        ("skill:d:rice", "confirmed"),
        ("skill:d:rice", None),
        ("skill:d:km", "x"),
    ]
    assert changes[0].by == "portal for p:somchai" and changes[0].at == AT
    assert loaded.profile_changes("p:nobody") == []


def test_claims_survive_derivation_and_a_rewrite_of_the_graph(loaded: GraphStore) -> None:
    claim = _claim("p:somchai", "d:rice", "hidden")
    loaded.replace_skills("p:somchai", [claim], [])
    loaded.replace_expertise([])
    loaded.upsert(f.graph_batch())
    assert loaded.skill_claims(["p:somchai"]) == [claim]


def test_profile_writes_set_a_new_data_version_routings_do_not(loaded: GraphStore) -> None:
    before = loaded.data_version()
    loaded.save_statuses(
        [PersonStatus(person_id="p:ann", status="left", since=date(2026, 1, 1))], []
    )
    after_status = loaded.data_version()
    assert after_status != before
    loaded.save_routing(_routing("r1", AT))
    assert loaded.data_version() == after_status


def test_statuses_are_replaced_per_person(loaded: GraphStore) -> None:
    away = PersonStatus(person_id="p:ann", status="away", until=date(2026, 4, 1), by="k", at=AT)
    left = PersonStatus(person_id="p:bob", status="left", since=date(2025, 12, 31))
    loaded.save_statuses([away, left], [_change("p:ann", "status", "away until 2026-04-01")])
    back = PersonStatus(person_id="p:ann", available_for_questions=False)
    loaded.save_statuses([back], [])
    assert loaded.person_statuses() == [back, left]
    assert loaded.person_statuses(["p:bob", "p:nobody"]) == [left]
    assert [c.after for c in loaded.profile_changes("p:ann")] == ["away until 2026-04-01"]


def _routing(routing_id: str, at: datetime, status: str = "open") -> QuestionRouting:
    return QuestionRouting.model_validate(
        {
            "id": routing_id,
            "text": "how to compost rice straw?",
            "asker_id": "p:ann",
            "community_id": "c:farm",
            "document_id": "portal:q9",
            "domain_ids": ["d:rice"],
            "created_at": at,
            "last_routed_at": at,
            "status": status,
            "routed": [
                RoutedPerson(
                    person_id="p:somchai", name="S", round=1, at=at, score=1.0, reasons=["wrote x"]
                )
            ],
            "key_name": "portal",
        }
    )


def test_routings_are_kept_whole_and_listed_by_status(loaded: GraphStore) -> None:
    first, second = _routing("r1", AT), _routing("r2", AT + timedelta(hours=1))
    loaded.save_routing(second)
    loaded.save_routing(first)
    assert loaded.routings() == [first, second]
    closed = first.model_copy(update={"status": "answered", "answered_by": ["p:somchai"]})
    loaded.save_routing(closed)
    assert loaded.get_routing("r1") == closed
    assert loaded.routings("open") == [second]
    assert loaded.routings("answered") == [closed]
    assert loaded.get_routing("r-none") is None


def test_a_webhook_event_is_created_once_and_its_state_moves(loaded: GraphStore) -> None:
    event = WebhookEvent(id="r1:round-1", url="http://portal/hook", body="{}", created_at=AT)
    assert loaded.add_webhook_event(event) is True
    assert loaded.add_webhook_event(event.model_copy(update={"body": "changed"})) is False
    assert loaded.webhook_events() == [event]
    dead = event.model_copy(update={"status": "dead", "attempts": 5, "last_error": "HTTP 500"})
    loaded.save_webhook_event(dead)
    assert loaded.webhook_events("dead") == [dead]
    assert loaded.webhook_events("pending") == []
