"""The display pre-check: one clear paragraph and exit 2 where Qt would abort."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kiosk_app.cli import main
from kiosk_app.ui.platform_check import candidate_platforms, display_problem


class FakeLoader:
    """Loads every library except ``missing``; X and Wayland connections succeed."""

    def __init__(self, *missing: str) -> None:
        self.missing = set(missing)

    def __call__(self, soname: str) -> object:
        if soname in self.missing:
            raise OSError(f"{soname}: cannot open shared object file")
        return FakeLibrary()


class FakeLibrary:
    def __getattr__(self, name: str):
        return FakeFunction({"xcb_connection_has_error": 0, "wl_display_connect": 1}.get(name, 1))


class FakeFunction:
    def __init__(self, result: int) -> None:
        self.result = result

    def __call__(self, *args: object) -> int:
        return self.result


X11 = {"DISPLAY": ":0"}


def test_missing_xcb_libraries_are_named_with_the_apt_get_line():
    load = FakeLoader("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    problem = display_problem(X11, "linux", load)
    assert problem is not None
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1 are missing" in problem
    assert "`sudo apt-get install libxcb-icccm4 libxcb-keysyms1`" in problem
    assert "\n" not in problem  # one paragraph


def test_everything_there_means_no_problem():
    assert display_problem(X11, "linux", FakeLoader()) is None
    assert display_problem({"QT_QPA_PLATFORM": "wayland"}, "linux", FakeLoader()) is None


def test_no_display_is_named():
    problem = display_problem({}, "linux", FakeLoader())
    assert problem is not None and "DISPLAY is not set" in problem


def test_missing_wayland_libraries_are_named():
    load = FakeLoader("libwayland-cursor.so.0")
    problem = display_problem({"QT_QPA_PLATFORM": "wayland"}, "linux", load)
    assert problem is not None and "`sudo apt-get install libwayland-cursor0`" in problem


def test_a_working_fallback_platform_is_enough():
    # a Wayland session without the Wayland libraries still runs on XWayland
    env = {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert candidate_platforms(env) == ["wayland", "xcb"]
    assert display_problem(env, "linux", FakeLoader("libwayland-client.so.0")) is None


def test_platforms_without_a_display_and_other_systems_are_not_checked():
    offscreen = {"QT_QPA_PLATFORM": "offscreen"}
    assert display_problem(offscreen, "linux", FakeLoader("libxcb.so.1")) is None
    assert display_problem({}, "win32", FakeLoader("libxcb.so.1")) is None
    assert candidate_platforms({"QT_QPA_PLATFORM": "xcb:nograb;offscreen"}) == ["xcb", "offscreen"]


def test_run_ends_with_exit_2_and_one_line_instead_of_an_abort(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(
        "kiosk_app.cli.app_commands.display_problem", lambda: "The kiosk cannot open its window."
    )
    assert main(["--data-dir", str(tmp_path), "run"]) == 2
    assert capsys.readouterr().err == "atrium-kiosk: The kiosk cannot open its window.\n"


@pytest.mark.skipif(sys.platform != "linux", reason="the X11/Wayland check is for Linux")
@pytest.mark.parametrize("command", ["run", "demo"])
def test_a_real_start_without_a_display_says_so(tmp_path, command):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_SESSION_TYPE"}
    }
    done = subprocess.run(
        [sys.executable, "-m", "kiosk_app", "--data-dir", str(tmp_path), command],
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "DISPLAY is not set" in done.stderr
    assert "Aborted" not in done.stderr and "qt.qpa" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
