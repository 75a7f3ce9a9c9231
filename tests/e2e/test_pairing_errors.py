"""End to end: each pairing failure against the real server has its own kind."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.pairing import PairingError
from server_stub import pairing
from server_stub.embedded import EmbeddedServer


def test_pairing_succeeds_with_the_ca_file(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk("Front Desk")
    identity = kiosk.identity
    assert identity is not None
    assert (identity.tenant_id, identity.site_id) == (server.tenant_id, server.site_id)
    assert identity.kiosk_name == "Front Desk"
    assert [d["device_id"] for d in server.devices()] == [identity.device_id]


def pairing_kind(kiosk: Kiosk, *args, **kwargs) -> PairingError:
    with pytest.raises(PairingError) as caught:
        kiosk.pair(*args, **kwargs)
    assert not kiosk.paired
    return caught.value


def test_wrong_code(server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk(pair=False)
    error = pairing_kind(kiosk, server.url, "000000", ca_cert=server.ca_cert)
    assert error.kind == "invalid_code" and "new code" in error.message


def test_throttled_after_many_failures_says_when_to_retry(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk(pair=False)
    code = server.pairing_code()
    kinds = [
        pairing_kind(
            kiosk, server.url, f"{(int(code) + n) % 10**6:06d}", ca_cert=server.ca_cert
        ).kind
        for n in range(1, pairing.FREE_FAILURES + 1)
    ]
    assert set(kinds) == {"invalid_code"}
    error = pairing_kind(kiosk, server.url, code, ca_cert=server.ca_cert)  # this address waits
    assert error.kind == "throttled"
    assert error.retry_after == pairing.FIRST_BLOCK_S
    assert f"{int(error.retry_after)} seconds" in error.message


def test_unreachable(server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]) -> None:
    kiosk = make_kiosk(pair=False)
    code = server.pairing_code()
    server.stop()
    error = pairing_kind(kiosk, server.url, code, ca_cert=server.ca_cert)
    assert error.kind == "unreachable"


def test_untrusted_certificate_without_the_private_ca(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk(pair=False)
    code = server.pairing_code()
    error = pairing_kind(kiosk, server.url, code)
    assert error.kind == "untrusted_certificate" and "--ca-cert" in error.message
    assert server.devices() == []
    # the code never reached the server, so it still works with the CA file
    assert kiosk.pair(server.url, code, ca_cert=server.ca_cert).site_id == server.site_id
