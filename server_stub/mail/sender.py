"""The sender inside the server: claims due outbox rows, delivers them, settles them.

E-mails go over SMTP when a mail server is set; webhooks (HTTPS POSTs) go out either way, so
without SMTP the sender claims only webhook rows and e-mails wait in the outbox.

Delivery is at least once: a row is leased before sending and marked sent after the mail
server accepted it. A sender killed in between leaves the lease to run out, and the message
goes again with the same Message-ID, so the receiving side can recognise the repeat.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from server_stub.mail import compose, context, webhook
from server_stub.mail.smtp import DeliveryError, SmtpConfig, SmtpConnection
from server_stub.store import Store
from server_stub.store.audit import AuditLog
from server_stub.store.outbox import FAILED, HELD, PENDING, SENT, SUPERSEDED, Outbox
from server_stub.store.tenancy import all_tenant_ids

log = logging.getLogger("atrium.mail")
audit = logging.getLogger("atrium.audit")
Clock = Callable[[], float]


@dataclass(frozen=True)
class SenderPolicy:
    """How often and how hard to try; the back-off doubles from ``backoff_s`` to at most
    ``max_backoff_s``."""

    batch: int = 10
    poll_s: float = 2.0
    backoff_s: float = 30.0
    max_backoff_s: float = 3600.0
    max_attempts: int = 8

    def delay(self, attempts: int) -> float:
        return float(min(self.max_backoff_s, self.backoff_s * 2 ** max(0, attempts - 1)))


class Sender:
    """Deliver the outbox of every tenant; ``run_once`` for one round, ``start`` for a thread."""

    def __init__(
        self,
        store: Store,
        smtp: SmtpConfig | None,
        sender: str | None,
        clock: Clock = time.time,
        policy: SenderPolicy | None = None,
        webhook_ca_file: Path | None = None,
        timeout_s: float = 30.0,
    ) -> None:
        """``smtp`` None: e-mail is off and only webhooks are delivered."""
        self.store, self.smtp, self.clock = store, smtp, clock
        self.sender = sender or "Atrium <atrium@atrium.invalid>"
        self.timeout_s = smtp.timeout_s if smtp is not None else timeout_s
        self.kinds = None if smtp is not None else ("webhook",)
        self.webhook_ca_file = webhook_ca_file  # a private CA of webhook receivers
        self.policy = policy or SenderPolicy()
        # a lease covers one message (connect + send, each bounded by the SMTP timeout); it is
        # renewed for the rest of the batch before each message
        self.lease_s = 2 * self.timeout_s + 5
        self.delivered = 0  # messages this sender handed to the mail server
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    # the thread --------------------------------------------------------------------------
    def start(self) -> Sender:
        self.release_held()
        self._thread = threading.Thread(target=self._loop, name="atrium-mail", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        """Look at the outbox now instead of at the next poll (a message was just queued)."""
        self._wake.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once() > 0
            except Exception as exc:  # the database away: try again at the next poll
                log.warning("mail sender round failed: %s", type(exc).__name__)
                busy = False
            if not busy:
                self._wake.wait(self.policy.poll_s)
                self._wake.clear()

    # one round ---------------------------------------------------------------------------
    def release_held(self) -> None:
        """Messages held under earlier settings go again under these."""
        for tenant_id in self._tenants():
            with self.store.begin(tenant_id) as conn:
                Outbox(conn, tenant_id).release_held(self.clock())

    def _tenants(self) -> list[str]:
        with self.store.read() as conn:
            return all_tenant_ids(conn)

    def run_once(self) -> int:
        """One round over every tenant; returns how many messages were attempted."""
        attempted = 0
        for tenant_id in self._tenants():
            if self._stop.is_set():
                break
            with self.store.begin(tenant_id) as conn:
                rows = Outbox(conn, tenant_id).claim(
                    self.clock(), self.lease_s, self.policy.batch, self.kinds
                )
            if rows:
                before = self.delivered
                self._deliver(tenant_id, rows)
                attempted += len(rows)
                if self.delivered > before:  # counts only: no addresses in the log
                    log.info("mail: delivered %d message(s)", self.delivered - before)
        return attempted

    def _deliver(self, tenant_id: str, rows: list[Any]) -> None:
        connection: SmtpConnection | None = None
        try:
            for index, row in enumerate(rows):
                try:
                    rest = [r.message_id for r in rows[index:]]
                    message, recipient = self._build(tenant_id, row, rest)
                except context.Unsendable as exc:
                    self._settle(tenant_id, row, SUPERSEDED, str(exc))
                    continue
                if row.kind == "webhook":
                    self._post(tenant_id, row, message)
                    continue
                if connection is None:
                    if self.smtp is None:  # not claimed without SMTP; left for when it is set
                        continue
                    try:
                        connection = SmtpConnection(self.smtp)
                        connection.open()
                    except DeliveryError as exc:  # the same for the rest of this batch
                        connection = None
                        for rest in rows[index:]:
                            self._failed(tenant_id, rest, exc)
                        return
                try:
                    connection.send(message, recipient)
                except DeliveryError as exc:
                    self._drop(connection)
                    connection = None
                    self._failed(tenant_id, row, exc)
                    continue
                self.delivered += 1
                self._settle(tenant_id, row, SENT, None, sent_at=self.clock())
        finally:
            self._drop(connection)

    @staticmethod
    def _drop(connection: SmtpConnection | None) -> None:
        if connection is not None:
            connection.close()

    def _build(self, tenant_id: str, row: Any, rest: list[str]) -> tuple[Any, str]:
        header = row.header_id or compose.header_id(row.message_id, self.sender)
        with self.store.begin(tenant_id) as conn:
            box = Outbox(conn, tenant_id)
            box.extend(rest, self.clock() + self.lease_s)
            box.set_header_id(row.message_id, header)
            ctx = context.load(conn, tenant_id, row)
        if row.kind == "webhook":
            return ctx, ctx.recipient
        return compose.build(ctx, self.sender, header), ctx.recipient

    def _post(self, tenant_id: str, row: Any, ctx: Any) -> None:
        """A webhook: one signed HTTPS POST, with the e-mails' retries and back-off."""
        try:
            webhook.post(ctx.recipient, ctx.secret or "", compose.webhook_body(ctx), self.clock(),
                         self.webhook_ca_file, self.timeout_s)
        except DeliveryError as exc:
            self._failed(tenant_id, row, exc)
            return
        self.delivered += 1
        self._settle(tenant_id, row, SENT, None, sent_at=self.clock())

    def _failed(self, tenant_id: str, row: Any, exc: DeliveryError) -> None:
        attempts = row.attempts + 1
        if exc.kind == "hold":
            audit.warning(
                "mail held: tenant %s message %s (%s): %s",
                tenant_id, row.message_id, row.kind, exc.reason,
            )
            self._settle(tenant_id, row, HELD, exc.reason, audit_action="mail.held",
                         attempts=attempts)
        elif exc.kind == "fail" or attempts >= self.policy.max_attempts:
            audit.warning(
                "mail failed after %d attempts: tenant %s message %s (%s): %s",
                attempts, tenant_id, row.message_id, row.kind, exc.reason,
            )
            self._settle(tenant_id, row, FAILED, exc.reason, attempts=attempts)
        else:
            log.info("mail delayed: message %s attempt %d: %s", row.message_id, attempts,
                     exc.reason)
            due = self.clock() + self.policy.delay(attempts)
            self._settle(tenant_id, row, PENDING, exc.reason, attempts=attempts, due_at=due)

    def _settle(
        self,
        tenant_id: str,
        row: Any,
        status: str,
        error: str | None,
        audit_action: str | None = None,
        **values: Any,
    ) -> None:
        with self.store.begin(tenant_id) as conn:
            Outbox(conn, tenant_id).settle(
                row.message_id, status=status, last_error=error, **values
            )
            if audit_action is not None:  # the console's audit log: by message id only
                AuditLog(conn, tenant_id).add(self.clock(), "mail", audit_action, row.message_id)
