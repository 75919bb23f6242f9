"""Staff and unit screens for complaints: intake, triage, inbox, detail with the trace."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse


@login_required
def complaint_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    raise Http404
