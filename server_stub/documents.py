"""Documents visitors sign: publish versions (one text per language), each site's list, pull.

The one set of rules behind the console's Documents page, ``atrium-server document`` and the
device pull. Publishing never changes a version: it adds the next one.
"""

from __future__ import annotations

import secrets
import string
from typing import TYPE_CHECKING, Any

from kiosk_app.core.catalogue import LANGUAGES
from server_stub import audit
from server_stub.document_html import clean_template, clean_title, sha256_hex
from server_stub.errors import ServiceError, not_found
from server_stub.lookups import site_of
from server_stub.store import Store
from server_stub.store.documents import Documents, SiteDocuments
from server_stub.store.reception import ReceptionViews
from server_stub.store.signed_records import SignedRecords

if TYPE_CHECKING:
    from server_stub.service import AtriumService

ID_ATTEMPTS = 100
MAX_SITE_DOCUMENTS = 20
_ID_ALPHABET = string.ascii_letters + string.digits


def new_document_id() -> str:
    """A document id: ``D`` and 5 characters from [A-Za-z0-9]."""
    return "D" + "".join(secrets.choice(_ID_ALPHABET) for _ in range(5))


def clean_texts(texts: dict[str, tuple[str, str]]) -> list[dict[str, str]]:
    """Per language (title, html) -> the rows to store; languages from the product's catalogue."""
    if not texts:
        raise ServiceError("no_text", "give the document's text in at least one language", 422)
    rows = []
    for language in sorted(texts):
        if language not in LANGUAGES:
            raise ServiceError(
                "invalid_language", f"a language is one of {', '.join(LANGUAGES)}", 422
            )
        title, body = texts[language]
        html = clean_template(body, language)
        rows.append(
            {
                "language": language,
                "title": clean_title(title, language),
                "html": html,
                "sha256": sha256_hex(html),
            }
        )
    return rows


def _same(stored: list[dict[str, Any]], rows: list[dict[str, str]]) -> bool:
    key = ("language", "title", "sha256")
    return [tuple(s[k] for k in key) for s in stored] == [tuple(r[k] for k in key) for r in rows]


def publish(
    service: AtriumService,
    tenant_id: str,
    texts: dict[str, tuple[str, str]],
    document_id: str | None = None,
    actor: str = "cli",
) -> dict[str, Any]:
    """A new document (version 1), or the next version of ``document_id``.

    Texts equal to the current version publish nothing and return that version.
    """
    rows = clean_texts(texts)
    now = service.clock()
    with service.store.begin(tenant_id) as conn:
        repo = Documents(conn, tenant_id)
        if document_id is None:
            for _ in range(ID_ATTEMPTS):
                document_id = new_document_id()
                if repo.add(document_id, now, actor):
                    break
            else:
                raise ServiceError("id_space_full", "could not allocate a document id", 500)
            current = 0
        else:
            if not repo.exists(document_id, lock=True):
                raise not_found(f"document {document_id}")
            current = repo.latest_version(document_id)
            if current and _same(repo.texts(document_id, current), rows):
                return {"document_id": document_id, "version": current, "published": False}
        repo.publish(document_id, current + 1, rows, now, actor)
    audit.record(service, tenant_id, actor, "document.published", document_id)
    return {"document_id": document_id, "version": current + 1, "published": True}


def assign(
    service: AtriumService,
    tenant_id: str,
    site: str | None,
    document_ids: list[str],
    actor: str = "cli",
) -> dict[str, Any]:
    """The site's required documents become ``document_ids``, in this order ([] clears)."""
    if len(set(document_ids)) != len(document_ids):
        raise ServiceError("duplicate_document", "a document is listed twice", 422)
    if len(document_ids) > MAX_SITE_DOCUMENTS:
        raise ServiceError(
            "too_many_documents", f"a site requires at most {MAX_SITE_DOCUMENTS} documents", 422
        )
    with service.store.begin(tenant_id) as conn:
        site_row = site_of(conn, tenant_id, site)
        repo = Documents(conn, tenant_id)
        for document_id in document_ids:
            if not repo.latest_version(document_id):
                raise not_found(f"document {document_id}")
        SiteDocuments(conn, tenant_id).replace(site_row["id"], document_ids)
    audit.record(service, tenant_id, actor, "document.assigned", site_row["id"])
    return {"site": site_row, "documents": list(document_ids)}


