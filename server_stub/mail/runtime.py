"""The server's background work, started with the app and stopped with it: the mail sender
and the retention purge."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from server_stub.mail.sender import Sender
from server_stub.retention import PurgeJob
from server_stub.settings import Settings

log = logging.getLogger("atrium.mail")


def make_purge_job(app: FastAPI, settings: Settings | None) -> PurgeJob | None:
    """The retention purge of a serving server (with settings: ``run``), else None."""
    if settings is None or settings.purge_interval_s <= 0:
        return None
    return PurgeJob(app.state.service, settings.purge_interval_s)


def make_sender(app: FastAPI, settings: Settings | None) -> Sender | None:
    """The server's sender (with settings: ``run``): e-mail through the mail server they
    name, and the sites' webhooks whether or not there is one."""
    if settings is None:
        return None
    smtp = settings.smtp()
    config, sender = smtp if smtp is not None else (None, None)
    service = app.state.service
    return Sender(service.store, config, sender, service.clock,
                  webhook_ca_file=settings.webhook_ca_file, timeout_s=settings.smtp_timeout)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the sender thread (when e-mail is on) and stop it cleanly on shutdown."""
    sender: Sender | None = app.state.mail_sender
    purge_job: PurgeJob | None = getattr(app.state, "purge_job", None)
    if sender is not None:
        sender.start()
        if sender.smtp is not None:
            log.info("e-mail on: sending through %s", sender.smtp.where)
        else:
            log.info("e-mail off (no ATRIUM_SMTP_URL); the sites' webhooks still go out")
    if purge_job is not None:
        purge_job.start()
    try:
        yield
    finally:
        if purge_job is not None:
            purge_job.stop()
        if sender is not None:
            sender.stop()
