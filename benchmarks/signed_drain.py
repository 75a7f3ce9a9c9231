"""Drain 100 signed check-ins, queued offline, to the local server over HTTPS; prints seconds.

Run from the repository with the package importable (``pip install -e .``, or from a source
checkout with ``PYTHONPATH=.``):

    python benchmarks/signed_drain.py                 # 100 check-ins, 2 documents each
    python benchmarks/signed_drain.py --checkins 50 --documents 1

Starts the real server (uvicorn, HTTPS, private CA) on 127.0.0.1, publishes the documents and
requires them at the site, pairs a kiosk and pulls, stops the server, checks every visitor in
offline with a drawn signature per document (a 1200x300 transparent PNG with three strokes
of 60 timed points), starts the server again and times one ``SyncEngine.run_once()``: the
push of the check-ins, then one upload per signed record (the server checks each digest,
stores it and renders its archival PDF), then the pull. Target: < 10 s.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.signed_records import Signature
from server_stub import documents
from server_stub.embedded import EmbeddedServer

TARGET_S = 10.0
TEMPLATE = (
    "<h1>{title}</h1><p>I, {{{{visitor_name}}}} of {{{{company}}}}, visiting {{{{host_name}}}} "
    "at {{{{site_name}}}} on {{{{visit_date}}}}, have read and accept these terms.</p>"
    + "<p>Clause {n}: what I see and hear on site stays confidential.</p>" * 12
)


def signature(seed: int) -> tuple[bytes, list[list[tuple[float, float, int]]]]:
    """A finger-drawn signature: a transparent PNG and its timed strokes."""
    rng = np.random.default_rng(seed)
    image = np.zeros((300, 1200, 4), np.uint8)
    strokes, t = [], 0
    for start in (80, 420, 760):
        x, y, points = float(start), 150.0, []
        for _ in range(60):
            x += float(rng.uniform(2, 7))
            y = float(np.clip(y + rng.normal(0, 9), 30, 270))
            t += 8
            points.append((x, y, t))
        line = np.array([(int(p[0]), int(p[1])) for p in points], np.int32)
        cv2.polylines(image, [line], False, (90, 30, 20, 255), 5, cv2.LINE_AA)
        strokes.append(points)
        t += 300
    ok, encoded = cv2.imencode(".png", image)
    if not ok:
        raise RuntimeError("OpenCV could not encode a PNG")
    return encoded.tobytes(), strokes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--checkins", type=int, default=100)
    parser.add_argument("--documents", type=int, default=2)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="signed-drain-") as tmp:
        root = Path(tmp)
        with EmbeddedServer(root / "server") as server:
            service = server._service
            ids = [
                documents.publish(
                    service,
                    server.tenant_id,
                    {"en": (f"Document {n}", TEMPLATE.format(title=f"Document {n}", n=n))},
                )["document_id"]
                for n in range(1, args.documents + 1)
            ]
            documents.assign(service, server.tenant_id, None, ids)
            config = KioskConfig(data_dir=root / "kiosk", credential_store="memory")
            with Kiosk.open(config, credentials=MemoryCredentialStore()) as kiosk:
                kiosk.pair(server.url, server.pairing_code(kiosk_name="Bench"), server.ca_cert)
                passes = [
                    server.create_visit(visitor=f"Visitor {i}")["pass"]
                    for i in range(args.checkins)
                ]
                kiosk.sync.run_once()
                server.stop()
                drawn = [signature(i) for i in range(args.documents)]
                started = time.perf_counter()
                for text in passes:
                    pending = kiosk.checkin.verify(text).pending_documents
                    signed = [
                        Signature(doc, png, strokes, time.time())
                        for doc, (png, strokes) in zip(pending, drawn, strict=True)
                    ]
                    if not kiosk.checkin.check_in(text, signed).accepted:
                        print("a fresh pass was refused", file=sys.stderr)
                        return 1
                queued = time.perf_counter() - started
                records = kiosk.store.count("signed_records")
                size = kiosk.store.conn.execute(
                    "SELECT AVG(LENGTH(png) + LENGTH(html) + LENGTH(strokes)) FROM signed_records"
                ).fetchone()[0]
                server.start()
                started = time.perf_counter()
                report = kiosk.sync.run_once()
                drained = time.perf_counter() - started
                left = kiosk.store.count("signed_records")
            rendered = service.pdf_worker.drain(timeout=300.0)  # before the data dir goes
            archived = time.perf_counter() - started
    print(
        f"checked in {args.checkins} visitors offline with {records} signed records "
        f"(about {size / 1024:.0f} KB each) in {queued:.2f} s"
    )
    print(
        f"drained {report.accepted} check-ins and {report.signatures_uploaded} signed records "
        f"over HTTPS in {drained:.2f} s (target < {TARGET_S:.0f} s); left on the kiosk: {left}"
    )
    print(
        f"every archival PDF rendered {archived:.2f} s after the drain began"
        if rendered
        else "the archival PDFs were not all rendered within 300 s"
    )
    ok = (
        report.ok
        and report.accepted == args.checkins
        and report.signatures_uploaded == records == args.checkins * args.documents
        and left == 0
        and drained < TARGET_S
    )
    print("PASS" if ok else "MISS")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
