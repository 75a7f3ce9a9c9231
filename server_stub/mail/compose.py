"""Messages built at send time: the invitation (plain + HTML with the QR inline, .ics),
the cancellation (METHOD:CANCEL) and the host's arrival notice."""

from __future__ import annotations

import datetime as dt
import email.utils
import html
from email.headerregistry import Address
from email.message import EmailMessage

import icalendar

from server_stub.mail import webhook
from server_stub.mail.catalogue import Texts
from server_stub.mail.context import MessageContext
from server_stub.qr import qr_png

QR_CID = "pass-qr@atrium"
PRODID = "-//Atrium Kiosk//Visitor invitation//EN"
ICS_NAME = "visit.ics"


def header_id(message_id: str, sender: str) -> str:
    """The stable Message-ID of an outbox row: its id at the sender's domain."""
    domain = sender.rpartition("@")[2].strip(" >") or "atrium.invalid"
    return f"<{message_id}@{domain}>"


def _common(ctx: MessageContext, sender: str, header: str, subject: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = Address(addr_spec=ctx.recipient)
    message["Subject"] = subject
    message["Date"] = email.utils.formatdate(localtime=False)
    message["Message-ID"] = header
    message["Auto-Submitted"] = "auto-generated"
    return message


def _when(ctx: MessageContext, texts: Texts) -> dict[str, str]:
    start, end = ctx.site.local(ctx.nbf), ctx.site.local(ctx.exp)
    return {
        "date": texts.date(start),
        "start": texts.time(start),
        "end": texts.time(end),
        "zone": start.tzname() or "",
    }


def _html(title: str, paragraphs: list[str], extra: str = "", footer: str = "") -> str:
    body = "".join(f"<p style=\"margin:0 0 14px\">{p}</p>" for p in paragraphs)
    return (
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(title)}</title></head>"
        "<body style=\"margin:0;padding:24px;background:#f3f4f6;font-family:Arial,Helvetica,"
        "sans-serif;color:#111827;font-size:16px;line-height:1.5\">"
        "<div style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;"
        "padding:28px\">"
        f"<h1 style=\"font-size:22px;margin:0 0 18px\">{html.escape(title)}</h1>"
        f"{body}{extra}"
        f"<p style=\"margin:24px 0 0;color:#6b7280;font-size:13px\">{html.escape(footer)}</p>"
        "</div></body></html>"
    )


def calendar(ctx: MessageContext, sender: str, *, cancel: bool) -> bytes:
    """The visit as an iCalendar request, or its cancellation (same UID, higher SEQUENCE)."""
    texts = Texts(ctx.language)
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "CANCEL" if cancel else "REQUEST")
    event = icalendar.Event()
    domain = sender.rpartition("@")[2].strip(" >") or "atrium.invalid"
    event.add("uid", f"visit-{ctx.visit_id}@{domain}")
    event.add("dtstamp", dt.datetime.now(dt.UTC))
    event.add("dtstart", dt.datetime.fromtimestamp(ctx.nbf, dt.UTC))
    event.add("dtend", dt.datetime.fromtimestamp(ctx.exp, dt.UTC))
    event.add("summary", texts("invitation.event", host=ctx.host, site=ctx.site.name))
    location = ", ".join(part for part in (ctx.site.name, ctx.site.address) if part)
    event.add("location", location)
    event.add("sequence", 1 if cancel else 0)
    event.add("status", "CANCELLED" if cancel else "CONFIRMED")
    organizer = icalendar.vCalAddress(f"mailto:{email.utils.parseaddr(sender)[1]}")
    organizer.params["cn"] = icalendar.vText(ctx.site.name)
    event.add("organizer", organizer)
    attendee = icalendar.vCalAddress(f"mailto:{ctx.recipient}")
    attendee.params["cn"] = icalendar.vText(ctx.visitor)
    event.add("attendee", attendee)
    cal.add_component(event)
    return bytes(cal.to_ical())


