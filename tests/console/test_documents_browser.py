"""Documents in Debian's Chromium over HTTPS: publish with a preview, sign at a kiosk, download.

Saves PNGs of the new pages (en, de; 1366x768 and 390 px) under build/screens/console and
the downloaded archival PDF, rendered with pdftoppm, under build/screens/documents.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from server_stub import documents, signatures
from server_stub.document_html import fill
from server_stub.embedded import EmbeddedServer
from tests.console.test_screens import LOCALES, SIZES, shoot
from tests.server.documents_helpers import NDA_DE, NDA_EN, SAFETY_EN, record, signature_png
from tests.server.helpers import ADMIN_EMAIL, ADMIN_PASSWORD, event

pytestmark = pytest.mark.timeout(300)
DOCUMENT_SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens" / "documents"


def _sign_in(tab: Any, live: EmbeddedServer) -> None:
    tab.goto(f"{live.url}/console/login")
    tab.locator("#email").fill(ADMIN_EMAIL)
    tab.locator("#password").fill(ADMIN_PASSWORD)
    tab.locator("form button[type=submit]").click()
    tab.wait_for_url("**/console/today")


def _signed_at_kiosk(live: EmbeddedServer, visitor: str, document_ids: list[str]) -> str:
    """A visit checked in at a kiosk with the documents signed there; the visit id."""
    service = live._service
    visit = live.create_visit(visitor, "Grace Hopper", arrive=None, depart=None)
    device = service.authenticate(
        service.redeem_pairing_code(live.pairing_code(f"Lobby {visitor[:3]}"))["device_token"]
    )
    pushed = event(visit["pass"], time.time())
    assert service.push_checkins(device, [pushed])[0]["status"] == "accepted"
    fields = {"visitor_name": visitor, "company": "Analytical Engines Ltd",
              "host_name": "Grace Hopper", "site_name": "Berlin HQ", "visit_date": "2027-01-15"}
    for document_id in document_ids:
        current = documents.current(service, live.tenant_id, document_id)
        [text] = [t for t in current["texts"] if t["language"] == "en"]
        body = record(pushed["event_id"], document_id, current["version"],
                      html=fill(text["html"], fields), png=signature_png(900, 300),
                      signed_at=time.time())
        assert signatures.upload(service, device, body)["status"] == "stored"
    return str(visit["visit_id"])


def test_publish_preview_assign_and_download_the_signed_pdf(
    page: Any, live: EmbeddedServer, tmp_path: Path
) -> None:
    _sign_in(page, live)
    page.get_by_role("link", name="Documents").click()
    page.wait_for_url("**/console/documents")
    page.get_by_role("link", name="New document").click()
    english = page.locator("section[lang=en]")
    english.get_by_label("Title").fill("Non-disclosure agreement")
    english.get_by_label("Text (HTML)").fill(NDA_EN + "<script>document.title='owned'</script>")
    german = page.locator("section[lang=de]")
    german.get_by_label("Title").fill("Geheimhaltungsvereinbarung")
    german.get_by_label("Text (HTML)").fill(NDA_DE)
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview_en")
    assert "I, Ada Lovelace of Analytical Engines Ltd" in preview.inner_text()
    assert preview.locator("script").count() == 0 and "owned" not in page.title()
    assert "Geheimhaltungsvereinbarung" in page.locator("#preview_de").inner_text()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/console/documents?done=published")
    assert page.get_by_role("status").inner_text() == "The document was published."
    [doc] = documents.listing(live._service, live.tenant_id)
    assert "<script" not in documents.current(live._service, live.tenant_id,
                                              doc["document_id"])["texts"][1]["html"]

    page.get_by_label("Non-disclosure agreement", exact=True).fill("1")
    page.get_by_role("button", name="Save for Berlin HQ").click()
    page.wait_for_url("**/console/documents?done=assigned")
    assert page.get_by_label("Non-disclosure agreement", exact=True).input_value() == "1"

    visit_id = _signed_at_kiosk(live, "Zoë Ünal", [doc["document_id"]])
    page.goto(f"{live.url}/console/visits/{visit_id}")
    row = page.locator("table:below(h2:text('Signed documents')) tbody tr").first
    assert "Non-disclosure agreement" in row.inner_text()
    with page.expect_download() as caught:
        row.get_by_role("link", name="Download Non-disclosure agreement as PDF").click()
    download = caught.value
    assert download.suggested_filename.startswith(f"{visit_id}-{doc['document_id']}-v1-en-")
    pdf = Path(download.path()).read_bytes()
    assert pdf.startswith(b"%PDF-")
    [stored] = signatures.for_visit(live._service, live.tenant_id, visit_id)
    if shutil.which("pdftotext"):
        (tmp_path / "d.pdf").write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(tmp_path / "d.pdf"), "-"], check=True,
                              capture_output=True, text=True).stdout
        assert stored["sha256"] in text and "Zoë Ünal" in text
    DOCUMENT_SCREENS.mkdir(parents=True, exist_ok=True)
    (DOCUMENT_SCREENS / "signed-nda.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", str(DOCUMENT_SCREENS / "signed-nda.pdf"),
                        str(DOCUMENT_SCREENS / "signed-nda")], check=True, timeout=60)
        assert list(DOCUMENT_SCREENS.glob("signed-nda-*.png"))


def test_screens_of_the_document_pages(browser: Any, live: EmbeddedServer) -> None:
    service = live._service
    nda = documents.publish(service, live.tenant_id, {
        "en": ("Visitor NDA", NDA_EN), "de": ("Besucher-NDA", NDA_DE)})["document_id"]
    documents.publish(service, live.tenant_id, {
        "en": ("Visitor NDA", NDA_EN + "<p>Second edition.</p>"), "de": ("Besucher-NDA", NDA_DE)},
        nda)
    safety = documents.publish(service, live.tenant_id, {
        "en": ("Safety rules on the factory floor", SAFETY_EN)})["document_id"]
    service.add_site(live.tenant_id, "Munich Plant")
    documents.assign(service, live.tenant_id, "Munich Plant", [safety, nda])
    visit_id = _signed_at_kiosk(live, "Katherine Johnson", [safety, nda])
    pages = {
        "documents": "/console/documents",
        "document-edit": f"/console/documents/{nda}",
        "visit-signed": f"/console/visits/{visit_id}",
    }
    problems: list[str] = []
    for lang, locale in LOCALES.items():
        for size, (width, height) in SIZES.items():
            context = browser.new_context(viewport={"width": width, "height": height},
                                          locale=locale)
            tab = context.new_page()
            tab.set_default_timeout(15_000)
            _sign_in(tab, live)
            for name, path in pages.items():
                tab.goto(f"{live.url}{path}")
                assert tab.locator("html").get_attribute("lang") == lang
                shoot(tab, lang, name, size, problems)
            tab.goto(f"{live.url}/console/documents/{nda}")
            tab.locator("form button[value=preview]").click()
            tab.locator("#preview_en").wait_for()
            tab.wait_for_load_state("load")
            shoot(tab, lang, "document-preview", size, problems)
            context.close()
    assert problems == []
