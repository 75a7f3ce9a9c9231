"""Per-request console state (language, CSRF, user, cookies to set) and the response helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from server_stub.console.i18n import Translator, choose_language
from server_stub.console.security import CSRF_COOKIE, PREFIX, CsrfTokens, cookie_options
from server_stub.erasure import ERASED_NAME
from server_stub.errors import ServiceError
from server_stub.service import AtriumService
from server_stub.tokens import TokenClaims

LANG_COOKIE = "atrium_lang"
LANG_COOKIE_S = 365 * 24 * 3600
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def local_time(ts: float | None, with_date: bool = False) -> str:
    """A Unix time as the server's local wall time (HH:MM, or YYYY-MM-DD HH:MM)."""
    if ts is None:
        return ""
    value = dt.datetime.fromtimestamp(ts).astimezone()
    return value.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M")


TEMPLATES.env.filters["hm"] = local_time
TEMPLATES.env.filters["dhm"] = lambda ts: local_time(ts, with_date=True)


@dataclass
class Account:
    """The signed-in user as the console needs it."""

    claims: TokenClaims
    email: str

    @property
    def tenant_id(self) -> str:
        return self.claims.tenant_id

    @property
    def user_id(self) -> str:
        return self.claims.subject

    @property
    def role(self) -> str:
        return self.claims.role or ""

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass
class Page:
    """What one console request knows: service, language, CSRF nonce, user, pending cookies."""

    request: Request
    service: AtriumService
    csrf: CsrfTokens
    language: str
    csrf_nonce: str
    account: Account | None = None
    session_checked: bool = False
    cookies: list[tuple[str, str, int | None]] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)

    @property
    def t(self) -> Translator:
        return Translator(self.language)

    def visitor_name(self, name: object) -> str:
        """A visitor's name as shown: an erased visit's marker in the page's language."""
        return self.t("erase.name") if name == ERASED_NAME else str(name or "")

    def error_text(self, exc: ServiceError) -> str:
        """A service error in the page's language (translated by its code)."""
        return self.t.error(exc.code, exc.message)

    @property
    def csrf_token(self) -> str:
        return self.csrf.token_for(self.csrf_nonce)

    def set_cookie(self, name: str, value: str, max_age: int | None) -> None:
        self.cookies.append((name, value, max_age))

    def clear_cookie(self, name: str) -> None:
        self.cleared.append(name)

    def finish(self, response: Response) -> Response:
        """Apply the cookies this request decided to set or clear."""
        for name, value, max_age in self.cookies:
            response.set_cookie(name, value, **cookie_options(max_age))  # type: ignore[arg-type]
        for name in self.cleared:
            response.delete_cookie(name, path=PREFIX, secure=True, httponly=True, samesite="strict")
        return response

    def render(self, template: str, status_code: int = 200, **context: Any) -> Response:
        other = "de" if self.language == "en" else "en"
        query = dict(self.request.query_params)
        query["lang"] = other
        base = {
            "t": self.t,
            "lang": self.language,
            "other_lang": other,
            "lang_url": self.request.url.path + "?" + urlencode(query),
            "csrf_token": self.csrf_token,
            "account": self.account,
            "path": self.request.url.path,
            "prefix": PREFIX,
            "visitor_name": self.visitor_name,
        }
        response = TEMPLATES.TemplateResponse(
            self.request, template, {**base, **context}, status_code=status_code
        )
        return self.finish(response)

    def redirect(self, url: str) -> Response:
        return self.finish(RedirectResponse(url, status_code=303))

    def json(self, data: Any, status_code: int = 200) -> Response:
        return self.finish(JSONResponse(data, status_code=status_code))

    def html(self, text: str, status_code: int = 200) -> Response:
        return self.finish(HTMLResponse(text, status_code=status_code))


def start_page(request: Request, service: AtriumService, csrf: CsrfTokens) -> Page:
    """Language and CSRF nonce for this request (new cookies only when they change)."""
    query_lang = request.query_params.get("lang")
    saved_lang = request.cookies.get(LANG_COOKIE)
    language = choose_language(query_lang, saved_lang, request.headers.get("accept-language"))
    nonce = request.cookies.get(CSRF_COOKIE) or ""
    page = Page(request, service, csrf, language, nonce or CsrfTokens.new_nonce())
    if not nonce or len(nonce) > 64:
        page.csrf_nonce = CsrfTokens.new_nonce()
        page.set_cookie(CSRF_COOKIE, page.csrf_nonce, None)
    if query_lang == language and saved_lang != language:
        page.set_cookie(LANG_COOKIE, language, LANG_COOKIE_S)
    return page
