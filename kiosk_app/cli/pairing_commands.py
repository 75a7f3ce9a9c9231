"""The pair, unpair and status commands."""

from __future__ import annotations

import argparse
import sys

from kiosk_app.cli.exit_codes import EXIT_OK, EXIT_SERVER, EXIT_USAGE, CliFailure
from kiosk_app.cli.loading import open_kiosk, require_paired
from kiosk_app.cli.output import local_time, print_result
from kiosk_app.core.config import KioskConfig


def cmd_pair(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk_app.core.admin_pin import PinError, short_pin_warning
    from kiosk_app.core.pairing import PairingError

    with open_kiosk(config) as kiosk:
        if kiosk.paired:
            raise CliFailure(
                "This kiosk is already paired; run `atrium-kiosk unpair` first.", EXIT_SERVER
            )
        try:
            server = args.server or config.server_url
            if not server:
                raise CliFailure("Give --server URL (or server_url in kiosk.toml).", EXIT_USAGE)
            ca_cert = args.ca_cert or config.ca_cert
            identity = kiosk.pair(server, args.code, ca_cert, args.name, args.admin_pin)
        except PinError as exc:
            raise CliFailure(str(exc), EXIT_USAGE) from None
        except PairingError as exc:
            data = {"paired": False, "kind": exc.kind, "message": exc.message}
            data["retry_after"] = exc.retry_after
            if args.json:
                print_result(args, data, [])
            else:
                print(f"atrium-kiosk: pairing failed: {exc.message}", file=sys.stderr)
            return EXIT_SERVER
        warning = short_pin_warning(args.admin_pin) if args.admin_pin else None
        if warning:
            print(f"atrium-kiosk: warning: {warning}", file=sys.stderr)
        info = identity.to_dict()
        print_result(
            args,
            {"paired": True, **info},
            [
                f"Paired as {identity.kiosk_name} ({identity.device_id})",
                f"  tenant: {identity.tenant_name} ({identity.tenant_id})",
                f"  site:   {identity.site_name} ({identity.site_id})",
                f"  server: {identity.server_url}",
            ],
        )
    return EXIT_OK


def cmd_unpair(args: argparse.Namespace, config: KioskConfig) -> int:
    with open_kiosk(config) as kiosk:
        require_paired(kiosk)
        held = kiosk.unpair()
    lines = ["This kiosk is no longer paired."]
    if held:
        lines.append(f"{held} unsynced check-in(s) kept; save them with `export-queue FILE`.")
    print_result(args, {"paired": False, "held": held}, lines)
    return EXIT_OK


def cmd_status(args: argparse.Namespace, config: KioskConfig) -> int:
    with open_kiosk(config) as kiosk:
        status = kiosk.status()
        identity = kiosk.identity
    data = {
        "identity": identity.to_dict() if identity else None,
        "data_dir": str(config.data_dir),
        "credential_store": config.credential_store,
        **status.to_dict(),
    }
    online = {True: "online", False: "offline", None: "unknown"}[status.online]
    lines = [
        f"Paired:        {'yes' if status.paired else 'no'}"
        + (" (revoked by the server)" if status.revoked else ""),
    ]
    if identity:
        lines += [
            f"Kiosk:         {identity.kiosk_name} ({identity.device_id})",
            f"Site:          {identity.site_name} / {identity.tenant_name}",
            f"Server:        {identity.server_url} ({online})",
        ]
    lines += [
        f"Queue:         {status.queue_depth} waiting"
        + (f", {status.held} held for export" if status.held else ""),
        f"Last sync:     {local_time(status.last_sync_at)}",
        f"Conflicts:     {status.conflicts}",
    ]
    if status.signatures_pending or status.signatures_refused:
        lines.append(
            f"Signed docs:   {status.signatures_pending} waiting to upload"
            + (
                f", {status.signatures_refused} refused by the server (kept)"
                if status.signatures_refused
                else ""
            )
        )
    if status.camera:
        lines.append(
            f"Camera:        {status.camera.describe()}, "
            f"as of {local_time(status.camera.recorded_at)}"
        )
    if status.last_error:
        lines.append(f"Last error:    {status.last_error}")
    if status.trust_stale:
        lines.append("Warning:       trust data is stale; the kiosk refuses passes until it syncs")
    if status.clock_skew_flagged:
        lines.append(f"Warning:       clock is off by {status.clock_offset_s:+.0f} s")
    print_result(args, data, lines)
    return EXIT_OK
