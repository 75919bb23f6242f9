"""The figures of one inspection campaign, as a newsletter paragraph needs them.

Every figure is one aggregate query (no rows are loaded to be counted); `summary()` turns the
figures into the paragraph the center prints in its briefing, e.g. "4月29日，县效能中心组织开展……，
对金湖农商行淮建、塔集等6个支行进行专题监督，提出意见建议21条。" Who may read a report is the
campaign's rule (`xiaoneng.inspections.access`): the views check it before calling in here.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import dateformat
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from xiaoneng.inspections.models import (
    Campaign,
    CampaignTarget,
    Finding,
    FindingState,
    Suggestion,
    SuggestionState,
)
from xiaoneng.matters.models import State
from xiaoneng.org.models import Unit

CLOSED_MATTER_STATES = (State.REJECTED, State.CLOSED)
NAMED_UNITS = 2  # the summary names two units, then "等N个"


@dataclass(frozen=True)
class Figures:
    groups: int
    members: int
    targets: int
    units_visited: int
    findings: int
    handed_over: int
    resolved: int
    dismissed: int
    overdue: int
    suggestions: int
    adopted: int
    declined: int
    suggestions_open: int

    @property
    def awaiting_handover(self) -> int:
        return self.findings - self.handed_over - self.dismissed


def figures(campaign: Campaign, today: datetime.date, within: Unit | None = None) -> Figures:
    """The counts of `campaign` (about `within`'s subtree only, when given: an inspected unit's view).

    "Overdue" means a handed-over finding whose matter is past its deadline and still open.
    """
    about = Q(unit__path__startswith=within.path) if within is not None else Q()
    findings = Finding.objects.filter(about, campaign=campaign).aggregate(
        total=Count("pk"),
        handed_over=Count("pk", filter=Q(matter__isnull=False)),
        resolved=Count("pk", filter=Q(state=FindingState.RESOLVED)),
        dismissed=Count("pk", filter=Q(state=FindingState.DISMISSED)),
        # red_on is set only while the clock runs: a replied or paused matter is not overdue now.
        overdue=Count("pk", filter=Q(matter__red_on__lte=today)
                      & ~Q(matter__state__in=CLOSED_MATTER_STATES)
                      & ~Q(state__in=[FindingState.RESOLVED, FindingState.DISMISSED])),
    )
    suggestions = Suggestion.objects.filter(about, campaign=campaign).aggregate(
        total=Count("pk"),
        adopted=Count("pk", filter=Q(state=SuggestionState.ADOPTED)),
        declined=Count("pk", filter=Q(state=SuggestionState.DECLINED)),
        open=Count("pk", filter=Q(state=SuggestionState.OPEN)),
    )
    people = Campaign.objects.filter(pk=campaign.pk).aggregate(
        n_groups=Count("groups", distinct=True), n_members=Count("groups__members__user", distinct=True),
    )
    targets = CampaignTarget.objects.filter(about, campaign=campaign).aggregate(
        total=Count("pk"), visited=Count("pk", filter=Q(visited_on__isnull=False)),
    )
    return Figures(
        groups=people["n_groups"], members=people["n_members"],
        targets=targets["total"], units_visited=targets["visited"],
        findings=findings["total"], handed_over=findings["handed_over"], resolved=findings["resolved"],
        dismissed=findings["dismissed"], overdue=findings["overdue"],
        suggestions=suggestions["total"], adopted=suggestions["adopted"], declined=suggestions["declined"],
        suggestions_open=suggestions["open"],
    )


def visited_units(campaign: Campaign, within: Unit | None = None) -> list[Unit]:
    """The units visited (or, before any visit is recorded, those to visit), in the tree's sort order."""
    about = Q(unit__path__startswith=within.path) if within is not None else Q()
    targets = (CampaignTarget.objects.filter(about, campaign=campaign).select_related("unit", "unit__parent")
               .order_by("unit__sort_order", "unit__pk"))
    visited = [t.unit for t in targets if t.visited_on is not None]
    return visited or [t.unit for t in targets]


def units_phrase(units: list[Unit]) -> str:
    """"金湖农商行淮建、塔集等6个支行": the shared parent, two names less their shared ending, the count."""
    if not units:
        return ""
    if len(units) <= NAMED_UNITS:
        return _("、").join(unit.name for unit in units)
    parent = units[0].parent
    prefix, names = "", [unit.name for unit in units]
    if parent is not None and all(u.parent_id == parent.pk and u.name.startswith(parent.name) for u in units):
        # "江苏金湖农村商业银行淮建支行" under the bank reads "金湖农商行淮建支行".
        prefix, names = parent.short_name, [name[len(parent.name):] for name in names]
    noun = _common_ending(names)
    shown = [name[: len(name) - len(noun)] for name in names[:NAMED_UNITS]]
    return _("%(names)s and others, %(count)s %(noun)s in all") % {
        "names": prefix + _("、").join(shown), "count": len(units),
        "noun": noun or pgettext("counted", "units"),
    }


def _common_ending(names: list[str]) -> str:
    """The longest ending every name shares while leaving each at least two characters of its own."""
    ending = os.path.commonprefix([name[::-1] for name in names])[::-1]
    shortest = min(len(name) for name in names)
    return ending[len(ending) - max(0, min(len(ending), shortest - 2)):] if ending else ""


def _day(day: datetime.date) -> str:
    return dateformat.format(day, _("F j"))


def dates_phrase(campaign: Campaign) -> str:
    if campaign.starts_on == campaign.ends_on:
        return _day(campaign.starts_on)
    start, end = campaign.starts_on, campaign.ends_on
    # "11月18日至25日": the month is not repeated within one month.
    same_month = (start.year, start.month) == (end.year, end.month)
    end_text = dateformat.format(end, _("j")) if same_month else _day(end)
    return _("%(start)s to %(end)s") % {"start": _day(start), "end": end_text}


def summary(campaign: Campaign, counts: Figures, within: Unit | None = None) -> str:
    """One paragraph in the briefing's style, built from the figures (translated clause by clause)."""
    text = _("%(date)s, %(organiser)s carried out %(title)s") % {
        "date": dates_phrase(campaign), "organiser": campaign.organiser_unit.name, "title": campaign.title,
    }
    if counts.groups > 1:
        text += _("; inspection groups: %(count)s") % {"count": counts.groups}
    units = units_phrase(visited_units(campaign, within))
    if units:
        text += _("; units inspected: %(units)s") % {"units": units}
    if counts.findings:
        text += _("; problem leads found: %(count)s") % {"count": counts.findings}
        if counts.handed_over and counts.handed_over + counts.dismissed == counts.findings:
            text += _(", all handed at once to the responsible units")
        elif counts.handed_over:
            text += _(", handed to the responsible units: %(count)s") % {"count": counts.handed_over}
        if counts.resolved:
            text += _(", resolved: %(count)s") % {"count": counts.resolved}
        if counts.overdue:
            text += _(", past the deadline: %(count)s") % {"count": counts.overdue}
    if counts.suggestions:
        text += _("; suggestions made: %(count)s") % {"count": counts.suggestions}
        if counts.adopted or counts.declined:
            text += _(" (adopted: %(adopted)s, declined: %(declined)s, awaiting an answer: %(open)s)") % {
                "adopted": counts.adopted, "declined": counts.declined, "open": counts.suggestions_open,
            }
    return _("%(sentence)s.") % {"sentence": text}
