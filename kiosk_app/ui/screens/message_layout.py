"""The centred icon-title-text layout shared by the attract, unpaired and camera screens."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk_app.ui.theme import SvgIcon
from kiosk_app.ui.widgets import text_label


@dataclass
class MessageParts:
    icon: SvgIcon
    title: QLabel
    body: QLabel
    detail: QLabel
    layout: QVBoxLayout


def build_message_layout(screen: QWidget, icon: str, icon_px: int = 240) -> MessageParts:
    """Icon, big title, body text and a small detail line, centred on ``screen``."""
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(120, 100, 120, 60)
    layout.setSpacing(30)
    layout.addStretch(2)
    parts = MessageParts(
        icon=SvgIcon(icon, icon_px),
        title=text_label("title", center=True),
        body=text_label("subtitle", center=True),
        detail=text_label("hint", center=True),
        layout=layout,
    )
    layout.addWidget(parts.icon, 0, Qt.AlignmentFlag.AlignHCenter)
    layout.addWidget(parts.title)
    layout.addWidget(parts.body)
    layout.addStretch(3)
    layout.addWidget(parts.detail)
    return parts
