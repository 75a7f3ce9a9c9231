"""The e-mail commands of atrium-server: hosts, site details, the outbox, re-sending."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Callable
from typing import Any

from server_stub.commands import _emit, _open

NOT_SENT = {"pending": "not sent yet", "held": "held", "failed": "failed"}


def _iso(ts: float | None) -> str:
    if ts is None:
        return "-"
    return dt.datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")


def cmd_host_add(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    host_id = service.add_host(tenant_id, args.name, args.email, args.site)
    data = {"host_id": host_id, "name": args.name, "email": args.email, "site": args.site}
    _emit(args, data, f"Host {args.name}: {host_id}")


def cmd_host_list(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    rows = service.hosts(tenant_id)
    text = [
        f"{r['host_id']}  {r['name']}  {r['email']}  {r['site_name']}"
        f"{'' if r['disabled_at'] is None else '  (disabled)'}"
        for r in rows
    ]
    _emit(args, {"hosts": rows}, "\n".join(text) or "No hosts in the directory.")


def cmd_site_set(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    details = {
        key: getattr(args, key)
        for key in ("address", "timezone", "language", "webhook_url")
        if getattr(args, key) is not None
    }
    site = service.set_site_details(tenant_id, args.name, **details)
    _emit(
        args,
        site,
        f"Site {site['name']}: address {site['address'] or '-'}, time zone "
        f"{site['timezone'] or 'the server’s'}, language {site['language'] or 'en'}"
        + (f"\nWebhook {site['webhook_url']}; its signing secret (shown once): "
           f"{site['webhook_secret']}" if site.get("webhook_secret") else ""),
    )


def cmd_outbox(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    rows = service.outbox(tenant_id)
    text = [
        f"{r['message_id']}  {r['kind']} to the {r['recipient']} of visit {r['visit_id']}  "
        f"{NOT_SENT.get(r['status'], r['status'])}, {r['attempts']} attempt(s)"
        + (f", next {_iso(r['due_at'])}" if r["status"] == "pending" else "")
        + (f": {r['last_error']}" if r["last_error"] else "")
        for r in rows
    ]
    empty = "The outbox is empty: every message went out."
    _emit(args, {"messages": rows}, "\n".join(text) or empty)


def cmd_outbox_retry(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    service.retry_message(tenant_id, args.message_id, "cli")
    _emit(args, {"message_id": args.message_id, "status": "pending"},
          f"Message {args.message_id} will be sent again")


def cmd_visit_resend(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    message_id = service.resend_invitation(tenant_id, args.visit_id)
    _emit(args, {"visit_id": args.visit_id, "message_id": message_id},
          f"Invitation for visit {args.visit_id} queued again ({message_id})")


Add = Callable[..., argparse.ArgumentParser]


def add_mail_commands(add: Add, site: Any, visit: Any, sub: Any, parser_class: type) -> None:
    """Register the commands above on the atrium-server parser."""
    p = add("set", cmd_site_set, "set a site's address, time zone and e-mail language", site)
    p.add_argument("name", help="site name or id")
    p.add_argument("--address", help="postal address shown in invitations ('' clears it)")
    p.add_argument("--timezone", help="IANA time zone, e.g. Europe/Berlin (default: the server's)")
    p.add_argument("--language", help="default language of its e-mails: en or de")
    p.add_argument(
        "--webhook-url",
        help="https:// URL told of every arrival (Slack/Teams incoming webhook; '' turns it "
        "off); prints a new signing secret",
    )
    p = add("resend", cmd_visit_resend, "send the visit's invitation again", visit)
    p.add_argument("visit_id")
    host = add("host", lambda a: None, "manage the host directory").add_subparsers(
        dest="host_command", required=True, parser_class=parser_class
    )
    p = add("add", cmd_host_add, "add a host; their visitors' arrivals are e-mailed to them", host)
    p.add_argument("--name", required=True, help="as visits name the host, e.g. 'Grace Hopper'")
    p.add_argument("--email", required=True)
    p.add_argument("--site", default=None, help="site name or id (default: the first site)")
    add("list", cmd_host_list, "list the host directory", host)
    p = add("outbox", cmd_outbox, "list e-mails not sent yet, held or failed, with the reason")
    outbox = p.add_subparsers(dest="outbox_command", required=False, parser_class=parser_class)
    add("retry", cmd_outbox_retry, "send a held or failed message again", outbox).add_argument(
        "message_id"
    )
