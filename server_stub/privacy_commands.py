"""The privacy commands of atrium-server: ``visit erase`` and the retention ``purge``."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

from server_stub.commands import _emit, _open


def cmd_visit_erase(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    result = service.erase_visits(tenant_id, [args.visit_id], "cli")
    erased = bool(result["erased"])
    text = (
        f"Visit {args.visit_id}: the visitor's personal data was erased"
        if erased
        else f"Visit {args.visit_id} was erased before; nothing changed"
    )
    _emit(args, {"visit_id": args.visit_id, "erased": erased}, text)


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts).astimezone().isoformat(timespec="minutes")


def cmd_purge(args: argparse.Namespace) -> None:
    service, _ = _open(args)
    rows = service.purge(dry_run=args.dry_run)
    key = "would_erase" if args.dry_run else "erased"
    verb = "would erase" if args.dry_run else "erased"
    lines = [
        f"Tenant {r['tenant_id']}: {verb} {r[key]} visit(s) that left before "
        f"{_day(r['cutoff'])} (retention {r['retention_days']} days)"
        for r in rows
    ]
    data = {"dry_run": args.dry_run, "tenants": rows, key: sum(r[key] for r in rows)}
    _emit(args, data, "\n".join(lines))


Add = Callable[..., argparse.ArgumentParser]


def add_privacy_commands(add: Add, visit: Any) -> None:
    """Register the commands above on the atrium-server parser."""
    add(
        "erase", cmd_visit_erase, "erase the visitor's personal data (the visit stays by id)",
        visit,
    ).add_argument("visit_id")
    p = add("purge", cmd_purge, "erase visitors' personal data older than the retention")
    p.add_argument("--dry-run", action="store_true", help="count only; change nothing")
