"""Kiosk facade: open errors, status, export of the queue, the public names the UI uses."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kiosk_app.core import kiosk as kiosk_module
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import CredentialError
from kiosk_app.core.kiosk import Kiosk, KioskStatus
from kiosk_app.core.store import StoreError
from tests.core.real_server import RealAtrium


def test_public_names_are_there(kiosk: Kiosk) -> None:
    for name in (
        "paired",
        "identity",
        "pair",
        "unpair",
        "status",
        "checkin",
        "sync",
        "runner",
        "admin_pin",
        "conflicts",
        "close",
        "export_queue",
    ):
        assert hasattr(kiosk, name), name
    assert isinstance(kiosk.status(), KioskStatus)
    assert set(kiosk_module.__all__) >= {"Kiosk", "KioskStatus", "KioskIdentity"}


def test_open_with_keyring_but_no_backend_is_a_clear_error(tmp_path: Path) -> None:
    # tests/conftest.py selects keyring's null backend for the whole run
    config = KioskConfig(data_dir=tmp_path, credential_store="keyring")
    with pytest.raises(CredentialError, match="--credential-store file"):
        Kiosk.open(config)


def test_open_with_keyring_uses_the_keyring(tmp_path: Path, memory_keyring) -> None:
    config = KioskConfig(data_dir=tmp_path, credential_store="keyring")
    with Kiosk.open(config) as kiosk:
        assert kiosk.credentials.kind == "keyring"


def test_open_on_a_file_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "x").write_text("")
    with pytest.raises(StoreError):
        Kiosk.open(KioskConfig(data_dir=tmp_path / "x", credential_store="memory"))


def test_export_queue_as_csv(real_kiosk: Kiosk, real: RealAtrium, tmp_path: Path) -> None:
    kiosk = real_kiosk
    texts = [real.make_pass()[0] for _ in range(2)]
    for text in texts:
        kiosk.checkin.check_in(text)
    target = tmp_path / "queue.csv"
    assert kiosk.export_queue(target) == 2
    rows = list(csv.DictReader(target.open()))
    assert [r["pass"] for r in rows] == texts and {r["status"] for r in rows} == {"pending"}
    kiosk.sync.run_once()
    assert kiosk.export_queue(target) == 0
    assert kiosk.export_queue(target, include_synced=True) == 2


def test_status_of_a_fresh_kiosk(unpaired_kiosk: Kiosk) -> None:
    status = unpaired_kiosk.status()
    assert not status.paired and status.online is None and status.queue_depth == 0
    assert not status.trust_stale and status.to_dict()["conflicts"] == 0


def test_export_into_a_directory_leaves_no_temporary_file(kiosk: Kiosk, tmp_path: Path) -> None:
    from kiosk_app.core.kiosk import ExportError

    target = tmp_path / "already-a-dir.csv"
    target.mkdir()
    with pytest.raises(ExportError, match="Cannot write the export file"):
        kiosk.export_queue(target)
    assert list(tmp_path.glob(".already-a-dir.csv*")) == []
