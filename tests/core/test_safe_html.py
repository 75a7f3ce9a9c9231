"""safe_html: escaped placeholders, "—" for unknown fields; no scripts, remote resources, links."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk_app.core.safe_html import UNKNOWN, fill, render

HOSTILE = (
    '<h1 onclick="steal()">NDA</h1><script>alert(1)</script><style>p{color:red}</style>'
    '<a href="https://evil.example/x">read more</a><img src="https://evil.example/t.png">'
    '<iframe src="https://evil.example"></iframe><link rel="stylesheet" href="//x/y.css">'
    '<p style="background:url(https://evil.example/b.png)">text</p><svg><image href="x"/></svg>'
    '<form action="https://evil.example"><input name="q"></form><!-- secret -->'
    '<object data="x.swf"></object><table><tr><td colspan="2" onmouseover="x()">cell</td></tr>'
    "</table>\0after"
)


def test_placeholders_are_escaped_and_unknown_fields_become_a_dash() -> None:
    out = render(
        "<p>{{visitor_name}} of {{ company }} visits {{host_name}} on {{visit_date}}, "
        "{{site_name}} {{never_heard_of}}</p>",
        {
            "visitor_name": "<b>Ada</b> & Co",
            "company": None,
            "host_name": "  ",
            "visit_date": "2026-12-01",
        },
    )
    assert out == (
        f"<p>&lt;b&gt;Ada&lt;/b&gt; &amp; Co of {UNKNOWN} visits {UNKNOWN} on 2026-12-01, "
        f"{UNKNOWN} {UNKNOWN}</p>"
    )


def test_scripts_styles_links_remote_resources_and_handlers_are_gone() -> None:
    out = render(HOSTILE, {})
    for banned in (
        "<script",
        "alert",
        "<style",
        "color:red",
        "<a",
        "href",
        "<img",
        "src",
        "<iframe",
        "<link",
        "style=",
        "url(",
        "<svg",
        "<form",
        "<input",
        "secret",
        "<object",
        "onclick",
        "onmouseover",
        "\0",
    ):
        assert banned not in out, banned
    assert "<h1>NDA</h1>" in out and "read more" in out and "text" in out
    assert '<td colspan="2">cell</td>' in out and "after" in out


def test_a_value_cannot_smuggle_markup_or_a_nul() -> None:
    out = render("<p>{{visitor_name}}</p>", {"visitor_name": '"><script>x()</script>\0'})
    assert "<script" not in out and "\0" not in out and "&lt;script&gt;" in out


def test_fill_alone_keeps_the_template_markup() -> None:
    assert fill("<p>{{company}}</p>", {"company": "A&B"}) == "<p>A&amp;B</p>"


@settings(max_examples=150, deadline=None)
@given(template=st.text(), value=st.text())
def test_no_template_or_value_gets_active_content_through(template: str, value: str) -> None:
    out = render(template + "{{visitor_name}}", {"visitor_name": value})
    lowered = out.lower()
    assert "\0" not in out
    assert "<script" not in lowered and "<a " not in lowered and "<img" not in lowered
    assert "href=" not in lowered and "src=" not in lowered and " on" not in _tags(lowered)


def _tags(html: str) -> str:
    """The text inside the tags only (attributes), to look for event handlers."""
    inside, depth = [], 0
    for char in html:
        if char == "<":
            depth += 1
        elif char == ">":
            depth = max(0, depth - 1)
        elif depth:
            inside.append(char)
    return "".join(inside)
