"""Console benchmark: Today with 2,000 visits on one site and 20 kiosks.

Builds a throw-away server (2,000 visits today at one site, 20 paired kiosks that checked in
about half of them, some shown twice), signs in through the console's form, then requests the
Today page and its live-update call many times. Prints the median and p95 *server* time of each
(measured inside the app, from request to last body byte) and the page weight in KB (HTML plus
the stylesheet and script it loads).

    python benchmarks/console.py [--visits 2000] [--kiosks 20] [--rounds 200] [--postgresql]

``--postgresql`` runs it on a throw-away PostgreSQL 15 cluster (``tests/pg.py``, durable
settings), the service connected as the application role, instead of SQLite.

Target: p95 under 100 ms for both on a 2-core machine.
"""

from __future__ import annotations

import argparse
import contextlib
import re
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from fastapi.testclient import TestClient
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script: tests.pg

from server_stub.app import create_app  # noqa: E402
from server_stub.service import AtriumService  # noqa: E402

EMAIL, PASSWORD = "admin@example.com", "correct horse battery"


class ServerTimer:
    """Records how long the app takes per request path, up to the last body byte."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.samples: dict[str, list[float]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        start = time.perf_counter()

        async def timed(message: Message) -> None:
            await send(message)
            if message["type"] == "http.response.body" and not message.get("more_body"):
                key = scope.get("path", "")
                self.samples.setdefault(key, []).append(time.perf_counter() - start)

        await self.app(scope, receive, timed)


def seed(service: AtriumService, tenant_id: str, visits: int, kiosks: int) -> dict[str, float]:
    """Kiosks, visits and check-ins; returns the seconds each part took, and for the visits
    their CPU seconds and write transactions (figures that the machine's load moves less)."""
    took: dict[str, float] = {}
    commits = [0]

    def count(_: object) -> None:
        commits[0] += 1

    sa.event.listen(service.store.engine, "commit", count)
    began = time.perf_counter()
    now = service.clock()
    devices = []
    for index in range(kiosks):
        code = service.create_pairing_code(tenant_id, None, f"Lobby {index + 1}")["code"]
        token = service.redeem_pairing_code(code)["device_token"]
        devices.append(service.authenticate(token))
    took["kiosks"] = time.perf_counter() - began
    began, cpu, commits[0] = time.perf_counter(), time.process_time(), 0
    passes = []
    for index in range(visits):
        visit = service.create_visit(
            tenant_id,
            visitor=f"Visitor {index:04d}",
            host=f"Host {index % 50:02d}",
            arrive=now - 3 * 3600 + index,
            depart=now + 4 * 3600,
        )
        passes.append(visit["pass"])
    took["visits"] = time.perf_counter() - began
    took["visits CPU"] = time.process_time() - cpu
    took["visit transactions"] = commits[0]
    began = time.perf_counter()
    checked_in = passes[: visits // 2]
    for kiosk_index, device in enumerate(devices):
        mine = checked_in[kiosk_index::kiosks]
        events = [
            {
                "event_id": str(uuid.uuid4()),
                "pass": p,
                "scanned_at": service.clock(),
                "scanned_at_local": service.clock(),
                "verdict": "accepted",
            }
            for p in mine + mine[:2]  # two passes shown again: conflicts
        ]
        for start in range(0, len(events), 200):
            service.push_checkins(device, events[start : start + 200])
    took["check-ins"] = time.perf_counter() - began
    return took


@contextlib.contextmanager
def database(postgresql: bool) -> Iterator[tuple[str | None, str | None]]:
    """(owner URL, application URL): both None for SQLite in the data dir."""
    if not postgresql:
        yield None, None
        return
    from tests.pg import APP_ROLE, OWNER_ROLE, Cluster

    cluster = Cluster.start(durable=True)
    try:
        cluster.create_app_database("bench_console")
        yield cluster.url(OWNER_ROLE, "bench_console"), cluster.url(APP_ROLE, "bench_console")
    finally:
        cluster.stop()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visits", type=int, default=2000)
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--postgresql", action="store_true", help="a throw-away PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, database(args.postgresql) as (owner, app_url):
        data_dir = Path(tmp) / "server"
        service, tenant_id, _ = AtriumService.initialise(
            data_dir, "Bench Corp", "Berlin HQ", EMAIL, PASSWORD, database_url=owner
        )
        if app_url is not None:  # the server's role, as `run` connects
            service.close()
            service = AtriumService.open(data_dir, database_url=app_url)
        began = time.perf_counter()
        took = seed(service, tenant_id, args.visits, args.kiosks)
        print(
            f"seeded {args.visits} visits, {args.kiosks} kiosks in "
            f"{time.perf_counter() - began:.1f} s ("
            + ", ".join(
                f"{part} {value}" if part.endswith("transactions") else f"{part} {value:.2f} s"
                for part, value in took.items()
            )
            + ")"
        )
        app = create_app(data_dir, service=service)
        timer = ServerTimer(app)
        with TestClient(timer, base_url="https://127.0.0.1", follow_redirects=False) as client:
            login = client.get("/console/login").text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', login)
            assert csrf is not None
            signed = client.post(
                "/console/login", data={"csrf_token": csrf[1], "email": EMAIL, "password": PASSWORD}
            )
            assert signed.status_code == 303, signed.text[:200]
            weights: dict[str, Any] = {}
            for _ in range(args.rounds):
                page = client.get("/console/today")
                live = client.get("/console/today.json")
                assert page.status_code == 200 and live.status_code == 200
            weights["html"] = len(page.content)
            weights["json"] = len(live.content)
            for asset in ("console.css", "console.js"):
                weights[asset] = len(client.get(f"/console/static/{asset}").content)
        counts = live.json()["counts"]
        print(f"today: {counts}")
        for path, label in (
            ("/console/today", "Today page"),
            ("/console/today.json", "live update"),
        ):
            samples = [s * 1000 for s in timer.samples[path]]
            print(
                f"{label:12s} server time over {len(samples)} requests: "
                f"median {statistics.median(samples):.1f} ms, "
                f"p95 {percentile(samples, 0.95):.1f} ms (target p95 < 100 ms)"
            )
        total = weights["html"] + weights["console.css"] + weights["console.js"]
        print(
            f"page weight: {total / 1024:.0f} KB (HTML {weights['html'] / 1024:.0f} KB, CSS "
            f"{weights['console.css'] / 1024:.1f} KB, JS {weights['console.js'] / 1024:.1f} KB, "
            f"uncompressed); live update {weights['json'] / 1024:.0f} KB"
        )
        service.close()


if __name__ == "__main__":
    main()
