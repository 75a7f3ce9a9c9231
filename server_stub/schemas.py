"""Request and response models of the wire contract (docs/api.md), for validation and OpenAPI."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

MAX_WALK_IN_FIELD = 400  # the shape's bound; a name over 100 characters is invalid_name


class ErrorDetail(BaseModel):
    code: str
    message: str
    retry_after: int | None = None


class ErrorBody(BaseModel):
    detail: ErrorDetail


def error_responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI entries for error answers: all use the ``{"detail": {"code", "message"}}`` shape."""
    return {status: {"model": ErrorBody} for status in statuses}


class Health(BaseModel):
    status: str
    server_time: float


class LoginIn(BaseModel):
    email: str = Field(max_length=254)
    password: str = Field(max_length=1024)
    totp: str | None = Field(
        default=None, max_length=40, description="one-time code, for accounts with a second factor"
    )


class LoginOut(BaseModel):
    access_token: str
    token_type: str = "user"  # noqa: S105 (a claim value, not a secret)
    expires_at: int


class Named(BaseModel):
    id: str
    name: str


class PassKey(BaseModel):
    kid: str
    public_key: str
    retired_at: float | None


class Policy(BaseModel):
    trust_max_age_s: int
    clock_skew_flag_s: int


class RedeemIn(BaseModel):
    code: str = Field(max_length=32)
    kiosk_name: str | None = Field(default=None, max_length=100)


class RedeemOut(BaseModel):
    device_token: str
    device_id: str
    kiosk_name: str
    tenant: Named
    site: Named
    keys: list[PassKey]
    server_time: float
    policy: Policy


class Revocation(BaseModel):
    jti: str
    visit_id: str
    revoked_at: float


class SignedVersion(BaseModel):
    document_id: str
    version: int


class DocumentText(BaseModel):
    language: str
    title: str
    html: str
    sha256: str = Field(description="hex SHA-256 of the UTF-8 html")


class SiteDocument(BaseModel):
    document_id: str
    version: int
    position: int
    texts: list[DocumentText]


class ExpectedVisit(BaseModel):
    visit_id: str
    jti: str
    display_name: str
    host_name: str
    nbf: int
    exp: int
    signed: list[SignedVersion] = Field(
        default_factory=list, description="document versions this visit has signed"
    )
    checked_in_at: float | None = None
    checked_out_at: float | None = None


class SiteOut(BaseModel):
    id: str
    name: str
    walk_ins: bool = Field(description="whether the site takes walk-ins")


class HostOut(BaseModel):
    host_id: str
    name: str


class WalkInOut(BaseModel):
    visit_id: str
    event_id: str
    short_name: str = Field(description='first name and initial of the last: "Ada L."')
    checked_in_at: float


class PullOut(BaseModel):
    server_time: float
    watermark: int
    keys: list[PassKey]
    revocations: list[Revocation]
    expected_visits: list[ExpectedVisit]
    policy: Policy
    site: SiteOut
    kiosk_name: str
    documents: list[SiteDocument] = Field(
        default_factory=list, description="the site's documents to sign, current versions"
    )
    hosts: list[HostOut] = Field(description="the site's active hosts, names only")
    walk_ins: list[WalkInOut] = Field(description="today's walk-ins on site, for check-out")


class CheckinEventIn(BaseModel):
    """One kiosk event: an entry (a pass; the default, as old kiosks send), an exit (a pass,
    or for a walk-in its ``walk_in_event_id`` or ``visit_id``) or a walk-in (name, host)."""

    model_config = ConfigDict(populate_by_name=True)

    event_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    kind: Literal["entry", "exit", "walk_in"] = "entry"
    pass_: str | None = Field(
        default=None, alias="pass", description="compact JWS; over 2 KB is rejected per event"
    )
    scanned_at: float = Field(gt=0, allow_inf_nan=False)
    scanned_at_local: float | None = Field(default=None, allow_inf_nan=False)
    verdict: str | None = Field(default=None, max_length=32)
    walk_in_event_id: str | None = Field(
        default=None, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$",
        description="exit: the walk-in event of the visit leaving",
    )
    visit_id: str | None = Field(
        default=None, min_length=1, max_length=40, description="exit: the visit leaving"
    )
    name: str | None = Field(
        default=None, max_length=MAX_WALK_IN_FIELD, description="walk-in: the visitor's name"
    )
    company: str | None = Field(default=None, max_length=MAX_WALK_IN_FIELD)
    host_id: str | None = Field(default=None, max_length=40, description="walk-in: the host")
    language: str | None = Field(default=None, max_length=16)

    @model_validator(mode="after")
    def _fields_of_the_kind(self) -> CheckinEventIn:
        exit_refs = [self.pass_, self.walk_in_event_id, self.visit_id]
        if self.kind == "entry" and self.pass_ is None:
            raise ValueError("an entry needs its pass")
        if self.kind == "exit" and sum(ref is not None for ref in exit_refs) != 1:
            raise ValueError("an exit names one of pass, walk_in_event_id and visit_id")
        if self.kind == "walk_in" and (self.name is None or self.host_id is None):
            raise ValueError("a walk-in needs a name and a host_id")
        return self


