"""The lean-bundle rules: which Qt plugins, translations and libraries stay in the bundle."""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import load_packaging_module

rules = load_packaging_module("bundle_rules")
elfstrip = load_packaging_module("elfstrip")


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", False),
        ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
        ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("cv2/cv2.abi3.so", True),
    ],
)
def test_qt_plugin_filter(dest: str, kept: bool) -> None:
    assert rules.keep_qt_plugin(dest) is kept


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_de.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qt_de.qm", True),
        ("PySide6/Qt/translations/qtbase_fr.qm", False),
        ("PySide6/Qt/translations/qtdeclarative_de.qm", False),
        ("PySide6\\Qt\\translations\\qtbase_ja.qm", False),
        ("PySide6/Qt/qml/QtQuick/qmldir", False),
        ("assets/i18n/atrium_de.qm", True),
        ("assets/icons/check.svg", True),
        ("assets/make_sounds.py", False),
        ("assets/i18n/atrium_de.ts", False),
        ("assets/i18n/build_translations.py", False),
        ("keyring-25.7.0.dist-info/entry_points.txt", True),
    ],
)
def test_data_filter(dest: str, kept: bool) -> None:
    assert rules.keep_data(dest) is kept


def test_excludes_cover_server_and_tools_but_not_the_kiosk_stack() -> None:
    excluded = set(rules.EXCLUDED_MODULES) | set(rules.EXCLUDED_QT_BINDINGS)
    assert {"server_stub", "fastapi", "uvicorn", "pydantic", "PyInstaller"} <= excluded
    assert {"pytest", "hypothesis", "tkinter", "PySide6.QtNetwork", "PySide6.QtQml"} <= excluded
    needed = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "cv2", "numpy", "keyring"}
    needed |= {"argon2", "_argon2_cffi_bindings"}  # the admin-PIN record
    assert not needed & excluded


def test_prune_keeps_what_extensions_and_plugins_link() -> None:
    toc = [
        ("PySide6/QtGui.abi3.so", "src/QtGui", "EXTENSION"),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", "src/qxcb", "BINARY"),
        ("PySide6/Qt/lib/libQt6Gui.so.6", "src/Gui", "BINARY"),
        ("PySide6/Qt/lib/libQt6Core.so.6", "src/Core", "BINARY"),
        ("PySide6/Qt/lib/libQt6XcbQpa.so.6", "src/XcbQpa", "BINARY"),
        ("PySide6/Qt/lib/libQt6Network.so.6", "src/Network", "BINARY"),
        ("libgtk-3.so.0", "src/gtk", "BINARY"),
        ("libpython3.11.so.1.0", "src/python", "BINARY"),
    ]
    links = {
        "src/QtGui": ["libQt6Gui.so.6"],
        "src/qxcb": ["libQt6XcbQpa.so.6", "libQt6Gui.so.6"],
        "src/Gui": ["/usr/lib/libQt6Core.so.6"],
    }
    kept, dropped = rules.prune_unreachable(
        toc, lambda src: links.get(src, []), always_keep=["libpython3.11.so.1.0"]
    )
    assert dropped == ["PySide6/Qt/lib/libQt6Network.so.6", "libgtk-3.so.0"]
    assert {entry[0] for entry in kept} == {entry[0] for entry in toc} - set(dropped)


def test_dangling_symlinks_are_dropped() -> None:
    binaries = [("PySide6/Qt/lib/libQt6Core.so.6", "src", "BINARY")]
    datas = [
        ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
        ("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK"),
        ("assets/style/kiosk.qss", "src/kiosk.qss", "DATA"),
    ]
    kept = rules.drop_dangling_symlinks(datas, binaries)
    assert [entry[0] for entry in kept] == ["libQt6Core.so.6", "assets/style/kiosk.qss"]


def _elf_with_load_segment(tmp_path: Path, offset: int, vaddr: int) -> Path:
    header = bytearray(64)
    header[:6] = b"\x7fELF\x02\x01"
    struct.pack_into("<Q", header, 0x20, 64)
    struct.pack_into("<HH", header, 0x36, 56, 1)
    segment = struct.pack("<IIQQQQQQ", 1, 5, offset, vaddr, vaddr, 0, 0, 0x1000)
    path = tmp_path / "lib.so"
    path.write_bytes(bytes(header) + segment)
    return path


def test_elf_alignment_check_spots_a_broken_layout(tmp_path: Path) -> None:
    assert elfstrip.load_segments_aligned(_elf_with_load_segment(tmp_path, 0x2000, 0x5000))
    assert not elfstrip.load_segments_aligned(_elf_with_load_segment(tmp_path, 0x2010, 0x5000))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF files exist on Linux only")
def test_elf_alignment_check_accepts_a_real_library() -> None:
    import _ctypes

    library = Path(_ctypes.__file__)
    assert elfstrip.is_elf(library)
    assert elfstrip.load_segments_aligned(library)


def test_no_module_the_kiosk_imports_is_excluded() -> None:
    kiosk_sources = (Path(__file__).resolve().parents[2] / "kiosk_app").rglob("*.py")
    imported = set()
    for path in kiosk_sources:
        text = path.read_text(encoding="utf-8")
        imported |= set(re.findall(r"^\s*(?:from|import) ([\w.]+)", text, re.MULTILINE))
    excluded = set(rules.EXCLUDED_MODULES) | set(rules.EXCLUDED_QT_BINDINGS)
    clashes = {
        name
        for name in imported
        for gone in excluded
        if name == gone or name.startswith(gone + ".")
    }
    # only the demo may reach for the server, which the bundle leaves out on purpose
    assert {name.split(".")[0] for name in clashes} <= {"server_stub"}, clashes
