"""atrium-kiosk: the kiosk's command line (pairing, status, scan diagnostics, check-in, sync)."""

from __future__ import annotations

import argparse
import sqlite3
import sys
from collections.abc import Callable, Sequence

from kiosk_app.cli.app_commands import cmd_demo, cmd_run, self_test
from kiosk_app.cli.exit_codes import (
    EXIT_INTERRUPTED,
    EXIT_IO,
    EXIT_NOT_PAIRED,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_SERVER,
    EXIT_USAGE,
    CliFailure,
)
from kiosk_app.cli.pairing_commands import cmd_pair, cmd_status, cmd_unpair
from kiosk_app.cli.parser import EPILOG, build_parser
from kiosk_app.cli.queue_commands import cmd_conflicts, cmd_export, cmd_sync
from kiosk_app.cli.scan_commands import cmd_decode, cmd_judge
from kiosk_app.cli.visit_commands import cmd_checkout, cmd_documents, cmd_walk_in
from kiosk_app.core.config import ConfigError, KioskConfig
from kiosk_app.core.credentials import CredentialError
from kiosk_app.core.store import StoreError

__all__ = [
    "COMMANDS",
    "EPILOG",
    "EXIT_IO",
    "EXIT_NOT_PAIRED",
    "EXIT_OK",
    "EXIT_REFUSED",
    "EXIT_SERVER",
    "EXIT_USAGE",
    "CliFailure",
    "build_parser",
    "main",
]

COMMANDS: dict[str, Callable[[argparse.Namespace, KioskConfig], int]] = {
    "run": cmd_run,
    "demo": cmd_demo,
    "pair": cmd_pair,
    "status": cmd_status,
    "decode": cmd_decode,
    "verify": cmd_judge,
    "checkin": cmd_judge,
    "checkout": cmd_checkout,
    "walk-in": cmd_walk_in,
    "documents": cmd_documents,
    "sync": cmd_sync,
    "unpair": cmd_unpair,
    "export-queue": cmd_export,
    "conflicts": cmd_conflicts,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        config = KioskConfig.load(args.data_dir, args.credential_store)
        if args.self_test:
            return self_test(config)
        return COMMANDS[args.command or "run"](args, config)
    except CliFailure as exc:
        print(f"atrium-kiosk: {exc}", file=sys.stderr)
        return exc.code
    except ConfigError as exc:
        print(f"atrium-kiosk: configuration error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (StoreError, CredentialError) as exc:
        print(f"atrium-kiosk: {exc}", file=sys.stderr)
        return EXIT_IO
    except (OSError, sqlite3.Error) as exc:
        print(f"atrium-kiosk: I/O error: {exc}", file=sys.stderr)
        return EXIT_IO
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
