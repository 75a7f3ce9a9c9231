"""Oversized and hostile inputs stay bounded: request bodies, batches, passes, camera frames."""

from __future__ import annotations

import json
import socket
import ssl
import uuid
from collections.abc import Iterator
from pathlib import Path

import cv2
import httpx
import numpy as np
import pytest

from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.passes import MAX_PASS_CHARS
from kiosk_app.core.verdicts import VerdictCode
from kiosk_app.scanner.decoders import ZxingDecoder
from kiosk_app.scanner.images import ImageLoadError, as_frame, load_image
from kiosk_app.scanner.synthetic import render_qr
from server_stub.embedded import EmbeddedServer
from server_stub.rules import MAX_BATCH_EVENTS, MAX_BODY_BYTES
from tests.core.real_server import RealAtrium

MAX_FRAME_SIDE = 8192  # the largest side a frame may have when it reaches zxing-cpp


def trust(server: EmbeddedServer) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(server.ca_cert))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    srv = EmbeddedServer(tmp_path_factory.mktemp("bounds") / "server").start()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture(scope="module")
def device(server: EmbeddedServer) -> httpx.Client:
    with httpx.Client(base_url=server.url, verify=trust(server), timeout=30) as plain:
        code = server.pairing_code("Bounds")
        token = plain.post("/api/v1/pairing/redeem", json={"code": code}).json()["device_token"]
    client = httpx.Client(
        base_url=server.url, verify=trust(server), timeout=30,
        headers={"Authorization": f"Bearer {token}"},
    )
    yield client
    client.close()


def error_code(response: httpx.Response) -> str:
    return str(response.json()["detail"]["code"])


