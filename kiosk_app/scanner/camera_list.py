"""The cameras this machine has, by name where the platform tells it (Linux: sysfs)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

SYSFS_VIDEO = Path("/sys/class/video4linux")
GENERIC_COUNT = 3  # without a platform list, offer indexes 0..2
_NODE = re.compile(r"^video(\d+)$")


@dataclass(frozen=True)
class CameraChoice:
    """A camera to offer: ``spec`` as ``--camera`` takes it; ``name`` None if the OS gave none."""

    spec: str
    name: str | None = None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace").strip() or None
    except OSError:
        return None


def linux_cameras(root: Path = SYSFS_VIDEO) -> list[CameraChoice] | None:
    """Capture nodes under ``root`` by index; None if there is no such folder.

    A UVC webcam makes two nodes, the picture (``index`` 0) and metadata (``index`` 1); only the
    first is a camera to choose.
    """
    if not root.is_dir():
        return None
    found: list[tuple[int, CameraChoice]] = []
    for node in root.iterdir():
        match = _NODE.match(node.name)
        if match is None:
            continue
        if (_read(node / "index") or "0") != "0":
            continue
        number = int(match.group(1))
        found.append((number, CameraChoice(str(number), _read(node / "name"))))
    return [choice for _number, choice in sorted(found)]


def list_cameras(root: Path = SYSFS_VIDEO, platform: str = sys.platform) -> list[CameraChoice]:
    """Named cameras on Linux; elsewhere (or without sysfs) unnamed indexes 0, 1, 2."""
    if platform.startswith("linux"):
        named = linux_cameras(root)
        if named is not None:
            return named
    return [CameraChoice(str(number)) for number in range(GENERIC_COUNT)]
