"""The kiosk's look: the stylesheet from assets/style, scaled to the screen size, and icons."""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QBoxLayout, QGridLayout, QLayout, QSizePolicy, QWidget

from kiosk_app.assets_path import asset_path

REFERENCE_SIZE = QSize(1920, 1080)
_SCALED = re.compile(r"@s\((\d+)\)")


@functools.lru_cache(maxsize=1)
def _stylesheet_template() -> str:
    return asset_path("style", "kiosk.qss").read_text(encoding="utf-8")


def stylesheet(scale: float) -> str:
    """The kiosk stylesheet with every ``@s(N)`` replaced by ``N * scale`` pixels."""
    return _SCALED.sub(
        lambda m: str(max(1, round(int(m.group(1)) * scale))), _stylesheet_template()
    )


DESIGN_BOX = "designBox"  # a layout's margins and spacing at 1920x1080, kept on the layout
STACK_IN_PORTRAIT = "stackInPortrait"  # a QBoxLayout whose columns become rows in portrait
PORTRAIT_REFERENCE = QSize(1080, 1920)
PORTRAIT_FACTOR = 0.85  # portrait screens stack columns; a little smaller keeps them on screen


def scale_for(size: QSize) -> float:
    """How much to scale the 1920x1080 design so it fits ``size`` (never below 0.5).

    A portrait screen is measured against 1080x1920, the same panel turned on its side.
    """
    reference = PORTRAIT_REFERENCE if is_portrait(size) else REFERENCE_SIZE
    ratio = min(size.width() / reference.width(), size.height() / reference.height())
    if is_portrait(size):
        ratio *= PORTRAIT_FACTOR
    return max(0.5, ratio)


def is_portrait(size: QSize) -> bool:
    return size.height() > size.width()


def scale_layouts(root: QWidget, scale: float, portrait: bool = False) -> None:
    """Scales every layout's margins and spacing under ``root`` from their 1920x1080 values.

    The screens set margins and spacing in design pixels; the first call remembers those on
    each layout, so calling it again (another size, a screen built later) never compounds.
    Box layouts marked ``STACK_IN_PORTRAIT`` run top to bottom on a portrait screen.
    """
    for layout in root.findChildren(QLayout):
        design = layout.property(DESIGN_BOX)
        if design is None:
            margins = layout.contentsMargins()
            design = [margins.left(), margins.top(), margins.right(), margins.bottom()]
            design += _spacings(layout)
            layout.setProperty(DESIGN_BOX, design)
        left, top, right, bottom, across, down = (int(v) for v in design)
        layout.setContentsMargins(*(round(v * scale) for v in (left, top, right, bottom)))
        if isinstance(layout, QGridLayout):
            layout.setHorizontalSpacing(round(across * scale) if across >= 0 else -1)
            layout.setVerticalSpacing(round(down * scale) if down >= 0 else -1)
        elif across >= 0:
            layout.setSpacing(round(across * scale))
        if isinstance(layout, QBoxLayout) and layout.property(STACK_IN_PORTRAIT):
            columns = QBoxLayout.Direction.LeftToRight
            layout.setDirection(QBoxLayout.Direction.TopToBottom if portrait else columns)


def _spacings(layout: QLayout) -> list[int]:
    """The horizontal and vertical spacing the code set (-1: the style's default)."""
    if isinstance(layout, QGridLayout):
        return [layout.horizontalSpacing(), layout.verticalSpacing()]
    return [layout.spacing(), layout.spacing()]


@functools.lru_cache(maxsize=32)
def svg_renderer(name: str) -> QSvgRenderer:
    """The renderer of ``assets/icons/<name>.svg`` (cached; GUI thread only)."""
    return QSvgRenderer(str(asset_path("icons", f"{name}.svg")))


class SvgIcon(QWidget):
    """An icon from assets/icons drawn crisp at any size, centred in its box.

    ``tinted`` icons take the stylesheet's text colour (``color``) of their screen, so a
    light background gets a dark icon; the stylesheet stays the one place for colours.
    """

    def __init__(
        self, name: str, size: int = 200, parent: QWidget | None = None, *, tinted: bool = False
    ) -> None:
        super().__init__(parent)
        self._name = name
        self._base = size
        self._tinted = tinted
        self._tint_cache: tuple[tuple[object, ...], QImage] | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_TranslucentBackground)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_scale(1.0)

    @property
    def name(self) -> str:
        return self._name

    def set_icon(self, name: str) -> None:
        self._name = name
        self.update()

    def set_scale(self, scale: float) -> None:
        side = max(24, round(self._base * scale))
        self.setFixedSize(side, side)

    def paintEvent(self, event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._tinted:
            painter.drawImage(0, 0, self._tinted_image())
        else:
            svg_renderer(self._name).render(painter, QRectF(self.rect()))
        painter.end()

    def _tinted_image(self) -> QImage:
        colour = self.palette().color(self.foregroundRole())
        key = (self._name, self.width(), self.height(), self.devicePixelRatioF(), colour.rgba())
        if self._tint_cache is None or self._tint_cache[0] != key:
            self._tint_cache = (key, self._render_tinted(colour))
        return self._tint_cache[1]

    def _render_tinted(self, colour: QColor) -> QImage:
        ratio = self.devicePixelRatioF()
        image = QImage(self.size() * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        svg_renderer(self._name).render(painter, QRectF(self.rect()))
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(self.rect(), colour)
        painter.end()
        return image
