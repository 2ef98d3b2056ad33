"""One behaviour across endpoints: filters naming nothing are 404s, every `limit` has a stated
cap, and every `lang` answers any language, English standing in (and saying so) for one we
have no words for."""

from __future__ import annotations

import httpx
import pytest

from tests.api.conftest import LiveApi

FILTERED = [
    ("/v1/experts", {"q": "composting"}, "community"),
    ("/v1/experts", {"q": "composting"}, "domain"),
    ("/v1/gaps", {}, "community"),
    ("/v1/gaps", {"format": "csv"}, "community"),
]
LANGUAGES = [
    ("/embed/recommendations", {"q": "composting"}),
    ("/v1/gaps", {}),
    ("/v1/gaps", {"format": "csv"}),
    ("/v1/communities", {}),
    ("/v1/communities/cop-agri/health", {"format": "csv"}),
    ("/v1/domains", {}),
    ("/v1/domains/composting", {}),
    ("/v1/practices", {"q": "composting"}),
    ("/v1/practices/practice:agri-003/related", {}),
]
"""Every endpoint that takes `lang`, a file download among them."""
CAPS = [
    ("/v1/experts", {"q": "composting"}, 100),
    ("/v1/practices", {"q": "composting"}, 50),
    ("/v1/practices/practice:agri-003/related", {}, 50),
    ("/v1/recommendations", {"q": "composting"}, 20),
    ("/embed/recommendations", {"q": "composting"}, 10),
]


def _without(response: httpx.Response, item_id: str) -> tuple[int, str, str]:
    """Status, media type and body of an answer, with the id it was asked for blanked out."""
    return (
        response.status_code,
        response.headers["content-type"],
        response.text.replace(item_id, "ID"),
    )


@pytest.mark.parametrize(("path", "params", "name"), FILTERED)
def test_an_unknown_filter_is_a_404_naming_it(
    live_api: LiveApi, path: str, params: dict[str, str], name: str
) -> None:
    with live_api.client() as client:
        response = client.get(path, params={**params, name: "no-such-ไม่มี"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == f"{name} 'no-such-ไม่มี' not found"


@pytest.mark.parametrize("path", ["/v1/experts", "/v1/gaps"])
def test_a_private_community_is_unknown_to_callers_outside_it(live_api: LiveApi, path: str) -> None:
    params = {"q": "SBAR"} if path == "/v1/experts" else {}
    for key in (None, "reader"):
        with live_api.client(key) as client:
            private = client.get(path, params={**params, "community": "cop-health"})
            unknown = client.get(path, params={**params, "community": "cop-nothing"})
        assert private.status_code == 404, key
        assert _without(private, "cop-health") == _without(unknown, "cop-nothing"), key
    for key in ("health-reader", "admin"):
        with live_api.client(key) as client:
            allowed = client.get(path, params={**params, "community": "cop-health"})
        assert allowed.status_code == 200, (key, allowed.text)
    with live_api.client() as client:
        public = client.get(path, params={**params, "community": "cop-agri"})
        known_domain = client.get("/v1/experts", params={"q": "x", "domain": "composting"})
    assert public.status_code == 200 and known_domain.status_code == 200


@pytest.mark.parametrize(("path", "params", "cap"), CAPS)
def test_every_limit_has_a_cap_the_422_and_the_openapi_document_state(
    live_api: LiveApi, path: str, params: dict[str, str], cap: int
) -> None:
    with live_api.client() as client:
        at_cap = client.get(path, params={**params, "limit": str(cap)})
        over = client.get(path, params={**params, "limit": str(cap + 1)})
        zero = client.get(path, params={**params, "limit": "0"})
        openapi = client.get("/openapi.json").json()
    assert at_cap.status_code == 200, at_cap.text
    assert over.status_code == 422
    assert f"limit must be at most {cap}" in over.json()["detail"]
    assert "limit must be at least 1" in zero.json()["detail"]
    route = "/v1/practices/{practice_id}/related" if path.endswith("/related") else path
    limit = next(p for p in openapi["paths"][route]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == cap
    assert f"1 to {cap}" in limit["description"]


def test_the_card_answers_an_unsupported_language_in_english_and_says_so(
    live_api: LiveApi,
) -> None:
    with live_api.client() as client:
        french = client.get("/embed/recommendations", params={"q": "composting", "lang": "fr"})
        thai = client.get("/embed/recommendations", params={"q": "composting", "lang": "th-TH"})
    assert french.status_code == 200 and french.headers["content-language"] == "en"
    assert french.headers["x-copgraph-lang-fallback"] == "fr"
    assert "People to ask" in french.text and "<html lang='en'>" in french.text
    assert thai.headers["content-language"] == "th" and "ผู้รู้ที่ควรถาม" in thai.text
    assert "x-copgraph-lang-fallback" not in thai.headers


@pytest.mark.parametrize(("path", "params"), LANGUAGES)
def test_every_lang_parameter_falls_back_to_english_saying_so(
    live_api: LiveApi, path: str, params: dict[str, str]
) -> None:
    with live_api.client() as client:
        english = client.get(path, params=params)
        french = client.get(path, params={**params, "lang": "fr-CA"})
        garbled = client.get(path, params={**params, "lang": "fr\r\nX-Evil: 1"})
        thai = client.get(path, params={**params, "lang": "th"})
    assert french.status_code == 200, french.text
    assert french.headers["content-language"] == "en"
    assert french.headers["x-copgraph-lang-fallback"] == "fr-CA"
    if path.startswith(("/v1/communities", "/v1/domains", "/v1/practices")):  # no nonce, clock
        assert french.content == english.content
    assert garbled.headers["x-copgraph-lang-fallback"] == "invalid"
    assert "x-evil" not in garbled.headers
    assert thai.headers["content-language"] == "th"
    assert (
        "x-copgraph-lang-fallback" not in thai.headers
        and "x-copgraph-lang-fallback" not in english.headers
    )
