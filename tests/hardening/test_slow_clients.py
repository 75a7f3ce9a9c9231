"""Slow clients cannot lock others out: 1,100 half-sent request heads under a 1024-file limit."""

from __future__ import annotations

import asyncio
import json
import os
import resource
import socket
import ssl
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
FILE_LIMIT = 1024
SLOW_CLIENTS = 1100
HALF_HEAD = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _cli(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "server_stub", "--data-dir", str(data_dir), *args]


def _lower_file_limit() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILE_LIMIT, FILE_LIMIT))


class SlowLoris:
    """Keeps ``count`` TLS connections open, each with half a request head; reconnects."""

    def __init__(self, port: int, context: ssl.SSLContext, count: int) -> None:
        self.port, self.context, self.count = port, context, count
        self.held = 0
        self.peak_held = 0
        self.opened = 0
        self.stop = threading.Event()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_until_complete, args=(self._run(),))

    async def _one(self, gate: asyncio.Semaphore) -> None:
        while not self.stop.is_set():
            try:
                async with gate:
                    reader, writer = await asyncio.wait_for(
                        asyncio.open_connection("127.0.0.1", self.port, ssl=self.context), 10
                    )
                    writer.write(HALF_HEAD)
                    await writer.drain()
            except (OSError, TimeoutError, ssl.SSLError):
                await asyncio.sleep(0.05)
                continue
            self.opened += 1
            self.held += 1
            self.peak_held = max(self.peak_held, self.held)
            try:
                while not self.stop.is_set() and await reader.read(4096):
                    pass  # the server's closing is what we wait for
            except (OSError, ssl.SSLError):
                pass
            finally:
                self.held -= 1
                writer.close()

    async def _run(self) -> None:
        gate = asyncio.Semaphore(64)
        tasks = [asyncio.ensure_future(self._one(gate)) for _ in range(self.count)]
        while not self.stop.is_set():
            await asyncio.sleep(0.1)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def __enter__(self) -> SlowLoris:
        self.thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.thread.join(timeout=60)


@pytest.fixture
def enough_files() -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = SLOW_CLIENTS * 2 + 200
    if hard != resource.RLIM_INFINITY and hard < wanted:
        pytest.skip(f"the test process needs {wanted} open files; the hard limit is {hard}")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    yield
    resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


@pytest.mark.slow
@pytest.mark.usefixtures("enough_files")
def test_a_fresh_client_is_answered_while_1100_slow_clients_hold_connections(
    tmp_path: Path,
) -> None:
    data_dir = tmp_path / "server"
    init = subprocess.run(
        _cli(data_dir, "--json", "init", "--tenant", "Acme Corp", "--site", "Berlin HQ"),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=REPO,
    )
    context = ssl.create_default_context(cafile=json.loads(init.stdout)["ca_cert"])
    port = _free_port()
    url = f"https://127.0.0.1:{port}/api/v1/health"
    log_path = tmp_path / "server.log"
    with log_path.open("wb") as log_file:
        server = subprocess.Popen(
            _cli(data_dir, "run", "--port", str(port)),
            cwd=REPO,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            preexec_fn=_lower_file_limit,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, log_path.read_text()
                try:
                    if httpx.get(url, verify=context, timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    assert time.monotonic() < deadline, "the server never answered"
                    time.sleep(0.1)
            started = time.monotonic()
            with SlowLoris(port, context, SLOW_CLIENTS) as loris:
                while loris.opened < SLOW_CLIENTS and time.monotonic() - started < 60:
                    time.sleep(0.1)
                assert loris.opened >= SLOW_CLIENTS, f"only {loris.opened} slow connections"
                times = []
                for _ in range(3):
                    begin = time.monotonic()
                    answer = httpx.get(url, verify=context, timeout=30)
                    times.append(time.monotonic() - begin)
                    assert answer.status_code == 200, answer.text
                    assert answer.json()["status"] == "ok"
                held = loris.peak_held
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
    log = log_path.read_text(errors="replace").splitlines()
    print(
        f"slow connections held at peak: {held}; fresh client answered in "
        f"{', '.join(f'{t:.2f}' for t in times)} s; {len(log)} log lines in {elapsed:.0f} s"
    )
    assert statistics.median(times) < 2.0, times
    assert held < FILE_LIMIT
    assert not [line for line in log if "Too many open files" in line]
    guard_lines = [line for line in log if "connection guard" in line]
    assert guard_lines, "the guard logged nothing while it closed connections"
    assert len(guard_lines) <= elapsed + 3, guard_lines
    assert len(log) < 40 + 2 * elapsed
