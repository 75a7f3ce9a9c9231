"""Make the self-test sample: a pass signed with a throwaway TEST key, as a QR image, and the key.

Run ``python packaging/make_selftest_assets.py`` to regenerate ``assets/selftest/``. The private key
exists only while this script runs: the bundle ships the public key, never a signing key.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import nacl.signing
import segno

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from a source checkout

from kiosk_app.core.passes import PassClaims, key_to_text, new_jti, sign_pass  # noqa: E402

OUT_DIR = REPO / "assets" / "selftest"
KID = "selftest-2026"
TENANT = "selftest-tenant"
SITE = "selftest-site"
VISIT_ID = "selftest-visit"
NOT_BEFORE = 1_800_000_000  # fixed: the self-test verifies at a time inside this window
VISIT_SECONDS = 8 * 3600


def make_assets(out_dir: Path = OUT_DIR) -> str:
    """Write sample_pass.png, sample_pass.json and test_key.pub; return the pass text."""
    out_dir.mkdir(parents=True, exist_ok=True)
    signing_key = nacl.signing.SigningKey.generate()
    claims = PassClaims(
        tenant=TENANT,
        site=SITE,
        visit_id=VISIT_ID,
        jti=new_jti(),
        nbf=NOT_BEFORE,
        exp=NOT_BEFORE + VISIT_SECONDS,
    )
    token = sign_pass(claims, signing_key, KID)
    segno.make_qr(token, error="m").save(str(out_dir / "sample_pass.png"), scale=6, border=4)
    (out_dir / "test_key.pub").write_text(key_to_text(signing_key.verify_key) + "\n")
    facts = {"kid": KID, "tenant": TENANT, "site": SITE, "visit_id": VISIT_ID, "pass": token}
    (out_dir / "sample_pass.json").write_text(json.dumps(facts, indent=2) + "\n")
    return token


if __name__ == "__main__":
    print(f"wrote {OUT_DIR} (pass of {len(make_assets())} characters)")
