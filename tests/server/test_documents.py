"""Document templates: sanitised on the way in, versioned (never changed), per-site lists, pull."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from server_stub import documents
from server_stub.errors import ServiceError
from server_stub.service import AtriumService
from server_stub.store.schema import document_versions
from tests.server.documents_helpers import NDA_DE, NDA_EN, SAFETY_EN, nda_texts, publish_nda
from tests.server.helpers import bearer, pair


def pull(client: TestClient, token: str) -> dict[str, Any]:
    response = client.get("/api/v1/device/pull", headers=bearer(token))
    assert response.status_code == 200, response.text
    return dict(response.json())


def test_template_html_is_sanitised_on_the_way_in(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    dirty = (
        '<h1 onclick="steal()">Rules</h1><script>alert(1)</script><style>p{color:red}</style>'
        '<p style="background:url(https://evil.example/x.png)">Hello {{visitor_name}}, read '
        '<a href="https://evil.example/">our terms</a>.</p><img src="https://evil.example/t.gif">'
        '<iframe src="https://evil.example/"></iframe><!-- hidden -->'
        '<table><tr><td colspan="2" onmouseover="x()">cell</td></tr></table>'
        '<form action="https://evil.example/"><input name="q"></form>'
    )
    made = documents.publish(service, tenant_id, {"en": ("Rules", dirty)})
    [text] = documents.current(service, tenant_id, made["document_id"])["texts"]
    html = text["html"]
    for gone in ("script", "alert", "style", "url(", "<a", "href", "evil", "<img", "iframe",
                 "onclick", "onmouseover", "hidden", "<form", "<input"):
        assert gone not in html, (gone, html)
    assert "<h1>Rules</h1>" in html
    assert "Hello {{visitor_name}}, read our terms." in html  # a link's text stays
    assert '<td colspan="2">cell</td>' in html
    assert text["sha256"] == hashlib.sha256(html.encode()).hexdigest()


def test_placeholders_with_spaces_are_stored_in_one_spelling(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    made = documents.publish(
        service, tenant_id, {"en": ("Rules", "<p>Hi {{ visitor_name }} of {{company }}</p>")}
    )
    [text] = documents.current(service, tenant_id, made["document_id"])["texts"]
    assert text["html"] == "<p>Hi {{visitor_name}} of {{company}}</p>"


@pytest.mark.parametrize(
    ("texts", "code"),
    [
        ({}, "no_text"),
        ({"fr": ("Règles", "<p>x</p>")}, "invalid_language"),
        ({"en": ("Rules", "<p>Hi {{visitor_email}}</p>")}, "unknown_placeholder"),
        ({"en": ("Rules", "<script>only()</script>")}, "empty_template"),
        ({"en": ("", "<p>x</p>")}, "invalid_title"),
        ({"en": ("Rules", "<p>" + "x" * 140_000 + "</p>")}, "template_too_large"),
    ],
)
def test_bad_templates_are_refused_with_a_reason(
    service: AtriumService, texts: dict[str, tuple[str, str]], code: str
) -> None:
    with pytest.raises(ServiceError) as caught:
        documents.publish(service, service.default_tenant(), texts)
    assert caught.value.code == code and caught.value.status == 422
    assert documents.listing(service, service.default_tenant()) == []  # nothing half-published


def test_editing_publishes_a_new_version_and_the_old_one_stays(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    first = documents.publish(service, tenant_id, nda_texts())
    document_id = first["document_id"]
    assert first == {"document_id": document_id, "version": 1, "published": True}
    v1 = documents.current(service, tenant_id, document_id)["texts"]
    same = documents.publish(service, tenant_id, nda_texts(), document_id)
    assert same == {"document_id": document_id, "version": 1, "published": False}
    edited = {**nda_texts(), "en": ("Non-disclosure agreement", NDA_EN + "<p>Updated.</p>")}
    assert documents.publish(service, tenant_id, edited, document_id)["version"] == 2
    [listed] = documents.listing(service, tenant_id)
    assert listed["version"] == 2 and [v["version"] for v in listed["versions"]] == [2, 1]
    with service.store.read(tenant_id) as conn:
        from server_stub.store.documents import Documents

        assert Documents(conn, tenant_id).texts(document_id, 1) == v1  # untouched
    with pytest.raises(ServiceError) as caught:
        documents.publish(service, tenant_id, nda_texts(), "Dnope1")
    assert caught.value.status == 404


def test_a_published_version_cannot_be_updated_in_the_database(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    document_id = documents.publish(service, tenant_id, nda_texts())["document_id"]
    with (
        pytest.raises(sa.exc.DBAPIError, match="never change"),
        service.store.begin(tenant_id) as conn,
    ):
        conn.execute(
            document_versions.update()
            .where(document_versions.c.document_id == document_id)
            .values(html="<p>changed</p>")
        )
    assert "changed" not in documents.current(service, tenant_id, document_id)["texts"][0]["html"]


def test_the_pull_carries_the_sites_documents_in_order(
    client: TestClient, service: AtriumService
) -> None:
    tenant_id = service.default_tenant()
    other_site = service.add_site(tenant_id, "Munich")
    nda = documents.publish(service, tenant_id, nda_texts())["document_id"]
    safety = documents.publish(service, tenant_id, {"en": ("Safety rules", SAFETY_EN)})
    documents.assign(service, tenant_id, None, [safety["document_id"], nda])
    _, token = pair(service)
    _, munich = pair(service, "Munich 1", site=other_site)

    answer = pull(client, token)
    assert [(d["document_id"], d["position"]) for d in answer["documents"]] == [
        (safety["document_id"], 1),
        (nda, 2),
    ]
    texts = {t["language"]: t for t in answer["documents"][1]["texts"]}
    assert set(texts) == {"en", "de"}
    assert texts["de"]["title"] == "Geheimhaltungsvereinbarung" and texts["de"]["html"] == NDA_DE
    for text in texts.values():
        assert text["sha256"] == hashlib.sha256(text["html"].encode("utf-8")).hexdigest()
    assert pull(client, munich)["documents"] == []

    edited = {"en": ("Safety rules", SAFETY_EN + "<p>No running.</p>")}
    documents.publish(service, tenant_id, edited, safety["document_id"])
    assert pull(client, token)["documents"][0]["version"] == 2  # always the current version
    documents.assign(service, tenant_id, None, [])
    assert pull(client, token)["documents"] == []


def test_assigning_refuses_unknown_and_repeated_documents(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    nda = publish_nda(service)
    for ids, code in (([nda, nda], "duplicate_document"), ([nda, "Dnope1"], "not_found")):
        with pytest.raises(ServiceError) as caught:
            documents.assign(service, tenant_id, None, ids)
        assert caught.value.code == code
    assert documents.site_list(service, tenant_id, None) == [nda]  # unchanged


def test_another_tenants_documents_are_out_of_reach(service: AtriumService) -> None:
    tenant_id = service.default_tenant()
    nda = publish_nda(service)
    other = service.add_tenant("Globex")
    service.add_site(other, "Springfield")
    assert documents.listing(service, other) == []
    for attempt in (
        lambda: documents.current(service, other, nda),
        lambda: documents.publish(service, other, nda_texts(), nda),
        lambda: documents.assign(service, other, None, [nda]),
    ):
        with pytest.raises(ServiceError) as caught:
            attempt()
        assert caught.value.status == 404
    assert [d["document_id"] for d in documents.listing(service, tenant_id)] == [nda]
