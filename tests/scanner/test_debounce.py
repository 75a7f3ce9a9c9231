"""ScanDebouncer: one scan per code held in view; again after it has been gone for hold_s."""

from __future__ import annotations

import pytest

from kiosk_app.scanner import ScanDebouncer


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def test_code_held_in_view_scans_once(clock: FakeClock) -> None:
    debouncer = ScanDebouncer(hold_s=2.0, clock=clock)
    assert debouncer.accept("A") is True
    for _ in range(100):  # ten seconds in front of the camera at 10 reads a second
        clock.now += 0.1
        assert debouncer.accept("A") is False


def test_code_scans_again_after_leaving_for_hold_s(clock: FakeClock) -> None:
    debouncer = ScanDebouncer(hold_s=2.0, clock=clock)
    assert debouncer.accept("A")
    clock.now += 1.9
    assert not debouncer.accept("A")  # seen again: the hold restarts from here
    clock.now += 1.9
    assert not debouncer.accept("A")
    clock.now += 2.0
    assert debouncer.accept("A")


def test_different_code_is_accepted_at_once(clock: FakeClock) -> None:
    debouncer = ScanDebouncer(hold_s=2.0, clock=clock)
    assert debouncer.accept("A")
    assert debouncer.accept("B")
    assert not debouncer.accept("A")
    assert not debouncer.accept("B")


def test_reset_forgets_held_codes(clock: FakeClock) -> None:
    debouncer = ScanDebouncer(hold_s=2.0, clock=clock)
    assert debouncer.accept("A")
    debouncer.reset()
    assert debouncer.accept("A")


def test_negative_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="hold_s"):
        ScanDebouncer(hold_s=-1)


def test_second_sighting_holds_back_only_texts_that_need_it(clock: FakeClock) -> None:
    from kiosk_app.scanner.debounce import SecondSighting

    sighting = SecondSighting(lambda text: text.startswith("bad"), window_s=1.5, clock=clock)
    assert sighting.hold_back("good") is False  # no confirmation needed: at once
    assert sighting.hold_back("bad 1") is True  # first frame: wait
    clock.now += 0.1
    assert sighting.hold_back("bad 1") is False  # a later frame shows it again
    assert sighting.hold_back("bad 1") is True  # confirmed once; a new sighting starts over


def test_second_sighting_forgets_a_text_not_seen_again_in_time(clock: FakeClock) -> None:
    from kiosk_app.scanner.debounce import SecondSighting

    sighting = SecondSighting(lambda text: True, window_s=1.5, clock=clock)
    assert sighting.hold_back("misread") is True
    clock.now += 2.0
    assert sighting.hold_back("misread") is True  # too late: a new first sighting
    for number in range(SecondSighting.MAX_PENDING * 3):  # garbage cannot pile up
        sighting.hold_back(f"noise {number}")
    assert len(sighting._pending) == SecondSighting.MAX_PENDING


def test_a_forgotten_code_is_accepted_again(clock: FakeClock) -> None:
    debouncer = ScanDebouncer(hold_s=2.0, clock=clock)
    assert debouncer.accept("A") is True
    debouncer.forget("A")
    assert debouncer.accept("A") is True
    debouncer.forget("never seen")  # no error
