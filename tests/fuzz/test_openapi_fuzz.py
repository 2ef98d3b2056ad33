"""Fuzz every operation of the API against its own OpenAPI document (schemathesis).

The cases are generated from the very spec the server publishes (a test checks the two are
equal), in positive and negative modes, and sent over HTTP to a live server holding the
sample corpus, with an admin key so that every route gets past authentication, writes and
deletes included (the store is this module's own). Identifiers are drawn from the sample
half of the time, so profiles, documents and domains are answered, not only 404s. Every
response must be no 5xx, a declared status, a declared content type, and match its schema.

Bounded for CI: a fixed number of examples per operation, derandomised, no deadline.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import Case
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from graph_service.api.app import create_app
from graph_service.config import Settings
from tests.api.conftest import LiveApi

pytestmark = pytest.mark.model

SPEC = create_app(Settings()).openapi()
schema = schemathesis.openapi.from_dict(SPEC)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]
SAMPLE_IDS = {
    "person_id": ["malee", "wichai", "teerasak", "nattaya", "somchai.k"],
    "document_id": ["agri-002", "health-001", "km-001", "agri-008"],
    "domain_id": ["composting", "water-management"],
    "community_id": ["cop-agri", "cop-health", "cop-km"],
    "practice_id": ["practice:agri-003", "practice:km-001"],
    "community": ["cop-agri", "cop-health"],
    "domain": ["composting"],
}
"""Real identifiers of the sample corpus (ingest/sample/README.md), by parameter name."""


def _with_sample_ids(values: dict[str, Any] | None) -> st.SearchStrategy[dict[str, Any] | None]:
    """The generated values, or the same with each id-like one swapped for a sample id."""
    if not values or not set(values) & set(SAMPLE_IDS):
        return st.just(values)
    swapped = st.fixed_dictionaries(
        {
            name: st.sampled_from(SAMPLE_IDS[name]) if name in SAMPLE_IDS else st.just(value)
            for name, value in values.items()
        }
    )
    return st.one_of(st.just(values), swapped)


@schema.hook
def flatmap_path_parameters(
    context: Any, path_parameters: dict[str, Any] | None
) -> st.SearchStrategy[dict[str, Any] | None]:
    return _with_sample_ids(path_parameters)


@schema.hook
def flatmap_query(context: Any, query: dict[str, Any] | None) -> st.SearchStrategy[Any]:
    return _with_sample_ids(query)


def test_the_fuzzed_spec_is_the_served_one(live_api: LiveApi) -> None:
    with live_api.client() as client:
        assert client.get("/openapi.json").json() == SPEC


def _call_and_validate(case: Case[Any], live_api: LiveApi) -> None:
    response = case.call(
        base_url=live_api.url, headers={"X-API-Key": live_api.keys["admin"]}, timeout=60
    )
    case.validate_response(response, checks=CHECKS)


FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@schema.include(path="/v1/gaps").parametrize()
@FUZZ
def test_gap_map_conforms_to_its_spec(case: Case[Any], live_api: LiveApi) -> None:
    # Defined (so run) first, before fuzzing the searches fills the demand log: each gap map
    # call embeds every weak search of that log, one by one, and would take seconds after.
    _call_and_validate(case, live_api)


@schema.exclude(path="/v1/gaps").parametrize()
@FUZZ
def test_every_operation_conforms_to_its_spec(case: Case[Any], live_api: LiveApi) -> None:
    _call_and_validate(case, live_api)
