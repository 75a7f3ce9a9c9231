"""The kiosk's data dir is 0700 and its database files 0600, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.core.store import DB_FILE, Store, StoreError

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(params=[0o022, 0o000, 0o002])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def _db_files(data_dir: Path) -> list[Path]:
    return [data_dir / f"{DB_FILE}{suffix}" for suffix in ("", "-wal", "-shm")]


@pytest.mark.usefixtures("umask")
def test_a_new_data_dir_and_database_are_owner_only(tmp_path: Path) -> None:
    data_dir = tmp_path / "nested" / "kiosk"
    store = Store.open(data_dir)
    try:
        store.set("probe", {"visitor": "Ada Lovelace"})
        files = _db_files(data_dir)
        assert all(f.exists() for f in files), "WAL mode keeps -wal and -shm while open"
        assert mode(data_dir) == 0o700
        assert {f.name: mode(f) for f in files} == {f.name: 0o600 for f in files}
    finally:
        store.close()


def test_an_existing_open_data_dir_is_repaired_at_start(tmp_path: Path) -> None:
    data_dir = tmp_path / "kiosk"
    Store.open(data_dir).close()
    os.chmod(data_dir, 0o755)
    for path in _db_files(data_dir):
        if path.exists():
            os.chmod(path, 0o644)
    store = Store.open(data_dir)
    try:
        store.set("probe", 1)
        assert mode(data_dir) == 0o700
        for path in _db_files(data_dir):
            assert mode(path) == 0o600, path
    finally:
        store.close()


def test_a_mode_that_cannot_be_repaired_is_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir = tmp_path / "kiosk"
    data_dir.mkdir(mode=0o755)
    os.chmod(data_dir, 0o755)

    def refuse(path: object, mode: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "chmod", refuse)
    with pytest.raises(StoreError, match=r"can be read by other users.*chmod 700"):
        Store.open(data_dir)
