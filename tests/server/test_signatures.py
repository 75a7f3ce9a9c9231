"""The signatures upload: digest, event of this kiosk, PNG and size checks, idempotency, PDF."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from PIL import Image

from kiosk_app.core.signed_records import record_digest
from server_stub import signatures
from server_stub.service import AtriumService
from server_stub.store.schema import signed_pdfs
from server_stub.store.signed_records import SignedRecords, erase_signed_records
from tests.server.documents_helpers import (
    checked_in,
    filled_nda,
    publish_nda,
    record,
    signature_png,
    upload,
)
from tests.server.helpers import FakeClock, bearer, pair


@pytest.fixture
def setting(service: AtriumService, clock: FakeClock) -> dict[str, Any]:
    """The NDA at the first site, a visit, a kiosk paired a day ago and its check-in."""
    tenant_id = service.default_tenant()
    document_id = publish_nda(service)
    visit = service.create_visit(
        tenant_id, visitor="Ada Lovelace", host="Grace Hopper", arrive=clock() - 60
    )
    clock.advance(-86400)
    device_id, token = pair(service, "Lobby 1")
    _, other_token = pair(service, "Lobby 2")
    clock.advance(86400)
    return {
        "tenant_id": tenant_id,
        "document_id": document_id,
        "visit": visit,
        "device_id": device_id,
        "token": token,
        "other_token": other_token,
    }


def _stored(service: AtriumService, tenant_id: str, record_id: str) -> Any:
    with service.store.read(tenant_id) as conn:
        return SignedRecords(conn, tenant_id).full(record_id)


def _error(response: Any, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.json()["detail"]["code"] == code, response.text


def test_a_signed_record_is_stored_once_with_its_pdf(
    client: TestClient, service: AtriumService, clock: FakeClock, setting: dict[str, Any]
) -> None:
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    body = record(event_id, setting["document_id"])
    first = upload(client, setting["token"], body)
    assert first.status_code == 200, first.text
    assert first.json() == {"record_id": body["record_id"], "status": "stored"}
    again = upload(client, setting["token"], body)
    assert again.status_code == 200 and again.json() == first.json()

    row = _stored(service, setting["tenant_id"], body["record_id"])
    png = base64.b64decode(body["signature_png"])
    assert row.visit_id == setting["visit"]["visit_id"]  # from the event's pass
    assert (row.device_id, row.event_id) == (setting["device_id"], event_id)
    assert (row.document_id, row.version, row.language) == (setting["document_id"], 1, "en")
    assert row.html == body["html"] and bytes(row.signature_png) == png
    assert row.sha256 == record_digest(body["html"], png) and row.signed_at == body["signed_at"]
    assert row.strokes == "[[[30.0,150.0,0.0],[120.0,40.0,16.0],[200.0,160.0,33.0]]]"
    assert service.pdf_worker.drain(60)  # rendered in the background after the answer
    with service.store.read(setting["tenant_id"]) as conn:
        stored_pdf = SignedRecords(conn, setting["tenant_id"]).pdf(body["record_id"]).pdf
    assert bytes(stored_pdf).startswith(b"%PDF-")
    assert signatures.pending(service) == []
    listed = signatures.for_visit(service, setting["tenant_id"], setting["visit"]["visit_id"])
    assert [(r["record_id"], r["title"], r["kiosk_name"]) for r in listed] == [
        (body["record_id"], "Non-disclosure agreement", "Lobby 1")
    ]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_the_pdf_shows_the_snapshot_the_metadata_and_the_hash(
    client: TestClient,
    service: AtriumService,
    clock: FakeClock,
    setting: dict[str, Any],
    tmp_path: Path,
) -> None:
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    html = filled_nda("Zoë Ünal")
    body = record(event_id, setting["document_id"], html=html)
    assert upload(client, setting["token"], body).status_code == 200
    name, pdf = signatures.pdf(service, setting["tenant_id"], body["record_id"], "-")
    assert name == f"{setting['visit']['visit_id']}-{setting['document_id']}-v1-en-" \
        f"{body['record_id'][:8]}.pdf"
    (tmp_path / "record.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "record.pdf"), "-"],
        check=True, capture_output=True, text=True,
    ).stdout
    assert "Non-disclosure agreement" in text and "Zoë Ünal" in text
    assert body["sha256"] in text and body["record_id"] in text
    assert setting["visit"]["visit_id"] in text and "Lobby 1" in text
    images = subprocess.run(
        ["pdfimages", "-list", str(tmp_path / "record.pdf")],
        check=True, capture_output=True, text=True,
    ).stdout
    assert "smask" in images  # the signature keeps its transparency


def test_a_missing_pdf_is_listed_for_rendering_and_rendered_on_download(
    client: TestClient, service: AtriumService, clock: FakeClock, setting: dict[str, Any]
) -> None:
    tenant_id = setting["tenant_id"]
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    body = record(event_id, setting["document_id"])
    assert upload(client, setting["token"], body).status_code == 200
    assert service.pdf_worker.drain(60)
    with service.store.begin(tenant_id) as conn:  # as if the process stopped before rendering
        conn.execute(signed_pdfs.delete())
    assert signatures.pending(service) == [(tenant_id, body["record_id"])]
    name, pdf = signatures.pdf(service, tenant_id, body["record_id"], "-")
    assert pdf.startswith(b"%PDF-") and name.endswith(".pdf")
    assert signatures.pending(service) == []  # rendered once, and kept


def test_a_wrong_digest_is_refused(
    client: TestClient, clock: FakeClock, setting: dict[str, Any]
) -> None:
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    body = record(event_id, setting["document_id"])
    body["html"] = body["html"].replace("Ada", "Eve")  # the snapshot changed after signing
    _error(upload(client, setting["token"], body), 422, "hash_mismatch")


def test_a_record_of_an_event_this_kiosk_did_not_push_is_refused(
    client: TestClient, service: AtriumService, clock: FakeClock, setting: dict[str, Any]
) -> None:
    never = record("5d2c1c1e-9e5a-4f57-9d0b-1f1f4b3c0a11", setting["document_id"])
    _error(upload(client, setting["token"], never), 409, "unknown_event")
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    elsewhere = record(event_id, setting["document_id"])
    _error(upload(client, setting["other_token"], elsewhere), 409, "unknown_event")
    other = service.add_tenant("Globex")
    service.add_site(other, "Springfield")
    _, globex = pair(service, "Globex 1", tenant_id=other)
    _error(upload(client, globex, record(event_id, setting["document_id"])), 409, "unknown_event")
    assert upload(client, setting["token"], elsewhere).status_code == 200  # its own kiosk


def _png_variants() -> list[tuple[str, bytes | str]]:
    good = signature_png()
    big = io.BytesIO()
    Image.new("RGBA", (5000, 10), (0, 0, 0, 0)).save(big, "PNG")
    jpeg = io.BytesIO()
    Image.new("RGB", (60, 20), (255, 255, 255)).save(jpeg, "JPEG")
    return [
        ("not base64", "%%% not base64 %%%"),
        ("a JPEG", jpeg.getvalue()),
        ("truncated", good[: len(good) // 2]),
        ("too wide", big.getvalue()),
        ("just the magic", b"\x89PNG\r\n\x1a\n"),
    ]


@pytest.mark.parametrize(("what", "png"), _png_variants(), ids=[v[0] for v in _png_variants()])
def test_a_signature_that_is_not_a_sane_png_is_refused(
    client: TestClient, clock: FakeClock, setting: dict[str, Any], what: str, png: bytes | str
) -> None:
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    if isinstance(png, str):
        body = record(event_id, setting["document_id"])
        body["signature_png"] = png
    else:
        body = record(event_id, setting["document_id"], png=png)
    _error(upload(client, setting["token"], body), 422, "invalid_png")


def test_limits_and_unknown_versions_are_refused(
    client: TestClient, clock: FakeClock, setting: dict[str, Any]
) -> None:
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    big = record(event_id, setting["document_id"], html="<p>" + "x" * (256 * 1024) + "</p>")
    _error(upload(client, setting["token"], big), 422, "html_too_large")
    _error(
        upload(client, setting["token"], record(event_id, setting["document_id"], version=2)),
        422,
        "unknown_document",
    )
    french = record(event_id, setting["document_id"], language="fr")
    _error(upload(client, setting["token"], french), 422, "unknown_document")
    wrong_visit = record(event_id, setting["document_id"], visit_id="Zz9Zz9Zz")
    _error(upload(client, setting["token"], wrong_visit), 422, "visit_mismatch")
    bad = record(event_id, setting["document_id"])
    bad["strokes"] = [[[1.0, 2.0]]]  # a point without its time
    _error(upload(client, setting["token"], bad), 422, "invalid_request")
    _error(
        client.post("/api/v1/device/signatures", json=record(event_id, setting["document_id"])),
        401,
        "unauthorized",
    )


def test_a_record_id_used_for_another_record_is_refused(
    client: TestClient, clock: FakeClock, setting: dict[str, Any]
) -> None:
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    body = record(event_id, setting["document_id"])
    assert upload(client, setting["token"], body).status_code == 200
    other = record(event_id, setting["document_id"], html=filled_nda("Eve"))
    other["record_id"] = body["record_id"]
    _error(upload(client, setting["token"], other), 409, "record_id_reused")


def test_the_pull_tells_which_versions_a_visit_has_signed(
    client: TestClient, service: AtriumService, clock: FakeClock, setting: dict[str, Any]
) -> None:
    from server_stub import documents
    from tests.server.documents_helpers import NDA_EN, nda_texts

    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    assert upload(client, setting["token"], record(event_id, setting["document_id"])).status_code \
        == 200

    def visit_signed(token: str) -> Any:
        answer = client.get("/api/v1/device/pull", headers=bearer(token)).json()
        [visit] = [v for v in answer["expected_visits"]
                   if v["visit_id"] == setting["visit"]["visit_id"]]
        return visit["signed"], [(d["document_id"], d["version"]) for d in answer["documents"]]

    signed = [{"document_id": setting["document_id"], "version": 1}]
    assert visit_signed(setting["other_token"]) == (signed, [(setting["document_id"], 1)])
    edited = {**nda_texts(), "en": ("Non-disclosure agreement", NDA_EN + "<p>v2</p>")}
    documents.publish(service, setting["tenant_id"], edited, setting["document_id"])
    # signed v1 only: the kiosk sees that the current version (2) is still to sign
    assert visit_signed(setting["token"]) == (signed, [(setting["document_id"], 2)])


def test_erasing_a_visits_signed_records_removes_signatures_and_pdfs(
    client: TestClient, service: AtriumService, clock: FakeClock, setting: dict[str, Any]
) -> None:
    tenant_id = setting["tenant_id"]
    event_id = checked_in(client, setting["token"], setting["visit"]["pass"], clock())
    body = record(event_id, setting["document_id"])
    assert upload(client, setting["token"], body).status_code == 200
    other_visit = service.create_visit(
        tenant_id, visitor="Grace Hopper", host="Ada Lovelace", arrive=clock() - 60
    )
    other_event = checked_in(client, setting["token"], other_visit["pass"], clock())
    kept = record(other_event, setting["document_id"])
    assert upload(client, setting["token"], kept).status_code == 200
    assert service.pdf_worker.drain(60)
    with service.store.begin(tenant_id) as conn:
        assert erase_signed_records(conn, tenant_id, [setting["visit"]["visit_id"]]) == 1
        assert erase_signed_records(conn, tenant_id, []) == 0
    assert _stored(service, tenant_id, body["record_id"]) is None
    with service.store.read(tenant_id) as conn:
        left = [r.record_id for r in conn.execute(sa.select(signed_pdfs.c.record_id))]
    assert left == [kept["record_id"]]  # the erased record's PDF went with it
    assert signatures.archive(service, tenant_id, body["record_id"]) is None  # not re-made
    assert _stored(service, tenant_id, kept["record_id"]) is not None
    with pytest.raises(Exception, match="not found"):
        signatures.pdf(service, tenant_id, body["record_id"], "-")
    other = service.add_tenant("Globex")
    with service.store.begin(other) as conn:  # another tenant erases nothing of this one
        assert erase_signed_records(conn, other, [other_visit["visit_id"]]) == 0
    assert _stored(service, tenant_id, kept["record_id"]) is not None