def test_body_over_the_cap_is_refused_by_its_declared_length(device: httpx.Client) -> None:
    body = b'{"events": [' + b" " * (MAX_BODY_BYTES + 1) + b"]}"
    response = device.post(
        "/api/v1/device/checkins", content=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413 and error_code(response) == "body_too_large"


def test_streamed_body_over_the_cap_is_refused(device: httpx.Client) -> None:
    chunk = b" " * 65536

    def stream() -> Iterator[bytes]:  # no Content-Length: chunked transfer encoding
        yield b'{"events": ['
        for _ in range(MAX_BODY_BYTES // len(chunk) + 2):
            yield chunk
        yield b"]}"

    response = device.post(
        "/api/v1/device/checkins", content=stream(), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 413


def test_batch_over_the_limit_is_refused_whole(
    server: EmbeddedServer, device: httpx.Client
) -> None:
    visit = server.create_visit()
    events = [
        {"event_id": str(uuid.uuid4()), "pass": visit["pass"], "scanned_at": visit["nbf"] + 1.0}
        for _ in range(MAX_BATCH_EVENTS + 1)
    ]
    response = device.post("/api/v1/device/checkins", json={"events": events})
    assert response.status_code == 413 and error_code(response) == "batch_too_large"
    assert all(row["jti"] != visit["jti"] for row in server.checkins())


def test_oversized_pass_in_a_batch_is_rejected_per_event(
    server: EmbeddedServer, device: httpx.Client
) -> None:
    visit = server.create_visit()
    events = [
        {"event_id": str(uuid.uuid4()), "pass": "eyJ" + "A" * 100_000, "scanned_at": 1.0e9},
        {"event_id": str(uuid.uuid4()), "pass": visit["pass"], "scanned_at": visit["nbf"] + 1.0},
    ]
    response = device.post("/api/v1/device/checkins", json={"events": events})
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["rejected", "accepted"]


@pytest.mark.parametrize("field", ["kiosk_name", "code"])
def test_oversized_pairing_fields_are_a_clean_422(server: EmbeddedServer, field: str) -> None:
    body = {"code": "123456", field: "x" * 100_000}
    with httpx.Client(base_url=server.url, verify=trust(server)) as client:
        response = client.post("/api/v1/pairing/redeem", json=body)
    assert response.status_code == 422 and error_code(response) == "invalid_request"
    assert len(response.content) < 2000, "the error echoes the oversized input"


def test_kiosk_refuses_oversized_passes_without_recording(
    paired_kiosk: Kiosk, real: RealAtrium
) -> None:
    valid, _ = real.make_pass()
    for text in (valid + "A" * MAX_PASS_CHARS, "x" * 10_000_000, b"\xff" * 100_000):
        assert paired_kiosk.checkin.check_in(text).code in (
            VerdictCode.MALFORMED, VerdictCode.NOT_A_PASS
        )
    assert paired_kiosk.store.count("queue") == 0


@pytest.mark.parametrize(
    "frame",
    [
        np.zeros((0, 0), np.uint8),
        np.zeros((1, 1), np.uint8),
        np.zeros((480, 640), np.float32),
        np.zeros((480, 640, 2), np.uint8),
        np.zeros((4, 480, 640, 3), np.uint8),
        np.zeros((480, 640, 3), np.int64),
        np.zeros((1, 100_000), np.uint8),
    ],
    ids=["empty", "1px", "float", "2-channel", "4-d", "int64", "one-row"],
)
def test_corrupt_frames_are_dropped_by_the_decoder(frame: np.ndarray) -> None:
    decoder = ZxingDecoder()
    assert decoder.decode(frame) == []
    assert as_frame(frame) is None or as_frame(frame).dtype == np.uint8


def test_huge_camera_frames_reach_the_decoder_bounded_and_still_decode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    decoder = ZxingDecoder()
    sides: list[int] = []
    read = decoder._read

    def recording_read(image: np.ndarray, **kwargs: object) -> list:
        sides.append(max(image.shape[:2]))
        return read(image, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(decoder, "_read", recording_read)
    frame = np.full((12_000, 12_000), 255, np.uint8)
    code = render_qr("a pass in a huge frame", module_px=40)
    frame[100 : 100 + code.shape[0], 100 : 100 + code.shape[1]] = code
    assert decoder.decode(frame) == ["a pass in a huge frame"]
    assert max(sides) <= MAX_FRAME_SIDE, f"zxing-cpp was handed a {max(sides)} px side"


def test_image_file_declaring_huge_dimensions_is_not_decoded_in_full(tmp_path: Path) -> None:
    path = tmp_path / "bomb.png"  # a few hundred kB on disk, 432 MB as a BGR frame
    ok, encoded = cv2.imencode(".png", np.zeros((12_000, 12_000), np.uint8))
    assert ok
    path.write_bytes(encoded.tobytes())
    assert path.stat().st_size < 2_000_000
    try:
        frame = load_image(path)
    except ImageLoadError as exc:
        assert "bomb.png" in str(exc)
    else:
        assert max(frame.shape[:2]) <= MAX_FRAME_SIDE


def test_push_body_json_nesting_bomb_is_a_clean_error(device: httpx.Client) -> None:
    body = ("[" * 100_000 + "]" * 100_000).encode()
    response = device.post(
        "/api/v1/device/checkins", content=body, headers={"Content-Type": "application/json"}
    )
    assert 400 <= response.status_code < 500
    assert json.loads(response.content)["detail"]["code"]


def test_idle_and_garbage_connections_do_not_block_the_server(server: EmbeddedServer) -> None:
    idle = []
    try:
        for number in range(60):  # half-open: no TLS handshake, or plain HTTP, or junk
            sock = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            if number % 3 == 1:
                sock.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n\r\n")
            elif number % 3 == 2:
                sock.sendall(bytes(range(256)) * 4)
            idle.append(sock)
        with httpx.Client(base_url=server.url, verify=trust(server), timeout=10) as client:
            assert client.get("/api/v1/health").json()["status"] == "ok"
    finally:
        for sock in idle:
            sock.close()
