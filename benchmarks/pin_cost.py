"""What one admin-PIN check costs, and what that means for an offline search of every PIN.

Run ``python benchmarks/pin_cost.py`` from the repo root. It times the kiosk's real check
(``AdminPin.check`` over a throw-away store, so argon2id plus the settings read and write) and
the bare hash of the old scrypt record, then prints the time to try every 4-, 6- and 8-digit
PIN on one core. Target: unlock under 0.5 s, every 6-digit PIN takes days.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from a source checkout

from kiosk_app.core.admin_pin import ARGON2, PIN_GUESS_S, AdminPin  # noqa: E402
from kiosk_app.core.store import Store  # noqa: E402

TARGET_UNLOCK_S = 0.5


def _median(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _search(seconds_per_guess: float, digits: int) -> str:
    total = 10**digits * seconds_per_guess
    if total < 3600:
        return f"{total / 60:.0f} min"
    if total < 2 * 86400:
        return f"{total / 3600:.1f} h"
    return f"{total / 86400:.1f} days"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store.open(Path(tmp))
        pin = AdminPin(store)
        pin.set("246813")
        check = _median(lambda: pin.check("246813"), args.runs)
        store.close()
    old = _median(
        lambda: hashlib.scrypt(b"2468", salt=b"s" * 16, n=2**14, r=8, p=1, dklen=32), args.runs
    )
    print(f"argon2id t={ARGON2['t']} m={ARGON2['m'] // 1024} MiB p={ARGON2['p']}")
    print(
        f"PIN check (unlock): {check * 1000:.0f} ms median of {args.runs} "
        f"(target < {TARGET_UNLOCK_S * 1000:.0f} ms); the code assumes {PIN_GUESS_S * 1000:.0f} ms"
    )
    print(f"old scrypt n=2^14 record: {old * 1000:.0f} ms a guess")
    for digits in (4, 6, 8):
        print(
            f"every {digits}-digit PIN on one core: {_search(check, digits)} "
            f"(old record: {_search(old, digits)})"
        )


if __name__ == "__main__":
    main()
