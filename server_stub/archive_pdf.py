"""The archival PDF of a signed record (fpdf2): the snapshot, the signature, metadata, hash.

The file is PDF/A-2U (fpdf2 enforces the profile: embedded fonts, an sRGB output intent, XMP
metadata; PDF/A-2 allows the signature's transparency).

The snapshot is the exact HTML the visitor saw, as the kiosk sent it; before it is laid out
it goes through the template sanitiser once more (a device's HTML could otherwise name local
files or URLs as images for the layout engine to load). Text uses DejaVu Sans (Debian's
``fonts-dejavu-core``: Latin, Greek, Cyrillic and more); without it the PDF falls back to the
built-in Helvetica, shows characters outside Latin-1 as "?" and is not PDF/A.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
from dataclasses import dataclass
from html import unescape
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import TextStyle
from PIL import Image

from server_stub.document_html import sanitise

FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/local/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
)
FAMILY = "DejaVu"
COMPLIANCE = "PDF/A-2U"
SIGNATURE_WIDTH_MM = 80
SIGNATURE_MAX_HEIGHT_MM = 60
# Headings and quotes in black (the layout engine's defaults are dark red), sizes in points.
TAG_STYLES = {
    "h1": TextStyle(color="#000000", font_size_pt=20, t_margin=4, b_margin=2),
    "h2": TextStyle(color="#000000", font_size_pt=16, t_margin=4, b_margin=2),
    "h3": TextStyle(color="#000000", font_size_pt=13, t_margin=3, b_margin=1),
    "h4": TextStyle(color="#000000", font_size_pt=11, t_margin=3, b_margin=1),
    "blockquote": TextStyle(color="#333333", t_margin=3, b_margin=3, l_margin=8),
}
log = logging.getLogger("atrium.server")


@dataclass(frozen=True)
class ArchiveRecord:
    """What the archival PDF shows."""

    record_id: str
    title: str
    html: str
    signature_png: bytes
    sha256: str
    visit_id: str | None
    document_id: str
    version: int
    language: str
    kiosk: str
    signed_at: float
    received_at: float


def _utc(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def _font_dir() -> Path | None:
    for folder in FONT_DIRS:
        if (folder / "DejaVuSans.ttf").is_file() and (folder / "DejaVuSans-Bold.ttf").is_file():
            return folder
    return None


class _Pdf(FPDF):
    def __init__(self, record: ArchiveRecord, italic: bool) -> None:
        folder = _font_dir()
        # PDF/A-2U (archival; fonts embedded, Unicode text) needs the embedded fonts
        super().__init__(format="A4", enforce_compliance=COMPLIANCE if folder else None)
        self.record = record
        if folder is not None:  # each face costs ~20 ms to load: the italic ones only if used
            self.add_font(FAMILY, "", str(folder / "DejaVuSans.ttf"))
            self.add_font(FAMILY, "B", str(folder / "DejaVuSans-Bold.ttf"))
            if italic:
                self.add_font(FAMILY, "I", str(folder / "DejaVuSans-Oblique.ttf"))
                self.add_font(FAMILY, "BI", str(folder / "DejaVuSans-BoldOblique.ttf"))
            self.family = FAMILY
        else:
            self.family = "helvetica"
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(True, margin=20)

    def text_of(self, value: str) -> str:
        """Text the current font can show."""
        if self.family == FAMILY:
            return value
        return value.encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font(self.family, "", 6.5)
        self.set_text_color(110)
        width = self.w - self.l_margin - self.r_margin
        text = f"Signed record {self.record.record_id} · SHA-256 {self.record.sha256[:16]}…"
        self.cell(width - 12, 4, self.text_of(text), align="L")
        self.cell(12, 4, f"{self.page_no()}/{{nb}}", align="R")
        self.set_text_color(0)


def _snapshot(pdf: _Pdf, cleaned: str, plain: bool) -> None:
    """The (sanitised) snapshot laid out as HTML, or (``plain``) as paragraphs of its text."""
    cleaned = pdf.text_of(cleaned)
    pdf.set_font(pdf.family, "", 11)
    if not plain:
        pdf.write_html(
            cleaned,
            font_family=pdf.family,
            li_prefix_color=(0, 0, 0),
            warn_on_tags_not_matching=False,
            tag_styles=TAG_STYLES,
            table_line_separators=True,
        )
        return
    text = re.sub(r"<[^>]+>", "\n", cleaned)
    for paragraph in (p.strip() for p in text.split("\n")):
        if paragraph:
            pdf.multi_cell(0, 6, unescape(paragraph), new_x="LMARGIN", new_y="NEXT")


def _signature_size(png: bytes) -> tuple[float, float]:
    """Width and height in mm: 80 mm wide, at most 60 mm high, the PNG's proportions."""
    with Image.open(io.BytesIO(png)) as image:
        width, height = image.size
    w = float(SIGNATURE_WIDTH_MM)
    h = w * height / max(width, 1)
    if h > SIGNATURE_MAX_HEIGHT_MM:
        h = float(SIGNATURE_MAX_HEIGHT_MM)
        w = h * width / max(height, 1)
    return w, h


