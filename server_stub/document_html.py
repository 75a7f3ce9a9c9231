"""Document templates: HTML cleaned on the way in (nh3, the Ammonia sanitiser) and placeholders.

What a template may hold: headings, paragraphs, line breaks and rules, emphasis, lists,
simple tables (``colspan``/``rowspan``) and block quotes; text only. Everything else is
removed: scripts and styles with their content, every other element (its text kept), every
attribute but the table spans and a list's ``start``, comments. So there are no images or
other remote resources, no links (a link's text stays, the link goes) and no inline styles
(``url()``). The kiosk renders the same subset (``docs/visit-flows.md``).
"""

from __future__ import annotations

import hashlib
import html
import re

import nh3

from server_stub.errors import ServiceError

ALLOWED_TAGS = frozenset(
    {
        "h1", "h2", "h3", "h4", "p", "br", "hr", "strong", "b", "em", "i", "u",
        "ul", "ol", "li", "blockquote", "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "ol": {"start"},
}
PLACEHOLDERS = ("visitor_name", "company", "host_name", "site_name", "visit_date")
MAX_TEMPLATE_BYTES = 128 * 1024  # filled in, a record's html stays under 256 KB
MAX_TITLE_CHARS = 200
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}")
_SPACED = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")  # {{ name }} -> {{name}}


def sanitise(text: str) -> str:
    """The template with only the allowed elements and attributes left (no NUL bytes)."""
    return nh3.clean(
        text.replace("\x00", ""),
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(),
        strip_comments=True,
        link_rel=None,
    ).strip()


def clean_template(text: str, language: str) -> str:
    """A template as stored: sanitised, not empty, within the size limit, known placeholders."""
    if len(text.encode("utf-8")) > MAX_TEMPLATE_BYTES:
        raise ServiceError(
            "template_too_large",
            f"the {language} text is over {MAX_TEMPLATE_BYTES // 1024} KB",
            422,
        )
    cleaned = _SPACED.sub(r"{{\1}}", sanitise(text))
    if not re.sub(r"<[^>]*>", "", cleaned).strip():
        raise ServiceError("empty_template", f"the {language} text is empty", 422)
    for match in _PLACEHOLDER.finditer(cleaned):
        if match.group(1) not in PLACEHOLDERS:
            known = ", ".join("{{" + name + "}}" for name in PLACEHOLDERS)
            raise ServiceError(
                "unknown_placeholder",
                f"the {language} text uses {match.group(0)[:40]}; placeholders are {known}",
                422,
            )
    return cleaned


def clean_title(text: str, language: str) -> str:
    title = " ".join(str(text).split())
    if not title or len(title) > MAX_TITLE_CHARS or not title.isprintable():
        raise ServiceError(
            "invalid_title", f"the {language} title must be 1 to {MAX_TITLE_CHARS} characters", 422
        )
    return title


def sha256_hex(text: str) -> str:
    """The content hash kiosks get with each text: SHA-256 of the UTF-8 html."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fill(template: str, fields: dict[str, str | None]) -> str:
    """The template with its placeholders replaced by HTML-escaped values ("—" if unknown).

    For the console's preview; the kiosk fills its own copy the same way.
    """

    def value(match: re.Match[str]) -> str:
        known = fields.get(match.group(1))
        return html.escape(known) if known else "—"

    return _PLACEHOLDER.sub(value, template)
