"""QR decoders behind one small interface: zxing-cpp (default) and pyzbar (optional)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

import cv2
import numpy as np

from kiosk_app.scanner.images import as_frame, to_gray

DEFAULT_DECODER = "zxing"
PYZBAR_FIX = (
    "install the system library libzbar0 (Debian/Ubuntu: apt-get install libzbar0) "
    "or choose the zxing decoder"
)


class DecoderUnavailable(Exception):
    """A decoder backend cannot be used here; the message names the fix."""


@runtime_checkable
class Decoder(Protocol):
    """Reads QR codes from one frame (BGR or grayscale uint8, as OpenCV gives)."""

    name: str

    def decode(self, frame: np.ndarray) -> list[str]: ...


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(texts))


class ZxingDecoder:
    """zxing-cpp, QR only, with a cheap second look at frames where a code was seen but not read.

    The first pass is one zxing-cpp call. Only when it finds a QR symbol it could not decode
    (``return_errors``) does the decoder retry, on a contrast-stretched, slightly sharpened crop
    around that symbol, so frames without a code cost no more than the bare call.
    """

    name = "zxing"

    def __init__(self, *, fallback: bool = True) -> None:
        import zxingcpp

        self._zx = zxingcpp
        self._fallback = fallback
        self._formats = zxingcpp.BarcodeFormat.QRCode
        self._text_mode = zxingcpp.TextMode.Plain

    def _read(self, image: np.ndarray, **options: object) -> list:
        return self._zx.read_barcodes(
            image, formats=self._formats, text_mode=self._text_mode, **options
        )

    @staticmethod
    def _texts(barcodes: Iterable) -> list[str]:
        texts = []
        for barcode in barcodes:
            if not barcode.valid:
                continue
            try:
                text = barcode.text
            except UnicodeDecodeError:
                continue
            if text:
                texts.append(text)
        return texts

    def decode(self, frame: np.ndarray) -> list[str]:
        image = as_frame(frame)
        if image is None:
            return []
        found = self._read(image, return_errors=self._fallback)
        texts = self._texts(found)
        if texts or not self._fallback:
            return _unique(texts)
        damaged = [b for b in found if not b.valid]
        if not damaged:
            return []
        return _unique(self._retry(to_gray(image), damaged))

    def _retry(self, gray: np.ndarray, damaged: list) -> list[str]:
        texts: list[str] = []
        for barcode in damaged[:2]:
            crop = _crop_around(gray, barcode.position)
            for prepared in _enhanced(crop):
                texts = self._texts(self._read(prepared))
                if texts:
                    return texts
        return texts


def _crop_around(gray: np.ndarray, position: object) -> np.ndarray:
    """The region around a detected symbol, with a margin of a third of its size."""
    points = [
        getattr(position, corner)
        for corner in ("top_left", "top_right", "bottom_right", "bottom_left")
    ]
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    margin = max(max(xs) - min(xs), max(ys) - min(ys)) // 3 + 8
    height, width = gray.shape[:2]
    x0, x1 = max(0, min(xs) - margin), min(width, max(xs) + margin)
    y0, y1 = max(0, min(ys) - margin), min(height, max(ys) + margin)
    if x1 - x0 < 16 or y1 - y0 < 16:
        return gray
    return gray[y0:y1, x0:x1]


def _enhanced(crop: np.ndarray) -> Iterable[np.ndarray]:
    """Variants of a crop that rescue glare, low contrast and blur."""
    stretched = cv2.normalize(crop, None, 0, 255, cv2.NORM_MINMAX)
    yield stretched
    blurred = cv2.GaussianBlur(stretched, (0, 0), 2.0)
    yield cv2.addWeighted(stretched, 1.8, blurred, -0.8, 0)


class PyzbarDecoder:
    """pyzbar over the system library libzbar, QR only."""

    name = "pyzbar"

    def __init__(self) -> None:
        try:
            pyzbar = importlib.import_module("pyzbar.pyzbar")
        except ImportError as exc:
            raise DecoderUnavailable(f"the pyzbar decoder is unavailable: {PYZBAR_FIX}") from exc
        except OSError as exc:  # libzbar present but broken
            raise DecoderUnavailable(f"libzbar could not be loaded ({exc}): {PYZBAR_FIX}") from exc
        self._decode = pyzbar.decode
        self._symbols = [pyzbar.ZBarSymbol.QRCODE]

    def decode(self, frame: np.ndarray) -> list[str]:
        image = as_frame(frame)
        if image is None:
            return []
        texts = []
        for symbol in self._decode(to_gray(image), symbols=self._symbols):
            try:
                text = symbol.data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if text:
                texts.append(text)
        return _unique(texts)


_FACTORIES: dict[str, Callable[[], Decoder]] = {
    "zxing": ZxingDecoder,
    "pyzbar": PyzbarDecoder,
}


def make_decoder(name: str = DEFAULT_DECODER) -> Decoder:
    """The decoder called ``name``; ValueError for unknown names, DecoderUnavailable if unusable."""
    factory = _FACTORIES.get(name.strip().lower())
    if factory is None:
        known = ", ".join(sorted(_FACTORIES))
        raise ValueError(f"unknown decoder {name!r}; choose one of: {known}")
    try:
        return factory()
    except ImportError as exc:
        raise DecoderUnavailable(f"the {name} decoder is unavailable: {exc}") from exc


def available_decoders() -> dict[str, str | None]:
    """Each decoder name mapped to None when usable, else the reason it is not."""
    status: dict[str, str | None] = {}
    for name in _FACTORIES:
        try:
            make_decoder(name)
        except DecoderUnavailable as exc:
            status[name] = str(exc)
        else:
            status[name] = None
    return status
