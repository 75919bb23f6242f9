"""`{% unread_notifications %}`: a user's unread count (one indexed COUNT)."""

from django import template

from xiaoneng.notifications.models import Notification

register = template.Library()


def unread_count(user) -> int:
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    return unread_count(getattr(context.get("request"), "user", None) or context.get("user"))
