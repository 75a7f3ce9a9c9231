"""The Wycheproof Ed25519 vectors: where they are and how to read them (tests skip without them)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

import pytest

VECTORS_ENV = "ATRIUM_WYCHEPROOF"
FILE_NAME = "ed25519_test.json"


def vectors_dir() -> Path:
    """``$ATRIUM_WYCHEPROOF`` if set, else ``<repo>/../shared/test-vectors/wycheproof``."""
    override = os.environ.get(VECTORS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parents[1].parent / "shared" / "test-vectors" / "wycheproof"


@dataclass(frozen=True)
class Vector:
    """One verification case: a raw public key, a message, a signature, whether it must hold."""

    tc_id: int
    public_key: bytes
    message: bytes
    signature: bytes
    valid: bool
    flags: tuple[str, ...]

    def __str__(self) -> str:
        return f"tc{self.tc_id}-{'valid' if self.valid else 'invalid'}-{'+'.join(self.flags)}"


def load_vectors() -> list[Vector]:
    """Every Ed25519 vector, or an empty list when the file is not there."""
    path = vectors_dir() / FILE_NAME
    if not path.is_file():
        return []
    data = json.loads(path.read_text(encoding="utf-8"))
    vectors = []
    for group in data["testGroups"]:
        public_key = bytes.fromhex(group["publicKey"]["pk"])
        for test in group["tests"]:
            if test["result"] not in ("valid", "invalid"):
                raise ValueError(f"tcId {test['tcId']}: unexpected result {test['result']!r}")
            vectors.append(
                Vector(
                    tc_id=test["tcId"],
                    public_key=public_key,
                    message=bytes.fromhex(test["msg"]),
                    signature=bytes.fromhex(test["sig"]),
                    valid=test["result"] == "valid",
                    flags=tuple(test["flags"]),
                )
            )
    return vectors


VECTORS = load_vectors()
needs_vectors = pytest.mark.skipif(
    not VECTORS,
    reason=f"no Wycheproof vectors at {vectors_dir()} (set {VECTORS_ENV} to their folder)",
)
