from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from xiaoneng.org.roles import ROLES, role_keys_of


@require_GET
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and database state, for load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "error", "database": {"vendor": connection.vendor, "ok": False,
                                             "error": exc.__class__.__name__}},
            status=503,
        )
    return JsonResponse(
        {"status": "ok", "database": {"vendor": connection.vendor, "ok": True}}
    )


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        # The public arrives here first: the portal, with a discreet link to the staff login.
        return redirect("public:home")
    roles = [ROLES[key] for key in sorted(role_keys_of(request.user))]
    return render(request, "web/home.html", {"roles": roles, "unit": request.user.unit})
