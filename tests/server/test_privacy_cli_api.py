"""The erasure and the purge from the CLI (``visit erase``, ``purge``) and the admin API
(``POST /api/v1/admin/visits/{id}/erase``); the company field on both."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server_stub import reception
from server_stub.app import create_app
from server_stub.cli import main
from server_stub.erasure import ERASED_NAME
from server_stub.service import AtriumService
from server_stub.settings import Settings, SettingsError
from tests.server.helpers import admin_headers, pair


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> Any:
    code, out, err = run(capsys, data_dir, "--json", *args)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "server"
    assert main(["--data-dir", str(path), "init", "--tenant", "Acme Corp", "--site",
                 "Berlin HQ"]) == 0
    return path


def test_cli_creates_with_company_erases_and_purges(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    capsys.readouterr()
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=40)
    old = run_json(capsys, data_dir, "visit", "create", "--visitor", "Old Visitor", "--host",
                   "Grace Hopper", "--arrive", past.isoformat(),
                   "--depart", (past + dt.timedelta(hours=1)).isoformat())
    new = run_json(capsys, data_dir, "visit", "create", "--visitor", "Ada Lovelace", "--host",
                   "Grace Hopper", "--company", "Analytical Engines Ltd")
    service = AtriumService.open(data_dir)
    tenant_id = service.default_tenant()
    _, token = pair(service)
    pulled = service.pull(service.authenticate(token), 0)["expected_visits"]
    assert [v["company"] for v in pulled] == ["Analytical Engines Ltd"]
    assert run_json(capsys, data_dir, "purge", "--dry-run") == {
        "dry_run": True, "would_erase": 1,
        "tenants": [{"tenant_id": tenant_id, "retention_days": 30, "would_erase": 1,
                     "cutoff": pytest.approx(time.time() - 30 * 86400, abs=60)}],
    }
    code, out, _ = run(capsys, data_dir, "purge")
    assert code == 0 and "erased 1 visit(s)" in out and "retention 30 days" in out
    assert service.checkins(tenant_id) == []
    assert run_json(capsys, data_dir, "visit", "erase", new["visit_id"]) == {
        "visit_id": new["visit_id"], "erased": True
    }
    code, out, _ = run(capsys, data_dir, "visit", "erase", new["visit_id"])
    assert code == 0 and "erased before; nothing changed" in out
    code, _, err = run(capsys, data_dir, "visit", "erase", "nosuchvisit")
    assert code == 1 and err.strip().count("\n") == 0 and "not found" in err
    for visit in (old, new):
        assert reception.visit(service, tenant_id, visit["visit_id"])["visitor"] == ERASED_NAME
    service.close()


def test_admin_api_takes_a_company_and_erases(service: AtriumService, client: TestClient) -> None:
    headers = admin_headers(service)
    created = client.post(
        "/api/v1/admin/visits", headers=headers,
        json={"visitor": "Ada Lovelace", "host": "Grace Hopper", "company": "Analytical Engines"},
    )
    assert created.status_code == 200, created.text
    visit_id = created.json()["visit_id"]
    early = client.post("/api/v1/admin/visits", headers=headers,
                        json={"visitor": "A", "host": "B", "arrive": 0.5})
    assert early.status_code == 422 and early.json()["detail"]["code"] == "invalid_window"
    too_long = client.post("/api/v1/admin/visits", headers=headers,
                           json={"visitor": "A", "host": "B", "company": "x" * 101})
    assert too_long.status_code == 422
    erased = client.post(f"/api/v1/admin/visits/{visit_id}/erase", headers=headers)
    assert erased.json() == {"visit_id": visit_id, "erased": True}
    again = client.post(f"/api/v1/admin/visits/{visit_id}/erase", headers=headers)
    assert again.json() == {"visit_id": visit_id, "erased": False}
    assert client.post("/api/v1/admin/visits/nope/erase", headers=headers).status_code == 404
    assert client.post(f"/api/v1/admin/visits/{visit_id}/erase").status_code == 401
    _, token = pair(service)
    kiosk = client.post(f"/api/v1/admin/visits/{visit_id}/erase",
                        headers={"Authorization": f"Bearer {token}"})
    assert kiosk.status_code in (401, 403)


def test_the_purge_runs_in_a_serving_server_unless_turned_off(
    service: AtriumService, tmp_path: Path
) -> None:
    assert service.data_dir is not None
    serving = create_app(service.data_dir, service=service,
                         settings=Settings.load({}, data_dir=service.data_dir))
    assert serving.state.purge_job is not None and serving.state.purge_job.interval_s == 3600
    off = Settings.load({"ATRIUM_PURGE_INTERVAL_S": "0"}, data_dir=service.data_dir)
    assert create_app(service.data_dir, service=service, settings=off).state.purge_job is None
    assert create_app(service.data_dir, service=service).state.purge_job is None  # embedded
    for bad in ("-1", "soon", "9999999"):
        with pytest.raises(SettingsError) as caught:
            Settings.load({"ATRIUM_PURGE_INTERVAL_S": bad}, data_dir=tmp_path)
        assert "\n" not in str(caught.value)
