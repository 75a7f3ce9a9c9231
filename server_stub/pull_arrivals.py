"""What a pull tells a kiosk for walk-ins and check-out: the site's hosts (names only),
today's walk-ins on site, each expected visit's check-in and check-out, ``site.walk_ins``."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from server_stub.store.arrivals import Arrivals
from server_stub.walk_ins import short_name


def pull_arrivals(
    conn: sa.Connection,
    tenant_id: str,
    site_id: str,
    day_start: float,
    day_end: float,
    now: float,
) -> dict[str, Any]:
    """Read inside the pull's snapshot."""
    repo = Arrivals(conn, tenant_id)
    return {
        "walk_ins_enabled": repo.site_takes_walk_ins(site_id),
        "states": repo.states_at_site(site_id, day_start, day_end),
        "hosts": [{"host_id": r.host_id, "name": r.name} for r in repo.active_hosts(site_id)],
        "walk_ins": [
            {
                "visit_id": r.visit_id,
                "event_id": r.walk_in_event_id,
                "short_name": short_name(r.visitor),
                "checked_in_at": float(r.used_at),
            }
            for r in repo.walk_ins_on_site(site_id, now)
        ],
    }


def merge_arrivals(answer: dict[str, Any], arrivals: dict[str, Any]) -> dict[str, Any]:
    """The pull's answer with the fields above added."""
    states = arrivals["states"]
    for visit in answer["expected_visits"]:
        checked_in_at, checked_out_at = states.get(visit["visit_id"], (None, None))
        visit["checked_in_at"] = checked_in_at
        visit["checked_out_at"] = checked_out_at
    answer["site"] = {**answer["site"], "walk_ins": arrivals["walk_ins_enabled"]}
    answer["hosts"] = arrivals["hosts"]
    answer["walk_ins"] = arrivals["walk_ins"]
    return answer
