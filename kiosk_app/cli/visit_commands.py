"""The checkout, walk-in and documents commands: the visit flows for staff and scripts."""

from __future__ import annotations

import argparse
from typing import Any

from kiosk_app.cli.exit_codes import EXIT_IO, EXIT_OK, EXIT_REFUSED, CliFailure
from kiosk_app.cli.loading import open_kiosk, require_paired
from kiosk_app.cli.output import print_result
from kiosk_app.cli.scan_commands import cli_translator, pass_inputs
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.store import StoreError
from kiosk_app.core.verdicts import VerdictCode


def cmd_checkout(args: argparse.Namespace, config: KioskConfig) -> int:
    translate = cli_translator(args.lang or config.language or "en")
    with open_kiosk(config) as kiosk:
        require_paired(kiosk)
        code, data, lines = EXIT_OK, [], []
        for source, text in pass_inputs(args, config):
            if isinstance(text, OSError) or text is None:
                message = str(text) if text is not None else "no QR code found"
                code = EXIT_IO if text is not None else max(code, EXIT_REFUSED)
                data.append({"input": source, "verdict": None, "message": message})
                lines.append(f"{source}: {'error: ' if text is not None else ''}{message}")
                continue
            try:
                verdict = kiosk.checkout.check_out(text)
            except StoreError as exc:
                code = EXIT_IO
                data.append({"input": source, "verdict": None, "message": str(exc)})
                lines.append(f"{source}: error: {exc}")
                continue
            if verdict.code != VerdictCode.CHECKED_OUT:
                code = max(code, EXIT_REFUSED)
            message = verdict.message(translate)
            data.append({"input": source, **verdict.to_dict(), "message": message})
            lines.append(f"{source}: {verdict.code}: {message}")
        if any(d.get("verdict") == VerdictCode.CHECKED_OUT for d in data):
            lines.append(f"Queued for sync: {kiosk.sync.queue_depth()} event(s) waiting.")
    print_result(args, data, lines)
    return code


def _pick_host(kiosk: Any, wanted: str) -> Any:
    from kiosk_app.core.walk_ins import fold

    found = kiosk.walk_ins.hosts(wanted)
    exact = [h for h in found if fold(h.name) == fold(" ".join(wanted.split()))]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0]
    if not found:
        raise CliFailure(
            f"No host in this site's directory matches {wanted!r}; check the name, or run "
            "`atrium-kiosk sync` to refresh the directory.",
            EXIT_REFUSED,
        )
    names = ", ".join(h.name for h in found[:8]) + (", ..." if len(found) > 8 else "")
    raise CliFailure(
        f"{len(found)} hosts match {wanted!r} ({names}); give the full name.", EXIT_REFUSED
    )


def cmd_walk_in(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk_app.core.visit_words import WalkInRefusal
    from kiosk_app.core.walk_ins import WalkInRefused

    language = args.lang or config.language or "en"
    translate = cli_translator(language)
    with open_kiosk(config) as kiosk:
        require_paired(kiosk)
        host = _pick_host(kiosk, args.host)
        try:
            event_id = kiosk.walk_ins.register(args.name, args.company, host.host_id, language)
        except WalkInRefused as exc:
            message = exc.message(translate)
            if exc.reason == WalkInRefusal.DOCUMENTS_PENDING:
                titles = ", ".join(d.title for d in exc.pending_documents)
                message = (
                    f"This site requires signed documents ({titles}); a walk-in who has to "
                    "sign checks in at the kiosk screen."
                )
            data = {"event_id": None, "status": "refused", "reason": str(exc.reason)}
            print_result(args, {**data, "message": message}, [f"Not registered: {message}"])
            return EXIT_REFUSED
        queued = kiosk.sync.queue_depth()
    data = {"event_id": event_id, "status": "pending", "host": host.name, "queue_depth": queued}
    lines = [
        f"Walk-in queued ({event_id}); {host.name} is told once the kiosk has synced.",
        f"Queued for sync: {queued} event(s) waiting.",
    ]
    print_result(args, data, lines)
    return EXIT_OK


def cmd_documents(args: argparse.Namespace, config: KioskConfig) -> int:
    with open_kiosk(config) as kiosk:
        documents = kiosk.documents.list()
    lines = [
        f"{d.position}. {d.document_id} version {d.version}: "
        + " | ".join(f"{lang}: {d.titles[lang]}" for lang in d.languages)
        for d in documents
    ] or ["No documents cached: the site requires none, or the kiosk has not synced yet."]
    print_result(args, [d.to_dict() for d in documents], lines)
    return EXIT_OK
