"""The filters of GET requests, read strictly: anything unreadable is a 400, never a guess."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from xiaoneng.open311 import services
from xiaoneng.open311.intake import Rejected
from xiaoneng.open311.requests import DEFAULT_DAYS

MAX_IDS = 100
MAX_PAGE = 10_000
STATUSES = ("open", "closed")
_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")


@dataclass(frozen=True)
class ListQuery:
    ids: list[str] | None
    service_codes: list[str]
    statuses: list[str]
    start: datetime.datetime | None
    end: datetime.datetime | None
    page: int


def _csv(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def _moment(query: QueryDict, field: str, end_of_day: bool) -> datetime.datetime | None:
    raw = query.get(field, "")
    if not raw.strip():
        return None
    moment = services.parse_moment(raw, end_of_day=end_of_day)
    if moment is None:
        raise Rejected(_("%(field)s is not a W3C date and time, e.g. 2026-03-21T09:00:00+08:00.")
                       % {"field": field})
    return moment


def _page(raw: str) -> int:
    if not raw:
        return 1
    if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_PAGE:
        raise Rejected(_("page must be a whole number from 1 to %(max)d.") % {"max": MAX_PAGE})
    return int(raw)


def parse_list_query(query: QueryDict) -> ListQuery:
    ids = _csv(query.get("service_request_id", ""))
    if len(ids) > MAX_IDS:
        raise Rejected(_("Ask for at most %(max)d service_request_id values at once.") % {"max": MAX_IDS})
    codes = _csv(query.get("service_code", ""))
    unknown = [code for code in codes if code not in services.service_codes()]
    if unknown:
        raise Rejected(_("Unknown service_code %(code)s.") % {"code": unknown[0][:50]})
    statuses = _csv(query.get("status", ""))
    if any(status not in STATUSES for status in statuses):
        raise Rejected(_("status must be open or closed."))
    start, end = _moment(query, "start_date", False), _moment(query, "end_date", True)
    if start and end and start > end:
        raise Rejected(_("start_date must not be after end_date."))
    if start is None and end is None:
        start = timezone.now() - datetime.timedelta(days=DEFAULT_DAYS)
    # An id no request can have matches nothing (and never reaches the database as, say, a NUL).
    wanted = [i for i in ids if _ID.fullmatch(i)] if ids else None
    return ListQuery(ids=wanted, service_codes=codes, statuses=statuses, start=start, end=end,
                     page=_page(query.get("page", "").strip()))
