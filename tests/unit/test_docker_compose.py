"""docker-compose.yml cannot run here (no Docker engine), so check what it declares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def _services() -> dict[str, Any]:
    services: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))["services"]
    return services


def test_neo4j_service_is_526_with_auth_volume_and_healthcheck() -> None:
    neo4j = _services()["neo4j"]
    assert neo4j["image"] == "neo4j:5.26"
    assert neo4j["environment"]["NEO4J_AUTH"].startswith("neo4j/")
    assert "7687:7687" in neo4j["ports"]
    assert any(volume.endswith(":/data") for volume in neo4j["volumes"])
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])


def test_api_waits_for_healthy_neo4j_and_uses_a_routing_uri() -> None:
    api = _services()["api"]
    assert api["build"] == "."
    assert api["depends_on"] == {"neo4j": {"condition": "service_healthy"}}
    assert api["environment"]["NEO4J_URI"] == "neo4j://neo4j:7687"
    assert "8000:8000" in api["ports"]
    assert (COMPOSE.parent / "Dockerfile").is_file()
