"""The atrium-kiosk argument parser: global options, subcommands and the exit-code epilog."""

from __future__ import annotations

import argparse
from pathlib import Path

from kiosk_app.core.config import CREDENTIAL_STORES, DECODERS, LANGUAGES

EPILOG = """\
exit codes:
  0  success (every pass accepted / valid)
  1  at least one input was refused, or held no QR code
  2  usage or configuration error
  3  the kiosk is not paired
  4  I/O, local store or credential store error
  5  server unreachable, untrusted, or pairing failed

The data dir comes from --data-dir, else ATRIUM_KIOSK_HOME, else the platform's user data dir;
the device token lives in the OS keyring unless --credential-store file (or
ATRIUM_CREDENTIAL_STORE=file) opts in to a 0600 file in the data dir.
Running without a command starts the touchscreen app (same as `run`).
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="atrium-kiosk",
        description="Atrium visitor check-in kiosk.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data-dir", type=Path, help="kiosk data directory")
    parser.add_argument(
        "--credential-store", choices=CREDENTIAL_STORES, help="where the device token lives"
    )
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this install and exit: Qt (offscreen), every module, assets and "
        "translations, the decoder on a sample pass, pass verification (incl. a forged pass), "
        "a temporary store, the keyring backend",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=text, description=text)

    run = command("run", "start the touchscreen app (the default)")
    run.add_argument("--camera", help="camera index, video file or image folder")
    run.add_argument("--windowed", action="store_true", help="not full screen")
    run.add_argument("--decoder", choices=DECODERS)
    run.add_argument("--lang", choices=LANGUAGES)
    demo = command(
        "demo",
        "run the app against an embedded server and a synthetic camera "
        "(source install only: the release bundle has no server)",
    )
    demo.add_argument("--camera", help="camera instead of the synthetic source")
    demo.add_argument("--windowed", action="store_true")
    demo.add_argument("--lang", choices=LANGUAGES)
    demo.add_argument("--seconds", type=float, help="quit after this many seconds")
    pair = command("pair", "pair this kiosk with a server using a 6-digit code")
    pair.add_argument(
        "--server", help="https://host:port of the Atrium server (default: kiosk.toml server_url)"
    )
    pair.add_argument("--code", required=True, help="the 6-digit pairing code")
    pair.add_argument(
        "--ca-cert", type=Path, help="CA certificate file to trust (default: kiosk.toml ca_cert)"
    )
    pair.add_argument("--name", help="kiosk name shown to staff")
    pair.add_argument("--admin-pin", help="4-8 digit PIN for the admin screen")
    command("status", "show pairing, sync and queue state")
    decode = command("decode", "show what the camera would read from images")
    decode.add_argument("images", nargs="+", type=Path, metavar="IMAGE")
    decode.add_argument("--decoder", choices=DECODERS)
    for name, text in (
        ("verify", "verify passes without using them"),
        ("checkin", "verify, use and queue passes"),
    ):
        sub = command(name, text)
        sub.add_argument("images", nargs="*", type=Path, metavar="IMAGE")
        sub.add_argument("--text", action="append", metavar="PASS", help="pass text (repeatable)")
        sub.add_argument("--decoder", choices=DECODERS)
        sub.add_argument("--lang", choices=LANGUAGES)
    checkout = command("checkout", "check visitors out with the pass they checked in with")
    checkout.add_argument("images", nargs="*", type=Path, metavar="IMAGE")
    checkout.add_argument("--text", action="append", metavar="PASS", help="pass text (repeatable)")
    checkout.add_argument("--decoder", choices=DECODERS)
    checkout.add_argument("--lang", choices=LANGUAGES)
    walk_in = command("walk-in", "check in a visitor without a code (queued for the server)")
    walk_in.add_argument("--name", required=True, help="the visitor's full name")
    walk_in.add_argument("--host", required=True, help="the host's name, from the directory")
    walk_in.add_argument("--company", help="the visitor's company")
    walk_in.add_argument("--lang", choices=LANGUAGES)
    command("documents", "list the site's documents cached on this kiosk, with versions")
    command("sync", "push queued check-ins and pull updates once")
    command("unpair", "forget the pairing; unsynced check-ins are kept for export")
    export = command("export-queue", "write unsynced check-ins to FILE (.csv or .json)")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("--all", action="store_true", help="include synced check-ins")
    command("conflicts", "list passes the server reported as used elsewhere first")
    return parser
