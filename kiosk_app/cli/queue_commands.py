"""The sync, export-queue and conflicts commands."""

from __future__ import annotations

import argparse

from kiosk_app.cli.exit_codes import EXIT_IO, EXIT_NOT_PAIRED, EXIT_OK, EXIT_SERVER, CliFailure
from kiosk_app.cli.loading import open_kiosk, require_paired
from kiosk_app.cli.output import local_time, print_result
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.sync_errors import SyncErrorKind

NOT_PAIRED_KINDS = frozenset(
    {SyncErrorKind.NOT_PAIRED, SyncErrorKind.DEVICE_REVOKED, SyncErrorKind.UNAUTHORIZED}
)
LOCAL_KINDS = frozenset({SyncErrorKind.CREDENTIALS, SyncErrorKind.STORAGE})


def cmd_sync(args: argparse.Namespace, config: KioskConfig) -> int:
    with open_kiosk(config) as kiosk:
        require_paired(kiosk)
        report = kiosk.sync.run_once()
    lines = [
        f"Pushed {report.pushed} check-in(s): {report.accepted} accepted, "
        f"{report.duplicates} duplicate, {report.rejected} rejected; "
        f"{report.queue_depth} still queued.",
    ]
    if report.pulled:
        lines.append(
            f"Pulled {report.keys} key(s), {report.revocations} new revocation(s), "
            f"{report.expected_visits} expected visit(s)."
        )
    if report.signatures_uploaded or report.signatures_waiting or report.signatures_refused:
        lines.append(
            f"Signed documents: {report.signatures_uploaded} uploaded, "
            f"{report.signatures_waiting} waiting, {report.signatures_refused} refused "
            "by the server (kept on the kiosk)."
        )
    if report.error:
        lines.append(f"Error: {report.error}")
    print_result(args, report.to_dict(), lines)
    if report.ok:
        return EXIT_OK
    if report.error_kind in NOT_PAIRED_KINDS:
        return EXIT_NOT_PAIRED
    return EXIT_IO if report.error_kind in LOCAL_KINDS else EXIT_SERVER


def cmd_export(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk_app.core.kiosk import ExportError

    with open_kiosk(config) as kiosk:
        try:
            count = kiosk.export_queue(args.file, include_synced=args.all)
        except ExportError as exc:
            raise CliFailure(str(exc), EXIT_IO) from None
    print_result(args, {"file": str(args.file), "count": count}, [f"Wrote {count} to {args.file}"])
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace, config: KioskConfig) -> int:
    with open_kiosk(config) as kiosk:
        conflicts = kiosk.conflicts()
    lines = [
        f"{local_time(c.scanned_at)}: visit {c.visit_id} was used first by {c.first_used_by} "
        f"at {local_time(c.first_used_at)}"
        for c in conflicts
    ] or ["No conflicts."]
    print_result(args, [c.to_dict() for c in conflicts], lines)
    return EXIT_OK
