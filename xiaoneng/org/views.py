from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from xiaoneng.org.access import can_see_unit, visible_units
from xiaoneng.org.forms import ImportForm
from xiaoneng.org.imports import run_import
from xiaoneng.org.models import Target, TargetKind, Unit
from xiaoneng.org.tree import tree_order


@login_required
@permission_required("org.view_unit", raise_exception=True)
def unit_list(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    key_only = request.GET.get("key") == "1"
    units = visible_units(request.user).select_related("successor")
    if not show_all:
        units = units.current()
    if key_only:
        units = units.filter(is_key=True)
    ordered = tree_order(units)
    # Indent relative to the shallowest unit shown, so a liaison's own unit starts at the margin.
    top = min((unit.depth for unit in ordered), default=0)
    for unit in ordered:
        unit.indent = unit.depth - top
    page = Paginator(ordered, 100).get_page(request.GET.get("page"))
    return render(request, "org/unit_list.html", {"page": page, "show_all": show_all, "key_only": key_only})


@login_required
@permission_required("org.view_unit", raise_exception=True)
def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.select_related("parent", "successor"), code=code)
    if not can_see_unit(request.user, unit):
        # Answer as if it did not exist: a liaison learns nothing about other units.
        raise Http404
    user = request.user
    ancestors = [a for a in unit.ancestors() if can_see_unit(user, a)]
    successor = unit.successor if unit.successor and can_see_unit(user, unit.successor) else None
    predecessors = [p for p in unit.predecessors.all() if can_see_unit(user, p)]
    persons = []
    if user.has_perm("org.view_person"):
        persons = unit.persons.filter(is_active=True).select_related("user")
    return render(request, "org/unit_detail.html", {
        "unit": unit, "ancestors": ancestors, "children": tree_order(unit.children.all()),
        "successor": successor, "predecessors": predecessors, "persons": persons,
    })


@login_required
@permission_required("org.view_target", raise_exception=True)
def target_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    targets = Target.objects.all()
    if query:
        targets = targets.filter(Q(name__icontains=query) | Q(uscc__istartswith=query))
    if kind in TargetKind.values:
        targets = targets.filter(kind=kind)
    page = Paginator(targets.order_by("kind", "name", "pk"), 50).get_page(request.GET.get("page"))
    return render(request, "org/target_list.html", {
        "page": page, "query": query, "kind": kind, "kinds": TargetKind.choices,
    })


@login_required
@permission_required("org.view_target", raise_exception=True)
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(Target, pk=pk)
    return render(request, "org/target_detail.html", {"target": target})


@login_required
@permission_required("org.manage_reference_data", raise_exception=True)
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload units, persons or targets; every row is checked and nothing is written if any fails."""
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        commit = not form.cleaned_data["check_only"]
        result = run_import(request.user, form.cleaned_data["kind"], form.cleaned_data["file"],
                            commit=commit, request=request)
        if result.committed:
            messages.success(request, _("Imported %(rows)s rows: %(created)s new, %(updated)s changed.") % {
                "rows": result.rows, "created": result.created, "updated": result.updated})
            return redirect("org:import")
    return render(request, "org/import.html", {"form": form, "result": result})
