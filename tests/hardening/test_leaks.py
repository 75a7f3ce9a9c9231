"""After unpair or revocation no device token or personal data is left in logs or kiosk files."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.kiosk import Kiosk
from server_stub.embedded import EmbeddedServer

VISITOR = "Zephyrine Quillfeather"
HOST = "Bartholomew Nightingale"
SECOND_VISITOR = "Ottilie Wanderstrom"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(tmp_path / "server").start()
    try:
        yield srv
    finally:
        srv.close()


def secrets_in(data: bytes, secrets: dict[str, str]) -> list[str]:
    """Names of the secrets whose text (UTF-8 or UTF-16) occurs in ``data``."""
    found = []
    for name, text in secrets.items():
        forms = (text.encode(), text.encode("utf-16-le"), text.encode("utf-16-be"))
        if any(form in data for form in forms):
            found.append(name)
    return found


def leaked_files(directory: Path, secrets: dict[str, str]) -> dict[str, list[str]]:
    """Every file under ``directory`` (the SQLite file, its -wal and -shm, anything else)."""
    leaks = {}
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            hits = secrets_in(path.read_bytes(), secrets)
            if hits:
                leaks[path.name] = hits
    return leaks


def run_a_day(kiosk: Kiosk, server: EmbeddedServer) -> dict[str, str]:
    """Pair, pull names, check visitors in and sync; return what must not outlive the pairing."""
    kiosk.pair(server.url, server.pairing_code("Lobby 1"), ca_cert=server.ca_cert)
    token = kiosk.credentials.get_token()
    assert token
    first = server.create_visit(visitor=VISITOR, host=HOST)
    second = server.create_visit(visitor=SECOND_VISITOR, host=HOST)
    assert kiosk.sync.run_once().ok
    verdict = kiosk.checkin.check_in(first["pass"])
    assert verdict.accepted and verdict.display_name == VISITOR  # the names were really here
    assert kiosk.checkin.check_in(second["pass"]).accepted
    assert kiosk.sync.run_once().ok
    return {
        "device token": token,
        "token signature": token.rsplit(".", 1)[-1],
        "visitor name": VISITOR,
        "second visitor name": SECOND_VISITOR,
        "host name": HOST,
    }


@pytest.mark.parametrize("how", ["unpair", "revoked"])
def test_nothing_personal_or_secret_survives_unpairing(
    tmp_path: Path, server: EmbeddedServer, caplog: pytest.LogCaptureFixture, how: str
) -> None:
    caplog.set_level(logging.DEBUG)
    data_dir = tmp_path / "kiosk"
    kiosk = Kiosk.open(KioskConfig(data_dir=data_dir, credential_store="file"))
    try:
        secrets = run_a_day(kiosk, server)
        before = {hit for hits in leaked_files(data_dir, secrets).values() for hit in hits}
        assert {"device token", "visitor name", "host name"} <= before  # the probe sees them
        if how == "unpair":
            kiosk.unpair()
        else:
            server.revoke_device(kiosk.identity.device_id)  # type: ignore[union-attr]
            assert kiosk.sync.run_once().unpaired
        assert not kiosk.paired
        kiosk.store.close()  # what a power cut leaves behind: no clean checkpoint first
        log_text = "\n".join(
            f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records
        )
        assert secrets_in(log_text.encode(), secrets) == []
        assert leaked_files(data_dir, secrets) == {}
    finally:
        kiosk.close()


def test_no_token_in_logs_while_paired_and_syncing(
    tmp_path: Path, server: EmbeddedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    kiosk = Kiosk.open(KioskConfig(data_dir=tmp_path / "kiosk", credential_store="memory"))
    try:
        secrets = run_a_day(kiosk, server)
        server.stop()
        assert not kiosk.sync.run_once().ok  # error paths log too
        logged = "\n".join(
            f"{r.getMessage()} {r.exc_text or ''} {r.args!r}" for r in caplog.records
        )
        assert secrets_in(logged.encode(), {"device token": secrets["device token"]}) == []
        files = {p.name for p in (tmp_path / "kiosk").iterdir()}
        assert leaked_files(tmp_path / "kiosk", {"device token": secrets["device token"]}) == {}, (
            files
        )
    finally:
        kiosk.close()


def test_retention_purge_leaves_no_names_in_the_database_files(
    tmp_path: Path, server: EmbeddedServer
) -> None:
    data_dir = tmp_path / "kiosk"
    kiosk = Kiosk.open(KioskConfig(data_dir=data_dir, credential_store="memory"))
    try:
        secrets = run_a_day(kiosk, server)
        names = {k: v for k, v in secrets.items() if "name" in k}
        assert leaked_files(data_dir, names)  # the probe sees them before the purge
        purged = kiosk.store.purge(retention_s=kiosk.config.retention_s, now=4_000_000_000.0)
        assert purged["expected_visits"] == 2
        kiosk.store.close()
        assert leaked_files(data_dir, names) == {}
    finally:
        kiosk.close()
