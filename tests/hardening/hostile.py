"""Strategies for a hostile or broken Atrium server: any status, any body, dropped connections."""

from __future__ import annotations

import json
from typing import Any

import httpx
from hypothesis import strategies as st

STATUSES = (200, 200, 200, 201, 204, 301, 400, 401, 403, 404, 413, 422, 429, 500, 502, 503)
TRANSPORT_ERRORS = (
    httpx.ConnectError,
    httpx.ReadError,
    httpx.ReadTimeout,
    httpx.RemoteProtocolError,
    httpx.WriteError,
)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
)
json_values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


def maybe(valid: Any) -> st.SearchStrategy[Any]:
    """Mostly the valid value, sometimes anything at all."""
    return st.one_of(st.just(valid), st.just(valid), json_values)


@st.composite
def pull_answers(draw: st.DrawFn, valid: dict[str, Any]) -> dict[str, Any]:
    """A pull answer whose fields are each valid, hostile, or missing."""
    answer: dict[str, Any] = {}
    for name, value in valid.items():
        if draw(st.integers(0, 9)) == 0:
            continue
        if name == "expected_visits" and isinstance(value, list):
            answer[name] = draw(st.lists(visit_entries(), max_size=3))
        elif name == "revocations":
            answer[name] = draw(st.lists(revocation_entries(), max_size=3))
        else:
            answer[name] = draw(maybe(value))
    return answer


@st.composite
def visit_entries(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "visit_id": draw(maybe("V0000001")),
        "jti": draw(maybe("x" * 22)),
        "display_name": draw(maybe("Ada Lovelace")),
        "host_name": draw(maybe("Grace Hopper")),
        "nbf": draw(maybe(1_700_000_000)),
        "exp": draw(maybe(4_000_000_000)),
    }


@st.composite
def revocation_entries(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "jti": draw(maybe("y" * 22)),
        "visit_id": draw(maybe("V0000002")),
        "revoked_at": draw(maybe(1_700_000_000.0)),
    }


@st.composite
def push_answers(draw: st.DrawFn, event_ids: list[str]) -> dict[str, Any]:
    """Results naming real, unknown or garbled event ids with any status."""
    entry = st.fixed_dictionaries(
        {
            "event_id": st.one_of(st.sampled_from(event_ids), json_values),
            "status": st.one_of(
                st.sampled_from(["accepted", "duplicate", "rejected", "bogus"]), json_values
            ),
        },
        optional={
            "reason": json_values,
            "first_used_at": json_values,
            "first_used_by": json_values,
            "first_event_id": json_values,
        },
    )
    return {"results": draw(st.one_of(st.lists(entry, max_size=6), json_values))}


@st.composite
def responses(draw: st.DrawFn, body: st.SearchStrategy[Any]) -> dict[str, Any]:
    """How the hostile server answers one request: an error, raw bytes, or JSON."""
    kind = draw(st.sampled_from(["json", "json", "json", "bytes", "raise"]))
    if kind == "raise":
        return {"raise": draw(st.sampled_from(TRANSPORT_ERRORS))}
    headers = {}
    if draw(st.booleans()):
        headers["Retry-After"] = draw(st.sampled_from(["5", "-1", "nan", "inf", "1e999", "soon"]))
    status = draw(st.sampled_from(STATUSES))
    # json.dumps writes NaN and Infinity as Python's json does (and the kiosk's reader accepts)
    content = draw(st.binary(max_size=64)) if kind == "bytes" else json.dumps(draw(body)).encode()
    return {"status": status, "content": content, "headers": headers}


def transport(plan: dict[str, dict[str, Any]]) -> httpx.MockTransport:
    """A MockTransport answering /device/pull and /device/checkins as ``plan`` says."""

    def handle(request: httpx.Request) -> httpx.Response:
        which = "pull" if request.url.path.endswith("/device/pull") else "push"
        answer = plan[which]
        if "raise" in answer:
            raise answer["raise"]("hostile network", request=request)
        headers = {"content-type": "application/json", **answer["headers"]}
        return httpx.Response(answer["status"], content=answer["content"], headers=headers)

    return httpx.MockTransport(handle)
