"""CheckoutService: check-out by pass and by walk-in, judged offline from what the kiosk knows."""

from __future__ import annotations

import time

import pytest

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.store import StoreError
from kiosk_app.core.verdicts import VerdictClass, VerdictCode
from tests.core.flow_fake import FlowAtrium


@pytest.fixture
def plain(flow: FlowAtrium, flow_kiosk: Kiosk) -> Kiosk:
    """The flow kiosk at a site without documents, so passes check in without signing."""
    flow.documents = []
    flow_kiosk.sync.run_once()
    return flow_kiosk


def exits(kiosk: Kiosk) -> list[tuple[str, str | None, str | None]]:
    rows = kiosk.store.conn.execute(
        "SELECT kind, jti, payload FROM queue WHERE kind = 'exit' ORDER BY seq"
    )
    return [tuple(row) for row in rows]


def test_a_pass_checked_in_here_checks_out_once(flow: FlowAtrium, plain: Kiosk) -> None:
    text, claims = flow.make_pass(visitor="Ada Lovelace")
    plain.sync.run_once()
    assert plain.checkin.check_in(text).accepted
    goodbye = plain.checkout.check_out(text)
    assert goodbye.code == VerdictCode.CHECKED_OUT
    assert goodbye.verdict_class == VerdictClass.WELCOME
    assert goodbye.words().title == "Goodbye, Ada Lovelace!"
    assert goodbye.message() == "Goodbye, Ada Lovelace! Thank you for visiting."
    again = plain.checkout.check_out(text)
    assert again.code == VerdictCode.ALREADY_CHECKED_OUT
    assert again.message() == "You have already checked out."
    assert exits(plain) == [("exit", claims.jti, "{}")]


def test_a_pass_never_checked_in_is_refused(flow: FlowAtrium, plain: Kiosk) -> None:
    text, _ = flow.make_pass()
    plain.sync.run_once()
    verdict = plain.checkout.check_out(text)
    assert verdict.code == VerdictCode.NOT_CHECKED_IN
    assert verdict.message() == "This code has not been used to check in. Please see reception."
    assert exits(plain) == []


def test_the_pulls_checked_in_and_out_times_count(flow: FlowAtrium, plain: Kiosk) -> None:
    elsewhere, claims = flow.make_pass()
    flow.visit_extra[claims.visit_id] = {"checked_in_at": time.time() - 60}
    plain.sync.run_once()
    assert plain.checkout.verify(elsewhere).code == VerdictCode.CHECKED_OUT
    flow.visit_extra[claims.visit_id]["checked_out_at"] = time.time() - 5
    plain.sync.run_once()
    assert plain.checkout.check_out(elsewhere).code == VerdictCode.ALREADY_CHECKED_OUT


def test_an_expired_pass_may_still_leave_but_a_forged_one_may_not(
    flow: FlowAtrium, plain: Kiosk
) -> None:
    now = int(time.time())
    late, claims = flow.make_pass(nbf=now - 60, exp=now + 600)
    assert plain.checkin.check_in(late).accepted
    flow.time_shift = 3600.0  # an hour later by the server's clock
    plain.sync.run_once()
    assert plain.checkin.verify(late).code == VerdictCode.EXPIRED
    assert plain.checkout.check_out(late).code == VerdictCode.CHECKED_OUT
    forged = late[:-4] + ("AAAA" if not late.endswith("AAAA") else "BBBB")
    assert plain.checkout.check_out(forged).code in (
        VerdictCode.BAD_SIGNATURE,
        VerdictCode.MALFORMED,
    )
    assert plain.checkout.check_out("hello").code == VerdictCode.NOT_A_PASS
    cancelled, claims = flow.make_pass()
    flow.cancel(claims.visit_id)
    plain.sync.run_once()
    assert plain.checkout.check_out(cancelled).code == VerdictCode.REVOKED


