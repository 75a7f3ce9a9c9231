"""Signed records over HTTPS (a real uvicorn, both backends): four kiosks' uploads at once,
each stored once, the pull tells what was signed, the PDFs follow in the background."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from server_stub import documents, signatures
from server_stub.embedded import EmbeddedServer
from tests.server.documents_helpers import nda_texts, record
from tests.server.helpers import bearer, event
from tests.server.test_wire import https, redeem, server  # noqa: F401 (the fixture)


def test_uploads_over_https_are_stored_once_and_show_in_the_pull(
    server: EmbeddedServer,  # noqa: F811
) -> None:
    service = server._service
    document_id = documents.publish(service, server.tenant_id, nda_texts())["document_id"]
    documents.assign(service, server.tenant_id, None, [document_id])
    token = redeem(server, "Upload kiosk")["device_token"]
    visits = [server.create_visit(f"Visitor {n}", "Grace Hopper", arrive=None, depart=None)
              for n in range(6)]
    pushed = [event(v["pass"], time.time()) for v in visits]
    bodies = [record(e["event_id"], document_id) for e in pushed]
    with https(server) as client:
        answer = client.post("/api/v1/device/checkins", headers=bearer(token),
                             json={"events": pushed})
        assert [r["status"] for r in answer.json()["results"]] == ["accepted"] * 6

        def send(body: dict[str, Any]) -> Any:
            return client.post("/api/v1/device/signatures", headers=bearer(token), json=body)

        with ThreadPoolExecutor(4) as pool:  # like a kiosk: four in flight, each one twice
            replies = list(pool.map(send, bodies + bodies))
        assert all(r.status_code == 200 for r in replies), [r.text for r in replies]
        assert {r.json()["record_id"] for r in replies} == {b["record_id"] for b in bodies}
        pulled = client.get("/api/v1/device/pull", headers=bearer(token)).json()
    signed = {v["visit_id"]: v["signed"] for v in pulled["expected_visits"]}
    for visit in visits:
        assert signed[visit["visit_id"]] == [{"document_id": document_id, "version": 1}]
        assert len(signatures.for_visit(service, server.tenant_id, visit["visit_id"])) == 1
    assert service.pdf_worker.drain(120)
    assert signatures.pending(service) == []
