"""Opening the kiosk for a command and importing optional parts (UI, scanner) on demand."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kiosk_app.cli.exit_codes import EXIT_IO, EXIT_NOT_PAIRED, CliFailure
from kiosk_app.core.config import KioskConfig


def open_kiosk(config: KioskConfig) -> Any:
    from kiosk_app.core.kiosk import Kiosk

    return Kiosk.open(config)


def require_paired(kiosk: Any) -> None:
    if not kiosk.paired:
        raise CliFailure(
            "This kiosk is not paired; run `atrium-kiosk pair --server URL --code CODE`.",
            EXIT_NOT_PAIRED,
        )


def load_attr(module: str, name: str) -> Callable[..., Any]:
    try:
        imported = __import__(module, fromlist=[name])
        return getattr(imported, name)  # type: ignore[no-any-return]
    except ImportError as exc:
        raise CliFailure(
            f"Cannot load {module} ({exc}); is the kiosk fully installed?", EXIT_IO
        ) from None
