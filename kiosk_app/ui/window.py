"""The kiosk window: stacked screens, language button, corner long-press, scaling, no escape."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QLayout,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.ui.hold_ring import HoldRing
from kiosk_app.ui.i18n import LANGUAGE_NAMES, LanguageSwitcher
from kiosk_app.ui.screen_names import ADMIN_SCREENS, LONG_PRESS_SCREENS, Screen
from kiosk_app.ui.screens.admin_panel import AdminPanelScreen
from kiosk_app.ui.screens.admin_pin import AdminPinScreen
from kiosk_app.ui.screens.attract import AttractScreen
from kiosk_app.ui.screens.camera_trouble import CameraTroubleScreen
from kiosk_app.ui.screens.checkout_list import CheckoutListScreen
from kiosk_app.ui.screens.host_picker import HostPickerScreen
from kiosk_app.ui.screens.pairing import PairingScreen
from kiosk_app.ui.screens.scan import ScanScreen
from kiosk_app.ui.screens.signing import SigningScreen
from kiosk_app.ui.screens.unpaired import UnpairedScreen
from kiosk_app.ui.screens.verdict import VerdictScreen
from kiosk_app.ui.screens.walk_in_done import WalkInDoneScreen
from kiosk_app.ui.screens.walk_in_name import WalkInNameScreen
from kiosk_app.ui.theme import (
    SvgIcon,
    is_portrait,
    scale_for,
    scale_layouts,
    stylesheet,
    svg_renderer,
)
from kiosk_app.ui.widgets import LongPressFilter

USER_INPUT = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,  # with a button held: scrolling and signing count as here
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.KeyPress,
    }
)


class ActivityFilter(QObject):
    """Calls back on any touch, click or key anywhere in the app (for the idle timer)."""

    activity = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        kind = event.type()
        if kind in USER_INPUT:
            if kind == QEvent.Type.MouseMove and not event.buttons():  # type: ignore[attr-defined]
                return False  # a mouse merely hovering is nobody at the kiosk
            self.activity.emit()
        return False


class KioskWindow(QWidget):
    """All screens in one stack; the controller decides which one shows."""

    screen_changed = Signal(str)

    def __init__(self, language: LanguageSwitcher, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.language = language
        self.admin_mode = False
        self.allow_close = False
        self.scale = 0.0
        self.portrait = False
        self.screens: dict[Screen, QWidget] = {
            Screen.PAIRING: PairingScreen(),
            Screen.SCAN: ScanScreen(),
            Screen.VERDICT: VerdictScreen(),
            Screen.ATTRACT: AttractScreen(),
            Screen.ADMIN_PIN: AdminPinScreen(),
            Screen.ADMIN_PANEL: AdminPanelScreen(),
            Screen.UNPAIRED: UnpairedScreen(),
            Screen.CAMERA_TROUBLE: CameraTroubleScreen(),
            Screen.WALK_IN_NAME: WalkInNameScreen(),
            Screen.HOST_PICKER: HostPickerScreen(),
            Screen.WALK_IN_DONE: WalkInDoneScreen(),
            Screen.CHECKOUT_LIST: CheckoutListScreen(),
            Screen.SIGNING: SigningScreen(),
        }
        self.stack = QStackedWidget()
        for screen in self.screens.values():
            self.stack.addWidget(screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # the window takes the screen's size; the scale (not the content) adapts to it
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self.stack)

        self.language_button = QPushButton(self)
        self.language_button.setObjectName("LanguageButton")
        self.language_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.language_button.clicked.connect(self.language.toggle)
        self.language.language_changed.connect(lambda _lang: self._update_language_button())
        self.language.language_changed.connect(self._keyboards_follow)
        self._keyboards_follow(self.language.language)

        self.long_press = LongPressFilter(self)
        self.hold_ring = HoldRing(self)
        self.long_press.started.connect(
            lambda point: self.hold_ring.start(point, self.long_press.hold_ms, self.scale)
        )
        self.long_press.ended.connect(self.hold_ring.stop)
        self.activity = ActivityFilter(self)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.long_press)
            app.installEventFilter(self.activity)
        self.setWindowTitle("Atrium Kiosk")
        self._apply_scale(QSize(1920, 1080))
        self._update_language_button()

    def detach(self) -> None:
        """Stops listening to app-wide input (the kiosk is shutting down)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.long_press)
            app.removeEventFilter(self.activity)

    # -- typed access ------------------------------------------------------------------------

    @property
    def pairing(self) -> PairingScreen:
        return self.screens[Screen.PAIRING]  # type: ignore[return-value]

    @property
    def scan(self) -> ScanScreen:
        return self.screens[Screen.SCAN]  # type: ignore[return-value]

    @property
    def verdict(self) -> VerdictScreen:
        return self.screens[Screen.VERDICT]  # type: ignore[return-value]

    @property
    def attract(self) -> AttractScreen:
        return self.screens[Screen.ATTRACT]  # type: ignore[return-value]

    @property
    def admin_pin(self) -> AdminPinScreen:
        return self.screens[Screen.ADMIN_PIN]  # type: ignore[return-value]

    @property
    def admin_panel(self) -> AdminPanelScreen:
        return self.screens[Screen.ADMIN_PANEL]  # type: ignore[return-value]

    @property
    def unpaired(self) -> UnpairedScreen:
        return self.screens[Screen.UNPAIRED]  # type: ignore[return-value]

    @property
    def camera_trouble(self) -> CameraTroubleScreen:
        return self.screens[Screen.CAMERA_TROUBLE]  # type: ignore[return-value]

    @property
    def walk_in_name(self) -> WalkInNameScreen:
        return self.screens[Screen.WALK_IN_NAME]  # type: ignore[return-value]

    @property
    def host_picker(self) -> HostPickerScreen:
        return self.screens[Screen.HOST_PICKER]  # type: ignore[return-value]

    @property
    def walk_in_done(self) -> WalkInDoneScreen:
        return self.screens[Screen.WALK_IN_DONE]  # type: ignore[return-value]

    @property
    def checkout_list(self) -> CheckoutListScreen:
        return self.screens[Screen.CHECKOUT_LIST]  # type: ignore[return-value]

    @property
    def signing(self) -> SigningScreen:
        return self.screens[Screen.SIGNING]  # type: ignore[return-value]

    # -- screens -----------------------------------------------------------------------------

    @property
    def current(self) -> Screen:
        widget = self.stack.currentWidget()
        return next(name for name, screen in self.screens.items() if screen is widget)

    def show_screen(self, name: Screen) -> None:
        self.admin_mode = name in ADMIN_SCREENS
        self.long_press.enabled = name in LONG_PRESS_SCREENS
        if name != Screen.VERDICT:
            self.verdict.stop_countdown()
        if name != Screen.WALK_IN_DONE:
            self.walk_in_done.clear()
        changed = self.stack.currentWidget() is not self.screens[name]
        self.stack.setCurrentWidget(self.screens[name])
        self.language_button.raise_()
        if changed:
            self.screen_changed.emit(name)

    # -- look --------------------------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:  # Qt override
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._apply_scale(self.size())

    def _apply_scale(self, size: QSize) -> None:
        scale = round(scale_for(size), 3)
        portrait = is_portrait(size)
        if scale != self.scale or portrait != self.portrait:
            self.scale, self.portrait = scale, portrait
            self.setProperty("portrait", portrait)  # kiosk.qss: #KioskWindow[portrait="true"]
            self.setStyleSheet(stylesheet(scale))
            for icon in self.findChildren(SvgIcon):
                icon.set_scale(scale)
            scale_layouts(self, scale, portrait)
            self.long_press.corner_px = round(140 * scale)
            self._update_language_button()
        margin = round(24 * self.scale)
        self.language_button.adjustSize()
        self.language_button.move(self.width() - self.language_button.width() - margin, margin)
        self.language_button.raise_()

    def _keyboards_follow(self, language: str) -> None:
        """The on-screen keyboards take the layout of the UI language (QWERTY, QWERTZ)."""
        self.walk_in_name.set_language(language)
        self.host_picker.set_language(language)

    def _update_language_button(self) -> None:
        side = max(16, round(44 * (self.scale or 1.0)))
        pixmap = QPixmap(side, side)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        svg_renderer("globe").render(painter)
        painter.end()
        self.language_button.setIcon(QIcon(pixmap))
        self.language_button.setIconSize(QSize(side, side))
        self.language_button.setText(LANGUAGE_NAMES[self.language.other_language()])
        self.language_button.adjustSize()
        margin = round(24 * (self.scale or 1.0))
        self.language_button.move(self.width() - self.language_button.width() - margin, margin)

    # -- no way out for visitors ------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() == Qt.Key.Key_Escape and not self.admin_mode:
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        if self.allow_close:
            event.accept()
        else:
            event.ignore()

    def idle_timer(self, interval_ms: int) -> QTimer:
        """A single-shot timer restarted by any touch; the controller decides what idle means."""
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval_ms)
        self.activity.activity.connect(timer.start)
        return timer
