"""The console's texts of the Settings page, the erasure and the company field (part of the
console's catalogue, merged into ``i18n.MESSAGES``)."""

from __future__ import annotations

from collections.abc import Mapping

# key: (English, German)
SETTINGS_MESSAGES: Mapping[str, tuple[str, str]] = {
    "nav.settings": ("Settings", "Einstellungen"),
    "settings.title": ("Settings", "Einstellungen"),
    "settings.retention": ("Visitors' personal data", "Personenbezogene Daten der Besucher"),
    "settings.retention_days": (
        "Keep visitors' personal data for (days after the departure)",
        "Personenbezogene Daten der Besucher aufbewahren (Tage nach der Abreise)",
    ),
    "settings.retention_hint": (
        "Afterwards the server erases the visitor's name, e-mail address and company; the "
        "visit stays by its id only. It checks every hour.",
        "Danach löscht der Server Name, E-Mail-Adresse und Firma des Besuchers; der Besuch "
        "bleibt nur mit seiner ID erhalten. Er prüft das stündlich.",
    ),
    "settings.save": ("Save", "Speichern"),
    "settings.saved": ("Saved.", "Gespeichert."),
    "settings.retention_saved": (
        "Personal data is now kept for {days} days after the departure.",
        "Personenbezogene Daten werden jetzt {days} Tage nach der Abreise aufbewahrt.",
    ),
    "settings.sites": ("Sites", "Standorte"),
    "settings.site_add": ("Add a site", "Standort hinzufügen"),
    "settings.site_name": ("Site name", "Name des Standorts"),
    "settings.site_add_submit": ("Add site", "Standort anlegen"),
    "settings.site_added": ("Site {name} was added.", "Standort {name} wurde angelegt."),
    "settings.site_saved": ("Site {name} was saved.", "Standort {name} wurde gespeichert."),
    "settings.site_edit": ("Site {name}", "Standort {name}"),
    "settings.address": ("Address (for invitations)", "Adresse (für Einladungen)"),
    "settings.timezone": ("Time zone", "Zeitzone"),
    "settings.timezone_hint": (
        "An IANA name such as Europe/Berlin; empty: the server's.",
        "Ein IANA-Name wie Europe/Berlin; leer: die des Servers.",
    ),
    "settings.language": ("Language of its e-mails", "Sprache seiner E-Mails"),
    "settings.webhook": ("Webhook URL (https only)", "Webhook-URL (nur https)"),
    "settings.webhook_hint": (
        "Told of every arrival, like the host; empty: off.",
        "Erfährt jede Ankunft wie der Gastgeber; leer: aus.",
    ),
    "settings.webhook_on": ("Signing secret set.", "Signaturschlüssel gesetzt."),
    "settings.webhook_new_secret": ("New signing secret", "Neuer Signaturschlüssel"),
    "settings.webhook_new_secret_label": (
        "New signing secret for the webhook of {name}",
        "Neuer Signaturschlüssel für den Webhook von {name}",
    ),
    "settings.webhook_secret_once": (
        "The webhook's signing secret (shown only now; the receiver checks the "
        "X-Atrium-Signature header with it):",
        "Der Signaturschlüssel des Webhooks (nur jetzt angezeigt; der Empfänger prüft damit "
        "den Header X-Atrium-Signature):",
    ),
    "settings.walk_ins": ("Kiosks take walk-ins (visitors without a code)",
                          "Kiosks nehmen Besucher ohne Code an"),
    "settings.walk_ins_on": ("walk-ins", "ohne Code"),
    "audit.visit.erased": ("Visitor's personal data erased", "Personendaten gelöscht"),
    "audit.retention.purged": (
        "Retention: personal data of visits erased",
        "Aufbewahrung: Personendaten von Besuchen gelöscht",
    ),
    "audit.retention.count": ("{count} visits", "{count} Besuche"),
    "audit.by.retention": ("Retention purge", "Aufbewahrungsfrist"),
    "audit.by.cli": ("Command line", "Kommandozeile"),
    "audit.by.mail": ("E-mail sender", "E-Mail-Versand"),
    "audit.settings.retention": ("Retention changed", "Aufbewahrung geändert"),
    "audit.site.added": ("Site added", "Standort angelegt"),
    "audit.site.changed": ("Site changed", "Standort geändert"),
    "audit.site.webhook_secret": ("Webhook secret issued", "Webhook-Schlüssel erzeugt"),
    # erasure on the visit page
    "erase.title": ("Delete the visitor's personal data", "Personendaten des Besuchers löschen"),
    "erase.section": ("Privacy", "Datenschutz"),
    "erase.hint": (
        "On request, or when the visit is over: the name, e-mail address and company go; the "
        "visit stays by its id.",
        "Auf Wunsch oder nach dem Besuch: Name, E-Mail-Adresse und Firma werden gelöscht; der "
        "Besuch bleibt mit seiner ID.",
    ),
    "erase.start": ("Delete the visitor's personal data…", "Personendaten des Besuchers löschen…"),
    "erase.explain": (
        "This removes the name, e-mail address and company of {visitor} everywhere the server "
        "keeps them, and any e-mail not sent yet. A pass that is still valid is revoked. The "
        "visit stays by its id only. This cannot be undone.",
        "Damit werden Name, E-Mail-Adresse und Firma von {visitor} überall gelöscht, wo der "
        "Server sie speichert, ebenso noch nicht gesendete E-Mails. Ein noch gültiger Ausweis "
        "wird gesperrt. Der Besuch bleibt nur mit seiner ID erhalten. Das lässt sich nicht "
        "rückgängig machen.",
    ),
    "erase.confirm_label": (
        "Yes, delete this visitor's personal data",
        "Ja, die Personendaten dieses Besuchers löschen",
    ),
    "erase.submit": ("Delete personal data", "Personendaten löschen"),
    "erase.keep": ("Keep them", "Behalten"),
    "erase.confirm_needed": (
        "Tick the box to confirm the deletion.",
        "Bitte das Kästchen ankreuzen, um das Löschen zu bestätigen.",
    ),
    "erase.done": (
        "The visitor's personal data was deleted. The visit stays by its id only.",
        "Die Personendaten des Besuchers wurden gelöscht. Der Besuch bleibt nur mit seiner ID "
        "erhalten.",
    ),
    "erase.fact": ("Personal data", "Personendaten"),
    "erase.erased_at": ("deleted {time}", "gelöscht {time}"),
    "erase.name": ("(erased)", "(gelöscht)"),
    "timeline.erased": ("Personal data deleted", "Personendaten gelöscht"),
    "mail.kind.webhook": (
        "Arrival notice to the site's webhook", "Ankunftsnachricht an den Webhook des Standorts"
    ),
    # the company field
    "visit.company": ("Company", "Firma"),
    "visit.company_optional": ("Company (optional)", "Firma (optional)"),
}
