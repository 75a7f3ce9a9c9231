"""Drain 10,000 queued check-ins to the local server over HTTPS; prints seconds and events/s.

Run from the repository with the package importable (``pip install -e .``, or from a source
checkout with ``PYTHONPATH=.``):

    python benchmarks/sync_drain.py              # 10,000 check-ins
    python benchmarks/sync_drain.py --events 2000

Starts the real server (uvicorn, HTTPS, private CA) on 127.0.0.1, pairs a kiosk, issues the
passes, checks them all in offline (that part is timed too), then times one
``SyncEngine.run_once()`` that pushes the queue in batches of 500 and pulls. Target: < 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from server_stub.embedded import EmbeddedServer

TARGET_S = 10.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="sync-drain-") as tmp:
        root = Path(tmp)
        with EmbeddedServer(root / "server") as server:
            config = KioskConfig(data_dir=root / "kiosk", credential_store="memory")
            with Kiosk.open(config, credentials=MemoryCredentialStore()) as kiosk:
                code = server.pairing_code(kiosk_name="Bench")
                kiosk.pair(server.url, code, ca_cert=server.ca_cert)
                started = time.perf_counter()
                passes = [server.create_visit(visitor=f"V{i}")["pass"] for i in range(args.events)]
                issued = time.perf_counter() - started
                started = time.perf_counter()
                for text in passes:
                    if not kiosk.checkin.check_in(text).accepted:
                        print("a fresh pass was refused", file=sys.stderr)
                        return 1
                queued = time.perf_counter() - started
                depth = kiosk.status().queue_depth
                started = time.perf_counter()
                report = kiosk.sync.run_once()
                drained = time.perf_counter() - started
            ledger = len(server.checkins())
    print(f"issued {args.events} passes on the server in {issued:.2f} s")
    print(
        f"checked in {depth} passes offline in {queued:.2f} s "
        f"({depth / queued:,.0f} check-ins/s, {1000 * queued / depth:.2f} ms each)"
    )
    print(
        f"drained {report.accepted} of {depth} queued check-ins over HTTPS in {drained:.2f} s "
        f"({report.accepted / drained:,.0f} events/s; target < {TARGET_S:.0f} s)"
    )
    print(f"server ledger rows: {ledger}; left in queue: {report.queue_depth}")
    ok = report.ok and report.accepted == depth == ledger and drained < TARGET_S
    print("PASS" if ok else "MISS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
