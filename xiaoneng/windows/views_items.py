"""Staff screens of the catalogue: list, .xlsx import and export, the printable 一次告知单."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from xiaoneng.audit.log import record
from xiaoneng.org.access import scope_to_user
from xiaoneng.web.exports import xlsx_response
from xiaoneng.windows import items as sheet
from xiaoneng.windows.actions import WindowError
from xiaoneng.windows.models import ServiceItem

PAGE = 50


def scoped_items(user):
    return scope_to_user(ServiceItem.objects.select_related("unit"), user)


@login_required
@permission_required("windows.view_serviceitem", raise_exception=True)
def item_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(scoped_items(request.user).order_by("unit__path", "code"), PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "windows/item_list.html",
        {"page": page, "query": "", "can_manage": request.user.has_perm("windows.manage_items")},
    )


@login_required
@permission_required("windows.view_serviceitem", raise_exception=True)
def item_export(request: HttpRequest) -> HttpResponse:
    items = scoped_items(request.user).order_by("unit__path", "code")
    headers, rows = sheet.export_rows(items)
    record("windows.items_export", request=request, detail={"rows": len(rows)})
    return xlsx_response("服务事项.xlsx", headers, rows, sheet="服务事项")


class ImportForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Spreadsheet (.xlsx)"))


@login_required
@permission_required("windows.manage_items", raise_exception=True)
def item_import(request: HttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    errors, status = [], 200
    if request.method == "POST":
        if form.is_valid():
            try:
                count, errors = sheet.do_import_items(
                    form.cleaned_data["file"], actor=request.user, request=request
                )
            except WindowError as exc:
                form.add_error("file", exc.message)
            else:
                if not errors:
                    messages.success(request, _("%(count)d service items imported.") % {"count": count})
                    return redirect("windows:items")
        status = 400
    return render(
        request,
        "windows/item_import.html",
        {"form": form, "errors": errors, "columns": sheet.ITEM_COLUMNS},
        status=status,
    )


@login_required
@permission_required("windows.view_serviceitem", raise_exception=True)
def item_notice(request: HttpRequest, pk: int) -> HttpResponse:
    """一次告知单: the item's full material list, limits and window, for printing."""
    item = get_object_or_404(scoped_items(request.user), pk=pk)
    return render(request, "windows/notice_sheet.html", {"item": item, "print_view": True})


@login_required
@permission_required("windows.view_serviceitem", raise_exception=True)
def item_notice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """一次告知单 as a PDF (xiaoneng.documents.render, GB/T 9704 layout) to hand to the applicant."""
    from xiaoneng.documents.render import OfficialDocument, render_pdf
    from xiaoneng.matters import clock

    item = get_object_or_404(scoped_items(request.user), pk=pk)
    limit = "即时办结" if item.is_immediate else f"{item.promised_limit}个工作日"
    body = [
        f"您申办的“{item.name}”事项，法定办结时限{item.legal_limit}个工作日，承诺办结时限{limit}。"
        "需提交的全部材料一次告知如下："
    ]
    body += [f"{n}. {m}" for n, m in enumerate(item.material_list(), start=1)] or ["无需提交材料。"]
    body.append("以上材料齐全即予受理，不再另行要求补充其他材料。")
    doc = OfficialDocument(
        issuer=item.unit.name,
        doc_number="",
        title=f"{item.name}一次性告知单",
        recipient="申请人",
        body=body,
        signature=item.unit.name,
        date=clock.today(),
    )
    response = HttpResponse(render_pdf(doc), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="notice-{item.pk}.pdf"'
    return response
