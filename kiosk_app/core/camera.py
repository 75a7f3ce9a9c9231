"""What a camera negotiated (size, pixel format, frame rate), shared by scanner, status and UI."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

RAW_FORMATS = frozenset({"YUYV", "YUY2", "UYVY", "NV12", "I420", "RGB3", "BGR3", "GREY"})


@dataclass(frozen=True)
class CameraMode:
    """The mode a source delivers; ``pixel_format`` is a FourCC such as ``MJPG`` or ``YUYV``."""

    width: int
    height: int
    pixel_format: str
    fps: float

    @property
    def compressed(self) -> bool:
        """MJPG and friends: the camera compresses, so 1080p at 30 fps fits through USB 2."""
        return bool(self.pixel_format) and self.pixel_format not in RAW_FORMATS

    def describe(self) -> str:
        """``1920x1080 MJPG 30 fps`` (the same words in the CLI, logs and the admin panel)."""
        fmt = self.pixel_format or "raw"
        return f"{self.width}x{self.height} {fmt} {self.fps:.0f} fps"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: object) -> CameraMode | None:
        """A mode back from the store; None for anything that is not a complete one."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                width=int(data["width"]),
                height=int(data["height"]),
                pixel_format=str(data["pixel_format"]),
                fps=float(data["fps"]),
            )
        except (KeyError, TypeError, ValueError):
            return None


@dataclass(frozen=True)
class CameraReport:
    """The running kiosk's camera as last recorded: which source, its mode, and since when."""

    source: str
    mode: CameraMode | None
    recorded_at: float

    def describe(self) -> str:
        mode = self.mode.describe() if self.mode else "mode not reported"
        return f"{mode} ({self.source})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "mode": self.mode.to_dict() if self.mode else None,
            "recorded_at": self.recorded_at,
        }

    @classmethod
    def from_dict(cls, data: object) -> CameraReport | None:
        if not isinstance(data, dict) or not isinstance(data.get("source"), str):
            return None
        recorded = data.get("recorded_at")
        return cls(
            source=data["source"],
            mode=CameraMode.from_dict(data.get("mode")),
            recorded_at=float(recorded) if isinstance(recorded, int | float) else 0.0,
        )
