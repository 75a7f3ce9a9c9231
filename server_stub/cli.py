"""atrium-server: initialise the data dir, run the HTTPS server and administer visits and kiosks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from server_stub.commands import (
    ENV_ADMIN_PASSWORD,
    ENV_HOME,
    PROG,
    UsageError,
    cmd_checkins,
    cmd_device_list,
    cmd_device_revoke,
    cmd_init,
    cmd_keys_rotate,
    cmd_migrate,
    cmd_pairing_code,
    cmd_run,
    cmd_site_add,
    cmd_site_walk_ins,
    cmd_user_add,
    cmd_visit_cancel,
    cmd_visit_create,
)
from server_stub.document_commands import add_document_commands
from server_stub.errors import ServiceError
from server_stub.mail.commands import add_mail_commands
from server_stub.rules import ROLES
from server_stub.settings import (
    ENV_DATABASE_URL,
    ENV_SMTP_CA_FILE,
    ENV_SMTP_FROM,
    ENV_SMTP_URL,
    ENV_WORKERS,
    Settings,
)
from server_stub.store import StoreError


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=__doc__)
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=None,
        help=f"server data dir (default: ${ENV_HOME} or the user data dir)",
    )
    parser.add_argument(
        "--database-url",
        default=None,
        help=f"postgresql://user@host/db or sqlite:///file (default: ${ENV_DATABASE_URL}, "
        "else SQLite in the data dir)",
    )
    parser.add_argument("--json", action="store_true", help="print data as JSON")
    parser.add_argument("--tenant", default=None, help="tenant id or name (default: the first)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add(
        name: str, func: Callable[[argparse.Namespace], None], help_text: str, into: Any = sub
    ) -> argparse.ArgumentParser:
        command = into.add_parser(name, help=help_text, description=help_text)
        command.set_defaults(func=func)
        return command

    p = add("init", cmd_init, "create the data dir, keys, certificates and the first admin")
    p.add_argument("--tenant", dest="tenant_name", required=True)
    p.add_argument("--site", required=True)
    p.add_argument("--admin-email")
    p.add_argument("--admin-password", help=f"or set {ENV_ADMIN_PASSWORD}")
    p.add_argument(
        "--hostname",
        action="append",
        default=[],
        help="extra name or IP for the server certificate (repeatable)",
    )
    add("migrate", cmd_migrate, "upgrade the database schema to this release's revision")
    p = add("run", cmd_run, "serve the API over HTTPS")
    p.add_argument("--host", default=None, help="listen address (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=None, help="listen port (default: 8443)")
    p.add_argument(
        "--workers",
        type=int,
        default=None,
        help=f"server processes (PostgreSQL only; default: ${ENV_WORKERS} or 1)",
    )
    p.add_argument("--cert", type=Path, help="server certificate (PEM) instead of the private CA's")
    p.add_argument("--key", type=Path, help="its private key (PEM)")
    p.add_argument(
        "--smtp-url",
        default=None,
        help=f"mail server, smtp://user:pass@host:587 (STARTTLS) or smtps://...:465 (default: "
        f"${ENV_SMTP_URL}, which keeps the password off the command line; none: e-mail off)",
    )
    p.add_argument("--smtp-from", default=None, help=f"sender address (default: ${ENV_SMTP_FROM})")
    p.add_argument(
        "--smtp-ca-file",
        type=Path,
        default=None,
        help="CA certificate(s) for a mail server with a private CA "
        f"(default: ${ENV_SMTP_CA_FILE})",
    )
    site = add("site", lambda a: None, "manage sites").add_subparsers(
        dest="site_command", required=True, parser_class=_Parser
    )
    add("add", cmd_site_add, "add a site", site).add_argument("name")
    p = add("walk-ins", cmd_site_walk_ins, "switch the kiosks' walk-ins on or off", site)
    p.add_argument("name", help="site name or id")
    p.add_argument("state", choices=("on", "off"))
    site_parsers = site
    user = add("user", lambda a: None, "manage users").add_subparsers(
        dest="user_command", required=True, parser_class=_Parser
    )
    p = add("add", cmd_user_add, "add a console user (admin or receptionist)", user)
    p.add_argument("--email", required=True)
    p.add_argument("--password", help=f"or set {ENV_ADMIN_PASSWORD}")
    p.add_argument("--role", choices=ROLES, default="admin", help="default: admin")
    p = add("pairing-code", cmd_pairing_code, "issue a 6-digit pairing code for a kiosk")
    p.add_argument("--site", default=None, help="site name or id (default: the first site)")
    p.add_argument("--name", required=True, help="kiosk name, e.g. 'Lobby 1'")
    visit = add("visit", lambda a: None, "manage visits").add_subparsers(
        dest="visit_command", required=True, parser_class=_Parser
    )
    p = add("create", cmd_visit_create, "register a visit and print its pass", visit)
    p.add_argument("--visitor", required=True)
    p.add_argument("--host", required=True)
    p.add_argument("--arrive", help="ISO 8601 (default: now)")
    p.add_argument("--depart", help="ISO 8601 (default: arrival + 2 h; at most 24 h)")
    p.add_argument("--site", default=None, help="site name or id (default: the first site)")
    p.add_argument("--qr-png", type=Path, help="also write the pass as a QR code PNG")
    p.add_argument("--visitor-email", help="e-mail the visitor an invitation with the pass")
    p.add_argument("--language", help="of the invitation: en or de (default: the site's)")
    add("cancel", cmd_visit_cancel, "cancel a visit and revoke its pass", visit).add_argument(
        "visit_id"
    )
    p = add("checkins", cmd_checkins, "list the check-in ledger")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--duplicates", action="store_true", help="list duplicate uses instead")
    which.add_argument(
        "--rejected",
        action="store_true",
        help="list rejected check-ins with their reason (e.g. backdated) instead",
    )
    device = add("device", lambda a: None, "manage paired kiosks").add_subparsers(
        dest="device_command", required=True, parser_class=_Parser
    )
    add("list", cmd_device_list, "list paired kiosks", device)
    add("revoke", cmd_device_revoke, "unpair a kiosk", device).add_argument("device_id")
    keys = add("keys", lambda a: None, "manage pass signing keys").add_subparsers(
        dest="keys_command", required=True, parser_class=_Parser
    )
    add("rotate", cmd_keys_rotate, "add a new pass key (old ones stay published)", keys)
    add_mail_commands(add, site_parsers, visit, sub, _Parser)
    add_document_commands(add, visit, sub, _Parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        args.settings = Settings.load(
            data_dir=args.data_dir,
            database_url=args.database_url,
            host=getattr(args, "host", None) if args.command == "run" else None,
            port=getattr(args, "port", None),
            workers=getattr(args, "workers", None),
            certfile=getattr(args, "cert", None),
            keyfile=getattr(args, "key", None),
            smtp_url=getattr(args, "smtp_url", None),
            smtp_from=getattr(args, "smtp_from", None),
            smtp_ca_file=getattr(args, "smtp_ca_file", None),
        )
        args.data_dir = args.settings.data_dir
        args.func(args)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except (ServiceError, StoreError, OSError, ValueError) as exc:
        print(f"{PROG}: error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
