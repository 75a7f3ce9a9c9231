"""Behaviour on the wire: a real uvicorn over HTTPS on 127.0.0.1 (threads and a subprocess)."""

from __future__ import annotations

import json
import os
import signal
import socket
import ssl
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from server_stub.embedded import EmbeddedServer
from tests.conftest import new_database
from tests.server.helpers import bearer, event

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def server(
    request: pytest.FixtureRequest, db_backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EmbeddedServer]:
    database = new_database(request, db_backend)
    data_dir = tmp_path_factory.mktemp("wire") / "server"
    with EmbeddedServer(data_dir, database_url=database[1] if database else None) as running:
        yield running


def tls_context(server: EmbeddedServer) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(server.ca_cert))


def https(server: EmbeddedServer) -> httpx.Client:
    return httpx.Client(base_url=server.url, verify=tls_context(server), timeout=30.0)


def redeem(server: EmbeddedServer, name: str) -> dict[str, Any]:
    code = server.pairing_code(name)
    with https(server) as client:
        response = client.post("/api/v1/pairing/redeem", json={"code": code})
    assert response.status_code == 200, response.text
    return response.json()


def test_https_works_with_the_private_ca_only(server: EmbeddedServer) -> None:
    with https(server) as client:
        assert client.get("/api/v1/health").json()["status"] == "ok"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{server.url}/api/v1/health", timeout=10.0)  # system trust store only


def test_plain_http_to_the_port_gets_no_service(server: EmbeddedServer) -> None:
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw:
        raw.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        received = b""
        try:
            while chunk := raw.recv(4096):
                received += chunk
        except (ConnectionResetError, TimeoutError):
            pass
    assert b"HTTP/1" not in received and b"ok" not in received
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"http://127.0.0.1:{server.port}/api/v1/health", timeout=10.0)


