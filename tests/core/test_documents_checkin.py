"""Documents to sign: the cache, pending_for, and check_in recording signatures atomically."""

from __future__ import annotations

import sqlite3

import pytest

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.safe_html import UNKNOWN
from kiosk_app.core.signed_records import Signature, SignatureError, record_digest
from kiosk_app.core.store import StoreError
from kiosk_app.core.verdicts import VerdictCode
from tests.core.flow_fake import PNG, FlowAtrium, make_png

STROKES = [[(10.0, 20.0, 0), (11.5, 22.0, 16)], [(30.0, 5.0, 400)]]


def sign_all(verdict_docs: tuple, at: float = 1_764_370_001.5) -> list[Signature]:
    return [Signature(doc, make_png(doc.document_id.encode()), STROKES, at) for doc in verdict_docs]


def counts(kiosk: Kiosk) -> tuple[int, int, int]:
    store = kiosk.store
    return store.count("used_passes"), store.count("queue"), store.count("signed_records")


def test_the_cache_lists_versions_and_languages(flow_kiosk: Kiosk) -> None:
    listed = [(d.document_id, d.version, d.languages) for d in flow_kiosk.documents.list()]
    assert listed == [("D1", 3, ("en", "de")), ("D2", 1, ("de",))]
    assert flow_kiosk.documents.list()[0].titles == {"en": "NDA", "de": "Geheimhaltung"}


