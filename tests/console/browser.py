"""Debian's Chromium driven by Playwright, trusting the test server's own CA through NSS."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_ENV = "ATRIUM_REQUIRE_BROWSER"


def require_browser() -> None:
    """Skip without Chromium (or Playwright) locally; fail when CI says the browser must run."""
    missing = []
    if not Path(CHROMIUM).is_file():
        missing.append(f"{CHROMIUM} (apt-get install chromium chromium-driver)")
    if shutil.which("certutil") is None:
        missing.append("certutil (apt-get install libnss3-tools)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -e '.[dev]')")
    if missing:
        message = "browser tests need " + ", ".join(missing)
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(message)
        pytest.skip(message)


def trusting_home(home: Path, ca_cert: Path) -> Path:
    """A HOME whose NSS database trusts ``ca_cert`` for TLS servers (what Chromium reads)."""
    nssdb = home / ".pki" / "nssdb"
    nssdb.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["certutil", "-N", "--empty-password", "-d", f"sql:{nssdb}"], check=True, timeout=30
    )
    subprocess.run(
        [
            "certutil",
            "-A",
            "-t",
            "C,,",
            "-n",
            "atrium-test-ca",
            "-i",
            str(ca_cert),
            "-d",
            f"sql:{nssdb}",
        ],
        check=True,
        timeout=30,
    )
    return home


@contextmanager
def chromium(home: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "HOME": str(home)}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, env=env)
        try:
            yield browser
        finally:
            browser.close()
