"""UI test fixtures: screenshots under build/screens, the embedded server, paired kiosks."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("ATRIUM_KIOSK_SOUND", "0")

from PySide6.QtWidgets import QWidget  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SCREENS_DIR = REPO / "build" / "screens"
ADMIN_PIN = "2468"


@pytest.fixture
def save_screen() -> Callable[[QWidget, str, str], Path]:
    """Saves a PNG of a widget to ``build/screens/<lang>/<name>.png`` and returns the path."""

    def save(widget: QWidget, lang: str, name: str) -> Path:
        target = SCREENS_DIR / lang / f"{name}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        widget.repaint()
        assert widget.grab().save(str(target)), f"could not write {target}"
        return target

    return save


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from server_stub.embedded import EmbeddedServer

    embedded = EmbeddedServer(tmp_path_factory.mktemp("server")).start()
    yield embedded
    embedded.close()


def visit_times(start_h: float, end_h: float) -> tuple[dt.datetime, dt.datetime]:
    now = dt.datetime.now(dt.UTC)
    return now + dt.timedelta(hours=start_h), now + dt.timedelta(hours=end_h)
