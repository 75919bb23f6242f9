"""Open311 GeoReport v2 at /open311/v2/: every endpoint as .json and .xml."""

from django.urls import re_path

from xiaoneng.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<service_code>[\w-]{1,64})" + FMT, views.service_definition, name="service"),
    re_path(r"^requests" + FMT, views.request_list, name="requests"),
    re_path(r"^requests/(?P<service_request_id>[\w-]{1,64})" + FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token>[\w-]{1,64})" + FMT, views.token, name="token"),
    re_path(r"^(?P<path>.*)$", views.not_found, name="not_found"),
]