def test_an_already_used_pass_in_normal_mode_hints_at_check_out(
    flow: FlowAtrium, plain: Kiosk
) -> None:
    text, _ = flow.make_pass()
    plain.checkin.check_in(text)
    words = plain.checkin.verify(text).words()
    assert words.hint == "Leaving? Tap Check out."
    assert plain.checkin.check_in(text).code == VerdictCode.ALREADY_USED


def test_walk_ins_today_merges_the_pull_with_own_unconfirmed_ones(
    flow: FlowAtrium, plain: Kiosk
) -> None:
    flow.walk_ins = [
        {
            "visit_id": "W1",
            "event_id": "srv-1",
            "short_name": "Bob B.",
            "checked_in_at": time.time() - 60,
        }
    ]
    plain.sync.run_once()
    flow.offline = True
    own = plain.walk_ins.register("Ada King Lovelace", None, "H1")
    listed = [(w.event_id, w.short_name) for w in plain.checkout.walk_ins_today()]
    assert listed == [(own, "Ada L."), ("srv-1", "Bob B.")]
    flow.offline = False
    flow.walk_ins.append(
        {"visit_id": "W9", "event_id": own, "short_name": "Ada L.", "checked_in_at": time.time()}
    )
    plain.sync.run_once()  # confirmed: now the server's entry, with its visit id
    assert [(w.event_id, w.visit_id) for w in plain.checkout.walk_ins_today()] == [
        (own, "W9"),
        ("srv-1", "W1"),
    ]
    flow.walk_ins = flow.walk_ins[1:]  # checked out at another kiosk: gone from the pull
    plain.sync.run_once()
    assert [w.event_id for w in plain.checkout.walk_ins_today()] == [own]


def test_a_walk_in_checks_out_by_event_id_once(flow: FlowAtrium, plain: Kiosk) -> None:
    flow.walk_ins = [
        {
            "visit_id": "W1",
            "event_id": "srv-1",
            "short_name": "Bob Babbage",
            "checked_in_at": time.time() - 60,
        }
    ]
    plain.sync.run_once()
    verdict = plain.checkout.check_out_walk_in("srv-1")
    assert verdict.code == VerdictCode.CHECKED_OUT and verdict.message().startswith("Goodbye, Bob!")
    assert plain.checkout.walk_ins_today() == []
    assert plain.checkout.check_out_walk_in("srv-1").code == VerdictCode.ALREADY_CHECKED_OUT
    assert plain.checkout.check_out_walk_in("nobody").code == VerdictCode.NOT_CHECKED_IN
    assert exits(plain) == [("exit", None, '{"walk_in_event_id": "srv-1"}')]


def test_a_failed_write_records_no_check_out(flow: FlowAtrium, plain: Kiosk) -> None:
    text, _ = flow.make_pass()
    plain.checkin.check_in(text)
    plain.store.conn.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON checkouts BEGIN SELECT RAISE(ABORT, 'full'); END"
    )
    with pytest.raises(StoreError, match="nothing was saved"):
        plain.checkout.check_out(text)
    assert exits(plain) == [] and plain.store.count("checkouts") == 0
    plain.store.conn.execute("DROP TRIGGER boom")
    assert plain.checkout.check_out(text).code == VerdictCode.CHECKED_OUT


def test_the_export_names_each_events_kind(flow: FlowAtrium, plain: Kiosk, tmp_path) -> None:
    import csv

    text, _ = flow.make_pass()
    flow.offline = True
    plain.checkin.check_in(text)
    plain.checkout.check_out(text)
    plain.walk_ins.register("Ada Lovelace", None, "H1")
    target = tmp_path / "queue.csv"
    assert plain.export_queue(target) == 3
    rows = list(csv.DictReader(target.open()))
    assert [r["kind"] for r in rows] == ["entry", "exit", "walk_in"]
    assert [bool(r["pass"]) for r in rows] == [True, True, False]
