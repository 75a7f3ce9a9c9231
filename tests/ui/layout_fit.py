"""Layout-fit checks for any screen: text that does not fit its widget, widgets cut off.

``layout_problems(window)`` looks at every visible label and button of a window (font metrics
against the widget's contents rectangle, word-wrap aware) and at every visible widget's place
(inside the window and inside each of its parents), and returns one line per problem. Other
screen tests call it after putting a screen up; an empty list means nothing is cut off.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)

UNBOUNDED = 100_000
ICON_TEXT_GAP = 4  # what QPushButton leaves between its icon and its text


def layout_problems(window: QWidget) -> list[str]:
    """One line per text that does not fit or widget that lies outside the window or parent."""
    problems: list[str] = []
    for widget in visible_widgets(window):
        problem = placement_problem(window, widget)
        if problem is None and isinstance(widget, QLabel):
            problem = label_problem(widget)
        elif problem is None and isinstance(widget, QAbstractButton):
            problem = button_problem(widget)
        if problem:
            problems.append(f"{describe(widget)}: {problem}")
    problems += overlap_problems(window)
    return problems


def visible_widgets(window: QWidget) -> list[QWidget]:
    """The window's widgets a person can see (shown, with an area, not inside a scroll area)."""
    return [
        w
        for w in window.findChildren(QWidget)
        if w.isVisible()
        and w.width() > 0
        and w.height() > 0
        and not w.isWindow()
        and not _in_scroll_area(w, window)
    ]


def describe(widget: QWidget) -> str:
    name = widget.objectName() or type(widget).__name__
    text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
    return f"{name} {text!r}" if text else name


def window_rect(window: QWidget, widget: QWidget) -> QRect:
    """``widget``'s rectangle in ``window`` coordinates."""
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def placement_problem(window: QWidget, widget: QWidget) -> str | None:
    """Says so when ``widget`` reaches outside the window or outside one of its parents."""
    rect = window_rect(window, widget)
    if not window.rect().contains(rect):
        return f"lies outside the window ({_box(rect)} in {_box(window.rect())})"
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        outer = window_rect(window, parent)
        if not outer.contains(rect):
            name = parent.objectName() or type(parent).__name__
            return f"cut off by {name} ({_box(rect)} in {_box(outer)})"
        parent = parent.parentWidget()
    return None


def text_rect(label: QLabel) -> QRect:
    """The area a label's text may use: contents minus margin and indent."""
    rect = label.contentsRect()
    margin = label.margin()
    rect.adjust(margin, margin, -margin, -margin)
    indent = label.indent()
    if indent > 0:
        align = label.alignment()
        if align & Qt.AlignmentFlag.AlignLeft:
            rect.setLeft(rect.left() + indent)
        if align & Qt.AlignmentFlag.AlignRight:
            rect.setRight(rect.right() - indent)
        if align & Qt.AlignmentFlag.AlignTop:
            rect.setTop(rect.top() + indent)
        if align & Qt.AlignmentFlag.AlignBottom:
            rect.setBottom(rect.bottom() - indent)
    return rect


def needed_text_rect(label: QLabel) -> QRect:
    """Where the label's text lands at its width (word-wrapped if the label wraps)."""
    area = text_rect(label)
    text = label.text()
    rich = label.textFormat() == Qt.TextFormat.RichText or (
        label.textFormat() == Qt.TextFormat.AutoText and GuiQt.mightBeRichText(text)
    )
    if rich:
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setDocumentMargin(0)
        document.setHtml(text)
        if label.wordWrap():
            document.setTextWidth(area.width())
        size = document.size().toSize()
        return QRect(area.topLeft(), size)
    align = label.alignment()
    # measured as QLabel measures it: top-left aligned, then placed as drawn
    flags = int(Qt.TextFlag.TextExpandTabs.value)
    if label.wordWrap():
        flags |= int(Qt.TextFlag.TextWordWrap.value)
    needed = QFontMetrics(label.font()).boundingRect(
        QRect(0, 0, area.width(), UNBOUNDED), flags, text
    )
    left, top = area.left(), area.top()
    if align & Qt.AlignmentFlag.AlignHCenter:
        left += (area.width() - needed.width()) // 2
    elif align & Qt.AlignmentFlag.AlignRight:
        left += area.width() - needed.width()
    if align & Qt.AlignmentFlag.AlignVCenter:
        top += (area.height() - needed.height()) // 2
    elif align & Qt.AlignmentFlag.AlignBottom:
        top += area.height() - needed.height()
    return QRect(left, top, needed.width(), needed.height())


def label_problem(label: QLabel) -> str | None:
    if not label.text().strip() or not label.pixmap().isNull():
        return None
    area = text_rect(label)
    needed = needed_text_rect(label)
    if needed.width() > area.width() or needed.height() > area.height():
        return (
            f"text needs {needed.width()}x{needed.height()} px, "
            f"has {area.width()}x{area.height()}"
        )
    return None


def button_problem(button: QAbstractButton) -> str | None:
    if not button.text().strip():
        return None
    if not isinstance(button, QPushButton):
        hint = button.sizeHint()
        if hint.width() > button.width() or hint.height() > button.height():
            has = f"{button.width()}x{button.height()}"
            return f"needs {hint.width()}x{hint.height()} px, has {has}"
        return None
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    option.icon = button.icon()
    option.iconSize = button.iconSize()
    contents = button.style().subElementRect(
        QStyle.SubElement.SE_PushButtonContents, option, button
    )
    metrics = QFontMetrics(button.font())
    width = metrics.horizontalAdvance(button.text().replace("&&", "&"))
    height = metrics.height()
    if not button.icon().isNull():
        width += button.iconSize().width() + ICON_TEXT_GAP
        height = max(height, button.iconSize().height())
    if width > contents.width() or height > contents.height():
        return f"text needs {width}x{height} px, has {contents.width()}x{contents.height()}"
    return None


def overlap_problems(window: QWidget) -> list[str]:
    """Texts hidden under a widget that floats over the screens (the language button)."""
    floating = [
        child
        for child in window.children()
        if isinstance(child, QAbstractButton) and child.isVisible()
    ]
    problems = []
    for top in floating:
        top_rect = window_rect(window, top)
        for label in visible_widgets(window):
            if label is top or not isinstance(label, QLabel) or not label.text().strip():
                continue
            drawn = needed_text_rect(label).translated(label.mapTo(window, label.rect().topLeft()))
            if drawn.intersects(top_rect):
                problems.append(f"{describe(label)}: text lies under {describe(top)}")
    return problems


def _in_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea):
            return True
        parent = parent.parentWidget()
    return False


def _box(rect: QRect) -> str:
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"
