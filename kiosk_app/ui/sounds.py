"""Short verdict tones from assets/sounds, played without QtMultimedia and never blocking."""

from __future__ import annotations

import os
import shutil
import sys

from PySide6.QtCore import QObject, QProcess

from kiosk_app.assets_path import asset_path
from kiosk_app.core.verdicts import VerdictClass

ENV_SOUND = "ATRIUM_KIOSK_SOUND"  # "0" turns sounds off
CLASS_SOUNDS = {
    VerdictClass.WELCOME: "welcome",
    VerdictClass.TRY_AGAIN: "trouble",
    VerdictClass.SEE_RECEPTION: "refused",
    VerdictClass.ALREADY_CHECKED_IN: "trouble",
    VerdictClass.NOT_ATRIUM: "trouble",
}
_LINUX_PLAYERS = (("paplay", ()), ("aplay", ("-q",)), ("pw-play", ()))


def _find_player() -> tuple[str, tuple[str, ...]] | None:
    if sys.platform == "darwin":
        found = shutil.which("afplay")
        return (found, ()) if found else None
    for name, args in _LINUX_PLAYERS:
        found = shutil.which(name)
        if found:
            return found, args
    return None


class SoundPlayer(QObject):
    """Plays ``welcome``/``refused``/``trouble`` asynchronously; silent if nothing can play."""

    def __init__(self, enabled: bool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        if enabled is None:
            enabled = os.environ.get(ENV_SOUND, "1") != "0"
        self._enabled = enabled
        self._player = _find_player() if enabled and sys.platform != "win32" else None
        self._running: set[QProcess] = set()
        self.played: list[str] = []  # names, newest last (for the admin panel and tests)

    @property
    def backend(self) -> str:
        if not self._enabled:
            return "off"
        if sys.platform == "win32":
            return "winsound"
        return os.path.basename(self._player[0]) if self._player else "none"

    def play_for(self, verdict_class: VerdictClass) -> None:
        """The sound of a verdict class: welcome, a soft attention tone, or the refusal."""
        self.play(CLASS_SOUNDS[VerdictClass(verdict_class)])

    def play(self, name: str) -> None:
        """Starts the sound and returns at once (tones are short; they may overlap)."""
        self.played = [*self.played[-19:], name]
        if not self._enabled:
            return
        path = asset_path("sounds", f"{name}.wav")
        if not path.is_file():
            return
        if sys.platform == "win32":
            import winsound

            winsound.PlaySound(str(path), winsound.SND_FILENAME | winsound.SND_ASYNC)
            return
        if self._player is None:
            return
        process = QProcess(self)
        self._running.add(process)
        process.finished.connect(lambda *_: self._forget(process))
        process.errorOccurred.connect(lambda *_: self._forget(process))
        process.start(self._player[0], [*self._player[1], str(path)])

    def _forget(self, process: QProcess) -> None:
        if process in self._running:
            self._running.discard(process)
            process.deleteLater()
