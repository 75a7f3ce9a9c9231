"""The sender's place in the server: started with the app, stopped with it."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from fastapi import FastAPI

from server_stub.mail.sender import Sender
from server_stub.settings import Settings

log = logging.getLogger("atrium.mail")


def make_sender(app: FastAPI, settings: Settings | None) -> Sender | None:
    """A sender for the app's service when the settings name a mail server, else None."""
    smtp = settings.smtp() if settings is not None else None
    if smtp is None:
        return None
    config, sender = smtp
    service = app.state.service
    return Sender(service.store, config, sender, service.clock,
                  webhook_ca_file=settings.webhook_ca_file if settings else None)


@contextlib.asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Start the sender thread (when e-mail is on) and stop it cleanly on shutdown."""
    sender: Sender | None = app.state.mail_sender
    if sender is not None:
        sender.start()
        log.info("e-mail on: sending through %s", sender.smtp.where)
    try:
        yield
    finally:
        if sender is not None:
            sender.stop()
