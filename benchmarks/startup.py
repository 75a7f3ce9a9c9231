"""Start-up time to the first preview frame: the frozen bundle against the source tree.

Run ``python benchmarks/startup.py`` from the repo root. It builds (or reuses) the bundle, pairs a
throwaway kiosk with the embedded server, then starts ``atrium-kiosk run --camera synthetic``
offscreen with ATRIUM_KIOSK_STARTUP_PROBE=1 and times the ``startup: first-frame`` line.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from a source checkout

from server_stub.embedded import EmbeddedServer  # noqa: E402

BUILD_SCRIPT = REPO / "packaging" / "build.py"
BUILD_CACHE = REPO / "build" / "bundle-test"
EXE_NAME = "atrium-kiosk.exe" if sys.platform == "win32" else "atrium-kiosk"
PROBE_LINE = re.compile(r"^startup: first-frame ([0-9.]+)")
TARGET_FROZEN_S = 2.0


def built_bundle() -> Path:
    result = subprocess.run(
        [sys.executable, str(BUILD_SCRIPT), "--cache", str(BUILD_CACHE)],
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"^bundle: (.+)$", result.stdout, re.MULTILINE)
    if result.returncode != 0 or not found:
        raise SystemExit(f"bundle build failed:\n{result.stdout}\n{result.stderr}")
    size = re.search(r"^size: .+$", result.stdout, re.MULTILINE)
    print(f"bundle: {found.group(1)}" + (f"\n{size.group(0)}" if size else ""))
    return Path(found.group(1).strip()) / EXE_NAME


def probe_env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATRIUM_KIOSK_STARTUP_PROBE="1")
    env.pop("ATRIUM_KIOSK_HOME", None)
    return env


def pair(cli: list[str], data_dir: Path, server: EmbeddedServer) -> None:
    command = [*cli, "--data-dir", str(data_dir), "--credential-store", "file", "pair"]
    command += ["--server", server.url, "--code", server.pairing_code()]
    command += ["--ca-cert", str(server.ca_cert)]
    result = subprocess.run(command, capture_output=True, text=True, env=probe_env(), check=False)
    if result.returncode != 0:
        raise SystemExit(f"pairing failed:\n{result.stdout}\n{result.stderr}")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time a running process has used so far (Linux /proc), else None."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


def time_first_frame(command: list[str], timeout: float) -> tuple[float, float, float | None]:
    """Seconds to the probe line as measured here, as the app reports it, and CPU seconds."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=probe_env()
    )
    timer = threading.Timer(timeout, process.kill)
    timer.start()
    try:
        assert process.stdout is not None
        for line in process.stdout:
            found = PROBE_LINE.match(line)
            if found:
                wall = time.monotonic() - started
                return wall, float(found.group(1)), cpu_seconds(process.pid)
        stderr = process.stderr.read() if process.stderr else ""
        raise SystemExit(
            f"no first frame within {timeout:.0f} s from {command[0]}:\n{stderr[-2000:]}"
        )
    finally:
        timer.cancel()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def measure(label: str, cli: list[str], data_dir: Path, runs: int, timeout: float) -> float:
    command = [*cli, "--data-dir", str(data_dir), "--credential-store", "file"]
    command += ["run", "--camera", "synthetic"]
    launches, reported, cpu = [], [], []
    for _ in range(runs):
        wall, in_app, used = time_first_frame(command, timeout)
        launches.append(wall)
        reported.append(in_app)
        cpu += [] if used is None else [used]
    each = ", ".join(f"{value:.2f}" for value in launches)
    cpu_note = f"; {statistics.median(cpu):.2f} s of CPU" if cpu else ""
    print(
        f"{label}: first preview frame after {statistics.median(launches):.2f} s "
        f"(median of {runs}: {each}; the app itself reports {statistics.median(reported):.2f} s"
        f"{cpu_note})"
    )
    return statistics.median(launches)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="launches per variant (3)")
    parser.add_argument("--timeout", type=float, default=90.0, help="seconds per launch (90)")
    parser.add_argument("--source-only", action="store_true", help="skip the frozen bundle")
    args = parser.parse_args(argv)
    frozen = None if args.source_only else built_bundle()
    source_cli = [sys.executable, "-m", "kiosk_app"]
    with tempfile.TemporaryDirectory(prefix="atrium-startup-") as scratch:
        root = Path(scratch)
        with EmbeddedServer(root / "server") as server:
            pair(source_cli, root / "kiosk", server)
            results = {}
            if frozen is not None:
                results["frozen"] = measure(
                    "frozen", [str(frozen)], root / "kiosk", args.runs, args.timeout
                )
            results["source"] = measure(
                "source", source_cli, root / "kiosk", args.runs, args.timeout
            )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    if load is not None:
        print(f"load average during the runs: {load:.1f} on {os.cpu_count()} CPUs")
    if "frozen" in results:
        verdict = "within" if results["frozen"] < TARGET_FROZEN_S else "OVER"
        print(f"frozen start-up {verdict} the {TARGET_FROZEN_S:.0f} s target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
