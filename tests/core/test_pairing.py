"""Pairing: what is stored where, and one error kind (with its own message) per failure."""

from __future__ import annotations

import httpx
import pytest

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.pairing import PAIRING_MESSAGES, PairingError, pairing_message
from tests.core.fake_server import SITE, TENANT, URL, FakeAtrium


def test_pairing_stores_token_identity_keys_policy_and_clock(
    config: KioskConfig, fake: FakeAtrium
) -> None:
    fake.time_shift = 3 * 3600
    credentials = MemoryCredentialStore()
    with Kiosk.open(config, credentials=credentials, transport=fake.transport) as kiosk:
        assert not kiosk.paired and kiosk.identity is None
        identity = kiosk.pair(URL, "123 456", kiosk_name="Lobby 1", admin_pin="2468")
        assert kiosk.paired and kiosk.identity == identity
        assert (identity.tenant_id, identity.site_id) == (TENANT, SITE)
        assert (identity.tenant_name, identity.site_name) == ("Acme Corp", "Berlin HQ")
        assert identity.kiosk_name == "Lobby 1" and identity.server_url == URL
        assert credentials.get_token() == "device-token-1"
        assert kiosk.store.count("keys") == 1
        assert kiosk.store.get("policy") == {"trust_max_age_s": 259200, "clock_skew_flag_s": 7200}
        assert kiosk.clock.offset == pytest.approx(3 * 3600, abs=5)
        assert kiosk.status().clock_skew_flagged
        assert kiosk.admin_pin.check("2468").ok
        # the token is nowhere in the local store
        dump = "\n".join(kiosk.store.conn.iterdump())
        assert "device-token-1" not in dump


@pytest.mark.parametrize(
    ("setup", "code", "kind"),
    [
        (lambda fake: None, "654321", "invalid_code"),
        (lambda fake: None, "12345", "invalid_code"),
        (lambda fake: setattr(fake, "throttle", 90), "123456", "throttled"),
        (lambda fake: setattr(fake, "offline", True), "123456", "unreachable"),
    ],
)
def test_pairing_errors_have_their_own_kind_and_message(
    config: KioskConfig, fake: FakeAtrium, setup, code: str, kind: str
) -> None:
    setup(fake)
    credentials = MemoryCredentialStore()
    with Kiosk.open(config, credentials=credentials, transport=fake.transport) as kiosk:
        with pytest.raises(PairingError) as caught:
            kiosk.pair(URL, code)
        assert not kiosk.paired
    assert caught.value.kind == kind
    assert credentials.get_token() is None
    if kind == "throttled":
        assert caught.value.retry_after == 90
        assert "wait 90 seconds" in caught.value.message
    elif code != "12345":
        assert caught.value.message == PAIRING_MESSAGES[kind]
        assert caught.value.message == pairing_message(kind)


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


def test_plain_http_server_is_refused(config: KioskConfig, fake: FakeAtrium) -> None:
    k = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=fake.transport)
    with k, pytest.raises(PairingError, match="https://"):
        k.pair("http://atrium.test", "123456")
    assert fake.requests == []


def test_pairing_twice_is_refused_and_unpair_forgets(kiosk: Kiosk, fake: FakeAtrium) -> None:
    with pytest.raises(PairingError, match="already paired"):
        kiosk.pair(URL, fake.code)
    held = kiosk.unpair()
    assert held == 0 and not kiosk.paired
    assert kiosk.credentials.get_token() is None
    assert kiosk.store.count("keys") == 0
    status = kiosk.status()
    assert not status.paired and not status.revoked
