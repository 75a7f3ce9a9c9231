"""Helpers for the console tests: a browser-like client that signs in and posts forms."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no CSRF field"
    return match.group(1)


class ConsoleClient:
    """A TestClient on https://testserver that keeps cookies like a browser."""

    def __init__(self, client: TestClient) -> None:
        self.http = client
        self.csrf = ""

    def get(self, path: str, **kwargs: object):  # type: ignore[no-untyped-def]
        response = self.http.get(path, **kwargs)  # type: ignore[arg-type]
        if "text/html" in response.headers.get("content-type", "") and 'name="csrf_token"' in (
            response.text
        ):
            self.csrf = csrf_from(response.text)
        return response

    def post(self, path: str, data: dict[str, str] | None = None, *, csrf: str | None = None):  # type: ignore[no-untyped-def]
        fields = dict(data or {})
        if csrf is None:
            if not self.csrf:
                self.get("/console/login")
            fields["csrf_token"] = self.csrf
        elif csrf:
            fields["csrf_token"] = csrf
        return self.http.post(path, data=fields)

    def sign_in(self, email: str, password: str):  # type: ignore[no-untyped-def]
        self.get("/console/login")
        return self.post("/console/login", {"email": email, "password": password})
