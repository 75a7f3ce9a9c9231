"""1,000 invitations through the outbox to a local SMTP server; prints messages/s and the time
until the outbox is empty.

Run from the repository with the package importable (``pip install -e '.[dev]'``):

    python benchmarks/outbox.py                  # 1,000 invitations, one sender
    python benchmarks/outbox.py --count 200 --senders 2

Initialises a SQLite data dir, queues the invitations (each in its visit's transaction; that
part is timed too), then starts the sender thread(s) against aiosmtpd on 127.0.0.1 with
STARTTLS (a certificate from the server's own CA) and AUTH, exactly as the tests do. Every
message is built at send time: plain text, HTML, the QR code PNG and the .ics attachment.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from server_stub.mail.sender import Sender, SenderPolicy  # noqa: E402
from server_stub.mail.smtp import SmtpConfig  # noqa: E402
from server_stub.service import AtriumService  # noqa: E402
from server_stub.store import Store, default_url  # noqa: E402
from tests.server.mail.smtp_sink import SmtpSink, make_tls  # noqa: E402

FROM = "Atrium Reception <reception@acme.example>"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--senders", type=int, default=1, help="sender threads (own engines)")
    parser.add_argument("--batch", type=int, default=10, help="messages per SMTP session")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="outbox-bench-") as tmp:
        root = Path(tmp)
        sink = SmtpSink(make_tls(root / "tls")).start()
        service, tenant_id, _ = AtriumService.initialise(root / "server", "Acme", "Berlin HQ")
        service.set_site_details(tenant_id, "Berlin HQ", address="Unter den Linden 1, Berlin",
                                 timezone="Europe/Berlin")
        started = time.perf_counter()
        for i in range(args.count):
            service.create_visit(tenant_id, visitor=f"Visitor {i}", host="Grace Hopper",
                                 visitor_email=f"visitor{i}@example.org")
        queued_s = time.perf_counter() - started
        config = SmtpConfig.from_url(sink.url(), sink.ca_file, timeout_s=30)
        policy = SenderPolicy(batch=args.batch, poll_s=0.05)
        stores = [Store.from_url(default_url(root / "server")) for _ in range(args.senders)]
        senders = [Sender(store, config, FROM, policy=policy) for store in stores]
        started = time.perf_counter()
        for sender in senders:
            sender.start()
        while service.outbox(tenant_id):
            time.sleep(0.02)
        empty_s = time.perf_counter() - started
        for sender in senders:
            sender.stop()
        received = collections.Counter(m["Message-ID"] for m in sink.messages())
        sink.stop()
        for store in stores:
            store.close()
        service.close()
    size = sum(1 for _ in received)
    print(f"queued {args.count} invitations with their visits in {queued_s:.2f} s "
          f"({args.count / queued_s:.0f} visits/s)")
    print(f"outbox empty after {empty_s:.2f} s with {args.senders} sender(s), batches of "
          f"{args.batch}: {args.count / empty_s:.1f} messages/s")
    print(f"received {sum(received.values())} messages, {size} distinct Message-IDs, "
          f"{sum(1 for n in received.values() if n > 1)} sent twice")
    return 0 if size == args.count else 1


if __name__ == "__main__":
    sys.exit(main())
