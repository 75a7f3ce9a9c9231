"""Schemathesis against the server's own OpenAPI: no 500s, answers match the documented schemas."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from server_stub.app import create_app
from server_stub.service import AtriumService

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is in the dev extra")
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
)

ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "correct horse battery"
CHECKS = [schemathesis.checks.not_a_server_error, response_schema_conformance,
          content_type_conformance]


def _build_app(data_dir: Path) -> tuple[object, dict[str, str]]:
    service, tenant, _ = AtriumService.initialise(
        data_dir, "Acme Corp", "Berlin HQ", ADMIN_EMAIL, ADMIN_PASSWORD
    )
    code = service.create_pairing_code(tenant, None, "Lobby 1")["code"]
    device_token = service.redeem_pairing_code(code)["device_token"]
    tokens = {"device": device_token, "user": service.user_token(tenant)}
    return create_app(data_dir, service=service), tokens


_DATA = tempfile.TemporaryDirectory(prefix="atrium-schemathesis-")
APP, TOKENS = _build_app(Path(_DATA.name) / "server")
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi(case: schemathesis.Case) -> None:
    role = "device" if case.path.startswith("/api/v1/device") else "user"
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKENS[role]}"}, checks=CHECKS)


@schema.parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_without_credentials_conforms_too(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)
