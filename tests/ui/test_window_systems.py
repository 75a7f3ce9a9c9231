"""The real ``atrium-kiosk demo`` fills the screen on real display servers.

Xvfb with no window manager, with matchbox and with openbox (X11, ``QT_QPA_PLATFORM=xcb``), and
the cage kiosk compositor on the wlroots headless backend (``QT_QPA_PLATFORM=wayland``). Each
test saves a screenshot under ``build/screens/window-systems/``. Without the programs the tests
skip and name the Debian packages; with ``ATRIUM_REQUIRE_DISPLAYS=1`` (CI) they fail instead.
Select them with ``-m display_servers``.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.ui.conftest import SCREENS_DIR

pytestmark = pytest.mark.display_servers

SHOTS = SCREENS_DIR / "window-systems"
SCREEN = (1920, 1080)
DEMO_SECONDS = "4"
WINDOW_TIMEOUT_S = 25.0
PACKAGES = {
    "Xvfb": "xvfb",
    "xwininfo": "x11-utils",
    "xdotool": "xdotool",
    "xprop": "x11-utils",
    "import": "imagemagick",
    "matchbox-window-manager": "matchbox-window-manager",
    "openbox": "openbox",
    "cage": "cage",
    "grim": "grim",
    "Xwayland": "xwayland",
    "setpriv": "util-linux",
}


def require(*programs: str) -> None:
    """Skips (or fails under ATRIUM_REQUIRE_DISPLAYS=1) when a program is not installed."""
    missing = [p for p in programs if shutil.which(p) is None]
    if not missing:
        return
    packages = " ".join(sorted({PACKAGES[p] for p in missing}))
    message = f"needs {', '.join(missing)}: apt-get install {packages}"
    if os.environ.get("ATRIUM_REQUIRE_DISPLAYS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def kiosk_env(home: Path, **extra: str) -> dict[str, str]:
    """A clean environment for the demo: no inherited display, config and data under ``home``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "XDG_RUNTIME_DIR"}
    }
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        ATRIUM_KIOSK_SOUND="0",
        **extra,
    )
    return env


def start_demo(env: dict[str, str]) -> subprocess.Popen[str]:
    seconds = env.pop("DEMO_SECONDS", DEMO_SECONDS)
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk_app", "demo", "--seconds", seconds],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    """Waits for the demo to quit on its own; returns its output; it must exit 0."""
    try:
        output, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail(f"the demo did not quit after --seconds {DEMO_SECONDS}:\n{output}")
    assert process.returncode == 0, output
    return output


def corner_colours(image: QImage) -> list[tuple[int, int, int]]:
    """The colour 4 px inside each corner of a screenshot."""
    w, h = image.width(), image.height()
    points = [(4, 4), (w - 5, 4), (4, h - 5), (w - 5, h - 5)]
    return [image.pixelColor(x, y).getRgb()[:3] for x, y in points]


def black_share(image: QImage) -> float:
    """The share of pure black pixels on a 40x40 grid (the bare screen around a small window)."""
    samples = [
        image.pixelColor(x * image.width() // 40, y * image.height() // 40).getRgb()[:3]
        for x in range(40)
        for y in range(40)
    ]
    return sum(1 for rgb in samples if max(rgb) <= 2) / len(samples)


def assert_fills(image: QImage, size: tuple[int, int], where: str) -> None:
    assert (image.width(), image.height()) == size, f"{where}: screenshot {image.size()}"
    corners = corner_colours(image)
    assert all(max(rgb) > 2 for rgb in corners), f"{where}: bare screen at a corner {corners}"
    assert black_share(image) < 0.2, f"{where}: the picture is mostly black"


# -- X11 ---------------------------------------------------------------------------------------


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A fresh Xvfb at 1920x1080 on a free display number; yields ``:N``."""
    require("Xvfb", "xwininfo", "xdotool", "import")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "{}x{}x24".format(*SCREEN),
         "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()
    assert number.isdigit(), "Xvfb did not report a display number"
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def x_run(display: str, *args: str) -> str:
    return subprocess.run(
        list(args), env={**os.environ, "DISPLAY": display}, capture_output=True, text=True,
        timeout=10, check=False,
    ).stdout


def kiosk_window_geometry(display: str) -> tuple[int, int, int, int] | None:
    """(x, y, width, height) of the kiosk's viewable top-level window, in root coordinates."""
    best = None
    for window_id in x_run(display, "xdotool", "search", "--name", "^Atrium Kiosk$").split():
        info = x_run(display, "xwininfo", "-id", window_id)
        if "IsViewable" not in info:
            continue
        values = {
            key: int(re.search(rf"{key}:\s+(-?\d+)", info).group(1))  # type: ignore[union-attr]
            for key in ("Absolute upper-left X", "Absolute upper-left Y", "Width", "Height")
        }
        geometry = tuple(values.values())
        if best is None or geometry[2] * geometry[3] > best[2] * best[3]:
            best = geometry
    return best  # type: ignore[return-value]


