"""Languages: Qt translations from assets/i18n, switched at run time (widgets retranslate)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QObject, QTranslator, Signal
from PySide6.QtWidgets import QWidget

from kiosk_app.assets_path import asset_path
from kiosk_app.core.catalogue import LANGUAGE_NAMES, LANGUAGES, Translate, untranslated

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "LanguageSwitcher", "TranslatedWidget", "translate"]
CATALOG = "atrium"


def system_language() -> str:
    """The system's UI language if the kiosk speaks it, else English."""
    for name in QLocale.system().uiLanguages():
        code = name.split("-")[0].split("_")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def choose_language(requested: str | None, configured: str | None) -> str:
    """``--lang`` wins, then kiosk.toml's (which the admin panel writes), then the system's."""
    if requested in LANGUAGES:
        return str(requested)
    if configured in LANGUAGES:
        return str(configured)
    return system_language()


def catalog_path(lang: str) -> str:
    return str(asset_path("i18n", f"{CATALOG}_{lang}.qm"))


def translate(context: str, text: str, n: int = -1) -> str:
    """A core catalogue text in the installed language (the UI's ``Translate``).

    The core's texts are marked with QT_TRANSLATE_NOOP, which has no plural forms, so ``%n``
    is filled in here rather than looked up as a plural.
    """
    return untranslated(context, QCoreApplication.translate(context, text), n)


def file_translator(lang: str) -> Translate:
    """A ``Translate`` reading ``lang``'s catalogue file directly (the CLI has no Qt app)."""
    translator = QTranslator()
    if lang == "en" or not translator.load(catalog_path(lang)):
        return untranslated

    def lookup(context: str, text: str, n: int = -1) -> str:
        return untranslated(context, translator.translate(context, text) or text, n)

    return lookup


class LanguageSwitcher(QObject):
    """Installs one Qt translator at a time; Qt then sends LanguageChange to every widget."""

    language_changed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._translator: QTranslator | None = None
        self._lang = "en"

    @property
    def language(self) -> str:
        return self._lang

    def other_language(self) -> str:
        return LANGUAGES[(LANGUAGES.index(self._lang) + 1) % len(LANGUAGES)]

    def set_language(self, lang: str) -> None:
        """Switches every visible string to ``lang`` (``en`` or ``de``)."""
        if lang not in LANGUAGES:
            raise ValueError(f"Unknown language {lang!r}; choose one of: {', '.join(LANGUAGES)}.")
        app = QCoreApplication.instance()
        if self._translator is not None and app is not None:
            app.removeTranslator(self._translator)
            self._translator = None
        translator = QTranslator(self)
        if translator.load(catalog_path(lang)) and app is not None:
            app.installTranslator(translator)
            self._translator = translator
        self._lang = lang
        # deliver LanguageChange now, so every widget shows the new language on the next paint
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        german = QLocale.Language.German
        QLocale.setDefault(QLocale(german if lang == "de" else QLocale.Language.English))
        self.language_changed.emit(lang)

    def toggle(self) -> str:
        self.set_language(self.other_language())
        return self._lang


class TranslatedWidget(QWidget):
    """A widget whose texts are set in ``retranslate()``, redone on every language change."""

    def retranslate(self) -> None:
        """Set every visible text; subclasses override this."""

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
