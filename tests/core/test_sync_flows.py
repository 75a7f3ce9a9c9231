"""Sync pushes entries, exits and walk-ins, then uploads signed records leaving no trace."""

from __future__ import annotations

import json
from pathlib import Path

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.signed_records import Signature
from kiosk_app.core.store import DB_FILE
from tests.core.flow_fake import FlowAtrium, make_png

MARKER = b"signature-bytes-7f3a9c"


def signed_check_in(flow: FlowAtrium, kiosk: Kiosk, marker: bytes = MARKER) -> str:
    text, _ = flow.make_pass()
    kiosk.sync.run_once()
    docs = kiosk.checkin.verify(text).pending_documents
    png = make_png(marker, size=40)
    signatures = [Signature(d, png, [[(1.0, 2.0, 0), (3.0, 4.0, 9)]], 7.5) for d in docs]
    assert kiosk.checkin.check_in(text, signatures).accepted
    return text


def files(kiosk: Kiosk) -> dict[str, bytes]:
    base = kiosk.store.data_dir / DB_FILE
    found = {}
    for path in (base, Path(f"{base}-wal")):
        found[path.name] = path.read_bytes() if path.exists() else b""
    return found


def test_all_three_kinds_go_in_one_batch_in_order(flow: FlowAtrium, flow_kiosk: Kiosk) -> None:
    flow.documents = []
    flow_kiosk.sync.run_once()
    text, claims = flow.make_pass()
    flow_kiosk.sync.run_once()
    flow.offline = True
    flow_kiosk.checkin.check_in(text)
    walk_in = flow_kiosk.walk_ins.register("Ada Lovelace", "AE Ltd", "H2", "de")
    flow_kiosk.checkout.check_out(text)
    flow_kiosk.checkout.check_out_walk_in(walk_in)
    flow.offline = False
    report = flow_kiosk.sync.run_once()
    assert (report.pushed, report.accepted, report.queue_depth) == (4, 4, 0)
    assert flow.batch_sizes[-1] == 4
    kinds = [a["status"] for a in flow.answers.values()]
    assert kinds == ["accepted"] * 4
    assert flow.checked_out == {claims.jti, walk_in}
    (sent,) = flow.walk_in_events
    assert sent == {
        "event_id": walk_in,
        "kind": "walk_in",
        "scanned_at": sent["scanned_at"],
        "scanned_at_local": sent["scanned_at_local"],
        "name": "Ada Lovelace",
        "company": "AE Ltd",
        "host_id": "H2",
        "language": "de",
    }


