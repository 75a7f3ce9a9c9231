"""WalkInService: a visitor without a code names their host; the kiosk queues a walk-in event."""

from __future__ import annotations

import json
import sqlite3
import threading
import unicodedata
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk_app.core import signed_records
from kiosk_app.core.catalogue import Translate, untranslated
from kiosk_app.core.checkin import match_signatures
from kiosk_app.core.clock import Clock
from kiosk_app.core.documents import DocumentCache, PendingDocument
from kiosk_app.core.listeners import Listeners
from kiosk_app.core.signed_records import Signature
from kiosk_app.core.store import WALK_IN_MAX_S, Store, StoreError
from kiosk_app.core.visit_words import (
    WalkInRefusal,
    confirmed_text,
    refusal_text,
    take_a_seat_text,
)

MAX_NAME = 100
MAX_HOSTS_SHOWN = 50
PULLED_AT = "walk_ins_pulled_at"  # when the pull last replaced the list of today's walk-ins
ENABLED = "site_walk_ins"
_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"}
)


def fold(text: str) -> str:
    """Lower case without accents: "Jürgen Weiß" -> "jurgen weiss"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_tokens(name: str) -> str:
    """The words a host is found by: accents dropped, and German umlauts also spelled out."""
    words = set(fold(name).split()) | set(fold(name.translate(_GERMAN)).split())
    return " ".join(sorted(words))


def first_name(name: str) -> str:
    return name.split()[0] if name.split() else ""


def short_name(name: str) -> str:
    """First name and the initial of the last name: "Ada King Lovelace" -> "Ada L."."""
    words = name.split()
    if len(words) < 2:
        return words[0] if words else ""
    return f"{words[0]} {words[-1][0]}."


@dataclass(frozen=True)
class Host:
    host_id: str
    name: str


@dataclass(frozen=True)
class OwnWalkIn:
    event_id: str
    visit_id: str | None
    short_name: str


@dataclass(frozen=True)
class WalkInOutcome:
    """``confirmed`` (host notified), ``accepted`` (visit made, nobody notified), ``pending``
    (not answered yet) or ``refused`` (with ``reason``)."""

    status: str
    first_name: str | None = None
    host_name: str | None = None
    reason: str | None = None
    visit_id: str | None = None

    def message(self, translate: Translate = untranslated) -> str:
        """What the kiosk says: thanks naming the host once confirmed, else take a seat."""
        if self.status == "confirmed" and self.host_name:
            return confirmed_text(self.first_name, self.host_name, translate)
        return take_a_seat_text(translate)

    def to_dict(self) -> dict[str, object]:
        return {**self.__dict__, "message": self.message()}


class WalkInRefused(Exception):
    """The kiosk cannot take this walk-in; ``reason`` is a WalkInRefusal word."""

    def __init__(self, reason: WalkInRefusal, pending: Sequence[PendingDocument] = ()):
        super().__init__(refusal_text(reason))
        self.reason = reason
        self.pending_documents = tuple(pending)

    def message(self, translate: Translate = untranslated) -> str:
        return refusal_text(self.reason, translate)


def own_walk_ins(store: Store, conn: sqlite3.Connection, local_now: float) -> list[OwnWalkIn]:
    """This kiosk's walk-ins of today the pull's list does not hold yet (not yet confirmed)."""
    pulled_at = store.get(PULLED_AT, 0.0)
    pulled_at = pulled_at if isinstance(pulled_at, int | float) else 0.0
    rows = conn.execute(
        "SELECT event_id, payload, answer FROM queue WHERE kind = 'walk_in' "
        "AND scanned_at_local > ? AND (status = 'pending' OR (status = 'accepted' "
        "AND synced_at > ?)) ORDER BY seq",
        (local_now - WALK_IN_MAX_S, pulled_at),
    ).fetchall()
    found = []
    for row in rows:
        payload, answer = _json(row["payload"]), _json(row["answer"])
        name = payload.get("name")
        if isinstance(name, str) and name.strip():
            visit_id = answer.get("visit_id")
            found.append(
                OwnWalkIn(
                    row["event_id"],
                    visit_id if isinstance(visit_id, str) else None,
                    short_name(name),
                )
            )
    return found


def _json(text: object) -> dict[str, object]:
    try:
        value = json.loads(text) if isinstance(text, str) else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _clean(text: str | None, limit: int) -> str | None:
    """Whitespace collapsed; None for empty; ValueError for control characters or too long."""
    if text is None:
        return None
    cleaned = " ".join(str(text).split())
    if any(unicodedata.category(c).startswith("C") for c in cleaned) or len(cleaned) > limit:
        raise ValueError(cleaned)
    return cleaned or None


class WalkInService(Listeners[str]):
    """Host search, the site's switch, ``register`` and the server's answer per walk-in."""

    _what = "walk-in"

    def __init__(self, store: Store, clock: Clock, *, language: str = "en"):
        self.store = store
        self.clock = clock
        self.language = language
        self.documents = DocumentCache(store)
        self._lock = threading.Lock()
        self._init_listeners()

    def hosts(self, query: str = "") -> list[Host]:
        """Hosts whose words start with every word typed, case- and accent-insensitive."""
        wanted = fold(query).split()
        found = []
        for host_id, name, tokens in self.store.conn.execute(
            "SELECT host_id, name, folded FROM hosts"
        ):
            words = tokens.split()
            if all(any(w.startswith(q) for w in words) for q in wanted):
                found.append(Host(host_id, name))
        found.sort(key=lambda h: (fold(h.name), h.host_id))
        return found[:MAX_HOSTS_SHOWN]

    def enabled(self) -> bool:
        """The site takes walk-ins (as of the last pull) and has a host to pick."""
        return self.store.get(ENABLED) is True and self.store.count("hosts") > 0

    def pending_documents(
        self, name: str, company: str | None, host_id: str, language: str | None = None
    ) -> list[PendingDocument]:
        """The site's documents filled in for this walk-in, for the document screens."""
        tidy_company = " ".join((company or "").split()) or None
        fields = self._fields(" ".join(name.split()), tidy_company, host_id)
        return self.documents.pending_for(None, language or self.language, fields)

    def _fields(self, name: str, company: str | None, host_id: str) -> dict[str, str | None]:
        row = self.store.conn.execute(
            "SELECT name FROM hosts WHERE host_id = ?", (host_id,)
        ).fetchone()
        return {"visitor_name": name, "company": company, "host_name": row[0] if row else None}

    def register(
        self,
        name: str,
        company: str | None,
        host_id: str,
        language: str | None = None,
        signatures: Sequence[Signature] = (),
    ) -> str:
        """Queue a walk-in with its signed records in one transaction; returns its event id.

        WalkInRefused (nothing recorded) for a bad name or company, walk-ins switched off, a
        host not in the directory, or a document of the site left unsigned.
        """
        try:
            clean_name = _clean(name, MAX_NAME)
        except ValueError:
            clean_name = None
        if clean_name is None or not any(c.isalpha() for c in clean_name):
            raise WalkInRefused(WalkInRefusal.INVALID_NAME)
        try:
            clean_company = _clean(company, MAX_NAME)
        except ValueError:
            raise WalkInRefused(WalkInRefusal.INVALID_COMPANY) from None
        for signature in signatures:
            signature.check()
        language = language or self.language
        local = self.clock.local_time()
        event_id = str(uuid.uuid4())
        try:
            with self._lock, self.store.transaction() as tx:
                if self.store.get(ENABLED) is not True:
                    raise WalkInRefused(WalkInRefusal.WALK_INS_DISABLED)
                if (
                    tx.execute("SELECT 1 FROM hosts WHERE host_id = ?", (host_id,)).fetchone()
                    is None
                ):
                    raise WalkInRefused(WalkInRefusal.UNKNOWN_HOST)
                pending = self.documents.pending_for(
                    None, language, self._fields(clean_name, clean_company, host_id), conn=tx
                )
                chosen, missing = match_signatures(pending, signatures)
                if missing:
                    raise WalkInRefused(WalkInRefusal.DOCUMENTS_PENDING, missing)
                payload = {
                    "name": clean_name,
                    "company": clean_company,
                    "host_id": host_id,
                    "language": language,
                }
                tx.execute(
                    "INSERT INTO queue (event_id, kind, scanned_at, scanned_at_local, verdict, "
                    "payload) VALUES (?, 'walk_in', ?, ?, 'walk_in', ?)",
                    (event_id, local + self.clock.offset, local, json.dumps(payload)),
                )
                signed_records.insert(tx, event_id, None, chosen)
                self.store.audit(tx, "walk_in", event_id=event_id)
        except sqlite3.Error as exc:
            raise StoreError(
                f"The walk-in could not be recorded in {self.store.data_dir} ({exc}); "
                "nothing was saved. Please see reception."
            ) from None
        self._tell(event_id)
        return event_id

    def outcome(self, event_id: str) -> WalkInOutcome:
        """What the server said about this walk-in so far."""
        row = self.store.conn.execute(
            "SELECT status, payload, answer FROM queue WHERE event_id = ? AND kind = 'walk_in'",
            (event_id,),
        ).fetchone()
        if row is None:
            return WalkInOutcome("refused", reason=str(WalkInRefusal.UNKNOWN_EVENT))
        payload, answer = _json(row["payload"]), _json(row["answer"])
        name = payload.get("name")
        first = first_name(name) if isinstance(name, str) else None
        if row["status"] in ("pending", "held"):
            return WalkInOutcome("pending", first_name=first)
        visit_id = answer.get("visit_id") if isinstance(answer.get("visit_id"), str) else None
        if row["status"] != "accepted":
            reason = answer.get("reason")
            return WalkInOutcome(
                "refused", first_name=first, reason=reason if isinstance(reason, str) else "other"
            )
        host = self.store.conn.execute(
            "SELECT name FROM hosts WHERE host_id = ?", (payload.get("host_id"),)
        ).fetchone()
        if answer.get("host_notified") is True and host is not None:
            return WalkInOutcome("confirmed", first, host[0], visit_id=visit_id)
        return WalkInOutcome("accepted", first, host[0] if host else None, visit_id=visit_id)
