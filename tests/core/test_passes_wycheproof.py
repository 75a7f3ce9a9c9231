"""The pass signature check against every Wycheproof Ed25519 vector (PyNaCl, as the kiosk runs)."""

from __future__ import annotations

import nacl.exceptions
import nacl.signing
import pytest

from kiosk_app.core.passes import signature_holds
from tests.wycheproof import VECTORS, Vector, needs_vectors, vectors_dir


@needs_vectors
def test_the_whole_vector_file_is_read() -> None:
    assert len(VECTORS) == 151, vectors_dir()
    assert {v.valid for v in VECTORS} == {True, False}


@needs_vectors
@pytest.mark.parametrize("vector", VECTORS, ids=str)
def test_pass_signature_check_agrees_with_wycheproof(vector: Vector) -> None:
    try:
        key = nacl.signing.VerifyKey(vector.public_key)
    except (nacl.exceptions.CryptoError, ValueError):
        assert not vector.valid, "a valid vector's key must load"
        return
    assert signature_holds(key, vector.message, vector.signature) is vector.valid
