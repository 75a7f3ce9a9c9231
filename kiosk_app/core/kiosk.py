"""Kiosk: the one facade the CLI and the UI use (store, credentials, pairing, check-in, sync)."""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import httpx

from kiosk_app.core.admin_pin import AdminPin
from kiosk_app.core.camera import CameraMode, CameraReport
from kiosk_app.core.checkin import CheckinService, trust_is_stale
from kiosk_app.core.checkout import CheckoutService
from kiosk_app.core.clock import Clock
from kiosk_app.core.config import KioskConfig, save_settings
from kiosk_app.core.credentials import CredentialStore, make_credential_store
from kiosk_app.core.documents import DocumentCache
from kiosk_app.core.pairing import (
    KioskIdentity,
    PairingError,
    PairingErrorKind,
    forget_pairing,
    load_identity,
    pair,
)
from kiosk_app.core.runner import SyncRunner
from kiosk_app.core.store import Store
from kiosk_app.core.sync import SyncEngine
from kiosk_app.core.walk_ins import WalkInService

__all__ = ["Conflict", "ExportError", "Kiosk", "KioskIdentity", "KioskStatus", "PairingError"]

EXPORT_FIELDS = (
    "event_id",
    "kind",
    "status",
    "jti",
    "visit_id",
    "scanned_at",
    "scanned_at_local",
    "verdict",
    "pass",
)


CAMERA_SETTING = "camera_report"


class ExportError(OSError):
    """The export file cannot be written; the message names the file and why."""


@dataclass(frozen=True)
class KioskStatus:
    """What the status bar and `atrium-kiosk status` show; ``online`` is None before any try."""

    paired: bool
    revoked: bool
    online: bool | None
    queue_depth: int
    last_sync_at: float | None
    last_error: str | None
    next_retry_at: float | None
    conflicts: int
    trust_stale: bool
    clock_skew_flagged: bool
    held: int = 0
    clock_offset_s: float = 0.0
    camera: CameraReport | None = None  # as the running kiosk last recorded it
    signatures_pending: int = 0  # signed records not yet acknowledged by the server
    signatures_refused: int = 0  # refused by the server (kept on the kiosk for staff)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["camera"] = self.camera.to_dict() if self.camera else None
        return data


