"""Walk-ins and check-out through the real app: keyboard, host picker, camera, sync, server."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from kiosk_app.core.store import StoreError
from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.ui.keyboard import SPACE
from tests.ui.conftest import pair_kiosk, visit_times
from tests.ui.test_kiosk_flow import WAIT_MS, camera, scan

GRACE = "Grace Hopper"


def tap(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_on(qtbot, keyboard, text: str) -> None:
    """Real clicks on the on-screen keys (shift where it is not already right)."""
    for char in text:
        if char.isalpha() and (char != char.lower()) != keyboard.shift:
            tap(qtbot, keyboard.key("shift"))
        tap(qtbot, keyboard.key(SPACE if char == " " else char.lower()))


def tap_row(qtbot, people, person_id: str) -> None:
    rect = people.row_rect(person_id)
    qtbot.mouseClick(people.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def walk_in(qtbot, window, name: str, company: str, search: str, host: str) -> None:
    """From the scan screen to the thanks screen by touch: name, company, host."""
    tap(qtbot, window.scan.no_code_button)
    assert window.current == "walk_in_name"
    screen = window.walk_in_name
    type_on(qtbot, screen.keyboard, name)
    if company:
        tap(qtbot, screen.company)
        type_on(qtbot, screen.keyboard, company)
    tap(qtbot, screen.next_button)
    assert window.current == "host_picker"
    picker = window.host_picker
    type_on(qtbot, picker.keyboard, search)
    qtbot.waitUntil(lambda: picker.listed() == [host], timeout=WAIT_MS)
    tap_row(qtbot, picker.hosts, picker.hosts.item(0).data(Qt.ItemDataRole.UserRole))


@pytest.fixture(scope="module")
def hosts(server) -> dict[str, str]:
    """The site's host directory (once per server): name -> host id."""
    return {
        name: server.add_host(name, f"{name.split()[0].lower()}@example.com")
        for name in (GRACE, "Alan Turing", "Jürgen Groß")
    }


@pytest.fixture
def site(hosts, server, kiosk) -> dict[str, str]:
    """A paired kiosk that has pulled the host directory."""
    pair_kiosk(kiosk, server)
    return hosts


def test_walk_in_offline_then_sync_confirms(qtbot, server, kiosk, site, make_ui, save_screen):
    server.stop()
    try:
        window, controller = make_ui(camera())
        qtbot.waitUntil(lambda: window.scan.no_code_button.isVisible(), timeout=WAIT_MS)
        walk_in(qtbot, window, "Ada Lovelace", "Analytical Engines", "gra", GRACE)
        assert window.current == "walk_in_done"
        done = window.walk_in_done
        qtbot.waitUntil(lambda: done.state == "seated", timeout=WAIT_MS)  # no answer in ~2 s
        assert done.headline.text() == "Please take a seat; reception will be with you shortly."
        save_screen(window, "en", "flow_walk_in_offline")
        assert kiosk.sync.queue_depth() == 1
        tap(qtbot, done)
        assert window.current == "scan"
    finally:
        server.start()
    event_id = controller.walk_in.last_event_id
    assert kiosk.walk_ins.outcome(event_id).status == "pending"
    controller.services.sync.trigger()
    qtbot.waitUntil(lambda: kiosk.sync.queue_depth() == 0, timeout=WAIT_MS)
    outcome = kiosk.walk_ins.outcome(event_id)
    assert outcome.status == "confirmed" and outcome.host_name == GRACE
    assert outcome.first_name == "Ada"
    assert [c["visit_id"] for c in server.checkins()].count(outcome.visit_id) == 1


def test_walk_in_online_thanks_with_the_host(qtbot, server, kiosk, site, make_ui, save_screen):
    window, _controller = make_ui(camera(), lang="de")
    qtbot.waitUntil(lambda: window.scan.no_code_button.isVisible(), timeout=WAIT_MS)
    walk_in(qtbot, window, "Jürgen Groß", "", "hop", GRACE)
    done = window.walk_in_done
    qtbot.waitUntil(lambda: done.state != "waiting", timeout=WAIT_MS)
    assert done.state == "confirmed"
    assert done.headline.text() == "Vielen Dank, Jürgen. Grace Hopper weiß, dass Sie da sind."
    save_screen(window, "de", "flow_walk_in_confirmed")


