"""Decode rates on the shared real QR photos (skipped when the samples are not present)."""

from __future__ import annotations

import pytest

from kiosk_app.scanner import available_decoders, load_image, make_decoder
from kiosk_app.scanner.samples import SAMPLES_ENV, load_samples, samples_dir

SAMPLES = load_samples()
needs_samples = pytest.mark.skipif(
    not SAMPLES, reason=f"no QR samples at {samples_dir()} (set {SAMPLES_ENV} to their folder)"
)
# Measured on the 82 photos: zxing pipeline 79, pyzbar 54. Floors are one or two below.
FLOORS = {"zxing": 78, "pyzbar": 52}


def _exact_reads(name: str) -> int:
    decoder = make_decoder(name)
    return sum(sample.expected in decoder.decode(load_image(sample.image)) for sample in SAMPLES)


@needs_samples
def test_zxing_pipeline_reads_the_real_photos() -> None:
    assert len(SAMPLES) >= 80
    assert _exact_reads("zxing") >= FLOORS["zxing"]


@needs_samples
@pytest.mark.skipif(available_decoders()["pyzbar"] is not None, reason="pyzbar unusable here")
def test_pyzbar_reads_the_real_photos() -> None:
    assert _exact_reads("pyzbar") >= FLOORS["pyzbar"]


def test_samples_dir_can_be_overridden(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    (tmp_path / "a.png").write_bytes(b"")
    (tmp_path / "a.txt").write_bytes("caf\u00e9\r\n".encode())
    (tmp_path / "a.result.txt").write_text("metadata")
    (tmp_path / "b.png").write_bytes(b"")  # no expected text: not a sample
    monkeypatch.setenv(SAMPLES_ENV, str(tmp_path))
    assert samples_dir() == tmp_path
    samples = load_samples()
    assert [(s.image.name, s.expected) for s in samples] == [("a.png", "caf\u00e9\r\n")]