def test_a_second_check_out_elsewhere_is_a_duplicate_but_no_conflict(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    flow.documents = []
    text, claims = flow.make_pass()
    flow_kiosk.sync.run_once()
    flow_kiosk.checkin.check_in(text)
    flow.checked_out.add(claims.jti)  # another kiosk's check-out arrived first
    flow_kiosk.checkout.check_out(text)
    report = flow_kiosk.sync.run_once()
    assert (report.accepted, report.duplicates) == (1, 1)
    assert flow_kiosk.conflicts() == []


def test_signed_records_upload_after_their_event_and_leave_no_trace(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    signed_check_in(flow, flow_kiosk)
    before = files(flow_kiosk)
    assert any(MARKER in content for content in before.values())
    report = flow_kiosk.sync.run_once()
    assert report.ok and report.accepted == 1 and report.signatures_uploaded == 2
    assert flow_kiosk.store.count("signed_records") == 0
    assert flow.requests.index("/device/checkins") < flow.requests.index("/device/signatures")
    stored = list(flow.stored.values())
    assert {r["document_id"] for r in stored} == {"D1", "D2"}
    assert all(r["visit_id"] and r["strokes"] == [[[1.0, 2.0, 0], [3.0, 4.0, 9]]] for r in stored)
    digests = [r["sha256"].encode() for r in stored]
    for name, content in files(flow_kiosk).items():
        assert MARKER not in content, name
        for digest in digests:
            assert digest not in content, name
    assert flow_kiosk.status().signatures_pending == 0


def test_an_event_the_server_lacks_is_retried_next_round(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    signed_check_in(flow, flow_kiosk)
    flow.signature_status, flow.signature_code = 409, "unknown_event"
    report = flow_kiosk.sync.run_once()
    assert report.ok and report.signatures_uploaded == 0 and report.signatures_waiting == 2
    assert flow_kiosk.store.count("signed_records", "status = 'pending'") == 2
    flow.signature_status = None
    assert flow_kiosk.sync.run_once().signatures_uploaded == 2
    assert flow_kiosk.store.count("signed_records") == 0


def test_records_wait_while_their_event_is_unanswered(flow: FlowAtrium, flow_kiosk: Kiosk) -> None:
    signed_check_in(flow, flow_kiosk)
    flow.drop_push_response = 1  # the push answer is lost: the event stays pending
    report = flow_kiosk.sync.run_once()
    assert not report.ok and "/device/signatures" not in flow.requests
    assert flow_kiosk.sync.run_once().signatures_uploaded == 2


def test_a_record_the_server_refuses_is_kept_and_reported(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    signed_check_in(flow, flow_kiosk)
    flow.signature_status = 422
    report = flow_kiosk.sync.run_once()
    assert report.accepted == 1 and report.signatures_refused == 2
    errors = [r[0] for r in flow_kiosk.store.conn.execute("SELECT error FROM signed_records")]
    assert errors == ["HTTP 422 hash_mismatch: hash mismatch"] * 2
    assert flow_kiosk.status().signatures_refused == 2
    flow.signature_status = None
    assert flow_kiosk.sync.run_once().signatures_uploaded == 0  # kept, not resent by itself
    assert flow_kiosk.store.count("signed_records") == 2


def test_a_server_error_on_upload_keeps_the_record_for_the_next_round(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    signed_check_in(flow, flow_kiosk)
    flow.signature_status = 503
    report = flow_kiosk.sync.run_once()
    assert report.error_kind == "server_error" and report.queue_depth == 0
    assert flow_kiosk.store.count("signed_records", "status = 'pending'") == 2
    flow.signature_status = None
    assert flow_kiosk.sync.run_once().signatures_uploaded == 2


def test_a_walk_in_record_carries_the_visit_the_server_made(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    docs = flow_kiosk.walk_ins.pending_documents("Ada Lovelace", None, "H1")
    event_id = flow_kiosk.walk_ins.register(
        "Ada Lovelace", None, "H1", signatures=[Signature(d, make_png(), [], 1.0) for d in docs]
    )
    assert flow_kiosk.sync.run_once().signatures_uploaded == 2
    visit_id = flow.answers[event_id]["visit_id"]
    assert {r["visit_id"] for r in flow.stored.values()} == {visit_id}
    assert all(r["event_id"] == event_id for r in flow.stored.values())
    answer = json.loads(
        flow_kiosk.store.conn.execute(
            "SELECT answer FROM queue WHERE event_id = ?", (event_id,)
        ).fetchone()[0]
    )
    assert answer["host_notified"] is True


def test_records_stored_before_a_failure_are_deleted_and_the_rest_kept(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    texts = [flow.make_pass()[0] for _ in range(5)]
    flow_kiosk.sync.run_once()
    for n, text in enumerate(texts):
        docs = flow_kiosk.checkin.verify(text).pending_documents
        png = make_png(f"m{n}".encode())
        assert flow_kiosk.checkin.check_in(
            text, [Signature(d, png, [], 1.0) for d in docs]
        ).accepted
    flow.fail_after_stored = 3
    report = flow_kiosk.sync.run_once()
    assert report.error_kind == "server_error" and report.accepted == 5
    assert report.signatures_uploaded == 3 and len(flow.stored) == 3
    assert flow_kiosk.store.count("signed_records", "status = 'pending'") == 7
    flow.fail_after_stored = None
    assert flow_kiosk.sync.run_once().signatures_uploaded == 7
    assert len(flow.stored) == 10 and flow_kiosk.store.count("signed_records") == 0
