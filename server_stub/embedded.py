"""EmbeddedServer: the real server (uvicorn, HTTPS) in a background thread on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import ssl
import threading
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx
import uvicorn

from server_stub import documents, tls
from server_stub.app import create_app
from server_stub.serve import bind_socket, make_server
from server_stub.service import AtriumService
from server_stub.store import DB_NAME, NotInitialised
from server_stub.tls import TLS_DIR, ca_cert_path, default_cert_paths

HOST = "127.0.0.1"
START_TIMEOUT_S = 30.0


def _timestamp(value: dt.datetime | None) -> float | None:
    return None if value is None else value.timestamp()


class EmbeddedServer:
    """The real server (uvicorn, HTTPS) in a background thread on 127.0.0.1."""

    def __init__(
        self,
        data_dir: Path,
        *,
        tenant: str = "Acme Corp",
        site: str = "Berlin HQ",
        port: int = 0,
        admin_email: str = "admin@example.com",
        admin_password: str = "correct horse battery",  # noqa: S107 (a demo default)
        database_url: str | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.database_url = database_url
        self._tenant_name = tenant
        self._site_name = site
        self._port = port
        self._admin_email = admin_email
        self._admin_password = admin_password
        self._service_obj: AtriumService | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.tenant_id = ""
        self.site_id = ""

    # lifecycle --------------------------------------------------------------------------
    @property
    def _service(self) -> AtriumService:
        if self._service_obj is None:
            try:
                if self.database_url is None and not (self.data_dir / DB_NAME).is_file():
                    raise NotInitialised(f"{self.data_dir} is not initialised")
                service = AtriumService.open(self.data_dir, database_url=self.database_url)
                self.tenant_id = service.default_tenant()
            except NotInitialised:
                service, self.tenant_id, _ = AtriumService.initialise(
                    self.data_dir,
                    self._tenant_name,
                    self._site_name,
                    self._admin_email,
                    self._admin_password,
                    database_url=self.database_url,
                )
            self.site_id = service.site(self.tenant_id)["id"]
            certfile, keyfile = default_cert_paths(self.data_dir)
            if not (certfile.is_file() and keyfile.is_file()):
                tls.create_tls_material(self.data_dir / TLS_DIR, [], self._tenant_name)
            self._service_obj = service
        return self._service_obj

    def start(self) -> EmbeddedServer:
        """Initialise on first start, serve, and return once /api/v1/health answers."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return self
            service = self._service
            sock = bind_socket(HOST, self._port)
            self._port = sock.getsockname()[1]
            certfile, keyfile = default_cert_paths(self.data_dir)
            server = make_server(
                create_app(self.data_dir, service=service),
                HOST,
                self._port,
                certfile,
                keyfile,
                log_level="warning",
                access_log=False,
                own_logging=False,
            )
            thread = threading.Thread(
                target=server.run,
                kwargs={"sockets": [sock]},
                name="atrium-embedded-server",
                daemon=True,
            )
            self._server, self._thread = server, thread
            thread.start()  # uvicorn closes the listening socket when it shuts down
        try:
            self._wait_healthy()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        context = ssl.create_default_context(cafile=str(self.ca_cert))
        last_error: Exception | None = None
        while time.monotonic() < deadline:
            if self._thread is None or not self._thread.is_alive():
                raise RuntimeError("the embedded server stopped while starting")
            try:
                response = httpx.get(f"{self.url}/api/v1/health", verify=context, timeout=2.0)
                if response.status_code == 200:
                    return
            except httpx.HTTPError as exc:
                last_error = exc
            time.sleep(0.05)
        raise RuntimeError(f"the embedded server did not answer in time: {last_error}")

    def stop(self) -> None:
        """Stop serving gracefully; safe to call twice. Helpers keep working on the data dir."""
        with self._lock:
            server, thread = self._server, self._thread
            self._server, self._thread = None, None
            if server is not None:
                server.should_exit = True
            if thread is not None:
                thread.join(timeout=15)

    def close(self) -> None:
        """Stop and release the database."""
        self.stop()
        if self._service_obj is not None:
            self._service_obj.close()
            self._service_obj = None

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"https://{HOST}:{self._port}"

    @property
    def ca_cert(self) -> Path:
        return ca_cert_path(self.data_dir)

    # helpers over the service layer -----------------------------------------------------
    def pairing_code(self, kiosk_name: str = "Lobby 1", site_id: str | None = None) -> str:
        service = self._service
        return str(service.create_pairing_code(self.tenant_id, site_id, kiosk_name)["code"])

    def create_visit(
        self,
        visitor: str = "Ada Lovelace",
        host: str = "Grace Hopper",
        arrive: dt.datetime | None = None,
        depart: dt.datetime | None = None,
        site_id: str | None = None,
    ) -> dict[str, Any]:
        service = self._service
        visit = service.create_visit(
            self.tenant_id,
            visitor=visitor,
            host=host,
            arrive=_timestamp(arrive),
            depart=_timestamp(depart),
            site=site_id,
        )
        return {k: visit[k] for k in ("visit_id", "pass", "nbf", "exp", "jti", "site_id")}

    def cancel_visit(self, visit_id: str) -> None:
        service = self._service
        service.cancel_visit(self.tenant_id, visit_id)

    def rotate_keys(self) -> str:
        service = self._service
        return service.rotate_keys(self.tenant_id)

    def revoke_device(self, device_id: str) -> None:
        service = self._service
        service.revoke_device(self.tenant_id, device_id)

    def devices(self) -> list[dict[str, Any]]:
        service = self._service
        return service.devices(self.tenant_id)

    def checkins(self) -> list[dict[str, Any]]:
        service = self._service
        return service.checkins(self.tenant_id)

    def publish_document(
        self, texts: dict[str, tuple[str, str]], site_id: str | None = None
    ) -> str:
        """Publishes a document (per language: title, html) and requires it at the site too."""
        service = self._service
        document_id = str(documents.publish(service, self.tenant_id, texts)["document_id"])
        required = documents.site_list(service, self.tenant_id, site_id)
        documents.assign(service, self.tenant_id, site_id, [*required, document_id])
        return document_id

    def add_site(self, name: str) -> str:
        service = self._service
        return service.add_site(self.tenant_id, name)

    def add_host(self, name: str, email: str, site_id: str | None = None) -> str:
        """A host in the directory (at the first site unless ``site_id``); returns its id."""
        service = self._service
        return service.add_host(self.tenant_id, name, email, site_id)

    def admin_token(self) -> str:
        service = self._service
        return service.user_token(self.tenant_id)
