"""atrium-server document add|list|assign and visit show|documents, on both backends."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from server_stub import signatures
from server_stub.cli import main
from server_stub.service import AtriumService
from tests.server.documents_helpers import NDA_DE, NDA_EN, record
from tests.server.helpers import FakeClock, event, pair


def cli(
    capsys: pytest.CaptureFixture[str], service: AtriumService, *args: str
) -> tuple[int, str, str]:
    base = ["--data-dir", str(service.data_dir), "--database-url", service.store.url]
    code = main([*base, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def cli_json(capsys: pytest.CaptureFixture[str], service: AtriumService, *args: str) -> Any:
    code, out, err = cli(capsys, service, "--json", *args)
    assert code == 0, err
    return json.loads(out)


@pytest.fixture
def html_files(tmp_path: Path) -> dict[str, Path]:
    files = {"en": tmp_path / "nda-en.html", "de": tmp_path / "nda-de.html"}
    files["en"].write_text(NDA_EN, encoding="utf-8")
    files["de"].write_text(NDA_DE, encoding="utf-8")
    return files


def _add_args(files: dict[str, Path]) -> list[str]:
    return [
        "document", "add",
        "--title", "en=Non-disclosure agreement", "--html", f"en={files['en']}",
        "--title", "de=Geheimhaltungsvereinbarung", "--html", f"de={files['de']}",
    ]  # fmt: skip


def test_add_list_and_assign_documents(
    capsys: pytest.CaptureFixture[str], service: AtriumService, html_files: dict[str, Path]
) -> None:
    made = cli_json(capsys, service, *_add_args(html_files))
    assert made["version"] == 1 and made["published"] is True
    document_id = made["document_id"]
    again = cli_json(capsys, service, *_add_args(html_files), "--document", document_id)
    assert again == {"document_id": document_id, "version": 1, "published": False}
    html_files["en"].write_text(NDA_EN + "<p>Version two.</p>", encoding="utf-8")
    code, out, _ = cli(capsys, service, *_add_args(html_files), "--document", document_id)
    assert code == 0 and out.strip() == f"Document {document_id}: version 2 published"

    done = cli_json(capsys, service, "document", "assign", "--site", "Berlin HQ", document_id)
    assert done["documents"] == [document_id] and done["site"]["name"] == "Berlin HQ"
    [listed] = cli_json(capsys, service, "document", "list")["documents"]
    assert [v["version"] for v in listed["versions"]] == [2, 1]
    assert listed["sites"] == [{"id": done["site"]["id"], "name": "Berlin HQ", "position": 1}]
    code, out, _ = cli(capsys, service, "document", "list")
    assert code == 0 and f"{document_id}  v2  Non-disclosure agreement  (de, en)" in out
    assert "Berlin HQ #1" in out
    cleared = cli_json(capsys, service, "document", "assign")
    assert cleared["documents"] == []


@pytest.mark.parametrize(
    ("args", "status", "words"),
    [
        (["--title", "en=T", "--html", "en=/nonexistent/x.html"], 2, "cannot read"),
        (["--title", "en=T"], 2, "for each language"),
        (["--title", "fr=T", "--html", "fr=x.html"], 2, "a language is one of en, de"),
        (["--title", "en", "--html", "en=x"], 2, "LANGUAGE=VALUE"),
        (["--title", "en=T", "--html", "en={bad}"], 1, "placeholders are"),
        (["--title", "en=T", "--html", "en={latin1}"], 2, "not UTF-8"),
        (["--title", "en=T", "--html", "en={good}", "--document", "Dnope1"], 1, "not found"),
    ],
)
def test_bad_input_gives_one_line(
    capsys: pytest.CaptureFixture[str],
    service: AtriumService,
    tmp_path: Path,
    args: list[str],
    status: int,
    words: str,
) -> None:
    (tmp_path / "bad.html").write_text("<p>{{password}}</p>", encoding="utf-8")
    (tmp_path / "good.html").write_text("<p>Fine</p>", encoding="utf-8")
    (tmp_path / "latin1.html").write_bytes("<p>Grüße</p>".encode("latin-1"))
    paths = {k: str(tmp_path / f"{k}.html") for k in ("bad", "good", "latin1")}
    code, _, err = cli(capsys, service, "document", "add", *(a.format(**paths) for a in args))
    assert code == status, err
    assert err.count("\n") == 1 and words in err and "Traceback" not in err, err
    assert cli_json(capsys, service, "document", "list")["documents"] == []


def test_visit_show_and_documents(
    capsys: pytest.CaptureFixture[str],
    service: AtriumService,
    clock: FakeClock,
    html_files: dict[str, Path],
    tmp_path: Path,
) -> None:
    tenant_id = service.default_tenant()
    document_id = cli_json(capsys, service, *_add_args(html_files))["document_id"]
    cli_json(capsys, service, "document", "assign", document_id)
    visit = service.create_visit(
        tenant_id, visitor="Ada Lovelace", host="Grace Hopper", arrive=clock() - 60
    )
    clock.advance(-3600)
    _, token = pair(service, "Lobby 1")
    clock.advance(3600)
    device = service.authenticate(token)
    pushed = event(visit["pass"], clock())
    assert service.push_checkins(device, [pushed])[0]["status"] == "accepted"
    body = record(pushed["event_id"], document_id)
    assert signatures.upload(service, device, body)["status"] == "stored"

    shown = cli_json(capsys, service, "visit", "show", visit["visit_id"])
    assert shown["status"] == "on_site" and shown["visitor"] == "Ada Lovelace"
    assert [e["kind"] for e in shown["timeline"]] == ["created", "checked_in"]
    [signed] = shown["signed_documents"]
    assert (signed["document_id"], signed["version"], signed["language"]) == (document_id, 1, "en")
    assert signed["sha256"] == body["sha256"] and signed["kiosk_name"] == "Lobby 1"
    code, out, _ = cli(capsys, service, "visit", "show", visit["visit_id"])
    assert code == 0 and "Status: on site" in out
    assert f"Non-disclosure agreement ({document_id} v1, en)" in out and "Lobby 1" in out

    out_dir = tmp_path / "pdfs" / visit["visit_id"]
    written = cli_json(capsys, service, "visit", "documents", visit["visit_id"], "--out",
                       str(out_dir))
    [item] = written["files"]
    path = Path(item["file"])
    assert path.parent == out_dir and path.read_bytes().startswith(b"%PDF-")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(out_dir.stat().st_mode) == 0o700
    assert path.read_bytes() == signatures.pdf(service, tenant_id, body["record_id"], "-")[1]

    code, _, err = cli(capsys, service, "visit", "show", "NoSuchV1")
    assert code == 1 and err.count("\n") == 1 and "not found" in err
    (tmp_path / "afile").write_text("x")
    code, _, err = cli(capsys, service, "visit", "documents", visit["visit_id"], "--out",
                       str(tmp_path / "afile"))
    assert code == 2 and "is not a folder" in err
