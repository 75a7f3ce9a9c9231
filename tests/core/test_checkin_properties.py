"""Property tests: no input, however hostile, makes the check-in service raise."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.verdicts import VerdictCode
from tests.core.fake_server import URL, FakeAtrium

REFUSALS = {VerdictCode.MALFORMED, VerdictCode.NOT_A_PASS}
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def paired(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Kiosk, FakeAtrium]]:
    fake = FakeAtrium()
    config = KioskConfig(data_dir=Path(tmp_path_factory.mktemp("prop")), credential_store="memory")
    kiosk = Kiosk.open(config, credentials=MemoryCredentialStore(), transport=fake.transport)
    kiosk.pair(URL, fake.code)
    yield kiosk, fake
    kiosk.close()


def judged(kiosk: Kiosk, text: object) -> VerdictCode:
    verify = kiosk.checkin.verify(text)  # type: ignore[arg-type]
    check = kiosk.checkin.check_in(text)  # type: ignore[arg-type]
    assert verify.code == check.code
    return check.code


@SETTINGS
@given(st.binary(max_size=4096))
def test_random_bytes(paired: tuple[Kiosk, FakeAtrium], data: bytes) -> None:
    assert judged(paired[0], data) in REFUSALS


@SETTINGS
@given(st.text(max_size=3000))
def test_random_text(paired: tuple[Kiosk, FakeAtrium], text: str) -> None:
    assert judged(paired[0], text) in REFUSALS


@settings(SETTINGS, max_examples=25)
@given(st.text(min_size=1, max_size=12).map(lambda s: (s * (1_000_000 // len(s) + 1))[:1_000_000]))
def test_one_megabyte_strings(paired: tuple[Kiosk, FakeAtrium], text: str) -> None:
    assert judged(paired[0], text) in REFUSALS


@SETTINGS
@given(st.binary(min_size=1, max_size=512).filter(lambda b: not _utf8(b)))
def test_non_utf8_bytes(paired: tuple[Kiosk, FakeAtrium], data: bytes) -> None:
    assert judged(paired[0], data) in REFUSALS


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@SETTINGS
@given(st.lists(st.from_regex(r"[A-Za-z0-9_-]{0,40}", fullmatch=True), max_size=8))
def test_wrong_segment_counts(paired: tuple[Kiosk, FakeAtrium], parts: list[str]) -> None:
    if len(parts) == 3:
        parts.append("x")
    assert judged(paired[0], ".".join(parts)) in REFUSALS


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)


@SETTINGS
@given(header=json_values, claims=json_values, signature=st.binary(max_size=80))
def test_structured_junk_with_valid_base64(
    paired: tuple[Kiosk, FakeAtrium], header: object, claims: object, signature: bytes
) -> None:
    text = ".".join(
        [b64(json.dumps(header).encode()), b64(json.dumps(claims).encode()), b64(signature)]
    )
    code = judged(paired[0], text)
    # JSON that happens to look like a header may name an unknown key: still no exception.
    assert code in REFUSALS | {VerdictCode.UNKNOWN_KEY}


@pytest.mark.parametrize(
    "text",
    [
        "A" * 1_000_000,
        "eyJ" + "." * 1_000_000,
        b64(b"[" * 100_000) + ".e30.AA",
        b64(('{"a":' * 50_000 + "1" + "}" * 50_000).encode()) + ".e30.AA",
        b64(b'{"alg":"EdDSA","typ":"avp","kid":"p1"}') + "." + b64(b"[" * 2000) + ".AA",
        "\udcff\udcfe.abc.def",
        "\x00\x01\x02",
        "",
        "..",
        "a.b.c.d.e",
    ],
)
def test_bombs_and_oddities(paired: tuple[Kiosk, FakeAtrium], text: str) -> None:
    assert judged(paired[0], text) in REFUSALS


def test_a_real_pass_still_gets_through(paired: tuple[Kiosk, FakeAtrium]) -> None:
    kiosk, fake = paired
    text, _ = fake.make_pass()
    assert judged(kiosk, text) == VerdictCode.ACCEPTED
