"""Any QR text into CheckinService: a verdict every time, no crash, and only valid passes queued."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.passes import b64url_encode
from kiosk_app.core.verdicts import Verdict, VerdictCode
from tests.core.fake_server import FakeAtrium
from tests.hardening.conftest import open_paired_kiosk, queue_rows
from tests.hardening.hostile import json_values

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))

FAKE = FakeAtrium()
VALID, _ = FAKE.make_pass()
KID = sorted(FAKE.keys)[-1]


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kiosk]:
    """One paired kiosk for every example: its queue and used passes carry over between them."""
    opened = open_paired_kiosk(
        tmp_path_factory.mktemp("fuzz-qr") / "kiosk", FAKE.transport, FAKE.code
    )
    yield opened
    opened.close()


def signed(header: object, payload: object) -> str:
    """A compact JWS over any header and payload, really signed with the kiosk's pinned key."""
    signing_input = ".".join(b64url_encode(json.dumps(part).encode()) for part in (header, payload))
    signature = FAKE.keys[KID].sign(signing_input.encode()).signature
    return f"{signing_input}.{b64url_encode(signature)}"


@st.composite
def mutated_pass(draw: st.DrawFn) -> str:
    """The valid pass with characters replaced, inserted or deleted."""
    chars = list(VALID)
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(chars) - 1))
        action = draw(st.sampled_from(["replace", "insert", "delete"]))
        char = draw(st.characters(codec="utf-8"))
        if action == "replace":
            chars[position] = char
        elif action == "insert":
            chars.insert(position, char)
        elif len(chars) > 1:
            del chars[position]
    return "".join(chars)


claims_like = st.fixed_dictionaries(
    {},
    optional={
        "t": json_values,
        "s": json_values,
        "v": json_values,
        "jti": json_values,
        "nbf": json_values,
        "exp": json_values,
        "iat": json_values,
    },
)
header_like = st.one_of(
    st.just({"alg": "EdDSA", "kid": KID, "typ": "avp"}),
    st.dictionaries(st.sampled_from(["alg", "kid", "typ", "jwk", "crit"]), json_values),
    json_values,
)
qr_texts = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300),
    mutated_pass(),
    st.builds(signed, header_like, st.one_of(claims_like, json_values)),
    st.text(alphabet="eyJ.-_ABCdef0123456789", max_size=3000),
    st.just(VALID + " " * 5000),
    st.just("eyJ" + "A" * 100_000),
)


@FUZZ
@given(text=qr_texts)
def test_any_text_gets_a_verdict_and_nothing_else_is_queued(
    kiosk: Kiosk, text: str | bytes
) -> None:
    before = queue_rows(kiosk)
    verdict = kiosk.checkin.verify(text)
    assert isinstance(verdict, Verdict) and verdict.code in set(VerdictCode)
    recorded = kiosk.checkin.check_in(text)
    after = queue_rows(kiosk)
    new = set(after) - set(before)
    if recorded.accepted:  # e.g. the valid pass with extra whitespace: one use per jti, ever
        assert len(new) == 1
        uses = kiosk.store.count("queue", "jti = ?", (recorded.jti,))
        assert uses == 1, f"jti {recorded.jti} queued {uses} times"
    else:
        assert not new
    words = recorded.words()
    assert words.title and words.body and recorded.message()


def test_the_valid_pass_is_accepted_once_then_already_used() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        kiosk = open_paired_kiosk(Path(tmp) / "kiosk", FAKE.transport, FAKE.code)
        try:
            text, _ = FAKE.make_pass()
            assert kiosk.checkin.check_in(text).accepted
            assert kiosk.checkin.check_in(" " + text + "\n").code == VerdictCode.ALREADY_USED
            assert len(queue_rows(kiosk)) == 1
        finally:
            kiosk.close()
