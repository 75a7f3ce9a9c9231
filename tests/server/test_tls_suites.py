"""The suites the server offers, seen by ``openssl s_client``: TLS 1.2 only ECDHE with AEAD."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from server_stub.embedded import EmbeddedServer

OPENSSL = shutil.which("openssl")
pytestmark = pytest.mark.skipif(OPENSSL is None, reason="openssl command not installed")
ALLOWED_TLS12 = {
    "ECDHE-ECDSA-AES128-GCM-SHA256",
    "ECDHE-ECDSA-AES256-GCM-SHA384",
    "ECDHE-ECDSA-CHACHA20-POLY1305",
}
CBC_TLS12 = [
    "ECDHE-ECDSA-AES128-SHA",
    "ECDHE-ECDSA-AES256-SHA",
    "ECDHE-ECDSA-AES128-SHA256",
    "ECDHE-ECDSA-AES256-SHA384",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(tmp_path_factory.mktemp("tls") / "server").start()
    try:
        yield srv
    finally:
        srv.close()


def _handshake(server: EmbeddedServer, *options: str) -> str | None:
    """The negotiated cipher, or None when the server refused the handshake."""
    assert OPENSSL is not None
    result = subprocess.run(
        [
            OPENSSL,
            "s_client",
            "-brief",
            "-connect",
            f"127.0.0.1:{server.port}",
            "-CAfile",
            str(Path(server.ca_cert)),
            "-verify_return_error",
            *options,
        ],
        input="",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if result.returncode != 0 or "CONNECTION ESTABLISHED" not in result.stderr:
        return None
    for line in result.stderr.splitlines():
        if line.startswith("Ciphersuite:"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(result.stderr)


@pytest.mark.parametrize("suite", CBC_TLS12)
def test_each_cbc_suite_is_refused_over_tls12(server: EmbeddedServer, suite: str) -> None:
    assert _handshake(server, "-tls1_2", "-cipher", suite) is None


def test_an_aead_suite_is_accepted_over_tls12(server: EmbeddedServer) -> None:
    suite = "ECDHE-ECDSA-AES128-GCM-SHA256"
    assert _handshake(server, "-tls1_2", "-cipher", suite) == suite


def test_of_every_tls12_suite_only_ecdhe_with_aead_is_accepted(server: EmbeddedServer) -> None:
    assert OPENSSL is not None
    every = (
        subprocess.run(
            [OPENSSL, "ciphers", "-s", "-tls1_2", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
            capture_output=True,
            text=True,
            check=True,
        )
        .stdout.strip()
        .split(":")
    )
    tls12_only = [suite for suite in every if not suite.startswith("TLS_")]
    accepted = {
        suite
        for suite in tls12_only
        if _handshake(server, "-tls1_2", "-cipher", f"{suite}:@SECLEVEL=0") == suite
    }
    assert accepted == ALLOWED_TLS12


def test_tls13_is_unchanged(server: EmbeddedServer) -> None:
    assert _handshake(server, "-tls1_3") in {
        "TLS_AES_256_GCM_SHA384",
        "TLS_AES_128_GCM_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256",
    }
    assert _handshake(server, "-tls1_1") is None
