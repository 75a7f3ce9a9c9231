"""What a scan leads to: documents first, or the recorded check-in's verdict."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk_app.core.documents import PendingDocument
from kiosk_app.core.verdicts import Verdict, VerdictCode
from kiosk_app.ui.admission import SigningNeeded, admit

NDA = PendingDocument("D7h2", 3, "en", "Non-disclosure agreement", "<p>NDA</p>")


@dataclass
class Judge:
    """A CheckinService stand-in: fixed answers, and what was asked of it."""

    verified: Verdict
    recorded: Verdict
    calls: list[str] = field(default_factory=list)

    def verify(self, text: str) -> Verdict:
        self.calls.append("verify")
        return self.verified

    def check_in(self, text: str) -> Verdict:
        self.calls.append("check_in")
        return self.recorded


def test_documents_to_sign_come_first_and_nothing_is_recorded() -> None:
    judge = Judge(
        Verdict(VerdictCode.ACCEPTED, pending_documents=(NDA,)), Verdict(VerdictCode.ACCEPTED)
    )
    result = admit(judge, "pass")  # type: ignore[arg-type]
    assert isinstance(result, SigningNeeded) and result.verdict.pending_documents == (NDA,)
    assert judge.calls == ["verify"]


def test_a_document_that_arrived_meanwhile_still_leads_to_the_signing() -> None:
    pending = Verdict(VerdictCode.DOCUMENTS_PENDING, pending_documents=(NDA,))
    judge = Judge(Verdict(VerdictCode.ACCEPTED), pending)
    result = admit(judge, "pass")  # type: ignore[arg-type]
    assert result == SigningNeeded("pass", pending)


def test_without_documents_the_check_in_is_recorded_as_before() -> None:
    for code in (VerdictCode.ACCEPTED, VerdictCode.EXPIRED):
        judge = Judge(Verdict(code), Verdict(code))
        assert admit(judge, "pass") == Verdict(code)  # type: ignore[arg-type]
        assert judge.calls == ["verify", "check_in"]
