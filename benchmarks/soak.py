"""Soak: the kiosk app offscreen for N minutes, scanning passes while the server comes and goes.

Run from the repository root with the package installed (``pip install -e '.[dev]'``):

    python benchmarks/soak.py --minutes 60          # the README figure
    python benchmarks/soak.py --minutes 1 --json    # CI: tests/hardening/test_soak_short.py

The real window and controller run offscreen (QT_QPA_PLATFORM=offscreen) on the synthetic camera;
a new visit pass appears in front of it every ``--scan-every`` seconds. The real server runs as a
separate ``atrium-server run`` process that is stopped, SIGKILLed and restarted every
``--flap-every`` seconds, so the sync runner keeps going offline and back. RSS of this process
(the kiosk app only) is printed at intervals; after ``--warmup`` seconds, growth beyond
``--rss-bound-mb`` fails the run (exit 1), and so does any check-in that does not end up in the
server's ledger exactly once.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("ATRIUM_KIOSK_SOUND", "0")

try:
    from benchmarks.faults import ServerProcess
except ImportError:  # run as a script: benchmarks/ itself is on sys.path
    from faults import ServerProcess  # type: ignore[no-redef]

from PySide6.QtCore import QTimer

from kiosk_app.core.config import KioskConfig
from kiosk_app.core.credentials import MemoryCredentialStore
from kiosk_app.core.kiosk import Kiosk
from kiosk_app.core.verdicts import Verdict, VerdictCode
from kiosk_app.scanner.synthetic import SyntheticSource
from kiosk_app.ui.app import application, build_kiosk_ui
from kiosk_app.ui.sounds import SoundPlayer


def rss_mb() -> float:
    """Resident set size now (Linux /proc), else the peak from getrusage."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        pages = int(statm.read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 1024


class Flapper(threading.Thread):
    """Stops (gracefully or by SIGKILL) and restarts the server process until told to end."""

    def __init__(self, server: ServerProcess, every_s: float, down_s: float) -> None:
        super().__init__(name="soak-flapper", daemon=True)
        self.server, self.every_s, self.down_s = server, every_s, down_s
        self.done = threading.Event()
        self.outages = 0
        self.rng = random.Random(42)

    def run(self) -> None:
        while not self.done.wait(self.rng.uniform(0.5, 1.5) * self.every_s):
            if self.rng.random() < 0.5:
                self.server.kill()
            else:
                self.server.stop()
            self.outages += 1
            self.done.wait(self.rng.uniform(0.5, 1.5) * self.down_s)
            self.server.start()


