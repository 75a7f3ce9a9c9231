"""The demo's signing: a document its server requires at the demo site, and a drawn name.

``seed_signing_document`` publishes a visitor agreement (English and German) and requires it
at the demo site; the demo's accepted pass then leads to it, and ``ui.demo_player`` plays the
visitor who reads and signs it. No Qt here: the demo sets up before the window exists.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from server_stub.embedded import EmbeddedServer

AGREEMENT = {
    "en": (
        "Visitor agreement",
        "<h1>Visitor agreement</h1><p>Welcome to {{site_name}}, {{visitor_name}}."
        " Your host today is {{host_name}} ({{visit_date}}).</p>"
        "<h2>Confidentiality</h2><p>What you see or hear on site stays confidential.</p>"
        "<h2>Safety</h2><ul><li>Wear your visitor badge where it can be seen.</li>"
        "<li>In an alarm, follow your host to the assembly point.</li></ul>",
    ),
    "de": (
        "Besuchervereinbarung",
        "<h1>Besuchervereinbarung</h1><p>Willkommen in {{site_name}}, {{visitor_name}}."
        " Ihr Gastgeber heute: {{host_name}} ({{visit_date}}).</p>"
        "<h2>Vertraulichkeit</h2><p>Was Sie hier sehen oder hören, bleibt vertraulich.</p>"
        "<h2>Sicherheit</h2><ul><li>Tragen Sie Ihren Besucherausweis sichtbar.</li>"
        "<li>Folgen Sie bei Alarm Ihrem Gastgeber zum Sammelplatz.</li></ul>",
    ),
}
SIGNING_FRAMES = 420  # camera frames (30 fps) the signing and its welcome take in the demo


def seed_signing_document(server: EmbeddedServer) -> str:
    """The visitor agreement, required at the demo site; its document id."""
    return server.publish_document(AGREEMENT)


def signature_path(width: int, height: int) -> list[list[tuple[int, int]]]:
    """Three strokes that look like a handwritten name, scaled to a pad of that size."""
    left, base = width * 0.12, height * 0.62
    letters = [
        (
            left + width * 0.16 * t + width * 0.03 * math.sin(t * 9),
            base - height * 0.28 * abs(math.sin(t * 4.5)),
        )
        for t in (i / 40 for i in range(41))
    ]
    loops = [
        (
            left + width * 0.2 + width * 0.36 * t + width * 0.025 * math.cos(t * 30),
            base - height * 0.12 - height * 0.1 * math.sin(t * 30),
        )
        for t in (i / 80 for i in range(81))
    ]
    underline = [
        (left + width * 0.05 + width * 0.55 * t, base + height * 0.08 - height * 0.04 * t)
        for t in (i / 20 for i in range(21))
    ]
    return [[(round(x), round(y)) for x, y in stroke] for stroke in (letters, loops, underline)]
