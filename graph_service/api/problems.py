"""Errors as RFC 9457 problem details: a code, a message, never a stack trace.

Domain errors are mapped here and only here: NotFound -> 404, InvalidInput -> 422,
StoreUnavailable and any other TransientError (a busy store) -> 503 (with Retry-After), a
body that cannot be parsed -> 422, any other error -> 500 with a generic message (the
details go to the log, not to the client). A caller whose Accept-Language prefers Thai gets
the details of the usual errors in Thai (`problem_wording`); codes never change.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from graph_service.api.language import Language, pick_language
from graph_service.api.problem_wording import (
    STATUS_TH,
    invalid_parameter,
    invalid_request,
    not_found_th,
)
from graph_service.errors import InvalidInput, NotFound, StoreUnavailable, TransientError

log = logging.getLogger("copgraph.api")
PROBLEM_JSON = "application/problem+json"


class Problem(BaseModel):
    """RFC 9457 problem details, with a stable machine-readable `code`."""

    type: str = "about:blank"
    title: str
    status: int
    code: str
    detail: str
    errors: list[dict[str, Any]] | None = None


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI declarations of the problem+json errors a route can answer with."""
    described = {
        401: "no API key, or an unknown one",
        403: "the API key lacks the scope",
        404: "unknown id",
        413: "request body too large",
        422: "invalid parameters or body",
        503: "the store is unavailable; retry later",
    }
    return {
        status: {
            "model": Problem,
            "description": described[status],
            "content": {PROBLEM_JSON: {}},
        }
        for status in statuses
    }


COMMON_ERRORS = (401, 403, 422, 503)


def problem(
    status: int,
    code: str,
    detail: str,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    language: Language = "en",
) -> JSONResponse:
    """A problem+json response whose `detail` is in `language`."""
    from http import HTTPStatus

    body = Problem(
        title=HTTPStatus(status).phrase, status=status, code=code, detail=detail, errors=errors
    )
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        media_type=PROBLEM_JSON,
        headers={**(headers or {}), "Content-Language": language},
    )


def _language(request: Request) -> Language:
    return pick_language(None, request.headers.get("accept-language"))


def unparsable_body(cause: BaseException) -> str:
    """Why a request body could not be parsed, naming the bad byte of a wrong encoding."""
    if isinstance(cause, UnicodeDecodeError):
        bad = cause.object[cause.start : cause.start + 1].hex()
        return f"request body is not UTF-8: byte 0x{bad} at offset {cause.start}"
    return f"request body cannot be parsed as JSON ({type(cause).__name__})"


def install_problem_handlers(app: FastAPI) -> None:
    """Route every error through `problem()`."""

    @app.exception_handler(NotFound)
    async def not_found(request: Request, error: NotFound) -> JSONResponse:
        if _language(request) == "th":
            return problem(404, "not_found", not_found_th(error.kind, error.item_id), language="th")
        return problem(404, "not_found", str(error))

    @app.exception_handler(InvalidInput)
    async def invalid(_: Request, error: InvalidInput) -> JSONResponse:
        return problem(422, "invalid_input", str(error))

    @app.exception_handler(StoreUnavailable)
    async def unavailable(_: Request, error: StoreUnavailable) -> JSONResponse:
        return problem(503, "store_unavailable", str(error), headers={"Retry-After": "5"})

    @app.exception_handler(TransientError)
    async def busy(_: Request, error: TransientError) -> JSONResponse:
        # Reachable but refusing for now (Neo4j's transient errors: a full memory pool, a
        # deadlock, a leader switch) after the driver's own retries: the client may retry.
        return problem(503, "store_busy", str(error), headers={"Retry-After": "5"})

    @app.exception_handler(RequestValidationError)
    async def validation(request: Request, error: RequestValidationError) -> JSONResponse:
        details = [
            {"loc": list(item.get("loc", [])), "msg": item.get("msg", ""), "type": item.get("type")}
            for item in error.errors()
        ]
        language = _language(request)
        detail = invalid_request(
            [invalid_parameter(item, language) for item in error.errors()], language
        )
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if any(item["loc"][:1] == ["body"] for item in details) and not (
            media == "application/json" or media.endswith("+json")
        ):
            # A body sent as text or a form is not read as JSON, and pydantic's complaint
            # ("a valid dictionary") would not say why.
            detail = f"request body must be JSON (Content-Type: application/json), not {media!r}"
            language = "en"
        return problem(422, "validation_error", detail, errors=details, language=language)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 400 and error.__cause__ is not None:
            # FastAPI's 400 "There was an error parsing the body" (a body that is not UTF-8,
            # or nested too deep to parse): invalid like a JSON syntax error, which is a 422.
            return problem(422, "invalid_body", unparsable_body(error.__cause__))
        code = {401: "unauthorized", 403: "forbidden", 404: "not_found", 413: "too_large"}
        thai = STATUS_TH.get(error.status_code) if _language(request) == "th" else None
        return problem(
            error.status_code,
            code.get(error.status_code, "http_error"),
            thai or str(error.detail),
            headers=getattr(error, "headers", None),
            language="th" if thai else "en",
        )

    @app.exception_handler(Exception)
    async def unexpected(_: Request, error: Exception) -> JSONResponse:
        log.exception("unhandled error", exc_info=error)
        return problem(500, "internal_error", "internal error; see the server log")
