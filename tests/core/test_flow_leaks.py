"""Names typed at the kiosk and signed records leave no trace once purged or unpaired."""

from __future__ import annotations

import time
from pathlib import Path

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.signed_records import Signature
from kiosk_app.core.store import DB_FILE
from tests.core.flow_fake import FlowAtrium, make_png

NAME, COMPANY, INK = "Zebedee Quintrell", "Xylophonics GmbH", b"ink-5d1e0b"


def raw_files(kiosk: Kiosk) -> bytes:
    base = kiosk.store.data_dir / DB_FILE
    return b"".join(p.read_bytes() for p in (base, Path(f"{base}-wal")) if p.exists())


def walk_in(kiosk: Kiosk) -> str:
    docs = kiosk.walk_ins.pending_documents(NAME, COMPANY, "H1")
    signatures = [Signature(d, make_png(INK), [[(1.0, 1.0, 0)]], 1.0) for d in docs]
    return kiosk.walk_ins.register(NAME, COMPANY, "H1", signatures=signatures)


def test_unpairing_removes_walk_in_names_and_unsent_signed_records(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    flow.offline = True
    walk_in(flow_kiosk)
    assert NAME.encode() in raw_files(flow_kiosk) and INK in raw_files(flow_kiosk)
    assert flow_kiosk.unpair() == 1  # the walk-in is held for export, without its name
    content = raw_files(flow_kiosk)
    for secret in (NAME.encode(), COMPANY.encode(), INK, b"Grace Hopper"):
        assert secret not in content, secret


def test_a_synced_walk_in_loses_its_name_when_its_day_is_over(
    flow: FlowAtrium, flow_kiosk: Kiosk
) -> None:
    event_id = walk_in(flow_kiosk)
    report = flow_kiosk.sync.run_once()
    assert report.accepted == 1 and report.signatures_uploaded == 2
    flow_kiosk.store.purge(retention_s=7 * 86400.0, now=time.time() + 13 * 3600)
    flow_kiosk.store.checkpoint()
    content = raw_files(flow_kiosk)
    for secret in (NAME.encode(), COMPANY.encode(), INK):
        assert secret not in content, secret
    assert flow_kiosk.walk_ins.outcome(event_id).status == "confirmed"