def test_cancel_or_walking_away_at_every_step_queues_nothing(qtbot, server, kiosk, site, make_ui):
    window, controller = make_ui(camera())
    qtbot.waitUntil(lambda: window.scan.no_code_button.isVisible(), timeout=WAIT_MS)
    tap(qtbot, window.scan.no_code_button)
    type_on(qtbot, window.walk_in_name.keyboard, "Ada")
    tap(qtbot, window.walk_in_name.cancel_button)  # step 1: cancel
    assert window.current == "scan"
    tap(qtbot, window.scan.no_code_button)
    assert window.walk_in_name.name.text() == ""  # nothing of the last visitor stays
    type_on(qtbot, window.walk_in_name.keyboard, "Ada")
    tap(qtbot, window.walk_in_name.next_button)
    tap(qtbot, window.host_picker.back_button)  # back keeps the name
    assert window.current == "walk_in_name" and window.walk_in_name.name.text() == "Ada"
    tap(qtbot, window.walk_in_name.next_button)
    tap(qtbot, window.host_picker.cancel_button)  # step 2: cancel
    assert window.current == "scan"
    controller.idle.setInterval(300)
    tap(qtbot, window.scan.no_code_button)
    type_on(qtbot, window.walk_in_name.keyboard, "Ada")
    tap(qtbot, window.walk_in_name.next_button)
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)  # walked away
    assert window.host_picker.search.text() == ""
    assert kiosk.sync.queue_depth() == 0
    assert controller.walk_in.last_event_id is None


def test_host_search_as_you_type(qtbot, server, kiosk, site, make_ui, save_screen):
    window, _controller = make_ui(camera())
    qtbot.waitUntil(lambda: window.scan.no_code_button.isVisible(), timeout=WAIT_MS)
    tap(qtbot, window.scan.no_code_button)
    type_on(qtbot, window.walk_in_name.keyboard, "Ada")
    tap(qtbot, window.walk_in_name.next_button)
    picker = window.host_picker
    assert picker.listed() == sorted(picker.listed()) and GRACE in picker.listed()
    assert len(picker.listed()) == 3
    type_on(qtbot, picker.keyboard, "jur")  # accents do not matter
    qtbot.waitUntil(lambda: picker.listed() == ["Jürgen Groß"], timeout=WAIT_MS)
    type_on(qtbot, picker.keyboard, "x")
    qtbot.waitUntil(lambda: picker.listed() == [], timeout=WAIT_MS)
    assert "“jurx”" in picker.empty.text()
    save_screen(window, "en", "flow_host_no_match")
    tap(qtbot, picker.keyboard.key("backspace"))
    qtbot.waitUntil(lambda: picker.listed() == ["Jürgen Groß"], timeout=WAIT_MS)


def test_check_out_and_check_out_twice(qtbot, server, kiosk, site, make_ui, save_screen):
    visit = server.create_visit("Ada Lovelace", GRACE, *visit_times(-0.1, 4))
    never = server.create_visit("Alan Turing", GRACE, *visit_times(-0.1, 4))
    kiosk.sync.run_once()
    source = camera()
    window, controller = make_ui(source)
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)
    scan(qtbot, window, controller, source, visit["pass"], VerdictCode.ACCEPTED)
    tap(qtbot, window.verdict)

    tap(qtbot, window.scan.checkout_button)  # "Leaving? Check out"
    assert window.scan.instruction.text() == "Hold the code you checked in with up to the camera"
    scan(qtbot, window, controller, source, visit["pass"], VerdictCode.CHECKED_OUT)
    assert window.verdict.headline.text() == "Goodbye, Ada Lovelace!"
    assert window.verdict.body.text() == "Thank you for visiting."
    save_screen(window, "en", "flow_goodbye")
    tap(qtbot, window.verdict)
    assert not window.scan.checkout_mode  # one check-out, then check-in again

    tap(qtbot, window.scan.checkout_button)
    scan(qtbot, window, controller, source, visit["pass"], VerdictCode.ALREADY_CHECKED_OUT)
    assert window.verdict.body.text() == "You have already checked out."
    tap(qtbot, window.verdict)

    tap(qtbot, window.scan.checkout_button)
    scan(qtbot, window, controller, source, never["pass"], VerdictCode.NOT_CHECKED_IN)
    assert window.verdict.body.text() == (
        "This code has not been used to check in. Please see reception."
    )
    tap(qtbot, window.verdict)
    controller.services.sync.trigger()
    qtbot.waitUntil(lambda: kiosk.sync.queue_depth() == 0, timeout=WAIT_MS)


