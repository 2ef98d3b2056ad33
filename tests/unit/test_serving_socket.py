"""`copgraph serve --workers N` answers kept-alive requests without Nagle's delay.

uvicorn binds the workers' socket without a protocol, and asyncio then leaves
`TCP_NODELAY` off on every accepted connection (each response waited ~40 ms for the
client's delayed ACK). `TcpConfig` binds it as TCP; the check is the one asyncio makes, on a
connection a real asyncio server accepted from the socket, after the socket has crossed to
another process the way uvicorn hands it to its workers (pickled by multiprocessing).
"""

from __future__ import annotations

import asyncio
import pickle
import socket
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.reduction import ForkingPickler

import uvicorn

from graph_service.serving import APP_FACTORY, TcpConfig


def _nodelay_of_accepted(listener: socket.socket) -> int:
    """TCP_NODELAY of a connection an asyncio server accepted on `listener`."""

    async def accept_one() -> int:
        accepted: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                accepted.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        async with server:
            host, port = listener.getsockname()[:2]
            _, writer = await asyncio.open_connection(host, port)
            value = await asyncio.wait_for(accepted, 10)
            writer.close()
            return value

    # A thread of its own: the browser tests' Playwright keeps an event loop running in
    # the test process's main thread, where asyncio.run would refuse to start.
    with ThreadPoolExecutor(max_workers=1) as runner:
        return runner.submit(lambda: asyncio.run(accept_one())).result()


def _handed_over(listener: socket.socket) -> socket.socket:
    """`listener` as a worker process gets it (multiprocessing's reduction of a socket)."""
    handed: socket.socket = pickle.loads(ForkingPickler.dumps(listener))
    listener.close()
    return handed


def test_the_workers_socket_is_bound_as_tcp_and_accepted_connections_send_at_once() -> None:
    config = TcpConfig(APP_FACTORY, factory=True, host="127.0.0.1", port=0, workers=2)
    listener = _handed_over(config.bind_socket())
    assert listener.proto == socket.IPPROTO_TCP
    assert _nodelay_of_accepted(listener) == 1


def test_uvicorns_own_socket_would_not() -> None:
    """What the fix is for: uvicorn's socket leaves the delay on (the day uvicorn fixes it,
    this fails and TcpConfig can go)."""
    config = uvicorn.Config(APP_FACTORY, factory=True, host="127.0.0.1", port=0, workers=2)
    listener = _handed_over(config.bind_socket())
    assert _nodelay_of_accepted(listener) == 0
