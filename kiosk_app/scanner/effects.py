"""Camera-like renderings of a QR code with one named defect each, for tests and benchmarks."""

from __future__ import annotations

import math
from collections.abc import Callable

import cv2
import numpy as np

from kiosk_app.scanner.synthetic import render_qr, room_background

Effect = Callable[[np.ndarray, np.random.Generator], np.ndarray]


def place_code(
    text: str,
    rng: np.random.Generator,
    *,
    size: tuple[int, int] = (1280, 720),
    code_px: int = 300,
    tilt: float = 0.08,
    rotate_deg: float = 8.0,
    inverted: bool = False,
) -> np.ndarray:
    """A BGR frame of ``size`` with the code about ``code_px`` wide on a screen in a room."""
    width, height = size
    qr = render_qr(text, module_px=1)
    if inverted:
        qr = 255 - qr
        qr = np.where(qr > 128, 215, 30).astype(np.uint8)  # dark-mode greys, not pure
    module_px = max(1, math.ceil(code_px / qr.shape[0]))
    code = cv2.resize(qr, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    screen_colour = 30 if inverted else 236
    pad = code.shape[0] // 6
    screen = cv2.copyMakeBorder(code, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=screen_colour)
    screen = cv2.cvtColor(screen, cv2.COLOR_GRAY2BGR)
    frame = room_background(size, rng)
    side = screen.shape[0] * code_px / code.shape[0]
    centre = np.array([rng.uniform(0.4, 0.6) * width, rng.uniform(0.4, 0.6) * height])
    angle = math.radians(rng.uniform(-rotate_deg, rotate_deg))
    corners = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], dtype=np.float64) * side / 2
    corners[:, 0] *= 1 + tilt * rng.choice([-1, 1]) * corners[:, 1] / (side / 2)
    rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
    target = np.float32(corners @ rot.T + centre)
    h, w = screen.shape[:2]
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    transform = cv2.getPerspectiveTransform(source, target)
    cv2.warpPerspective(
        screen,
        transform,
        size,
        dst=frame,
        flags=cv2.INTER_AREA if side < w else cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_TRANSPARENT,
    )
    return cv2.GaussianBlur(frame, (3, 3), 0.7)


def _noise(frame: np.ndarray, rng: np.random.Generator, sigma: float) -> np.ndarray:
    noisy = frame.astype(np.float32) + rng.normal(0, sigma, frame.shape).astype(np.float32)
    return noisy.clip(0, 255).astype(np.uint8)


def blur(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Out of focus (Gaussian) or a short motion smear."""
    if rng.random() < 0.5:
        return cv2.GaussianBlur(frame, (0, 0), rng.uniform(2.2, 3.0))
    length = int(rng.integers(8, 12))
    kernel = np.zeros((length, length), np.float32)
    kernel[length // 2, :] = 1.0 / length
    centre = (length / 2 - 0.5, length / 2 - 0.5)
    rotation = cv2.getRotationMatrix2D(centre, rng.uniform(0, 180), 1.0)
    kernel = cv2.warpAffine(kernel, rotation, (length, length))
    return cv2.filter2D(frame, -1, kernel / max(kernel.sum(), 1e-6))


def glare(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A bright reflection of a ceiling light across part of the screen."""
    height, width = frame.shape[:2]
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float32)
    cx, cy = rng.uniform(0.4, 0.6) * width, rng.uniform(0.4, 0.6) * height
    rx, ry = rng.uniform(0.08, 0.14) * width, rng.uniform(0.12, 0.2) * height
    spot = np.exp(-(((xx - cx) / rx) ** 2 + ((yy - cy) / ry) ** 2))
    lifted = frame.astype(np.float32) + 230 * spot[:, :, None] * rng.uniform(0.8, 1.0)
    return lifted.clip(0, 255).astype(np.uint8)


def noise(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Sensor noise of a cheap camera in a dim room."""
    return _noise(frame, rng, rng.uniform(14, 22))


def jpeg(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Heavy JPEG compression (as an IP camera or a screenshot delivers)."""
    quality = int(rng.integers(12, 25))
    ok, data = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    return cv2.imdecode(data, cv2.IMREAD_COLOR) if ok else frame


def low_contrast(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A dim screen under bright room light: the code spans only a few dozen grey levels."""
    span = rng.uniform(0.1, 0.16)
    flat = cv2.convertScaleAbs(frame, alpha=span, beta=rng.uniform(90, 140))
    return _noise(flat, rng, 2.5)


def dark(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """An underexposed frame with noise (the screen at low brightness)."""
    dim = cv2.convertScaleAbs(frame, alpha=rng.uniform(0.18, 0.28), beta=0)
    return _noise(dim, rng, 3.0)


def mixed(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A bit of everything: slight blur, glare, noise and JPEG."""
    frame = cv2.GaussianBlur(frame, (0, 0), rng.uniform(1.0, 1.6))
    frame = glare(frame, rng) if rng.random() < 0.5 else frame
    return jpeg(_noise(frame, rng, rng.uniform(6, 12)), rng)


def identity(frame: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    return frame


# name -> (placement options, effect)
SCENES: dict[str, tuple[dict[str, object], Effect]] = {
    "clean": ({}, identity),
    "perspective": ({"tilt": 0.35, "rotate_deg": 35.0}, identity),
    "blur": ({"code_px": 340}, blur),
    "glare": ({"code_px": 340}, glare),
    "noise": ({}, noise),
    "jpeg": ({}, jpeg),
    "low_contrast": ({}, low_contrast),
    "inverted": ({"inverted": True}, identity),
    "small": ({"code_px": 190, "tilt": 0.1}, noise),
    "mixed": ({"tilt": 0.25, "rotate_deg": 20.0}, mixed),
    "dark": ({"inverted": True}, dark),
}


def camera_frame(
    text: str, scene: str, seed: int = 0, size: tuple[int, int] = (1280, 720)
) -> np.ndarray:
    """A frame showing ``text`` as a QR code with the defect named by ``scene`` (see SCENES)."""
    options, effect = SCENES[scene]
    rng = np.random.default_rng(seed)
    frame = place_code(text, rng, size=size, **options)  # type: ignore[arg-type]
    return effect(frame, rng)
