"""The e-mail part of the server settings: the SMTP URL, the sender address, the CA file."""

from __future__ import annotations

import email.utils
from typing import TYPE_CHECKING

import email_validator

from server_stub.mail.smtp import SmtpConfig
from server_stub.settings import ENV_SMTP_FROM, SettingsError

if TYPE_CHECKING:
    from server_stub.settings import Settings


def smtp_settings(settings: Settings) -> tuple[SmtpConfig, str] | None:
    """The mail server and the From address; None without ``ATRIUM_SMTP_URL`` (e-mail off)."""
    if not settings.smtp_url:
        return None
    config = SmtpConfig.from_url(settings.smtp_url, settings.smtp_ca_file, settings.smtp_timeout)
    if not settings.smtp_from:
        raise SettingsError(
            f"e-mail needs a sender address too: set {ENV_SMTP_FROM} or --smtp-from"
        )
    _, address = email.utils.parseaddr(settings.smtp_from)
    try:
        email_validator.validate_email(address, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        message = f"the sender address {settings.smtp_from!r} is not valid: {exc}"
        raise SettingsError(message) from None
    return config, settings.smtp_from