def test_pending_documents_are_filled_in_in_the_visitors_language(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    text, claims = flow.make_pass(visitor="Ada <Lovelace>")
    flow.visit_extra[claims.visit_id] = {"company": "Analytical Engines"}
    flow_kiosk.sync.run_once()
    verdict = flow_kiosk.checkin.verify(text, language="de")
    assert verdict.accepted
    first, second = verdict.pending_documents
    assert (first.document_id, first.version, first.language) == ("D1", 3, "de")
    assert first.html == (
        "<h1>NDA</h1><p>Ada &lt;Lovelace&gt; von Analytical Engines besucht Grace Hopper.</p>"
    )
    assert (second.language, second.title) == ("de", "Sicherheit")  # no English text: the first
    english = flow_kiosk.checkin.verify(text, language="fr").pending_documents[0]
    assert english.language == "en" and "at Berlin HQ." in english.html


def test_an_unknown_visit_gets_neutral_placeholders(flow_kiosk: Kiosk) -> None:
    (nda, _) = flow_kiosk.documents.pending_for(None, "en")
    assert nda.html == f"<h1>NDA</h1><p>{UNKNOWN} of {UNKNOWN} visits {UNKNOWN} at Berlin HQ.</p>"


def test_versions_the_visit_signed_already_are_skipped(flow: FlowAtrium, flow_kiosk: Kiosk) -> None:
    text, claims = flow.make_pass()
    flow.visit_extra[claims.visit_id] = {
        "signed": [{"document_id": "D1", "version": 3}, {"document_id": "D2", "version": 0}]
    }
    flow_kiosk.sync.run_once()
    assert [d.document_id for d in flow_kiosk.checkin.verify(text).pending_documents] == ["D2"]
    flow.visit_extra[claims.visit_id] = {"signed": [{"document_id": "D1", "version": 2}]}
    flow_kiosk.sync.run_once()  # an older version signed: the current one is due
    assert len(flow_kiosk.checkin.verify(text).pending_documents) == 2


def test_a_pass_with_pending_documents_and_no_signatures_is_not_recorded(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    text, _ = flow.make_pass()
    before = counts(flow_kiosk)
    refused = flow_kiosk.checkin.check_in(text)
    assert refused.code == VerdictCode.DOCUMENTS_PENDING and not refused.accepted
    assert [d.document_id for d in refused.pending_documents] == ["D1", "D2"]
    assert "sign" in refused.message()
    assert counts(flow_kiosk) == before
    partial = flow_kiosk.checkin.check_in(text, sign_all(refused.pending_documents[:1]))
    assert partial.code == VerdictCode.DOCUMENTS_PENDING
    assert [d.document_id for d in partial.pending_documents] == ["D2"]
    assert counts(flow_kiosk) == before
    assert flow_kiosk.checkin.verify(text).accepted  # the pass is still unused


def test_check_in_records_the_pass_and_one_signed_record_per_document(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    text, claims = flow.make_pass()
    flow_kiosk.sync.run_once()
    docs = flow_kiosk.checkin.verify(text).pending_documents
    verdict = flow_kiosk.checkin.check_in(text, sign_all(docs))
    assert verdict.accepted and verdict.display_name == "Ada Lovelace"
    rows = flow_kiosk.store.conn.execute(
        "SELECT r.event_id, r.visit_id, r.document_id, r.version, r.html, r.png, r.sha256, "
        "q.event_id AS queued FROM signed_records r JOIN queue q ON q.event_id = r.event_id "
        "ORDER BY r.document_id"
    ).fetchall()
    assert [(r["document_id"], r["version"], r["visit_id"]) for r in rows] == [
        ("D1", 3, claims.visit_id),
        ("D2", 1, claims.visit_id),
    ]
    assert all(r["sha256"] == record_digest(r["html"], r["png"]) for r in rows)
    assert rows[0]["html"] == docs[0].html
    assert flow_kiosk.checkin.check_in(text, sign_all(docs)).code == VerdictCode.ALREADY_USED
    assert flow_kiosk.store.count("signed_records") == 2


def test_a_site_without_documents_checks_in_as_before(flow: FlowAtrium, flow_kiosk: Kiosk) -> None:
    flow.documents = []
    flow_kiosk.sync.run_once()
    text, _ = flow.make_pass()
    assert flow_kiosk.checkin.verify(text).pending_documents == ()
    assert flow_kiosk.checkin.check_in(text).accepted


def test_a_failing_signed_record_write_leaves_the_pass_unused(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    text, _ = flow.make_pass()
    docs = flow_kiosk.checkin.verify(text).pending_documents
    flow_kiosk.store.conn.execute(
        "CREATE TRIGGER boom BEFORE INSERT ON signed_records "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
    )
    with pytest.raises(StoreError, match="nothing was saved"):
        flow_kiosk.checkin.check_in(text, sign_all(docs))
    assert counts(flow_kiosk) == (0, 0, 0)
    flow_kiosk.store.conn.execute("DROP TRIGGER boom")
    assert flow_kiosk.checkin.check_in(text, sign_all(docs)).accepted


@pytest.mark.parametrize(
    ("png", "strokes", "at"),
    [
        (b"GIF89a", STROKES, 1.0),
        (PNG + b"\0" * (512 * 1024), STROKES, 1.0),
        (PNG, [[(1.0, 2.0)]], 1.0),
        (PNG, [[(1.0, float("nan"), 3)]], 1.0),
        (PNG, STROKES, float("inf")),
    ],
)
def test_a_signature_that_is_not_one_is_refused_before_anything_is_written(
    flow: FlowAtrium, flow_kiosk: Kiosk, png: bytes, strokes: list, at: float
) -> None:
    text, _ = flow.make_pass()
    docs = flow_kiosk.checkin.verify(text).pending_documents
    bad = [Signature(docs[0], png, strokes, at), *sign_all(docs[1:])]
    with pytest.raises(SignatureError):
        flow_kiosk.checkin.check_in(text, bad)
    assert counts(flow_kiosk) == (0, 0, 0)


def test_the_documents_cache_is_replaced_on_every_pull(flow: FlowAtrium, flow_kiosk: Kiosk) -> None:
    flow.documents = flow.documents[1:]
    report = flow_kiosk.sync.run_once()
    assert report.documents == 1
    assert [d.document_id for d in flow_kiosk.documents.list()] == ["D2"]


def test_signed_records_and_caches_go_with_the_pairing(flow: FlowAtrium, flow_kiosk: Kiosk) -> None:
    text, _ = flow.make_pass()
    docs = flow_kiosk.checkin.verify(text).pending_documents
    flow_kiosk.checkin.check_in(text, sign_all(docs))
    flow_kiosk.unpair()
    for table in ("signed_records", "documents", "hosts", "walk_ins"):
        assert flow_kiosk.store.count(table) == 0, table
    assert isinstance(flow_kiosk.store.conn, sqlite3.Connection)