@dataclass(frozen=True)
class Conflict:
    """A check-in the server answered ``duplicate``: the pass was used first elsewhere."""

    event_id: str
    jti: str | None
    visit_id: str | None
    scanned_at: float | None
    first_used_at: float | None
    first_used_by: str | None
    first_event_id: str | None
    recorded_at: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Kiosk:
    """Open with ``Kiosk.open(config)``; close with ``close()`` (also a context manager)."""

    def __init__(
        self,
        config: KioskConfig,
        store: Store,
        credentials: CredentialStore,
        *,
        transport: httpx.BaseTransport | None = None,
    ):
        self.config = config
        self.store = store
        self.credentials = credentials
        self.transport = transport
        self.clock = Clock(store)
        language = config.language or "en"
        self.checkin = CheckinService(store, self.clock, language=language)
        self.checkout = CheckoutService(store, self.clock)
        self.walk_ins = WalkInService(store, self.clock, language=language)
        self.documents = DocumentCache(store)
        self.sync = SyncEngine(
            store, credentials, self.clock, retention_s=config.retention_s, transport=transport
        )
        self.admin_pin = AdminPin(store)
        self._runners: list[SyncRunner] = []
        self._listeners: dict[int, Callable[[Any], None]] = {}

    @classmethod
    def open(
        cls,
        config: KioskConfig,
        *,
        credentials: CredentialStore | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> Kiosk:
        """Open the store (StoreError) and the credential store (CredentialError)."""
        store = Store.open(config.data_dir)
        try:
            creds = credentials or make_credential_store(config.credential_store, config.data_dir)
            store.purge(retention_s=config.retention_s)
        except BaseException:
            store.close()
            raise
        return cls(config, store, creds, transport=transport)

    def __enter__(self) -> Kiosk:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- pairing -----------------------------------------------------------------------------

    @property
    def paired(self) -> bool:
        return load_identity(self.store) is not None

    @property
    def identity(self) -> KioskIdentity | None:
        return load_identity(self.store)

    def pair(
        self,
        server_url: str,
        code: str,
        ca_cert: str | Path | None = None,
        kiosk_name: str | None = None,
        admin_pin: str | None = None,
    ) -> KioskIdentity:
        """Pair with a 6-digit code; PairingError(kind) on failure, PinError on a bad PIN."""
        if self.paired:
            raise PairingError(PairingErrorKind.ALREADY_PAIRED)
        if admin_pin is not None:
            from kiosk_app.core.admin_pin import validate_pin

            validate_pin(admin_pin)
        identity = pair(
            self.store,
            self.credentials,
            self.clock,
            server_url=server_url,
            code=code,
            ca_cert=ca_cert,
            kiosk_name=kiosk_name,
            transport=self.transport,
        )
        if admin_pin is not None:
            self.admin_pin.set(admin_pin)
        return identity

    def unpair(self) -> int:
        """Forget the pairing here (the server is not told); returns unsynced check-ins held."""
        return forget_pairing(self.store, self.credentials, revoked=False)

    # -- state -------------------------------------------------------------------------------

    def status(self) -> KioskStatus:
        paired = self.paired
        online = self.store.get("online")
        return KioskStatus(
            paired=paired,
            revoked=bool(self.store.get("revoked", False)) and not paired,
            online=online if isinstance(online, bool) else None,
            queue_depth=self.sync.queue_depth(),
            last_sync_at=self.store.get("last_sync_at"),  # type: ignore[arg-type]
            last_error=self.store.get("last_error"),  # type: ignore[arg-type]
            next_retry_at=self.sync.next_retry_at,
            conflicts=self.store.count("conflicts"),
            trust_stale=paired and trust_is_stale(self.store),
            clock_skew_flagged=paired and self.clock.skew_flagged,
            held=self.store.count("queue", "status = 'held'"),
            clock_offset_s=self.clock.offset,
            camera=CameraReport.from_dict(self.store.get(CAMERA_SETTING)),
            signatures_pending=self.store.count("signed_records", "status = 'pending'"),
            signatures_refused=self.store.count("signed_records", "status = 'refused'"),
        )

    # -- settings chosen on the kiosk --------------------------------------------------------

    def remember(self, **values: str) -> None:
        """Saves ``camera``, ``decoder`` or ``language`` to kiosk.toml and to this config.

        ConfigError (nothing saved) if a value is not allowed or the file cannot be written.
        """
        updated = dataclasses.replace(self.config, **values)  # type: ignore[arg-type]
        save_settings(self.config.path, values)
        self.config = updated

    def record_camera(self, source: str, mode: CameraMode | None) -> None:
        """Notes the camera the app runs with, for `atrium-kiosk status` in another process."""
        report = CameraReport(source, mode, self.store.now())
        self.store.set(CAMERA_SETTING, report.to_dict())

    def conflicts(self) -> list[Conflict]:
        rows = self.store.db["conflicts"].rows_where(order_by="recorded_at desc")
        return [Conflict(**row) for row in rows]

    def runner(
        self, on_status: Callable[[KioskStatus], None] | None = None, **options: Any
    ) -> SyncRunner:
        """A new (not yet started) SyncRunner; every accepted check-in triggers it."""
        for old in [r for r in self._runners if r.stopping]:
            self._forget_runner(old)
        runner = SyncRunner(self.sync, status_provider=self.status, on_status=on_status, **options)
        listener: Callable[[Any], None] = lambda _verdict: runner.trigger()  # noqa: E731
        self.checkin.add_listener(listener)
        self.checkout.add_listener(listener)
        self.walk_ins.add_listener(listener)
        self._runners.append(runner)
        self._listeners[id(runner)] = listener
        return runner

    def _forget_runner(self, runner: SyncRunner) -> None:
        runner.stop()
        listener = self._listeners.pop(id(runner), lambda _v: None)
        self.checkin.remove_listener(listener)
        self.checkout.remove_listener(listener)
        self.walk_ins.remove_listener(listener)
        if runner in self._runners:
            self._runners.remove(runner)

    def export_queue(self, path: str | Path, *, include_synced: bool = False) -> int:
        """Write unsynced (pending and held) check-ins to a CSV or JSON file; returns the count."""
        where = "1 = 1" if include_synced else "status IN ('pending', 'held')"
        rows = list(self.store.db["queue"].rows_where(where, order_by="seq"))
        records = [{name: row[name] for name in EXPORT_FIELDS} for row in rows]
        target = Path(path)
        tmp = target.with_name(f".{target.name}.tmp")
        try:
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                if target.suffix.lower() == ".json":
                    json.dump({"exported_at": time.time(), "checkins": records}, handle, indent=2)
                else:
                    writer = csv.DictWriter(handle, fieldnames=EXPORT_FIELDS)
                    writer.writeheader()
                    writer.writerows(records)
            tmp.replace(target)
        except OSError as exc:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise ExportError(
                f"Cannot write the export file {target}: {exc.strerror or exc}. "
                "Choose a writable place; the check-ins are still in the kiosk."
            ) from None
        return len(records)

    def close(self) -> None:
        for runner in list(self._runners):
            self._forget_runner(runner)
        self.store.close()
