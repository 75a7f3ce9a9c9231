"""The demo's scripted visitors: a walk-in by keyboard and host search, then two check-outs."""

from __future__ import annotations

from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.demo import DEMO_HOSTS, play_signing, play_visitors, prepare_demo
from kiosk_app.scanner.synthetic import SyntheticSource
from kiosk_app.ui.app import build_kiosk_ui
from kiosk_app.ui.sounds import SoundPlayer

WAIT_MS = 60_000


def test_the_demo_plays_a_walk_in_and_two_check_outs(qtbot, tmp_path, save_screen):
    setup = prepare_demo(tmp_path)
    valid = next(s.text for s in setup.samples if s.expected == VerdictCode.ACCEPTED)
    last = next(s.text for s in setup.samples if s.expected == VerdictCode.NOT_A_PASS)
    # Ada checks in (signing the demo site's agreement); the round's last code starts the rest
    camera_round = [(None, 30), (valid, 45), (None, 300), (last, 45), (None, 30)]
    source = SyntheticSource(camera_round, realtime=True)
    window, controller = build_kiosk_ui(
        setup.kiosk,
        "synthetic",
        "zxing",
        "en",
        sounds=SoundPlayer(enabled=False),
        source_opener=lambda _spec: source,
        sync_options={"interval_s": 3600.0},
    )
    try:
        window.allow_close = True
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        window.verdict.set_time_scale(0.3)
        window.walk_in_done.set_time_scale(0.3)
        play_signing(window)  # the demo's reader and signer of documents
        director = play_visitors(window, controller, lambda: source, camera_round, setup.samples)
        director.visitor.pace = 0.3
        seen: list[str] = []
        window.screen_changed.connect(seen.append)
        verdicts = []
        controller.verdict_shown.connect(lambda verdict, _at: verdicts.append(verdict))
        controller.start()
        qtbot.waitUntil(lambda: window.current == "walk_in_name", timeout=WAIT_MS)
        assert director.rounds == 1
        qtbot.waitUntil(lambda: window.walk_in_done.state == "confirmed", timeout=WAIT_MS)
        assert DEMO_HOSTS[0][0] in window.walk_in_done.headline.text()  # the server confirmed
        assert "Mary" in window.walk_in_done.headline.text()
        qtbot.waitUntil(
            lambda: [v.code for v in verdicts][2:] == [VerdictCode.CHECKED_OUT] * 2,
            timeout=WAIT_MS,
        )
        assert [v.code for v in verdicts[:2]] == [VerdictCode.ACCEPTED, VerdictCode.NOT_A_PASS]
        assert verdicts[2].display_name == "Ada Lovelace"
        assert verdicts[3].display_name == "Mary"
        assert {"walk_in_name", "host_picker", "walk_in_done", "checkout_list"} <= set(seen)
        qtbot.waitUntil(lambda: not director.visitor.steps, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: len(verdicts) == 5, timeout=WAIT_MS)  # the next camera round
        assert verdicts[4].code == VerdictCode.ALREADY_USED  # Ada's pass, used
    finally:
        controller.shutdown()
        setup.kiosk.close()
        setup.server.close()
