"""atrium-kiosk: the kiosk's command line (pairing, status, scan diagnostics, check-in, sync)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sqlite3
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kiosk_app.core.config import CREDENTIAL_STORES, DECODERS, LANGUAGES, ConfigError, KioskConfig
from kiosk_app.core.credentials import CredentialError
from kiosk_app.core.store import StoreError

EXIT_OK = 0
EXIT_REFUSED = 1
EXIT_USAGE = 2
EXIT_NOT_PAIRED = 3
EXIT_IO = 4
EXIT_SERVER = 5

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


class CliFailure(Exception):
    """Ends a command with a one-line message and an exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


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
    parser.add_argument("--self-test", action="store_true", help="check camera, decoder, store")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return commands.add_parser(name, help=text, description=text)

    run = command("run", "start the touchscreen app (the default)")
    run.add_argument("--camera", help="camera index, video file or image folder")
    run.add_argument("--windowed", action="store_true", help="not full screen")
    run.add_argument("--decoder", choices=DECODERS)
    run.add_argument("--lang", choices=LANGUAGES)
    demo = command("demo", "run the app against an embedded server and a synthetic camera")
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
    command("sync", "push queued check-ins and pull updates once")
    command("unpair", "forget the pairing; unsynced check-ins are kept for export")
    export = command("export-queue", "write unsynced check-ins to FILE (.csv or .json)")
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument("--all", action="store_true", help="include synced check-ins")
    command("conflicts", "list passes the server reported as used elsewhere first")
    return parser


def _print(args: argparse.Namespace, data: Any, lines: Sequence[str]) -> None:
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False, default=str))
    else:
        for line in lines:
            print(line)


def _when(ts: float | None) -> str:
    if ts is None:
        return "never"
    return dt.datetime.fromtimestamp(ts).astimezone().strftime("%Y-%m-%d %H:%M:%S %Z")


def _open_kiosk(config: KioskConfig) -> Any:
    from kiosk_app.core.kiosk import Kiosk

    return Kiosk.open(config)


def _require_paired(kiosk: Any) -> None:
    if not kiosk.paired:
        raise CliFailure(
            "This kiosk is not paired; run `atrium-kiosk pair --server URL --code CODE`.",
            EXIT_NOT_PAIRED,
        )


def _lazy(module: str, name: str) -> Callable[..., int]:
    try:
        imported = __import__(module, fromlist=[name])
        return getattr(imported, name)  # type: ignore[no-any-return]
    except ImportError as exc:
        raise CliFailure(
            f"Cannot load {module} ({exc}); is the kiosk fully installed?", 4
        ) from None


# -- commands ----------------------------------------------------------------------------------


def cmd_pair(args: argparse.Namespace, config: KioskConfig) -> int:
    from kiosk_app.core.admin_pin import PinError
    from kiosk_app.core.pairing import PairingError

    with _open_kiosk(config) as kiosk:
        if kiosk.paired:
            raise CliFailure("This kiosk is already paired; run `atrium-kiosk unpair` first.", 5)
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
                _print(args, data, [])
            else:
                print(f"atrium-kiosk: pairing failed: {exc.message}", file=sys.stderr)
            return EXIT_SERVER
        info = identity.to_dict()
        _print(
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


def cmd_status(args: argparse.Namespace, config: KioskConfig) -> int:
    with _open_kiosk(config) as kiosk:
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
        f"Last sync:     {_when(status.last_sync_at)}",
        f"Conflicts:     {status.conflicts}",
    ]
    if status.last_error:
        lines.append(f"Last error:    {status.last_error}")
    if status.trust_stale:
        lines.append("Warning:       trust data is stale; the kiosk refuses passes until it syncs")
    if status.clock_skew_flagged:
        lines.append(f"Warning:       clock is off by {status.clock_offset_s:+.0f} s")
    _print(args, data, lines)
    return EXIT_OK


def _decode_images(paths: Sequence[Path], decoder_name: str) -> list[tuple[Path, Any]]:
    """(path, texts or an error message) per image."""
    make_decoder = _lazy("kiosk_app.scanner.decoders", "make_decoder")
    try:
        import cv2
    except ImportError as exc:
        raise CliFailure(f"Cannot load OpenCV ({exc}).", EXIT_IO) from None
    try:
        decoder = make_decoder(decoder_name, still_images=True)
    except Exception as exc:  # DecoderUnavailable and friends: one clear line
        raise CliFailure(f"Decoder {decoder_name!r} is not available: {exc}", EXIT_USAGE) from None
    results: list[tuple[Path, Any]] = []
    for path in paths:
        frame = cv2.imread(str(path)) if path.is_file() else None
        if frame is None:
            results.append((path, OSError(f"cannot read image {path}")))
            continue
        results.append((path, list(decoder.decode(frame))))
    return results