def invitation(ctx: MessageContext, sender: str, header: str) -> EmailMessage:
    texts = Texts(ctx.language)
    when = _when(ctx, texts)
    site = ctx.site.name
    subject = texts("invitation.subject", site=site, date=when["date"])
    expected = texts("invitation.expected", host=ctx.host, site=site, **when)
    how = texts("invitation.how", **when)
    address = texts("invitation.address", address=ctx.site.address) if ctx.site.address else ""
    company = (
        texts("invitation.company", visitor=ctx.visitor, company=ctx.company)
        if ctx.company else ""
    )
    footer = texts("footer", site=site)
    plain = "\n\n".join(
        part
        for part in (
            texts("invitation.greeting", visitor=ctx.visitor),
            expected,
            company,
            address,
            f"{texts('invitation.how_title')}\n{how}",
            f"{texts('invitation.plain_qr')}\n{ctx.pass_token}",
            texts("invitation.calendar"),
            footer,
        )
        if part
    )
    esc = html.escape
    paragraphs = [esc(texts("invitation.greeting", visitor=ctx.visitor)), esc(expected)]
    if company:
        paragraphs.append(esc(company))
    if address:
        paragraphs.append(esc(address))
    paragraphs.append(f"<strong>{esc(texts('invitation.how_title'))}</strong><br>{esc(how)}")
    qr = (
        f"<p style=\"text-align:center;margin:18px 0\"><img src=\"cid:{QR_CID}\" "
        f"alt=\"{esc(texts('invitation.qr_alt'))}\" width=\"280\" height=\"280\" "
        "style=\"width:280px;height:280px;image-rendering:pixelated\"></p>"
        f"<p style=\"margin:0;color:#374151\">{esc(texts('invitation.calendar'))}</p>"
    )
    message = _common(ctx, sender, header, subject)
    message.set_content(plain + "\n")
    message.add_alternative(_html(subject, paragraphs, qr, footer), subtype="html")
    html_part = message.get_payload()[1]  # type: ignore[index]
    html_part.add_related(qr_png(ctx.pass_token, scale=8), "image", "png", cid=f"<{QR_CID}>",
                          filename="pass.png", disposition="inline")
    message.add_attachment(
        calendar(ctx, sender, cancel=False), maintype="text", subtype="calendar",
        filename=ICS_NAME, params={"method": "REQUEST"},
    )
    return message


def cancellation(ctx: MessageContext, sender: str, header: str) -> EmailMessage:
    texts = Texts(ctx.language)
    when = _when(ctx, texts)
    subject = texts("cancellation.subject", site=ctx.site.name, date=when["date"])
    body = texts("cancellation.body", host=ctx.host, site=ctx.site.name, **when)
    footer = texts("footer", site=ctx.site.name)
    greeting = texts("invitation.greeting", visitor=ctx.visitor)
    message = _common(ctx, sender, header, subject)
    message.set_content(f"{greeting}\n\n{body}\n\n{footer}\n")
    message.add_alternative(
        _html(subject, [html.escape(greeting), html.escape(body)], footer=footer), subtype="html"
    )
    message.add_attachment(
        calendar(ctx, sender, cancel=True), maintype="text", subtype="calendar",
        filename=ICS_NAME, params={"method": "CANCEL"},
    )
    return message


def arrival_text(ctx: MessageContext) -> tuple[str, str]:
    """The arrival notice's subject and sentence (e-mail and webhook say the same)."""
    assert ctx.arrival is not None
    texts = Texts(ctx.language)
    arrived = ctx.site.local(ctx.arrival.used_at)
    values = {
        "visitor": ctx.visitor,
        "site": ctx.site.name,
        "kiosk": ctx.arrival.kiosk_name,
        "time": texts.time(arrived),
        "date": texts.date(arrived),
        "reported": texts.time(ctx.site.local(ctx.arrival.received_at)),
    }
    late = ctx.arrival.late
    subject = texts("arrival.late_subject" if late else "arrival.subject", **values)
    return subject, texts("arrival.late_body" if late else "arrival.body", **values)


def webhook_body(ctx: MessageContext) -> bytes:
    """The webhook's JSON: Slack's and Teams' ``text``, and the facts by id."""
    assert ctx.arrival is not None
    _, text = arrival_text(ctx)
    facts: dict[str, object] = {
        "event": "arrival",
        "visit_id": ctx.visit_id,
        "site_id": ctx.site.site_id,
        "kiosk": ctx.arrival.kiosk_name,
        "arrived_at": ctx.arrival.used_at,
        "late": ctx.arrival.late,
    }
    return webhook.body(text, facts)


def arrival(ctx: MessageContext, sender: str, header: str) -> EmailMessage:
    subject, body = arrival_text(ctx)
    footer = Texts(ctx.language)("footer", site=ctx.site.name)
    message = _common(ctx, sender, header, subject)
    message.set_content(f"{body}\n\n{footer}\n")
    message.add_alternative(_html(subject, [html.escape(body)], footer=footer), subtype="html")
    return message


BUILDERS = {"invitation": invitation, "cancellation": cancellation, "arrival": arrival}


def build(ctx: MessageContext, sender: str, header: str) -> EmailMessage:
    return BUILDERS[ctx.kind](ctx, sender, header)
