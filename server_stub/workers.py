"""Serving with several worker processes (PostgreSQL) or one (SQLite allows one writer)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from uvicorn.supervisors import Multiprocess

from server_stub.serve import bind_socket, make_server
from server_stub.settings import Settings

APP_IMPORT = "server_stub.asgi:app"
SQLITE_ONE_WORKER = (
    "SQLite allows one writer at a time, so the server runs 1 worker; "
    "use --database-url postgresql://... for more"
)


def worker_count(settings: Settings) -> int:
    """The workers to start: as asked on PostgreSQL, one on SQLite (and say why)."""
    if settings.backend == "sqlite" and settings.workers > 1:
        print(SQLITE_ONE_WORKER, file=sys.stderr, flush=True)
        return 1
    return settings.workers


def serve_workers(
    settings: Settings, certfile: Path, keyfile: Path, announce: Callable[[], None]
) -> None:
    """Run ``settings.workers`` uvicorn processes on one listening socket, each with its pool."""
    os.environ.update(settings.environment())  # the workers read their settings from here
    app: object = APP_IMPORT  # an import string: each worker imports the app itself
    server = make_server(app, settings.host, settings.port, certfile, keyfile)  # type: ignore[arg-type]
    config = server.config
    config.workers = settings.workers
    sock = bind_socket(settings.host, settings.port)
    announce()
    Multiprocess(config, sockets=[sock]).run()
