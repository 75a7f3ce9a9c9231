"""No refusal from a one-frame misread: "not a pass" and "damaged" need the same text twice.

The camera pipeline runs with its real reader and decode threads; a scripted decoder says
what each decoded frame shows, so the tests decide frame by frame what the camera "read".
"""

from __future__ import annotations

import threading

import numpy as np
import pytest

from kiosk_app.core.passes import shape_refusal
from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.ui.camera_worker import CameraPipeline
from tests.ui.test_camera_worker import WAIT_MS, TinySource

PASS = (
    "eyJhbGciOiJFZERTQSIsImtpZCI6InAxIiwidHlwIjoiYXZwIn0."
    "eyJleHAiOjE3NjQ2MDQ4MDAsImp0aSI6IkFBQUFBQUFBQUFBQUFBQUFBQUFBQUEiLCJuYmYiOjE3NjQ1NzYwMDAs"
    "InMiOiJjZDM0IiwidCI6ImFiMTIiLCJ2IjoiQWJDZEVmR2gifQ."
    "c2lnbmF0dXJlLW9mLTY0LWJ5dGVzLWluLWJhc2U2NHVybC1hbmQtdGhpcy1pcy1vbmx5LWEtdGVzdC0xMjM0NTY3OA"
)
NOT_A_PASS = "https://example.org/hello"
DAMAGED = PASS[:40] + "." + PASS[60:]  # a pass with its segments broken


class ScriptedDecoder:
    """Each decode call ("frame") returns the next entry of the script, then nothing."""

    name = "scripted"

    def __init__(self, script: list[list[str]]) -> None:
        self.script = list(script)
        self.calls = 0
        self.done = threading.Event()

    def decode(self, frame: np.ndarray) -> list[str]:
        self.calls += 1
        if self.calls > len(self.script):
            self.done.set()
            return []
        return self.script[self.calls - 1]


def run(qtbot, script: list[list[str]]) -> list[tuple[str, int]]:
    """Plays ``script`` through the pipeline; (text, frame number) of every check-in."""
    decoder = ScriptedDecoder(script)
    checked_in: list[tuple[str, int]] = []
    pipeline = CameraPipeline(
        TinySource,
        decoder,
        check_in=lambda text: checked_in.append((text, decoder.calls)),
        mirror=False,
    )
    pipeline.frame_ready.connect(lambda _image: pipeline.preview_shown())
    pipeline.start()
    try:
        qtbot.waitUntil(decoder.done.is_set, timeout=WAIT_MS)
    finally:
        pipeline.stop()
    return checked_in


def test_the_texts_are_what_they_claim() -> None:
    assert shape_refusal(PASS) is None  # well-formed: the verifier decides, at once
    assert shape_refusal(NOT_A_PASS) == VerdictCode.NOT_A_PASS
    assert shape_refusal(DAMAGED) == VerdictCode.MALFORMED


@pytest.mark.parametrize("misread", [NOT_A_PASS, DAMAGED, "\x00\x01garbage"])
def test_a_one_frame_misread_between_good_frames_is_never_checked_in(qtbot, misread) -> None:
    script = [[PASS], [misread], [PASS], [PASS], [], [PASS]]
    assert run(qtbot, script) == [(PASS, 1)]


def test_a_pass_is_checked_in_on_its_first_frame(qtbot) -> None:
    assert run(qtbot, [[], [], [PASS], [], []]) == [(PASS, 3)]


@pytest.mark.parametrize("refused", [NOT_A_PASS, DAMAGED])
def test_a_refusal_seen_in_two_frames_is_checked_in_once(qtbot, refused) -> None:
    script = [[refused], [refused], [refused], [refused]]
    assert run(qtbot, script) == [(refused, 2)]


def test_a_second_sighting_may_come_a_frame_later(qtbot) -> None:
    script = [[NOT_A_PASS], [], [NOT_A_PASS], [NOT_A_PASS]]
    assert run(qtbot, script) == [(NOT_A_PASS, 3)]


def test_a_misread_next_to_a_pass_in_one_frame_does_not_hold_the_pass_back(qtbot) -> None:
    script = [[NOT_A_PASS, PASS], [PASS]]
    assert run(qtbot, script) == [(PASS, 1)]
