"""Signed records: the kiosk's upload (checked, stored once), their archival PDFs, reading them.

The upload is idempotent by record id; the record's digest is recomputed with the kiosk
core's own ``record_digest``; the event it follows must have been pushed by the same kiosk.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import warnings
from typing import TYPE_CHECKING, Any

from PIL import Image

from kiosk_app.core.signed_records import record_digest
from server_stub import audit
from server_stub.errors import ServiceError, not_found
from server_stub.store.devices import Devices
from server_stub.store.documents import Documents
from server_stub.store.signed_records import SignedRecords, tenant_ids
from server_stub.tokens import TokenClaims

if TYPE_CHECKING:
    from server_stub.service import AtriumService

MAX_HTML_BYTES = 256 * 1024
MAX_PNG_BYTES = 512 * 1024
MAX_PNG_SIDE = 4096
MAX_STROKE_POINTS = 20_000
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
STORED = "stored"


def _sane(size: tuple[int, int]) -> bool:
    return 0 < size[0] <= MAX_PNG_SIDE and 0 < size[1] <= MAX_PNG_SIDE


def _png(encoded: str) -> bytes:
    """The signature's PNG bytes, after checking that they are one PNG of a sane size."""
    try:
        png = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise ServiceError("invalid_png", "signature_png is not base64", 422) from None
    if len(png) > MAX_PNG_BYTES:
        raise ServiceError(
            "invalid_png", f"the signature PNG is over {MAX_PNG_BYTES // 1024} KB", 422
        )
    if not png.startswith(PNG_MAGIC):
        raise ServiceError("invalid_png", "signature_png is not a PNG image", 422)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(png)) as image:
                size, kind = image.size, image.format
                if kind == "PNG" and _sane(size):
                    image.verify()  # the chunks and their checksums
            if kind == "PNG" and _sane(size):
                with Image.open(io.BytesIO(png)) as image:
                    image.load()  # and the pixels decode
    except Exception:  # Pillow raises many kinds for a broken file
        raise ServiceError("invalid_png", "signature_png is not a readable PNG", 422) from None
    if kind != "PNG" or not _sane(size):
        raise ServiceError(
            "invalid_png", f"the signature PNG must be at most {MAX_PNG_SIDE} px a side", 422
        )
    return png


def _check(record: dict[str, Any]) -> tuple[bytes, str]:
    """PNG bytes and the strokes as JSON, after the checks that need no database."""
    if len(record["html"].encode("utf-8")) > MAX_HTML_BYTES:
        raise ServiceError(
            "html_too_large", f"the document's html is over {MAX_HTML_BYTES // 1024} KB", 422
        )
    points = sum(len(stroke) for stroke in record["strokes"])
    if points > MAX_STROKE_POINTS:
        raise ServiceError(
            "too_many_points", f"the strokes hold more than {MAX_STROKE_POINTS} points", 422
        )
    png = _png(record["signature_png"])
    if record_digest(record["html"], png) != record["sha256"].lower():
        raise ServiceError(
            "hash_mismatch", "sha256 is not the digest of this html and signature", 422
        )
    strokes = json.dumps(record["strokes"], separators=(",", ":"))
    return png, strokes


def _answer(record_id: str) -> dict[str, str]:
    return {"record_id": record_id, "status": STORED}


def _already(existing: Any, device_id: str, sha256: str, record_id: str) -> dict[str, str]:
    """The stored answer for a resend; a record id reused for something else is refused."""
    if existing.device_id != device_id or existing.sha256 != sha256.lower():
        raise ServiceError(
            "record_id_reused", "this record id was already used for another record", 409
        )
    return _answer(record_id)


def _context(repo: SignedRecords, conn: Any, device: TokenClaims, record: dict[str, Any]) -> dict:
    """The visit and title of a new record, refusing what does not fit together."""
    tenant_id, site_id = device.tenant_id, str(device.site_id)
    event = repo.event_of_device(record["event_id"], device.subject)
    if event is None:
        raise ServiceError(
            "unknown_event", "the event of this record has not been received from this kiosk", 409
        )
    visit_id = record.get("visit_id")
    visit = repo.visit_by_jti(event.jti) if event.jti is not None else None
    if visit is not None:  # an entry: its pass names the visit
        if visit_id is not None and visit_id != visit.visit_id:
            raise ServiceError("visit_mismatch", "the visit is not the event's visit", 422)
        visit_id = visit.visit_id
    elif visit_id is not None and repo.visit_site(visit_id) != site_id:
        raise ServiceError("unknown_visit", f"no visit {visit_id} at this kiosk's site", 422)
    texts = Documents(conn, tenant_id).texts(record["document_id"], record["version"])
    title = next((t["title"] for t in texts if t["language"] == record["language"]), None)
    if title is None:
        raise ServiceError(
            "unknown_document",
            f"document {record['document_id']} has no version {record['version']} in "
            f"{record['language']!r}",
            422,
        )
    return {"visit_id": visit_id, "title": title}


