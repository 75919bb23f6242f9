import csv
import json

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from xiaoneng.audit.actions import KNOWN_ACTIONS, action_label
from xiaoneng.audit.forms import AuditSearchForm
from xiaoneng.audit.log import record
from xiaoneng.audit.models import AuditEntry

PAGE_SIZE = 50
CSV_COLUMNS = ["seq", "time", "action", "actor", "ip", "user_agent", "target_type", "target_id",
               "target", "detail", "hash"]


def _search(request: HttpRequest) -> tuple[AuditSearchForm, object]:
    form = AuditSearchForm(request.GET or None)
    entries = AuditEntry.objects.order_by("-seq")
    if form.is_bound:
        entries = form.filter(entries) if form.is_valid() else entries.none()
    return form, entries


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def entry_list(request: HttpRequest) -> HttpResponse:
    form, entries = _search(request)
    page = Paginator(entries.select_related("target_type"), PAGE_SIZE).get_page(request.GET.get("page"))
    for entry in page:
        entry.label = action_label(entry.action)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/entry_list.html", {
        "form": form, "page": page, "query": query.urlencode(), "known_actions": KNOWN_ACTIONS,
    })


def _cell(value) -> str:
    # Usernames of failed logins and user agents come from outsiders: never let a
    # spreadsheet read a cell as a formula (CSV injection).
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _rows(entries):
    yield "\ufeff"  # Excel opens UTF-8 CSV with Chinese text correctly only with a BOM
    writer = csv.writer(_Echo())
    yield writer.writerow(CSV_COLUMNS)
    for entry in entries.iterator(chunk_size=2000):
        yield writer.writerow([_cell(value) for value in (
            entry.seq, timezone.localtime(entry.at).isoformat(), entry.action, entry.actor_username,
            entry.ip, entry.user_agent, entry.target_label(), entry.target_id, entry.target_repr,
            json.dumps(entry.detail, ensure_ascii=False, sort_keys=True), entry.hash,
        )])


@login_required
@permission_required("audit.view_auditentry", raise_exception=True)
def export_csv(request: HttpRequest) -> HttpResponse:
    form, entries = _search(request)
    with transaction.atomic():
        # The export is itself audited, and does not contain its own entry.
        last = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
        entries = entries.filter(seq__lte=last)
        record("export", request=request, detail={
            "what": "audit log", "filters": form.used_filters() if form.is_bound and form.is_valid() else {},
            "rows": entries.count(),
        })
    response = StreamingHttpResponse(_rows(entries), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
