"""How what people said about themselves changes a ranking of people for a query.

- A person who hid a domain the query is about is not ranked for it, whatever their
  evidence: hiding is their word, above the system's inference.
- A person who has left is not suggested at all (their knowledge still counts in the gap
  map, `queries.gaps`).
- A confirmed domain the query is about raises the person's evidence a little
  (`CONFIRMED_BONUS`, times the query's closeness to that domain), kept as the signal
  `confirmed`: it orders people whose evidence is alike and cannot lift loose evidence
  over a strong match.
- A person who declared a domain the query is about, without evidence for the query, comes
  after everyone with evidence and before nobody (`basis="declared"`, score 0).
"""

from __future__ import annotations

from datetime import date

from graph_service.store.base import GraphStore
from queries.expert_scoring import Expert
from queries.profile_index import ProfileIndex

CONFIRMED_BONUS = 0.1


def apply_profiles(
    experts: dict[str, Expert], query_domains: dict[str, float], index: ProfileIndex, today: date
) -> None:
    """Drop from `experts` who hid a query domain or left; raise who confirmed one."""
    domains = set(query_domains)
    for person_id in list(experts):
        if index.has_left(person_id, today) or index.hides_any(person_id, domains):
            del experts[person_id]
    for person_id, expert in experts.items():
        closeness = max(
            (c for d, c in query_domains.items() if (person_id, d) in index.confirmed),
            default=0.0,
        )
        expert.add_signal("confirmed", CONFIRMED_BONUS * closeness * expert.evidence_total)


def declared_only(
    store: GraphStore,
    ranked: dict[str, Expert],
    query_domains: dict[str, float],
    index: ProfileIndex,
    today: date,
) -> list[Expert]:
    """People who declared a query domain and are not in `ranked`: the closest domain's
    declarations first, then by id; opted-out, hidden and departed people left out."""
    closeness: dict[str, float] = {}
    for domain_id, close in query_domains.items():
        for person_id in index.declared.get(domain_id, {}):
            if person_id not in ranked and close > closeness.get(person_id, 0.0):
                closeness[person_id] = close
    candidates = [
        pid
        for pid in closeness
        if not index.has_left(pid, today) and not index.hides_any(pid, set(query_domains))
    ]
    people = {p.id: p for p in store.get_people(candidates) if not p.opted_out}
    order = sorted(people, key=lambda pid: (-closeness[pid], pid))
    return [Expert(person_id=pid, name=people[pid].name, basis="declared") for pid in order]