def start_window_manager(display: str, program: str) -> subprocess.Popen[bytes]:
    """Starts a window manager and waits until it has claimed the screen."""
    require(program)
    manager = subprocess.Popen(
        [program], env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while "window id #" not in x_run(display, "xprop", "-root", "_NET_SUPPORTING_WM_CHECK"):
        assert manager.poll() is None, f"{program} ended at once"
        assert time.monotonic() < deadline, f"{program} never took over the screen"
        time.sleep(0.1)
    return manager


def check_x_full_screen(display: str, name: str, home: Path) -> None:
    demo = start_demo(kiosk_env(home, DISPLAY=display, QT_QPA_PLATFORM="xcb"))
    try:
        deadline = time.monotonic() + WINDOW_TIMEOUT_S
        geometry = None
        while time.monotonic() < deadline and demo.poll() is None:
            geometry = kiosk_window_geometry(display) or geometry
            if geometry == (0, 0, *SCREEN):
                break
            time.sleep(0.2)
        time.sleep(0.5)  # a painted frame, not the first blank one
        SHOTS.mkdir(parents=True, exist_ok=True)
        shot = SHOTS / f"{name}.png"
        x_run(display, "import", "-window", "root", str(shot))
    finally:
        output = finish(demo)
    assert geometry == (0, 0, *SCREEN), f"{name}: kiosk window {geometry}\n{output}"
    assert_fills(QImage(str(shot)), SCREEN, name)


def test_bare_x_server_without_window_manager(xvfb, tmp_path):
    check_x_full_screen(xvfb, "xvfb-no-wm-1920x1080", tmp_path)


@pytest.mark.parametrize("manager", ["matchbox-window-manager", "openbox"])
def test_x_server_with_window_manager(xvfb, manager, tmp_path):
    require("xprop")
    wm = start_window_manager(xvfb, manager)
    try:
        check_x_full_screen(xvfb, f"xvfb-{manager.split('-')[0]}-1920x1080", tmp_path)
    finally:
        wm.terminate()
        wm.wait(timeout=10)


# -- Wayland -----------------------------------------------------------------------------------

CAGE_OUTPUT = (1280, 720)  # the wlroots headless backend's output; cage cannot change it


@pytest.fixture
def cage() -> Iterator[dict[str, str]]:
    """cage on the headless backend with a placeholder client; yields the client environment.

    cage refuses to run as root: as root it runs as ``nobody`` with its own 0700 runtime dir,
    and the kiosk (this user) connects to that socket. ``-r -r`` turns the output by 180
    degrees: cage 0.1.4 hands a client buffer that covers the output straight to the headless
    output, where grim then sees no new frames; a turned output makes cage compose each frame.
    """
    require("cage", "grim", "Xwayland", "setpriv")
    runtime = Path(tempfile.mkdtemp(prefix="atrium-cage-"))
    command = ["cage", "-r", "-r", "--", "sleep", "300"]
    if os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        os.chown(runtime, nobody.pw_uid, nobody.pw_gid)
        command = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
                   "--clear-groups", *command]
    runtime.chmod(0o700)
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "XDG_RUNTIME_DIR": str(runtime),
        "WLR_BACKENDS": "headless",
        "WLR_RENDERER": "pixman",
        "WLR_LIBINPUT_NO_DEVICES": "1",
    }
    with tempfile.TemporaryFile() as log:
        compositor = subprocess.Popen(command, env=env, cwd="/", stdout=log, stderr=log)
        try:
            deadline = time.monotonic() + 10
            while not (runtime / "wayland-0").exists():
                if compositor.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"cage did not start:\n{log.read().decode(errors='replace')}")
                time.sleep(0.05)
            yield {"XDG_RUNTIME_DIR": str(runtime), "WAYLAND_DISPLAY": "wayland-0"}
        finally:
            compositor.terminate()
            compositor.wait(timeout=10)
            shutil.rmtree(runtime, ignore_errors=True)


def grab_wayland(env: dict[str, str], target: Path) -> QImage:
    subprocess.run(
        ["grim", str(target)], env={**os.environ, **env}, check=True, timeout=10,
        capture_output=True,
    )
    return QImage(str(target))


# a second Wayland client: a red window for two seconds
SECOND_CLIENT = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
w = QWidget()
w.setStyleSheet("background: #ff0000")
w.show()
QTimer.singleShot(2000, app.quit)
app.exec()
"""
RED = (255, 0, 0)


def wait_for_picture(env: dict[str, str], shot: Path, ready, process) -> QImage:
    """Screenshots until ``ready(image)`` (or the time is up); returns the last one."""
    deadline = time.monotonic() + WINDOW_TIMEOUT_S
    image = QImage()
    while time.monotonic() < deadline and process.poll() is None:
        image = grab_wayland(env, shot)
        if ready(image):
            break
        time.sleep(0.3)
    return image


def test_cage_wayland_kiosk_compositor(cage, tmp_path):
    demo = start_demo(kiosk_env(tmp_path, QT_QPA_PLATFORM="wayland", DEMO_SECONDS="12", **cage))
    SHOTS.mkdir(parents=True, exist_ok=True)
    shot = SHOTS / "cage-wayland-1280x720.png"
    try:
        wait_for_picture(cage, shot, lambda i: all(max(c) > 2 for c in corner_colours(i)), demo)
        time.sleep(0.5)
        image = grab_wayland(cage, shot)
        # what cage shows while a second client has a window: that window, over the kiosk
        second = subprocess.Popen(
            [sys.executable, "-c", SECOND_CLIENT],
            env=kiosk_env(tmp_path / "second", QT_QPA_PLATFORM="wayland", **cage),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        covered = wait_for_picture(
            cage, SHOTS / "cage-second-client.png",
            lambda i: corner_colours(i)[2:] == [RED, RED], second,  # (a title bar on top)
        )
        second.wait(timeout=30)
        back = wait_for_picture(
            cage, SHOTS / "cage-after-second-client.png",
            lambda i: RED not in corner_colours(i), demo,
        )
    finally:
        output = finish(demo)
    assert_fills(image, CAGE_OUTPUT, f"cage\n{output}")
    # no title bar of Qt's own: the top-left corner is the kiosk's dark background
    assert max(corner_colours(image)[0]) < 200, "a window frame at the top"
    assert corner_colours(covered)[2:] == [RED, RED], "the second client's window did not show"
    assert_fills(back, CAGE_OUTPUT, "cage after the second client")
    assert RED not in corner_colours(back), "the kiosk did not come back"
