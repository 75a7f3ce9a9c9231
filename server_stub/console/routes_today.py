"""Today (expected, on site, left, with live updates), the roll call and the conflicts."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from server_stub import reception
from server_stub.console.deps import UserForm, UserPage, service_error_page
from server_stub.console.security import PREFIX
from server_stub.console.web import local_time
from server_stub.errors import ServiceError

router = APIRouter(prefix=PREFIX, include_in_schema=False)
GROUPS = ("on_site", "expected", "left", "cancelled")


def _site(page: UserPage, site: str | None) -> tuple[dict[str, str], list[dict[str, str]]]:
    assert page.account is not None
    sites = reception.sites(page.service, page.account.tenant_id)
    chosen = page.service.site(page.account.tenant_id, site[:40] if site else None)
    return chosen, sites


def left_text(page: UserPage, left: dict[str, Any] | None) -> str:
    """How a visitor left, in words: "Checked out at Lobby 1, 17:02"."""
    if left is None:
        return ""
    return page.t(f"left.{left['how']}", kiosk=left["kiosk"], time=local_time(left["at"]))


def _today(page: UserPage, site: str | None, q: str | None) -> dict[str, Any]:
    assert page.account is not None
    chosen, sites = _site(page, site)
    data = reception.today(page.service, page.account.tenant_id, chosen["id"], q or "")
    for row in data["groups"]["left"]:
        row["left_text"] = left_text(page, row["left"])
    return {"site": chosen, "sites": sites, "q": (q or "")[:100], **data}


@router.get("/today", include_in_schema=False)
def today(page: UserPage, site: str | None = None, q: str | None = None) -> Response:
    try:
        data = _today(page, site, q)
    except ServiceError as exc:
        return service_error_page(page, exc)
    return page.render("today.html", groups_order=GROUPS, **data)


@router.get("/today.json", include_in_schema=False)
def today_json(page: UserPage, site: str | None = None, q: str | None = None) -> Response:
    """The live update: counts and rows, already formatted in local time."""
    try:
        data = _today(page, site, q)
    except ServiceError as exc:
        return page.json({"detail": exc.detail()}, exc.status)
    groups = {
        name: [
            {
                "visit_id": row["visit_id"],
                "visitor": row["visitor"],
                "host": row["host"],
                "window": f"{local_time(row['nbf'])}–{local_time(row['exp'])}",
                "arrived": local_time(row["arrived_at"]),
                "kiosk": row["kiosk"] or "",
                "walk_in": row["walk_in"],
                "left": row.get("left_text", ""),
            }
            for row in rows
        ]
        for name, rows in data["groups"].items()
    }
    return page.json(
        {
            "counts": data["counts"],
            "matched": data["matched"],
            "groups": groups,
            "updated": page.t("today.updated", time=local_time(data["now"])),
        }
    )


@router.get("/rollcall", include_in_schema=False)
def rollcall(page: UserPage, site: str | None = None) -> Response:
    try:
        data = _today(page, site, None)
    except ServiceError as exc:
        return service_error_page(page, exc)
    return page.render("rollcall.html", **data)


def _conflicts_page(page: UserPage, status_code: int = 200, **context: object) -> Response:
    assert page.account is not None
    rows = reception.conflicts(page.service, page.account.tenant_id)
    return page.render(
        "conflicts.html",
        status_code=status_code,
        open_conflicts=[r for r in rows if r["resolved_at"] is None],
        resolved=[r for r in rows if r["resolved_at"] is not None],
        **context,
    )


@router.get("/conflicts")
def conflicts(page: UserPage, done: str | None = None) -> Response:
    return _conflicts_page(page, done=bool(done))


@router.post("/conflicts/{event_id}/resolve")
def resolve(page: UserPage, form: UserForm, event_id: str) -> Response:
    assert page.account is not None
    try:
        reception.resolve_conflict(
            page.service,
            page.account.tenant_id,
            event_id[:64],
            form.get("note", "")[:2000],
            page.account.user_id,
        )
    except ServiceError as exc:
        if exc.status == 404:
            return service_error_page(page, exc)
        return _conflicts_page(page, exc.status, error=exc.message, failed_event=event_id)
    return page.redirect(f"{PREFIX}/conflicts?done=1")
