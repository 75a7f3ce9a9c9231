"""The demo: its sample passes give every verdict, and ``run_demo`` starts and stops cleanly."""

from __future__ import annotations

from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.demo import demo_script, prepare_demo, run_demo, write_sample_images


def test_demo_samples_give_every_verdict_in_order(tmp_path):
    setup = prepare_demo(tmp_path)
    try:
        verdicts = [setup.kiosk.checkin.check_in(s.text) for s in setup.samples]
        assert [v.code for v in verdicts] == [s.expected for s in setup.samples]
        assert verdicts[0].display_name == "Ada Lovelace"
        assert {s.expected for s in setup.samples} >= {
            VerdictCode.ACCEPTED,
            VerdictCode.ALREADY_USED,
            VerdictCode.EXPIRED,
            VerdictCode.REVOKED,
            VerdictCode.BAD_SIGNATURE,
        }
        script = demo_script(setup.samples)
        assert [text for text, _ in script if text] == [s.text for s in setup.samples]
        images = write_sample_images(setup.samples, tmp_path / "qr")
        assert len(images) == len(setup.samples) and all(p.stat().st_size for p in images)
    finally:
        setup.kiosk.close()
        setup.server.close()


def test_run_demo_opens_and_quits_after_the_given_seconds(qapp, capsys):
    assert run_demo(windowed=True, seconds=3.0) == 0
    printed = capsys.readouterr().out
    assert "Atrium demo: server https://127.0.0.1:" in printed
    assert "Admin PIN 1234" in printed
