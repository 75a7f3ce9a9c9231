"""The decode, verify and checkin commands: images or pass texts through the check-in service."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kiosk_app.cli.exit_codes import EXIT_IO, EXIT_OK, EXIT_REFUSED, EXIT_USAGE, CliFailure
from kiosk_app.cli.loading import load_attr, open_kiosk, require_paired
from kiosk_app.cli.output import print_result
from kiosk_app.core.catalogue import Translate, untranslated
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.store import StoreError


def decode_images(paths: Sequence[Path], decoder_name: str) -> list[tuple[Path, Any]]:
    """(path, texts or an error message) per image."""
    make_decoder = load_attr("kiosk_app.scanner.decoders", "make_decoder")
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
    results = decode_images(args.images, args.decoder or config.decoder)
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
    print_result(args, data, lines)
    return code


def pass_inputs(args: argparse.Namespace, config: KioskConfig) -> list[tuple[str, Any]]:
    inputs: list[tuple[str, Any]] = [("--text", text) for text in args.text or []]
    if args.images:
        for path, found in decode_images(args.images, args.decoder or config.decoder):
            if isinstance(found, OSError):
                inputs.append((str(path), found))
            else:
                inputs.append((str(path), found[0] if found else None))
    if not inputs:
        raise CliFailure("Give at least one IMAGE or --text PASS.", EXIT_USAGE)
    return inputs


def cli_translator(lang: str) -> Translate:
    """English as it stands in the core; other languages from the UI's catalogue file."""
    if lang == "en":
        return untranslated
    from kiosk_app.ui.i18n import file_translator  # Qt only when a translation is asked for

    return file_translator(lang)


def cmd_judge(args: argparse.Namespace, config: KioskConfig) -> int:
    translate = cli_translator(args.lang or config.language or "en")
    with open_kiosk(config) as kiosk:
        require_paired(kiosk)
        inputs = pass_inputs(args, config)
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
                try:
                    verdict = judge(text)
                except StoreError as exc:  # report it and go on: earlier results stay visible
                    code = EXIT_IO
                    data.append({"input": source, "verdict": None, "message": str(exc)})
                    lines.append(f"{source}: error: {exc}")
                    continue
                if not verdict.accepted:
                    code = max(code, EXIT_REFUSED)
                message = verdict.message(translate)
                data.append({"input": source, **verdict.to_dict(), "message": message})
                lines.append(f"{source}: {verdict.code}: {message}")
        if args.command == "checkin" and any(d.get("verdict") == "accepted" for d in data):
            lines.append(f"Queued for sync: {kiosk.sync.queue_depth()} check-in(s) waiting.")
    print_result(args, data, lines)
    return code
