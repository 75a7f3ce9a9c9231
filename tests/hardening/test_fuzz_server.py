"""Every server route with any body and headers: a clean 4xx in the error shape, never a 500."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server_stub.app import create_app
from server_stub.service import AtriumService
from tests.hardening.hostile import json_values, maybe

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=list(HealthCheck))
ADMIN_EMAIL, ADMIN_PASSWORD = "admin@example.com", "correct horse battery"


class Server:
    """One initialised service behind an in-process client, with a valid device and user token."""

    def __init__(self, data_dir: Path) -> None:
        self.service, self.tenant, _ = AtriumService.initialise(
            data_dir, "Acme Corp", "Berlin HQ", ADMIN_EMAIL, ADMIN_PASSWORD
        )
        self.client = TestClient(create_app(data_dir, service=self.service))
        code = self.service.create_pairing_code(self.tenant, None, "Lobby 1")["code"]
        answer = self.service.redeem_pairing_code(code)
        self.device_id, self.device_token = answer["device_id"], answer["device_token"]
        victim = self.service.create_pairing_code(self.tenant, None, "Victim")["code"]
        self.victim_id = self.service.redeem_pairing_code(victim)["device_id"]  # may be revoked
        self.user_token = self.service.user_token(self.tenant)
        visit = self.service.create_visit(self.tenant, visitor="Ada", host="Grace")
        self.visit_id, self.pass_text = visit["visit_id"], visit["pass"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    srv = Server(tmp_path_factory.mktemp("fuzz-server") / "server")
    with srv.client:
        yield srv
    srv.service.close()


header_text = st.text(
    alphabet=st.characters(min_codepoint=0x20, max_codepoint=0xFF, exclude_characters="\x7f"),
    max_size=80,
)


def routes(srv: Server) -> list[tuple[str, str]]:
    return [
        ("GET", "/api/v1/health"),
        ("POST", "/api/v1/auth/login"),
        ("POST", "/api/v1/pairing/redeem"),
        ("GET", "/api/v1/device/pull"),
        ("POST", "/api/v1/device/checkins"),
        ("POST", "/api/v1/admin/pairing-codes"),
        ("POST", "/api/v1/admin/visits"),
        ("POST", f"/api/v1/admin/visits/{srv.visit_id}/cancel"),
        ("GET", "/api/v1/admin/checkins"),
        ("GET", "/api/v1/admin/duplicates"),
        ("GET", "/api/v1/admin/devices"),
        ("POST", f"/api/v1/admin/devices/{srv.victim_id}/revoke"),
    ]


def structured_bodies(srv: Server) -> st.SearchStrategy[Any]:
    event = st.fixed_dictionaries(
        {
            "event_id": maybe(str(uuid.uuid4())),
            "pass": maybe(srv.pass_text),
            "scanned_at": maybe(1_800_000_000.0),
            "scanned_at_local": maybe(1_800_000_000.0),
            "verdict": maybe("accepted"),
        }
    )
    return st.one_of(
        st.fixed_dictionaries({"email": maybe(ADMIN_EMAIL), "password": maybe("wrong")}),
        st.fixed_dictionaries({"code": maybe("123456"), "kiosk_name": maybe("Lobby 9")}),
        st.fixed_dictionaries({"events": st.one_of(st.lists(event, max_size=3), json_values)}),
        st.fixed_dictionaries({"site_id": maybe(None), "kiosk_name": maybe("Lobby 9")}),
        st.fixed_dictionaries(
            {"visitor": maybe("Ada"), "host": maybe("Grace"), "arrive": maybe(1_800_000_000.0),
             "depart": maybe(1_800_003_600.0)}
        ),
        json_values,
    )


def authorization(srv: Server) -> st.SearchStrategy[str | None]:
    return st.one_of(
        st.none(),
        st.just(f"Bearer {srv.device_token}"),
        st.just(f"Bearer {srv.user_token}"),
        st.builds(lambda text: f"Bearer {text}", header_text),
        st.builds(lambda text: f"Bearer {srv.device_token[:-4]}{text}", header_text),
        header_text,
    )


def assert_clean_answer(status: int, content: bytes) -> None:
    assert status < 500, f"HTTP {status}: {content[:300]!r}"
    if status >= 400:
        detail = json.loads(content)["detail"]
        assert isinstance(detail["code"], str) and isinstance(detail["message"], str)


@FUZZ
@given(data=st.data())
def test_any_request_gets_a_clean_answer(server: Server, data: st.DataObject) -> None:
    method, path = data.draw(st.sampled_from(routes(server)), "route")
    headers: dict[str, str] = data.draw(
        st.dictionaries(st.sampled_from(["X-Any", "Accept", "Content-Type", "Content-Encoding",
                                         "Transfer-Encoding-Hint", "Cookie"]),
                        header_text, max_size=3),
        "headers",
    )
    auth = data.draw(authorization(server), "authorization")
    if auth is not None:
        headers["Authorization"] = auth
    params = data.draw(st.dictionaries(st.sampled_from(["since", "x"]), header_text, max_size=2))
    if data.draw(st.booleans(), "raw body"):
        content = data.draw(st.binary(max_size=200), "body")
    else:
        content = json.dumps(data.draw(structured_bodies(server), "body")).encode()
        headers.setdefault("Content-Type", "application/json")
    raw_headers = {name: value.encode("latin-1") for name, value in headers.items()}
    response = server.client.request(
        method, path, content=content, headers=raw_headers, params=params
    )
    assert_clean_answer(response.status_code, response.content)


@pytest.mark.parametrize(
    "since", ["-1", "1e3", "nan", "9" * 40, str(2**63), "", "0x10", "1.5"]
)
def test_pull_watermark_out_of_range_is_a_clean_422(server: Server, since: str) -> None:
    response = server.client.get(
        "/api/v1/device/pull", params={"since": since},
        headers={"Authorization": f"Bearer {server.device_token}"},
    )
    assert response.status_code == 422
    assert_clean_answer(response.status_code, response.content)


@pytest.mark.parametrize(
    "window",
    [{"arrive": 9.223372036854769e18}, {"depart": 1e300}, {"arrive": -1e18},
     {"arrive": 2.0**53, "depart": 2.0**53 + 3600}],
    ids=["arrive_2^63", "depart_1e300", "arrive_negative", "window_2^53"],
)
def test_visit_times_out_of_range_are_a_clean_4xx(
    server: Server, window: dict[str, float]
) -> None:
    response = server.client.post(
        "/api/v1/admin/visits", json={"visitor": "Ada", "host": "Grace", **window},
        headers={"Authorization": f"Bearer {server.user_token}"},
    )
    assert_clean_answer(response.status_code, response.content)
    assert 400 <= response.status_code < 500
