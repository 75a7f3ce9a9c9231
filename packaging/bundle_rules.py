"""What goes into the lean kiosk bundle: module excludes, Qt plugin and translation filters."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# Python packages the kiosk never imports: the server, test and build tools, other GUI toolkits.
EXCLUDED_MODULES = (
    "server_stub",
    "fastapi",
    "uvicorn",
    "starlette",
    "pydantic",
    "pydantic_core",
    "cryptography",  # PyJWT needs it only for RSA/EC; passes are Ed25519 via PyNaCl
    "PyInstaller",
    "_pyinstaller_hooks_contrib",
    "hypothesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "tkinter",
    "_tkinter",
    "PIL",  # nothing the kiosk loads needs Pillow (pyzbar only for its own scripts)
    "IPython",
    "matplotlib",
    "scipy",
    "pandas",
    "setuptools",
    "pkg_resources",
    "pip",
    "pygments",
    "rich",  # with httpx._main: httpx imports its CLI (rich, pygments) when they are present
    "httpx._main",
    "markdown_it",
    "mdurl",
    "numpy.f2py",
    "numpy.distutils",
    "cv2.gapi",
    "pyzbar.scripts",
    "pyzbar.tests",
)

# PySide6 bindings the kiosk does not use (QtCore, QtGui and QtWidgets are the whole UI).
# (QtSvg stays: the UI renders its SVG icons with it.)
_UNUSED_QT_BINDINGS = (
    "QtNetwork",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtDBus",
    "QtQml",
    "QtQuick",
    "QtQuickWidgets",
    "QtQuickControls2",
    "QtPdf",
    "QtPdfWidgets",
    "QtSvgWidgets",
    "QtSql",
    "QtTest",
    "QtXml",
    "QtConcurrent",
    "QtPrintSupport",
    "QtDesigner",
    "QtHelp",
    "QtUiTools",
    "QtStateMachine",
    "QtNetworkAuth",
    "QtCharts",
    "QtDataVisualization",
    "QtMultimedia",
    "QtMultimediaWidgets",
    "QtWebEngineCore",
    "QtWebEngineWidgets",
    "QtWebChannel",
    "QtWebSockets",
    "QtPositioning",
    "QtBluetooth",
    "QtSerialPort",
    "QtSensors",
    "Qt3DCore",
    "QtGraphs",
    "QtSpatialAudio",
    "QtTextToSpeech",
    "QtHttpServer",
    "QtRemoteObjects",
    "QtScxml",
    "QtAxContainer",
    "QtAsyncio",
)
EXCLUDED_QT_BINDINGS = tuple(f"PySide6.{name}" for name in _UNUSED_QT_BINDINGS)

# Qt plugin folders kept, with the plugin names kept in each (None: every plugin in it).
QT_PLUGINS_KEPT: dict[str, frozenset[str] | None] = {
    "platforms": frozenset({"qoffscreen", "qxcb", "qwayland", "qwindows", "qcocoa"}),
    "xcbglintegrations": None,
    "wayland-shell-integration": None,
    "wayland-decoration-client": None,
    "wayland-graphics-integration-client": None,
    "imageformats": frozenset({"qsvg", "qico"}),  # SVG icons; .ico for a Windows app icon
    "iconengines": frozenset({"qsvgicon"}),
    "platforminputcontexts": frozenset(
        {"composeplatforminputcontextplugin", "ibusplatforminputcontextplugin"}
    ),
    "styles": None,  # the native Windows / macOS widget styles
}

# Qt's own translations: English and German only (the kiosk speaks en and de).
QT_TRANSLATION_KEPT = re.compile(r"(qt|qtbase)_(en|de)\.qm")
# Files under assets/ that make assets (scripts, Qt Linguist sources) rather than being loaded.
ASSET_SOURCE_SUFFIXES = frozenset({".py", ".pyc", ".ts"})


def _posix(dest: str) -> PurePosixPath:
    return PurePosixPath(dest.replace("\\", "/"))


def plugin_name(filename: str) -> str:
    """``libqxcb.so`` / ``qxcb.dll`` / ``libqcocoa.dylib`` -> ``qxcb`` / ``qcocoa``."""
    stem = filename.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def keep_qt_plugin(dest: str) -> bool:
    """True unless ``dest`` is a Qt plugin outside QT_PLUGINS_KEPT."""
    parts = _posix(dest).parts
    if "plugins" not in parts or "PySide6" not in parts:
        return True
    index = parts.index("plugins")
    if len(parts) < index + 3:  # not inside a plugin folder
        return True
    folder, filename = parts[index + 1], parts[-1]
    if folder not in QT_PLUGINS_KEPT:
        return False
    names = QT_PLUGINS_KEPT[folder]
    return names is None or plugin_name(filename) in names


def keep_data(dest: str) -> bool:
    """Drop asset scripts, Qt translations but en/de, QML files and Qt plugins we do not ship."""
    path = _posix(dest)
    if path.parts[:1] == ("assets",) and (
        path.suffix in ASSET_SOURCE_SUFFIXES or "__pycache__" in path.parts
    ):
        return False  # generators and translation sources stay in the source tree
    if "PySide6" in path.parts and "translations" in path.parts:
        return bool(QT_TRANSLATION_KEPT.fullmatch(path.name))
    if "PySide6" in path.parts and "qml" in path.parts:
        return False
    return keep_qt_plugin(dest)


def is_extension_or_plugin(dest: str) -> bool:
    """Roots of the dependency walk: Python extension modules and kept Qt plugins."""
    path = _posix(dest)
    name = path.name
    if "plugins" in path.parts and "PySide6" in path.parts:
        return True
    if name.endswith(".pyd") or ".cpython-" in name or ".abi3." in name:
        return True
    return "lib-dynload" in path.parts


def prune_unreachable(
    binaries: Iterable[tuple[str, str, str]],
    imports_of: Callable[[str], Iterable[str]],
    always_keep: Iterable[str] = (),
) -> tuple[list[tuple[str, str, str]], list[str]]:
    """Keep extension modules, plugins and the shared libraries they need (by link-time imports).

    ``binaries`` is PyInstaller's TOC (dest, src, typecode); ``imports_of(src)`` lists the base
    names a binary links against. Returns the kept TOC and the destinations that were dropped.
    """
    toc = list(binaries)
    by_name: dict[str, list[tuple[str, str, str]]] = {}
    for entry in toc:
        by_name.setdefault(_posix(entry[0]).name, []).append(entry)
    keep_names = set(always_keep)
    reached: set[str] = set()
    pending = [entry for entry in toc if is_extension_or_plugin(entry[0])]
    pending += [entry for name in keep_names for entry in by_name.get(name, [])]
    while pending:
        dest, src, _ = pending.pop()
        if dest in reached:
            continue
        reached.add(dest)
        for lib in imports_of(src):
            pending.extend(by_name.get(PurePosixPath(lib).name, []))
    kept = [entry for entry in toc if entry[0] in reached]
    dropped = sorted(entry[0] for entry in toc if entry[0] not in reached)
    return kept, dropped


def drop_dangling_symlinks(
    datas: Iterable[tuple[str, str, str]], kept_binaries: Iterable[tuple[str, str, str]]
) -> list[tuple[str, str, str]]:
    """Drop SYMLINK entries (dest, target relative to dest's folder) whose target was pruned."""
    present = {_posix(entry[0]).as_posix() for entry in kept_binaries}
    present |= {_posix(entry[0]).as_posix() for entry in datas if entry[2] != "SYMLINK"}
    kept = []
    for entry in datas:
        dest, target, typecode = entry
        if typecode == "SYMLINK":
            resolved = posixpath.normpath(posixpath.join(_posix(dest).parent.as_posix(), target))
            if resolved not in present:
                continue
        kept.append(entry)
    return kept
