"""Several server processes on one PostgreSQL database: ``atrium-server run --workers 4``.

Every rule that used to lean on SQLite's single writer is exercised here across processes:
single use, the pairing throttle, the revocation watermark; and a PostgreSQL restart while
kiosks push.
"""

from __future__ import annotations

import collections
import json
import socket
import ssl
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from benchmarks.faults import ServerProcess
from server_stub.pairing import FREE_FAILURES, MAX_EXPOSURE, MAX_LIVE_CODES
from tests.pg import APP_ROLE, OWNER_ROLE, Cluster
from tests.server.helpers import bearer, event

WORKERS = 4
pytestmark = pytest.mark.slow


def start_server(cluster: Cluster, root: Path, workers: int = WORKERS) -> ServerProcess:
    database = f"workers_{uuid.uuid4().hex[:10]}"
    cluster.create_app_database(database)
    server = ServerProcess(
        root / "server",
        database_url=cluster.url(APP_ROLE, database),
        owner_url=cluster.url(OWNER_ROLE, database),
        workers=workers,
    )
    server.database = database  # type: ignore[attr-defined]
    server.start()
    return server


@pytest.fixture(scope="module")
def server(
    pg_cluster: Cluster, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ServerProcess]:
    running = start_server(pg_cluster, tmp_path_factory.mktemp("workers"))
    try:
        yield running
    finally:
        running.close()


def client(server: ServerProcess, source: str | None = None) -> httpx.Client:
    """An HTTPS client; ``source`` binds it to another loopback address (another guesser)."""
    context = ssl.create_default_context(cafile=str(server.ca_cert))
    transport = httpx.HTTPTransport(verify=context, local_address=source)
    return httpx.Client(base_url=server.url, transport=transport, timeout=60.0)


def admin(server: ServerProcess) -> dict[str, str]:
    return bearer(server.admin.admin_token())


def pair(server: ServerProcess, name: str) -> str:
    """A device token for a new kiosk, paired over the API."""
    with client(server) as http:
        code = http.post(
            "/api/v1/admin/pairing-codes", headers=admin(server), json={"kiosk_name": name}
        ).json()["code"]
        answer = http.post("/api/v1/pairing/redeem", json={"code": code})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["device_token"])


def all_at_once(count: int, work: Callable[[int, threading.Barrier], Any]) -> list[Any]:
    """Run ``work(i, barrier)`` in ``count`` threads; each waits on the barrier before its call."""
    barrier = threading.Barrier(count)
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(lambda i: work(i, barrier), range(count)))


def worker_pids_in_database(cluster: Cluster, database: str) -> set[int]:
    """The server processes holding connections, from the names they give PostgreSQL."""
    with cluster.connect() as conn:
        rows = conn.execute(
            "SELECT application_name FROM pg_stat_activity WHERE datname = %s AND usename = %s",
            (database, APP_ROLE),
        ).fetchall()
    return {int(name.rsplit("/", 1)[1]) for (name,) in rows if name.startswith("atrium-server/")}