def upload(service: AtriumService, device: TokenClaims, record: dict[str, Any]) -> dict[str, str]:
    """Check and store one signed record; the same record id again: the same answer.

    Its archival PDF is rendered in the background once the record is stored.
    """
    png, strokes = _check(record)
    tenant_id, record_id = device.tenant_id, record["record_id"]
    with service.store.read(tenant_id) as conn:
        repo = SignedRecords(conn, tenant_id)
        existing = repo.identity(record_id)
        if existing is not None:
            return _already(existing, device.subject, record["sha256"], record_id)
        found = _context(repo, conn, device, record)
    with service.store.begin(tenant_id) as conn:
        repo = SignedRecords(conn, tenant_id)
        added = repo.add(
            record_id=record_id,
            event_id=record["event_id"],
            device_id=device.subject,
            visit_id=found["visit_id"],
            document_id=record["document_id"],
            version=record["version"],
            language=record["language"],
            html=record["html"],
            signature_png=png,
            strokes=strokes,
            signed_at=record["signed_at"],
            sha256=record["sha256"].lower(),
            received_at=service.clock(),
        )
        if not added:  # the same record arrived through another connection meanwhile
            return _already(repo.identity(record_id), device.subject, record["sha256"], record_id)
    service.pdf_worker.submit(tenant_id, record_id)
    return _answer(record_id)


def archive(service: AtriumService, tenant_id: str, record_id: str) -> bytes | None:
    """Render and store a record's archival PDF (once); None when the record is gone."""
    from server_stub.archive_pdf import ArchiveRecord, render  # fpdf2 takes ~0.5 s to import
    with service.store.read(tenant_id) as conn:
        repo = SignedRecords(conn, tenant_id)
        row = repo.full(record_id)
        if row is None:
            return None
        texts = Documents(conn, tenant_id).texts(row.document_id, row.version)
        kiosk = Devices(conn, tenant_id).get(row.device_id)
    title = next((t["title"] for t in texts if t["language"] == row.language), row.document_id)
    pdf = render(
        ArchiveRecord(
            record_id=record_id,
            title=title,
            html=row.html,
            signature_png=bytes(row.signature_png),
            sha256=row.sha256,
            visit_id=row.visit_id,
            document_id=row.document_id,
            version=row.version,
            language=row.language,
            kiosk=kiosk["kiosk_name"] if kiosk else row.device_id,
            signed_at=row.signed_at,
            received_at=row.received_at,
        )
    )
    with service.store.begin(tenant_id) as conn:
        repo = SignedRecords(conn, tenant_id)
        if repo.identity(record_id, lock=True) is None:  # erased while it rendered
            return None
        if not repo.add_pdf(record_id, pdf, service.clock()):
            stored = repo.pdf(record_id)
            return bytes(stored.pdf)
    return pdf


def pending(service: AtriumService, per_tenant: int = 1000) -> list[tuple[str, str]]:
    """(tenant, record) of every record still without its PDF, for the background renderer."""
    with service.store.read() as conn:
        tenants = tenant_ids(conn)
    jobs = []
    for tenant_id in tenants:
        with service.store.read(tenant_id) as conn:
            jobs += [(tenant_id, r) for r in SignedRecords(conn, tenant_id).without_pdf(per_tenant)]
    return jobs


def for_visit(service: AtriumService, tenant_id: str, visit_id: str) -> list[dict[str, Any]]:
    """A visit's signed records (no html, PNG or PDF) with each document's title."""
    with service.store.read(tenant_id) as conn:
        rows = SignedRecords(conn, tenant_id).for_visit(visit_id)
        docs = Documents(conn, tenant_id)
        for row in rows:
            texts = docs.texts(row["document_id"], row["version"])
            row["title"] = next(
                (t["title"] for t in texts if t["language"] == row["language"]),
                row["document_id"],
            )
    return rows


def pdf_file_name(row: Any, record_id: str) -> str:
    """``<visit>-<document>-v<version>-<language>-<record>.pdf``: ASCII, no path separators."""
    parts = [row.visit_id or "walk-in", row.document_id, f"v{row.version}", row.language]
    return "-".join([*parts, record_id[:8]]) + ".pdf"


def pdf(
    service: AtriumService, tenant_id: str, record_id: str, actor: str, visit_id: str | None = None
) -> tuple[str, bytes]:
    """A record's archival PDF and its file name (of ``visit_id``'s records, when given)."""
    with service.store.read(tenant_id) as conn:
        row = SignedRecords(conn, tenant_id).pdf(record_id[:64])
    if row is None or (visit_id is not None and row.visit_id != visit_id):
        raise not_found("signed document")
    data = bytes(row.pdf) if row.pdf is not None else archive(service, tenant_id, record_id)
    if data is None:
        raise not_found("signed document")
    audit.record(service, tenant_id, actor, "document.downloaded", row.visit_id or record_id)
    return pdf_file_name(row, record_id), data
