"""The atrium-server commands: each takes the parsed arguments and prints its result."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from typing import Any

from server_stub import tls
from server_stub.qr import qr_png
from server_stub.service import AtriumService
from server_stub.settings import ENV_HOME, Settings
from server_stub.store.engine import describe, parse_url
from server_stub.store.rls import check_server_role
from server_stub.store.setup import migrate_store
from server_stub.tls import TLS_DIR, ca_cert_path, default_cert_paths

PROG = "atrium-server"
ENV_ADMIN_PASSWORD = "ATRIUM_SERVER_ADMIN_PASSWORD"  # noqa: S105 (a variable name)
__all__ = ["ENV_HOME", "PROG", "UsageError"]


class UsageError(Exception):
    """Bad input on the command line: one line on stderr, exit status 2."""


def parse_time(text: str | None, what: str) -> float | None:
    """An ISO 8601 time (naive means local time) as Unix seconds."""
    if text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} {text!r} is not an ISO 8601 time") from None
    return value.timestamp()


def _iso(ts: float | None) -> str:
    if ts is None:
        return "-"
    return dt.datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")


def _open(args: argparse.Namespace) -> tuple[AtriumService, str]:
    settings: Settings = args.settings
    if not settings.data_dir.is_dir():
        raise UsageError(f"data dir {settings.data_dir} does not exist; run '{PROG} init' first")
    service = AtriumService.open(settings.data_dir, database_url=settings.database_url)
    tenant_id = service.tenant_id_for(args.tenant) if args.tenant else service.default_tenant()
    return service, tenant_id


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    print(json.dumps(data, indent=2, sort_keys=True) if args.json else text)


def cmd_init(args: argparse.Namespace) -> None:
    if args.admin_email and not args.admin_password:
        args.admin_password = os.environ.get(ENV_ADMIN_PASSWORD)
        if not args.admin_password:
            raise UsageError(f"give --admin-password or set {ENV_ADMIN_PASSWORD}")
    if args.admin_password and not args.admin_email:
        raise UsageError("--admin-password needs --admin-email")
    service, tenant_id, site_id = AtriumService.initialise(
        args.data_dir,
        args.tenant_name,
        args.site,
        args.admin_email,
        args.admin_password,
        database_url=args.settings.database_url,
    )
    tenant = service.tenant(tenant_id)
    ca_cert = tls.create_tls_material(args.data_dir / TLS_DIR, args.hostname, tenant["name"])
    data = {
        "data_dir": str(args.data_dir),
        "database": describe(parse_url(args.settings.url)),
        "tenant": tenant,
        "site": service.site(tenant_id, site_id),
        "ca_cert": str(ca_cert),
        "admin_email": args.admin_email,
    }
    _emit(
        args,
        data,
        f"Initialised {args.data_dir} for {tenant['name']} ({tenant_id}).\n"
        f"Kiosks must trust this CA certificate (--ca-cert): {ca_cert}",
    )


def cmd_migrate(args: argparse.Namespace) -> None:
    settings: Settings = args.settings
    store, before, after = migrate_store(settings.url)
    store.close()
    url = describe(parse_url(settings.url))
    text = (
        f"{url} is at revision {after} (up to date)"
        if before == after
        else f"Migrated {url} from revision {before or 'none'} to {after}"
    )
    _emit(args, {"database": url, "before": before, "after": after}, text)


def cmd_run(args: argparse.Namespace) -> None:
    from server_stub.app import create_app
    from server_stub.serve import make_server
    from server_stub.workers import serve_workers, worker_count

    settings: Settings = args.settings
    service, _ = _open(args)  # checks the database and its revision before serving
    try:
        with service.store.read() as conn:
            check_server_role(conn)
    except BaseException:
        service.close()
        raise
    if settings.certfile is not None and settings.keyfile is not None:
        certfile, keyfile = settings.certfile, settings.keyfile
    else:
        certfile, keyfile = default_cert_paths(settings.data_dir)
    workers = worker_count(settings)
    trusted = settings.certfile or ca_cert_path(settings.data_dir)

    smtp = settings.smtp()
    mail = f"e-mail through {smtp[0].where} as {smtp[1]}" if smtp else "e-mail off (no SMTP URL)"

    def announce() -> None:
        print(
            f"Serving https://{settings.host}:{settings.port} (HTTPS only, {workers} worker"
            f"{'s' if workers > 1 else ''}); kiosks trust {trusted}; {mail}",
            file=sys.stderr,
            flush=True,
        )

    if workers > 1:
        service.close()
        serve_workers(settings, certfile, keyfile, announce)
        return
    server = make_server(
        create_app(settings.data_dir, service=service, settings=settings),
        settings.host,
        settings.port,
        certfile,
        keyfile,
    )
    announce()
    server.run()


def cmd_site_add(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    site = service.site(tenant_id, service.add_site(tenant_id, args.name))
    _emit(args, site, f"Site {site['name']}: {site['id']}")


def cmd_site_walk_ins(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    site = service.set_walk_ins(tenant_id, args.name, args.state == "on")
    state = "takes walk-ins" if site["walk_ins"] else "takes no walk-ins"
    _emit(args, site, f"Site {site['name']} {state} (kiosks learn it on their next sync)")


def cmd_user_add(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    password = args.password or os.environ.get(ENV_ADMIN_PASSWORD)
    if not password:
        raise UsageError(f"give --password or set {ENV_ADMIN_PASSWORD}")
    user_id = service.add_user(tenant_id, args.email, password, role=args.role)
    _emit(
        args,
        {"user_id": user_id, "email": args.email, "role": args.role},
        f"User {args.email} ({args.role}): {user_id}",
    )


def cmd_pairing_code(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    code = service.create_pairing_code(tenant_id, args.site, args.name)
    _emit(
        args,
        code,
        f"Pairing code {code['code']} for {code['kiosk_name']} at "
        f"{code['site']['name']}; valid until {_iso(code['expires_at'])} (single use)",
    )


def cmd_visit_create(args: argparse.Namespace) -> None:
    if args.qr_png:
        args.qr_png = args.qr_png.expanduser()  # checked and written as the same path
        if not args.qr_png.parent.is_dir():
            raise UsageError(f"folder for --qr-png does not exist: {args.qr_png.parent}")
    service, tenant_id = _open(args)
    arrive = parse_time(args.arrive, "--arrive")
    depart = parse_time(args.depart, "--depart")
    visit = service.create_visit(
        tenant_id,
        visitor=args.visitor,
        host=args.host,
        arrive=arrive,
        depart=depart,
        site=args.site,
        visitor_email=args.visitor_email,
        language=args.language,
    )
    data = {k: visit[k] for k in ("visit_id", "pass", "nbf", "exp", "site_id", "invitation_id")}
    if args.qr_png:
        args.qr_png.write_bytes(qr_png(visit["pass"]))
        data["qr_png"] = str(args.qr_png)
    lines = [
        f"Visit {visit['visit_id']}: {_iso(visit['nbf'])} to {_iso(visit['exp'])}",
        f"Pass: {visit['pass']}",
    ]
    if args.qr_png:
        lines.append(f"QR code: {args.qr_png}")
    if visit["invitation_id"]:
        queued = f"{args.visitor_email.strip()} ({visit['invitation_id']})"
        lines.append(f"Invitation queued for {queued}")
    _emit(args, data, "\n".join(lines))


def cmd_visit_cancel(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    revoked_at = service.cancel_visit(tenant_id, args.visit_id)
    _emit(
        args,
        {"visit_id": args.visit_id, "revoked_at": revoked_at},
        f"Visit {args.visit_id} cancelled; pass revoked at {_iso(revoked_at)}",
    )


def cmd_checkins(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    if args.rejected:
        rows = service.rejections(tenant_id)
        text = [
            f"{_iso(r['scanned_at'])}  {r['kiosk_name']}  {r['event_id']}  {r['reason']}  "
            f"received {_iso(r['received_at'])}"
            for r in rows
        ]
        _emit(args, {"rejected": rows}, "\n".join(text) or "No rejected check-ins.")
        return
    if args.duplicates:
        rows = service.duplicates(tenant_id)
        text = [
            f"{_iso(r['scanned_at'])}  {r['kiosk_name']}  {r['jti']}  first used "
            f"{_iso(r['first_used_at'])} at {r['first_used_by']}"
            for r in rows
        ]
        _emit(args, {"duplicates": rows}, "\n".join(text) or "No duplicates.")
        return
    rows = service.checkins(tenant_id)
    text = [
        f"{_iso(r['used_at'])}  {r['visit_id']}  {r['kiosk_name']}  {r['device_id']}" for r in rows
    ]
    _emit(args, {"checkins": rows}, "\n".join(text) or "No check-ins yet.")


def cmd_device_list(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    rows = service.devices(tenant_id)
    text = [
        f"{r['device_id']}  {r['kiosk_name']}  site {r['site_id']}  "
        f"{'revoked ' + _iso(r['revoked_at']) if r['revoked_at'] else 'active'}"
        for r in rows
    ]
    _emit(args, {"devices": rows}, "\n".join(text) or "No paired kiosks.")


def cmd_device_revoke(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    revoked_at = service.revoke_device(tenant_id, args.device_id)
    _emit(
        args,
        {"device_id": args.device_id, "revoked_at": revoked_at},
        f"Device {args.device_id} revoked at {_iso(revoked_at)}",
    )


def cmd_keys_rotate(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    kid = service.rotate_keys(tenant_id)
    _emit(
        args,
        {"kid": kid, "keys": service.published_keys(tenant_id)},
        f"New pass key {kid}; older keys stay published until their passes expire",
    )
