"""Device routes (device token): pull trust data, push check-in batches, upload signatures."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from server_stub import schemas, signatures
from server_stub.auth import DeviceDep, ServiceDep
from server_stub.errors import ServiceError
from server_stub.rules import MAX_BATCH_EVENTS

router = APIRouter(
    prefix="/api/v1/device",
    tags=["device"],
    responses=schemas.error_responses(401, 403, 413, 422),
)


@router.get(
    "/pull",
    response_model=schemas.PullOut,
    summary="Keys, revocations since a watermark, today's expected visits, time and policy",
)
def pull(
    device: DeviceDep,
    service: ServiceDep,
    since: Annotated[int, Query(ge=0, le=2**62, description="last watermark seen")] = 0,
) -> dict[str, object]:
    return service.pull(device, since)


@router.post(
    "/checkins",
    response_model=schemas.CheckinBatchOut,
    response_model_exclude_none=True,
    summary="Push check-in events (at most 500); one answer per event, in order",
)
def push_checkins(
    body: schemas.CheckinBatchIn, device: DeviceDep, service: ServiceDep
) -> dict[str, object]:
    if len(body.events) > MAX_BATCH_EVENTS:
        raise ServiceError(
            "batch_too_large", f"send at most {MAX_BATCH_EVENTS} events per batch", 413
        )
    events = [event.model_dump(by_alias=True) for event in body.events]
    return {"results": service.push_checkins(device, events)}


@router.post(
    "/signatures",
    response_model=schemas.SignatureOut,
    responses=schemas.error_responses(409),
    summary="Upload one signed document record (after the push of its event); idempotent",
)
def upload_signature(
    body: schemas.SignatureIn, device: DeviceDep, service: ServiceDep
) -> dict[str, str]:
    return signatures.upload(service, device, body.model_dump())
