"""E-mail through the CLI and the API: visit create --visitor-email, hosts, sites, outbox."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server_stub.cli import main
from server_stub.settings import Settings, SettingsError
from tests.server.helpers import admin_headers
from tests.server.mail.conftest import make_sender
from tests.server.mail.smtp_sink import SmtpSink

INIT = ["init", "--tenant", "Acme Corp", "--site", "Berlin HQ"]


@pytest.fixture(scope="module")
def initialised(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("mail-cli") / "server"
    assert main(["--data-dir", str(data_dir), *INIT]) == 0
    return data_dir


@pytest.fixture
def data_dir(initialised: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "server"
    shutil.copytree(initialised, copy)
    return copy


def run(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> Any:
    code, out, err = run(capsys, data_dir, "--json", *args)
    assert code == 0, err
    return json.loads(out)


def test_visit_create_with_an_email_queues_the_invitation_listed_by_outbox(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, data_dir, "visit", "create", "--visitor", "Ada Lovelace",
                         "--host", "Grace Hopper", "--visitor-email", "ada@example.org",
                         "--language", "de")
    assert code == 0, err
    assert "Invitation queued for ada@example.org" in out
    listed = run_json(capsys, data_dir, "outbox")["messages"]
    assert [(m["kind"], m["status"], m["recipient"]) for m in listed] == [
        ("invitation", "pending", "visitor")
    ]
    assert "ada@example.org" not in json.dumps(listed)  # recipients by reference only
    code, out, _ = run(capsys, data_dir, "outbox")
    assert "invitation to the visitor of visit" in out and "not sent yet" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--visitor-email", "ada@@example.org"], "e-mail address 'ada@@example.org' is not"),
        (["--visitor-email", "a@b.c", "--language", "fr"], "language must be one of en, de"),
    ],
)
def test_bad_email_or_language_is_one_line_and_queues_nothing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, args: list[str], message: str
) -> None:
    code, _, err = run(capsys, data_dir, "visit", "create", "--visitor", "Ada",
                       "--host", "Grace", *args)
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert run_json(capsys, data_dir, "outbox")["messages"] == []
    assert run_json(capsys, data_dir, "checkins")["checkins"] == []


def test_hosts_and_site_details(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run_json(capsys, data_dir, "host", "add", "--name", "Grace Hopper", "--email",
             "Grace@Acme.Example")
    hosts = run_json(capsys, data_dir, "host", "list")["hosts"]
    assert [(h["name"], h["email"], h["site_name"]) for h in hosts] == [
        ("Grace Hopper", "grace@acme.example", "Berlin HQ")
    ]
    code, _, err = run(capsys, data_dir, "host", "add", "--name", "X", "--email", "nope")
    assert code == 1 and "the host's e-mail address 'nope' is not valid" in err
    site = run_json(capsys, data_dir, "site", "set", "Berlin HQ", "--address",
                    "Unter den Linden 1, Berlin", "--timezone", "Europe/Berlin",
                    "--language", "de")
    assert (site["address"], site["timezone"], site["language"]) == (
        "Unter den Linden 1, Berlin", "Europe/Berlin", "de"
    )
    code, _, err = run(capsys, data_dir, "site", "set", "Berlin HQ", "--timezone", "Mars/Base")
    assert code == 1 and "'Mars/Base' is not a time zone" in err


def test_outbox_retry_and_resend_from_the_cli(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    visit = run_json(capsys, data_dir, "visit", "create", "--visitor", "Ada", "--host", "Grace",
                     "--visitor-email", "ada@example.org")
    again = run_json(capsys, data_dir, "visit", "resend", visit["visit_id"])
    assert again["message_id"] != visit["invitation_id"]
    code, _, err = run(capsys, data_dir, "outbox", "retry", visit["invitation_id"])
    assert code == 1 and "the message is pending, not failed" in err


def test_smtp_settings_are_checked_at_start_with_no_password_in_the_message(
    tmp_path: Path,
) -> None:
    secret = "Very-Secret-1"
    for url, expected in [
        (f"http://u:{secret}@mail.example.com", "must start with smtp://"),
        (f"smtp://u:{secret}@:25", "names no mail server"),
        (f"smtp://u:{secret}@mail.example.com:99999", "is not a URL"),
    ]:
        with pytest.raises(SettingsError) as caught:
            Settings.load({}, data_dir=tmp_path, smtp_url=url, smtp_from="a@example.com")
        assert expected in str(caught.value) and secret not in str(caught.value)
    with pytest.raises(SettingsError, match="needs a sender address"):
        Settings.load({}, data_dir=tmp_path, smtp_url="smtps://mail.example.com")
    env = {"ATRIUM_SMTP_URL": f"smtps://u:{secret}@mail.example.com",
           "ATRIUM_SMTP_FROM": "Reception <r@example.com>"}
    settings = Settings.load(env, data_dir=tmp_path)
    smtp = settings.smtp()
    assert smtp is not None
    assert (smtp[0].scheme, smtp[0].host, smtp[0].port, smtp[0].username) == (
        "smtps", "mail.example.com", 465, "u"
    )
    assert secret not in repr(settings) and secret not in repr(smtp)
    assert Settings.load({}, data_dir=tmp_path).smtp() is None  # e-mail off


def test_run_refuses_a_bad_smtp_url_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, _, err = run(capsys, data_dir, "run", "--smtp-url", "smtp://u:pw-123@host:x",
                       "--smtp-from", "a@example.com")
    assert code == 1 and "the SMTP URL is not a URL" in err and "pw-123" not in err


def test_the_api_takes_the_email_and_refuses_a_bad_one(
    client: TestClient, service: Any, smtp: SmtpSink
) -> None:
    headers = admin_headers(service)
    bad = client.post("/api/v1/admin/visits", headers=headers,
                      json={"visitor": "Ada", "host": "Grace", "visitor_email": "ada at home"})
    assert bad.status_code == 422
    assert bad.json()["detail"]["code"] == "invalid_email"
    good = client.post("/api/v1/admin/visits", headers=headers,
                       json={"visitor": "Ada", "host": "Grace", "visitor_email": "ada@example.org"})
    assert good.status_code == 200
    assert good.json()["invitation_id"]
    assert make_sender(service, smtp).run_once() == 1
    assert [str(m["To"]) for m in smtp.messages()] == ["ada@example.org"]
