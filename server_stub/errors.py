"""Service errors with a stable machine code and the HTTP status they map to."""

from __future__ import annotations


class ServiceError(Exception):
    """A refusal the caller can act on: ``code`` is stable, ``message`` is a human sentence."""

    def __init__(
        self, code: str, message: str, status: int = 400, retry_after: int | None = None
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status
        self.retry_after = retry_after

    def detail(self) -> dict[str, object]:
        body: dict[str, object] = {"code": self.code, "message": self.message}
        if self.retry_after is not None:
            body["retry_after"] = self.retry_after
        return body


def not_found(what: str) -> ServiceError:
    return ServiceError("not_found", f"{what} not found", 404)
