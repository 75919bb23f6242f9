"""The internet-facing server's routes (`xiaoneng serve --zone public`): public pages and APIs only.

No staff login, no staff screen, no admin, no token API: a request for any of them is a plain 404,
so the internet-facing server can be deployed apart from the internal one on the government
network and exposes nothing staff use. The route crawl in web/tests/test_zones.py fails if a
non-public route appears here.
"""

from django.urls import path
from django.views.generic import RedirectView

from xiaoneng.urls import PUBLIC_PATTERNS
from xiaoneng.web import views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="public:home", permanent=False)),
    path("healthz", views.healthz, name="healthz"),
    *PUBLIC_PATTERNS,
]
