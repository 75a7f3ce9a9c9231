"""WalkInService: host search, the site's switch, register (with documents) and the outcome."""

from __future__ import annotations

import json

import pytest

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.signed_records import Signature
from kiosk_app.core.visit_words import WalkInRefusal
from kiosk_app.core.walk_ins import WalkInRefused, fold, short_name
from tests.core.flow_fake import PNG, FlowAtrium


def names(kiosk: Kiosk, query: str) -> list[str]:
    return [h.name for h in kiosk.walk_ins.hosts(query)]


def test_host_search_as_you_type_ignores_case_and_accents(flow_kiosk: Kiosk) -> None:
    assert names(flow_kiosk, "") == ["Grace Hopper", "Jürgen Weiß"]
    assert names(flow_kiosk, "g") == ["Grace Hopper"]
    assert names(flow_kiosk, "JUR") == ["Jürgen Weiß"]
    assert names(flow_kiosk, "juer") == ["Jürgen Weiß"]  # ü typed as ue
    assert names(flow_kiosk, "weiss") == ["Jürgen Weiß"]
    assert names(flow_kiosk, "hop gra") == ["Grace Hopper"]
    assert names(flow_kiosk, "race") == []  # words start with what is typed
    assert fold("Émile ÇA") == "emile ca"


def test_at_most_fifty_hosts_are_offered(flow: FlowAtrium, flow_kiosk: Kiosk) -> None:
    flow.hosts = [{"host_id": f"H{i}", "name": f"Host {i:03d}"} for i in range(80)]
    assert flow_kiosk.sync.run_once().hosts == 80
    assert len(flow_kiosk.walk_ins.hosts("host")) == 50


def test_walk_ins_follow_the_sites_switch_and_need_a_host(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    assert flow_kiosk.walk_ins.enabled()
    flow.walk_ins_enabled = False
    flow_kiosk.sync.run_once()
    assert not flow_kiosk.walk_ins.enabled()
    flow.walk_ins_enabled = None  # a server that knows no walk-ins
    flow_kiosk.sync.run_once()
    assert not flow_kiosk.walk_ins.enabled()
    with pytest.raises(WalkInRefused) as refused:
        flow_kiosk.walk_ins.register("Ada Lovelace", None, "H1", signatures=())
    assert refused.value.reason == WalkInRefusal.WALK_INS_DISABLED
    flow.walk_ins_enabled, flow.hosts = True, []
    flow_kiosk.sync.run_once()
    assert not flow_kiosk.walk_ins.enabled()


@pytest.mark.parametrize(
    ("name", "company", "host", "reason"),
    [
        ("   ", None, "H1", WalkInRefusal.INVALID_NAME),
        ("1234", None, "H1", WalkInRefusal.INVALID_NAME),
        ("Ada\x07Lovelace", None, "H1", WalkInRefusal.INVALID_NAME),
        ("A" * 101, None, "H1", WalkInRefusal.INVALID_NAME),
        ("Ada Lovelace", "C" * 101, "H1", WalkInRefusal.INVALID_COMPANY),
        ("Ada Lovelace", None, "H404", WalkInRefusal.UNKNOWN_HOST),
        ("Ada Lovelace", None, "H1", WalkInRefusal.DOCUMENTS_PENDING),
    ],
)
def test_register_refuses_with_a_reason_and_records_nothing(
    flow_kiosk: Kiosk, name: str, company: str | None, host: str, reason: WalkInRefusal
) -> None:
    with pytest.raises(WalkInRefused) as refused:
        flow_kiosk.walk_ins.register(name, company, host)
    assert refused.value.reason == reason and refused.value.message()
    assert flow_kiosk.store.count("queue") == 0


def test_register_queues_the_walk_in_with_its_signed_records(flow_kiosk: Kiosk) -> None:
    docs = flow_kiosk.walk_ins.pending_documents("Ada  Lovelace", "Analytical", "H1", "en")
    assert "Ada Lovelace of Analytical visits Grace Hopper" in docs[0].html
    signatures = [Signature(d, PNG, [[(1.0, 1.0, 0)]], 5.0) for d in docs]
    event_id = flow_kiosk.walk_ins.register(" Ada  Lovelace ", "Analytical", "H1", "en", signatures)
    row = flow_kiosk.store.conn.execute(
        "SELECT kind, pass, payload, status FROM queue WHERE event_id = ?", (event_id,)
    ).fetchone()
    assert (row["kind"], row["pass"], row["status"]) == ("walk_in", None, "pending")
    assert json.loads(row["payload"]) == {
        "name": "Ada Lovelace",
        "company": "Analytical",
        "host_id": "H1",
        "language": "en",
    }
    records = flow_kiosk.store.conn.execute(
        "SELECT event_id, visit_id FROM signed_records"
    ).fetchall()
    assert [tuple(r) for r in records] == [(event_id, None), (event_id, None)]
    assert flow_kiosk.walk_ins.outcome(event_id).status == "pending"


def test_the_outcome_names_the_host_once_the_server_confirmed(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    flow.documents = []
    flow_kiosk.sync.run_once()
    event_id = flow_kiosk.walk_ins.register("Ada Lovelace", None, "H1")
    waiting = flow_kiosk.walk_ins.outcome(event_id)
    assert waiting.message() == "Please take a seat; reception will be with you shortly."
    report = flow_kiosk.sync.run_once()
    assert report.accepted == 1
    outcome = flow_kiosk.walk_ins.outcome(event_id)
    assert (outcome.status, outcome.host_name) == ("confirmed", "Grace Hopper")
    assert outcome.visit_id is not None
    assert outcome.message() == "Thank you, Ada. Grace Hopper knows you are here."
    (sent,) = flow.walk_in_events
    assert (sent["kind"], sent["name"], sent["host_id"], sent["company"]) == (
        "walk_in",
        "Ada Lovelace",
        "H1",
        None,
    )


def test_an_accepted_walk_in_without_a_host_message_asks_to_take_a_seat(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    flow.documents, flow.host_notified = [], False
    flow_kiosk.sync.run_once()
    event_id = flow_kiosk.walk_ins.register("Ada Lovelace", None, "H1")
    flow_kiosk.sync.run_once()
    outcome = flow_kiosk.walk_ins.outcome(event_id)
    assert outcome.status == "accepted" and "take a seat" in outcome.message()
    assert flow_kiosk.walk_ins.outcome("no-such-event").status == "refused"


def test_short_names_are_first_name_and_last_initial() -> None:
    assert short_name("Ada King Lovelace") == "Ada L."
    assert short_name("Cher") == "Cher"
    assert short_name("Ölaf  Über") == "Ölaf Ü."