class CheckinBatchIn(BaseModel):
    events: list[CheckinEventIn]


class CheckinResult(BaseModel):
    event_id: str
    status: str
    reason: str | None = None
    first_used_at: float | None = None
    first_used_by: str | None = None
    first_event_id: str | None = None
    visit_id: str | None = Field(default=None, description="walk-in: the visit made")
    host_notified: bool | None = Field(
        default=None, description="walk-in: an arrival e-mail or webhook was queued"
    )


class CheckinBatchOut(BaseModel):
    results: list[CheckinResult]


class PairingCodeIn(BaseModel):
    site_id: str | None = Field(default=None, max_length=100)
    site: str | None = Field(default=None, max_length=100)
    kiosk_name: str = Field(max_length=100)


class PairingCodeOut(BaseModel):
    code: str
    expires_at: float
    site: Named
    kiosk_name: str


class VisitIn(BaseModel):
    visitor: str = Field(max_length=100)
    host: str = Field(max_length=100)
    arrive: float | None = Field(default=None, allow_inf_nan=False, description="Unix seconds")
    depart: float | None = Field(default=None, allow_inf_nan=False, description="Unix seconds")
    site_id: str | None = Field(default=None, max_length=100)
    visitor_email: str | None = Field(
        default=None, max_length=254, description="e-mail the visitor an invitation"
    )
    language: str | None = Field(
        default=None, max_length=5, description="of the invitation: en or de (default: the site's)"
    )


class VisitOut(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    visit_id: str
    pass_: str = Field(alias="pass")
    nbf: int
    exp: int
    qr_png_base64: str
    invitation_id: str | None = Field(default=None, description="the queued invitation, if any")


class VisitCancelOut(BaseModel):
    visit_id: str
    revoked_at: float


class LedgerRow(BaseModel):
    jti: str
    visit_id: str
    event_id: str
    device_id: str
    kiosk_name: str
    used_at: float
    received_at: float


class CheckinsOut(BaseModel):
    checkins: list[LedgerRow]


class DuplicateRow(BaseModel):
    event_id: str
    jti: str | None
    device_id: str
    kiosk_name: str | None
    scanned_at: float
    first_used_at: float | None
    first_used_by: str | None
    first_event_id: str | None
    received_at: float


class DuplicatesOut(BaseModel):
    duplicates: list[DuplicateRow]


class Device(BaseModel):
    device_id: str
    kiosk_name: str
    site_id: str
    created_at: float
    revoked_at: float | None
    last_seen_at: float | None


class DevicesOut(BaseModel):
    devices: list[Device]


class DeviceRevokeOut(BaseModel):
    device_id: str
    revoked_at: float


class SignatureIn(BaseModel):
    record_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    event_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")
    visit_id: str | None = Field(default=None, max_length=40)
    document_id: str = Field(min_length=1, max_length=40)
    version: int = Field(ge=1, le=2**31 - 1)
    language: str = Field(min_length=2, max_length=5)
    html: str = Field(description="the exact filled-in HTML the visitor saw (at most 256 KB)")
    signature_png: str = Field(description="base64 PNG, transparent background")
    strokes: list[list[tuple[float, float, float]]] = Field(
        max_length=2000, description="[[[x, y, t_ms], ...], ...]"
    )
    signed_at: float = Field(gt=0, lt=2**40, allow_inf_nan=False)
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$", description="record_digest(html, png)")


class SignatureOut(BaseModel):
    record_id: str
    status: str