def test_an_used_pass_offers_check_out(qtbot, server, kiosk, site, make_ui, save_screen):
    visit = server.create_visit("Ada Lovelace", GRACE, *visit_times(-0.1, 4))
    kiosk.sync.run_once()
    source = camera()
    window, controller = make_ui(source)
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)
    scan(qtbot, window, controller, source, visit["pass"], VerdictCode.ACCEPTED)
    assert not window.verdict.checkout_button.isVisible()
    tap(qtbot, window.verdict)
    scan(qtbot, window, controller, source, visit["pass"], VerdictCode.ALREADY_USED)
    assert window.verdict.leaving.text() == "Leaving? Tap Check out."
    assert window.verdict.checkout_button.isVisible()
    save_screen(window, "en", "flow_already_used_check_out")
    before = controller.last_verdict
    tap(qtbot, window.verdict.checkout_button)
    qtbot.waitUntil(lambda: controller.last_verdict is not before, timeout=WAIT_MS)
    assert controller.last_verdict.code == VerdictCode.CHECKED_OUT
    assert window.current == "verdict"


def test_walk_in_checks_out_from_the_list(qtbot, server, kiosk, site, make_ui, save_screen):
    window, controller = make_ui(camera())
    qtbot.waitUntil(lambda: window.scan.no_code_button.isVisible(), timeout=WAIT_MS)
    walk_in(qtbot, window, "Ada Lovelace", "", "gra", GRACE)
    qtbot.waitUntil(lambda: window.walk_in_done.state != "waiting", timeout=WAIT_MS)
    tap(qtbot, window.walk_in_done)
    tap(qtbot, window.scan.checkout_button)
    tap(qtbot, window.scan.no_code_button)  # in check-out mode: today's walk-ins
    assert window.current == "checkout_list"
    assert "Ada L." in window.checkout_list.listed()  # with today's others at this site
    save_screen(window, "en", "flow_check_out_list")
    mine = controller.walk_in.last_event_id
    before = controller.last_verdict
    tap_row(qtbot, window.checkout_list.people, mine)
    qtbot.waitUntil(lambda: controller.last_verdict is not before, timeout=WAIT_MS)
    assert controller.last_verdict.code == VerdictCode.CHECKED_OUT
    assert window.verdict.headline.text() == "Goodbye, Ada!"
    assert window.current == "verdict"
    assert mine not in [e.event_id for e in kiosk.checkout.walk_ins_today()]


def test_check_out_mode_times_out_back_to_check_in(qtbot, server, kiosk, site, make_ui):
    window, controller = make_ui(camera())
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)
    controller.checkout.timer.setInterval(300)
    tap(qtbot, window.scan.checkout_button)
    assert window.scan.checkout_mode and controller.services.checkout_mode
    qtbot.waitUntil(lambda: not window.scan.checkout_mode, timeout=WAIT_MS)
    assert not controller.services.checkout_mode
    assert window.scan.instruction.text() == "Hold your QR code up to the camera"
    tap(qtbot, window.scan.checkout_button)
    tap(qtbot, window.scan.no_code_button)
    assert window.current == "checkout_list"
    qtbot.waitUntil(lambda: window.current == "scan", timeout=WAIT_MS)  # the list times out too
    assert not window.scan.checkout_mode


def test_a_walk_in_the_kiosk_cannot_take_says_why_and_records_nothing(
    qtbot, server, kiosk, site, make_ui, monkeypatch
):
    window, controller = make_ui(camera())
    qtbot.waitUntil(lambda: window.scan.no_code_button.isVisible(), timeout=WAIT_MS)
    kiosk.store.set("site_walk_ins", False)  # switched off since the button was shown
    walk_in(qtbot, window, "Ada Lovelace", "", "gra", GRACE)
    done = window.walk_in_done
    qtbot.waitUntil(lambda: done.state == "problem", timeout=WAIT_MS)
    assert done.body.text() == (
        "This site does not take visitors without a code. Please see reception."
    )
    assert kiosk.sync.queue_depth() == 0
    tap(qtbot, done)
    kiosk.store.set("site_walk_ins", True)

    def full_disk(*_args, **_kwargs):
        raise StoreError("The walk-in could not be recorded (disk full); nothing was saved.")

    monkeypatch.setattr(kiosk.walk_ins, "register", full_disk)
    walk_in(qtbot, window, "Ada Lovelace", "", "gra", GRACE)
    qtbot.waitUntil(lambda: done.state == "problem", timeout=WAIT_MS)
    assert done.headline.text() == "Check-in not possible"
    assert "Please see reception" in done.body.text()
    assert kiosk.sync.queue_depth() == 0
    assert controller.walk_in.draft.name == ""  # nothing of the visitor is kept
