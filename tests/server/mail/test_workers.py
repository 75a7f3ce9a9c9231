"""Two senders (two server workers) on one database: each message is sent exactly once.

On PostgreSQL the claim is ``FOR UPDATE SKIP LOCKED``; on SQLite the single writer serialises
the claims. Each sender has its own engine and connection pool, as a worker process has.
"""

from __future__ import annotations

import collections
import time
import uuid
from pathlib import Path

import pytest

from server_stub.mail.sender import Sender, SenderPolicy
from server_stub.mail.smtp import SmtpConfig
from server_stub.service import AtriumService
from server_stub.store import Store, default_url
from tests.pg import APP_ROLE, OWNER_ROLE
from tests.server.mail.conftest import FROM
from tests.server.mail.smtp_sink import SmtpSink

COUNT = 200
pytestmark = pytest.mark.slow


def test_two_senders_deliver_200_queued_messages_each_exactly_once(
    db_backend: str, request: pytest.FixtureRequest, tmp_path: Path, smtp: SmtpSink
) -> None:
    data_dir = tmp_path / "server"
    if db_backend == "postgresql":
        cluster = request.getfixturevalue("pg_cluster")
        database = f"mail_{uuid.uuid4().hex[:10]}"
        cluster.create_app_database(database)
        owner_url, app_url = cluster.url(OWNER_ROLE, database), cluster.url(APP_ROLE, database)
    else:
        owner_url = app_url = default_url(data_dir)
    service, tenant_id, _ = AtriumService.initialise(
        data_dir, "Acme Corp", "Berlin HQ", database_url=owner_url
    )
    second_tenant = service.add_tenant("Other Corp")
    service.add_site(second_tenant, "Paris")
    for i in range(COUNT):
        service.create_visit(
            tenant_id if i % 2 else second_tenant, visitor=f"Visitor {i}", host="Grace Hopper",
            visitor_email=f"v{i}@example.org",
        )
    config = SmtpConfig.from_url(smtp.url(), smtp.ca_file, timeout_s=10)
    policy = SenderPolicy(batch=10, poll_s=0.05)
    stores = [Store.from_url(app_url) for _ in range(2)]
    senders = [Sender(store, config, FROM, policy=policy) for store in stores]
    try:
        for sender in senders:
            sender.start()
        deadline = time.monotonic() + 120
        while smtp.count() < COUNT and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(0.5)  # a second copy, if any, would arrive now
    finally:
        for sender in senders:
            sender.stop()
        for store in stores:
            store.close()
    ids = collections.Counter(m["Message-ID"] for m in smtp.messages())
    assert len(ids) == COUNT
    assert set(ids.values()) == {1}
    assert all(sender.delivered > 0 for sender in senders)  # both took part
    assert sum(sender.delivered for sender in senders) == COUNT
    assert service.outbox(tenant_id) == [] and service.outbox(second_tenant) == []
    service.close()
