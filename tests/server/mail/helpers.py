"""Reading the messages the test mail server received."""

from __future__ import annotations

from email.message import EmailMessage

import cv2
import icalendar
import numpy as np
import zxingcpp


def parts(message: EmailMessage) -> dict[str, EmailMessage]:
    """The leaf parts by content type (text/plain, text/html, image/png, text/calendar)."""
    return {part.get_content_type(): part for part in message.walk() if not part.is_multipart()}


def decode_qr(png: bytes) -> list[str]:
    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    return [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def calendar_of(message: EmailMessage) -> icalendar.Calendar:
    part = parts(message)["text/calendar"]
    return icalendar.Calendar.from_ical(part.get_content())


def text_of(message: EmailMessage) -> str:
    return str(parts(message)["text/plain"].get_content())
