"""Users (admin only): the tenant's console accounts and adding one with a role."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter
from fastapi.responses import Response

from server_stub import reception, second_factor
from server_stub.console.deps import AdminForm, AdminPage, service_error_page
from server_stub.console.security import PREFIX
from server_stub.errors import ServiceError
from server_stub.rules import ROLES

router = APIRouter(prefix=PREFIX, include_in_schema=False)


def _users_page(page: AdminPage, status_code: int = 200, **context: object) -> Response:
    assert page.account is not None
    return page.render(
        "users.html",
        status_code=status_code,
        users=reception.users(page.service, page.account.tenant_id),
        roles=ROLES,
        **context,
    )


@router.get("/users")
def users(page: AdminPage, added: str | None = None, reset: str | None = None) -> Response:
    return _users_page(
        page,
        added=(added or "")[:254],
        reset=(reset or "")[:254],
        form={"email": "", "role": "receptionist"},
    )


@router.post("/users/{user_id}/reset-totp")
def reset_totp(page: AdminPage, form: AdminForm, user_id: str) -> Response:
    """An admin turns off a user's second factor (a lost phone)."""
    assert page.account is not None
    found = [
        u for u in reception.users(page.service, page.account.tenant_id) if u["user_id"] == user_id
    ]
    if not found:
        return service_error_page(page, ServiceError("not_found", "user not found", 404))
    second_factor.reset(page.service, page.account.tenant_id, user_id, page.account.user_id)
    return page.redirect(f"{PREFIX}/users?reset={quote(found[0]['email'])}")


@router.post("/users")
def add_user(page: AdminPage, form: AdminForm) -> Response:
    assert page.account is not None
    email, role = form.get("email", "")[:254], form.get("role", "")
    try:
        page.service.add_user(
            page.account.tenant_id,
            email,
            form.get("password", "")[:1024],
            role,
            actor=page.account.user_id,
        )
    except ServiceError as exc:
        form_values = {"email": email, "role": role}
        return _users_page(page, exc.status, error=page.error_text(exc), form=form_values)
    return page.redirect(f"{PREFIX}/users?added={quote(email.strip().lower())}")
