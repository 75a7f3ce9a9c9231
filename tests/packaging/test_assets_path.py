"""assets_dir finds assets/ from source and inside a frozen bundle."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from kiosk_app import assets_path

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_source_tree_points_at_repo_assets() -> None:
    assert assets_path.bundle_root() is None
    assert assets_path.assets_dir() == REPO_ROOT / "assets"
    assert assets_path.assets_dir().is_dir()


def test_asset_path_joins_parts() -> None:
    expected = REPO_ROOT / "assets" / "i18n" / "kiosk_de.qm"
    assert assets_path.asset_path("i18n", "kiosk_de.qm") == expected


def test_frozen_bundle_uses_meipass(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert assets_path.bundle_root() == tmp_path
    assert assets_path.assets_dir() == tmp_path / "assets"


def test_meipass_without_frozen_flag_is_ignored(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delattr(sys, "frozen", raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert assets_path.assets_dir() == REPO_ROOT / "assets"
