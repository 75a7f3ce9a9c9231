"""A synthetic camera: renders visit passes as QR codes on a moving phone in a noisy room."""

from __future__ import annotations

import math
import threading
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from time import monotonic, sleep

import cv2
import numpy as np
import segno

from kiosk_app.core.camera import CameraMode

_NOISE_TILES = 4


def render_qr(text: str, module_px: int = 4, border: int = 4) -> np.ndarray:
    """The QR code for ``text`` (error correction M) as a grayscale image, dark on white."""
    code = segno.make(text, error="m", micro=False, boost_error=False)
    modules = np.array(code.matrix, dtype=np.uint8)
    image = np.where(modules > 0, 0, 255).astype(np.uint8)
    image = np.pad(image, border, constant_values=255)
    return cv2.resize(image, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)


def room_background(size: tuple[int, int], rng: np.random.Generator) -> np.ndarray:
    """A reception-like backdrop: lit wall gradient, a door, a window, a desk edge."""
    width, height = size
    ramp = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None]
    side = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :]
    wall = 150 + 60 * (1 - ramp) - 35 * side
    frame = np.dstack([wall * 0.92, wall * 0.97, wall]).clip(0, 255).astype(np.uint8)
    door_x = int(rng.uniform(0.05, 0.25) * width)
    cv2.rectangle(
        frame, (door_x, int(0.12 * height)), (door_x + width // 8, height), (70, 90, 115), -1
    )
    window_x = int(rng.uniform(0.6, 0.75) * width)
    cv2.rectangle(
        frame,
        (window_x, int(0.08 * height)),
        (window_x + width // 5, int(0.45 * height)),
        (235, 225, 210),
        -1,
    )
    cv2.line(
        frame,
        (window_x + width // 10, int(0.08 * height)),
        (window_x + width // 10, int(0.45 * height)),
        (120, 120, 120),
        4,
    )
    cv2.rectangle(frame, (0, int(0.82 * height)), (width, height), (50, 60, 75), -1)
    cv2.circle(frame, (int(0.45 * width), int(0.3 * height)), height // 9, (110, 140, 120), -1)
    return cv2.GaussianBlur(frame, (0, 0), 3)


def _phone_sprite(text: str, screen_px: int) -> np.ndarray:
    """A phone (dark body, bright screen) showing the code centred on its screen."""
    qr = render_qr(text, module_px=1)
    module_px = max(2, screen_px // qr.shape[0])
    qr = cv2.resize(qr, None, fx=module_px, fy=module_px, interpolation=cv2.INTER_NEAREST)
    side = qr.shape[0]
    pad = side // 8
    screen_w, screen_h = side + 2 * pad, int(side * 1.7)
    body = 14
    phone = np.full((screen_h + 4 * body, screen_w + 2 * body, 3), 25, np.uint8)
    cv2.rectangle(
        phone, (body, 2 * body), (body + screen_w - 1, 2 * body + screen_h - 1), (238, 240, 242), -1
    )
    top = 2 * body + (screen_h - side) // 2
    phone[top : top + side, body + pad : body + pad + side] = qr[:, :, None]
    return phone


@dataclass
class _Step:
    """One script step: the text (None for no code), its drawn phone, frames left and total."""

    text: str | None
    sprite: np.ndarray | None
    total: int
    left: int = field(init=False)

    def __post_init__(self) -> None:
        self.left = self.total

    def replay(self) -> _Step:
        return _Step(self.text, self.sprite, self.total)


class SyntheticSource:
    """A FrameSource that plays a script of ``(text | None, frames)`` as camera-like frames.

    ``None`` stands for frames without a code. Frames are BGR uint8 of ``size`` (width, height).
    """

    def __init__(
        self,
        script: Iterable[tuple[str | None, int]] = (),
        size: tuple[int, int] = (1280, 720),
        fps: float = 30.0,
        loop: bool = False,
        realtime: bool = True,
        seed: int = 0,
    ) -> None:
        if fps <= 0:
            raise ValueError("fps must be positive")
        self.size = (int(size[0]), int(size[1]))
        self.fps = float(fps)
        self.loop = loop
        self.realtime = realtime
        self.description = f"synthetic camera {self.size[0]}x{self.size[1]} @ {self.fps:g} fps"
        self.mode = CameraMode(self.size[0], self.size[1], "BGR3", self.fps)  # drawn in BGR
        self.frames_emitted = 0
        self.dropped_frames = 0
        self.current_text: str | None = None
        self._rng = np.random.default_rng(seed)
        self._lock = threading.Lock()
        self._pending: deque[_Step] = deque()
        self._played: list[_Step] = []
        self._pending.extend(step for text, frames in script if (step := self._step(text, frames)))
        self._background = room_background(self.size, self._rng)
        self._noise = self._noise_tiles()
        self._phase = float(self._rng.uniform(0, 2 * math.pi))
        self._started: float | None = None
        self._closed = False

    def _step(self, text: str | None, frames: int) -> _Step | None:
        """A script step with its phone already drawn (so read() never encodes a QR code)."""
        if frames < 0:
            raise ValueError("a script step needs a frame count of 0 or more")
        if not frames:
            return None
        sprite = None
        if text is not None:
            try:
                sprite = _phone_sprite(text, screen_px=int(self.size[1] * 0.42))
            except ValueError as exc:  # segno.DataOverflowError: too long
                raise ValueError(f"cannot show this text as a QR code: {exc}") from exc
        return _Step(text, sprite, int(frames))

    def _noise_tiles(self) -> list[tuple[np.ndarray, np.ndarray]]:
        width, height = self.size
        tiles = []
        for _ in range(_NOISE_TILES):
            noise = self._rng.standard_normal((height, width, 3), dtype=np.float32) * 4.0
            tiles.append(
                (noise.clip(0, 40).astype(np.uint8), (-noise).clip(0, 40).astype(np.uint8))
            )
        return tiles

    def enqueue(self, text: str | None, frames: int) -> None:
        """Show ``text`` (or nothing, for None) for ``frames`` more frames; safe from any thread."""
        step = self._step(text, frames)  # drawn outside the lock
        if step is not None:
            with self._lock:
                self._pending.append(step)

    def open(self) -> None:
        self._closed = False
        self._started = None

    def close(self) -> None:
        self._closed = True

    def _next_step(self) -> _Step | None:
        with self._lock:
            if not self._pending and self.loop and self._played:
                self._pending.extend(step.replay() for step in self._played)
                self._played = []
            if not self._pending:
                return None
            step = self._pending[0]
            step.left -= 1
            if step.left <= 0:
                self._pending.popleft()
                if self.loop:  # kept for the replay only; a one-way script lets steps go
                    self._played.append(step)
            return step

    def _pace(self) -> None:
        if not self.realtime:
            return
        now = monotonic()
        if self._started is None:
            self._started = now - self.frames_emitted / self.fps
        due = self._started + self.frames_emitted / self.fps
        if due > now:
            sleep(due - now)
        elif now - due > 1.0:  # far behind (a stalled reader): do not burst to catch up
            self._started = now - self.frames_emitted / self.fps

    def read(self) -> np.ndarray | None:
        """The next frame (paced to ``fps`` when realtime); None once closed."""
        if self._closed:
            return None
        self._pace()
        step = self._next_step()
        text = step.text if step else None
        frame = self._render(step.sprite if step else None)
        self.current_text = text
        self.frames_emitted += 1
        return frame

    def _render(self, sprite: np.ndarray | None) -> np.ndarray:
        frame = self._background.copy()
        t = self.frames_emitted / self.fps + self._phase
        if sprite is not None:
            self._draw_phone(frame, sprite, t)
        positive, negative = self._noise[self.frames_emitted % len(self._noise)]
        cv2.add(frame, positive, dst=frame)
        cv2.subtract(frame, negative, dst=frame)
        gain = 1.0 + 0.08 * math.sin(t * 0.7)
        return cv2.convertScaleAbs(frame, alpha=gain, beta=4 * math.sin(t * 1.3))

    def _draw_phone(self, frame: np.ndarray, sprite: np.ndarray, t: float) -> None:
        width, height = self.size
        sh, sw = sprite.shape[:2]
        centre = np.array(
            [
                width * (0.5 + 0.04 * math.sin(t * 0.9)),
                height * (0.52 + 0.03 * math.sin(t * 1.1 + 1.0)),
            ]
        )
        angle = math.radians(6 * math.sin(t * 0.6))
        scale = min(1.0, 0.9 * height / sh)
        rot = np.array([[math.cos(angle), -math.sin(angle)], [math.sin(angle), math.cos(angle)]])
        corners = (
            np.array([[-sw / 2, -sh / 2], [sw / 2, -sh / 2], [sw / 2, sh / 2], [-sw / 2, sh / 2]])
            * scale
        )
        tilt = 0.04 * math.sin(t * 0.5)  # one side nearer the camera: a slight perspective
        corners[:, 0] *= 1 + tilt * np.sign(corners[:, 1])
        target = corners @ rot.T + centre
        x0, y0 = np.floor(target.min(axis=0)).astype(int).clip(0, [width - 1, height - 1])
        x1, y1 = np.ceil(target.max(axis=0)).astype(int).clip(1, [width, height])
        source = np.float32([[0, 0], [sw, 0], [sw, sh], [0, sh]])
        transform = cv2.getPerspectiveTransform(source, np.float32(target - [x0, y0]))
        roi = frame[y0:y1, x0:x1]
        cv2.warpPerspective(
            sprite,
            transform,
            (x1 - x0, y1 - y0),
            dst=roi,
            flags=cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_TRANSPARENT,
        )
        cv2.GaussianBlur(roi, (3, 3), 0.8, dst=roi)
