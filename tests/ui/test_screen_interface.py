"""The controller talks to screens only through their methods and signals, with typed values."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

from PySide6.QtCore import Signal

from kiosk_app.ui import window as window_module
from kiosk_app.ui.window import KioskWindow

REPO = Path(__file__).resolve().parents[2]
CALLERS = (
    "kiosk_app/ui/controller.py",
    "kiosk_app/ui/admin_settings.py",
    "kiosk_app/ui/walk_in_flow.py",
    "kiosk_app/ui/checkout_flow.py",
    "kiosk_app/ui/signing_flow.py",
    "kiosk_app/demo.py",
    "kiosk_app/ui/demo_player.py",
)
SCREEN_CLASSES = {
    name: prop.fget.__annotations__["return"]
    for name, prop in vars(KioskWindow).items()
    if isinstance(prop, property) and name not in ("current",)
}


def screen_class(name: str) -> type:
    annotation = SCREEN_CLASSES[name]
    if isinstance(annotation, str):  # postponed annotations
        return getattr(window_module, annotation)
    return annotation


def window_reaches(source: str) -> list[tuple[int, str, str]]:
    """Every ``window.<screen>.<member>`` (or ``w.<screen>.<member>``) in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute) or not isinstance(node.value, ast.Attribute):
            continue
        screen = node.value
        base = screen.value
        named_window = (isinstance(base, ast.Name) and base.id in ("w", "window")) or (
            isinstance(base, ast.Attribute) and base.attr == "window"
        )
        if named_window and screen.attr in SCREEN_CLASSES:
            found.append((node.lineno, screen.attr, node.attr))
    return found


def test_the_window_names_every_screen_with_its_class():
    assert set(SCREEN_CLASSES) == {
        "pairing",
        "scan",
        "verdict",
        "attract",
        "admin_pin",
        "admin_panel",
        "unpaired",
        "camera_trouble",
        "walk_in_name",
        "host_picker",
        "walk_in_done",
        "checkout_list",
        "signing",
    }


def test_controller_and_demo_use_only_screen_methods_and_signals():
    offending = []
    checked = 0
    for relative in CALLERS:
        for line, screen, member in window_reaches((REPO / relative).read_text()):
            checked += 1
            attribute = inspect.getattr_static(screen_class(screen), member, None)
            if not (inspect.isfunction(attribute) or isinstance(attribute, Signal)):
                offending.append(f"{relative}:{line}: window.{screen}.{member}")
    assert checked > 20  # the scan found the calls (a broken scan would pass vacuously)
    assert not offending, "reaches into screen members:\n" + "\n".join(offending)


def test_the_scan_finds_a_reach_into_a_member():
    sample = "self.window.scan.status_strip.show_status(s)\nw.verdict.verdict\n"
    reaches = window_reaches(sample)
    assert (1, "scan", "status_strip") in reaches and (2, "verdict", "verdict") in reaches
    for _line, screen, member in reaches:
        attribute = inspect.getattr_static(screen_class(screen), member, None)
        assert not (inspect.isfunction(attribute) or isinstance(attribute, Signal))


def test_status_views_read_a_typed_status_not_getattr():
    for relative in ("kiosk_app/ui/status_strip.py", "kiosk_app/ui/screens/admin_panel.py"):
        tree = ast.parse((REPO / relative).read_text())
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "getattr"
        ]
        assert not calls, f"{relative} reads the status with getattr"
