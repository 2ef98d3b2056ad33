"""Private communities under concurrent load, and API keys that exist only as hashes at rest.

The sample's `cop-health` is private (ingest/sample/communities.yaml): its six threads, their
posts and practices may reach only keys that list it (`health-reader`) and admins. Here many
requests run at once, keys allowed and not allowed interleaved over the same threads and
connections, every one aimed at that content (searches for its topics, its ids, its
members' profiles, recommendations seeded by it, the embeddable card); no response to a key
that is not allowed may carry any of its ids, titles or text. Then the keys file, every
file of the embedded store and every property in Neo4j are searched for the plain keys.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
import yaml
from typer.testing import CliRunner

from graph_service.api.security import KeyRing, hash_key
from graph_service.cli import app
from graph_service.config import Settings
from tests.api.conftest import LiveApi

pytestmark = pytest.mark.model

PRIVATE_DOCUMENTS = [f"health-00{n}" for n in range(1, 7)]
ALLOWED = ["health-reader", "admin"]
NOT_ALLOWED = [None, "reader", "writer"]
TOPICS = [
    "SBAR handover between nursing shifts",
    "การส่งเวรทางการพยาบาลด้วย SBAR",
    "preventing falls of elderly patients at night",
    "independent double check of high-alert medications",
    "AAR after a code blue resuscitation",
]
"""What the private threads are about, in both languages."""


def _private_markers(live_api: LiveApi) -> list[str]:
    """Ids, titles and opening text of every private document and post, read as admin."""
    markers = ["health-0"]
    with live_api.client("admin") as admin:
        for document_id in PRIVATE_DOCUMENTS:
            document = admin.get(f"/v1/documents/{document_id}").json()
            markers += [document["title"], document["text"][:40]]
            markers += [post["text"][:40] for post in document["posts"]]
    return [marker for marker in markers if len(marker) >= 8]


def _requests() -> list[tuple[str, dict[str, str]]]:
    """Every read that could surface private content, aimed at the private threads."""
    found: list[tuple[str, dict[str, str]]] = []
    for topic in TOPICS:
        found += [
            ("/v1/experts", {"q": topic}),
            ("/v1/practices", {"q": topic}),
            ("/v1/recommendations", {"q": topic}),
            ("/embed/recommendations", {"q": topic, "lang": "en"}),
        ]
    for document_id in PRIVATE_DOCUMENTS:
        found += [
            (f"/v1/documents/{document_id}", {}),
            ("/v1/recommendations", {"document_id": document_id}),
            (f"/v1/practices/practice:{document_id}/related", {}),
        ]
    for person in ("nattaya", "pranee", "emma.wilson", "kanokwan", "wichai"):
        found += [(f"/v1/people/{person}", {}), ("/v1/recommendations", {"person_id": person})]
    found += [
        ("/v1/communities/cop-health/health", {}),
        ("/v1/experts", {"q": "SBAR", "community": "cop-health"}),
    ]
    return found


def _visible_text(response: httpx.Response) -> str:
    """What a response shows, whatever its format: JSON decoded, HTML unescaped, CSV as is."""
    if response.headers.get("content-type", "").startswith("text/html"):
        return html.unescape(response.text)
    if "json" in response.headers.get("content-type", ""):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.text


@pytest.fixture(scope="module")
def clients(live_api: LiveApi) -> Iterator[dict[str | None, httpx.Client]]:
    """One client per key, each shared by every worker thread (one connection pool each)."""
    made = {key: live_api.client(key) for key in [*ALLOWED, *NOT_ALLOWED]}
    yield made
    for client in made.values():
        client.close()


def test_private_community_never_reaches_keys_without_it_under_concurrent_load(
    live_api: LiveApi, clients: dict[str | None, httpx.Client]
) -> None:
    markers = _private_markers(live_api)
    with live_api.client("admin") as admin:
        before = admin.get("/v1/stats").json()
    # The gap map first and one at a time: each call embeds every weak search of the demand
    # log, which the load below fills.
    for key in [*ALLOWED, *NOT_ALLOWED]:
        for params in ({"community": "cop-health"}, {"format": "csv"}):
            gaps = clients[key].get("/v1/gaps", params=params)
            # The private community as a filter: 404 to those outside it, like an unknown id.
            expected = 404 if key in NOT_ALLOWED and "community" in params else 200
            assert gaps.status_code == expected and not [m for m in markers if m in gaps.text]
    jobs = [(key, request) for key in [*ALLOWED, *NOT_ALLOWED] for request in _requests()]
    random.Random(6).shuffle(jobs)

    def call(
        job: tuple[str | None, tuple[str, dict[str, str]]],
    ) -> tuple[str | None, list[str], httpx.Response]:
        key, (path, params) = job
        return key, [path, *params.values()], clients[key].get(path, params=params)

    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(call, jobs))
    leaks = []
    seen_by_allowed = 0
    for key, asked, response in answers:
        assert response.status_code < 500, (key, asked, response.text)
        shown = _visible_text(response)
        for echoed in (part for value in asked for part in value.split("/") if part):
            shown = shown.replace(echoed, "")  # a 404 naming the id asked for is no leak
        found = [marker for marker in markers if marker in shown]
        if key in ALLOWED:
            seen_by_allowed += bool(found)
        elif found:
            leaks.append((key, asked, found[:2]))
    assert leaks == []
    assert seen_by_allowed >= len(PRIVATE_DOCUMENTS) * len(ALLOWED), "the private threads exist"
    for key in NOT_ALLOWED:
        assert clients[key].get("/v1/documents/health-001").status_code == 404
        assert clients[key].get("/v1/communities/cop-health/health").status_code == 404
        for path in ("/v1/experts", "/v1/gaps"):
            filtered = clients[key].get(path, params={"q": "SBAR", "community": "cop-health"})
            assert filtered.status_code == 404, (key, path)
    with live_api.client("admin") as admin:
        assert admin.get("/v1/stats").json() == before


PRIVATE_ONLY_MEMBERS = {"nattaya", "pranee", "emma.wilson"}
"""People whose only content is in the private cop-health (ingest/sample/cop-sample.jsonl)."""


def test_members_known_only_from_a_private_community_are_not_listed(
    clients: dict[str | None, httpx.Client],
) -> None:
    def safety_experts(key: str | None) -> int:
        gaps = clients[key].get("/v1/gaps").json()["gaps"]
        return int(next(g["experts"] for g in gaps if g["domain_id"] == "patient-safety"))

    seen_by_admin = safety_experts("admin")
    for key in NOT_ALLOWED:
        listed = clients[key].get("/v1/domains/patient-safety").json()["experts"]
        assert not PRIVATE_ONLY_MEMBERS & {e["person_id"] for e in listed}, key
        for person in PRIVATE_ONLY_MEMBERS:
            assert clients[key].get(f"/v1/people/{person}").status_code == 404, (key, person)
        assert safety_experts(key) < seen_by_admin, key
    for key in ALLOWED:
        listed = clients[key].get("/v1/domains/patient-safety").json()["experts"]
        assert PRIVATE_ONLY_MEMBERS <= {e["person_id"] for e in listed}, key
        profile = clients[key].get("/v1/people/nattaya").json()
        assert "patient-safety" in {d["domain_id"] for d in profile["domains"]}, key


def test_a_new_key_is_printed_once_and_stored_only_as_its_hash(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["keys", "create", "portal", "--scope", "read", "--community", "cop-health"]
    )
    assert result.exit_code == 0, result.output
    key = next(
        line.split(": ", 1)[1].strip()
        for line in result.output.splitlines()
        if "shown once" in line
    )
    entry_text = result.output[result.output.index("- communities") :]
    assert key not in entry_text
    (tmp_path / "keys.yaml").write_text(entry_text, encoding="utf-8")
    (entry,) = yaml.safe_load(entry_text)
    assert entry["sha256"] == hash_key(key) and set(entry) == {
        "name",
        "sha256",
        "scopes",
        "communities",
    }
    ring = KeyRing.load(tmp_path / "keys.yaml")
    caller = ring.caller(key)
    assert caller is not None and caller.communities == {"cop-health"}
    assert ring.caller(entry["sha256"]) is None, "the stored hash is not itself a key"
    assert ring.caller(key + " ") is None and ring.caller(key.upper()) is None


def _files_holding(folder: Path, needles: list[bytes]) -> list[str]:
    return [
        f"{path}: {needle!r}"
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        for needle in needles
        if needle in path.read_bytes()
    ]


def test_no_store_holds_a_plain_key(
    live_api: LiveApi, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> None:
    plain = list(live_api.keys.values())
    with live_api.client("admin") as admin:
        assert admin.get("/v1/searches").status_code == 200
    if live_api.backend == "embedded":
        folders = sorted(tmp_path_factory.getbasetemp().glob("api-embedded*"))
        assert folders and all((folder / "keys.yaml").is_file() for folder in folders)
        needles = [key.encode() for key in plain] + [key.encode("utf-16-le") for key in plain]
        assert [hit for folder in folders for hit in _files_holding(folder, needles)] == []
        return
    settings: Settings = request.getfixturevalue("neo4j_module_settings")
    assert _neo4j_properties_holding(settings, plain) == 0


NEEDLE_QUERY = """
CALL () {
    MATCH (n) RETURN properties(n) AS props
    UNION ALL
    MATCH ()-[r]->() RETURN properties(r) AS props
}
WITH [k IN keys(props) | props[k]] AS values
WHERE any(v IN values WHERE
    (v IS :: STRING AND any(s IN $needles WHERE v CONTAINS s))
    OR (v IS :: LIST<STRING> AND any(x IN v WHERE any(s IN $needles WHERE x CONTAINS s))))
RETURN count(*) AS hits"""
"""Nodes and relationships with a string property containing one of `$needles` (this test's
own check of the database, not a product query)."""


def _neo4j_properties_holding(settings: Settings, needles: list[str]) -> int:
    from neo4j import GraphDatabase

    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    with GraphDatabase.driver(str(settings.neo4j_uri), auth=auth) as driver:
        records = driver.execute_query(
            NEEDLE_QUERY, needles=needles, database_=settings.neo4j_database
        ).records
    hits: int = records[0]["hits"]
    return hits
