"""Slow clients against the server under a 1024-file limit: what is held, who still gets in.

Run ``python benchmarks/slow_clients.py`` from the repo root. It starts the server in a
subprocess with RLIMIT_NOFILE lowered to 1024, opens 1,100 TLS connections that each send half
a request head (and reconnect when closed), then times three fresh clients asking for
``/api/v1/health``. ``--server`` picks what serves the same app: ``atrium`` (``atrium-server
run``: uvicorn behind server_stub/connection_guard.py), ``uvicorn`` (plain uvicorn with
``limit_concurrency``), ``hypercorn`` (``--read-timeout 5``) or ``granian``
(``--http1-header-read-timeout 5000``); the last two must be installed separately, they are
not dependencies. Figures: peak connections held, fresh-client answer times, log lines.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from a source checkout

from benchmarks.faults import free_port  # noqa: E402

FILE_LIMIT = 1024
SLOW_CLIENTS = 1100
HALF_HEAD = b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
APP_MODULE = (
    "from pathlib import Path\n"
    "from server_stub.app import create_app\n"
    "app = create_app(Path({data!r}))\n"
)


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


def lower_file_limit() -> None:
    """preexec_fn for the server process: the usual service limit."""
    resource.setrlimit(resource.RLIMIT_NOFILE, (FILE_LIMIT, FILE_LIMIT))


def raise_own_file_limit(wanted: int = SLOW_CLIENTS * 2 + 200) -> bool:
    """Room for the attacking side in this process; False when the hard limit is too low."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < wanted:
        return False
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, wanted), hard))
    return True


def init_server(data_dir: Path) -> Path:
    """An initialised data dir; returns its CA certificate."""
    init = subprocess.run(
        [
            sys.executable,
            "-m",
            "server_stub",
            "--data-dir",
            str(data_dir),
            "--json",
            "init",
            "--tenant",
            "Acme Corp",
            "--site",
            "Berlin HQ",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=REPO,
    )
    return Path(json.loads(init.stdout)["ca_cert"])


def server_command(kind: str, data_dir: Path, port: int) -> list[str]:
    tls_dir = data_dir / "tls"
    cert, key = str(tls_dir / "server.pem"), str(tls_dir / "server-key.pem")
    if kind == "atrium":
        return [
            sys.executable,
            "-m",
            "server_stub",
            "--data-dir",
            str(data_dir),
            "run",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
    (data_dir / "bench_app.py").write_text(APP_MODULE.format(data=str(data_dir)))
    if kind == "uvicorn":
        return [
            sys.executable,
            "-m",
            "uvicorn",
            "--app-dir",
            str(data_dir),
            "bench_app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--ssl-certfile",
            cert,
            "--ssl-keyfile",
            key,
            "--limit-concurrency",
            "900",
            "--timeout-keep-alive",
            "15",
        ]
    if kind == "hypercorn":
        return [
            sys.executable,
            "-m",
            "hypercorn",
            "--certfile",
            cert,
            "--keyfile",
            key,
            "-b",
            f"127.0.0.1:{port}",
            "--read-timeout",
            "5",
            "--keep-alive",
            "5",
            "bench_app:app",
        ]
    if kind == "granian":
        return [
            sys.executable,
            "-m",
            "granian",
            "--interface",
            "asgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--ssl-certificate",
            cert,
            "--ssl-keyfile",
            key,
            "--ssl-protocol-min",
            "tls1.2",
            "--http",
            "1",
            "--workers",
            "1",
            "--http1-header-read-timeout",
            "5000",
            "--working-dir",
            str(data_dir),
            "bench_app:app",
        ]
    raise SystemExit(f"unknown server {kind!r}")


def wait_healthy(url: str, context: ssl.SSLContext, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("the server exited while starting")
        try:
            if httpx.get(url, verify=context, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("the server never answered")


def attack(
    command: list[str],
    port: int,
    ca_cert: Path,
    log_path: Path,
    clients: int = SLOW_CLIENTS,
    fresh: int = 3,
    fresh_timeout: float = 10.0,
    app_dir: Path | None = None,
) -> dict[str, object]:
    """Run the server, hold ``clients`` slow connections, time ``fresh`` fresh clients."""
    context = ssl.create_default_context(cafile=str(ca_cert))
    url = f"https://127.0.0.1:{port}/api/v1/health"
    answers: list[tuple[float, int | None]] = []
    with log_path.open("wb") as log_file:
        server = subprocess.Popen(
            command,
            cwd=REPO,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            preexec_fn=lower_file_limit,
            env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(app_dir or REPO)},
        )
        try:
            wait_healthy(url, context, server)
            started = time.monotonic()
            with SlowLoris(port, context, clients) as loris:
                while loris.opened < clients and time.monotonic() - started < 30:
                    time.sleep(0.1)
                opened_in = time.monotonic() - started
                for _ in range(fresh):
                    begin = time.monotonic()
                    try:
                        status: int | None = httpx.get(
                            url, verify=context, timeout=fresh_timeout
                        ).status_code
                    except httpx.HTTPError:
                        status = None
                    answers.append((time.monotonic() - begin, status))
                held, opened = loris.peak_held, loris.opened
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    log = log_path.read_text(errors="replace").splitlines()
    return {
        "peak_held": held,
        "opened": opened,
        "opened_in_s": opened_in,
        "answers": answers,
        "elapsed_s": elapsed,
        "log_lines": log,
        "log_bytes": log_path.stat().st_size,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--server", default="atrium", choices=["atrium", "uvicorn", "hypercorn", "granian"]
    )
    parser.add_argument("--clients", type=int, default=SLOW_CLIENTS)
    args = parser.parse_args()
    if not raise_own_file_limit(args.clients * 2 + 200):
        raise SystemExit("this process cannot open enough files for the slow clients")
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "server"
        ca_cert = init_server(data_dir)
        port = free_port()
        result = attack(
            server_command(args.server, data_dir, port),
            port,
            ca_cert,
            Path(tmp) / "server.log",
            clients=args.clients,
            app_dir=data_dir,
        )
    answers = ", ".join(
        f"{t:.2f} s {'HTTP ' + str(s) if s else 'no answer'}" for t, s in result["answers"]
    )
    print(
        f"server: {args.server}; file limit {FILE_LIMIT}; {args.clients} slow clients "
        f"({result['opened']} connections opened, the first {args.clients} in "
        f"{result['opened_in_s']:.1f} s)"
    )
    print(f"slow connections held at peak: {result['peak_held']}")
    print(f"fresh clients: {answers}")
    print(
        f"server log: {len(result['log_lines'])} lines, {result['log_bytes']} bytes in "
        f"{result['elapsed_s']:.0f} s"
    )


if __name__ == "__main__":
    main()
