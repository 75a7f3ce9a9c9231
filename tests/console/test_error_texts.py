"""Every service error the console can meet has a German text; German pages show it. The
catalogue also names every audit action and every kind of message."""

from __future__ import annotations

import ast
from pathlib import Path

from server_stub import audit
from server_stub.console.i18n import MESSAGES, Translator
from server_stub.errors import ServiceError
from server_stub.mail.outbox import RECIPIENT
from tests.console.helpers import ConsoleClient

PACKAGE = Path(__file__).resolve().parents[2] / "server_stub"
# Raised only on the kiosks' API (JSON for the kiosk app, never a console page).
DEVICE_ONLY = {  # answers only a kiosk gets (the signed-record upload)
    "batch_too_large", "invalid_png", "html_too_large", "too_many_points", "hash_mismatch",
    "record_id_reused", "unknown_event", "unknown_document", "visit_mismatch", "unknown_visit",
}


def raised_codes() -> dict[str, str]:
    """Every literal code of ``ServiceError(...)`` (and ``not_found``) in the server, with
    where it is raised."""
    codes: dict[str, str] = {"not_found": "errors.py"}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "ServiceError"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                codes.setdefault(node.args[0].value, str(path.relative_to(PACKAGE)))
    return codes


def test_every_service_error_code_has_a_german_text() -> None:
    codes = raised_codes()
    assert len(codes) > 30  # the scan finds them
    missing = {
        code: where for code, where in codes.items()
        if code not in DEVICE_ONLY and f"error.{code}" not in MESSAGES
    }
    assert missing == {}, f"add error.<code> to server_stub/console/i18n_errors.py: {missing}"
    german = Translator("de")
    for code in set(codes) - DEVICE_ONLY:
        english, deutsch = MESSAGES[f"error.{code}"]
        assert deutsch and deutsch != english
        assert german.error(code, "an English sentence") == deutsch
    assert Translator("en").error("invalid_window", "a visit lasts at most 24 hours") == (
        "a visit lasts at most 24 hours"
    )


def test_the_catalogue_names_every_audit_action_and_message_kind() -> None:
    assert [a for a in audit.ACTIONS if f"audit.{a}" not in MESSAGES] == []
    assert [k for k in RECIPIENT if f"mail.kind.{k}" not in MESSAGES] == []


def test_german_pages_show_service_errors_in_german(desk: ConsoleClient) -> None:
    desk.get("/console/visits/new?lang=de")
    answer = desk.post(
        "/console/visits",
        {"visitor": "Ada Lovelace", "host": "Grace Hopper", "arrive": "2027-01-15T12:00",
         "depart": "2027-01-15T10:00"},
    )
    assert answer.status_code == 422
    assert "Bitte Ankunft und Abreise prüfen" in answer.text
    assert "the departure must be after the arrival" not in answer.text
    desk.get("/console/visits/new?lang=en")
    english = desk.post(
        "/console/visits",
        {"visitor": "Ada Lovelace", "host": "Grace Hopper", "arrive": "2027-01-15T12:00",
         "depart": "2027-01-15T10:00"},
    )
    assert "the departure must be after the arrival" in english.text


def test_a_german_error_page_is_german(desk: ConsoleClient) -> None:
    page = desk.get("/console/visits/nosuchvisit?lang=de")
    assert page.status_code == 404 and "Hier gibt es nichts." in page.text
    err = ServiceError("visit_cancelled", "the visit is cancelled; nothing to re-send", 409)
    assert Translator("de").error(err.code, err.message).startswith("Der Besuch ist storniert")