def children(pid: int) -> set[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return {int(p) for p in path.read_text().split()} if path.exists() else set()


def test_four_workers_are_four_processes_each_with_its_own_pool(
    server: ServerProcess, pg_cluster: Cluster
) -> None:
    assert server.process is not None
    supervisor = server.process.pid
    headers = admin(server)

    def request(_: int, barrier: threading.Barrier) -> int:
        with client(server) as http:  # a new connection: the kernel picks a worker
            barrier.wait()
            return http.get("/api/v1/admin/devices", headers=headers).status_code

    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while len(seen) < WORKERS and time.monotonic() < deadline:
        assert set(all_at_once(16, request)) == {200}
        seen |= worker_pids_in_database(pg_cluster, server.database)  # type: ignore[attr-defined]
    assert len(seen) == WORKERS, f"connections from {len(seen)} processes only"
    assert supervisor not in seen  # no pool opened before the fork and shared
    if Path("/proc").is_dir():
        assert seen <= children(supervisor)


def test_fifty_simultaneous_pushes_of_one_pass_accept_exactly_one(server: ServerProcess) -> None:
    tokens = [pair(server, f"Rush {i}") for i in range(50)]
    visit = server.admin.create_visit(visitor="Ada Lovelace", host="Grace Hopper")
    events = [event(visit["pass"], time.time() - 1) for _ in tokens]

    def push(i: int, barrier: threading.Barrier) -> dict[str, Any]:
        with client(server) as http:
            http.get("/api/v1/health")  # connected and handshaken before the barrier
            barrier.wait()
            response = http.post(
                "/api/v1/device/checkins", headers=bearer(tokens[i]), json={"events": [events[i]]}
            )
        assert response.status_code == 200, response.text
        return dict(response.json()["results"][0])

    results = all_at_once(50, push)
    statuses = collections.Counter(r["status"] for r in results)
    assert statuses == {"accepted": 1, "duplicate": 49}
    winner = next(i for i, r in enumerate(results) if r["status"] == "accepted")
    assert {r["first_event_id"] for r in results if r["status"] == "duplicate"} == {
        events[winner]["event_id"]
    }
    rows = [r for r in server.admin.checkins() if r["jti"] == visit["jti"]]
    assert [r["event_id"] for r in rows] == [events[winner]["event_id"]]


def test_lost_response_resent_to_any_worker_gets_the_same_answer(server: ServerProcess) -> None:
    token = pair(server, "Flaky network")
    visit = server.admin.create_visit(visitor="Alan Turing", host="Grace Hopper")
    lost = event(visit["pass"], time.time() - 1)
    body = json.dumps({"events": [lost]}).encode()
    request = (
        f"POST /api/v1/device/checkins HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Authorization: Bearer {token}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    context = ssl.create_default_context(cafile=str(server.ca_cert))
    with (
        socket.create_connection(("127.0.0.1", server.port), timeout=10) as raw,
        context.wrap_socket(raw, server_hostname="127.0.0.1") as tls,
    ):
        tls.sendall(request)
        deadline = time.monotonic() + 30
        while not [r for r in server.admin.checkins() if r["jti"] == visit["jti"]]:
            assert time.monotonic() < deadline, "the server never committed the check-in"
            time.sleep(0.05)
    answers = []
    for _ in range(WORKERS * 2):  # new connections: the resends land on several workers
        with client(server) as http:
            answers.append(
                http.post(
                    "/api/v1/device/checkins", headers=bearer(token), json={"events": [lost]}
                ).json()["results"]
            )
    assert answers == [[{"event_id": lost["event_id"], "status": "accepted"}]] * (WORKERS * 2)
    assert len([r for r in server.admin.checkins() if r["jti"] == visit["jti"]]) == 1


def test_concurrent_cancels_while_kiosks_pull_reach_every_kiosk_once(
    server: ServerProcess,
) -> None:
    kiosks = [pair(server, f"Puller {i}") for i in range(4)]
    visits = [server.admin.create_visit(visitor=f"V{i}", host="H") for i in range(160)]
    headers = admin(server)
    done = threading.Event()
    received: list[list[str]] = [[] for _ in kiosks]
    errors: list[str] = []

    def pull(k: int) -> None:
        since = 0
        with client(server) as http:
            while True:
                finished = done.is_set()  # read before the pull: the last pull sees everything
                response = http.get(
                    "/api/v1/device/pull", headers=bearer(kiosks[k]), params={"since": since}
                )
                if response.status_code != 200:
                    errors.append(f"pull {response.status_code}")
                    return
                body = response.json()
                received[k].extend(r["jti"] for r in body["revocations"])
                since = body["watermark"]
                if finished:
                    return

    def cancel(c: int) -> None:
        with client(server) as http:
            for visit in visits[c::8]:
                response = http.post(
                    f"/api/v1/admin/visits/{visit['visit_id']}/cancel", headers=headers
                )
                if response.status_code != 200:
                    errors.append(f"cancel {response.status_code}")

    pullers = [threading.Thread(target=pull, args=(k,)) for k in range(len(kiosks))]
    cancellers = [threading.Thread(target=cancel, args=(c,)) for c in range(8)]
    for thread in pullers + cancellers:
        thread.start()
    for thread in cancellers:
        thread.join()
    done.set()
    for thread in pullers:
        thread.join()
    assert errors == []
    cancelled = sorted(v["jti"] for v in visits)
    for jtis in received:
        assert sorted(jtis) == cancelled  # every revocation, each exactly once


@pytest.fixture
def pairing_afresh(server: ServerProcess, pg_cluster: Cluster) -> Iterator[list[str]]:
    """No throttle state and MAX_LIVE_CODES fresh live codes; the throttle cleared after too."""

    def clear() -> None:
        with pg_cluster.connect(database=server.database) as conn:  # type: ignore[attr-defined]
            conn.execute("DELETE FROM pairing_failures")
            conn.execute("DELETE FROM pairing_throttle WHERE address <> '*'")
            conn.execute("DELETE FROM pairing_codes WHERE redeemed_at IS NULL")

    clear()
    yield [server.admin.pairing_code(f"Waiting {n}") for n in range(MAX_LIVE_CODES)]
    clear()


def guess_from(
    server: ServerProcess, sources: list[str], guesses_each: int
) -> list[list[httpx.Response]]:
    """Wrong redeems from each source address at once, all workers answering."""

    def guess(i: int, barrier: threading.Barrier) -> list[httpx.Response]:
        with client(server, sources[i]) as http:
            http.get("/api/v1/health")
            barrier.wait()
            return [
                http.post("/api/v1/pairing/redeem", json={"code": "000000"})
                for _ in range(guesses_each)
            ]

    return all_at_once(len(sources), guess)


def test_concurrent_wrong_guesses_from_one_address_count_exactly(
    server: ServerProcess, pairing_afresh: list[str]
) -> None:
    answers = [r for rs in guess_from(server, ["127.0.0.1"] * 30, 1) for r in rs]
    statuses = collections.Counter(r.status_code for r in answers)
    assert statuses == {400: FREE_FAILURES, 429: 30 - FREE_FAILURES}
    assert all(int(r.headers["Retry-After"]) >= 1 for r in answers if r.status_code == 429)
    # a kiosk at another address, with the right code, still pairs
    with client(server, "127.0.0.9") as http:
        assert (
            http.post("/api/v1/pairing/redeem", json={"code": pairing_afresh[0]}).status_code == 200
        )


def test_concurrent_wrong_guesses_from_many_addresses_stop_at_the_exact_ceiling(
    server: ServerProcess, pairing_afresh: list[str]
) -> None:
    assert len(pairing_afresh) == MAX_LIVE_CODES
    sources = [f"127.0.0.{n}" for n in range(2, 22)]
    answers = guess_from(server, sources, FREE_FAILURES + 2)
    counted = [[r.status_code for r in rs].count(400) for rs in answers]
    # each failure was exposed to MAX_LIVE_CODES codes: the ceiling allows this many, exactly
    assert sum(counted) == MAX_EXPOSURE // MAX_LIVE_CODES
    assert max(counted) <= FREE_FAILURES
    statuses = {r.status_code for rs in answers for r in rs}
    assert statuses == {400, 429}


RESTART_KIOSKS = 5
PASSES_PER_KIOSK = 60
BATCH = 2
RESTARTS = 2


def test_postgresql_restart_while_kiosks_push_loses_and_doubles_nothing(
    server: ServerProcess, pg_cluster: Cluster
) -> None:
    """In-flight requests fail cleanly (503, the kiosk retries), later ones succeed on fresh
    connections, every check-in is in the ledger exactly once. (Last here: it restarts the
    session's cluster.)"""
    tokens = [pair(server, f"Lobby {k}") for k in range(RESTART_KIOSKS)]
    plans = [
        [
            event(server.admin.create_visit(visitor=f"V{k}.{i}", host="H")["pass"], time.time())
            for i in range(PASSES_PER_KIOSK)
        ]
        for k in range(RESTART_KIOSKS)
    ]
    answers: dict[str, str] = {}
    failures: list[str] = []
    stop = threading.Event()

    def kiosk(k: int) -> None:
        """Push batch by batch; a failed batch is sent again, as the kiosk's queue does."""
        with client(server) as http:
            for start in range(0, PASSES_PER_KIOSK, BATCH):
                batch = plans[k][start : start + BATCH]
                while not stop.is_set():
                    try:
                        response = http.post(
                            "/api/v1/device/checkins",
                            headers=bearer(tokens[k]),
                            json={"events": batch},
                            timeout=20,
                        )
                    except httpx.TransportError as exc:
                        failures.append(f"transport: {type(exc).__name__}")
                        time.sleep(0.1)
                        continue
                    if response.status_code == 200:
                        for result in response.json()["results"]:
                            answers[result["event_id"]] = result["status"]
                        break
                    failures.append(f"{response.status_code} {clean(response)}")
                    time.sleep(0.1)
                time.sleep(0.05)

    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(RESTART_KIOSKS)]
    for thread in threads:
        thread.start()
    total = RESTART_KIOSKS * PASSES_PER_KIOSK
    for share in (0.15, 0.5)[:RESTARTS]:  # restart while the kiosks are mid-way through
        while len(answers) < share * total and any(t.is_alive() for t in threads):
            time.sleep(0.01)
        pg_cluster.pg_ctl("restart")
    deadline = time.monotonic() + 120
    for thread in threads:
        thread.join(timeout=max(1.0, deadline - time.monotonic()))
    stop.set()
    assert not any(thread.is_alive() for thread in threads), "a kiosk never got through"
    sent = [e["event_id"] for plan in plans for e in plan]
    ledger = collections.Counter(
        row["event_id"] for row in server.admin.checkins() if row["event_id"] in set(sent)
    )
    assert collections.Counter(answers.values()) == {"accepted": len(sent)}
    assert set(ledger) == set(sent) and set(ledger.values()) == {1}
    assert failures, "no request met the restart: the test did not test anything"
    assert set(failures) <= {"503 database_unavailable"}, collections.Counter(failures)


def clean(response: httpx.Response) -> Any:
    """The error code of an answer in the API's error shape, else the raw text."""
    try:
        return response.json()["detail"]["code"]
    except (ValueError, KeyError, TypeError):
        return response.text[:80]
