"""The leadership dashboard's content: every provider's panels for a period, with their charts.

Panels come from xiaoneng.news.dashboard_panels (matters, and whatever other mechanisms are
installed: standings, outreach compliance, window satisfaction ...). A provider that fails is
logged and shown as a panel saying so: one broken mechanism must not take the dashboard down.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.utils.translation import gettext as _

from xiaoneng.news import Panel, providers
from xiaoneng.org.access import sees_all_units
from xiaoneng.reports import charts

log = logging.getLogger(__name__)


def can_view(user) -> bool:
    """Leaders, center staff and admins, confirmers: county-wide readers holding the permission."""
    return user.is_authenticated and user.has_perm("reports.view_dashboard") and sees_all_units(user)


@dataclass(frozen=True)
class ShownPanel:
    panel: Panel
    svg: str  # empty without a chart

    @property
    def slug(self) -> str:
        return self.panel.key.replace(".", "-")


def panels(start: datetime.date, end: datetime.date, user) -> list[Panel]:
    """Every provider's panels; `user=None` is the county-wide view of the report command."""
    result: list[Panel] = []
    for module in providers():
        if not hasattr(module, "dashboard_panels"):
            continue
        try:
            result.extend(module.dashboard_panels(start, end, user))
        except Exception:
            log.exception("dashboard panels of %s failed", module.__name__)
            result.append(Panel(key=f"{module.__name__}.failed", title=module.__name__, headers=[], rows=[],
                                note=_("These figures could not be computed; the error is in the log.")))
    return result


def shown(start: datetime.date, end: datetime.date, user) -> list[ShownPanel]:
    return [ShownPanel(panel, charts.svg(panel.chart, panel.series, panel.title)
                       if panel.chart and any(panel.series.values()) else "")
            for panel in panels(start, end, user)]


def find(start: datetime.date, end: datetime.date, user, key: str) -> Panel | None:
    return next((panel for panel in panels(start, end, user) if panel.key == key), None)
