"""End to end over HTTPS: signed check-ins and their PDFs, walk-ins and check-outs."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.signed_records import Signature, record_digest
from kiosk_app.core.verdicts import VerdictCode
from server_stub import documents, reception, signatures
from server_stub.embedded import EmbeddedServer

NDA = {
    "en": (
        "Non-disclosure agreement",
        "<h1>Non-disclosure agreement</h1><p>I, {{visitor_name}} of {{company}}, visiting "
        "{{host_name}} at {{site_name}} on {{visit_date}}, keep what I see confidential.</p>",
    ),
    "de": (
        "Geheimhaltungsvereinbarung",
        "<h1>Geheimhaltung</h1><p>Ich, {{visitor_name}} von {{company}}, besuche "
        "{{host_name}}.</p>",
    ),
}
SAFETY = {"en": ("Safety rules", "<h2>Safety rules</h2><p>Wear the badge.</p>")}


def signature_png(seed: int = 0) -> tuple[bytes, list[list[tuple[float, float, int]]]]:
    """A signature drawn like a finger would, on a transparent background, and its strokes."""
    rng = np.random.default_rng(seed)
    image = np.zeros((300, 1200, 4), np.uint8)
    strokes = []
    t = 0
    for start in (80, 420, 760):
        points = []
        x, y = float(start), 150.0
        for _ in range(60):
            x += float(rng.uniform(2, 7))
            y = float(np.clip(y + rng.normal(0, 9), 30, 270))
            t += 8
            points.append((x, y, t))
        cv2.polylines(
            image,
            [np.array([(int(p[0]), int(p[1])) for p in points], np.int32)],
            False,
            (90, 30, 20, 255),
            5,
            cv2.LINE_AA,
        )
        strokes.append(points)
        t += 300
    ok, encoded = cv2.imencode(".png", image)
    assert ok
    return encoded.tobytes(), strokes


def require_documents(server: EmbeddedServer, *texts: dict[str, tuple[str, str]]) -> list[str]:
    service = server._service
    ids = [str(documents.publish(service, server.tenant_id, t)["document_id"]) for t in texts]
    documents.assign(service, server.tenant_id, None, ids)
    return ids


def sign(kiosk: Kiosk, pending: tuple[Any, ...], seed: int = 0) -> list[Signature]:
    result = []
    for offset, document in enumerate(pending):
        png, strokes = signature_png(seed + offset)
        result.append(Signature(document, png, strokes, 1_800_000_000.0 + offset))
    return result


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_a_signed_check_in_reaches_the_server_and_its_pdf_has_the_right_hash(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk], tmp_path: Path
) -> None:
    nda_id, safety_id = require_documents(server, NDA, SAFETY)
    kiosk = make_kiosk()
    visit = server.create_visit(visitor="Zoë Ünal", host="Grace Hopper")
    assert kiosk.sync.run_once().documents == 2
    server.stop()  # signed offline
    verdict = kiosk.checkin.verify(visit["pass"])
    assert [d.document_id for d in verdict.pending_documents] == [nda_id, safety_id]
    assert "Zoë Ünal of \u2014, visiting Grace Hopper at Berlin HQ" in (
        verdict.pending_documents[0].html
    )
    signed = sign(kiosk, verdict.pending_documents)
    assert kiosk.checkin.check_in(visit["pass"], signed).accepted
    server.start()
    report = kiosk.sync.run_once()
    assert report.ok and report.accepted == 1 and report.signatures_uploaded == 2
    assert kiosk.store.count("signed_records") == 0
    records = signatures.for_visit(server._service, server.tenant_id, visit["visit_id"])
    assert sorted(r["document_id"] for r in records) == sorted([nda_id, safety_id])
    nda = next(r for r in records if r["document_id"] == nda_id)
    expected = record_digest(signed[0].document.html, signed[0].png)
    assert nda["sha256"] == expected
    _, pdf = signatures.pdf(server._service, server.tenant_id, nda["record_id"], "test")
    assert pdf.startswith(b"%PDF-")
    (tmp_path / "nda.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "nda.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert expected in text and "Zoë Ünal" in text and visit["visit_id"] in text
    # the next pull says the visit signed both: nothing is left to sign
    kiosk.sync.run_once()
    assert kiosk.documents.pending_for(visit["visit_id"], "en") == []


def test_a_walk_in_makes_a_visit_and_exactly_one_host_message(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    service = server._service
    host_id = service.add_host(server.tenant_id, "Grace Hopper", "grace@acme.example")
    kiosk = make_kiosk()
    assert kiosk.sync.run_once().hosts == 1 and kiosk.walk_ins.enabled()
    (host,) = kiosk.walk_ins.hosts("grac")
    assert host.host_id == host_id
    server.stop()
    event_id = kiosk.walk_ins.register("Ada Lovelace", "Analytical Engines", host_id, "en")
    assert kiosk.walk_ins.outcome(event_id).status == "pending"
    assert [w.short_name for w in kiosk.checkout.walk_ins_today()] == ["Ada L."]
    server.start()
    assert kiosk.sync.run_once().accepted == 1
    outcome = kiosk.walk_ins.outcome(event_id)
    assert outcome.message() == "Thank you, Ada. Grace Hopper knows you are here."
    visit = reception.visit(service, server.tenant_id, str(outcome.visit_id))
    assert visit["walk_in"] and visit["visitor"] == "Ada Lovelace"
    assert visit["checked_in_at"] is not None
    messages = service.visit_messages(server.tenant_id, str(outcome.visit_id))
    assert [(m["kind"], m["host_id"]) for m in messages] == [("arrival", host_id)]
    # sending the same event again (a lost answer) makes no second visit or message
    kiosk.store.conn.execute("UPDATE queue SET status = 'pending'")
    assert kiosk.sync.run_once().accepted == 1
    assert len(service.visit_messages(server.tenant_id, str(outcome.visit_id))) == 1
    assert [w.visit_id for w in kiosk.checkout.walk_ins_today()] == [outcome.visit_id]
    # and the walk-in leaves by picking their name
    assert kiosk.checkout.check_out_walk_in(event_id).code == VerdictCode.CHECKED_OUT
    kiosk.sync.run_once()
    left = reception.visit(service, server.tenant_id, str(outcome.visit_id))["left"]
    assert left is not None and left["how"] == "kiosk"
    assert kiosk.checkout.walk_ins_today() == []


def test_a_check_out_turns_the_visit_to_left(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    kiosk = make_kiosk()
    visit = server.create_visit(visitor="Ada Lovelace")
    kiosk.sync.run_once()
    assert kiosk.checkin.check_in(visit["pass"]).accepted
    assert kiosk.checkout.check_out(visit["pass"]).message().startswith("Goodbye, Ada Lovelace!")
    report = kiosk.sync.run_once()
    assert report.ok and report.accepted == 2
    info = reception.visit(server._service, server.tenant_id, visit["visit_id"])
    assert info["left"] == {"how": "kiosk", "at": info["checked_out_at"], "kiosk": "Lobby 1"}
    today = reception.today(server._service, server.tenant_id, server.site_id)
    assert [v["visit_id"] for v in today["groups"]["left"]] == [visit["visit_id"]]
    assert today["groups"]["on_site"] == []
    assert kiosk.checkout.check_out(visit["pass"]).code == VerdictCode.ALREADY_CHECKED_OUT


def test_two_offline_kiosks_checking_out_the_same_visit_give_one_check_out(
    server: EmbeddedServer, make_kiosk: Callable[..., Kiosk]
) -> None:
    lobby, garage = make_kiosk("Lobby 1"), make_kiosk("Garage")
    visit = server.create_visit(visitor="Ada Lovelace")
    lobby.sync.run_once()
    assert lobby.checkin.check_in(visit["pass"]).accepted
    assert lobby.sync.run_once().accepted == 1
    garage.sync.run_once()  # learns the check-in from the pull
    server.stop()
    assert lobby.checkout.check_out(visit["pass"]).code == VerdictCode.CHECKED_OUT
    assert garage.checkout.check_out(visit["pass"]).code == VerdictCode.CHECKED_OUT
    server.start()
    first, second = garage.sync.run_once(), lobby.sync.run_once()
    assert (first.accepted, first.duplicates) == (1, 0)
    assert (second.accepted, second.duplicates) == (0, 1)
    assert lobby.conflicts() == []  # a second check-out is no conflict for staff
    info = reception.visit(server._service, server.tenant_id, visit["visit_id"])
    assert info["left"]["kiosk"] == "Garage"
    checkouts = [e for e in info["timeline"] if e["kind"] == "checked_out_kiosk"]
    assert len(checkouts) == 1
    lobby.sync.run_once()
    assert lobby.checkout.verify(visit["pass"]).code == VerdictCode.ALREADY_CHECKED_OUT
