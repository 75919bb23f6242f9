"""GeoReport v2 endpoints. All are public; only POST requests needs a client's api_key.

No view looks at request.user: a staff login grants nothing here.
"""

from __future__ import annotations

import functools

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from xiaoneng.complaints import ratelimit
from xiaoneng.matters.models import MatterKind
from xiaoneng.open311 import services
from xiaoneng.open311.intake import Rejected, file_request
from xiaoneng.open311.keys import authenticate
from xiaoneng.open311.models import ServiceRequest
from xiaoneng.open311.render import error, respond
from xiaoneng.open311.requests import as_request, find, public_list
from xiaoneng.open311.views_query import ListQuery, parse_list_query

CHANGESET = "2026-11-23T00:00:00+08:00"  # when this API last changed


def endpoint(*methods: str):
    """Answers errors in the Open311 format, allows `methods` only, and lets anyone read."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, fmt: str, **kwargs) -> HttpResponse:
            allowed = (*methods, "HEAD") if "GET" in methods else methods
            if request.method not in allowed:
                response = error(fmt, 405, _("Method %(method)s is not allowed here.")
                                 % {"method": request.method[:10]})
                response["Allow"] = ", ".join(methods)
                return response
            try:
                response = view(request, fmt, **kwargs)
            except Rejected as rejected:
                response = error(fmt, rejected.status, rejected.description)
            if request.method in ("GET", "HEAD"):
                response["Access-Control-Allow-Origin"] = "*"
            return response

        return csrf_exempt(wrapper)

    return decorate


@endpoint("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    base = request.build_absolute_uri(reverse("open311:discovery", kwargs={"fmt": fmt})).rsplit("/", 1)[0]
    return respond(fmt, "discovery", {
        "changeset": CHANGESET,
        "contact": _("County Efficiency Center"),
        "key_service": _("Client applications get an api_key from the county efficiency center."),
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2", "url": base, "changeset": CHANGESET,
            "type": "production", "formats": ["text/xml", "application/json"],
        }],
    })


@endpoint("GET")
def service_list(request: HttpRequest, fmt: str) -> HttpResponse:
    return respond(fmt, "services", [services.service(code) for code in services.service_codes()])


@endpoint("GET")
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    if service_code not in services.service_codes():
        return error(fmt, 404, _("Unknown service_code %(code)s.") % {"code": service_code[:50]})
    return respond(fmt, "service_definition", services.definition(service_code))


@endpoint("GET", "POST")
def request_list(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return create_request(request, fmt)
    query: ListQuery = parse_list_query(request.GET)
    rows = public_list(ids=query.ids, service_codes=query.service_codes, statuses=query.statuses,
                       start=query.start, end=query.end, page=query.page)
    return respond(fmt, "service_requests", [as_request(c) for c in rows])


def create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    if ratelimit.hit(request, "submit"):
        response = error(fmt, 429, _("Too many requests from this address; try again later."))
        response["Retry-After"] = str(ratelimit.retry_after("submit"))
        return response
    plain = request.POST.get("api_key", "")
    if not plain:
        raise Rejected(_("api_key is required."))
    api_key = authenticate(plain)
    if api_key is None:
        raise Rejected(_("Invalid api_key."), status=403)
    filed = file_request(request.POST, api_key)
    kind = MatterKind.objects.filter(code="complaint").first()
    notice = _("Received. The center handles complaints within %(days)d working days.") % {
        "days": kind.time_limit if kind else 13}
    return respond(fmt, "service_requests", [{
        "service_request_id": filed.complaint.matter.public_id, "token": filed.link.token,
        "service_notice": notice, "account_id": None,
    }], status=201)


@endpoint("GET")
def request_detail(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    complaint = find(service_request_id)
    if complaint is None:
        return error(fmt, 404, _("No service request %(id)s.") % {"id": service_request_id[:40]})
    return respond(fmt, "service_requests", [as_request(complaint)])


@endpoint("GET")
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    link = ServiceRequest.objects.select_related("complaint__matter").filter(token=token).first()
    if link is None:
        return error(fmt, 404, _("No service request has this token."))
    return respond(fmt, "service_requests", [
        {"service_request_id": link.complaint.matter.public_id, "token": link.token}])


@csrf_exempt
def not_found(request: HttpRequest, path: str) -> HttpResponse:
    return error("xml" if path.endswith(".xml") else "json", 404, _("No such Open311 endpoint."))
