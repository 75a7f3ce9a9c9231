"""kiosk_app.scanner stays GUI-free: importing it loads no Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

PROBE = """
import sys
import kiosk_app.scanner
import kiosk_app.scanner.effects
import kiosk_app.scanner.samples
source = kiosk_app.scanner.open_source("synthetic", realtime=False)
kiosk_app.scanner.make_decoder().decode(source.read())
qt = sorted(name for name in sys.modules if name.startswith(("PySide6", "PyQt", "shiboken")))
print(",".join(qt))
"""


def test_scanner_imports_no_qt() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""


def test_no_qt_in_scanner_source() -> None:
    for path in (REPO / "kiosk_app" / "scanner").rglob("*.py"):
        assert "PySide6" not in path.read_text(encoding="utf-8"), path
