"""The names of the kiosk's screens: one StrEnum for the window, the controller and the tests."""

from __future__ import annotations

from enum import StrEnum


class Screen(StrEnum):
    PAIRING = "pairing"
    SCAN = "scan"
    VERDICT = "verdict"
    ATTRACT = "attract"
    ADMIN_PIN = "admin_pin"
    ADMIN_PANEL = "admin_panel"
    UNPAIRED = "unpaired"
    CAMERA_TROUBLE = "camera_trouble"
    WALK_IN_NAME = "walk_in_name"
    HOST_PICKER = "host_picker"
    WALK_IN_DONE = "walk_in_done"
    CHECKOUT_LIST = "checkout_list"
    SIGNING = "signing"  # the site's documents, read and signed after an accepted pass


ADMIN_SCREENS = frozenset({Screen.ADMIN_PIN, Screen.ADMIN_PANEL})
LONG_PRESS_SCREENS = frozenset(
    {Screen.SCAN, Screen.ATTRACT, Screen.CAMERA_TROUBLE, Screen.UNPAIRED}
)
SCANNING_SCREENS = frozenset({Screen.SCAN, Screen.VERDICT, Screen.ATTRACT})
# a visitor is typing or choosing: idle or cancel goes back to scanning, nothing recorded
VISITOR_INPUT_SCREENS = frozenset({Screen.WALK_IN_NAME, Screen.HOST_PICKER, Screen.CHECKOUT_LIST})
