"""A hostile or broken server cannot crash the kiosk's sync or corrupt its queue and clock."""

from __future__ import annotations

import json
import math
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.sync import SyncEngine
from kiosk_app.core.verdicts import VerdictCode
from tests.core.fake_server import FakeAtrium
from tests.hardening import hostile
from tests.hardening.conftest import assert_kiosk_state_sane, open_paired_kiosk, queue_rows

FUZZ = settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@pytest.fixture
def paired_kiosk(tmp_path: Path, fake: FakeAtrium) -> Iterator[Kiosk]:
    """Paired with the fake server: only a fake can be made to send broken answers."""
    kiosk = open_paired_kiosk(tmp_path / "kiosk", fake.transport, fake.code)
    try:
        yield kiosk
    finally:
        kiosk.close()


def valid_pull(fake: FakeAtrium) -> dict[str, Any]:
    return json.loads(fake._pull(0).content)


def hostile_engine(kiosk: Kiosk, plan: dict[str, dict[str, Any]]) -> SyncEngine:
    return SyncEngine(
        kiosk.store, kiosk.credentials, kiosk.clock, transport=hostile.transport(plan)
    )


def check_in_three(kiosk: Kiosk, fake: FakeAtrium) -> list[str]:
    for _ in range(3):
        assert kiosk.checkin.check_in(fake.make_pass()[0]).accepted
    return sorted(queue_rows(kiosk))


@FUZZ
@given(data=st.data())
def test_hostile_answers_neither_crash_nor_lose_check_ins(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        fake = FakeAtrium()
        kiosk = open_paired_kiosk(Path(tmp) / "kiosk", fake.transport, fake.code)
        try:
            events = check_in_three(kiosk, fake)
            pull_answers = hostile.pull_answers(valid_pull(fake))
            plan = {
                "push": data.draw(hostile.responses(hostile.push_answers(events)), "push"),
                "pull": data.draw(hostile.responses(pull_answers), "pull"),
            }
            report = hostile_engine(kiosk, plan).run_once()
            rows = queue_rows(kiosk)
            assert sorted(rows) == events, "a hostile answer removed or invented a check-in"
            assert_kiosk_state_sane(kiosk)
            assert kiosk.checkin.verify(fake.make_pass()[0]).code in set(VerdictCode)
            if report.unpaired:
                assert set(rows.values()) <= {"held", "accepted", "duplicate", "rejected"}
                return
            # The real server comes back: whatever is still pending goes through.
            assert kiosk.sync.run_once().ok
            assert kiosk.sync.queue_depth() == 0
            assert math.isfinite(kiosk.clock.offset) and abs(kiosk.clock.offset) < 60
        finally:
            kiosk.close()


def pull_plan(fake: FakeAtrium, **changes: Any) -> dict[str, dict[str, Any]]:
    body = {**valid_pull(fake), **changes}
    content = json.dumps(body).encode()
    ok = {"status": 200, "headers": {}}
    return {
        "pull": {**ok, "content": content},
        "push": {**ok, "content": b'{"results": []}'},
    }


HOSTILE_PULLS = {
    "nan_server_time": {"server_time": math.nan},
    "infinite_server_time": {"server_time": math.inf},
    "infinite_watermark": {"watermark": math.inf},
    "huge_watermark": {"watermark": 10**30},
    "huge_visit_exp": {
        "expected_visits": [
            {"visit_id": "V1", "jti": "j" * 22, "display_name": "A", "host_name": "B",
             "nbf": 1, "exp": 10**30}
        ]
    },
    "infinite_visit_exp": {
        "expected_visits": [
            {"visit_id": "V1", "jti": "j" * 22, "display_name": "A", "host_name": "B",
             "nbf": 1, "exp": math.inf}
        ]
    },
    "object_revoked_at": {"revocations": [{"jti": "j" * 22, "visit_id": "V1",
                                           "revoked_at": {"a": 1}}]},
    "text_skew_policy": {"policy": {"trust_max_age_s": 259200, "clock_skew_flag_s": "x"}},
    "text_trust_policy": {"policy": {"trust_max_age_s": "x", "clock_skew_flag_s": 7200}},
}


@pytest.mark.parametrize("changes", HOSTILE_PULLS.values(), ids=HOSTILE_PULLS.keys())
def test_hostile_pull_field_is_refused_and_leaves_state_usable(
    paired_kiosk: Kiosk, fake: FakeAtrium, changes: dict[str, Any]
) -> None:
    offset_before = paired_kiosk.clock.offset
    report = hostile_engine(paired_kiosk, pull_plan(fake, **changes)).run_once()
    assert report.error_kind == "server_error", report
    assert paired_kiosk.clock.offset == offset_before
    assert_kiosk_state_sane(paired_kiosk)
    assert paired_kiosk.sync.run_once().ok  # the real server still gets through afterwards


def test_nan_server_time_cannot_revive_an_expired_pass(
    paired_kiosk: Kiosk, fake: FakeAtrium
) -> None:
    now = int(fake.now())
    expired, _ = fake.make_pass(nbf=now - 7200, exp=now - 3600)
    assert paired_kiosk.checkin.verify(expired).code == VerdictCode.EXPIRED
    hostile_engine(paired_kiosk, pull_plan(fake, server_time=math.nan)).run_once()
    assert paired_kiosk.checkin.verify(expired).code == VerdictCode.EXPIRED


@pytest.mark.parametrize("error", hostile.TRANSPORT_ERRORS)
def test_connection_dropped_mid_push_keeps_the_queue(
    paired_kiosk: Kiosk, fake: FakeAtrium, error: type[httpx.TransportError]
) -> None:
    events = check_in_three(paired_kiosk, fake)
    report = hostile_engine(paired_kiosk, {"push": {"raise": error}, "pull": {"raise": error}})
    assert report.run_once().error_kind == "unreachable"
    assert queue_rows(paired_kiosk) == dict.fromkeys(events, "pending")
    assert paired_kiosk.sync.run_once().ok
    assert set(queue_rows(paired_kiosk).values()) == {"accepted"}