class Soak:
    """Runs the app, feeds passes, samples RSS; ``summary()`` after ``run()``."""

    def __init__(self, args: argparse.Namespace, root: Path) -> None:
        self.args = args
        self.server = ServerProcess(root / "server")
        self.server.start()
        config = KioskConfig(data_dir=root / "kiosk", credential_store="memory")
        self.kiosk = Kiosk.open(config, credentials=MemoryCredentialStore())
        self.kiosk.pair(self.server.url, self.server.admin.pairing_code("Soak"),
                        ca_cert=self.server.ca_cert)
        self.source = SyntheticSource([(None, 30)], realtime=True, loop=False)
        self.verdicts: dict[str, int] = {}
        self.jtis: list[str] = []
        self.samples: list[tuple[float, float]] = []
        self.started = 0.0

    def run(self) -> None:
        application()
        window, controller = build_kiosk_ui(
            self.kiosk, "synthetic", "zxing", "en",
            sounds=SoundPlayer(enabled=False),
            source_opener=lambda _spec: self.source,
            sync_options={"interval_s": 5.0, "base_delay_s": 0.5, "max_delay_s": 5.0},
        )
        window.allow_close = True
        window.resize(1280, 800)
        window.show()
        controller.services.verdict_ready.connect(self._on_verdict)
        flapper = Flapper(self.server, self.args.flap_every, self.args.down_for)
        timers = [self._every(self.args.scan_every, self._show_next_pass),
                  self._every(self.args.report_every, self._sample)]
        self.started = time.monotonic()
        controller.start()
        flapper.start()
        self._sample()
        app = application()
        QTimer.singleShot(round(self.args.minutes * 60_000), app.quit)
        app.exec()
        for timer in timers:
            timer.stop()
        flapper.done.set()
        flapper.join(timeout=120)
        self.outages = flapper.outages
        controller.shutdown()
        window.close()
        self._sample()

    def _every(self, seconds: float, action: Any) -> QTimer:
        timer = QTimer()
        timer.timeout.connect(action)
        timer.start(round(seconds * 1000))
        return timer

    def _show_next_pass(self) -> None:
        visit = self.server.admin.create_visit(visitor=f"Soak visitor {len(self.jtis)}")
        self.jtis.append(visit["jti"])
        self.source.enqueue(visit["pass"], 45)
        self.source.enqueue(None, 30)

    def _on_verdict(self, verdict: Verdict) -> None:
        code = str(verdict.code)
        self.verdicts[code] = self.verdicts.get(code, 0) + 1

    def _sample(self) -> None:
        elapsed = time.monotonic() - self.started
        self.samples.append((elapsed, rss_mb()))
        status = self.kiosk.status()
        if not self.args.json:
            print(f"{elapsed:7.0f} s  RSS {self.samples[-1][1]:7.1f} MB  "
                  f"scans {sum(self.verdicts.values()):5d}  queue {status.queue_depth:4d}  "
                  f"online {status.online}", flush=True)

    def finish_sync(self, timeout_s: float = 120.0) -> None:
        """Server up for good: sync until the queue is empty (or the timeout)."""
        if self.server.process is None:
            self.server.start()
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.kiosk.sync.run_once().ok and self.kiosk.sync.queue_depth() == 0:
                return
            time.sleep(1.0)

    def summary(self) -> dict[str, Any]:
        after_warmup = [rss for at, rss in self.samples if at >= self.args.warmup]
        baseline = after_warmup[0] if after_warmup else self.samples[-1][1]
        growth = max(after_warmup) - baseline if after_warmup else 0.0
        accepted = self.kiosk.store.count("queue", "status = 'accepted'")
        queued = self.kiosk.store.count("queue")
        ledger: dict[str, int] = {}
        for row in self.server.admin.checkins():
            ledger[row["jti"]] = ledger.get(row["jti"], 0) + 1
        doubled = sum(1 for uses in ledger.values() if uses > 1)
        codes = {str(code) for code in VerdictCode}
        verdicts = {
            code: count
            for code, count in self.kiosk.store.conn.execute(
                "SELECT code, COUNT(*) FROM audit GROUP BY code"
            ).fetchall()
            if code in codes
        }
        queued_jtis = {r[0] for r in self.kiosk.store.conn.execute("SELECT jti FROM queue")}
        lost = len(queued_jtis - set(ledger))
        return {
            "minutes": self.args.minutes,
            "passes_shown": len(self.jtis),
            "scans_handled": sum(verdicts.values()),
            "verdicts": verdicts,
            "verdicts_on_screen": sum(self.verdicts.values()),
            "checkins_queued": queued,
            "checkins_synced": accepted,
            "queue_left": self.kiosk.sync.queue_depth(),
            "ledger_rows": sum(ledger.values()),
            "lost": lost,
            "doubled": doubled,
            "server_outages": self.outages,
            "server_kills": self.server.kills,
            "rss_start_mb": round(self.samples[0][1], 1),
            "rss_after_warmup_mb": round(baseline, 1),
            "rss_max_mb": round(max(rss for _, rss in self.samples), 1),
            "rss_end_mb": round(self.samples[-1][1], 1),
            "rss_growth_after_warmup_mb": round(growth, 1),
            "rss_bound_mb": self.args.rss_bound_mb,
            "rss_samples": len(self.samples),
        }

    def close(self) -> None:
        self.kiosk.close()
        self.server.close()


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="how long to run (default 5)")
    parser.add_argument("--scan-every", type=float, default=4.0, help="seconds between passes")
    parser.add_argument("--flap-every", type=float, default=20.0, help="seconds between outages")
    parser.add_argument("--down-for", type=float, default=6.0, help="seconds an outage lasts")
    parser.add_argument("--report-every", type=float, default=10.0, help="seconds between lines")
    parser.add_argument("--warmup", type=float, default=20.0, help="seconds before the baseline")
    parser.add_argument("--rss-bound-mb", type=float, default=60.0,
                        help="allowed RSS growth after warm-up")
    parser.add_argument("--json", action="store_true", help="print one JSON summary only")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    with tempfile.TemporaryDirectory(prefix="atrium-soak-") as tmp:
        soak = Soak(args, Path(tmp))
        try:
            soak.run()
            soak.finish_sync()
            result = soak.summary()
        finally:
            soak.close()
    problems = []
    if result["rss_growth_after_warmup_mb"] > args.rss_bound_mb:
        problems.append(f"RSS grew {result['rss_growth_after_warmup_mb']} MB after warm-up")
    if result["lost"] or result["doubled"] or result["queue_left"]:
        problems.append("check-ins lost, doubled or left in the queue")
    if result["scans_handled"] == 0:
        problems.append("no scan was handled")
    result["ok"] = not problems
    result["problems"] = problems
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:28s} {value}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
