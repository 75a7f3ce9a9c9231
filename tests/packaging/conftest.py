"""Shared helpers for the packaging tests: load the build scripts from packaging/ by path."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
PACKAGING_DIR = REPO / "packaging"


def load_packaging_module(name: str) -> ModuleType:
    """packaging/<name>.py as a module (the folder is not a package: the name is PyPI's)."""
    qualified = f"atrium_packaging_{name}"
    if qualified in sys.modules:
        return sys.modules[qualified]
    spec = importlib.util.spec_from_file_location(qualified, PACKAGING_DIR / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[qualified] = module
    spec.loader.exec_module(module)
    return module
