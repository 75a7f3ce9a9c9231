"""The connection guard: admission, eviction, 503 past the limit, head deadline, quiet log."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from server_stub import connection_guard, tls
from server_stub.connection_guard import ConnectionGuard, RateLimitedLog, Slot, State
from server_stub.guarded_protocols import GuardedConfig
from server_stub.serve import bind_socket


class FakeTransport:
    def __init__(self) -> None:
        self.aborted = False

    def is_closing(self) -> bool:
        return self.aborted

    def abort(self) -> None:
        self.aborted = True


def _slot(guard: ConnectionGuard) -> tuple[Slot, FakeTransport]:
    slot, transport = Slot(guard), FakeTransport()
    slot.transport = transport  # type: ignore[assignment]
    return slot, transport


def test_a_guarded_config_pickles_for_worker_processes(tls_dir: Path) -> None:
    import pickle

    config = GuardedConfig(
        "server_stub.app:create_app",
        factory=True,
        ssl_certfile=str(tls_dir / tls.SERVER_CERT),
        ssl_keyfile=str(tls_dir / tls.SERVER_KEY),
    )
    copy = pickle.loads(pickle.dumps(config))
    assert copy.connection_guard is None  # each worker reads its own file limit on load


def test_the_limit_leaves_room_below_the_file_limit() -> None:
    import resource

    soft, _ = resource.getrlimit(resource.RLIMIT_NOFILE)
    assert connection_guard.connection_limit() + connection_guard.REFUSE_RESERVE < soft


def test_at_the_limit_the_oldest_waiting_connection_makes_room() -> None:
    guard = ConnectionGuard(3, refuse_reserve=1)
    slots = [_slot(guard) for _ in range(3)]
    for slot, _ in slots:
        assert guard.admit(slot)
    guard.set_state(slots[0][0], State.BUSY)  # serving a request: never evicted
    newcomer, _ = _slot(guard)
    assert guard.admit(newcomer) and not newcomer.refused
    assert [t.aborted for _, t in slots] == [False, True, False]
    assert len(guard.open) == 3 and guard.totals == {"evicted": 1}


def test_when_every_slot_serves_a_request_newcomers_get_503_then_are_dropped() -> None:
    guard = ConnectionGuard(2, refuse_reserve=1)
    for _ in range(2):
        slot, _ = _slot(guard)
        guard.admit(slot)
        guard.set_state(slot, State.BUSY)
    refused, _ = _slot(guard)
    assert guard.admit(refused) and refused.refused
    dropped, _ = _slot(guard)
    assert not guard.admit(dropped)
    assert guard.totals == {"answered_503": 1, "dropped": 1}
    guard.release(refused)
    assert len(guard.open) == 2


def test_the_log_says_at_most_one_line_a_second(caplog: pytest.LogCaptureFixture) -> None:
    now = [0.0]
    log = RateLimitedLog(clock=lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="atrium.connections"):
        for i in range(5000):
            now[0] = i / 1000  # 5000 events in 5 seconds
            log.count("evicted", 900)
    assert log.lines == len(caplog.records) == 5
    assert "900 open" in caplog.records[0].getMessage()


async def _app(scope, receive, send) -> None:  # type: ignore[no-untyped-def]
    if scope["path"] == "/slow":
        await asyncio.sleep(1.5)
    if scope["path"] == "/echo":  # reads the whole body first
        while (await receive()).get("more_body"):
            pass
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


@pytest.fixture(scope="module")
def tls_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("tls")
    tls.create_tls_material(directory, [], "Test")
    return directory


@pytest.fixture
def tiny_server(tls_dir: Path) -> Iterator[tuple[str, ssl.SSLContext, ConnectionGuard]]:
    sock = bind_socket("127.0.0.1", 0)
    guard = ConnectionGuard(1, head_timeout_s=0.5, body_timeout_s=0.5, refuse_reserve=2)
    config = GuardedConfig(
        _app,
        ssl_certfile=str(tls_dir / tls.SERVER_CERT),
        ssl_keyfile=str(tls_dir / tls.SERVER_KEY),
        lifespan="off",
        log_config=None,
        access_log=False,
        connection_guard=guard,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)
    context = ssl.create_default_context(cafile=str(tls_dir / tls.CA_CERT))
    try:
        yield f"https://127.0.0.1:{sock.getsockname()[1]}", context, guard
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _closed_within(conn: ssl.SSLSocket, seconds: float) -> bool:
    conn.settimeout(10)
    begin = time.monotonic()
    # closed without a TLS goodbye is the same outcome as a clean end of stream
    with contextlib.suppress(ConnectionResetError, ssl.SSLError):
        assert conn.recv(100) == b""
    return time.monotonic() - begin < seconds


def test_a_half_sent_head_is_closed_after_the_deadline(tiny_server) -> None:  # type: ignore[no-untyped-def]
    url, context, guard = tiny_server
    port = int(url.rsplit(":", 1)[1])
    with (
        socket.create_connection(("127.0.0.1", port)) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as conn,
    ):
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        assert _closed_within(conn, 5)
    assert guard.totals.get("timed_out") == 1


def test_a_half_sent_body_is_closed_after_its_deadline(tiny_server) -> None:  # type: ignore[no-untyped-def]
    url, context, guard = tiny_server
    port = int(url.rsplit(":", 1)[1])
    with (
        socket.create_connection(("127.0.0.1", port)) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as conn,
    ):
        conn.sendall(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
        assert _closed_within(conn, 5)
    assert guard.totals.get("body_timed_out") == 1
    whole = httpx.post(f"{url}/echo", content=b"x" * 100, verify=context, timeout=10)
    assert whole.status_code == 200  # a body sent in time is served


def test_past_the_limit_a_client_gets_503_not_a_hang(tiny_server) -> None:  # type: ignore[no-untyped-def]
    url, context, guard = tiny_server
    slow: list[httpx.Response] = []
    worker = threading.Thread(
        target=lambda: slow.append(httpx.get(f"{url}/slow", verify=context, timeout=10))
    )
    worker.start()
    while not any(s.state is State.BUSY for s in guard.open):
        time.sleep(0.01)
    answer = httpx.get(f"{url}/", verify=context, timeout=10)
    assert answer.status_code == 503
    assert answer.headers["retry-after"] == "5"
    assert answer.json()["detail"]["code"] == "server_busy"
    worker.join()
    assert slow[0].status_code == 200
    assert httpx.get(f"{url}/", verify=context, timeout=10).status_code == 200


def test_failed_accepts_are_counted_not_logged_each(caplog: pytest.LogCaptureFixture) -> None:
    from server_stub.guarded_protocols import _quiet_accept_errors

    guard = ConnectionGuard(10)
    loop = asyncio.new_event_loop()
    try:
        _quiet_accept_errors(guard, loop)
        with caplog.at_level(logging.WARNING):
            for _ in range(1000):
                loop.call_exception_handler(
                    {
                        "message": "socket.accept() out of system resource",
                        "exception": OSError(24, "Too many open files"),
                    }
                )
            loop.call_exception_handler({"message": "something else"})
    finally:
        loop.close()
    assert guard.totals == {"accept_failed": 1000}
    assert not [r for r in caplog.records if "Too many open files" in r.getMessage()]
    assert len([r for r in caplog.records if "connection guard" in r.getMessage()]) == 1
    assert [r for r in caplog.records if "something else" in r.getMessage()]
