"""Mounted at /api/v1/ by xiaoneng/urls.py.

Beyond ninja's own routes, an unknown path under /api/v1/ and a wrong method answer in the
API's error shape too, not with Django's HTML pages.
"""

import functools

from django.http import JsonResponse
from django.urls import re_path
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt

from xiaoneng.api.main import api

app_name = "api"


def _error(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message}}, status=status,
                        json_dumps_params={"ensure_ascii": False})


def _json_405(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405:  # ninja answers a wrong method with a plain-text page
            allowed = response.get("Allow", "")
            response = _error(405, "method_not_allowed", gettext("This method is not allowed here."))
            response["Allow"] = allowed
        return response

    return wrapped


@csrf_exempt
def not_found(request, rest: str = ""):
    return _error(404, "not_found", gettext("Not found."))


urlpatterns = list(api.urls[0])
for pattern in urlpatterns:
    pattern.callback = _json_405(pattern.callback)
urlpatterns.append(re_path(r"^(?P<rest>.*)$", not_found, name="not-found"))
