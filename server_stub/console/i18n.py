"""The console's message catalogue (English and German) and the choice of language."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk_app.core.catalogue import LANGUAGES  # the product's languages, defined once

DEFAULT_LANGUAGE = "en"

# key: (English, German). Every visible word of the console comes from here.
MESSAGES: Mapping[str, tuple[str, str]] = {
    "app.name": ("Atrium reception", "Atrium Empfang"),
    "nav.today": ("Today", "Heute"),
    "nav.new_visit": ("New visit", "Neuer Besuch"),
    "nav.kiosks": ("Kiosks", "Kiosks"),
    "nav.conflicts": ("Conflicts", "Konflikte"),
    "nav.rollcall": ("Roll call", "Anwesenheitsliste"),
    "nav.menu": ("Main menu", "Hauptmenü"),
    "nav.skip": ("Skip to content", "Zum Inhalt springen"),
    "lang.switch": ("Deutsch", "English"),
    "lang.switch_label": ("Sprache: Deutsch", "Language: English"),
    "signout": ("Sign out", "Abmelden"),
    "signed_in_as": ("Signed in as {email} ({role})", "Angemeldet als {email} ({role})"),
    "role.admin": ("admin", "Admin"),
    "role.receptionist": ("receptionist", "Empfang"),
    "nav.users": ("Users", "Benutzer"),
    # users (admin)
    "users.title": ("Users", "Benutzer"),
    "users.add": ("Add a user", "Benutzer hinzufügen"),
    "users.email": ("E-mail", "E-Mail"),
    "users.password": ("Password (at least 10 characters)", "Passwort (mindestens 10 Zeichen)"),
    "users.role": ("Role", "Rolle"),
    "users.submit": ("Add user", "Benutzer anlegen"),
    "users.added": ("User {email} was added.", "Benutzer {email} wurde angelegt."),
    "users.since": ("Since", "Seit"),
    # sign-in
    "login.title": ("Sign in", "Anmelden"),
    "login.email": ("E-mail", "E-Mail"),
    "login.password": ("Password", "Passwort"),
    "login.submit": ("Sign in", "Anmelden"),
    "login.failed": ("Wrong e-mail or password.", "E-Mail oder Passwort ist falsch."),
    "login.throttled": (
        "Too many failed sign-ins. Try again in {seconds} s.",
        "Zu viele fehlgeschlagene Anmeldungen. Bitte in {seconds} s erneut versuchen.",
    ),
    "login.code_title": ("One-time code", "Einmalcode"),
    "login.code": (
        "The 6-digit code from your authenticator app, or a recovery code",
        "Der 6-stellige Code aus Ihrer Authenticator-App oder ein Wiederherstellungscode",
    ),
    "login.code_submit": ("Continue", "Weiter"),
    "login.code_failed": (
        "That code is wrong or was already used.",
        "Dieser Code ist falsch oder wurde schon verwendet.",
    ),
    "nav.account": ("My account", "Mein Konto"),
    "account.title": ("My account", "Mein Konto"),
    "account.totp": ("Two-step sign-in", "Anmeldung in zwei Schritten"),
    "account.totp_on": (
        "On: signing in asks for a code from your authenticator app.",
        "Aktiv: Die Anmeldung fragt nach einem Code aus Ihrer Authenticator-App.",
    ),
    "account.totp_off": (
        "Off: signing in needs only your password.",
        "Aus: Die Anmeldung braucht nur Ihr Passwort.",
    ),
    "account.totp_start": ("Turn on two-step sign-in", "Anmeldung in zwei Schritten einschalten"),
    "account.totp_scan": (
        "Scan this code with an authenticator app, then type the 6-digit code it shows.",
        "Scannen Sie diesen Code mit einer Authenticator-App und geben Sie den angezeigten "
        "6-stelligen Code ein.",
    ),
    "account.totp_qr_alt": (
        "QR code for the authenticator app",
        "QR-Code für die Authenticator-App",
    ),
    "account.totp_secret": ("Or type this key by hand:", "Oder geben Sie diesen Schlüssel ein:"),
    "account.totp_code": ("6-digit code", "6-stelliger Code"),
    "account.totp_confirm": ("Confirm", "Bestätigen"),
    "account.recovery_title": ("Recovery codes", "Wiederherstellungscodes"),
    "account.recovery_text": (
        "Two-step sign-in is on. Keep these codes somewhere safe: each one signs you in once "
        "without your phone. They are shown only now.",
        "Die Anmeldung in zwei Schritten ist aktiv. Bewahren Sie diese Codes sicher auf: Jeder "
        "meldet Sie einmal ohne Ihr Telefon an. Sie werden nur jetzt angezeigt.",
    ),
    "users.totp": ("Two-step", "Zwei Schritte"),
    "users.totp_reset": ("Reset two-step sign-in", "Zwei-Schritt-Anmeldung zurücksetzen"),
    "users.totp_reset_label": (
        "Reset two-step sign-in of {email}",
        "Zwei-Schritt-Anmeldung von {email} zurücksetzen",
    ),
    "users.totp_reset_done": (
        "Two-step sign-in of {email} was reset.",
        "Die Zwei-Schritt-Anmeldung von {email} wurde zurückgesetzt.",
    ),
    "nav.audit": ("Audit log", "Protokoll"),
    "nav.hosts": ("Hosts", "Gastgeber"),
    "hosts.title": ("Hosts", "Gastgeber"),
    "hosts.add": ("Add a host", "Gastgeber hinzufügen"),
    "hosts.name": ("Name", "Name"),
    "hosts.submit": ("Add host", "Gastgeber anlegen"),
    "hosts.none": (
        "No hosts yet. The visit form offers the hosts listed here.",
        "Noch keine Gastgeber. Das Besuchsformular bietet die hier eingetragenen an.",
    ),
    "hosts.added": ("The host was added.", "Der Gastgeber wurde angelegt."),
    "hosts.disabled": ("The host was disabled.", "Der Gastgeber wurde deaktiviert."),
    "hosts.disabled_badge": ("disabled", "deaktiviert"),
    "hosts.disable": ("Disable", "Deaktivieren"),
    "hosts.disable_label": ("Disable host {name}", "Gastgeber {name} deaktivieren"),
    # documents (admin) and the signed documents of a visit
    "nav.documents": ("Documents", "Dokumente"),
    "documents.title": ("Documents", "Dokumente"),
    "documents.intro": (
        "What visitors read and sign at the kiosk. Editing a document publishes a new version; "
        "versions already signed never change.",
        "Was Besucher am Kiosk lesen und unterschreiben. Eine Änderung veröffentlicht eine neue "
        "Version; bereits unterschriebene Versionen ändern sich nie.",
    ),
    "documents.new": ("New document", "Neues Dokument"),
    "documents.none": ("No documents yet.", "Noch keine Dokumente."),
    "documents.doc": ("Document", "Dokument"),
    "documents.version": ("Version", "Version"),
    "documents.version_n": ("Version {n}", "Version {n}"),
    "documents.languages": ("Languages", "Sprachen"),
    "documents.required_at": ("Required at", "Verlangt an"),
    "documents.no_site": ("no site", "keinem Standort"),
    "documents.history": ("Published", "Veröffentlicht"),
    "documents.edit": ("Edit", "Bearbeiten"),
    "documents.edit_label": ("Edit {title}", "{title} bearbeiten"),
    "documents.edit_title": ("Edit “{title}” ({id})", "„{title}“ bearbeiten ({id})"),
    "documents.edit_hint": (
        "Now at version {n}. Publishing your changes makes version {next}; kiosks show it from "
        "their next sync, and visitors who signed an older version sign again.",
        "Aktuell Version {n}. Wenn Sie die Änderungen veröffentlichen, entsteht Version "
        "{next}; Kiosks zeigen sie ab dem nächsten Abgleich, und wer eine ältere Version "
        "unterschrieben hat, unterschreibt erneut.",
    ),
    "documents.placeholders": (
        "Placeholders the kiosk fills in:",
        "Platzhalter, die der Kiosk ausfüllt:",
    ),
    "documents.allowed": (
        "Allowed: headings, paragraphs, bold, italic, underline, lists, tables and quotes. "
        "Scripts, styles, images, links and forms are removed.",
        "Erlaubt: Überschriften, Absätze, fett, kursiv, unterstrichen, Listen, Tabellen und "
        "Zitate. Skripte, Stile, Bilder, Links und Formulare werden entfernt.",
    ),
    "documents.doc_title": ("Title", "Titel"),
    "documents.text": ("Text (HTML)", "Text (HTML)"),
    "documents.preview": ("Preview (with sample details)", "Vorschau (mit Beispieldaten)"),
    "documents.preview_button": ("Preview", "Vorschau"),
    "documents.publish": ("Publish", "Veröffentlichen"),
    "documents.publish_version": ("Publish a new version", "Neue Version veröffentlichen"),
    "documents.back": ("Back to the documents", "Zurück zu den Dokumenten"),
    "documents.published": ("The document was published.", "Das Dokument wurde veröffentlicht."),
    "documents.unchanged": (
        "Nothing changed: no new version was published.",
        "Nichts geändert: Es wurde keine neue Version veröffentlicht.",
    ),
    "documents.assigned": (
        "The site's documents were saved.",
        "Die Dokumente des Standorts wurden gespeichert.",
    ),
    "documents.sites_title": ("Documents per site", "Dokumente je Standort"),
    "documents.sites_hint": (
        "Number the documents a site requires in the order visitors sign them (1 first); "
        "leave a field blank for a document the site does not require.",
        "Nummerieren Sie die Dokumente, die ein Standort verlangt, in der Reihenfolge, in der "
        "Besucher sie unterschreiben (1 zuerst); lassen Sie das Feld leer, wenn der Standort "
        "ein Dokument nicht verlangt.",
    ),
    "documents.position": ("Order", "Position"),
    "documents.assign": ("Save for {site}", "Für {site} speichern"),
    "documents.bad_order": (
        "The order must be a whole number (1, 2, ...).",
        "Die Reihenfolge muss eine ganze Zahl sein (1, 2, ...).",
    ),
    "signed.title": ("Signed documents", "Unterschriebene Dokumente"),
    "signed.none": ("No documents signed.", "Keine Dokumente unterschrieben."),
    "signed.language": ("Language", "Sprache"),
    "signed.kiosk": ("Kiosk", "Kiosk"),
    "signed.download": ("PDF", "PDF"),
    "signed.download_label": ("Download {title} as PDF", "{title} als PDF herunterladen"),
    "audit.document.published": ("Document published", "Dokument veröffentlicht"),
    "audit.document.assigned": ("Site documents set", "Dokumente des Standorts festgelegt"),
    "audit.document.downloaded": (
        "Signed document downloaded",
        "Unterschriebenes Dokument heruntergeladen",
    ),
    "visit.host_hint": (
        "Pick from the host directory or type a name.",
        "Aus dem Gastgeberverzeichnis wählen oder einen Namen eingeben.",
    ),
    "audit.host.added": ("Host added", "Gastgeber angelegt"),
    "audit.host.disabled": ("Host disabled", "Gastgeber deaktiviert"),
    "audit.title": ("Audit log", "Protokoll"),
    "audit.intro": (
        "Stored by id only; names are looked up as they are today.",
        "Gespeichert nur mit IDs; Namen werden mit dem heutigen Stand angezeigt.",
    ),
    "audit.none": ("Nothing recorded yet.", "Noch nichts protokolliert."),
    "audit.action": ("What", "Was"),
    "audit.actor": ("Who", "Wer"),
    "audit.subject": ("Concerning", "Betrifft"),
    "audit.older": ("Older entries", "Ältere Einträge"),
    "audit.signin.success": ("Signed in", "Angemeldet"),
    "audit.signin.failure": ("Failed sign-in", "Fehlgeschlagene Anmeldung"),
    "audit.user.added": ("User added", "Benutzer angelegt"),
    "audit.user.totp_enabled": ("Two-step sign-in turned on", "Zwei-Schritt-Anmeldung aktiviert"),
    "audit.user.totp_reset": ("Two-step sign-in reset", "Zwei-Schritt-Anmeldung zurückgesetzt"),
    "audit.visit.created": ("Visit registered", "Besuch angelegt"),
    "audit.visit.cancelled": ("Visit cancelled", "Besuch storniert"),
    "audit.visit.checked_in": ("Checked in", "Eingecheckt"),
    "audit.kiosk.pairing_code": ("Pairing code issued", "Kopplungscode erzeugt"),
    "audit.kiosk.paired": ("Kiosk paired", "Kiosk gekoppelt"),
    "audit.kiosk.revoked": ("Kiosk revoked", "Kiosk entkoppelt"),
    "audit.conflict.resolved": ("Conflict resolved", "Konflikt gelöst"),
    "yes": ("yes", "ja"),
    "no": ("no", "nein"),
    "login.signed_out": ("You have signed out.", "Sie haben sich abgemeldet."),
    "login.expired": (
        "Your session has ended. Please sign in again.",
        "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.",
    ),
    "csrf.refused": (
        "This form has expired. Please try again.",
        "Dieses Formular ist abgelaufen. Bitte erneut versuchen.",
    ),
    "forbidden.title": ("Not allowed", "Nicht erlaubt"),
    "forbidden.text": (
        "Your role does not allow this page or action.",
        "Ihre Rolle erlaubt diese Seite oder Aktion nicht.",
    ),
    "notfound.title": ("Not found", "Nicht gefunden"),
    "notfound.text": ("There is nothing here.", "Hier gibt es nichts."),
    "back": ("Back", "Zurück"),
    "site": ("Site", "Standort"),
    "show": ("Show", "Anzeigen"),
    # kiosks
    "kiosks.title": ("Kiosks", "Kiosks"),
    "kiosks.pair": ("Pair a kiosk", "Kiosk koppeln"),
    "kiosks.name": ("Kiosk name", "Kioskname"),
    "kiosks.pair_submit": ("Get a pairing code", "Kopplungscode erzeugen"),
    "kiosks.list": ("Paired kiosks", "Gekoppelte Kiosks"),
    "kiosks.none": ("No kiosk is paired yet.", "Noch kein Kiosk gekoppelt."),
    "kiosks.last_seen": ("Last seen", "Zuletzt gesehen"),
    "kiosks.paired_at": ("Paired", "Gekoppelt"),
    "kiosks.status": ("Status", "Status"),
    "kiosks.online": ("online", "online"),
    "kiosks.offline": ("offline", "offline"),
    "kiosks.never": ("never", "nie"),
    "kiosks.revoked": ("revoked", "entkoppelt"),
    "kiosks.revoke": ("Revoke", "Entkoppeln"),
    "kiosks.revoke_label": ("Revoke kiosk {name}", "Kiosk {name} entkoppeln"),
    "kiosks.revoked_done": ("Kiosk {name} was revoked.", "Kiosk {name} wurde entkoppelt."),
    "pairing.title": ("Pairing code", "Kopplungscode"),
    "pairing.instructions": (
        "On the kiosk {name} at {site}, type this code on the pairing screen.",
        "Geben Sie diesen Code am Kiosk {name} ({site}) auf dem Kopplungsbildschirm ein.",
    ),
    "pairing.remaining": ("Valid for {time}", "Gültig noch {time}"),
    "pairing.waiting": ("Waiting for the kiosk…", "Warte auf den Kiosk…"),
    "pairing.paired": ("Paired: {name} is ready.", "Gekoppelt: {name} ist bereit."),
    "pairing.expired": (
        "This code has expired or was used up. Get a new one.",
        "Dieser Code ist abgelaufen oder verbraucht. Bitte einen neuen erzeugen.",
    ),
    "pairing.another": ("Pair another kiosk", "Weiteren Kiosk koppeln"),
    # visits
    "visit.new_title": ("New visit", "Neuer Besuch"),
    "visit.visitor": ("Visitor name", "Name des Besuchers"),
    "visit.host": ("Host", "Gastgeber"),
    "visit.arrive": ("Arrival", "Ankunft"),
    "visit.depart": ("Departure", "Abreise"),
    "visit.create": ("Register visit", "Besuch anlegen"),
    "visit.window_hint": (
        "Local time. A visit lasts at most 24 hours.",
        "Ortszeit. Ein Besuch dauert höchstens 24 Stunden.",
    ),
    "visit.title": ("Visit of {visitor}", "Besuch von {visitor}"),
    "visit.qr_alt": ("QR code of the visit pass", "QR-Code des Besucherausweises"),
    "visit.invitation": ("Printable invitation", "Einladung drucken"),
    "visit.cancel": ("Cancel visit", "Besuch stornieren"),
    "visit.cancelled": ("Cancelled at {time}", "Storniert um {time}"),
    "visit.cancel_done": (
        "The visit was cancelled; its pass no longer opens any kiosk.",
        "Der Besuch wurde storniert; der Ausweis gilt an keinem Kiosk mehr.",
    ),
    "visit.created_done": (
        "Visit registered. Give the visitor this QR code.",
        "Besuch angelegt. Geben Sie dem Besucher diesen QR-Code.",
    ),
    "visit.timeline": ("Timeline", "Verlauf"),
    "visit.when": ("When", "Wann"),
    "visit.expected": ("Expected", "Erwartet"),
    "timeline.created": ("Registered", "Angelegt"),
    "timeline.checked_in": ("Checked in at {kiosk}", "Eingecheckt an {kiosk}"),
    "timeline.duplicate": (
        "Pass shown again at {kiosk} (refused)",
        "Ausweis erneut gezeigt an {kiosk} (abgelehnt)",
    ),
    "timeline.cancelled": ("Cancelled, pass revoked", "Storniert, Ausweis gesperrt"),
    "timeline.checked_out": ("Checked out at reception", "Am Empfang ausgecheckt"),
    "visit.check_out": ("Check out", "Auschecken"),
    "visit.checked_out_done": ("The visitor is checked out.", "Der Besucher ist ausgecheckt."),
    "audit.visit.checked_out": ("Checked out", "Ausgecheckt"),
    "timeline.departure": ("Pass expires", "Ausweis läuft ab"),
    "invite.title": ("Your visit", "Ihr Besuch"),
    "invite.host": ("Your host", "Ihr Gastgeber"),
    "invite.where": ("Where", "Wo"),
    "invite.how": (
        "At reception, hold this code in front of the kiosk camera. The code works once.",
        "Halten Sie diesen Code am Empfang vor die Kamera des Kiosks. Der Code gilt einmal.",
    ),
    "print": ("Print", "Drucken"),
    # today
    "today.title": ("Today", "Heute"),
    "today.search": ("Search by name or host", "Nach Name oder Gastgeber suchen"),
    "today.expected": ("Expected", "Erwartet"),
    "today.on_site": ("On site", "Im Haus"),
    "today.left": ("Left", "Gegangen"),
    "today.cancelled": ("Cancelled", "Storniert"),
    "today.none": ("Nobody here.", "Niemand."),
    "today.kiosk": ("Kiosk", "Kiosk"),
    "today.arrived": ("Arrived", "Angekommen"),
    "today.until": ("Until", "Bis"),
    "today.live": ("Updates by itself.", "Aktualisiert sich selbst."),
    "today.updated": ("Updated {time}", "Aktualisiert {time}"),
    "today.more": (
        "Showing {shown} of {total}. Search to find the others.",
        "{shown} von {total} angezeigt. Suchen Sie, um die übrigen zu finden.",
    ),
    # roll call
    "rollcall.title": ("Roll call", "Anwesenheitsliste"),
    "rollcall.heading": (
        "On site: {count} · {site} · {time}",
        "Im Haus: {count} · {site} · {time}",
    ),
    "rollcall.accounted": ("Accounted for", "Anwesend bestätigt"),
    "rollcall.tick": ("{visitor} accounted for", "{visitor} anwesend bestätigt"),
    "rollcall.none": ("Nobody is on site.", "Niemand ist im Haus."),
    # walk-ins, kiosk check-outs and expiry at departure
    "rollcall.expired_note": (
        "Not listed: {count} checked-in visitor(s) whose departure time passed today without "
        "a check-out.",
        "Nicht aufgeführt: {count} eingecheckte(r) Besucher, deren Abreisezeit heute ohne "
        "Auschecken verstrichen ist.",
    ),
    "visit.walk_in": ("Walk-in", "Ohne Voranmeldung"),
    "visit.walk_in_where": (
        "Checked in without a code at {kiosk}, {time}",
        "Ohne Code eingecheckt an {kiosk}, {time}",
    ),
    "visit.left": ("Left", "Gegangen"),
    "today.checked_out": ("Departure", "Abgang"),
    "left.kiosk": ("Checked out at {kiosk}, {time}", "Ausgecheckt an {kiosk}, {time}"),
    "left.reception": ("Checked out at reception, {time}", "Am Empfang ausgecheckt, {time}"),
    "left.expired": (
        "Expired at departure, {time} (no check-out)",
        "Abgelaufen zur Abreisezeit, {time} (nicht ausgecheckt)",
    ),
    "timeline.walked_in": (
        "Walked in without a code at {kiosk}, checked in",
        "Ohne Code an {kiosk} angemeldet und eingecheckt",
    ),
    "timeline.checked_out_kiosk": ("Checked out at {kiosk}", "Ausgecheckt an {kiosk}"),
    "timeline.expired": (
        "Expired at departure without a check-out",
        "Zur Abreisezeit ohne Auschecken abgelaufen",
    ),
    # conflicts
    "conflicts.title": ("Conflicts", "Konflikte"),
    "conflicts.intro": (
        "Passes shown at a second kiosk after their first use (often while a kiosk was "
        "offline). The first use counts.",
        "Ausweise, die nach ihrer ersten Nutzung an einem weiteren Kiosk gezeigt wurden "
        "(oft während ein Kiosk offline war). Die erste Nutzung zählt.",
    ),
    "conflicts.none": ("No open conflicts.", "Keine offenen Konflikte."),
    "conflicts.first": ("First use", "Erste Nutzung"),
    "conflicts.again": ("Shown again", "Erneut gezeigt"),
    "conflicts.note": ("Note", "Notiz"),
    "conflicts.note_label": (
        "Note on the conflict of {visitor}",
        "Notiz zum Konflikt von {visitor}",
    ),
    "conflicts.resolve": ("Mark resolved", "Als gelöst markieren"),
    "conflicts.resolved": ("Resolved", "Gelöst"),
    "conflicts.resolved_by": ("Resolved {time}: {note}", "Gelöst {time}: {note}"),
    "conflicts.resolved_done": ("Conflict marked resolved.", "Konflikt als gelöst markiert."),
    "conflicts.visitor": ("Visitor", "Besucher"),
    "conflicts.unknown_visitor": ("(erased or unknown)", "(gelöscht oder unbekannt)"),
    "audit.mail.held": ("E-mail held (mail server settings)", "E-Mail angehalten (Mailserver)"),
    "audit.mail.retried": ("E-mail sent again", "E-Mail erneut gesendet"),
    "mail.title": ("E-mail", "E-Mail"),
    "mail.visitor_email": (
        "Visitor's e-mail (for the invitation)",
        "E-Mail des Besuchers (für die Einladung)",
    ),
    "mail.visitor_address": ("Visitor's e-mail", "E-Mail des Besuchers"),
    "mail.language": ("Language of the invitation", "Sprache der Einladung"),
    "mail.language_site": ("The site's", "Wie der Standort"),
    "mail.language_en": ("English", "Englisch"),
    "mail.language_de": ("German", "Deutsch"),
    "mail.off": (
        "E-mail is off: no mail server is set (ATRIUM_SMTP_URL). Messages wait in the outbox; "
        "print the invitation instead.",
        "E-Mail ist aus: Es ist kein Mailserver eingestellt (ATRIUM_SMTP_URL). Nachrichten "
        "warten im Postausgang; drucken Sie die Einladung aus.",
    ),
    "mail.none": ("No e-mail for this visit.", "Keine E-Mail zu diesem Besuch."),
    "mail.kind.invitation": ("Invitation to the visitor", "Einladung an den Besucher"),
    "mail.kind.cancellation": ("Cancellation to the visitor", "Absage an den Besucher"),
    "mail.kind.arrival": ("Arrival notice to the host", "Ankunftsnachricht an den Gastgeber"),
    "mail.status.pending": ("not sent yet", "noch nicht gesendet"),
    "mail.status.sent": ("sent {time}", "gesendet {time}"),
    "mail.status.held": ("held", "angehalten"),
    "mail.status.failed": ("failed", "fehlgeschlagen"),
    "mail.status.superseded": ("not needed any more", "nicht mehr nötig"),
    "mail.attempts": ("{count} attempt(s)", "{count} Versuch(e)"),
    "mail.retry": ("Send again", "Erneut senden"),
    "mail.resend": ("Send the invitation again", "Einladung erneut senden"),
    "mail.resent": ("The invitation will be sent again.", "Die Einladung wird erneut gesendet."),
    "mail.retried": ("The message will be sent again.", "Die Nachricht wird erneut gesendet."),
    "mail.outbox_title": ("E-mails not sent", "Nicht gesendete E-Mails"),
    "mail.outbox_empty": ("Every e-mail went out.", "Alle E-Mails sind versendet."),
    "nav.outbox": ("E-mail", "E-Mail"),
}


def choose_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The page language: an explicit choice, else the saved one, else the browser's."""
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return str(candidate)
    best, best_q = DEFAULT_LANGUAGE, -1.0
    for position, part in enumerate((accept_language or "").split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                continue
        q -= position * 1e-6  # earlier wins on a tie
        if q > best_q:
            best, best_q = primary, q
    return best


class Translator:
    """``t(key, **values)`` in one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._index = LANGUAGES.index(self.language)

    def __call__(self, key: str, **values: object) -> str:
        text = MESSAGES[key][self._index]
        return text.format(**values) if values else text
