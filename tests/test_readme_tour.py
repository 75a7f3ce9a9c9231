"""The README's quick tour, pasted into a fresh bash as written (on a free port, no window)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
WINDOW_LINE = re.compile(r"^atrium-kiosk .* run --windowed .*$", re.M)


def tour() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"## Quick tour without the demo\n.*?```sh\n(.*?)```", readme, re.S)
    assert found, "the README has no quick tour block"
    return found.group(1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_tour_block_is_what_this_test_expects():
    text = tour()
    assert text.startswith(". .venv/bin/activate")  # no command needs the venv on PATH first
    assert len(WINDOW_LINE.findall(text)) == 1 and text.count("8443") == 3
    assert text.rstrip().splitlines()[-1].startswith("kill %1")  # no server outlives the tour


@pytest.mark.slow
def test_the_quick_tour_runs_in_a_fresh_shell(tmp_path: Path):
    if not (REPO / ".venv" / "bin" / "activate").is_file():
        pytest.skip("the README's .venv is not in this checkout")
    script = WINDOW_LINE.sub("", tour()).replace("8443", str(free_port()))
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)}
    env.update({k: v for k, v in os.environ.items() if k in ("LANG", "LC_ALL")})
    shell = subprocess.Popen(
        ["bash", "-e", "-o", "pipefail"],  # what a paste does, but stop at the first failure
        cwd=REPO,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: nothing it starts can be left behind
    )
    try:
        output, _ = shell.communicate(script, timeout=240)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(shell.pid, signal.SIGKILL)
    assert shell.returncode == 0, output
    assert "command not found" not in output
    assert "accepted" in output.lower()
    assert "Paired:        yes" in output and "Queue:         0 waiting" in output
    assert "checked_out: Goodbye! Thank you for visiting." in output
    assert "Walk-in queued" in output and "Grace Hopper is told once the kiosk has synced" in output