def test_fifty_kiosks_push_the_same_pass_at_once(server: EmbeddedServer) -> None:
    devices = [redeem(server, f"Concurrent {i}") for i in range(50)]
    visit = server.create_visit(visitor="Ada Lovelace", host="Grace Hopper")
    events = [event(visit["pass"], time.time()) for _ in devices]
    barrier = threading.Barrier(len(devices))
    context = tls_context(server)

    def push_all() -> list[dict[str, Any]]:
        results: list[dict[str, Any] | None] = [None] * len(devices)

        def push(index: int) -> None:
            with httpx.Client(base_url=server.url, verify=context, timeout=60.0) as client:
                client.get("/api/v1/health")  # handshake before the barrier
                barrier.wait(timeout=60)
                response = client.post(
                    "/api/v1/device/checkins",
                    headers=bearer(devices[index]["device_token"]),
                    json={"events": [events[index]]},
                )
                results[index] = response.json()["results"][0]

        threads = [threading.Thread(target=push, args=(i,)) for i in range(len(devices))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert all(r is not None for r in results)
        return [r for r in results if r is not None]

    first_round = push_all()
    statuses = [r["status"] for r in first_round]
    assert statuses.count("accepted") == 1 and statuses.count("duplicate") == 49
    winner = statuses.index("accepted")
    for result in first_round:
        if result["status"] == "duplicate":
            assert result["first_event_id"] == events[winner]["event_id"]
            assert result["first_used_by"] == f"Concurrent {winner}"
    second_round = push_all()
    assert second_round == first_round
    rows = [r for r in server.checkins() if r["jti"] == visit["jti"]]
    assert len(rows) == 1 and rows[0]["event_id"] == events[winner]["event_id"]


def test_lost_response_resend_gets_the_same_accepted(server: EmbeddedServer) -> None:
    device = redeem(server, "Flaky network")
    visit = server.create_visit(visitor="Alan Turing", host="Grace Hopper")
    lost = event(visit["pass"], time.time())
    body = json.dumps({"events": [lost]}).encode()
    request = (
        f"POST /api/v1/device/checkins HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {device['device_token']}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    context = tls_context(server)
    with (
        socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        tls.sendall(request)
        deadline = time.monotonic() + 30
        while not [r for r in server.checkins() if r["jti"] == visit["jti"]]:
            assert time.monotonic() < deadline, "the server never committed the check-in"
            time.sleep(0.05)
        # the connection closes here: the client never reads the answer
    with https(server) as client:
        response = client.post(
            "/api/v1/device/checkins",
            headers=bearer(device["device_token"]),
            json={"events": [lost]},
        )
    assert response.json()["results"] == [{"event_id": lost["event_id"], "status": "accepted"}]
    assert len([r for r in server.checkins() if r["jti"] == visit["jti"]]) == 1


def test_revoked_device_is_refused_on_the_wire(server: EmbeddedServer) -> None:
    device = redeem(server, "Stolen kiosk")
    with https(server) as client:
        headers = bearer(device["device_token"])
        assert client.get("/api/v1/device/pull", headers=headers).status_code == 200
        revoke = client.post(
            f"/api/v1/admin/devices/{device['device_id']}/revoke",
            headers=bearer(server.admin_token()),
        )
        assert revoke.status_code == 200
        response = client.get("/api/v1/device/pull", headers=headers)
    assert (response.status_code, response.json()["detail"]["code"]) == (401, "device_revoked")


def test_restart_keeps_port_data_and_answers(tmp_path: Path) -> None:
    embedded = EmbeddedServer(tmp_path / "server")
    try:
        embedded.start()
        port, tenant_id = embedded.port, embedded.tenant_id
        device = redeem(embedded, "Lobby 1")
        visit = embedded.create_visit()
        sent = event(visit["pass"], time.time())
        with https(embedded) as client:
            first = client.post(
                "/api/v1/device/checkins",
                headers=bearer(device["device_token"]),
                json={"events": [sent]},
            )
        embedded.stop()
        embedded.stop()
        assert embedded.checkins()[0]["event_id"] == sent["event_id"]  # helpers work offline
        embedded.start()
        assert (embedded.port, embedded.tenant_id) == (port, tenant_id)
        with https(embedded) as client:
            again = client.post(
                "/api/v1/device/checkins",
                headers=bearer(device["device_token"]),
                json={"events": [sent]},
            )
        assert again.json() == first.json()
        assert embedded.rotate_keys() == "p2"
        assert [d["kiosk_name"] for d in embedded.devices()] == ["Lobby 1"]
        assert len(embedded.add_site("Munich")) == 4
    finally:
        embedded.close()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "server_stub", "--data-dir", str(data_dir), *args]


def _wait_health(url: str, context: ssl.SSLContext, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server process exited"
        try:
            if httpx.get(f"{url}/api/v1/health", verify=context, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise AssertionError("the server process never answered")


@pytest.mark.slow
def test_server_process_survives_sigkill_and_logs_no_tokens(tmp_path: Path) -> None:
    data_dir = tmp_path / "server"
    env = {**os.environ, "ATRIUM_SERVER_ADMIN_PASSWORD": "correct horse battery"}
    init = subprocess.run(
        _cli(
            data_dir,
            "--json",
            "init",
            "--tenant",
            "Acme Corp",
            "--site",
            "Berlin HQ",
            "--admin-email",
            "admin@example.com",
        ),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=REPO,
        env=env,
    )
    context = ssl.create_default_context(cafile=json.loads(init.stdout)["ca_cert"])
    port = _free_port()
    url = f"https://127.0.0.1:{port}"
    logs = [tmp_path / "run1.log", tmp_path / "run2.log"]
    tokens: list[str] = []
    sent: dict[str, Any] = {}
    for attempt, log in enumerate(logs):
        with log.open("wb") as log_file:
            process = subprocess.Popen(
                _cli(data_dir, "run", "--port", str(port)),
                cwd=REPO,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_health(url, context, process)
                with httpx.Client(base_url=url, verify=context, timeout=30) as client:
                    login = client.post(
                        "/api/v1/auth/login",
                        json={"email": "admin@example.com", "password": "correct horse battery"},
                    )
                    admin = bearer(login.json()["access_token"])
                    tokens.append(login.json()["access_token"])
                    if attempt == 0:
                        code = client.post(
                            "/api/v1/admin/pairing-codes",
                            headers=admin,
                            json={"kiosk_name": "Lobby 1"},
                        ).json()["code"]
                        device = client.post("/api/v1/pairing/redeem", json={"code": code}).json()
                        tokens.append(device["device_token"])
                        visit = client.post(
                            "/api/v1/admin/visits",
                            headers=admin,
                            json={"visitor": "Ada Lovelace", "host": "Grace Hopper"},
                        ).json()
                        sent = event(visit["pass"], time.time(), str(uuid.uuid4()))
                        sent["token"] = device["device_token"]
                    push = client.post(
                        "/api/v1/device/checkins",
                        headers=bearer(sent["token"]),
                        json={"events": [{k: v for k, v in sent.items() if k != "token"}]},
                    )
                    assert push.json()["results"][0]["status"] == "accepted"
                    ledger = client.get("/api/v1/admin/checkins", headers=admin).json()
                    assert len(ledger["checkins"]) == 1
            finally:
                process.send_signal(signal.SIGKILL if attempt == 0 else signal.SIGTERM)
                process.wait(timeout=30)
    text = "".join(log.read_text(errors="replace") for log in logs)
    assert "/api/v1/device/checkins" in text  # the access log is on
    for token in tokens:
        assert token not in text and token.split(".")[2] not in text


def test_run_serves_a_given_certificate(tmp_path: Path) -> None:
    from server_stub import tls

    data_dir = tmp_path / "server"
    env = {**os.environ, "ATRIUM_SERVER_ADMIN_PASSWORD": "correct horse battery"}
    subprocess.run(
        _cli(data_dir, "init", "--tenant", "Acme Corp", "--site", "Berlin HQ"),
        capture_output=True,
        timeout=120,
        check=True,
        cwd=REPO,
        env=env,
    )
    own_ca = tls.create_tls_material(tmp_path / "own", ["atrium.example"], "Own CA")
    port = _free_port()
    process = subprocess.Popen(
        _cli(
            data_dir,
            "run",
            "--port",
            str(port),
            "--cert",
            str(own_ca.parent / "server.pem"),
            "--key",
            str(own_ca.parent / "server-key.pem"),
        ),
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_health(
            f"https://127.0.0.1:{port}", ssl.create_default_context(cafile=str(own_ca)), process
        )
        init_ca = ssl.create_default_context(cafile=str(data_dir / "tls" / "ca.pem"))
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"https://127.0.0.1:{port}/api/v1/health", verify=init_ca, timeout=10)
    finally:
        process.terminate()
        process.wait(timeout=30)
