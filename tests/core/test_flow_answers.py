"""The pull's new fields are parsed tolerantly; the push's walk-in answer fields are read."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk_app.core.answers import AnswerError, PullAnswer, push_results
from kiosk_app.core.passes import key_to_text
from tests.core.fake_server import FakeAtrium
from tests.core.flow_fake import document


def base_pull() -> dict[str, Any]:
    key = next(iter(FakeAtrium().keys.values()))
    return {
        "server_time": 1_764_370_000.0,
        "watermark": 0,
        "keys": [{"kid": "p1", "public_key": key_to_text(key.verify_key)}],
        "revocations": [],
        "expected_visits": [
            {
                "visit_id": "V1",
                "jti": "j1",
                "display_name": "Ada",
                "host_name": "Grace",
                "nbf": 1,
                "exp": 2_000_000_000,
            }
        ],
    }


def test_an_old_server_without_the_new_fields_still_works() -> None:
    answer = PullAnswer.parse(base_pull(), since=0)
    assert answer.documents == [] and answer.hosts == [] and answer.walk_ins == []
    assert answer.walk_ins_enabled is None
    (visit,) = answer.expected_visits
    assert visit.state.company is None and visit.state.signed == ()


def test_bad_entries_are_skipped_and_the_rest_is_taken() -> None:
    data = base_pull()
    good = document("D1", 2, 1, {"en": ("NDA", "<p>x</p>")})
    altered = document("D2", 1, 2, {"en": ("Rules", "<p>y</p>")})
    altered["texts"][0]["html"] = "<p>changed on the way</p>"
    data.update(
        site={"id": "cd34", "name": "Berlin", "walk_ins": True},
        documents=[
            good,
            altered,
            "junk",
            {"document_id": "D3", "version": "2"},
            {"document_id": "bad id!", "version": 1, "texts": good["texts"]},
            document("D1", 9, 5, {"en": ("dupe", "<p>z</p>")}),
        ],
        hosts=[
            {"host_id": "H1", "name": "Grace Hopper"},
            {"host_id": "H2"},
            7,
            {"host_id": "H3", "name": "x" * 500},
            {"host_id": "H4", "name": "  "},
        ],
        walk_ins=[
            {"visit_id": "W1", "event_id": "e-1", "short_name": "Ada L.", "checked_in_at": 1.5},
            {"event_id": "e-2", "short_name": "Bob B.", "checked_in_at": float("nan")},
            {"event_id": "e-3", "short_name": "Cy C.", "checked_in_at": 10**400},
            {"event_id": None, "short_name": "Nobody"},
            [],
        ],
    )
    data["expected_visits"][0].update(
        company="Analytical Engines",
        checked_in_at=10,
        checked_out_at="soon",
        signed=[{"document_id": "D1", "version": 2}, {"document_id": "D2"}, "x"],
    )
    answer = PullAnswer.parse(data, since=0)
    assert [(d.document_id, d.version) for d in answer.documents] == [("D1", 2)]
    assert [h.name for h in answer.hosts] == ["Grace Hopper"]
    assert [(w.event_id, w.checked_in_at) for w in answer.walk_ins] == [
        ("e-1", 1.5),
        ("e-2", None),
        ("e-3", None),
    ]
    assert answer.walk_ins_enabled is True
    state = answer.expected_visits[0].state
    assert state.company == "Analytical Engines" and state.checked_in_at == 10.0
    assert state.checked_out_at is None and state.signed == (("D1", 2),)


def test_a_document_text_is_kept_only_when_its_hash_matches() -> None:
    html = "<p>Grüße</p>"
    entry = {
        "document_id": "D1",
        "version": 1,
        "position": 1,
        "texts": [
            {
                "language": "de",
                "title": "T",
                "html": html,
                "sha256": hashlib.sha256(html.encode()).hexdigest().upper(),
            },
            {"language": "en", "title": "T", "html": html, "sha256": "0" * 64},
        ],
    }
    data = {**base_pull(), "documents": [entry]}
    (doc,) = PullAnswer.parse(data, since=0).documents
    assert [t.language for t in doc.texts] == ["de"]


def test_the_walk_in_answer_fields_are_read_and_mistyped_ones_dropped() -> None:
    results = push_results(
        [
            {"event_id": "e1", "status": "accepted", "visit_id": "W2m8Qx1p", "host_notified": True},
            {"event_id": "e2", "status": "accepted", "visit_id": {"x": 1}, "host_notified": "yes"},
        ]
    )
    assert (results[0].visit_id, results[0].host_notified) == ("W2m8Qx1p", True)
    assert (results[1].visit_id, results[1].host_notified) == (None, None)
    assert results[0].to_dict()["visit_id"] == "W2m8Qx1p"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=20,
)
FIELD_VALUES = {
    "documents": st.lists(
        st.fixed_dictionaries(
            {
                "document_id": JSON | st.just("D1"),
                "version": JSON | st.just(1),
                "texts": st.lists(
                    st.dictionaries(st.sampled_from(["language", "title", "html", "sha256"]), JSON),
                    max_size=3,
                ),
            }
        ),
        max_size=3,
    )
    | JSON,
    "hosts": JSON,
    "walk_ins": JSON,
    "site": JSON,
}


@settings(max_examples=200, deadline=None)
@given(
    extra=st.fixed_dictionaries({}, optional=FIELD_VALUES),
    visit_extra=st.dictionaries(
        st.sampled_from(["company", "checked_in_at", "checked_out_at", "signed"]), JSON
    ),
)
def test_no_value_of_the_new_fields_refuses_the_pull(
    extra: dict[str, Any], visit_extra: dict[str, Any]
) -> None:
    data = base_pull()
    site = extra.pop("site", None)
    if isinstance(site, dict) or site is None:
        data["site"] = site
    data.update(extra)
    data["expected_visits"][0].update(visit_extra)
    answer = PullAnswer.parse(data, since=0)
    assert len(answer.expected_visits) == 1 and answer.walk_ins_enabled in (True, False, None)


def test_a_server_time_too_large_for_a_float_is_refused_not_raised() -> None:
    with pytest.raises(AnswerError, match="server_time"):
        PullAnswer.parse({**base_pull(), "server_time": 10**400}, since=0)
