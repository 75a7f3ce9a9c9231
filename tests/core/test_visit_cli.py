"""atrium-kiosk checkout, walk-in and documents: messages, --json and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kiosk_app import cli
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.kiosk import Kiosk
from tests.core.fake_server import URL
from tests.core.flow_fake import FlowAtrium

Run = Callable[..., tuple[int, object]]


@pytest.fixture
def run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*argv: str, json_out: bool = False) -> tuple[int, object]:
        base = ["--data-dir", str(tmp_path / "kiosk"), "--credential-store", "file"]
        code = cli.main([*base, *(["--json"] if json_out else []), *argv])
        captured = capsys.readouterr()
        invoke.err = captured.err  # type: ignore[attr-defined]
        out = captured.out
        return code, json.loads(out) if json_out and out.strip() else out

    return invoke


@pytest.fixture
def paired(tmp_path: Path, flow: FlowAtrium) -> Callable[[], None]:
    """Pairs the CLI's data dir with the fake server and pulls; call again to pull again."""
    config = KioskConfig(data_dir=tmp_path / "kiosk", credential_store="file")
    with Kiosk.open(config, transport=flow.transport) as kiosk:
        kiosk.pair(URL, flow.code, kiosk_name="Lobby 1")

    def pull() -> None:
        with Kiosk.open(config, transport=flow.transport) as kiosk:
            assert kiosk.sync.run_once().ok

    pull()
    return pull


def test_documents_lists_the_cached_versions(run: Run, paired: Callable[[], None]) -> None:
    code, out = run("documents")
    assert code == cli.EXIT_OK
    assert out.splitlines() == [
        "1. D1 version 3: en: NDA | de: Geheimhaltung",
        "2. D2 version 1: de: Sicherheit",
    ]
    code, data = run("documents", json_out=True)
    assert [(d["document_id"], d["version"], d["languages"]) for d in data] == [
        ("D1", 3, ["en", "de"]),
        ("D2", 1, ["de"]),
    ]


def test_walk_in_with_documents_to_sign_is_refused_clearly(
    run: Run, paired: Callable[[], None]
) -> None:
    code, data = run("walk-in", "--name", "Ada Lovelace", "--host", "grace", json_out=True)
    assert code == cli.EXIT_REFUSED and data["reason"] == "documents_pending"
    assert "NDA, Sicherheit" in data["message"] and "kiosk screen" in data["message"]


def test_walk_in_queues_an_event_for_the_named_host(
    run: Run, flow: FlowAtrium, paired: Callable[[], None]
) -> None:
    flow.documents = []
    paired()
    code, data = run(
        "walk-in",
        "--name",
        "Ada Lovelace",
        "--host",
        "Jurgen Weiss",
        "--company",
        "AE",
        json_out=True,
    )
    assert code == cli.EXIT_OK and data["host"] == "Jürgen Weiß" and data["queue_depth"] == 1
    code, out = run("walk-in", "--name", "Bob", "--host", "nobody")
    assert code == cli.EXIT_REFUSED and "No host in this site's directory" in run.err
    code, out = run("walk-in", "--name", "   ", "--host", "Grace Hopper")
    assert code == cli.EXIT_REFUSED and "Please type your full name." in out


def test_an_ambiguous_host_name_lists_the_candidates(
    run: Run, flow: FlowAtrium, paired: Callable[[], None]
) -> None:
    flow.documents = []
    flow.hosts.append({"host_id": "H3", "name": "Grace Kelly"})
    paired()
    code, _ = run("walk-in", "--name", "Ada Lovelace", "--host", "Grace")
    assert code == cli.EXIT_REFUSED
    assert "2 hosts match 'Grace' (Grace Hopper, Grace Kelly)" in run.err


def test_checkout_by_pass_text(run: Run, flow: FlowAtrium, paired: Callable[[], None]) -> None:
    flow.documents = []
    text, _ = flow.make_pass(visitor="Ada Lovelace")
    paired()
    code, out = run("checkout", "--text", text)
    assert code == cli.EXIT_REFUSED and "not_checked_in" in out
    assert run("checkin", "--text", text)[0] == cli.EXIT_OK
    code, data = run("checkout", "--text", text, json_out=True)
    assert code == cli.EXIT_OK
    assert data[0]["verdict"] == "checked_out"
    assert data[0]["message"] == "Goodbye, Ada Lovelace! Thank you for visiting."
    code, out = run("checkout", "--lang", "de", "--text", text)
    assert code == cli.EXIT_REFUSED and "Sie haben sich bereits abgemeldet." in out
    assert run("checkout")[0] == cli.EXIT_USAGE


def test_the_commands_need_a_paired_kiosk(run: Run) -> None:
    assert run("checkout", "--text", "x")[0] == cli.EXIT_NOT_PAIRED
    assert run("walk-in", "--name", "A B", "--host", "C")[0] == cli.EXIT_NOT_PAIRED
    code, out = run("documents")
    assert code == cli.EXIT_OK and "No documents cached" in out


def test_status_counts_signed_records_waiting_and_refused(
    run: Run, tmp_path: Path, flow: FlowAtrium, paired: Callable[[], None]
) -> None:
    from kiosk_app.core.signed_records import Signature
    from tests.core.flow_fake import PNG

    config = KioskConfig(data_dir=tmp_path / "kiosk", credential_store="file")
    text, _ = flow.make_pass()
    with Kiosk.open(config, transport=flow.transport) as kiosk:
        kiosk.sync.run_once()
        docs = kiosk.checkin.verify(text).pending_documents
        assert kiosk.checkin.check_in(text, [Signature(d, PNG, [], 1.0) for d in docs]).accepted
    code, out = run("status")
    assert code == cli.EXIT_OK and "Signed docs:   2 waiting to upload\n" in out
    flow.signature_status = 422
    paired()
    code, data = run("status", json_out=True)
    assert (data["signatures_pending"], data["signatures_refused"]) == (0, 2)
    assert "2 refused by the server (kept)" in run("status")[1]
