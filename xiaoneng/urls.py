from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("xiaoneng.web.urls")),
    path("org/", include("xiaoneng.org.urls")),
    path("matters/", include("xiaoneng.matters.urls")),
    path("audit/", include("xiaoneng.audit.urls")),
    path("scoring/", include("xiaoneng.scoring.urls")),
    path("admin/", admin.site.urls),
]
