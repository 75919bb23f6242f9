"""/dispatch/: the model in use (training date, measured accuracy) and its trainings."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from xiaoneng.dispatch.models import TrainingRun


@login_required
@permission_required("dispatch.view_trainingrun", raise_exception=True)
def index(request: HttpRequest) -> HttpResponse:
    runs = TrainingRun.objects.select_related("trained_by")
    page = Paginator(runs, 30).get_page(request.GET.get("page"))
    return render(request, "dispatch/index.html", {"page": page, "current": runs.first(), "query": ""})
