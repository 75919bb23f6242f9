"""Language selection (Simplified Chinese unless the user chose otherwise) and idle sessions."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode
from django.utils.translation import gettext


class ChosenLanguageMiddleware:
    """Activate the language the user chose (language cookie), else LANGUAGE_CODE.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an office PC
    with an English browser would get an English product. The product speaks Chinese;
    other locales are opt-in through the cookie.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class SessionIdleMiddleware:
    """Log out a session idle for XIAONENG_SESSION_IDLE_MINUTES (等保: session timeout).

    The last activity is written at most once a minute, so an active user does not cost a
    session write on every request.
    """

    KEY = "xn_last_seen"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last = request.session.get(self.KEY)
            if last is not None and now - last > settings.XIAONENG_SESSION_IDLE_MINUTES * 60:
                logout(request)
                messages.info(request, gettext("You were logged out after a period without activity."))
                return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': request.path})}")
            if last is None or now - last >= 60:
                request.session[self.KEY] = now
        return self.get_response(request)
