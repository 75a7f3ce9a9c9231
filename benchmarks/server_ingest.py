"""Check-in ingest benchmark: 20 kiosks push 20,000 events (10% cross-kiosk duplicates) over HTTPS.

Runs the real server (``atrium-server run`` in a subprocess) on SQLite with 1 worker and on
PostgreSQL with 1, 2 and 4 workers in one run, pairs the kiosks over the API, pushes from one
thread per kiosk in batches, and prints a table: events per second, double accepts (must be 0)
and where the CPU time went (this load generator, the server processes, PostgreSQL).

    python benchmarks/server_ingest.py                      # SQLite + a throw-away PostgreSQL
    python benchmarks/server_ingest.py --database-url postgresql://atrium_app:...@host/db \\
        --owner-url postgresql://atrium_owner:...@host/db --workers 2

Without ``--database-url`` it starts its own PostgreSQL cluster (``tests/pg.py``, durable
settings: fsync on) when PostgreSQL is installed. Run from the repository root with the
package installed (``pip install -e '.[dev]'``).
"""

from __future__ import annotations

import argparse
import collections
import os
import random
import shutil
import ssl
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script: benchmarks.faults and tests.pg

from benchmarks.faults import ServerProcess  # noqa: E402
from tests.pg import APP_ROLE, OWNER_ROLE, Cluster, PgUnavailable  # noqa: E402

ADMIN = {"email": "admin@example.com", "password": "correct horse battery"}


@dataclass
class Result:
    label: str
    workers: int
    events: int
    seconds: float
    double_accepts: int
    ok: bool
    cpu: dict[str, float]

    @property
    def rate(self) -> float:
        return self.events / self.seconds


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (Linux /proc), 0 where it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        path = Path(f"/proc/{current}/task/{current}/children")
        kids = [int(p) for p in path.read_text().split()] if path.exists() else []
        found.extend(kids)
        todo.extend(kids)
    return found


class CpuMeter:
    """CPU seconds used between start() and stop() by the groups of processes given."""

    def __init__(self, groups: dict[str, list[int]]) -> None:
        self.groups = groups

    def _read(self) -> dict[str, float]:
        totals = {}
        for name, pids in self.groups.items():
            members = set(pids) | {d for p in pids for d in descendants(p)}
            totals[name] = sum(cpu_seconds(p) for p in members)
        return totals

    def start(self) -> None:
        self._before = self._read()
        self._self_before = cpu_seconds(os.getpid())  # every thread of this process

    def stop(self) -> dict[str, float]:
        after = self._read()
        used = {name: after[name] - self._before[name] for name in after}
        used["load generator"] = cpu_seconds(os.getpid()) - self._self_before
        return used


def make_passes(server: ServerProcess, count: int) -> list[str]:
    """The visits, created through the service layer by 4 threads (set-up, not measured)."""

    def one(i: int) -> str:
        return str(server.admin.create_visit(visitor=f"Visitor {i}", host="Host")["pass"])

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, range(count)))


def plan_events(passes: list[str], total: int, kiosks: int, rng: random.Random) -> list[list[str]]:
    """Unique passes round-robin over kiosks, then duplicates sent by a *different* kiosk."""
    per_kiosk: list[list[str]] = [[] for _ in range(kiosks)]
    for index, raw in enumerate(passes):
        per_kiosk[index % kiosks].append(raw)
    for _ in range(total - len(passes)):
        index = rng.randrange(len(passes))
        other = (index % kiosks + rng.randrange(1, kiosks)) % kiosks
        per_kiosk[other].append(passes[index])
    for events in per_kiosk:
        rng.shuffle(events)
    return per_kiosk


def measure(
    server: ServerProcess, label: str, plan: list[list[str]], unique: int, args: Any, pg: Any
) -> Result:
    context = ssl.create_default_context(cafile=str(server.ca_cert))
    with httpx.Client(base_url=server.url, verify=context, timeout=60) as admin_client:
        token = admin_client.post("/api/v1/auth/login", json=ADMIN).json()["access_token"]
        admin = {"Authorization": f"Bearer {token}"}
        device_tokens = []
        for k in range(args.kiosks):
            code = admin_client.post(
                "/api/v1/admin/pairing-codes", headers=admin, json={"kiosk_name": f"Kiosk {k}"}
            ).json()["code"]
            redeemed = admin_client.post("/api/v1/pairing/redeem", json={"code": code})
            device_tokens.append(redeemed.json()["device_token"])
    results: list[list[dict[str, Any]]] = [[] for _ in plan]
    sent_passes: dict[str, str] = {}
    barrier = threading.Barrier(len(plan) + 1)

    def kiosk(k: int) -> None:
        batches = []
        for start in range(0, len(plan[k]), args.batch):
            batch = []
            for raw in plan[k][start : start + args.batch]:
                event_id = str(uuid.uuid4())
                sent_passes[event_id] = raw
                now = time.time()
                batch.append(
                    {
                        "event_id": event_id,
                        "pass": raw,
                        "scanned_at": now,
                        "scanned_at_local": now,
                        "verdict": "accepted",
                    }
                )
            batches.append(batch)
        headers = {"Authorization": f"Bearer {device_tokens[k]}"}
        with httpx.Client(base_url=server.url, verify=context, timeout=120) as client:
            client.get("/api/v1/health")
            barrier.wait()
            for batch in batches:
                response = client.post(
                    "/api/v1/device/checkins", headers=headers, json={"events": batch}
                )
                response.raise_for_status()
                results[k].extend(response.json()["results"])

    assert server.process is not None
    groups = {"server": [server.process.pid]}
    if pg is not None:
        groups["postgresql"] = [pg.postmaster_pid()]
    meter = CpuMeter(groups)
    threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(len(plan))]
    for thread in threads:
        thread.start()
    barrier.wait()
    meter.start()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu = meter.stop()

    statuses = collections.Counter(r["status"] for rs in results for r in rs)
    accepted_per_pass = collections.Counter(
        sent_passes[r["event_id"]] for rs in results for r in rs if r["status"] == "accepted"
    )
    double_accepts = sum(1 for n in accepted_per_pass.values() if n > 1)
    ledger = len(server.admin.checkins())
    total = sum(statuses.values())
    ok = (
        double_accepts == 0
        and statuses["accepted"] == unique
        and ledger == unique
        and total == args.events
    )
    return Result(label, server.workers, total, elapsed, double_accepts, ok, cpu)


