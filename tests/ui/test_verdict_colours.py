"""Verdict classes stay apart for every common colour vision, and their icons differ in shape.

The colours are read off the rendered verdict screen (the stylesheet is their one place).
Colour-vision deficiencies are simulated with Machado, Oliveira and Fernandes (2009) at
severity 1.0 (``colorspacious``'s "sRGB1+CVD"), and distances are CIECAM02-UCS ΔE.
"""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from kiosk_app.core.verdicts import Verdict, VerdictClass, VerdictCode
from kiosk_app.ui.i18n import LanguageSwitcher
from kiosk_app.ui.screens.verdict import CLASS_ICONS
from kiosk_app.ui.theme import svg_renderer
from kiosk_app.ui.window import KioskWindow

EXAMPLES = {
    VerdictClass.WELCOME: Verdict(VerdictCode.ACCEPTED),
    VerdictClass.TRY_AGAIN: Verdict(VerdictCode.MALFORMED),
    VerdictClass.SEE_RECEPTION: Verdict(VerdictCode.EXPIRED),
    VerdictClass.ALREADY_CHECKED_IN: Verdict(VerdictCode.ALREADY_USED),
    VerdictClass.NOT_ATRIUM: Verdict(VerdictCode.NOT_A_PASS),
}
VISIONS = {
    "normal": None,
    "deuteranopia": {"name": "sRGB1+CVD", "cvd_type": "deuteranomaly", "severity": 100},
    "protanopia": {"name": "sRGB1+CVD", "cvd_type": "protanomaly", "severity": 100},
    "tritanopia": {"name": "sRGB1+CVD", "cvd_type": "tritanomaly", "severity": 100},
}
MIN_DELTA_E = 12.0  # CAM02-UCS; the old green/red pair was 3.2 apart under deuteranopia
MIN_TEXT_CONTRAST = 4.5  # WCAG AA for normal text; headlines are far larger


@pytest.fixture(scope="module")
def colours(qapp) -> dict[VerdictClass, tuple[QColor, QColor]]:
    """(background, text colour) of each class, as the verdict screen renders them."""
    switcher = LanguageSwitcher()
    window = KioskWindow(switcher)
    window.allow_close = True
    window.resize(1920, 1080)
    window.show()
    found = {}
    for verdict_class, verdict in EXAMPLES.items():
        window.verdict.show_verdict(verdict, "en")
        window.show_screen("verdict")
        qapp.processEvents()
        image = window.verdict.grab().toImage()
        text = window.verdict.headline.palette().color(window.verdict.headline.foregroundRole())
        found[verdict_class] = (image.pixelColor(4, image.height() // 2), text)
    window.verdict.stop_countdown()
    window.close()
    return found


def as_rgb1(colour: QColor) -> np.ndarray:
    return np.array([colour.redF(), colour.greenF(), colour.blueF()])


def seen_as(rgb: np.ndarray, vision: dict | None) -> np.ndarray:
    if vision is None:
        return rgb
    return np.clip(cspace_convert(rgb, vision, "sRGB1"), 0.0, 1.0)


def luminance(rgb: np.ndarray) -> float:
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def test_every_class_has_its_own_background(colours) -> None:
    assert set(colours) == set(VerdictClass)
    assert len({background.name() for background, _ in colours.values()}) == len(VerdictClass)


@pytest.mark.parametrize("vision", list(VISIONS))
def test_every_pair_of_classes_stays_apart(colours, vision: str) -> None:
    seen = {name: seen_as(as_rgb1(bg), VISIONS[vision]) for name, (bg, _) in colours.items()}
    distances = {
        (a, b): float(deltaE(seen[a], seen[b], input_space="sRGB1", uniform_space="CAM02-UCS"))
        for a, b in itertools.combinations(seen, 2)
    }
    closest = min(distances, key=distances.__getitem__)
    assert distances[closest] >= MIN_DELTA_E, (
        f"{vision}: {closest[0]} and {closest[1]} are only {distances[closest]:.1f} apart"
    )


def test_text_is_readable_on_every_class(colours) -> None:
    for verdict_class, (background, text) in colours.items():
        lighter, darker = sorted(
            (luminance(as_rgb1(background)), luminance(as_rgb1(text))), reverse=True
        )
        contrast = (lighter + 0.05) / (darker + 0.05)
        assert contrast >= MIN_TEXT_CONTRAST, f"{verdict_class}: contrast {contrast:.1f}"


def test_try_again_and_not_atrium_are_not_red(colours) -> None:
    for calm in (VerdictClass.TRY_AGAIN, VerdictClass.NOT_ATRIUM):
        background = colours[calm][0]
        hue, saturation = background.hslHue(), background.hslSaturationF()
        assert saturation < 0.25 or 40 < hue < 330, f"{calm} looks red: {background.name()}"


def icon_mask(name: str, side: int = 96) -> np.ndarray:
    image = QImage(side, side, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    svg_renderer(name).render(painter, QRectF(0, 0, side, side))
    painter.end()
    alpha = np.frombuffer(image.constBits(), np.uint8).reshape(side, side, 4)[:, :, 3]
    return alpha > 96


def test_icons_carry_the_meaning_without_colour(qapp) -> None:
    assert set(CLASS_ICONS) == set(VerdictClass)
    assert len(set(CLASS_ICONS.values())) == len(VerdictClass)
    masks = {name: icon_mask(name) for name in CLASS_ICONS.values()}
    for a, b in itertools.combinations(masks, 2):
        overlap = (masks[a] & masks[b]).sum() / (masks[a] | masks[b]).sum()
        assert overlap < 0.6, f"icons {a} and {b} have nearly the same shape ({overlap:.2f})"
