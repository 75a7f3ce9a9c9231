"""The run and demo commands and --self-test: they hand over to the UI, demo and self-test."""

from __future__ import annotations

import argparse

from kiosk_app.cli.exit_codes import EXIT_IO, EXIT_USAGE, CliFailure
from kiosk_app.cli.loading import load_attr
from kiosk_app.core.config import KioskConfig
from kiosk_app.ui.platform_check import display_problem


def require_display() -> None:
    """Ends with one clear paragraph (exit 2) where Qt would abort: no display, missing libs."""
    problem = display_problem()
    if problem:
        raise CliFailure(problem, EXIT_USAGE)


def cmd_run(args: argparse.Namespace, config: KioskConfig) -> int:
    require_display()
    run_app = load_attr("kiosk_app.ui.app", "run_app")
    return int(
        run_app(
            config,
            camera=getattr(args, "camera", None) or config.camera,
            windowed=getattr(args, "windowed", False),
            decoder=getattr(args, "decoder", None) or config.decoder,
            lang=getattr(args, "lang", None),  # run_app falls back to kiosk.toml, then the system
        )
    )


def cmd_demo(args: argparse.Namespace, config: KioskConfig) -> int:
    try:
        import server_stub  # noqa: F401  (the demo runs the server in-process)
    except ImportError:
        raise CliFailure(
            "The demo needs the source install (pip install -e .); "
            "the release bundle has no server.",
            EXIT_IO,
        ) from None
    require_display()
    run_demo = load_attr("kiosk_app.demo", "run_demo")
    return int(
        run_demo(camera=args.camera, windowed=args.windowed, lang=args.lang, seconds=args.seconds)
    )


def self_test(config: KioskConfig) -> int:
    run_self_test = load_attr("kiosk_app.selftest", "run_self_test")
    return int(run_self_test(config))
