"""`{% dispatch_panel %}` on the complaint page: suggested units and categories, and possible
repeats, for those who triage (complaints.triage_complaint, county-wide) while it can still be
assigned or marked. Nothing is written: staff choose with the page's own forms."""

from __future__ import annotations

from django import template

register = template.Library()


@register.inclusion_tag("dispatch/_panel.html", takes_context=True)
def dispatch_panel(context) -> dict:
    from xiaoneng.dispatch.service import for_triage  # scikit-learn on first use

    complaint, request = context.get("complaint"), context.get("request")
    if complaint is None or request is None:
        return {"shown": False}
    return for_triage(complaint, request.user) | {"request": request, "csrf_token": context.get("csrf_token")}
