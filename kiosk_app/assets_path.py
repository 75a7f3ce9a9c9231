"""Where the kiosk's assets/ folder lives: beside the package from source, in the bundle frozen."""

from __future__ import annotations

import sys
from pathlib import Path

ASSETS_DIRNAME = "assets"


def bundle_root() -> Path | None:
    """The PyInstaller bundle's data root when running frozen, else None."""
    meipass = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and meipass:
        return Path(meipass)
    return None


def assets_dir() -> Path:
    """``sys._MEIPASS/assets`` in a bundle, ``<repo>/assets`` from source."""
    root = bundle_root()
    if root is None:
        root = Path(__file__).resolve().parent.parent
    return root / ASSETS_DIRNAME


def asset_path(*parts: str) -> Path:
    """A file inside ``assets/``, e.g. ``asset_path("i18n", "kiosk_de.qm")``."""
    return assets_dir().joinpath(*parts)
