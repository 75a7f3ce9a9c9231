"""The audit log: what is recorded (by id only), shown to admins, per tenant."""

from __future__ import annotations

import sqlalchemy as sa

from server_stub import audit
from tests.console.conftest import RECEPTION_EMAIL
from tests.server.helpers import ADMIN_EMAIL, event, pair


def _actions(service, tenant_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [e["action"] for e in reversed(audit.entries(service, tenant_id))]


def test_the_lifecycle_is_recorded_by_id_and_shown_to_admins(admin, desk, service) -> None:
    tenant_id = service.default_tenant()
    desk.get("/console/login")
    desk.post("/console/login", {"email": ADMIN_EMAIL, "password": "wrong password!"})
    code = admin.post("/console/kiosks/pair", {"kiosk_name": "Lobby 1"}).headers["location"]
    device = service.authenticate(
        service.redeem_pairing_code(code.rsplit("/", 1)[1])["device_token"]
    )
    visit = service.create_visit(tenant_id, actor="u_test", visitor="Ada Lovelace", host="Grace")
    service.push_checkins(device, [event(visit["pass"], service.clock())])
    admin.post(f"/console/visits/{visit['visit_id']}/cancel")
    admin.post(f"/console/kiosks/{device.subject}/revoke")
    actions = _actions(service, tenant_id)
    for expected in (
        "signin.success",
        "signin.failure",
        "kiosk.pairing_code",
        "kiosk.paired",
        "visit.created",
        "visit.checked_in",
        "visit.cancelled",
        "kiosk.revoked",
    ):
        assert expected in actions, expected
    with service.store.read(tenant_id) as conn:
        stored = " ".join(
            " ".join(str(v) for v in row)
            for row in conn.execute(sa.text("SELECT * FROM audit_log"))
        )
    assert "Ada" not in stored and "Grace" not in stored and "@" not in stored
    assert visit["visit_id"] in stored and device.subject in stored
    page = admin.get("/console/audit").text
    assert "Failed sign-in" in page and "Kiosk paired" in page and "Visit cancelled" in page
    assert f'href="/console/visits/{visit["visit_id"]}"' in page
    assert "Lobby 1" in page and ADMIN_EMAIL in page  # ids shown with today's names
    assert "Berlin HQ" in page  # the pairing code's site
    assert desk.get("/console/audit").status_code == 403
    assert RECEPTION_EMAIL not in stored


def test_another_tenants_entries_stay_out(admin, service) -> None:
    other = service.add_tenant("Globex")
    service.add_site(other, "Springfield")
    pair(service, "Globex lobby", tenant_id=other)
    assert "kiosk.paired" in _actions(service, other)
    assert "Globex lobby" not in admin.get("/console/audit").text
