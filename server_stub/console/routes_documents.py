"""Documents (admin): list with versions, publish a (new) version with a safe preview, site lists.

Plus the download of a visit's signed document as PDF (any console user of the tenant).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from kiosk_app.core.catalogue import LANGUAGES
from server_stub import documents, reception, signatures
from server_stub.console.deps import AdminForm, AdminPage, UserPage, service_error_page
from server_stub.console.security import PREFIX
from server_stub.document_html import MAX_TEMPLATE_BYTES, clean_template, fill
from server_stub.errors import ServiceError

router = APIRouter(prefix=PREFIX, include_in_schema=False)
# What the preview fills the placeholders with (the kiosk fills in the visitor's own).
SAMPLE = {
    "visitor_name": "Ada Lovelace",
    "company": "Analytical Engines Ltd",
    "host_name": "Grace Hopper",
    "site_name": "Berlin HQ",
    "visit_date": "2027-01-15",
}


def _listing_page(page: AdminPage, status_code: int = 200, **context: Any) -> Response:
    assert page.account is not None
    tenant_id = page.account.tenant_id
    rows = documents.listing(page.service, tenant_id)
    sites = reception.sites(page.service, tenant_id)
    positions = {
        site["id"]: {d["document_id"]: s["position"] for d in rows for s in d["sites"]
                     if s["id"] == site["id"]}
        for site in sites
    }
    titles = {d["document_id"]: _title_in(d, page.language) for d in rows}
    return page.render(
        "documents.html",
        status_code=status_code,
        documents=rows,
        titles=titles,
        sites=sites,
        positions=positions,
        **context,
    )


def _title_in(document: dict[str, Any], language: str) -> str:
    """The current version's title in the page's language, else the listing's (English)."""
    for text in document["versions"][0]["texts"]:
        if text["language"] == language:
            return str(text["title"])
    return str(document["title"])


@router.get("/documents")
def document_list(page: AdminPage, done: str | None = None) -> Response:
    return _listing_page(page, done=done in ("published", "unchanged", "assigned") and done)


def _texts_from(form: dict[str, str]) -> dict[str, tuple[str, str]]:
    """The languages the form filled in (a language left blank is not part of the version)."""
    texts = {}
    for language in LANGUAGES:
        title = form.get(f"title_{language}", "")[:400]
        body = form.get(f"html_{language}", "")[: MAX_TEMPLATE_BYTES * 2]
        if title.strip() or body.strip():
            texts[language] = (title, body)
    return texts


def _previews(texts: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Each language's text as the kiosk would show it: sanitised, sample values filled in."""
    return {
        language: fill(clean_template(body, language), SAMPLE)
        for language, (_, body) in texts.items()
    }


def _edit_page(
    page: AdminPage,
    document_id: str | None,
    form: dict[str, str],
    status_code: int = 200,
    **context: Any,
) -> Response:
    heading = form.get(f"title_{page.language}") or form.get("title_en") or document_id or ""
    return page.render(
        "document_edit.html",
        status_code=status_code,
        document_id=document_id,
        heading=heading[:200],
        languages=LANGUAGES,
        form=form,
        **context,
    )


@router.get("/documents/new")
def new_document(page: AdminPage) -> Response:
    return _edit_page(page, None, {})


@router.get("/documents/{document_id}")
def edit_document(page: AdminPage, document_id: str) -> Response:
    assert page.account is not None
    try:
        found = documents.current(page.service, page.account.tenant_id, document_id[:40])
    except ServiceError as exc:
        return service_error_page(page, exc)
    form = {}
    for text in found["texts"]:
        form[f"title_{text['language']}"] = text["title"]
        form[f"html_{text['language']}"] = text["html"]
    return _edit_page(page, found["document_id"], form, version=found["version"])


def _publish(page: AdminPage, form: dict[str, str], document_id: str | None) -> Response:
    assert page.account is not None
    texts = _texts_from(form)
    if form.get("action") == "preview":
        try:
            previews = _previews(texts)
        except ServiceError as exc:
            return _edit_page(page, document_id, form, exc.status, error=exc.message)
        return _edit_page(page, document_id, form, previews=previews)
    try:
        made = documents.publish(
            page.service, page.account.tenant_id, texts, document_id, page.account.user_id
        )
    except ServiceError as exc:
        if exc.status == 404:
            return service_error_page(page, exc)
        return _edit_page(page, document_id, form, exc.status, error=exc.message)
    done = "published" if made["published"] else "unchanged"
    return page.redirect(f"{PREFIX}/documents?done={done}")


@router.post("/documents")
def create_document(page: AdminPage, form: AdminForm) -> Response:
    return _publish(page, form, None)


@router.post("/documents/{document_id}")
def publish_version(page: AdminPage, form: AdminForm, document_id: str) -> Response:
    return _publish(page, form, document_id[:40])


@router.post("/documents/sites/{site_id}")
def assign_documents(page: AdminPage, form: AdminForm, site_id: str) -> Response:
    """The site's list from the order fields: ``order_<document id>`` = 1, 2, ... (blank: not)."""
    assert page.account is not None
    chosen: list[tuple[int, str]] = []
    for key, value in form.items():
        if key.startswith("order_") and value.strip():
            try:
                chosen.append((int(value), key[len("order_"):][:40]))
            except ValueError:
                return _listing_page(page, 422, error=page.t("documents.bad_order"))
    ordered = [document_id for _, document_id in sorted(chosen)]
    try:
        documents.assign(
            page.service, page.account.tenant_id, site_id[:40], ordered, page.account.user_id
        )
    except ServiceError as exc:
        if exc.status == 404:
            return service_error_page(page, exc)
        return _listing_page(page, exc.status, error=exc.message)
    return page.redirect(f"{PREFIX}/documents?done=assigned")


@router.get("/visits/{visit_id}/documents/{record_id}.pdf")
def signed_pdf(page: UserPage, visit_id: str, record_id: str) -> Response:
    """One signed document of the visit as its archival PDF: a download, never cached."""
    assert page.account is not None
    try:
        name, pdf = signatures.pdf(
            page.service, page.account.tenant_id, record_id, page.account.user_id, visit_id[:40]
        )
    except ServiceError as exc:
        return service_error_page(page, exc)
    response = Response(
        pdf,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{name}"',
            "Cache-Control": "no-store, private",
            "Pragma": "no-cache",
        },
    )
    return page.finish(response)
