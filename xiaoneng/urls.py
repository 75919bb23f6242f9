from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("xiaoneng.web.urls")),
    path("org/", include("xiaoneng.org.urls")),
    path("matters/", include("xiaoneng.matters.urls")),
    path("audit/", include("xiaoneng.audit.urls")),
    path("scoring/", include("xiaoneng.scoring.urls")),
    path("complaints/", include("xiaoneng.complaints.urls")),
    path("public/", include("xiaoneng.complaints.public_urls")),
    path("api/v1/", include("xiaoneng.api.urls")),
    path("open311/v2/", include("xiaoneng.open311.urls")),
    path("dashboard/", include("xiaoneng.complaints.dashboard_urls")),
    path("inspections/", include("xiaoneng.inspections.urls")),
    path("procedures/", include("xiaoneng.procedures.urls")),
    path("documents/", include("xiaoneng.documents.urls")),
    path("notifications/", include("xiaoneng.notifications.urls")),
    path("admin/", admin.site.urls),
]
