"""QR decoders behind one small interface: zxing-cpp (default) and pyzbar (optional)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

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


def full_size_qr(zxingcpp: Any) -> Any:
    """zxing-cpp's formats for full-size QR codes (Models 1 and 2), never Micro QR or rMQR.

    zxing-cpp 3.x's ``QRCode`` covers the whole family, and a corner of a pass now and then
    reads as a valid Micro QR symbol; 2.x's ``QRCode`` is full-size QR only.
    """
    formats = zxingcpp.BarcodeFormat
    if hasattr(formats, "QRCodeModel2"):
        return (formats.QRCodeModel1, formats.QRCodeModel2)
    return formats.QRCode


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(texts))


class ZxingDecoder:
    """zxing-cpp, QR only, with a second look at frames where a code was seen but not read.

    The first pass is one zxing-cpp call on the grayscale frame (converting first is cheaper
    than letting zxing-cpp convert BGR). When that pass finds a QR symbol it could not decode
    (``return_errors``), the decoder retries on a sharpened crop around the symbol, which
    rescues blurred and compressed codes; frames without a code cost one zxing-cpp call.

    ``sweep_every=N`` (off by default) also gives one frame in N where nothing at all was found
    a sharpened whole-frame pass, the first such frame included; ``sweep_every=1`` suits still
    images (``make_decoder(still_images=True)``), where a few milliseconds buy a last chance.
    On camera streams it gained little (see docs/scanner.md) and costs empty frames, so
    streams leave it off.
    """

    name = "zxing"

    def __init__(self, *, rescue: bool = True, sweep_every: int = 0) -> None:
        import zxingcpp

        if sweep_every < 0:
            raise ValueError("sweep_every must be 0 (never) or more")
        self._zx = zxingcpp
        self.rescue = rescue
        self.sweep_every = sweep_every if rescue else 0
        self._frames_since_sweep = sweep_every  # the first empty frame gets a sweep
        self._formats = full_size_qr(zxingcpp)
        self._text_mode = zxingcpp.TextMode.Plain

    def _read(self, image: np.ndarray, *, return_errors: bool = False) -> list:
        return self._zx.read_barcodes(
            image,
            formats=self._formats,
            text_mode=self._text_mode,
            return_errors=return_errors,
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
        gray = to_gray(image)
        found = self._read(gray, return_errors=self.rescue)
        texts = self._texts(found)
        if texts or not self.rescue:
            return _unique(texts)
        damaged = [b for b in found if not b.valid]
        if not damaged and self._sweep_due():
            found = self._read(unsharp(gray, 2.0, 1.0), return_errors=True)
            texts = self._texts(found)
            if texts:
                return _unique(texts)
            damaged = [b for b in found if not b.valid]
        return _unique(self._rescue(gray, damaged))

    def _sweep_due(self) -> bool:
        if not self.sweep_every:
            return False
        self._frames_since_sweep += 1
        if self._frames_since_sweep < self.sweep_every:
            return False
        self._frames_since_sweep = 0
        return True

    def _rescue(self, gray: np.ndarray, damaged: list) -> list[str]:
        """Sharpened retries on crops around symbols that were found but not decoded."""
        for barcode in damaged[:MAX_RESCUES]:
            crop = _crop_around(gray, barcode.position)
            for prepared in _sharpened(crop):
                texts = self._texts(self._read(prepared))
                if texts:
                    return texts
        return []


MAX_RESCUES = 2  # damaged symbols retried per frame


def _crop_around(gray: np.ndarray, position: object) -> np.ndarray:
    """The region around a detected symbol, with a margin of half its size."""
    points = [
        getattr(position, corner)
        for corner in ("top_left", "top_right", "bottom_right", "bottom_left")
    ]
    xs = [p.x for p in points]
    ys = [p.y for p in points]
    margin = max(max(xs) - min(xs), max(ys) - min(ys)) // 2 + 8
    height, width = gray.shape[:2]
    x0, x1 = max(0, min(xs) - margin), min(width, max(xs) + margin)
    y0, y1 = max(0, min(ys) - margin), min(height, max(ys) + margin)
    if x1 - x0 < 21 or y1 - y0 < 21:
        return gray
    return gray[y0:y1, x0:x1]


def unsharp(gray: np.ndarray, sigma: float, amount: float) -> np.ndarray:
    """Unsharp masking: restores module edges that defocus, motion or JPEG smeared."""
    blurred = cv2.GaussianBlur(gray, (0, 0), sigma)
    return cv2.addWeighted(gray, 1.0 + amount, blurred, -amount, 0)


def _sharpened(crop: np.ndarray) -> Iterator[np.ndarray]:
    """A mild, then a strong sharpening of a crop; lazily, so a success stops the work.

    (A 2x upscaled variant was tried as well and never read a code the two missed.)
    """
    yield unsharp(crop, 2.0, 1.0)
    yield unsharp(crop, 3.0, 1.5)


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


_FACTORIES: dict[str, Callable[..., Decoder]] = {
    "zxing": ZxingDecoder,
    "pyzbar": PyzbarDecoder,
}


def make_decoder(name: str = DEFAULT_DECODER, *, still_images: bool = False) -> Decoder:
    """The decoder called ``name``; ValueError for unknown names, DecoderUnavailable if unusable.

    ``still_images=True`` (CLI, self-test) spends a little more per image where the decoder
    can: zxing gets a sharpened whole-frame pass when a first look finds nothing.
    """
    factory = _FACTORIES.get(name.strip().lower())
    if factory is None:
        known = ", ".join(sorted(_FACTORIES))
        raise ValueError(f"unknown decoder {name!r}; choose one of: {known}")
    try:
        if factory is ZxingDecoder and still_images:
            return ZxingDecoder(sweep_every=1)
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
