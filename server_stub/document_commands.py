"""The document commands of atrium-server: document add|list|assign, visit show|documents."""

from __future__ import annotations

import argparse
import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk_app.core.catalogue import LANGUAGES
from server_stub import documents, reception, signatures
from server_stub.commands import UsageError, _emit, _open

PRIVATE_FILE = 0o600
PRIVATE_DIR = 0o700


def _iso(ts: float | None) -> str:
    if ts is None:
        return "-"
    return dt.datetime.fromtimestamp(ts).astimezone().isoformat(timespec="seconds")


def _pairs(values: list[str], flag: str) -> dict[str, str]:
    """``LANG=VALUE`` arguments as a dict; each language once."""
    result: dict[str, str] = {}
    for value in values:
        language, sep, rest = value.partition("=")
        if not sep or not rest:
            raise UsageError(f"{flag} takes LANGUAGE=VALUE, e.g. {flag} en=..., not {value!r}")
        if language not in LANGUAGES:
            raise UsageError(f"{flag}: a language is one of {', '.join(LANGUAGES)}")
        if language in result:
            raise UsageError(f"{flag} {language}= is given twice")
        result[language] = rest
    return result


def _read_html(path: str, language: str) -> str:
    try:
        return Path(path).expanduser().read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"--html {language}={path} is not UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"cannot read --html {language}={path}: {exc.strerror or exc}") from None


def cmd_document_add(args: argparse.Namespace) -> None:
    titles, files = _pairs(args.title, "--title"), _pairs(args.html, "--html")
    if set(titles) != set(files):
        raise UsageError("give a --title and an --html file for each language")
    texts = {lang: (titles[lang], _read_html(files[lang], lang)) for lang in sorted(files)}
    service, tenant_id = _open(args)
    made = documents.publish(service, tenant_id, texts, args.document, "cli")
    if made["published"]:
        text = f"Document {made['document_id']}: version {made['version']} published"
    else:
        text = f"Document {made['document_id']}: unchanged, still version {made['version']}"
    _emit(args, made, text)


def cmd_document_list(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    rows = documents.listing(service, tenant_id)
    lines = []
    for doc in rows:
        current = doc["versions"][0]
        languages = ", ".join(t["language"] for t in current["texts"])
        sites = ", ".join(f"{s['name']} #{s['position']}" for s in doc["sites"]) or "no site"
        lines.append(
            f"{doc['document_id']}  v{doc['version']}  {doc['title']}  ({languages})  "
            f"published {_iso(current['published_at'])}  required at: {sites}"
        )
    _emit(args, {"documents": rows}, "\n".join(lines) or "No documents yet.")


def cmd_document_assign(args: argparse.Namespace) -> None:
    service, tenant_id = _open(args)
    done = documents.assign(service, tenant_id, args.site, list(args.document_ids), "cli")
    listed = ", ".join(done["documents"]) or "none"
    _emit(args, done, f"{done['site']['name']} requires, in order: {listed}")


def _visit_details(args: argparse.Namespace) -> tuple[Any, str, dict[str, Any]]:
    service, tenant_id = _open(args)
    visit = reception.visit(service, tenant_id, args.visit_id[:40])
    records = signatures.for_visit(service, tenant_id, args.visit_id[:40])
    return service, tenant_id, {"visit": visit, "records": records}


def cmd_visit_show(args: argparse.Namespace) -> None:
    service, _, found = _visit_details(args)
    visit, records = found["visit"], found["records"]
    state = reception.visit_state(visit, service.clock())
    data = {
        "visit_id": visit["visit_id"],
        "visitor": visit["visitor"],
        "host": visit["host"],
        "site": visit["site_name"],
        "status": state,
        "nbf": visit["nbf"],
        "exp": visit["exp"],
        "timeline": visit["timeline"],
        "signed_documents": records,
    }
    lines = [
        f"Visit {visit['visit_id']}: {visit['visitor']} to see {visit['host']} at "
        f"{visit['site_name']}, {_iso(visit['nbf'])} to {_iso(visit['exp'])}",
        f"Status: {state.replace('_', ' ')}",
        "Timeline:",
        *(
            f"  {_iso(e['at'])}  {e['kind'].replace('_', ' ')}"
            + (f" at {e['kiosk']}" if e["kiosk"] else "")
            for e in visit["timeline"]
        ),
        "Signed documents:" if records else "Signed documents: none",
        *(
            f"  {r['title']} ({r['document_id']} v{r['version']}, {r['language']})  signed "
            f"{_iso(r['signed_at'])} at {r['kiosk_name'] or r['device_id']}  "
            f"sha256 {r['sha256']}"
            for r in records
        ),
    ]
    _emit(args, data, "\n".join(lines))


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` with mode 0600 (also when it existed before)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    try:
        os.fchmod(fd, PRIVATE_FILE)
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
    finally:
        os.close(fd)


def cmd_visit_documents(args: argparse.Namespace) -> None:
    out = Path(args.out).expanduser()
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out} is not a folder")
    service, tenant_id, found = _visit_details(args)
    out.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    written = []
    for row in found["records"]:
        name, pdf = signatures.pdf(service, tenant_id, row["record_id"], "cli")
        _write_private(out / name, pdf)
        written.append({"record_id": row["record_id"], "file": str(out / name), "bytes": len(pdf)})
    text = "\n".join(f"Wrote {w['file']}" for w in written)
    _emit(
        args,
        {"visit_id": found["visit"]["visit_id"], "files": written},
        text or f"Visit {found['visit']['visit_id']} has no signed documents.",
    )


Add = Callable[..., argparse.ArgumentParser]


def add_document_commands(add: Add, visit: Any, sub: Any, parser_class: type) -> None:
    """Register the commands above on the atrium-server parser."""
    document = add("document", lambda a: None, "manage the documents visitors sign").add_subparsers(
        dest="document_command", required=True, parser_class=parser_class
    )
    p = add(
        "add",
        cmd_document_add,
        "publish a document (or, with --document, its next version) from HTML files",
        document,
    )
    p.add_argument(
        "--title", action="append", default=[], metavar="LANG=TITLE", help="per language"
    )
    p.add_argument(
        "--html",
        action="append",
        default=[],
        metavar="LANG=FILE",
        help="the text per language: an HTML file with {{visitor_name}}, {{company}}, "
        "{{host_name}}, {{site_name}}, {{visit_date}}",
    )
    p.add_argument("--document", default=None, help="publish a new version of this document")
    add("list", cmd_document_list, "list documents, their versions and sites", document)
    p = add("assign", cmd_document_assign, "set the documents a site requires, in order", document)
    p.add_argument("--site", default=None, help="site name or id (default: the first site)")
    p.add_argument("document_ids", nargs="*", help="document ids in order (none: no documents)")
    add("show", cmd_visit_show, "a visit's status, timeline and signed documents", visit)\
        .add_argument("visit_id")
    p = add("documents", cmd_visit_documents, "write a visit's signed documents as PDFs", visit)
    p.add_argument("visit_id")
    p.add_argument("--out", required=True, help="folder for the PDFs (created, mode 0700)")
