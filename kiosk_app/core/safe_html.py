"""Documents made safe to show: placeholders filled with escaped values, then sanitised (nh3).

What comes out has no scripts, no styles, no remote resources (images, frames, fonts), no
links and no event-handler attributes, and never a NUL byte (the signed record's digest uses
NUL as its separator).
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

import nh3

UNKNOWN = "\u2014"  # the neutral placeholder for a field the kiosk does not know
PLACEHOLDERS = ("visitor_name", "company", "host_name", "site_name", "visit_date")
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")

# Text structure only: no <a>, <img>, <iframe>, <object>, <form>, <style>, <link> or <svg>.
TAGS = frozenset(
    {
        "h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "div", "span", "section",
        "strong", "b", "em", "i", "u", "s", "small", "sub", "sup", "mark", "blockquote",
        "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "th",
        "td", "caption", "pre", "code",
    }
)  # fmt: skip
# Dropped together with their content.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "title"})
ATTRIBUTES: dict[str, set[str]] = {"td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def fill(template: str, fields: Mapping[str, str | None]) -> str:
    """Each ``{{name}}`` replaced by its HTML-escaped value; unknown or empty ones by "—"."""

    def value(match: re.Match[str]) -> str:
        text = fields.get(match.group(1))
        text = (text or "").replace("\0", "").strip()
        return html.escape(text) if text else UNKNOWN

    return _PLACEHOLDER.sub(value, template.replace("\0", ""))


def sanitise(fragment: str) -> str:
    """Only the structure tags above, no attributes but table spans, no URLs, no comments."""
    cleaned = nh3.clean(
        fragment.replace("\0", ""),
        tags=set(TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ATTRIBUTES,
        url_schemes=set(),
        link_rel=None,
        strip_comments=True,
    )
    return cleaned.replace("\0", "")


def render(template: str, fields: Mapping[str, str | None]) -> str:
    """The exact HTML the visitor sees and signs."""
    return sanitise(fill(template, fields))
