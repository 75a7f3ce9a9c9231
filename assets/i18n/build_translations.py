"""Refreshes assets/i18n/atrium_<lang>.ts from the UI sources (lupdate) and compiles .qm files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
sys.path.insert(0, str(REPO))

from kiosk_app.core.catalogue import LANGUAGES  # noqa: E402 (after the path is set)

# the UI's tr() calls, and the core's message tables (QT_TRANSLATE_NOOP)
SOURCES = (REPO / "kiosk_app" / "ui", REPO / "kiosk_app" / "core")


def tool(name: str) -> str:
    """``pyside6-<name>`` next to this Python (a venv) or on PATH."""
    beside = Path(sys.executable).with_name(f"pyside6-{name}")
    found = str(beside) if beside.exists() else shutil.which(f"pyside6-{name}")
    if not found:
        raise SystemExit(f"pyside6-{name} not found; install PySide6-Essentials")
    return found


def main(update_sources: bool = True) -> None:
    files = sorted(str(p.relative_to(REPO)) for root in SOURCES for p in root.rglob("*.py"))
    for lang in LANGUAGES:
        ts = HERE / f"atrium_{lang}.ts"
        if update_sources:
            subprocess.run(  # noqa: S603 (fixed tool, our own file names)
                [tool("lupdate"), "-no-obsolete", "-locations", "none", *files, "-ts", str(ts)],
                cwd=REPO,
                check=True,
            )
        subprocess.run(  # noqa: S603
            [tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True
        )


if __name__ == "__main__":
    main(update_sources="--compile-only" not in sys.argv)
