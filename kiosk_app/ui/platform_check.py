"""Before Qt loads its platform plugin: is there a display, and do its client libraries load?

Qt aborts the process (exit 134) when the xcb plugin cannot load, with a message that names one
library that is often not the missing one. This check runs first and names them all, with the
``apt-get install`` line. It uses ctypes only: it must not import PySide6.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Mapping

Loader = Callable[[str], object]

# what Qt's own libraries need everywhere (QtGui and every platform plugin)
COMMON_LIBS = {
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libxkbcommon.so.0": "libxkbcommon0",
}
# the NEEDED entries of PySide6's libqxcb.so and libQt6XcbQpa.so.6 (readelf -d)
XCB_LIBS = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}
# the NEEDED entries of libqwayland.so and libQt6WaylandClient.so.6
WAYLAND_LIBS = {
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
}
# platforms that need no display server (Qt reports its own errors for the rest)
NO_DISPLAY_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb", "vkkhrdisplay")


def missing_libraries(libraries: Mapping[str, str], load: Loader) -> dict[str, str]:
    """The libraries among ``libraries`` (soname: package) that do not load."""
    missing = {}
    for soname, package in libraries.items():
        try:
            load(soname)
        except OSError:
            missing[soname] = package
    return missing


def candidate_platforms(env: Mapping[str, str]) -> list[str]:
    """The Qt platforms Qt will try, in order (``QT_QPA_PLATFORM`` may list several with ;)."""
    chosen = env.get("QT_QPA_PLATFORM", "").strip()
    if chosen:
        return [name.split(":", 1)[0].strip() for name in chosen.split(";") if name.strip()]
    if env.get("XDG_SESSION_TYPE") == "wayland" or env.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def _connects_x11(display: str, load: Loader) -> bool:
    library = load("libxcb.so.1")
    connect = library.xcb_connect  # type: ignore[attr-defined]
    connect.restype = ctypes.c_void_p
    connect.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    connection = connect(display.encode(), None)
    has_error = library.xcb_connection_has_error  # type: ignore[attr-defined]
    has_error.argtypes = [ctypes.c_void_p]
    failed = bool(has_error(connection))
    disconnect = library.xcb_disconnect  # type: ignore[attr-defined]
    disconnect.argtypes = [ctypes.c_void_p]
    disconnect(connection)
    return not failed


def _connects_wayland(load: Loader) -> bool:
    library = load("libwayland-client.so.0")
    connect = library.wl_display_connect  # type: ignore[attr-defined]
    connect.restype = ctypes.c_void_p
    connect.argtypes = [ctypes.c_char_p]
    display = connect(None)  # WAYLAND_DISPLAY, else wayland-0, in XDG_RUNTIME_DIR
    if not display:
        return False
    disconnect = library.wl_display_disconnect  # type: ignore[attr-defined]
    disconnect.argtypes = [ctypes.c_void_p]
    disconnect(display)
    return True


def _platform_problem(platform: str, env: Mapping[str, str], load: Loader) -> str | None:
    """Why ``platform`` cannot open a window here, or None if it can."""
    if platform == "xcb":
        kind, libraries = "X11", {**COMMON_LIBS, **XCB_LIBS}
    elif platform.startswith("wayland"):
        kind, libraries = "Wayland", {**COMMON_LIBS, **WAYLAND_LIBS}
    else:
        return None
    missing = missing_libraries(libraries, load)
    if missing:
        return (
            f"the {kind} client libraries {', '.join(missing)} are missing; install them with "
            f"`sudo apt-get install {' '.join(dict.fromkeys(missing.values()))}` "
            "(Debian and Ubuntu package names)"
        )
    if kind == "X11":
        display = env.get("DISPLAY", "")
        if not display:
            return "there is no X display (DISPLAY is not set)"
        if not _connects_x11(display, load):
            return f"the X display {display} does not answer"
    elif not _connects_wayland(load):
        name = env.get("WAYLAND_DISPLAY") or "wayland-0"
        return f"there is no Wayland display ({name} does not answer)"
    return None


def display_problem(
    env: Mapping[str, str] | None = None,
    platform: str | None = None,
    load: Loader = ctypes.CDLL,
) -> str | None:
    """One paragraph on why the kiosk cannot open its window, or None when it can."""
    env = os.environ if env is None else env
    if (platform or sys.platform) != "linux":
        return None  # Windows and macOS always have their platform plugin's libraries
    candidates = candidate_platforms(env)
    if any(name in NO_DISPLAY_PLATFORMS for name in candidates):
        return None
    problems = [p for name in candidates if (p := _platform_problem(name, env, load))]
    if len(problems) < len(candidates) or not problems:
        return None  # one of the platforms Qt tries will work
    return (
        "The kiosk cannot open its window: "
        + "; and ".join(problems)
        + ". Start it in a desktop session, under an X server (e.g. `xinit`) or a Wayland "
        "compositor (e.g. `cage`), or choose a platform with QT_QPA_PLATFORM. The other "
        "commands (status, sync, checkin, ...) need no display."
    )
