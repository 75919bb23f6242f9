from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("xiaoneng.web.urls")),
    path("org/", include("xiaoneng.org.urls")),
    path("admin/", admin.site.urls),
]
