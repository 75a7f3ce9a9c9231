"""The walk-in and check-out screens in English and German at 1920x1080, 1280x720, 1080x1920.

Each state is saved under ``build/screens/<lang>/<W>x<H>/`` and must pass the layout-fit
check; in German no English word of the catalogue may show.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from kiosk_app.core.verdicts import Verdict, VerdictCode
from kiosk_app.core.visit_words import WalkInRefusal
from kiosk_app.core.walk_ins import WalkInOutcome, WalkInRefused
from kiosk_app.ui.i18n import LanguageSwitcher
from kiosk_app.ui.window import KioskWindow
from tests.ui.conftest import save_png
from tests.ui.layout_fit import layout_problems
from tests.ui.test_german_words import english_vocabulary, words
from tests.ui.test_screens import SITE, visible_texts

SIZES = ((1920, 1080), (1280, 720), (1080, 1920))
HOSTS = [
    ("H1", "Grace Hopper"),
    ("H2", "Barbara Liskov"),
    ("H3", "Donald Knuth"),
    ("H4", "Edsger Dijkstra"),
    ("H5", "Frances Allen"),
    ("H6", "Margaret Hamilton"),
    ("H7", "Maximilian Müller-Lüdenscheidt"),
]
CHECK_OUT_VERDICTS = {
    "goodbye_name": Verdict(VerdictCode.CHECKED_OUT, display_name="Ada Lovelace"),
    "goodbye_walk_in": Verdict(VerdictCode.CHECKED_OUT, display_name="Jürgen"),
    "goodbye_plain": Verdict(VerdictCode.CHECKED_OUT),
    "check_out_not_checked_in": Verdict(VerdictCode.NOT_CHECKED_IN),
    "check_out_already": Verdict(VerdictCode.ALREADY_CHECKED_OUT),
}
WALK_INS = [("E1", "Ada L."), ("E2", "Jürgen G."), ("E3", "Mary-Jane O.")]
# the test data's own words, the same in both languages
PROPER = f"{SITE} Grace Hopper Barbara Liskov Donald Knuth Edsger Dijkstra Frances Allen "
PROPER += "Margaret Hamilton Maximilian Müller Lüdenscheidt Ada Jürgen Mary Jane Groß Analytical "
PROPER += "Engines Ltd Xyz"


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


def walk_visitor_screens(window: KioskWindow, lang: str, snap: Callable[[str], None]) -> None:
    """Puts up every walk-in and check-out screen and state in turn; ``snap(name)`` each."""
    window.scan.set_site_name(SITE)
    window.scan.set_walk_ins(True)
    window.show_screen("scan")
    snap("scan_walk_ins")
    window.scan.set_checkout_mode(True)
    snap("scan_checkout_mode")
    window.scan.set_checkout_mode(False)
    name = window.walk_in_name
    name.reset()
    window.show_screen("walk_in_name")
    snap("walk_in_keyboard")
    name.name.setText("Jürgen Groß")
    name.company.setText("Analytical Engines Ltd")
    snap("walk_in_keyboard_typed")
    name.reset()
    picker = window.host_picker
    picker.reset()
    picker.show_hosts(HOSTS, "")
    window.show_screen("host_picker")
    snap("host_picker")
    picker.show_hosts(HOSTS[:1], "Gra")
    snap("host_picker_search")
    picker.show_hosts([], "Xyz")
    snap("host_picker_no_match")
    picker.show_hosts([], "")
    snap("host_picker_no_hosts")
    done = window.walk_in_done
    window.show_screen("walk_in_done")
    done.show_waiting()
    snap("walk_in_waiting")
    done.show_outcome(WalkInOutcome("confirmed", "Ada", "Grace Hopper"))
    snap("walk_in_thanks_host_knows")
    done.show_waiting()
    done.show_outcome(WalkInOutcome("pending", "Ada"))
    snap("walk_in_thanks_take_a_seat")
    done.show_problem()
    snap("walk_in_not_recorded")
    done.show_problem(WalkInRefused(WalkInRefusal.WALK_INS_DISABLED).message)
    snap("walk_in_refused")
    done.stop_countdown()
    window.checkout_list.show_walk_ins(WALK_INS)
    window.show_screen("checkout_list")
    snap("checkout_list")
    window.checkout_list.show_walk_ins([])
    snap("checkout_list_empty")
    used = Verdict(VerdictCode.ALREADY_USED, used_at=time.time() - 300)
    window.verdict.show_verdict(used, lang, offer_checkout=True)
    window.show_screen("verdict")
    snap("verdict_already_used_check_out")
    for name, verdict in CHECK_OUT_VERDICTS.items():
        window.verdict.show_verdict(verdict, lang)
        snap(name)
    window.verdict.stop_countdown()


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_walk_in_and_check_out_screens_fit_and_speak_german(window, size):
    window.resize(*size)
    problems: list[str] = []
    seen: dict[str, dict[str, set[str]]] = {"en": {}, "de": {}}
    for lang in ("en", "de"):
        window.language.set_language(lang)

        def snap(name: str, lang: str = lang) -> None:
            save_png(window, lang, name, size)
            seen[lang][name] = visible_texts(window)
            problems.extend(f"{lang} {name}: {p}" for p in layout_problems(window))

        walk_visitor_screens(window, lang, snap)
    assert not problems, "cut off at {}x{}:\n".format(*size) + "\n".join(problems)
    vocabulary = english_vocabulary() - words(PROPER)
    english = {
        screen: {t for t in texts if words(t) & vocabulary}
        for screen, texts in seen["de"].items()
    }
    assert {screen: found for screen, found in english.items() if found} == {}
    assert all(seen["en"][screen] for screen in seen["en"])  # the walk showed something
    assert "Ich habe keinen Code" in seen["de"]["scan_walk_ins"]
    assert any("Grace Hopper" in t for t in seen["de"]["walk_in_thanks_host_knows"])
    assert seen["de"]["walk_in_thanks_host_knows"] != seen["en"]["walk_in_thanks_host_knows"]


def test_no_code_shows_only_where_the_site_takes_walk_ins(window):
    scan = window.scan
    window.show_screen("scan")
    scan.set_walk_ins(False)
    assert not scan.no_code_button.isVisible()
    assert scan.checkout_button.isVisible()
    scan.set_checkout_mode(True)  # walk-ins of earlier today may still check out
    assert scan.no_code_button.isVisible()
    assert scan.checkout_button.text() == "Back to check-in"
    scan.set_checkout_mode(False)
    scan.set_walk_ins(True)
    assert scan.no_code_button.isVisible()
    assert scan.checkout_button.text() == "Leaving? Check out"


def test_host_picker_says_when_nobody_matches(window):
    picker = window.host_picker
    picker.show_hosts(HOSTS, "")
    window.show_screen("host_picker")
    assert picker.listed() == [name for _id, name in HOSTS]
    picker.show_hosts([], "Xyz")
    assert picker.listed() == []
    assert "“Xyz”" in visible_texts(window).pop() or any(
        "“Xyz”" in text for text in visible_texts(window)
    )
