"""The request body limit (`max_body_bytes`), for declared and for streamed bodies alike.

Checking `Content-Length` alone is not enough: a client that sends its body chunked declares
no length, and the route would read all of it into memory before validation could refuse it.
So the body is also counted as it arrives, and refused as soon as it passes the limit.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph_service.api.problems import problem


class BodyLimit:
    """ASGI middleware answering 413 problem+json to a body over `max_bytes`."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _detail(self) -> str:
        return f"request body exceeds {self.max_bytes} bytes"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (
            not (declared.isascii() and declared.isdigit()) or int(declared) > self.max_bytes
        ):
            await problem(413, "too_large", self._detail())(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            # Raised inside the route's body read, so the app's handlers turn it into the
            # same problem+json as a declared length over the limit.
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.max_bytes:
                raise HTTPException(413, self._detail())
            return message

        await self.app(scope, counted, send)
