"""The internal (government network) server's routes: staff screens, the API, and the public pages.

The public pages and public APIs are `PUBLIC_PATTERNS`, which `xiaoneng.urls_public` serves
alone on the internet-facing server (`xiaoneng serve --zone public`). See docs/security.md.
"""

from django.contrib import admin
from django.urls import include, path

# Pages and endpoints for the public, who have no account: nothing here may need a login.
PUBLIC_PATTERNS = [
    path("open311/v2/", include("xiaoneng.open311.urls")),
    path("public/commitments/", include("xiaoneng.commitments.public_urls")),
    path("public/achievements/", include("xiaoneng.achievements.public_urls")),
    path("public/outreach/", include("xiaoneng.outreach.public_urls")),
    path("public/windows/", include("xiaoneng.windows.public_urls")),
    path("public/assessment/", include("xiaoneng.assessment.public_urls")),
    path("public/evaluations/", include("xiaoneng.evaluations.public_urls")),
    path("public/snail/", include("xiaoneng.snail.public_urls")),
    path("public/notices/", include("xiaoneng.notices.public_urls")),
    path("public/bulletin/", include("xiaoneng.bulletin.public_urls")),
    # Last: the complaints portal's own one-segment paths would otherwise catch the others'.
    path("public/", include("xiaoneng.complaints.public_urls")),
]

urlpatterns = [
    path("", include("xiaoneng.web.urls")),
    path("org/", include("xiaoneng.org.urls")),
    path("matters/", include("xiaoneng.matters.urls")),
    path("audit/", include("xiaoneng.audit.urls")),
    path("scoring/", include("xiaoneng.scoring.urls")),
    path("complaints/", include("xiaoneng.complaints.urls")),
    path("api/v1/", include("xiaoneng.api.urls")),
    path("dashboard/", include("xiaoneng.complaints.dashboard_urls")),
    path("inspections/", include("xiaoneng.inspections.urls")),
    path("procedures/", include("xiaoneng.procedures.urls")),
    path("documents/", include("xiaoneng.documents.urls")),
    path("notifications/", include("xiaoneng.notifications.urls")),
    path("commitments/", include("xiaoneng.commitments.urls")),
    path("achievements/", include("xiaoneng.achievements.urls")),
    path("outreach/", include("xiaoneng.outreach.urls")),
    path("enterprises/", include("xiaoneng.enterprises.urls")),
    path("activities/", include("xiaoneng.activities.urls")),
    path("windows/", include("xiaoneng.windows.urls")),
    path("assessment/", include("xiaoneng.assessment.urls")),
    path("evaluations/", include("xiaoneng.evaluations.urls")),
    path("snail/", include("xiaoneng.snail.urls")),
    path("accountability/", include("xiaoneng.accountability.urls")),
    path("notices/", include("xiaoneng.notices.urls")),
    path("bulletin/", include("xiaoneng.bulletin.urls")),
    path("reports/", include("xiaoneng.reports.urls")),
    path("dispatch/", include("xiaoneng.dispatch.urls")),
    path("admin/", admin.site.urls),
    *PUBLIC_PATTERNS,
]
