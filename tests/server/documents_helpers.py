"""Helpers of the document tests: templates, a signature PNG, a signed record for the upload."""

from __future__ import annotations

import base64
import io
import uuid
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image, ImageDraw

from kiosk_app.core.signed_records import record_digest
from server_stub import documents
from server_stub.service import AtriumService
from tests.server.helpers import bearer, event

NDA_EN = (
    "<h1>Non-disclosure agreement</h1><p>I, {{visitor_name}} of {{company}}, visiting "
    "{{host_name}} at {{site_name}} on {{visit_date}}, keep what I see confidential.</p>"
    "<ul><li>No photos</li><li>No notes</li></ul>"
)
NDA_DE = (
    "<h1>Geheimhaltungsvereinbarung</h1><p>Ich, {{visitor_name}} von {{company}}, besuche "
    "{{host_name}} am Standort {{site_name}} am {{visit_date}} und wahre Stillschweigen über "
    "alles, was ich sehe. Für Grüße: ä ö ü ß.</p>"
)
SAFETY_EN = "<h2>Safety rules</h2><p>Wear the badge. Follow the green signs in an emergency.</p>"


def nda_texts() -> dict[str, tuple[str, str]]:
    return {
        "en": ("Non-disclosure agreement", NDA_EN),
        "de": ("Geheimhaltungsvereinbarung", NDA_DE),
    }


def publish_nda(service: AtriumService, site: str | None = None) -> str:
    """Publish the NDA (v1) and require it at the site; its document id."""
    tenant_id = service.default_tenant()
    document_id = documents.publish(service, tenant_id, nda_texts())["document_id"]
    documents.assign(service, tenant_id, site, [document_id])
    return str(document_id)


def signature_png(width: int = 600, height: int = 200) -> bytes:
    """A signature on a transparent background."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(30, 150), (120, 40), (200, 160), (320, 60), (450, 140), (560, 80)],
              fill=(20, 30, 90, 255), width=6)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def filled_nda(name: str = "Ada Lovelace") -> str:
    return NDA_EN.replace("{{visitor_name}}", name).replace("{{company}}", "Analytical Engines")\
        .replace("{{host_name}}", "Grace Hopper").replace("{{site_name}}", "Berlin HQ")\
        .replace("{{visit_date}}", "2027-01-15")


def record(
    event_id: str,
    document_id: str,
    version: int = 1,
    *,
    html: str | None = None,
    png: bytes | None = None,
    visit_id: str | None = None,
    language: str = "en",
    signed_at: float = 1_800_000_001.5,
) -> dict[str, Any]:
    """A signed record as the kiosk uploads it, with its true digest."""
    html = filled_nda() if html is None else html
    png = signature_png() if png is None else png
    return {
        "record_id": str(uuid.uuid4()),
        "event_id": event_id,
        "visit_id": visit_id,
        "document_id": document_id,
        "version": version,
        "language": language,
        "html": html,
        "signature_png": base64.b64encode(png).decode(),
        "strokes": [[[30.0, 150.0, 0], [120.0, 40.0, 16], [200.0, 160.0, 33]]],
        "signed_at": signed_at,
        "sha256": record_digest(html, png),
    }


def checked_in(client: TestClient, token: str, pass_: str, at: float) -> str:
    """Push an accepted check-in of ``pass_``; its event id."""
    pushed = event(pass_, at)
    response = client.post(
        "/api/v1/device/checkins", headers=bearer(token), json={"events": [pushed]}
    )
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["status"] == "accepted", response.text
    return str(pushed["event_id"])


def upload(client: TestClient, token: str, body: dict[str, Any]) -> Any:
    return client.post("/api/v1/device/signatures", headers=bearer(token), json=body)
