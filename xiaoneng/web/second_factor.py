"""The second factor (TOTP, RFC 6238) on top of the password, through django-otp.

Mandatory for the roles in XIAONENG_SECOND_FACTOR_ROLES (by default the center's administrators
and staff and the three administrator duties of 等保 三员分立); optional for everyone else, and
once a user has enrolled a device it is always asked for. Until a logged-in user has passed the
second factor, `SecondFactorMiddleware` lets them reach only the second-factor pages, logout and
the public pages; everything else redirects. The API's session login checks `passed` too (the
middleware leaves /api/ to it, so API clients get a 401 rather than a redirect).
See docs/security.md.
"""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from xiaoneng.org.roles import role_keys_of

SESSION_NOT_NEEDED = "xn_second_factor_not_needed"
# Reached without the second factor: the factor's own pages, leaving, and what the public sees.
OPEN_PREFIXES = ("/login/", "/logout/", "/account/second-factor/", "/public/", "/open311/", "/static/",
                 "/healthz", "/api/")


def required_for(user) -> bool:
    return bool(role_keys_of(user) & set(settings.XIAONENG_SECOND_FACTOR_ROLES))


def confirmed_device(user) -> TOTPDevice | None:
    return next(iter(devices_for_user(user, confirmed=True)), None)


def passed(request: HttpRequest) -> bool:
    """Whether this logged-in session may act: the factor passed, or none enrolled nor required."""
    user = request.user
    if user.is_verified() or request.session.get(SESSION_NOT_NEEDED):
        return True
    if confirmed_device(user) is None and not required_for(user):
        # Neither enrolled nor required: remembered for the session (one lookup per login).
        request.session[SESSION_NOT_NEEDED] = True
        return True
    return False


def note_login(sender, request=None, user=None, **kwargs) -> None:
    """At login, settle what the session needs, so its first page costs no session write."""
    from xiaoneng.web.middleware import SessionIdleMiddleware

    if request is None or not hasattr(request, "session"):
        return
    request.session[SessionIdleMiddleware.KEY] = int(time.time())
    if confirmed_device(user) is None and not required_for(user):
        request.session[SESSION_NOT_NEEDED] = True


class SecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is None or not user.is_authenticated or request.path_info.startswith(OPEN_PREFIXES)
                or passed(request)):
            return self.get_response(request)
        if confirmed_device(user) is not None:
            return redirect(f"{reverse('web:second_factor')}?{urlencode({'next': request.get_full_path()})}")
        return redirect("web:second_factor_setup")
