"""The shared QR sample photos used to tune and benchmark decoders: where, and what they say."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

SAMPLES_ENV = "ATRIUM_QR_SAMPLES"
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp")


@dataclass(frozen=True)
class QrSample:
    """One photo and the text its code holds."""

    image: Path
    expected: str


def samples_dir() -> Path:
    """``$ATRIUM_QR_SAMPLES`` if set, else ``<repo>/../shared/qr-samples``."""
    override = os.environ.get(SAMPLES_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[2].parent / "shared" / "qr-samples"


def load_samples(directory: Path | None = None) -> list[QrSample]:
    """Every image with a ``NAME.txt`` beside it (``*.result.txt`` is metadata, not text)."""
    root = directory or samples_dir()
    if not root.is_dir():
        return []
    samples = []
    for image in sorted(root.rglob("*")):
        expected = image.with_suffix(".txt")
        if image.suffix.lower() in _IMAGE_SUFFIXES and expected.is_file():
            text = expected.read_bytes().decode("utf-8", errors="replace")
            samples.append(QrSample(image, text))
    return samples
