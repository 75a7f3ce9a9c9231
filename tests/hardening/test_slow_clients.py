"""Slow clients cannot lock others out: 1,100 half-sent request heads under a 1024-file limit."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from benchmarks.faults import free_port
from benchmarks.slow_clients import (
    FILE_LIMIT,
    SLOW_CLIENTS,
    attack,
    init_server,
    raise_own_file_limit,
    server_command,
)


@pytest.mark.slow
def test_a_fresh_client_is_answered_while_1100_slow_clients_hold_connections(
    tmp_path: Path,
) -> None:
    if not raise_own_file_limit():
        pytest.skip("the test process cannot open 2,400 files (hard limit too low)")
    data_dir = tmp_path / "server"
    ca_cert = init_server(data_dir)
    port = free_port()
    result = attack(server_command("atrium", data_dir, port), port, ca_cert, tmp_path / "log")
    times = [t for t, _ in result["answers"]]
    log = result["log_lines"]
    print(
        f"held at peak {result['peak_held']}; fresh answers {result['answers']}; "
        f"{len(log)} log lines in {result['elapsed_s']:.0f} s"
    )
    assert any("running on https://" in line for line in log), log[:5]
    assert result["opened"] >= SLOW_CLIENTS, "the slow clients could not all connect"
    assert [status for _, status in result["answers"]] == [200, 200, 200]
    assert statistics.median(times) < 2.0, times  # the bound, with a wide margin
    assert result["peak_held"] < FILE_LIMIT
    assert not [line for line in log if "Too many open files" in line]
    guard_lines = [line for line in log if "connection guard" in line]
    assert guard_lines, "the guard logged nothing while it closed connections"
    assert len(guard_lines) <= result["elapsed_s"] + 3, guard_lines
    assert len(log) < 40 + 2 * result["elapsed_s"]
