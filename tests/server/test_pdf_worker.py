"""The background PDF renderer: waits for a quiet moment, survives failures, sweeps first."""

from __future__ import annotations

import logging
import time

import pytest

from server_stub import pdf_worker
from server_stub.pdf_worker import PdfWorker


def test_a_burst_of_uploads_is_answered_before_rendering_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(pdf_worker, "QUIET_S", 0.3)
    rendered: list[tuple[str, str, float]] = []
    worker = PdfWorker(lambda t, r: rendered.append((t, r, time.monotonic())), lambda: [])
    try:
        for n in range(5):  # uploads 0.1 s apart: never quiet for 0.3 s
            worker.submit("ab12", f"r{n}")
            time.sleep(0.1)
        assert rendered == []
        last = time.monotonic()
        assert worker.drain(10)
        assert [r for _, r, _ in rendered] == [f"r{n}" for n in range(5)]
        assert rendered[0][2] >= last + 0.15  # only once the uploads stopped
    finally:
        worker.close()


def test_a_failed_render_is_logged_and_the_rest_go_on(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(pdf_worker, "QUIET_S", 0.0)
    done: list[str] = []

    def render(tenant_id: str, record_id: str) -> None:
        if record_id == "bad":
            raise RuntimeError("Ada Lovelace's PDF")  # a message that names a person
        done.append(record_id)

    worker = PdfWorker(render, lambda: [("ab12", "swept")])
    with caplog.at_level(logging.WARNING, logger="atrium.server"):
        worker.submit("ab12", "bad")
        worker.submit("ab12", "good")
        assert worker.drain(10)
    worker.close()
    assert sorted(done) == ["good", "swept"]  # and the sweep of PDFs missing from before
    [line] = [r.getMessage() for r in caplog.records]
    assert "RuntimeError" in line and "rendered when downloaded" in line and "Ada" not in line
    assert worker._thread is not None and not worker._thread.is_alive()  # closed
