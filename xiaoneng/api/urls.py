"""Mounted at /api/v1/ by xiaoneng/urls.py."""

from xiaoneng.api.main import api

app_name = "api"
urlpatterns = api.urls[0]
