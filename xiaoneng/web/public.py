"""What every public (no account) page shares: embedding in the county portal, no caching,
the `?embed=1` flag, and one base template (`web/public/base.html`). See docs/public-portal.md.
"""

from __future__ import annotations

import functools
import logging
import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt

log = logging.getLogger(__name__)
_ORIGIN = re.compile(r"^(https?://)?(\*\.)?[A-Za-z0-9.-]+(:\d{1,5})?$")


def frame_ancestors() -> str:
    origins = ["'self'"]
    for origin in getattr(settings, "XIAONENG_EMBED_ORIGINS", []):
        if _ORIGIN.match(origin):
            origins.append(origin)
        else:
            log.warning("XIAONENG_EMBED_ORIGINS: ignoring %r, not an origin", origin)
    return "frame-ancestors " + " ".join(origins)


def public_page(view):
    """Embeddable by the configured portal origins; never cached (pages may hold a secret)."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Content-Security-Policy"] = frame_ancestors()
        return response

    return xframe_options_exempt(never_cache(wrapper))


def is_embedded(request: HttpRequest) -> bool:
    return request.GET.get("embed") == "1" or request.POST.get("embed") == "1"


def render_public(request: HttpRequest, template: str, context: dict | None = None,
                  status: int = 200) -> HttpResponse:
    """Render a public page; templates extend "web/public/base.html" and keep `embed_qs` in links."""
    embed = is_embedded(request)
    context = {"embed": embed, "embed_qs": "?embed=1" if embed else "", **(context or {})}
    return render(request, template, context, status=status)
