"""Walk-ins and check-outs through the push: events/s for batches of walk-ins, then of exits.

Run from the repository with the package importable (``pip install -e '.[dev]'``):

    python benchmarks/push_kinds.py                 # 2,000 walk-ins, then 2,000 exits
    python benchmarks/push_kinds.py --count 500 --batch 50

In process, on SQLite in a temporary data dir (the service layer, no HTTP): one kiosk pushes
walk-ins in batches (each a visit, its ledger row, the host's arrival message and two audit
entries), then a second kiosk checks all of them out by walk-in event id, then the first kiosk
sends the same exits again (every answer a duplicate). Prints events/s for each pass and the
counts, which must be exact: one visit, one message and one check-out per walk-in.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import sqlalchemy as sa  # noqa: E402

from server_stub.service import AtriumService  # noqa: E402
from server_stub.store.schema import outbox  # noqa: E402


def _pair(service: AtriumService, tenant_id: str, name: str) -> object:
    code = service.create_pairing_code(tenant_id, None, name)["code"]
    return service.authenticate(service.redeem_pairing_code(code)["device_token"])


def _timed(service: AtriumService, device: object, events: list[dict], batch: int) -> tuple:
    answers, start = [], time.perf_counter()
    for first in range(0, len(events), batch):
        answers += service.push_checkins(device, events[first:first + batch])  # type: ignore[arg-type]
    return answers, time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=100, help="events per push (max 500)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="atrium-push-kinds-") as tmp:
        service, tenant_id, _ = AtriumService.initialise(Path(tmp) / "server", "Acme", "HQ")
        host_id = service.add_host(tenant_id, "Grace Hopper", "grace@acme.example")
        lobby1, lobby2 = _pair(service, tenant_id, "Lobby 1"), _pair(service, tenant_id, "Lobby 2")
        now = time.time()
        walk_ins = [
            {"event_id": str(uuid.uuid4()), "kind": "walk_in", "scanned_at": now,
             "name": f"Visitor {n:05d}", "company": None, "host_id": host_id, "language": "en"}
            for n in range(args.count)
        ]
        made, walk_s = _timed(service, lobby1, walk_ins, args.batch)
        exits = [
            {"event_id": str(uuid.uuid4()), "kind": "exit", "scanned_at": time.time(),
             "walk_in_event_id": w["event_id"]}
            for w in walk_ins
        ]
        out, exit_s = _timed(service, lobby2, exits, args.batch)
        again = [{**e, "event_id": str(uuid.uuid4())} for e in exits]
        dup, dup_s = _timed(service, lobby1, again, args.batch)
        with service.store.read(tenant_id) as conn:
            messages = conn.execute(
                sa.select(sa.func.count()).select_from(outbox).where(
                    outbox.c.tenant_id == tenant_id, outbox.c.kind == "arrival"
                )
            ).scalar_one()
        service.close()
    rows = [("walk-ins", made, "accepted", walk_s), ("exits", out, "accepted", exit_s),
            ("exits again", dup, "duplicate", dup_s)]
    print(f"{args.count} events each, batches of {args.batch}, SQLite, in process")
    print("| pass | events/s | answers as expected |")
    print("| --- | --- | --- |")
    for name, answers, status, seconds in rows:
        good = sum(a["status"] == status for a in answers)
        print(f"| {name} | {len(answers) / seconds:,.0f} | {good} of {len(answers)} |")
    print(f"arrival messages queued: {messages} (one per walk-in: {messages == args.count})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
