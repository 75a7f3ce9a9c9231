"""A document's HTML shown large and safely: nothing is fetched, no link can be followed.

The core already strips scripts, remote resources and links (``safe_html``); this view makes
sure of it again: ``loadResource`` answers nothing for any URL (http, file, data, qrc), links
are neither opened nor clickable, and scrolling is kinetic under a finger.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QAbstractScrollArea, QFrame, QScroller, QTextBrowser, QWidget

# the text inside a document: dark on paper, links look like words (nothing to follow)
DOCUMENT_CSS = """
body { color: #14212b; }
h1 { font-size: x-large; margin-bottom: 0.4em; }
h2 { font-size: large; margin-top: 0.8em; }
p, li { line-height: 140%; }
a { color: #14212b; text-decoration: none; }
"""


class OfflineDocument(QTextDocument):
    """A text document that loads no resource: not remote, not a local file, not qrc.

    An empty answer is not enough: Qt's image handler then reads the image's name from disk
    itself, so an image is answered with one transparent pixel and anything else with an empty
    text. ``requests`` keeps each URL asked for.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.requests: list[str] = []

    def loadResource(self, kind: int, url: QUrl) -> object:  # Qt override: nothing leaves
        self.requests.append(url.toString())
        return nothing_for(kind)


def nothing_for(kind: int) -> object:
    """A harmless stand-in resource: a transparent pixel for images, else an empty text."""
    if kind == QTextDocument.ResourceType.ImageResource:
        pixel = QImage(1, 1, QImage.Format.Format_ARGB32)
        pixel.fill(Qt.GlobalColor.transparent)
        return pixel
    return ""


class DocumentView(QTextBrowser):
    """Read-only, offline HTML; ``resource_requests`` lists every URL Qt asked for (refused)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setSearchPaths([])
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustIgnored)
        self._document = OfflineDocument(self)
        self._document.setDefaultStyleSheet(DOCUMENT_CSS)
        self.setDocument(self._document)
        viewport = self.viewport()
        viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.TouchGesture)
        QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)

    def show_html(self, html: str) -> None:
        """Shows ``html`` from the top; resources it names are never loaded."""
        self._document.setBaseUrl(QUrl())
        self.setHtml(html)
        self.verticalScrollBar().setValue(0)

    def loadResource(self, kind: int, url: QUrl) -> object:  # Qt override: nothing leaves
        self._document.requests.append(url.toString())
        return nothing_for(kind)

    @property
    def resource_requests(self) -> list[str]:
        """Every URL the document asked for (none was loaded)."""
        return list(self._document.requests)

    def setSource(self, *args: object, **kwargs: object) -> None:  # Qt override: no navigation
        return

    @property
    def at_end(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()
