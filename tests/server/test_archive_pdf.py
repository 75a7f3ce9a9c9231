"""The archival PDF renderer: Unicode text, italics, a device's hostile HTML, layouts it refuses."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from server_stub.archive_pdf import ArchiveRecord, render
from tests.server.documents_helpers import filled_nda, signature_png

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext, pdfimages)"
)

RECORD = ArchiveRecord(
    record_id="1b2c3d4e-0000-4000-8000-000000000000",
    title="Non-disclosure agreement",
    html=filled_nda("Zoë Łukasiewicz-Øster"),
    signature_png=signature_png(),
    sha256="ab" * 32,
    visit_id="V3kq9Zr2",
    document_id="D7h2ab",
    version=3,
    language="en",
    kiosk="Lobby 1",
    signed_at=1_800_000_000.0,
    received_at=1_800_000_005.0,
)


def _tool(tmp_path: Path, pdf: bytes, *command: str) -> str:
    path = tmp_path / "record.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        [*command, str(path), *(["-"] if command[0] == "pdftotext" else [])],
        check=True, capture_output=True, text=True,
    ).stdout


def test_text_outside_latin1_and_italics_survive(tmp_path: Path) -> None:
    record = replace(RECORD, html=RECORD.html + "<p><em>Emphasised</em> — <b>bold</b> ✓</p>")
    text = _tool(tmp_path, render(record), "pdftotext", "-layout")
    assert "Zoë Łukasiewicz-Øster" in text and "Emphasised — bold" in text
    assert "2027-01-15 08:00:00 UTC" in _tool(tmp_path, render(RECORD), "pdftotext")
    fonts = _tool(tmp_path, render(record), "pdffonts")
    assert "DejaVuSansOblique" in fonts and "DejaVuSansBold" in fonts


def test_the_pdf_declares_pdf_a_2u_and_embeds_every_font(tmp_path: Path) -> None:
    pdf = render(RECORD)
    assert b"<pdfaid:part>2</pdfaid:part>" in pdf and b"<pdfaid:conformance>U" in pdf
    assert b"/OutputIntents" in pdf and b"/GTS_PDFA1" in pdf  # the sRGB output intent
    rows = _tool(tmp_path, pdf, "pdffonts").splitlines()[2:]
    assert rows and all(" yes yes yes " in row for row in rows)  # embedded, subset, Unicode


def test_a_devices_images_and_links_are_never_loaded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(signature_png(40, 40))
    hostile = (
        RECORD.html
        + f'<p><img src="{secret}"><img src="file://{secret}">'
        '<img src="http://127.0.0.1:9/x.png"><a href="https://evil.example/">click</a></p>'
    )
    plain_images = _tool(tmp_path, render(RECORD), "pdfimages", "-list")
    hostile_pdf = render(replace(RECORD, html=hostile))
    assert _tool(tmp_path, hostile_pdf, "pdfimages", "-list") == plain_images  # the signature
    assert b"evil.example" not in hostile_pdf and b"/URI" not in hostile_pdf
    assert "click" in _tool(tmp_path, hostile_pdf, "pdftotext")  # the text stays


@pytest.mark.parametrize(
    "layout",
    [
        '<table><tr><td rowspan="99">Clause one</td></tr></table>',
        "<table><tr><td><table><tr><td>Clause one</td></tr></table></td></tr></table>",
    ],
)
def test_a_layout_the_engine_refuses_keeps_the_text(tmp_path: Path, layout: str) -> None:
    pdf = render(replace(RECORD, html="<h1>Rules</h1>" + layout))
    text = _tool(tmp_path, pdf, "pdftotext")
    assert "Rules" in text and "Clause one" in text and RECORD.sha256 in text
