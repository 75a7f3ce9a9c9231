"""Serving the app with uvicorn over HTTPS only (no plain-HTTP listener, ever)."""

from __future__ import annotations

import socket
from pathlib import Path

import uvicorn
from fastapi import FastAPI
from uvicorn.config import LOGGING_CONFIG as UVICORN_LOGGING

from server_stub.guarded_protocols import GuardedConfig, GuardedServer
from server_stub.tls import TLS12_CIPHERS

# uvicorn's logging, plus the server's own loggers (atrium.*: mail, retention, audit) at INFO
LOGGING_CONFIG = {
    **UVICORN_LOGGING,
    "loggers": {
        **UVICORN_LOGGING["loggers"],
        "atrium": {"handlers": ["default"], "level": "INFO", "propagate": False},
    },
}


def make_server(
    app: FastAPI,
    host: str,
    port: int,
    certfile: Path,
    keyfile: Path,
    *,
    log_level: str = "info",
    access_log: bool = True,
    own_logging: bool = True,
) -> uvicorn.Server:
    """A uvicorn server with TLS; the access log shows method and path, never headers.

    ``own_logging=False`` leaves the host process's logging configuration untouched.
    """
    for path in (certfile, keyfile):
        if not Path(path).is_file():
            raise FileNotFoundError(f"TLS file not found: {path}")
    config = GuardedConfig(  # a uvicorn.Config with the slow-client guard
        app,
        host=host,
        port=port,
        ssl_certfile=str(certfile),
        ssl_keyfile=str(keyfile),
        log_level=log_level,
        access_log=access_log,
        log_config=LOGGING_CONFIG if own_logging else None,
        server_header=False,
        proxy_headers=False,
        lifespan="on",  # starts and stops the mail sender
        timeout_graceful_shutdown=5,
        timeout_keep_alive=15,
        ssl_ciphers=TLS12_CIPHERS,
    )
    return GuardedServer(config)


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket (port 0 picks a free one); SO_REUSEADDR keeps restarts quick."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    sock.set_inheritable(True)
    return sock