def _facts(pdf: _Pdf, record: ArchiveRecord) -> None:
    rows = [
        ("Document", f"{record.document_id}, version {record.version}, {record.language}"),
        ("Visit", record.visit_id or "(walk-in, not yet known)"),
        ("Kiosk", record.kiosk),
        ("Signed at", _utc(record.signed_at)),
        ("Received at", _utc(record.received_at)),
        ("Record", record.record_id),
        ("SHA-256", record.sha256),
    ]
    pdf.set_font(pdf.family, "B", 11)
    pdf.cell(0, 8, "Record", new_x="LMARGIN", new_y="NEXT")
    for label, value in rows:
        pdf.set_font(pdf.family, "B", 9)
        pdf.cell(30, 6, label)
        pdf.set_font(pdf.family, "", 9)
        pdf.multi_cell(0, 6, pdf.text_of(value), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.family, "", 8)
    pdf.set_text_color(90)
    pdf.multi_cell(
        0,
        4.5,
        "The SHA-256 is taken over the UTF-8 HTML shown to the visitor, a NUL byte and the "
        "signature PNG; both are kept with this record.",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(0)


def render(record: ArchiveRecord) -> bytes:
    """The archival PDF (A4) of one signed record."""
    try:
        return _render(record, plain=False)
    except Exception as exc:
        log.warning("archival PDF: snapshot laid out as plain text (%s)", type(exc).__name__)
        return _render(record, plain=True)


def _render(record: ArchiveRecord, plain: bool) -> bytes:
    cleaned = sanitise(record.html)
    pdf = _Pdf(record, italic=not plain and re.search(r"<(em|i)\b", cleaned) is not None)
    pdf.set_title(pdf.text_of(record.title))
    pdf.set_creator("Atrium server")
    pdf.set_creation_date(dt.datetime.fromtimestamp(record.received_at, dt.UTC))
    pdf.add_page()
    pdf.set_font(pdf.family, "", 8)
    pdf.set_text_color(110)
    pdf.cell(0, 5, "Signed document (archival copy)", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    pdf.ln(2)
    _snapshot(pdf, cleaned, plain)
    pdf.ln(6)
    width, height = _signature_size(record.signature_png)
    if pdf.will_page_break(height + 70):
        pdf.add_page()
    pdf.set_font(pdf.family, "B", 11)
    pdf.cell(0, 8, "Signature", new_x="LMARGIN", new_y="NEXT")
    top = pdf.get_y()
    pdf.image(io.BytesIO(record.signature_png), x=pdf.l_margin, y=top, w=width, h=height)
    pdf.set_draw_color(150)
    pdf.line(pdf.l_margin, top + height + 1, pdf.l_margin + SIGNATURE_WIDTH_MM, top + height + 1)
    pdf.set_y(top + height + 5)
    _facts(pdf, record)
    return bytes(pdf.output())
