"""What a scanned pass leads to: a verdict now, or the site's documents to sign first."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk_app.core.checkin import CheckinService
from kiosk_app.core.verdicts import Verdict, VerdictCode


@dataclass(frozen=True)
class SigningNeeded:
    """An accepted pass whose visit has documents to sign; nothing is recorded yet.

    The check-in happens only with the last signature (``CheckinService.check_in(text,
    signatures)``); until then the pass stays unused, so walking away leaves it valid.
    """

    text: str
    verdict: Verdict


def admit(checkin: CheckinService, text: str) -> Verdict | SigningNeeded:
    """Judges ``text``: documents to sign first, else the recorded check-in's verdict.

    The documents come in ``checkin.language`` (the UI keeps it at the visitor's language).
    A document that arrived between the two calls makes ``check_in`` record nothing and
    answer ``documents_pending``: that, too, leads to the signing.
    """
    judged = checkin.verify(text)
    if judged.accepted and judged.pending_documents:
        return SigningNeeded(text, judged)
    verdict = checkin.check_in(text)
    if verdict.code == VerdictCode.DOCUMENTS_PENDING and verdict.pending_documents:
        return SigningNeeded(text, verdict)
    return verdict
