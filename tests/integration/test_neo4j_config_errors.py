"""Opening Neo4j with a wrong setting fails within seconds, with a message naming the setting.

Also proves the backend does not assume `bolt://`: a `neo4j://` routing URI to the same
server (what a cluster or Aura hands out) reads and writes.
"""

from __future__ import annotations

import socket
import time
from urllib.parse import urlsplit

import pytest
from pydantic import SecretStr

from graph_service.config import Settings
from graph_service.errors import ConfigurationError
from graph_service.models import GraphBatch, Person
from graph_service.store.neo4j import Neo4jStore

pytestmark = pytest.mark.neo4j

FAIL_FAST_SECONDS = 10.0


def _closed_port() -> int:
    """A loopback port nothing listens on: bound once to pick it, then released."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def _refused(settings: Settings) -> str:
    """The one-line message `connect` fails with, checked to come within seconds."""
    started = time.monotonic()
    with pytest.raises(ConfigurationError) as failure:
        Neo4jStore.connect(settings)
    assert time.monotonic() - started < FAIL_FAST_SECONDS
    message = str(failure.value)
    assert "\n" not in message
    return message


def test_a_wrong_password_names_the_password_setting(neo4j_settings: Settings) -> None:
    wrong = neo4j_settings.model_copy(update={"neo4j_password": SecretStr("not-the-password")})
    message = _refused(wrong)
    assert "NEO4J_PASSWORD" in message
    assert "not-the-password" not in message


def test_an_unreachable_server_names_the_uri_setting(neo4j_settings: Settings) -> None:
    uri = f"bolt://127.0.0.1:{_closed_port()}"
    message = _refused(neo4j_settings.model_copy(update={"neo4j_uri": uri}))
    assert "NEO4J_URI" in message and uri in message


def test_an_unknown_database_names_the_database_setting(neo4j_settings: Settings) -> None:
    message = _refused(neo4j_settings.model_copy(update={"neo4j_database": "nosuchdb"}))
    assert "NEO4J_DATABASE" in message and "nosuchdb" in message


def test_a_non_bolt_uri_names_the_uri_setting(neo4j_settings: Settings) -> None:
    message = _refused(neo4j_settings.model_copy(update={"neo4j_uri": "http://127.0.0.1:7474"}))
    assert "NEO4J_URI" in message


def test_a_routing_uri_to_the_same_server_reads_and_writes(neo4j_settings: Settings) -> None:
    address = urlsplit(neo4j_settings.neo4j_uri or "").netloc
    routed = neo4j_settings.model_copy(update={"neo4j_uri": f"neo4j://{address}"})
    store = Neo4jStore.connect(routed)
    try:
        store.ping()
        person = Person(id="p:routing-check", name="Routed", source="test")
        store.upsert(GraphBatch(persons=[person]))
        assert store.get_person(person.id) == person
    finally:
        store.clear()
        store.close()
