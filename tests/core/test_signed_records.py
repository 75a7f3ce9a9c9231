"""The digest kiosk and server both compute over a signed record."""

import hashlib

from kiosk_app.core.signed_records import record_digest


def test_the_digest_covers_the_snapshot_then_the_signature() -> None:
    png = b"\x89PNG\r\n\x1a\nrest"
    expected = hashlib.sha256("<p>Grüße</p>".encode() + b"\0" + png).hexdigest()
    assert record_digest("<p>Grüße</p>", png) == expected


def test_moving_bytes_between_the_parts_changes_the_digest() -> None:
    assert record_digest("<p>a</p>", b"b") != record_digest("<p>a</p>b", b"")
