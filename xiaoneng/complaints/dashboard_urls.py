from django.urls import path

from xiaoneng.complaints import dashboard_views

app_name = "dashboard"

urlpatterns = [
    path("", dashboard_views.dashboard_view, name="index"),
]
