"""Check-in ingest benchmark: 20 kiosks push 20,000 events (10% cross-kiosk duplicates) over HTTPS.

Starts the real server (``atrium-server run`` in a subprocess by default, or the in-process
EmbeddedServer with ``--embedded``), pairs the kiosks over the API, pushes from one thread per
kiosk in batches, and prints events per second and the number of double accepts (must be 0).

    python benchmarks/server_ingest.py [--events 20000] [--kiosks 20] [--batch 100]

Run from the repository root with the package installed (``pip install -e .``).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

import httpx

from server_stub.service import AtriumService

REPO = Path(__file__).resolve().parents[1]

ADMIN = {"email": "admin@example.com", "password": "correct horse battery"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_subprocess_server(data_dir: Path) -> tuple[str, Path, subprocess.Popen[bytes]]:
    cli = [sys.executable, "-m", "server_stub", "--data-dir", str(data_dir)]
    env = {**os.environ, "ATRIUM_SERVER_ADMIN_PASSWORD": ADMIN["password"]}
    init = subprocess.run(
        [
            *cli,
            "--json",
            "init",
            "--tenant",
            "Bench Corp",
            "--site",
            "Berlin HQ",
            "--admin-email",
            ADMIN["email"],
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
        env=env,
    )
    ca_cert = Path(json.loads(init.stdout)["ca_cert"])
    port = free_port()
    process = subprocess.Popen(
        [*cli, "run", "--port", str(port)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"https://127.0.0.1:{port}"
    context = ssl.create_default_context(cafile=str(ca_cert))
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise SystemExit("the server process exited during start-up")
        try:
            httpx.get(f"{url}/api/v1/health", verify=context, timeout=2).raise_for_status()
            break
        except httpx.HTTPError:
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer within 60 s") from None
            time.sleep(0.1)
    return url, ca_cert, process


def make_passes(data_dir: Path, count: int) -> list[str]:
    """Create the visits through the service layer (no HTTP: this is set-up, not measured)."""
    service = AtriumService.open(data_dir)
    try:
        tenant_id = service.default_tenant()
        return [
            service.create_visit(
                tenant_id, visitor=f"Visitor {i}", host="Host", arrive=time.time() - 60
            )["pass"]
            for i in range(count)
        ]
    finally:
        service.close()


def plan_events(passes: list[str], total: int, kiosks: int, rng: random.Random) -> list[list[str]]:
    """Unique passes round-robin over kiosks, then duplicates sent by a *different* kiosk."""
    per_kiosk: list[list[str]] = [[] for _ in range(kiosks)]
    owner: dict[int, int] = {}
    for index, _ in enumerate(passes):
        owner[index] = index % kiosks
        per_kiosk[index % kiosks].append(passes[index])
    for _ in range(total - len(passes)):
        index = rng.randrange(len(passes))
        other = (owner[index] + rng.randrange(1, kiosks)) % kiosks
        per_kiosk[other].append(passes[index])
    for events in per_kiosk:
        rng.shuffle(events)
    return per_kiosk


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--kiosks", type=int, default=20)
    parser.add_argument("--batch", type=int, default=100, help="events per push (max 500)")
    parser.add_argument("--duplicates", type=float, default=0.10, help="share of duplicates")
    parser.add_argument(
        "--embedded",
        action="store_true",
        help="run the server in this process (EmbeddedServer) instead",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.kiosks < 2 or not 0 <= args.duplicates < 1 or not 1 <= args.batch <= 500:
        parser.error("need at least 2 kiosks, a duplicate share in [0, 1), batch 1..500")
    rng = random.Random(args.seed)
    unique = max(1, round(args.events * (1 - args.duplicates)))

    with tempfile.TemporaryDirectory(prefix="atrium-bench-") as tmp:
        data_dir = Path(tmp) / "server"
        process = None
        embedded = None
        if args.embedded:
            from server_stub.embedded import EmbeddedServer

            embedded = EmbeddedServer(
                data_dir,
                tenant="Bench Corp",
                admin_email=ADMIN["email"],
                admin_password=ADMIN["password"],
            ).start()
            url, ca_cert = embedded.url, embedded.ca_cert
        else:
            url, ca_cert, process = start_subprocess_server(data_dir)
        try:
            context = ssl.create_default_context(cafile=str(ca_cert))
            t0 = time.perf_counter()
            passes = make_passes(data_dir, unique)
            print(f"set-up: {unique} visits in {time.perf_counter() - t0:.1f} s")
            with httpx.Client(base_url=url, verify=context, timeout=60) as admin_client:
                token = admin_client.post("/api/v1/auth/login", json=ADMIN).json()["access_token"]
                admin = {"Authorization": f"Bearer {token}"}
                device_tokens = []
                for k in range(args.kiosks):
                    code = admin_client.post(
                        "/api/v1/admin/pairing-codes",
                        headers=admin,
                        json={"kiosk_name": f"Kiosk {k}"},
                    ).json()["code"]
                    redeemed = admin_client.post("/api/v1/pairing/redeem", json={"code": code})
                    device_tokens.append(redeemed.json()["device_token"])
            plan = plan_events(passes, args.events, args.kiosks, rng)
            results: list[list[dict[str, Any]]] = [[] for _ in range(args.kiosks)]
            sent_passes: dict[str, str] = {}
            barrier = threading.Barrier(args.kiosks + 1)

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
                with httpx.Client(base_url=url, verify=context, timeout=120) as client:
                    client.get("/api/v1/health")
                    barrier.wait()
                    for batch in batches:
                        response = client.post(
                            "/api/v1/device/checkins", headers=headers, json={"events": batch}
                        )
                        response.raise_for_status()
                        results[k].extend(response.json()["results"])

            threads = [threading.Thread(target=kiosk, args=(k,)) for k in range(args.kiosks)]
            for thread in threads:
                thread.start()
            barrier.wait()
            started = time.perf_counter()
            for thread in threads:
                thread.join()
            elapsed = time.perf_counter() - started

            statuses = collections.Counter(r["status"] for rs in results for r in rs)
            accepted_per_pass = collections.Counter(
                sent_passes[r["event_id"]]
                for rs in results
                for r in rs
                if r["status"] == "accepted"
            )
            double_accepts = sum(1 for n in accepted_per_pass.values() if n > 1)
            with httpx.Client(base_url=url, verify=context, timeout=60) as admin_client:
                ledger = admin_client.get("/api/v1/admin/checkins", headers=admin).json()
            total = sum(statuses.values())
            print(
                f"server: {'in-process EmbeddedServer' if args.embedded else 'subprocess'} "
                f"over HTTPS, {args.kiosks} kiosks, batches of {args.batch}"
            )
            print(f"events: {total} in {elapsed:.2f} s = {total / elapsed:,.0f} events/s")
            print(
                f"accepted: {statuses['accepted']}, duplicate: {statuses['duplicate']}, "
                f"rejected: {statuses['rejected']}"
            )
            print(f"ledger rows: {len(ledger['checkins'])} (unique passes: {unique})")
            print(f"double accepts: {double_accepts}")
            ok = (
                double_accepts == 0
                and statuses["accepted"] == unique
                and len(ledger["checkins"]) == unique
                and total == args.events
            )
            return 0 if ok else 1
        finally:
            if embedded is not None:
                embedded.close()
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
