"""Monthly window ranking, admonition talks, quarterly service stars and the worst performers.

* `monthly_ranking(month)`: windows with at least XIAONENG_WINDOWS_RANKING_MIN_CASES cases in the
  month, best first by `Figures.score()` (mean of satisfaction and on-time rates); the others
  are listed as left out.
* `do_check_admonitions(month)`: a window among the bottom two of this month's ranking and of the
  previous month's gets an `Admonition` (诫勉谈话) record and a `window_admonition` ledger proposal.
* `do_propose_stars(year, quarter)`: per window, the person with the best score (at least the
  minimum cases, no bad rating left unrectified) is proposed as 服务之星; the center confirms.
* `do_propose_poor_performers(year, quarter)`: per window, the ranked person with the lowest
  score (below the window's median) gets a `window_poor_performance` ledger proposal.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from xiaoneng.audit.log import record
from xiaoneng.matters import clock
from xiaoneng.org.models import Person, Unit, UnitKind
from xiaoneng.scoring.actions import do_propose_entry
from xiaoneng.trace.chain import append_event
from xiaoneng.windows import config
from xiaoneng.windows.actions import WindowConflict, check
from xiaoneng.windows.figures import Figures, figures_by, month_bounds, quarter_bounds
from xiaoneng.windows.models import Admonition, PoorPerformance, ServiceStar, StarState

ADMONITION_RULE = "window_admonition"
POOR_RULE = "window_poor_performance"


@dataclass(frozen=True)
class Ranked:
    place: int | None  # None: left out (too few cases)
    unit: Unit
    figures: Figures


def monthly_ranking(month: datetime.date, *, min_cases: int | None = None) -> list[Ranked]:
    start, end = month_bounds(month)
    minimum = config.ranking_min_cases() if min_cases is None else min_cases
    by_unit = figures_by("unit", start, end, today=end + datetime.timedelta(days=40))
    units = Unit.objects.in_bulk(list(by_unit))
    ranked = sorted(
        (f for f in by_unit.values() if f.cases >= minimum),
        key=lambda f: (-f.score(), -f.cases, units[f.key].code),
    )
    rows = [Ranked(place, units[f.key], f) for place, f in enumerate(ranked, start=1)]
    rows += [Ranked(None, units[f.key], f) for f in by_unit.values() if f.cases < minimum]
    return rows


def bottom_two(month: datetime.date) -> set[int]:
    ranked = [r for r in monthly_ranking(month) if r.place is not None]
    return {r.unit.pk for r in ranked[-2:]} if len(ranked) > 2 else set()


def do_check_admonitions(month: datetime.date, *, actor) -> list[Admonition]:
    """Bottom two this month and last month: an admonition talk proposal (once per window and month)."""
    check(actor, "confirm_star")
    month = month.replace(day=1)
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    both = bottom_two(month) & bottom_two(previous)
    made = []
    with transaction.atomic():
        for unit in Unit.objects.filter(pk__in=both).order_by("code"):
            if Admonition.objects.filter(unit=unit, month=month).exists():
                continue
            reason = gettext("%(unit)s was among the bottom two windows in %(previous)s and %(month)s.") % {
                "unit": unit.name,
                "previous": f"{previous:%Y-%m}",
                "month": f"{month:%Y-%m}",
            }
            admonition = Admonition.objects.create(unit=unit, month=month, reason=reason)
            admonition.proposal = do_propose_entry(
                unit=unit,
                rule_code=ADMONITION_RULE,
                source=admonition,
                reason=reason,
                proposer=None,
                year=month.year,
            )
            admonition.save(update_fields=["proposal"])
            append_event(admonition, "proposed", actor, {"month": f"{month:%Y-%m}"}, at=clock.now())
            made.append(admonition)
    return made


def _person_figures(year: int, quarter: int) -> tuple[dict[int, Figures], dict[int, Person]]:
    start, end = quarter_bounds(year, quarter)
    by_person = figures_by("staff", start, end, today=end + datetime.timedelta(days=40))
    people = Person.objects.select_related("unit").in_bulk(list(by_person))
    return by_person, people


def _eligible(fig: Figures, minimum: int) -> bool:
    return fig.cases >= minimum


def do_propose_stars(year: int, quarter: int, *, actor, min_cases: int | None = None) -> list[ServiceStar]:
    """One proposal per window: its best person by score, with no unrectified bad rating."""
    check(actor, "confirm_star")
    minimum = config.ranking_min_cases() if min_cases is None else min_cases
    by_person, people = _person_figures(year, quarter)
    best: dict[int, tuple] = {}
    for pk, fig in by_person.items():
        person = people[pk]
        if not _eligible(fig, minimum) or fig.bad > fig.rectified:
            continue
        key = (fig.score(), fig.cases)
        if person.unit_id not in best or key > best[person.unit_id][0]:
            best[person.unit_id] = (key, person, fig)
    made = []
    with transaction.atomic():
        for _key, person, fig in best.values():
            star, created = ServiceStar.objects.get_or_create(
                person=person,
                year=year,
                quarter=quarter,
                defaults={"unit": person.unit, "figures": _snapshot(fig)},
            )
            if created:
                append_event(star, "proposed", actor, star.figures, at=clock.now())
                made.append(star)
    return made


def _snapshot(fig: Figures) -> dict:
    return {
        "cases": fig.cases,
        "completed": fig.completed,
        "on_time": fig.on_time,
        "on_the_spot": fig.on_the_spot,
        "rated": fig.rated,
        "satisfied": fig.satisfied,
        "bad": fig.bad,
        "score": str(fig.score().quantize(Decimal("0.1"))),
    }


def do_decide_star(star: ServiceStar, *, actor, confirm: bool) -> ServiceStar:
    """The center confirms (published on the portal) or withdraws a proposed star."""
    check(actor, "confirm_star")
    with transaction.atomic():
        star = ServiceStar.objects.select_for_update().get(pk=star.pk)
        if star.state != StarState.PROPOSED:
            raise WindowConflict(gettext("This service star is already decided."), "already_decided")
        star.state = StarState.CONFIRMED if confirm else StarState.WITHDRAWN
        star.decided_by, star.decided_at = actor, timezone.now()
        star.save()
        append_event(star, star.state, actor, {}, at=clock.now())
        record("windows.star_decided", actor=actor, target=star, detail={"state": star.state})
    return star


def do_propose_poor_performers(year: int, quarter: int, *, actor, min_cases: int | None = None) -> list:
    """Per window, the ranked person with the lowest score (strictly below the others) gets a
    person-level ledger proposal; the figures are the reason."""
    check(actor, "confirm_star")
    minimum = config.ranking_min_cases() if min_cases is None else min_cases
    by_person, people = _person_figures(year, quarter)
    per_window: dict[int, list[tuple]] = {}
    for pk, fig in by_person.items():
        if _eligible(fig, minimum) and people[pk].unit.kind == UnitKind.WINDOW:
            per_window.setdefault(people[pk].unit_id, []).append((fig.score(), people[pk], fig))
    proposals = []
    with transaction.atomic():
        for rows in per_window.values():
            rows.sort(key=lambda r: r[0])
            if len(rows) < 2 or rows[0][0] >= rows[1][0]:
                continue
            _score, person, fig = rows[0]
            reason = gettext(
                "%(year)s Q%(quarter)s: lowest at the window — on time %(on_time)s, "
                "satisfaction %(satisfaction)s, %(bad)s bad ratings."
            ) % {
                "year": year,
                "quarter": quarter,
                "on_time": fig.on_time_rate,
                "satisfaction": fig.satisfaction_rate,
                "bad": fig.bad,
            }
            review, created = PoorPerformance.objects.get_or_create(
                person=person,
                year=year,
                quarter=quarter,
                defaults={"figures": _snapshot(fig), "reason": reason},
            )
            if not created:
                continue
            review.proposal = do_propose_entry(
                person=person, rule_code=POOR_RULE, source=review, reason=reason, proposer=None, year=year
            )
            review.save(update_fields=["proposal"])
            append_event(review, "proposed", actor, review.figures, at=clock.now())
            proposals.append(review)
    return proposals
