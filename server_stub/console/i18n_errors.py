"""The console's texts of the service's errors, by code (part of the console's catalogue).

A service error carries a stable code and an English sentence; a German page shows the
German text of its code. ``tests/console/test_error_texts.py`` fails when a code the service
raises has no text here.
"""

from __future__ import annotations

from collections.abc import Mapping

# key "error.<code>": (English, German)
ERROR_MESSAGES: Mapping[str, tuple[str, str]] = {
    "error.already_initialised": (
        "The server is already set up.", "Der Server ist bereits eingerichtet."),
    "error.database_unavailable": (
        "The database is unavailable; please try again shortly.",
        "Die Datenbank ist nicht erreichbar; bitte gleich erneut versuchen."),
    "error.device_revoked": (
        "This kiosk has been unpaired.", "Dieser Kiosk wurde entkoppelt."),
    "error.duplicate_host": (
        "A host with this e-mail address already exists.",
        "Ein Gastgeber mit dieser E-Mail-Adresse existiert bereits."),
    "error.duplicate_name": (
        "That name is already taken.", "Dieser Name ist bereits vergeben."),
    "error.duplicate_user": (
        "A user with this e-mail address already exists.",
        "Ein Benutzer mit dieser E-Mail-Adresse existiert bereits."),
    "error.id_space_full": (
        "No free id could be found; please try again.",
        "Es konnte keine freie ID vergeben werden; bitte erneut versuchen."),
    "error.invalid_address": (
        "An address has at most 300 characters.",
        "Eine Adresse hat höchstens 300 Zeichen."),
    "error.invalid_code": (
        "This pairing code is wrong, used or expired.",
        "Dieser Kopplungscode ist falsch, verbraucht oder abgelaufen."),
    "error.invalid_credentials": (
        "Wrong e-mail or password.", "E-Mail oder Passwort ist falsch."),
    "error.invalid_email": (
        "That is not a valid e-mail address.", "Das ist keine gültige E-Mail-Adresse."),
    "error.invalid_language": (
        "The language must be English or German.", "Die Sprache muss Englisch oder Deutsch sein."),
    "error.invalid_name": (
        "A name must be 1 to 100 characters long.",
        "Ein Name muss 1 bis 100 Zeichen lang sein."),
    "error.invalid_note": (
        "A note must be 1 to 500 characters long.",
        "Eine Notiz muss 1 bis 500 Zeichen lang sein."),
    "error.invalid_request": (
        "The request is not valid.", "Die Anfrage ist ungültig."),
    "error.invalid_retention": (
        "The retention is 1 to 3650 days.", "Die Aufbewahrung beträgt 1 bis 3650 Tage."),
    "error.invalid_role": (
        "A role is admin or receptionist.", "Eine Rolle ist Admin oder Empfang."),
    "error.invalid_timezone": (
        "That is not a time zone (for example Europe/Berlin).",
        "Das ist keine Zeitzone (zum Beispiel Europe/Berlin)."),
    "error.invalid_totp": (
        "That code is wrong or was already used.",
        "Dieser Code ist falsch oder wurde schon verwendet."),
    "error.invalid_user": (
        "Give a valid e-mail address.", "Bitte eine gültige E-Mail-Adresse angeben."),
    "error.invalid_webhook": (
        "A webhook URL is https://HOST/PATH.", "Eine Webhook-URL lautet https://HOST/PFAD."),
    "error.invalid_window": (
        "Check arrival and departure: real dates, the departure after the arrival, at most "
        "24 hours.",
        "Bitte Ankunft und Abreise prüfen: gültige Zeitpunkte, die Abreise nach der Ankunft, "
        "höchstens 24 Stunden."),
    "error.no_email": (
        "The visit has no visitor e-mail address.",
        "Der Besuch hat keine E-Mail-Adresse des Besuchers."),
    "error.no_webhook": ("The site has no webhook.", "Der Standort hat keinen Webhook."),
    "error.no_user": ("This tenant has no user.", "Dieser Mandant hat keinen Benutzer."),
    "error.not_checked_in": (
        "This visitor has not checked in.", "Dieser Besucher hat nicht eingecheckt."),
    "error.not_found": ("There is nothing here.", "Hier gibt es nichts."),
    "error.not_initialised": (
        "The server is not set up yet.", "Der Server ist noch nicht eingerichtet."),
    "error.not_retryable": (
        "Only a held or failed message can be sent again.",
        "Nur eine angehaltene oder fehlgeschlagene Nachricht kann erneut gesendet werden."),
    "error.server_busy": (
        "The server is busy; please try again shortly.",
        "Der Server ist ausgelastet; bitte gleich erneut versuchen."),
    "error.session_ended": (
        "Your session has ended. Please sign in again.",
        "Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an."),
    "error.throttled": (
        "Too many attempts; please wait and try again.",
        "Zu viele Versuche; bitte warten und erneut versuchen."),
    "error.too_many_codes": (
        "Three pairing codes are live; use one or wait until one expires.",
        "Drei Kopplungscodes sind gültig; bitte einen verwenden oder warten, bis einer abläuft."),
    "error.too_many_attempts": (
        "Too many failed sign-ins; wait before trying again.",
        "Zu viele fehlgeschlagene Anmeldungen; bitte warten und erneut versuchen."),
    "error.totp_required": (
        "This account needs its one-time code.", "Dieses Konto braucht seinen Einmalcode."),
    "error.unauthorized": ("Please sign in.", "Bitte melden Sie sich an."),
    "error.unknown_site": ("Unknown site.", "Unbekannter Standort."),
    "error.unknown_tenant": ("Unknown tenant.", "Unbekannter Mandant."),
    "error.visit_cancelled": (
        "The visit is cancelled; there is nothing to send.",
        "Der Besuch ist storniert; es gibt nichts zu senden."),
    "error.weak_password": (
        "A password needs at least 10 characters.",
        "Ein Passwort braucht mindestens 10 Zeichen."),
    "error.wrong_token_type": (
        "This token is not meant for this.", "Dieses Token ist dafür nicht bestimmt."),
    "error.template_too_large": (
        "The text is over 128 KB.", "Der Text ist größer als 128 KB."),
    "error.empty_template": (
        "The text is empty.", "Der Text ist leer."),
    "error.invalid_title": (
        "A title needs 1 to 200 characters.", "Ein Titel braucht 1 bis 200 Zeichen."),
    "error.unknown_placeholder": (
        "The text uses an unknown placeholder; placeholders are {{visitor_name}}, {{company}}, "
        "{{host_name}}, {{site_name}}, {{visit_date}}.",
        "Der Text verwendet einen unbekannten Platzhalter; Platzhalter sind {{visitor_name}}, "
        "{{company}}, {{host_name}}, {{site_name}}, {{visit_date}}."),
    "error.no_text": (
        "Give the document's text in at least one language.",
        "Geben Sie den Text des Dokuments in mindestens einer Sprache an."),
    "error.duplicate_document": (
        "A document is listed twice.", "Ein Dokument ist doppelt aufgeführt."),
    "error.too_many_documents": (
        "A site requires at most 20 documents.", "Ein Standort verlangt höchstens 20 Dokumente."),
    # documents and signed records
    "error.hash_mismatch": (
        "The signed record does not match its digest.",
        "Der unterschriebene Datensatz passt nicht zu seiner Prüfsumme."),
    "error.html_too_large": (
        "The signed document is too large.", "Das unterschriebene Dokument ist zu groß."),
    "error.invalid_png": (
        "The signature is not a valid image.", "Die Unterschrift ist kein gültiges Bild."),
    "error.record_id_reused": (
        "This record id was already used for another record.",
        "Diese Datensatz-ID wurde schon für einen anderen Datensatz verwendet."),
    "error.too_many_points": (
        "The signature has too many points.", "Die Unterschrift hat zu viele Punkte."),
    "error.unknown_document": (
        "That document version does not exist.", "Diese Dokumentversion gibt es nicht."),
    "error.unknown_event": (
        "The check-in of this record has not arrived yet.",
        "Die Anmeldung zu diesem Datensatz ist noch nicht eingetroffen."),
    "error.unknown_visit": (
        "That visit is not at this site.", "Dieser Besuch gehört nicht zu diesem Standort."),
    "error.visit_mismatch": (
        "The record names another visit than its check-in.",
        "Der Datensatz nennt einen anderen Besuch als seine Anmeldung."),
    # walk-ins
    "error.walk_in": (
        "A walk-in has no pass to cancel; check the visitor out instead.",
        "Ein Besuch ohne Voranmeldung hat keinen Ausweis zum Stornieren; checken Sie den "
        "Besucher stattdessen aus."),
}

