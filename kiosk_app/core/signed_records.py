"""A signed document record: what the visitor saw and signed, and the digest that binds them."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kiosk_app.core.documents import PendingDocument

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_PNG_BYTES = 512 * 1024  # what the server takes; with the html well inside the 2 MB body
MAX_POINTS = 20_000

Stroke = Sequence[tuple[float, float, int]]


class SignatureError(ValueError):
    """A signature that cannot be recorded (not a PNG, too large, malformed strokes)."""


def record_digest(html: str, png: bytes) -> str:
    """SHA-256 (hex) over the UTF-8 snapshot, a NUL byte, then the signature PNG's bytes.

    The kiosk computes it when the visitor signs and the server recomputes it on upload; the
    NUL separates the two parts (a snapshot never contains one: the renderer drops it).
    """
    digest = hashlib.sha256(html.encode("utf-8"))
    digest.update(b"\0")
    digest.update(png)
    return digest.hexdigest()


@dataclass(frozen=True)
class Signature:
    """One document signed on the pad: the document as shown, the PNG and the strokes."""

    document: PendingDocument
    png: bytes
    strokes: Sequence[Stroke]
    signed_at: float

    @property
    def digest(self) -> str:
        return record_digest(self.document.html, self.png)

    def checked_strokes(self) -> list[list[list[float | int]]]:
        """The strokes as JSON-ready lists; SignatureError when they are not points."""
        strokes: list[list[list[float | int]]] = []
        total = 0
        for stroke in self.strokes:
            points = []
            for point in stroke:
                if len(point) != 3:
                    raise SignatureError("A stroke point must be (x, y, t_ms).")
                x, y, t = point
                if not all(_finite(v) for v in (x, y, t)):
                    raise SignatureError("A stroke point holds a value that is not a number.")
                points.append([float(x), float(y), int(t)])
            total += len(points)
            strokes.append(points)
        if total > MAX_POINTS:
            raise SignatureError(f"A signature has more than {MAX_POINTS} points.")
        return strokes

    def check(self) -> None:
        if not isinstance(self.png, bytes) or not self.png.startswith(PNG_MAGIC):
            raise SignatureError("The signature image is not a PNG.")
        if len(self.png) > MAX_PNG_BYTES:
            raise SignatureError("The signature image is larger than 512 KB.")
        if not _finite(self.signed_at):
            raise SignatureError("The signing time is not a number.")
        self.checked_strokes()


def _finite(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def insert(
    conn: sqlite3.Connection,
    event_id: str,
    visit_id: str | None,
    signatures: Iterable[Signature],
) -> int:
    """One pending record per signature, inside the caller's transaction."""
    rows = []
    for signature in signatures:
        signature.check()
        doc = signature.document
        rows.append(
            (
                str(uuid.uuid4()),
                event_id,
                visit_id,
                doc.document_id,
                doc.version,
                doc.language,
                doc.html,
                signature.png,
                json.dumps(signature.checked_strokes()),
                float(signature.signed_at),
                signature.digest,
            )
        )
    conn.executemany(
        "INSERT INTO signed_records (record_id, event_id, visit_id, document_id, version, "
        "language, html, png, strokes, signed_at, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    return len(rows)


def upload_body(row: sqlite3.Row, visit_id: str | None) -> dict[str, Any]:
    """``POST /device/signatures`` for one stored record (docs/visit-flows.md)."""
    return {
        "record_id": row["record_id"],
        "event_id": row["event_id"],
        "visit_id": visit_id,
        "document_id": row["document_id"],
        "version": row["version"],
        "language": row["language"],
        "html": row["html"],
        "signature_png": base64.b64encode(row["png"]).decode("ascii"),
        "strokes": json.loads(row["strokes"]),
        "signed_at": row["signed_at"],
        "sha256": row["sha256"],
    }