def run_config(
    template: Path,
    root: Path,
    label: str,
    plan: list[list[str]],
    unique: int,
    args: Any,
    *,
    workers: int = 1,
    urls: tuple[str, str] | None = None,
    pg: Any = None,
) -> Result:
    data_dir = root / f"{label}-{workers}"
    shutil.copytree(template, data_dir)
    app_url, owner_url = urls if urls else (None, None)
    server = ServerProcess(data_dir, database_url=app_url, owner_url=owner_url, workers=workers)
    try:
        server.start()
        return measure(server, label, plan, unique, args, pg)
    finally:
        server.close()


def prepare(
    root: Path, name: str, unique: int, urls: tuple[str, str] | None
) -> tuple[Path, list[str]]:
    """An initialised data dir (and database) holding the visits; configs run on copies."""
    app_url, owner_url = urls if urls else (None, None)
    server = ServerProcess(root / name, database_url=app_url, owner_url=owner_url)
    try:
        server.admin.create_visit()  # warm-up
        started = time.perf_counter()
        passes = make_passes(server, unique)
        print(
            f"set-up {name}: {unique} visits in {time.perf_counter() - started:.1f} s", flush=True
        )
    finally:
        server.close()
    return root / name, passes


class OwnCluster:
    """A throw-away cluster for the PostgreSQL rows; clones a template database per config."""

    def __init__(self) -> None:
        self.cluster = Cluster.start(durable=True)
        self.cluster.create_app_database("bench_template")
        self.count = 0

    def urls(self, database: str) -> tuple[str, str]:
        return self.cluster.url(APP_ROLE, database), self.cluster.url(OWNER_ROLE, database)

    def clone(self) -> tuple[str, str]:
        self.count += 1
        database = f"bench_{self.count}"
        self.cluster.clone_database("bench_template", database)
        return self.urls(database)

    def postmaster_pid(self) -> int:
        return int((self.cluster.data / "postmaster.pid").read_text().split()[0])


def print_table(results: list[Result]) -> None:
    print()
    cpu = "CPU s: load generator / server / PostgreSQL"
    print(f"| backend | workers | events/s | double accepts | {cpu} |")
    print("| --- | --- | --- | --- | --- |")
    for r in results:
        used = " / ".join(
            f"{r.cpu[k]:.1f}" if k in r.cpu else "-"
            for k in ("load generator", "server", "postgresql")
        )
        flag = "" if r.ok else " (CHECK FAILED)"
        print(
            f"| {r.label} | {r.workers} | {r.rate:,.0f} | {r.double_accepts}{flag} | "
            f"{used} in {r.seconds:.1f} s |"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--batch", type=int, default=100, help="events per push (max 500)")
    parser.add_argument("--duplicates", type=float, default=0.10, help="share of duplicates")
    parser.add_argument("--database-url", help="PostgreSQL URL the server connects with")
    parser.add_argument("--owner-url", help="URL that initialises it (default: --database-url)")
    parser.add_argument(
        "--workers", type=int, action="append", help="PostgreSQL workers (repeatable; 1 2 4)"
    )
    parser.add_argument("--no-sqlite", action="store_true", help="skip the SQLite row")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.kiosks < 2 or not 0 <= args.duplicates < 1 or not 1 <= args.batch <= 500:
        parser.error("need at least 2 kiosks, a duplicate share in [0, 1), batch 1..500")
    workers = args.workers or [1, 2, 4]
    unique = max(1, round(args.events * (1 - args.duplicates)))
    results: list[Result] = []
    print(
        f"{args.kiosks} kiosks, {args.events} events ({args.duplicates:.0%} cross-kiosk "
        f"duplicates), batches of {args.batch}, server in subprocesses over HTTPS; "
        f"{os.cpu_count()} CPUs",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="atrium-bench-") as tmp:
        root = Path(tmp)
        if not args.no_sqlite:
            template, passes = prepare(root, "sqlite-template", unique, None)
            plan = plan_events(passes, args.events, args.kiosks, random.Random(args.seed))
            results.append(run_config(template, root, "SQLite", plan, unique, args))
            print_table(results[-1:])
        own: OwnCluster | None = None
        try:
            if args.database_url:
                urls = (args.database_url, args.owner_url or args.database_url)
                template, passes = prepare(root, "pg-template", unique, urls)
            else:
                try:
                    own = OwnCluster()
                except PgUnavailable as exc:
                    print(f"PostgreSQL rows skipped: {exc}")
                    print_table(results)
                    return 0 if all(r.ok for r in results) else 1
                template, passes = prepare(root, "pg-template", unique, own.urls("bench_template"))
            plan = plan_events(passes, args.events, args.kiosks, random.Random(args.seed))
            for n in workers:
                if own is not None:
                    urls = own.clone()
                elif n != workers[0]:
                    print("a given --database-url is measured once (its ledger is not reset)")
                    break
                result = run_config(
                    template, root, "PostgreSQL", plan, unique, args, workers=n, urls=urls, pg=own
                )
                results.append(result)
                print_table(results[-1:])
        finally:
            if own is not None:
                own.cluster.stop()
    print_table(results)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
