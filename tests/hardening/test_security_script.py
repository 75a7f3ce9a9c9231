""".ci/security.sh: fails on a vulnerability, and never calls an unaudited lock file clean."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / ".ci" / "security.sh"

FAKE_PIP_AUDIT = '''
import json, os, sys
args = sys.argv[1:]
with open(args[args.index("--output") + 1], "w") as handle:
    handle.write(os.environ["FAKE_AUDIT_REPORT"])
'''


def run_with_report(tmp_path: Path, report: dict[str, object], **env: str) -> tuple[int, str]:
    fake = tmp_path / "fake" / "pip_audit"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "__main__.py").write_text(FAKE_PIP_AUDIT)
    environment = {
        **os.environ, **env,
        "PYTHON": sys.executable,
        "PYTHONPATH": str(fake.parent),
        "FAKE_AUDIT_REPORT": json.dumps(report),
    }
    done = subprocess.run(
        ["bash", str(SCRIPT)], cwd=REPO, env=environment, capture_output=True, text=True,
        timeout=240, check=False,
    )
    return done.returncode, done.stdout + done.stderr


pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


def test_a_known_vulnerability_fails_the_check(tmp_path: Path) -> None:
    report = {"dependencies": [
        {"name": "httpx", "version": "0.28.1", "vulns": []},
        {"name": "badlib", "version": "1.0",
         "vulns": [{"id": "PYSEC-0000-1", "fix_versions": ["1.1"]}]},
    ]}
    code, output = run_with_report(tmp_path, report)
    assert code == 1, output
    assert "VULNERABLE badlib 1.0: PYSEC-0000-1 (1.1)" in output


def test_an_unreachable_service_is_said_plainly_not_called_clean(tmp_path: Path) -> None:
    reason = "Dependency not found on PyPI and could not be audited: httpx (0.28.1)"
    report = {"dependencies": [{"name": "httpx", "skip_reason": reason}]}
    code, output = run_with_report(tmp_path, report)
    assert code == 0, output
    assert "NOTHING was audited" in output and "0 audited, 1 not audited" in output
    assert "No known vulnerabilities" not in output
    strict_code, _ = run_with_report(tmp_path / "strict", report, SECURITY_REQUIRE_AUDIT="1")
    assert strict_code == 1


def test_the_lock_file_pins_every_line() -> None:
    lines = [
        line.strip() for line in (REPO / "requirements.lock").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines and all("==" in line for line in lines)
    assert not any(line.lower().startswith(("atrium-kiosk", "-e")) for line in lines)
