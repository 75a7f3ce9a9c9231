"""Two senders on one database, each in its own ``atrium-server run`` process: 200 queued
messages, each delivered to the real SMTP server exactly once.

On PostgreSQL the claim is ``FOR UPDATE SKIP LOCKED``; on SQLite the single writer serialises
the claims (two processes on one file). Each process has its own engine and pool.
"""

from __future__ import annotations

import collections
import re
import shutil
import time
import uuid
from pathlib import Path

import pytest

from benchmarks.faults import ServerProcess
from server_stub.service import AtriumService
from server_stub.store import default_url
from tests.pg import APP_ROLE, OWNER_ROLE
from tests.server.mail.conftest import FROM
from tests.server.mail.smtp_sink import SmtpSink

COUNT = 200
pytestmark = pytest.mark.slow
DELIVERED = re.compile(r"mail: delivered (\d+) message")


def test_two_server_processes_deliver_200_queued_messages_each_exactly_once(
    db_backend: str, request: pytest.FixtureRequest, tmp_path: Path, smtp: SmtpSink,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    if db_backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        database = f"mail_{uuid.uuid4().hex[:10]}"
        cluster.create_app_database(database)
        owner_url, app_url = cluster.url(OWNER_ROLE, database), cluster.url(APP_ROLE, database)
    else:
        owner_url = app_url = default_url(first_dir)
    service, tenant_id, _ = AtriumService.initialise(
        first_dir, "Acme Corp", "Berlin HQ", database_url=owner_url
    )
    second_tenant = service.add_tenant("Other Corp")
    service.add_site(second_tenant, "Paris")
    for i in range(COUNT):
        service.create_visit(
            tenant_id if i % 2 else second_tenant, visitor=f"Visitor {i}", host="Grace Hopper",
            visitor_email=f"v{i}@example.org",
        )
    monkeypatch.setenv("ATRIUM_SMTP_URL", smtp.url())
    monkeypatch.setenv("ATRIUM_SMTP_FROM", FROM)
    monkeypatch.setenv("ATRIUM_SMTP_CA_FILE", str(smtp.ca_file))
    processes = [ServerProcess(first_dir, database_url=app_url, owner_url=owner_url)]
    shutil.copytree(first_dir / "tls", second_dir / "tls")  # one server, two processes
    processes.append(ServerProcess(second_dir, database_url=app_url, owner_url=owner_url))
    try:
        for process in processes:
            process.start()
        deadline = time.monotonic() + 120
        while smtp.count() < COUNT and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1.0)  # a second copy, if any, would arrive now
    finally:
        for process in processes:
            process.close()
    ids = collections.Counter(m["Message-ID"] for m in smtp.messages())
    assert len(ids) == COUNT
    assert set(ids.values()) == {1}
    per_process = [
        sum(int(n) for n in DELIVERED.findall(p.log_path.read_text(encoding="utf-8")))
        for p in processes
    ]
    assert sum(per_process) == COUNT
    assert all(n > 0 for n in per_process), per_process  # both took part
    assert service.outbox(tenant_id) == [] and service.outbox(second_tenant) == []
    service.close()
