"""What a visitor and a host receive, rendered in Chromium: PNGs under build/screens/mail/."""

from __future__ import annotations

import base64
import html
from email.message import EmailMessage
from pathlib import Path

import pytest

from server_stub.mail.sender import Sender
from server_stub.service import AtriumService
from tests.server.helpers import START, FakeClock, event, pair
from tests.server.mail.helpers import decode_qr, parts
from tests.server.mail.smtp_sink import SmtpSink

CHROMIUM = Path("/usr/bin/chromium")
SCREENS = Path(__file__).resolve().parents[3] / "build" / "screens" / "mail"
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")


def _as_page(message: EmailMessage) -> str:
    """The HTML part with its inline images as data: URIs, under the headers a reader sees."""
    found = parts(message)
    body = str(found["text/html"].get_content())
    for part in message.walk():
        cid = part.get("Content-ID")
        if cid:
            data = base64.b64encode(part.get_content()).decode()
            uri = f"data:{part.get_content_type()};base64,{data}"
            body = body.replace(f"cid:{cid.strip('<>')}", uri)
    attachments = [
        p.get_filename() for p in message.walk() if p.get_content_disposition() == "attachment"
    ]
    rows = "".join(
        f"<div><b>{name}:</b> {html.escape(str(message[name]))}</div>"
        for name in ("From", "To", "Subject")
    )
    if attachments:
        rows += f"<div><b>Attachments:</b> {html.escape(', '.join(attachments))}</div>"
    header = (
        "<div style=\"font:14px Arial,sans-serif;padding:12px 24px;background:#e5e7eb;"
        f"border-bottom:1px solid #9ca3af\">{rows}</div>"
    )
    tag_end = body.index(">", body.index("<body")) + 1
    return body[:tag_end] + header + body[tag_end:]


def _shoot(pages: dict[str, str]) -> None:
    from playwright.sync_api import sync_playwright

    SCREENS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        try:
            page = browser.new_page(viewport={"width": 760, "height": 600})
            for name, content in pages.items():
                (SCREENS / f"{name}.html").write_text(content, encoding="utf-8")
                page.set_content(content)
                page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)
                img = page.locator("img")
                if img.count():
                    assert page.evaluate("document.images[0].naturalWidth") > 0
        finally:
            browser.close()


def test_screens_of_the_invitation_and_the_host_notice(
    service: AtriumService, smtp: SmtpSink, sender: Sender, clock: FakeClock, db_backend: str
) -> None:
    if db_backend != "sqlite":
        pytest.skip("one set of screens is enough")
    tenant_id = service.default_tenant()
    service.set_site_details(tenant_id, "Berlin HQ", address="Unter den Linden 1, 10117 Berlin",
                             timezone="Europe/Berlin")
    service.add_host(tenant_id, "Grace Hopper", "grace@acme.example")
    visit = service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                                 arrive=START + 600, depart=START + 600 + 7200,
                                 visitor_email="ada@example.org")
    service.create_visit(tenant_id, visitor="Ada Lovelace", host="Grace Hopper",
                         arrive=START + 600, depart=START + 600 + 7200,
                         visitor_email="ada.de@example.org", language="de")
    sender.run_once()
    clock.advance(600)
    device = service.authenticate(pair(service, "Lobby 1")[1])
    service.push_checkins(device, [event(visit["pass"], clock())])
    sender.run_once()
    pages = {
        "invitation-en": _as_page(smtp.to("ada@example.org")[0]),
        "invitation-de": _as_page(smtp.to("ada.de@example.org")[0]),
        "host-arrival-en": _as_page(smtp.to("grace@acme.example")[0]),
    }
    _shoot(pages)
    for name in pages:
        assert (SCREENS / f"{name}.png").stat().st_size > 10_000
    # the QR code as the browser shows it still scans to the visit's pass
    assert visit["pass"] in decode_qr((SCREENS / "invitation-en.png").read_bytes())
