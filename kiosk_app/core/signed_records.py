"""A signed document record: what the visitor saw and signed, and the digest that binds them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk_app.core.documents import PendingDocument


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
    """One document signed at the kiosk: the document as shown, the ink and when."""

    document: PendingDocument
    png: bytes
    strokes: list[list[tuple[float, float, int]]]
    signed_at: float
