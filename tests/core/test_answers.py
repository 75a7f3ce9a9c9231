"""Server answers are validated into typed values before the kiosk stores anything."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import httpx
import pytest

from kiosk_app.core.answers import (
    AnswerError,
    PairingAnswer,
    Policy,
    PullAnswer,
    PushResult,
    push_results,
)
from kiosk_app.core.clock import Clock
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.pairing import PairingError
from kiosk_app.core.store import Store
from tests.core.fake_server import URL, FakeAtrium


def pull_body(fake: FakeAtrium, **changes: Any) -> dict[str, Any]:
    return {**json.loads(fake._pull(0).content), **changes}


def test_a_valid_pull_answer_becomes_typed_rows(fake: FakeAtrium) -> None:
    fake.make_pass(visit_id="V1234567")
    answer = PullAnswer.parse(pull_body(fake), since=0)
    assert answer.keys[0].kid == "p1" and answer.watermark == 0
    assert answer.expected_visits[0].row()[0] == "V1234567"
    assert answer.policy == Policy(259200.0, 7200.0)
    assert answer.site_name == "Berlin HQ" and answer.kiosk_name == "Lobby 1"


@pytest.mark.parametrize(
    "changes",
    [
        {"server_time": math.nan},
        {"server_time": -math.inf},
        {"server_time": True},
        {"server_time": "1764370000"},
        {"watermark": -1},
        {"watermark": 2**63},
        {"watermark": 1.5},
        {"keys": []},
        {"keys": [{"kid": "p1", "public_key": "not-a-key"}]},
        {"revocations": [{"jti": "j" * 22, "revoked_at": [1]}]},
        {"revocations": {"jti": "j" * 22}},
        {"expected_visits": [{"visit_id": "V1", "nbf": 1, "exp": 10**30}]},
        {"expected_visits": [{"visit_id": "V1", "nbf": 1, "exp": 2, "display_name": 7}]},
        {"policy": {"trust_max_age_s": 0}},
        {"policy": {"clock_skew_flag_s": math.inf}},
        {"policy": "lenient"},
        {"kiosk_name": ["Lobby"]},
        {"site": "cd34"},
    ],
    ids=repr,
)
def test_a_pull_answer_with_one_bad_field_is_refused(
    fake: FakeAtrium, changes: dict[str, Any]
) -> None:
    with pytest.raises(AnswerError):
        PullAnswer.parse(pull_body(fake, **changes), since=0)


def test_missing_optional_pull_fields_keep_what_is_stored(fake: FakeAtrium) -> None:
    body = pull_body(fake)
    for name in ("watermark", "policy", "site", "kiosk_name", "revocations", "expected_visits"):
        del body[name]
    answer = PullAnswer.parse(body, since=7)
    assert answer.watermark == 7 and answer.policy is None
    assert answer.site_name is None and answer.kiosk_name is None
    assert answer.revocations == [] and answer.expected_visits == []


def test_push_results_keep_acknowledgements_and_drop_garbled_details() -> None:
    results = push_results(
        [
            {"event_id": "e1", "status": "accepted"},
            {"event_id": "e2", "status": []},
            {"event_id": "e3", "status": "bogus"},
            {"event_id": 4, "status": "accepted"},
            "e5",
            {
                "event_id": "e6",
                "status": "duplicate",
                "first_used_at": {"a": 1},
                "first_used_by": "Lobby 2",
            },
        ]
    )
    assert [r.event_id for r in results] == ["e1", "e6"]
    assert results[1] == PushResult("e6", "duplicate", first_used_by="Lobby 2")
    assert results[1].to_dict() == {
        "event_id": "e6",
        "status": "duplicate",
        "first_used_by": "Lobby 2",
    }
    assert push_results({"results": "all fine"}) == []


def test_pairing_answer_with_a_nan_server_time_is_refused(config: KioskConfig) -> None:
    fake = FakeAtrium()

    def redeem(request: httpx.Request) -> httpx.Response:
        answer = json.loads(fake._redeem({"code": fake.code}).content)
        return httpx.Response(200, content=json.dumps({**answer, "server_time": math.nan}))

    with Kiosk.open(
        config, credentials=MemoryCredentialStore(), transport=httpx.MockTransport(redeem)
    ) as kiosk:
        with pytest.raises(PairingError) as caught:
            kiosk.pair(URL, fake.code)
        assert caught.value.kind == "server_error" and "server_time" in caught.value.message
        assert not kiosk.paired and kiosk.credentials.get_token() is None


def test_pairing_answer_parses_names_and_defaults_the_policy(fake: FakeAtrium) -> None:
    body = json.loads(fake._redeem({"code": fake.code}).content)
    del body["policy"]
    answer = PairingAnswer.parse(body)
    assert (answer.tenant_id, answer.site_name, answer.policy) == ("ab12", "Berlin HQ", Policy())


def test_stored_garbage_reads_as_defaults_not_as_errors(tmp_path: Path) -> None:
    """A policy or offset stored by an older version cannot break the clock or the status."""
    store = Store.open(tmp_path)
    store.set_many({"policy": {"clock_skew_flag_s": "x"}, "clock_offset": "NaN"})
    clock = Clock(store, local_time=lambda: 1000.0)
    assert clock.offset == 0.0 and clock.now() == 1000.0
    assert clock.skew_flag_s == Policy().clock_skew_flag_s and not clock.skew_flagged
    store.conn.execute("UPDATE settings SET value = 'NaN' WHERE key = 'clock_offset'")
    assert clock.offset == 0.0
    store.close()
