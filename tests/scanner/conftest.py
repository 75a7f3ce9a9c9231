"""Scanner test fixtures: deterministic visit passes signed with a throwaway key."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import nacl.signing
import pytest

from kiosk_app.core.passes import PassClaims, b64url_encode, sign_pass

NBF = 1_764_400_000


def make_test_pass(number: int, key: nacl.signing.SigningKey) -> str:
    """A real, about 280-character visit pass (QR version 12), the same for the same number."""
    jti = b64url_encode(hashlib.sha256(f"jti-{number}".encode()).digest()[:16])
    claims = PassClaims("acme", "hq", f"v-{number:06d}", jti, NBF, NBF + 8 * 3600)
    return sign_pass(claims, key, "k-2026-11")


@pytest.fixture(scope="session")
def signing_key() -> nacl.signing.SigningKey:
    return nacl.signing.SigningKey(hashlib.sha256(b"scanner tests").digest())


@pytest.fixture(scope="session")
def make_pass(signing_key: nacl.signing.SigningKey) -> Callable[[int], str]:
    return lambda number: make_test_pass(number, signing_key)
