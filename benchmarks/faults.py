"""Fault injectors for the hardening tests and the soak run: a killable server and a flaky proxy."""

from __future__ import annotations

import asyncio
import contextlib
import os
import random
import signal
import socket
import ssl
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

from server_stub.embedded import EmbeddedServer

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class ServerProcess:
    """``atrium-server run`` as a real subprocess on 127.0.0.1 that can be SIGKILLed and restarted.

    The data dir is initialised (and administered: pairing codes, visits, ledger reads) through
    an EmbeddedServer that is never started, so both share one SQLite ledger.
    """

    def __init__(
        self,
        data_dir: Path,
        port: int | None = None,
        *,
        database_url: str | None = None,
        owner_url: str | None = None,
        workers: int = 1,
    ) -> None:
        """``database_url`` is what the server connects with (PostgreSQL: the app role);
        ``owner_url`` (default: the same) initialises and migrates, and administers."""
        self.admin = EmbeddedServer(data_dir, database_url=owner_url or database_url)
        self.admin.pairing_code("warm-up")  # initialises the data dir and the TLS material
        self.data_dir = Path(data_dir)
        self.port = port or free_port()
        self.database_url = database_url
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = self.data_dir / "server-process.log"
        self.starts = 0
        self.kills = 0

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    @property
    def ca_cert(self) -> Path:
        return self.admin.ca_cert

    def start(self, timeout: float = 60.0) -> None:
        command = [sys.executable, "-m", "server_stub", "--data-dir", str(self.data_dir),
                   "run", "--host", HOST, "--port", str(self.port), "--workers", str(self.workers)]
        env = dict(os.environ)
        env.pop("ATRIUM_DATABASE_URL", None)
        if self.database_url:
            env["ATRIUM_DATABASE_URL"] = self.database_url  # not on the command line: a password
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=REPO, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env=env, start_new_session=True,  # its own group: kill() takes the workers too
            )
        self.starts += 1
        self.wait_healthy(timeout)

    def wait_healthy(self, timeout: float) -> None:
        context = ssl.create_default_context(cafile=str(self.ca_cert))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                raise RuntimeError(f"the server exited while starting; see {self.log_path}")
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(f"{self.url}/api/v1/health", verify=context, timeout=2).is_success:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"the server did not answer within {timeout} s; see {self.log_path}")

    def kill(self) -> None:
        """SIGKILL: no graceful shutdown, no flush, like a power cut of the server (all workers)."""
        if self.process is not None and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
            self.kills += 1
        self.process = None

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        self.process = None

    def close(self) -> None:
        self.stop()
        self.admin.close()


class FlakyProxy:
    """A TCP proxy on 127.0.0.1 that forwards, drops, resets or delays connections on command.

    Modes: ``pass`` forwards; ``drop`` accepts and closes at once; ``reset`` accepts and aborts
    with a TCP RST; ``delay`` forwards after ``delay_s``; ``down`` closes the listening socket
    (connection refused). Established connections are cut whenever the mode leaves ``pass``.
    """

    MODES = ("pass", "drop", "reset", "delay", "down")

    def __init__(self, target_port: int, delay_s: float = 0.5) -> None:
        self.target_port = target_port
        self.delay_s = delay_s
        self.port = free_port()
        self.mode = "pass"
        self.connections = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._thread = threading.Thread(target=self._loop.run_forever, name="flaky-proxy",
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self.port}"

    def start(self) -> FlakyProxy:
        self._thread.start()
        self._call(self._listen())
        return self

    def set_mode(self, mode: str) -> None:
        if mode not in self.MODES:
            raise ValueError(f"unknown proxy mode {mode!r}")
        self._call(self._switch(mode))

    def close(self) -> None:
        self._call(self._switch("down"))
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def _call(self, coroutine: object) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)  # type: ignore[arg-type]

    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._handle, HOST, self.port,
                                                      reuse_address=True)

    async def _switch(self, mode: str) -> None:
        self.mode = mode
        if mode != "pass":
            for writer in list(self._writers):
                _abort(writer)
            self._writers.clear()
        if mode == "down" and self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        elif mode != "down":
            await self._listen()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        mode = self.mode
        if mode == "drop":
            writer.close()
            return
        if mode == "reset":
            _abort(writer)
            return
        if mode == "delay":
            await asyncio.sleep(self.delay_s)
        try:
            up_reader, up_writer = await asyncio.open_connection(HOST, self.target_port)
        except OSError:
            _abort(writer)
            return
        self._writers.update({writer, up_writer})
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        self._writers.difference_update({writer, up_writer})


def _abort(writer: asyncio.StreamWriter) -> None:
    """Close with SO_LINGER 0, so the peer sees a connection reset."""
    sock = writer.get_extra_info("socket")
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        with contextlib.suppress(OSError, RuntimeError):
            writer.close()


def flap(proxy: FlakyProxy, rounds: int, rng: random.Random, pause: tuple[float, float]) -> None:
    """Cycle the proxy through random fault modes, restoring ``pass`` between faults."""
    for _ in range(rounds):
        proxy.set_mode(rng.choice(["drop", "reset", "delay", "down"]))
        time.sleep(rng.uniform(*pause))
        proxy.set_mode("pass")
        time.sleep(rng.uniform(*pause))


def thread_cpu_seconds(thread: threading.Thread) -> float | None:
    """CPU time used so far by one thread (Linux /proc), or None where that is not available."""
    native = getattr(thread, "native_id", None)
    stat = Path(f"/proc/self/task/{native}/stat")
    if native is None or not stat.exists():
        return None
    fields = stat.read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime + stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")
