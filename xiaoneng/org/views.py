from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from xiaoneng.org.access import can_see_unit, visible_units
from xiaoneng.org.models import Unit


@login_required
@permission_required("org.view_unit", raise_exception=True)
def unit_list(request: HttpRequest) -> HttpResponse:
    units = visible_units(request.user).select_related("parent")
    page = Paginator(units, 100).get_page(request.GET.get("page"))
    return render(request, "org/unit_list.html", {"page": page})


@login_required
@permission_required("org.view_unit", raise_exception=True)
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent", "successor"), code=code)
    if not can_see_unit(request.user, unit):
        # Answer as if it did not exist: a liaison learns nothing about other units.
        raise Http404
    children = unit.children.all()
    persons = unit.persons.filter(is_active=True) if request.user.has_perm("org.view_person") else []
    return render(
        request, "org/unit_detail.html", {"unit": unit, "children": children, "persons": persons}
    )
