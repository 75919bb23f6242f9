"""`{% unread_notifications %}`: the unread count for the top navigation (one indexed COUNT)."""

from django import template

from xiaoneng.notifications.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    user = getattr(context.get("request"), "user", None) or context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
