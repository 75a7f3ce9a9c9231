"""AtriumClient: typed errors for every way a call can fail; never plain HTTP."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest

from kiosk_app.core import client as api


def client_for(handler, **kwargs) -> api.AtriumClient:
    return api.AtriumClient("https://atrium.test", transport=httpx.MockTransport(handler), **kwargs)


def error(status: int, code: str, headers: dict[str, str] | None = None, **extra):
    body = {"detail": {"code": code, "message": "m", **extra}}
    return lambda request: httpx.Response(status, json=body, headers=headers)


def test_plain_http_is_refused() -> None:
    with pytest.raises(api.ClientError, match="https://"):
        api.AtriumClient("http://atrium.test")


def test_token_is_sent_as_bearer_and_json_is_returned() -> None:
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["auth"] = request.headers.get("Authorization")
        seen["path"] = request.url.path
        return httpx.Response(200, json={"status": "ok", "server_time": 5.0})

    reply = client_for(handler, token="tok").health()
    assert reply.data["status"] == "ok" and reply.sent_at <= reply.received_at
    assert seen == {"auth": "Bearer tok", "path": "/api/v1/health"}


@pytest.mark.parametrize(
    ("handler", "error_class", "code"),
    [
        (error(401, "unauthorized"), api.Unauthorized, "unauthorized"),
        (error(401, "device_revoked"), api.DeviceRevoked, "device_revoked"),
        (error(400, "invalid_code"), api.RequestRejected, "invalid_code"),
        (error(413, "batch_too_large"), api.RequestRejected, "batch_too_large"),
        (error(503, "unavailable"), api.ServerError, "unavailable"),
        (lambda request: httpx.Response(502, text="bad gateway"), api.ServerError, None),
        (lambda request: httpx.Response(200, text="not json"), api.ServerError, None),
    ],
)
def test_http_errors_map_to_typed_errors(handler, error_class, code) -> None:
    with pytest.raises(error_class) as caught:
        client_for(handler).health()
    assert caught.value.code == code


def test_throttled_carries_retry_after_from_detail_or_header() -> None:
    with pytest.raises(api.Throttled) as caught:
        client_for(error(429, "throttled", retry_after=42)).health()
    assert caught.value.retry_after == 42
    with pytest.raises(api.Throttled) as caught:
        client_for(error(429, "throttled", headers={"Retry-After": "17"})).health()
    assert caught.value.retry_after == 17


def test_connection_failures_are_unreachable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    for handler in (refuse, slow):
        with pytest.raises(api.Unreachable):
            client_for(handler).health()


def test_certificate_failure_is_untrusted_certificate() -> None:
    def untrusted(request: httpx.Request) -> httpx.Response:
        try:
            raise ssl.SSLCertVerificationError(1, "certificate verify failed")
        except ssl.SSLCertVerificationError as exc:
            raise httpx.ConnectError(str(exc), request=request) from exc

    with pytest.raises(api.UntrustedCertificate, match="--ca-cert"):
        client_for(untrusted).health()


def test_ca_cert_file_must_be_usable(tmp_path: Path) -> None:
    bad = tmp_path / "ca.pem"
    bad.write_text("not a certificate")
    with pytest.raises(api.UntrustedCertificate, match=r"ca\.pem"):
        api.AtriumClient("https://atrium.test", ca_cert=bad)
    with pytest.raises(api.UntrustedCertificate):
        api.AtriumClient("https://atrium.test", ca_cert=tmp_path / "missing.pem")


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("inf", 60.0), ("nan", 60.0), ("1e999", 60.0), ("-5", 0.0), ("86400", 3600.0), ("soon", 60.0)],
)
def test_a_hostile_retry_after_is_bounded(header: str, seconds: float) -> None:
    """An infinite wait would overflow Event.wait and kill the sync thread."""
    with pytest.raises(api.Throttled) as caught:
        client_for(error(429, "throttled", headers={"Retry-After": header})).health()
    assert caught.value.retry_after == seconds


def test_a_json_nesting_bomb_is_an_unreadable_answer() -> None:
    bomb = b"[" * 200_000 + b"]" * 200_000
    with pytest.raises(api.ServerError, match="cannot read"):
        client_for(lambda request: httpx.Response(200, content=bomb)).health()


def test_an_oversized_answer_is_refused_without_holding_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(api, "MAX_ANSWER_BYTES", 1000)
    body = b'{"pad": "' + b"x" * 5000 + b'"}'
    with pytest.raises(api.ServerError, match="larger than"):
        client_for(lambda request: httpx.Response(200, content=body)).health()
    small = client_for(lambda request: httpx.Response(200, json={"status": "ok"})).health()
    assert small.data == {"status": "ok"}
