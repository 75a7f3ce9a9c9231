"""Alembic: the migrated schema is the declared one; a first-release data dir upgrades in place."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient

from server_stub import cli
from server_stub.app import create_app
from server_stub.service import AtriumService
from server_stub.store import DB_NAME, WrongRevision, metadata, migrate
from server_stub.store.engine import make_engine
from tests.server import first_release
from tests.server.helpers import START, FakeClock, bearer, event


def run_cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str]:
    code = cli.main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.err


def test_migrated_schema_is_the_declared_schema(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    engine = make_engine(url)
    try:
        assert migrate.upgrade(engine) == (None, migrate.head())
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
    finally:
        engine.dispose()
    assert differences == []


def test_a_first_release_database_is_refused_until_migrated(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = first_release.build(tmp_path / "server", START)
    with pytest.raises(WrongRevision, match="run 'atrium-server migrate'"):
        AtriumService.open(old.data_dir)
    for args in (["run", "--port", "0"], ["checkins"], ["device", "list"]):
        code, err = run_cli(capsys, old.data_dir, *args)
        assert code == 1
        assert err.count("\n") == 1 and "atrium-server migrate" in err, err
        assert "Traceback" not in err


def test_a_first_release_data_dir_upgrades_in_place_with_nothing_lost(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = first_release.build(tmp_path / "server", START)
    before = first_release.dump(old.data_dir / DB_NAME)
    code, _ = run_cli(capsys, old.data_dir, "migrate")
    assert code == 0
    after = first_release.dump(old.data_dir / DB_NAME)
    assert after == before  # every row of every table, every column
    assert run_cli(capsys, old.data_dir, "migrate")[0] == 0  # a second run changes nothing
    assert first_release.dump(old.data_dir / DB_NAME) == before
    with sqlite3.connect(old.data_dir / DB_NAME) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counters = dict(conn.execute("SELECT tenant_id, last_watermark FROM revocation_counters"))
    assert "meta" not in tables and "alembic_version" in tables
    assert counters == {"ac01": 1, "gl02": 2}  # each tenant continues from its own maximum

    clock = FakeClock(START + 60)
    service = AtriumService.open(old.data_dir, clock)
    try:
        assert service.default_tenant() == "ac01"  # created in the same second: order kept
        assert service.site("ac01")["name"] == "Berlin HQ"
        assert service.login("admin@ac01.example", old.password)[0]
        with TestClient(create_app(old.data_dir, service=service)) as client:
            for device_id, token in old.device_tokens.items():
                pulled = client.get("/api/v1/device/pull", headers=bearer(token))
                assert pulled.status_code == 200, pulled.text
                body = pulled.json()
                assert len(body["revocations"]) == 1
                assert [k["kid"] for k in body["keys"]] == ["p1", "p2"]
                tenant_id = device_id[2:6]
                since = body["watermark"]
                used, fresh = old.passes[f"V{int(tenant_id == 'gl02')}0abcde"], None
                fresh = old.passes[f"V{int(tenant_id == 'gl02')}1abcde"]
                pushed = client.post(
                    "/api/v1/device/checkins",
                    headers=bearer(token),
                    json={"events": [event(used, clock()), event(fresh, clock())]},
                ).json()["results"]
                assert [r["status"] for r in pushed] == ["duplicate", "accepted"], pushed
                visit = service.create_visit(tenant_id, visitor="New One", host="Grace Hopper")
                service.cancel_visit(tenant_id, visit["visit_id"])
                again = client.get(
                    "/api/v1/device/pull", params={"since": since}, headers=bearer(token)
                ).json()
                assert [r["visit_id"] for r in again["revocations"]] == [visit["visit_id"]]
                assert again["watermark"] == since + 1
        assert len(service.devices("gl02")) == 1
    finally:
        service.close()


def test_a_database_from_a_newer_release_is_refused(
    tmp_path: Path, template_data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    data_dir = tmp_path / "server"
    shutil.copytree(template_data_dir, data_dir)
    engine = make_engine(f"sqlite:///{data_dir / DB_NAME}")
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    for args in (["device", "list"], ["migrate"]):
        code, err = run_cli(capsys, data_dir, *args)
        assert code == 1 and err.count("\n") == 1
        assert "newer than this release" in err and "Traceback" not in err


def test_a_file_that_is_not_a_database_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "server"
    data_dir.mkdir()
    (data_dir / DB_NAME).write_bytes(b"this is not a database at all, just text" * 100)
    for args in (["device", "list"], ["migrate"]):
        code, err = run_cli(capsys, data_dir, *args)
        assert code == 1 and err.count("\n") == 1, err
        assert "cannot use the database" in err and "not a database" in err


def test_migrate_on_a_data_dir_that_was_never_initialised(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = run_cli(capsys, tmp_path / "nothing", "migrate")
    assert code == 1 and err.count("\n") == 1 and "atrium-server init" in err
