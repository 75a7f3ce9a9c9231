"""The console's Documents page (admin) and the signed documents on a visit's page."""

from __future__ import annotations

from typing import Any

import pytest

from server_stub import documents, signatures
from server_stub.service import AtriumService
from tests.console.helpers import ConsoleClient
from tests.server.documents_helpers import NDA_DE, NDA_EN, publish_nda, record
from tests.server.helpers import FakeClock, event, pair


def _form(**overrides: str) -> dict[str, str]:
    fields = {
        "title_en": "Non-disclosure agreement",
        "html_en": NDA_EN,
        "title_de": "Geheimhaltungsvereinbarung",
        "html_de": NDA_DE,
        "action": "publish",
    }
    fields.update(overrides)
    return fields


def signed_visit(service: AtriumService, clock: FakeClock) -> dict[str, Any]:
    """A visit checked in at a kiosk with the NDA signed; its ids."""
    tenant_id = service.default_tenant()
    document_id = publish_nda(service)
    visit = service.create_visit(
        tenant_id, visitor="Ada Lovelace", host="Grace Hopper", arrive=clock() - 60
    )
    clock.advance(-3600)
    _, token = pair(service, "Lobby 1")
    clock.advance(3600)
    device = service.authenticate(token)
    pushed = event(visit["pass"], clock())
    assert service.push_checkins(device, [pushed])[0]["status"] == "accepted"
    body = record(pushed["event_id"], document_id)
    signatures.upload(service, device, body)
    return {"visit_id": visit["visit_id"], "record_id": body["record_id"], "document_id":
            document_id}


def test_only_admins_reach_the_documents_page(admin: ConsoleClient, desk: ConsoleClient) -> None:
    page = admin.get("/console/documents")
    assert page.status_code == 200 and "No documents yet." in page.text
    assert 'href="/console/documents"' in page.text
    assert desk.get("/console/documents").status_code == 403
    assert 'href="/console/documents"' not in desk.get("/console/today").text
    assert desk.post("/console/documents", _form()).status_code == 403


def test_preview_shows_the_sanitised_text_and_publishes_nothing(
    admin: ConsoleClient, service: AtriumService
) -> None:
    admin.get("/console/documents/new")
    dirty = NDA_EN + '<script>alert("x")</script><img src="https://evil.example/t.gif">'
    page = admin.post("/console/documents", _form(html_en=dirty, action="preview"))
    assert page.status_code == 200
    preview = page.text.split('id="preview_en"', 1)[1].split("</div>", 1)[0]
    assert "Ada Lovelace of Analytical Engines Ltd" in preview  # the sample details
    assert "<script" not in preview and "evil.example" not in preview
    assert "&lt;script&gt;" in page.text  # the textarea keeps what was typed, escaped
    assert documents.listing(service, service.default_tenant()) == []


def test_publish_edit_and_assign_from_the_console(
    admin: ConsoleClient, service: AtriumService
) -> None:
    tenant_id = service.default_tenant()
    admin.get("/console/documents/new")
    done = admin.post("/console/documents", _form())
    assert done.status_code == 303 and done.headers["location"].endswith("?done=published")
    [doc] = documents.listing(service, tenant_id)
    listing = admin.get("/console/documents").text
    assert "The document was published." not in listing  # only after the redirect with done
    assert "Non-disclosure agreement" in listing and doc["document_id"] in listing

    edit = admin.get(f"/console/documents/{doc['document_id']}")
    assert edit.status_code == 200
    assert "Now at version 1. Publishing your changes makes version 2;" in edit.text
    assert "{{visitor_name}} of {{company}}" in edit.text
    again = admin.post(f"/console/documents/{doc['document_id']}", _form())
    assert again.headers["location"].endswith("?done=unchanged")
    edited = _form(html_en=NDA_EN + "<p>Second edition.</p>")
    assert admin.post(f"/console/documents/{doc['document_id']}", edited).status_code == 303
    [doc] = documents.listing(service, tenant_id)
    assert [v["version"] for v in doc["versions"]] == [2, 1]

    site_id = service.site(tenant_id)["id"]
    saved = admin.post(f"/console/documents/sites/{site_id}", {f"order_{doc['document_id']}": "1"})
    assert saved.headers["location"].endswith("?done=assigned")
    assert documents.site_list(service, tenant_id, None) == [doc["document_id"]]
    bad = admin.post(f"/console/documents/sites/{site_id}", {f"order_{doc['document_id']}": "x"})
    assert bad.status_code == 422 and "whole number" in bad.text
    unknown = admin.post(f"/console/documents/sites/{site_id}", {"order_Dnope1": "1"})
    assert unknown.status_code == 404
    assert documents.site_list(service, tenant_id, None) == [doc["document_id"]]


def test_a_bad_template_is_shown_again_with_the_reason(
    admin: ConsoleClient, service: AtriumService
) -> None:
    admin.get("/console/documents/new")
    page = admin.post("/console/documents", _form(html_en="<p>Dear {{visitor_email}}</p>"))
    assert page.status_code == 422 and "placeholders are" in page.text
    assert "Dear {{visitor_email}}" in page.text  # nothing typed is lost
    assert documents.listing(service, service.default_tenant()) == []
    refused = admin.post("/console/documents", _form(), csrf="wrong")
    assert refused.status_code == 403


@pytest.mark.parametrize("who", ["admin", "desk"])
def test_the_visit_page_lists_signed_documents_and_serves_their_pdf(
    request: pytest.FixtureRequest, service: AtriumService, clock: FakeClock, who: str
) -> None:
    ids = signed_visit(service, clock)
    browser: ConsoleClient = request.getfixturevalue(who)
    page = browser.get(f"/console/visits/{ids['visit_id']}")
    assert page.status_code == 200 and "Signed documents" in page.text
    section = page.text.split("Signed documents", 1)[1]
    assert "Non-disclosure agreement" in section and "Lobby 1" in section
    link = f"/console/visits/{ids['visit_id']}/documents/{ids['record_id']}.pdf"
    assert f'href="{link}"' in section
    pdf = browser.get(link)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    assert pdf.headers["content-type"] == "application/pdf"
    name = f"{ids['visit_id']}-{ids['document_id']}-v1-en-{ids['record_id'][:8]}.pdf"
    assert pdf.headers["content-disposition"] == f'attachment; filename="{name}"'
    assert "no-store" in pdf.headers["cache-control"]
    assert pdf.headers["x-content-type-options"] == "nosniff"
    other = service.create_visit(service.default_tenant(), visitor="Eve", host="Grace Hopper")
    wrong = browser.get(f"/console/visits/{other['visit_id']}/documents/{ids['record_id']}.pdf")
    assert wrong.status_code == 404  # a record is served only under its own visit


def test_the_pdf_is_refused_without_a_session_and_to_another_tenant(
    service: AtriumService, clock: FakeClock, browser_factory: Any
) -> None:
    ids = signed_visit(service, clock)
    link = f"/console/visits/{ids['visit_id']}/documents/{ids['record_id']}.pdf"
    anonymous = browser_factory()
    response = anonymous.get(link)
    assert response.status_code == 303 and "/console/login" in response.headers["location"]
    other = service.add_tenant("Globex")
    service.add_site(other, "Springfield")
    service.add_user(other, "boss@globex.example", "globex password 1")
    outsider = browser_factory()
    assert outsider.sign_in("boss@globex.example", "globex password 1").status_code == 303
    assert outsider.get(link).status_code == 404
    assert b"%PDF" not in outsider.get(link).content
