"""Short soak: a minute of scans while the server flaps; nothing lost, bounded RSS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_one_minute_soak_loses_nothing_and_keeps_memory_bounded() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ATRIUM_KIOSK_SOUND": "0"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    command = [
        sys.executable, str(REPO / "benchmarks" / "soak.py"), "--json",
        "--minutes", "1", "--scan-every", "3", "--flap-every", "15", "--down-for", "4",
        "--warmup", "20", "--report-every", "5", "--rss-bound-mb", "60",
    ]
    done = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=280, check=False
    )
    assert done.stdout.strip(), done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0, result["problems"]
    assert result["scans_handled"] >= 5 and result["server_outages"] >= 1
    assert result["lost"] == 0 and result["doubled"] == 0 and result["queue_left"] == 0
    assert result["checkins_synced"] == result["checkins_queued"] > 0
    assert result["verdicts"].get("accepted") == result["checkins_queued"]
    assert result["rss_growth_after_warmup_mb"] <= result["rss_bound_mb"]
