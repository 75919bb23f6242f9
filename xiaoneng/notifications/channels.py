"""The external channels. Each sender gets one Delivery (address, text, idempotency key) and
either returns or raises ChannelError. Settings are read at send time from Django settings,
falling back to environment variables of the same name (docs/notifications.md lists them)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from xiaoneng import conf
from xiaoneng.notifications.models import Channel, Delivery

TIMEOUT = 10  # seconds; far below the claim lease


class ChannelError(RuntimeError):
    """The channel refused or could not be reached; the delivery is retried later."""


def setting(name: str, default: str = "") -> str:
    value = getattr(settings, name, None)
    return str(value) if value is not None else conf.env_str(name, default)


def _flag(name: str) -> bool:
    return setting(name, "0").strip().lower() in {"1", "true", "yes", "on"}


def _text(delivery: Delivery) -> str:
    n = delivery.notification
    parts = [n.title, n.body]
    if n.url:
        base = setting("XIAONENG_SITE_URL").rstrip("/")
        parts.append(f"{base}{n.url}" if base else n.url)
    return "\n".join(p for p in parts if p)


def send_email(delivery: Delivery) -> None:
    host = setting("XIAONENG_SMTP_HOST")
    options = {}
    if host:
        options = {
            "backend": "django.core.mail.backends.smtp.EmailBackend", "host": host,
            "port": int(setting("XIAONENG_SMTP_PORT", "25")), "username": setting("XIAONENG_SMTP_USER"),
            "password": setting("XIAONENG_SMTP_PASSWORD"), "use_tls": _flag("XIAONENG_SMTP_STARTTLS"),
            "use_ssl": _flag("XIAONENG_SMTP_SSL"), "timeout": TIMEOUT,
        }
    sender = setting("XIAONENG_MAIL_FROM", "xiaoneng@localhost")
    domain = sender.rpartition("@")[2] or "localhost"
    message = EmailMessage(
        subject=delivery.notification.title, body=_text(delivery), from_email=sender, to=[delivery.address],
        # The receiver de-duplicates a resend after a crash by its Message-ID.
        headers={"Message-ID": f"<{delivery.key}@{domain}>", "X-Idempotency-Key": str(delivery.key)},
        connection=get_connection(fail_silently=False, **options),
    )
    try:
        message.send()
    except OSError as exc:  # smtplib errors are OSErrors
        raise ChannelError(f"e-mail: {exc}") from exc


def _post_json(url: str, payload: dict, delivery: Delivery, headers: dict[str, str]) -> None:
    request = urllib.request.Request(
        url, data=json.dumps(payload, ensure_ascii=False).encode(), method="POST",
        headers={"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": str(delivery.key),
                 **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            answer = response.read(65536)
    except (urllib.error.URLError, OSError) as exc:
        raise ChannelError(f"{delivery.channel}: {exc}") from exc
    try:
        data = json.loads(answer or b"{}")
    except ValueError:
        return
    # WeChat robots answer HTTP 200 with {"errcode": n, "errmsg": ...} when they refuse.
    if isinstance(data, dict) and data.get("errcode") not in (None, 0):
        raise ChannelError(f"{delivery.channel}: {data.get('errcode')} {data.get('errmsg', '')}")


def send_sms(delivery: Delivery) -> None:
    url = setting("XIAONENG_SMS_URL")
    if not url:
        raise ChannelError("sms: XIAONENG_SMS_URL is not set")
    token = setting("XIAONENG_SMS_TOKEN")
    _post_json(url, {"id": str(delivery.key), "phone": delivery.address, "text": _text(delivery)}, delivery,
               {"Authorization": f"Bearer {token}"} if token else {})


def send_wechat(delivery: Delivery) -> None:
    url = setting("XIAONENG_WECHAT_WEBHOOK_URL")
    if not url:
        raise ChannelError("wechat: XIAONENG_WECHAT_WEBHOOK_URL is not set")
    payload = {"msgtype": "text",
               "text": {"content": _text(delivery), "mentioned_mobile_list": [delivery.address]}}
    _post_json(url, payload, delivery, {})


def configured(channel: str) -> bool:
    """Whether this installation has the channel at all (an unconfigured one gets no deliveries)."""
    if channel == Channel.EMAIL:
        return bool(setting("XIAONENG_SMTP_HOST")) or (
            settings.EMAIL_BACKEND != "django.core.mail.backends.smtp.EmailBackend")
    if channel == Channel.SMS:
        return bool(setting("XIAONENG_SMS_URL"))
    return bool(setting("XIAONENG_WECHAT_WEBHOOK_URL"))


SENDERS: dict[str, Callable[[Delivery], None]] = {
    Channel.EMAIL: send_email,
    Channel.SMS: send_sms,
    Channel.WECHAT: send_wechat,
}
