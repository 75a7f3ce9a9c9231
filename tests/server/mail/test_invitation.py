"""The invitation as the mail server receives it: parts, inline QR, calendar, language."""

from __future__ import annotations

import datetime as dt

import pytest

from server_stub.errors import ServiceError
from server_stub.mail.sender import Sender
from server_stub.service import AtriumService
from server_stub.store.schema import visits
from tests.server.helpers import START
from tests.server.mail.helpers import calendar_of, decode_qr, parts, text_of
from tests.server.mail.smtp_sink import SmtpSink

ARRIVE = START + 3600
DEPART = ARRIVE + 2 * 3600


def invite(service: AtriumService, email: str = "ada@example.org", **extra: str) -> dict:
    tenant_id = service.default_tenant()
    return service.create_visit(
        tenant_id, visitor="Ada Lovelace", host="Grace Hopper", arrive=ARRIVE, depart=DEPART,
        visitor_email=email, **extra,
    )


def test_invitation_has_both_parts_the_pass_as_inline_qr_and_the_visit_as_ics(
    service: AtriumService, smtp: SmtpSink, sender: Sender
) -> None:
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", address="Unter den Linden 1, 10117 Berlin",
                             timezone="Europe/Berlin")
    visit = invite(service)
    assert sender.run_once() == 1
    [message] = smtp.to("ada@example.org")
    assert message["Message-ID"] == f"<{visit['invitation_id']}@acme.example>"
    assert smtp.auth_attempts[-1][0] == "atrium"
    found = parts(message)
    assert {"text/plain", "text/html", "image/png", "text/calendar"} <= set(found)
    html = str(found["text/html"].get_content())
    png = found["image/png"]
    assert f"cid:{png['Content-ID'].strip('<>')}" in html
    assert decode_qr(png.get_content()) == [visit["pass"]]
    local = dt.datetime.fromtimestamp(ARRIVE, dt.UTC).astimezone(
        dt.timezone(dt.timedelta(hours=1))  # Berlin in January
    )
    for text in (text_of(message), html):
        assert "Grace Hopper expects you at Berlin HQ" in text
        assert "Unter den Linden 1, 10117 Berlin" in text
        assert local.strftime("%H:%M") in text
        assert "CET" in text
    cal = calendar_of(message)
    assert str(cal["method"]) == "REQUEST"
    [event] = cal.walk("VEVENT")
    assert event.decoded("dtstart").timestamp() == visit["nbf"]
    assert event.decoded("dtend").timestamp() == visit["exp"]
    assert "Unter den Linden 1" in str(event["location"])


def test_german_on_request_and_by_the_sites_default(
    service: AtriumService, smtp: SmtpSink, sender: Sender
) -> None:
    invite(service, "de@example.org", language="de")
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", language="de")
    invite(service, "site-default@example.org")
    invite(service, "chosen-en@example.org", language="en")
    sender.run_once()
    assert "Ihr Besuch bei Berlin HQ" in smtp.to("de@example.org")[0]["Subject"]
    assert "erwartet Sie" in text_of(smtp.to("site-default@example.org")[0])
    assert "expects you" in text_of(smtp.to("chosen-en@example.org")[0])


def test_a_visit_without_email_queues_nothing(service: AtriumService, sender: Sender) -> None:
    tenant_id = service.default_tenant()
    visit = service.create_visit(tenant_id, visitor="Ada", host="Grace")
    assert visit["invitation_id"] is None
    assert service.outbox(tenant_id) == []
    assert sender.run_once() == 0


@pytest.mark.parametrize("bad", ["not an address", "ada@", "@example.org", "a b@example.org"])
def test_a_bad_address_is_refused_with_a_clear_message(service: AtriumService, bad: str) -> None:
    with pytest.raises(ServiceError) as caught:
        invite(service, bad)
    assert caught.value.code == "invalid_email"
    assert "visitor's e-mail address" in caught.value.message
    assert service.outbox(service.default_tenant()) == []


def test_resend_queues_a_new_message_with_its_own_message_id(
    service: AtriumService, smtp: SmtpSink, sender: Sender
) -> None:
    visit = invite(service)
    sender.run_once()
    again = service.resend_invitation(service.default_tenant(), visit["visit_id"])
    sender.run_once()
    first, second = smtp.to("ada@example.org")
    assert first["Message-ID"] != second["Message-ID"]
    assert second["Message-ID"] == f"<{again}@acme.example>"
    assert decode_qr(parts(second)["image/png"].get_content()) == [visit["pass"]]


def test_cancel_after_sending_sends_a_cancellation(
    service: AtriumService, smtp: SmtpSink, sender: Sender
) -> None:
    tenant_id = service.default_tenant()
    visit = invite(service)
    sender.run_once()
    service.cancel_visit(tenant_id, visit["visit_id"])
    sender.run_once()
    invitation, cancellation = smtp.to("ada@example.org")
    assert cancellation["Subject"].startswith("Cancelled: your visit to Berlin HQ")
    cal = calendar_of(cancellation)
    assert str(cal["method"]) == "CANCEL"
    [event] = cal.walk("VEVENT")
    assert str(event["uid"]) == str(calendar_of(invitation).walk("VEVENT")[0]["uid"])
    assert int(event["sequence"]) == 1
    with pytest.raises(ServiceError) as caught:
        service.resend_invitation(tenant_id, visit["visit_id"])
    assert caught.value.code == "visit_cancelled"


def test_cancel_before_sending_drops_the_invitation_and_sends_nothing(
    service: AtriumService, smtp: SmtpSink, sender: Sender
) -> None:
    tenant_id = service.default_tenant()
    visit = invite(service)
    service.cancel_visit(tenant_id, visit["visit_id"])
    assert sender.run_once() == 0
    assert smtp.messages() == []
    [row] = service.visit_messages(tenant_id, visit["visit_id"])
    assert row["status"] == "superseded"


def test_an_erased_visitor_address_is_never_mailed(
    service: AtriumService, smtp: SmtpSink, sender: Sender
) -> None:
    tenant_id = service.default_tenant()
    first, second = invite(service, "gone@example.org"), invite(service, "erased@example.org")
    with service.store.begin(tenant_id) as conn:  # erasure: the address goes with the visitor
        conn.execute(
            visits.update()
            .where(visits.c.tenant_id == tenant_id, visits.c.visit_id == first["visit_id"])
            .values(visitor_email=None)
        )
        conn.execute(visits.delete().where(visits.c.visit_id == second["visit_id"]))
    assert sender.run_once() == 2
    assert smtp.messages() == []
    reasons = {
        row["visit_id"]: (row["status"], row["last_error"])
        for visit in (first, second)
        for row in service.visit_messages(tenant_id, visit["visit_id"])
    }
    assert reasons == {
        first["visit_id"]: ("superseded", "the visit has no visitor e-mail any more"),
        second["visit_id"]: ("superseded", "the visit no longer exists"),
    }


def test_the_invitation_names_the_visitors_company(
    service: AtriumService, smtp: SmtpSink, sender: Sender
) -> None:
    invite(service, company="Analytical Engines Ltd", language="de")
    assert sender.run_once() == 1
    [message] = smtp.to("ada@example.org")
    html = str(parts(message)["text/html"].get_content())
    for text in (text_of(message), html):
        assert "Angemeldet für: Ada Lovelace, Analytical Engines Ltd" in text
