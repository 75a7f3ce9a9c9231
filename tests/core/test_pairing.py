"""Pairing: what is stored where, and one error kind (with its own message) per failure.

Against the real server app (``tests/core/real_server.py``). Only a server error and an
unusable answer are mocked: the real server does not produce them on demand.
"""

from __future__ import annotations

import time
from types import SimpleNamespace

import httpx
import pytest

from kiosk_app.core import client
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.pairing import PAIRING_MESSAGES, PairingError, pairing_message
from server_stub.pairing import FIRST_BLOCK_S, FREE_FAILURES
from tests.core.real_server import URL, RealAtrium


def test_pairing_stores_token_identity_keys_policy_and_clock(
    config: KioskConfig, real: RealAtrium, monkeypatch: pytest.MonkeyPatch
) -> None:
    slow = SimpleNamespace(time=lambda: time.time() - 3 * 3600)
    monkeypatch.setattr(client, "time", slow)  # the kiosk's clock is 3 h behind the server's
    credentials = MemoryCredentialStore()
    with Kiosk.open(config, credentials=credentials, transport=real.transport) as kiosk:
        assert not kiosk.paired and kiosk.identity is None
        code = real.code("Lobby 1")
        identity = kiosk.pair(URL, f"{code[:3]} {code[3:]}", kiosk_name="Lobby 1", admin_pin="2468")
        assert kiosk.paired and kiosk.identity == identity
        assert (identity.tenant_id, identity.site_id) == (real.admin.tenant_id, real.admin.site_id)
        assert (identity.tenant_name, identity.site_name) == ("Acme Corp", "Berlin HQ")
        assert identity.kiosk_name == "Lobby 1" and identity.server_url == URL
        token = credentials.get_token()
        assert token and token.count(".") == 2  # the server's device token (a JWT)
        assert kiosk.store.count("keys") == 1
        assert kiosk.store.get("policy") == {"trust_max_age_s": 259200, "clock_skew_flag_s": 7200}
        assert kiosk.clock.offset == pytest.approx(3 * 3600, abs=5)
        assert kiosk.status().clock_skew_flagged
        assert kiosk.admin_pin.check("2468").ok
        # the token is nowhere in the local store
        dump = "\n".join(kiosk.store.conn.iterdump())
        assert token not in dump


@pytest.mark.parametrize(
    ("code", "kind"),
    [("654321", "invalid_code"), ("12345", "invalid_code"), ("123456", "unreachable")],
)
def test_pairing_errors_have_their_own_kind_and_message(
    config: KioskConfig, real: RealAtrium, code: str, kind: str
) -> None:
    real.code("Lobby 1")  # a live code: the guesses below miss it
    real.offline = kind == "unreachable"
    credentials = MemoryCredentialStore()
    with Kiosk.open(config, credentials=credentials, transport=real.transport) as kiosk:
        with pytest.raises(PairingError) as caught:
            kiosk.pair(URL, code)
        assert not kiosk.paired
    assert caught.value.kind == kind
    assert credentials.get_token() is None
    if code != "12345":
        assert caught.value.message == PAIRING_MESSAGES[kind]
        assert caught.value.message == pairing_message(kind)


def test_a_guessing_kiosk_is_throttled_with_the_servers_wait(
    config: KioskConfig, real: RealAtrium
) -> None:
    real.code("Lobby 1")
    with Kiosk.open(config, credentials=MemoryCredentialStore(), transport=real.transport) as k:
        for _ in range(FREE_FAILURES):
            with pytest.raises(PairingError) as caught:
                k.pair(URL, "000000")
            assert caught.value.kind == "invalid_code"
        with pytest.raises(PairingError) as caught:
            k.pair(URL, "000000")
        assert not k.paired
    assert caught.value.kind == "throttled"
    assert caught.value.retry_after == FIRST_BLOCK_S  # the first wait after the free failures
    assert f"wait {FIRST_BLOCK_S} seconds" in caught.value.message


def test_server_error_and_bad_answer_are_server_error(config: KioskConfig) -> None:
    for response in (
        httpx.Response(500, text="boom"),
        httpx.Response(200, json={"device_token": "t"}),
    ):
        transport = httpx.MockTransport(lambda request, r=response: r)
        with Kiosk.open(config, credentials=MemoryCredentialStore(), transport=transport) as k:
            with pytest.raises(PairingError) as caught:
                k.pair(URL, "123456")
            assert caught.value.kind == "server_error" and not k.paired


def test_plain_http_server_is_refused(config: KioskConfig, real: RealAtrium) -> None:
    k = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=real.transport)
    with k, pytest.raises(PairingError, match="https://"):
        k.pair("http://atrium.test", "123456")
    assert real.transport.requests == []


def test_pairing_twice_is_refused_and_unpair_forgets(real_kiosk: Kiosk, real: RealAtrium) -> None:
    with pytest.raises(PairingError, match="already paired"):
        real_kiosk.pair(URL, real.code("Lobby 2"))
    held = real_kiosk.unpair()
    assert held == 0 and not real_kiosk.paired
    assert real_kiosk.credentials.get_token() is None
    assert real_kiosk.store.count("keys") == 0
    status = real_kiosk.status()
    assert not status.paired and not status.revoked
