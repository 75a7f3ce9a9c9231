"""The device-token signature check against every Wycheproof Ed25519 vector.

``TokenIssuer.verify`` hands the check to PyJWT's EdDSA algorithm (``jwt.decode`` with
``algorithms=[ALGORITHM]``); these tests drive that same algorithm object with the key loaded
the way the server loads its token key.
"""

from __future__ import annotations

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from server_stub.tokens import ALGORITHM
from tests.wycheproof import VECTORS, Vector, needs_vectors


@needs_vectors
@pytest.mark.parametrize("vector", VECTORS, ids=str)
def test_token_signature_check_agrees_with_wycheproof(vector: Vector) -> None:
    algorithm = jwt.get_algorithm_by_name(ALGORITHM)
    try:
        key = algorithm.prepare_key(Ed25519PublicKey.from_public_bytes(vector.public_key))
    except ValueError:
        assert not vector.valid, "a valid vector's key must load"
        return
    assert algorithm.verify(vector.message, key, vector.signature) is vector.valid