def listing(service: AtriumService, tenant_id: str) -> list[dict[str, Any]]:
    """Every document with its versions (newest first, titles per language) and its sites."""
    with service.store.read(tenant_id) as conn:
        created = Documents(conn, tenant_id).created()
        versions = Documents(conn, tenant_id).versions()
        assigned = SiteDocuments(conn, tenant_id).all()
        site_names = {s["id"]: s["name"] for s in ReceptionViews(conn, tenant_id).sites()}
    by_document: dict[str, dict[int, dict[str, Any]]] = {}
    for row in versions:
        entry = by_document.setdefault(row["document_id"], {}).setdefault(
            row["version"],
            {"version": row["version"], "published_at": row["published_at"], "texts": []},
        )
        entry["texts"].append(
            {"language": row["language"], "title": row["title"], "sha256": row["sha256"]}
        )
    result = []
    for doc in created:
        document_id = doc["document_id"]
        history = list(by_document.get(document_id, {}).values())
        if not history:
            continue
        result.append(
            {
                "document_id": document_id,
                "version": history[0]["version"],
                "title": _title(history[0]["texts"]),
                "versions": history,
                "sites": [
                    {"id": a["site_id"], "name": site_names.get(a["site_id"], a["site_id"]),
                     "position": a["position"]}
                    for a in assigned
                    if a["document_id"] == document_id
                ],
            }
        )
    return result


def _title(texts: list[dict[str, Any]]) -> str:
    """The English title, else the first."""
    for text in texts:
        if text["language"] == "en":
            return str(text["title"])
    return str(texts[0]["title"]) if texts else ""


def current(service: AtriumService, tenant_id: str, document_id: str) -> dict[str, Any]:
    """The current version of one document with its full texts (for editing)."""
    with service.store.read(tenant_id) as conn:
        repo = Documents(conn, tenant_id)
        version = repo.latest_version(document_id)
        texts = repo.texts(document_id, version) if version else []
    if not texts:
        raise not_found(f"document {document_id}")
    return {"document_id": document_id, "version": version, "texts": texts}


def site_list(service: AtriumService, tenant_id: str, site: str | None) -> list[str]:
    with service.store.read(tenant_id) as conn:
        site_row = site_of(conn, tenant_id, site)
        return SiteDocuments(conn, tenant_id).of_site(site_row["id"])


def for_pull(store: Store, tenant_id: str, site_id: str, visit_ids: list[str]) -> dict[str, Any]:
    """The site's current documents in order, and what each of these visits has signed."""
    with store.read(tenant_id) as conn:
        rows = SiteDocuments(conn, tenant_id).current_texts(site_id)
        signed = SignedRecords(conn, tenant_id).signed_versions(visit_ids)
    documents: list[dict[str, Any]] = []
    for row in rows:
        if not documents or documents[-1]["document_id"] != row["document_id"]:
            documents.append(
                {
                    "document_id": row["document_id"],
                    "version": row["version"],
                    "position": row["position"],
                    "texts": [],
                }
            )
        documents[-1]["texts"].append(
            {k: row[k] for k in ("language", "title", "html", "sha256")}
        )
    return {"documents": documents, "signed": signed}


def add_to_pull(store: Store, tenant_id: str, site_id: str, answer: dict[str, Any]) -> None:
    """Put ``documents`` and each expected visit's ``signed`` into a pull's answer."""
    visits = answer["expected_visits"]
    found = for_pull(store, tenant_id, site_id, [v["visit_id"] for v in visits])
    answer["documents"] = found["documents"]
    for visit in visits:
        visit["signed"] = [
            {"document_id": document_id, "version": version}
            for document_id, version in found["signed"].get(visit["visit_id"], [])
        ]
