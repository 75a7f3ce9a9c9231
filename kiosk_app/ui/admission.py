"""What a scanned pass leads to: a verdict now, or the site's documents to sign first."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk_app.core.checkin import CheckinService
from kiosk_app.core.verdicts import Verdict


@dataclass(frozen=True)
class SigningNeeded:
    """An accepted pass whose visit has documents to sign; nothing is recorded yet.

    The check-in happens only with the last signature (``CheckinService.check_in(text,
    signatures)``); until then the pass stays unused, so walking away leaves it valid.
    """

    text: str
    verdict: Verdict


def admit(checkin: CheckinService, text: str, language: str) -> Verdict | SigningNeeded:
    """Judges ``text``: documents to sign first (in ``language``), else the check-in's verdict."""
    judged = checkin.verify(text, language=language)
    if judged.accepted and judged.pending_documents:
        return SigningNeeded(text, judged)
    return checkin.check_in(text, language=language)
