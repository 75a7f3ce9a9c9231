"""Every screen in English and German at every screen size: saved as PNG, checked for fit.

``walk_screens`` puts up each screen in turn (add new screens there); the size test saves each
under ``build/screens/<lang>/<W>x<H>/`` and fails on any text or widget that is cut off.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QListWidget

from kiosk_app.core.admin_pin import PinCheck, PinStatus
from kiosk_app.core.camera import CameraMode
from kiosk_app.core.kiosk import Conflict, KioskStatus
from kiosk_app.core.sync import SyncReport
from kiosk_app.core.verdicts import Verdict, VerdictCode
from kiosk_app.scanner.camera_list import CameraChoice
from kiosk_app.scanner.synthetic import SyntheticSource
from kiosk_app.ui.frames import frame_to_image
from kiosk_app.ui.i18n import LanguageSwitcher
from kiosk_app.ui.screens.admin_panel import PanelFacts
from kiosk_app.ui.status_strip import clock_text
from kiosk_app.ui.window import KioskWindow
from tests.ui.conftest import SCREEN_SIZES, save_png
from tests.ui.ink import sign_with_mouse
from tests.ui.layout_fit import layout_problems

SITE = "Berlin HQ"
VERDICTS = {
    "verdict_welcome_name": Verdict(
        VerdictCode.ACCEPTED, display_name="Ada Lovelace", host_name="Grace Hopper"
    ),
    "verdict_welcome_plain": Verdict(VerdictCode.ACCEPTED),
    "verdict_already_used": Verdict(VerdictCode.ALREADY_USED, used_at=time.time() - 300),
    "verdict_expired": Verdict(
        VerdictCode.EXPIRED, expires=time.mktime((2026, 11, 30, 11, 0, 0, 0, 0, -1))
    ),
    "verdict_not_yet_valid": Verdict(
        VerdictCode.NOT_YET_VALID, not_before=time.mktime((2026, 12, 1, 14, 30, 0, 0, 0, -1))
    ),
    "verdict_cancelled": Verdict(VerdictCode.REVOKED),
    "verdict_wrong_site": Verdict(VerdictCode.WRONG_SITE),
    "verdict_not_a_pass": Verdict(VerdictCode.NOT_A_PASS),
    "verdict_damaged": Verdict(VerdictCode.MALFORMED),
    "verdict_forged": Verdict(VerdictCode.BAD_SIGNATURE),
    "verdict_not_paired": Verdict(VerdictCode.KIOSK_NOT_PAIRED),
    "verdict_trust_stale": Verdict(VerdictCode.TRUST_DATA_STALE),
}
STATUS = KioskStatus(
    paired=True,
    revoked=False,
    online=False,
    queue_depth=3,
    last_sync_at=time.time() - 600,
    last_error="server unreachable",
    next_retry_at=None,
    conflicts=1,
    trust_stale=False,
    clock_skew_flagged=False,
)
CONFLICT = Conflict(
    event_id="e1",
    jti="j1",
    visit_id="v-20261129-0042",
    scanned_at=time.time() - 3600,
    first_used_at=time.time() - 3700,
    first_used_by="Lobby 2",
    first_event_id="e0",
    recorded_at=time.time(),
)


SYNC_REPORT = SyncReport(
    started_at=time.time(), finished_at=time.time(), pushed=3, accepted=3, queue_depth=0
)


@dataclasses.dataclass(frozen=True)
class SampleDocument:
    """What the signing screen reads of a PendingDocument."""

    document_id: str
    version: int
    language: str
    title: str
    html: str


NDA_PARAGRAPHS = {
    "en": "Ada Lovelace of Analytical Engines Ltd keeps confidential everything she sees or "
    "hears at Berlin HQ during her visit on 2026-12-01 and for five years after it.",
    "de": "Ada Lovelace von Analytical Engines Ltd behandelt alles, was sie bei ihrem Besuch "
    "in Berlin HQ am 2026-12-01 sieht oder hört, noch fünf Jahre danach vertraulich.",
}
SAMPLE_DOCUMENTS = {
    "en": [
        SampleDocument(
            "D7h2",
            3,
            "en",
            "Non-disclosure agreement",
            "<h1>Non-disclosure agreement</h1>" + f"<p>{NDA_PARAGRAPHS['en']}</p>" * 12,
        ),
        SampleDocument(
            "S1x9",
            1,
            "en",
            "Safety rules for visitors on site",
            "<h1>Safety rules</h1><ul><li>Wear your visitor badge where it can be seen.</li>"
            "<li>In an alarm, follow your host to the assembly point.</li></ul>",
        ),
    ],
    "de": [
        SampleDocument(
            "D7h2",
            3,
            "de",
            "Geheimhaltungsvereinbarung",
            "<h1>Geheimhaltungsvereinbarung</h1>" + f"<p>{NDA_PARAGRAPHS['de']}</p>" * 12,
        ),
        SampleDocument(
            "S1x9",
            1,
            "de",
            "Sicherheitsregeln für Besucherinnen und Besucher",
            "<h1>Sicherheitsregeln</h1><ul><li>Tragen Sie Ihren Besucherausweis sichtbar.</li>"
            "<li>Folgen Sie bei Alarm Ihrem Gastgeber zum Sammelplatz.</li></ul>",
        ),
    ],
}


def walk_signing(window: KioskWindow, lang: str, snap: Callable[[str], None]) -> None:
    """Each document, its empty pad and its pad with ink; then the "Still there?" warning."""
    signing = window.signing
    signing.start(SAMPLE_DOCUMENTS[lang])
    window.show_screen("signing")
    for number in (1, 2):
        snap(f"signing_document_{number}")
        signing.go_to_signature()
        snap(f"signing_signature_{number}_empty")
        sign_with_mouse(signing.touch_targets()["pad"])
        snap(f"signing_signature_{number}_signed")
        if number == 1:
            signing.take_signature()
    signing.show_idle_warning(20)
    snap("signing_still_there")
    signing.cancel()


def panel_facts(lang: str) -> PanelFacts:
    return PanelFacts(
        kiosk="Lobby 1",
        site=f"{SITE} (Acme Corp)",
        server="https://atrium.example.com",
        camera="0",
        cameras=[CameraChoice("0", "HD Pro Webcam C920"), CameraChoice("2", None)],
        decoders={"zxing": None, "pyzbar": "no libzbar"},
        decoder="zxing",
        language=lang,
    )


def visible_texts(window: KioskWindow) -> set[str]:
    """Every text a person can see on the current screen (labels and buttons)."""
    screen = window.stack.currentWidget()
    widgets = [*screen.findChildren(QLabel), *screen.findChildren(QAbstractButton)]
    widgets.append(window.language_button)
    texts = {w.text() for w in widgets if w.isVisible() and w.text().strip()}
    for listing in screen.findChildren(QListWidget):
        if listing.isVisible():
            texts |= {listing.item(row).text() for row in range(listing.count())}
    return texts


def walk_screens(window: KioskWindow, lang: str, snap: Callable[[str], None]) -> None:
    """Puts each screen (and each state worth seeing) up in turn and calls ``snap(name)``."""
    window.scan.set_site_name(SITE)
    window.attract.set_site_name(SITE)
    window.scan.show_status(STATUS)
    frame = SyntheticSource([("Atrium sample", 1)], realtime=False).read()
    window.scan.show_frame(frame_to_image(frame))
    window.show_screen("scan")
    snap("scan")
    for name, verdict in VERDICTS.items():
        window.verdict.show_verdict(verdict, lang)
        window.show_screen("verdict")
        snap(name)
    window.verdict.show_problem(lang)  # a check-in the store could not record
    window.show_screen("verdict")
    snap("verdict_check_in_failed")
    window.verdict.stop_countdown()
    window.pairing.reset("https://atrium.example.com")
    window.show_screen("pairing")
    snap("pairing")
    for digit in "4711":
        window.pairing.keypad.button(digit).click()
    window.pairing.show_error("throttled", 42)
    snap("pairing_error")
    window.admin_pin.reset()
    window.admin_pin.keypad.button("1").click()
    window.admin_pin.keypad.button("2").click()
    window.show_screen("admin_pin")
    snap("admin_pin")
    window.admin_pin.show_result(PinCheck(PinStatus.WRONG, 3))
    snap("admin_pin_wrong")
    window.admin_panel.open_panel(panel_facts(lang))
    window.admin_panel.show_status(STATUS)
    window.admin_panel.show_conflicts([CONFLICT])
    window.admin_panel.show_camera_mode(CameraMode(1920, 1080, "MJPG", 30.0))
    window.show_screen("admin_panel")
    snap("admin_panel")
    window.admin_panel.show_sync_started(True)
    snap("admin_panel_syncing")
    window.admin_panel.show_sync_report(dataclasses.replace(SYNC_REPORT, started_at=time.time()))
    snap("admin_panel_synced")
    window.admin_panel.unpair_button.click()  # armed: "press again to unpair"
    snap("admin_panel_unpair_armed")
    window.show_screen("attract")
    snap("attract")
    window.show_screen("unpaired")
    snap("unpaired")
    window.camera_trouble.set_reason("camera 0 not found or busy")
    window.show_screen("camera_trouble")
    snap("camera_trouble")
    walk_signing(window, lang, snap)


def show_all(
    window: KioskWindow, lang: str, size: tuple[int, int], problems: list[str]
) -> dict[str, set[str]]:
    """Saves every screen at ``size``, adds its layout problems, returns its visible texts."""
    seen: dict[str, set[str]] = {}

    def snap(name: str) -> None:
        save_png(window, lang, name, size)
        seen[name] = visible_texts(window)
        problems.extend(f"{lang} {name}: {p}" for p in layout_problems(window))

    walk_screens(window, lang, snap)
    return seen


@pytest.fixture
def window(qtbot):
    switcher = LanguageSwitcher()
    switcher.set_language("en")
    win = KioskWindow(switcher)
    win.allow_close = True
    qtbot.addWidget(win)
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    yield win
    switcher.set_language("en")


@pytest.mark.parametrize("size", SCREEN_SIZES, ids=[f"{w}x{h}" for w, h in SCREEN_SIZES])
def test_every_screen_fits_at_every_size_and_every_string_switches(window, size):
    window.resize(*size)
    problems: list[str] = []
    english = show_all(window, "en", size, problems)
    window.language_button.click()  # the touch a visitor makes
    assert window.language.language == "de"
    german = show_all(window, "de", size, problems)
    assert not problems, "cut off at {}x{}:\n".format(*size) + "\n".join(problems)
    assert set(english) == set(german)
    for screen, texts in english.items():
        # every English string on every screen is gone once German is on
        same = {t for t in texts & german[screen] if any(c.isalpha() for c in t)}
        allowed = {
            SITE,
            "Lobby 1",
            f"{SITE} (Acme Corp)",
            "Online",
            "Offline",
            "OK",
            "English",
            "Deutsch",
            "Server",
            "zxing",
            "✓ zxing",
            "pyzbar",
            "HD Pro Webcam C920 (0)",
            "✓ HD Pro Webcam C920 (0)",
            "Lobby 2",
            "● Offline",
        }
        leftovers = {t for t in same if t not in allowed and "example.com" not in t}
        assert not leftovers, f"{screen}: untranslated {leftovers}"
    assert "Halten Sie Ihren QR-Code vor die Kamera" in german["scan"]
    assert "Willkommen, Ada Lovelace!" in german["verdict_welcome_name"]


def test_verdict_screen_switches_language_in_place(window):
    window.verdict.show_verdict(VERDICTS["verdict_expired"], "en")
    window.show_screen("verdict")
    english = window.verdict.body.text()
    window.language.set_language("de")
    window.verdict.set_language("de")
    assert window.verdict.body.text() != english
    assert window.verdict.headline.text() == "Code abgelaufen"
    assert "galt bis 30.11., 11:00 Uhr" in window.verdict.body.text()


def test_admin_panel_names_the_sync_problem_in_the_kiosk_language(window):
    panel = window.admin_panel
    certificate = "The server's TLS certificate failed verification (CERTIFICATE_VERIFY_FAILED)."
    status = dataclasses.replace(STATUS, last_error=certificate)
    panel.show_status(status, "untrusted_certificate")
    assert panel._values["last_error"].text() == "The server's certificate is not trusted."
    window.language.set_language("de")
    assert panel._values["last_error"].text() == "Dem Zertifikat des Servers wird nicht vertraut."
    panel.show_status(status)  # a problem stored before this start: only "offline" is known
    assert panel._values["last_error"].text() == "Der Server ist nicht erreichbar."
    panel.show_status(dataclasses.replace(status, last_error=None), "unreachable")
    assert panel._values["last_error"].text() == "Keins"


def test_dates_before_today_follow_the_kiosk_language(window):
    moment = time.mktime((2026, 3, 1, 14, 30, 0, 0, 0, -1))
    assert clock_text(moment) == "3/1/26 14:30"
    window.language.set_language("de")
    assert clock_text(moment) == "01.03.26 14:30"
    assert len(clock_text(time.time()) or "") == len("14:30")  # today: the time alone