def cmd_decode(args: argparse.Namespace, config: KioskConfig) -> int:
    results = _decode_images(args.images, args.decoder or config.decoder)
    code, data, lines = EXIT_OK, [], []
    for path, found in results:
        if isinstance(found, OSError):
            code = EXIT_IO
            data.append({"input": str(path), "error": str(found)})
            lines.append(f"{path}: error: {found}")
            continue
        if not found:
            code = max(code, EXIT_REFUSED)
        data.append({"input": str(path), "texts": found})
        lines.append(f"{path}: " + (" | ".join(found) if found else "no QR code found"))
    _print(args, data, lines)
    return code


def _pass_inputs(args: argparse.Namespace, config: KioskConfig) -> list[tuple[str, Any]]:
    inputs: list[tuple[str, Any]] = [("--text", text) for text in args.text or []]
    if args.images:
        for path, found in _decode_images(args.images, args.decoder or config.decoder):
            if isinstance(found, OSError):
                inputs.append((str(path), found))
            else:
                inputs.append((str(path), found[0] if found else None))
    if not inputs:
        raise CliFailure("Give at least one IMAGE or --text PASS.", EXIT_USAGE)
    return inputs


def cmd_judge(args: argparse.Namespace, config: KioskConfig) -> int:
    lang = args.lang or config.language
    with _open_kiosk(config) as kiosk:
        _require_paired(kiosk)
        inputs = _pass_inputs(args, config)
        judge = kiosk.checkin.check_in if args.command == "checkin" else kiosk.checkin.verify
        code, data, lines = EXIT_OK, [], []
        for source, text in inputs:
            if isinstance(text, OSError):
                code = EXIT_IO
                data.append({"input": source, "verdict": None, "message": str(text)})
                lines.append(f"{source}: error: {text}")
            elif text is None:
                code = max(code, EXIT_REFUSED)
                data.append({"input": source, "verdict": None, "message": "no QR code found"})
                lines.append(f"{source}: no QR code found")
            else:
                verdict = judge(text)
                if not verdict.accepted:
                    code = max(code, EXIT_REFUSED)
                data.append(
                    {"input": source, **verdict.to_dict(), "message": verdict.message(lang)}
                )
                lines.append(f"{source}: {verdict.code}: {verdict.message(lang)}")
        if args.command == "checkin" and any(d.get("verdict") == "accepted" for d in data):
            lines.append(f"Queued for sync: {kiosk.sync.queue_depth()} check-in(s) waiting.")
    _print(args, data, lines)
    return code


def cmd_sync(args: argparse.Namespace, config: KioskConfig) -> int:
    with _open_kiosk(config) as kiosk:
        _require_paired(kiosk)
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
    if report.error:
        lines.append(f"Error: {report.error}")
    _print(args, report.to_dict(), lines)
    if report.ok:
        return EXIT_OK
    if report.error_kind in ("not_paired", "device_revoked", "unauthorized"):
        return EXIT_NOT_PAIRED
    return EXIT_IO if report.error_kind == "credentials" else EXIT_SERVER


def cmd_unpair(args: argparse.Namespace, config: KioskConfig) -> int:
    with _open_kiosk(config) as kiosk:
        _require_paired(kiosk)
        held = kiosk.unpair()
    lines = ["This kiosk is no longer paired."]
    if held:
        lines.append(f"{held} unsynced check-in(s) kept; save them with `export-queue FILE`.")
    _print(args, {"paired": False, "held": held}, lines)
    return EXIT_OK


def cmd_export(args: argparse.Namespace, config: KioskConfig) -> int:
    with _open_kiosk(config) as kiosk:
        count = kiosk.export_queue(args.file, include_synced=args.all)
    _print(args, {"file": str(args.file), "count": count}, [f"Wrote {count} to {args.file}"])
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace, config: KioskConfig) -> int:
    with _open_kiosk(config) as kiosk:
        conflicts = kiosk.conflicts()
    lines = [
        f"{_when(c.scanned_at)}: visit {c.visit_id} was used first by {c.first_used_by} "
        f"at {_when(c.first_used_at)}"
        for c in conflicts
    ] or ["No conflicts."]
    _print(args, [c.to_dict() for c in conflicts], lines)
    return EXIT_OK


def cmd_run(args: argparse.Namespace, config: KioskConfig) -> int:
    run_app = _lazy("kiosk_app.ui.app", "run_app")
    return int(
        run_app(
            config,
            camera=getattr(args, "camera", None) or config.camera,
            windowed=getattr(args, "windowed", False),
            decoder=getattr(args, "decoder", None) or config.decoder,
            lang=getattr(args, "lang", None) or config.language,
        )
    )


def cmd_demo(args: argparse.Namespace, config: KioskConfig) -> int:
    run_demo = _lazy("kiosk_app.demo", "run_demo")
    return int(
        run_demo(camera=args.camera, windowed=args.windowed, lang=args.lang, seconds=args.seconds)
    )


COMMANDS: dict[str, Callable[[argparse.Namespace, KioskConfig], int]] = {
    "run": cmd_run,
    "demo": cmd_demo,
    "pair": cmd_pair,
    "status": cmd_status,
    "decode": cmd_decode,
    "verify": cmd_judge,
    "checkin": cmd_judge,
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
            run_self_test = _lazy("kiosk_app.selftest", "run_self_test")
            return int(run_self_test(config))
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
        return 130
