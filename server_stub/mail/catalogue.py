"""Every text of the e-mails, in English and German: one place for their wording."""

from __future__ import annotations

import datetime as dt

from server_stub.mail.addresses import DEFAULT_LANGUAGE, LANGUAGES

TEXTS: dict[str, tuple[str, str]] = {
    "invitation.subject": ("Your visit to {site} on {date}", "Ihr Besuch bei {site} am {date}"),
    "invitation.greeting": ("Hello {visitor},", "Guten Tag {visitor},"),
    "invitation.expected": (
        "{host} expects you at {site} on {date}, {start} to {end} ({zone}).",
        "{host} erwartet Sie am {date} von {start} bis {end} Uhr ({zone}) bei {site}.",
    ),
    "invitation.address": ("Address: {address}", "Adresse: {address}"),
    "invitation.company": (
        "Registered for: {visitor}, {company}", "Angemeldet für: {visitor}, {company}"
    ),
    "invitation.how_title": ("How to check in", "So melden Sie sich an"),
    "invitation.how": (
        "At reception, hold the QR code below (on your phone or printed) in front of the "
        "kiosk's camera. It is your personal pass: it works once, from {start} to {end} on {date}.",
        "Halten Sie am Empfang den QR-Code unten (auf dem Telefon oder ausgedruckt) vor die "
        "Kamera des Kiosks. Er ist Ihr persönlicher Ausweis: Er gilt einmal, am {date} von "
        "{start} bis {end} Uhr.",
    ),
    "invitation.plain_qr": (
        "The QR code is in the HTML version of this message. If you cannot see it, show the "
        "pass code below at reception:",
        "Der QR-Code steht in der HTML-Fassung dieser Nachricht. Wenn Sie ihn nicht sehen, "
        "zeigen Sie am Empfang diesen Code:",
    ),
    "invitation.calendar": (
        "The visit is attached as a calendar entry.",
        "Der Besuch ist als Kalendereintrag angehängt.",
    ),
    "invitation.qr_alt": ("Your visitor pass (QR code)", "Ihr Besucherausweis (QR-Code)"),
    "invitation.event": ("Visit: {host} at {site}", "Besuch: {host} bei {site}"),
    "cancellation.subject": (
        "Cancelled: your visit to {site} on {date}",
        "Abgesagt: Ihr Besuch bei {site} am {date}",
    ),
    "cancellation.body": (
        "Your visit to {host} at {site} on {date}, {start} to {end}, has been cancelled. "
        "The pass in your invitation no longer works.",
        "Ihr Besuch bei {host} ({site}) am {date} von {start} bis {end} Uhr wurde abgesagt. "
        "Der Ausweis aus Ihrer Einladung gilt nicht mehr.",
    ),
    "arrival.subject": ("{visitor} has arrived at {site}", "{visitor} ist bei {site} angekommen"),
    "arrival.body": (
        "{visitor} has arrived at {site} ({kiosk}, {time}).",
        "{visitor} ist bei {site} angekommen ({kiosk}, {time} Uhr).",
    ),
    "arrival.late_subject": (
        "Late notice: {visitor} arrived at {site} at {time}",
        "Verspätete Nachricht: {visitor} kam um {time} Uhr bei {site} an",
    ),
    "arrival.late_body": (
        "{visitor} arrived at {site} ({kiosk}) on {date} at {time}. This message is late: "
        "the kiosk was offline and reported the check-in only at {reported}.",
        "{visitor} ist am {date} um {time} Uhr bei {site} ({kiosk}) angekommen. Diese "
        "Nachricht kommt verspätet: Der Kiosk war offline und hat die Anmeldung erst um "
        "{reported} Uhr gemeldet.",
    ),
    "footer": (
        "Sent by the Atrium visitor system of {site}.",
        "Gesendet vom Atrium-Besuchersystem von {site}.",
    ),
}

MONTHS = (
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"),
    ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
     "Oktober", "November", "Dezember"),
)
WEEKDAYS = (
    ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
)


class Texts:
    """The catalogue in one language: ``texts("key", **values)`` and the date formats."""

    def __init__(self, language: str | None) -> None:
        self.language = language if language in LANGUAGES else DEFAULT_LANGUAGE
        self._index = LANGUAGES.index(self.language)

    def __call__(self, key: str, **values: object) -> str:
        return TEXTS[key][self._index].format(**values)

    def date(self, when: dt.datetime) -> str:
        weekday = WEEKDAYS[self._index][when.weekday()]
        month = MONTHS[self._index][when.month - 1]
        if self.language == "de":
            return f"{weekday}, {when.day}. {month} {when.year}"
        return f"{weekday}, {when.day} {month} {when.year}"

    @staticmethod
    def time(when: dt.datetime) -> str:
        return when.strftime("%H:%M")
