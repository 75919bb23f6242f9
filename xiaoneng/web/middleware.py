"""Language selection: Simplified Chinese unless the user chose otherwise."""

from django.conf import settings
from django.utils import translation


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
