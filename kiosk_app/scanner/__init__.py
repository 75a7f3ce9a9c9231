"""QR scanning without Qt: decoders, frame sources, the synthetic camera and the scan debouncer."""

from kiosk_app.scanner.debounce import ScanDebouncer
from kiosk_app.scanner.decoders import (
    DEFAULT_DECODER,
    Decoder,
    DecoderUnavailable,
    PyzbarDecoder,
    ZxingDecoder,
    available_decoders,
    make_decoder,
)
from kiosk_app.scanner.images import ImageLoadError, as_frame, load_image
from kiosk_app.scanner.sources import (
    CameraError,
    CameraSource,
    FrameSource,
    ImageFolderSource,
    SourceError,
    VideoFileSource,
    open_source,
)
from kiosk_app.scanner.synthetic import SyntheticSource, render_qr

__all__ = [
    "DEFAULT_DECODER",
    "CameraError",
    "CameraSource",
    "Decoder",
    "DecoderUnavailable",
    "FrameSource",
    "ImageFolderSource",
    "ImageLoadError",
    "PyzbarDecoder",
    "ScanDebouncer",
    "SourceError",
    "SyntheticSource",
    "VideoFileSource",
    "ZxingDecoder",
    "as_frame",
    "available_decoders",
    "load_image",
    "make_decoder",
    "open_source",
    "render_qr",
]
