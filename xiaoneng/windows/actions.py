"""The only ways window records change: cases, ratings, rectification, return visits, the
roster, first inquiries, consultations and green cards. Queue tickets are in queue.py,
rankings and stars in ranking.py.

Each function checks the role permission and the unit scope (another unit's window answers
like a missing one: `WindowNotFound`, a 404 in views), writes the record and its trace event
in one transaction. Bad input raises `WindowError` with a Chinese message and a stable code.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from xiaoneng.audit.log import record
from xiaoneng.calendar import service as workdays
from xiaoneng.matters import clock
from xiaoneng.matters.actions import do_assign_matter, do_receive_matter
from xiaoneng.matters.models import Matter, MatterKind, Source
from xiaoneng.org.access import can_see_unit
from xiaoneng.org.models import Person, Target, Unit
from xiaoneng.trace.chain import append_event
from xiaoneng.windows import config, rollup
from xiaoneng.windows.models import (
    BAD_LEVELS,
    DIMENSIONS,
    CaseState,
    Channel,
    Consultation,
    DutyRoster,
    FirstInquiry,
    GreenCard,
    Level,
    Outcome,
    Rating,
    ReturnVisit,
    ServiceCase,
    ServiceItem,
)

RECTIFICATION_KIND = "window_rectification"


class WindowError(Exception):
    """Bad input or a refused step; `message` is for people, `code` for programs."""

    status = 400

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message, self.code = message, code

    def __str__(self) -> str:
        return str(self.message)


class WindowNotPermitted(WindowError):
    status = 403


class WindowNotFound(WindowError):
    status = 404


class WindowConflict(WindowError):
    status = 409


def check(actor, perm: str, unit: Unit | None = None) -> None:
    """The system (actor None) may do anything; a person needs the permission and the unit."""
    if actor is None:
        return
    if not actor.has_perm(f"windows.{perm}"):
        raise WindowNotPermitted(gettext("You may not do this."), "not_permitted")
    if unit is not None and not can_see_unit(actor, unit):
        raise WindowNotFound(gettext("Not found."), "not_found")


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _now(at: datetime.datetime | None) -> datetime.datetime:
    return at or clock.now()


def _local_day(at: datetime.datetime) -> datetime.date:
    from django.utils import timezone

    return timezone.localtime(at).date()


# ---- cases ---------------------------------------------------------------------------------


def do_receive_case(
    item: ServiceItem,
    *,
    actor,
    applicant_name: str,
    applicant_phone: str = "",
    enterprise: Target | None = None,
    staff: Person | None = None,
    received_at: datetime.datetime | None = None,
    wait_seconds: int | None = None,
    consultation: Consultation | None = None,
) -> ServiceCase:
    """受理: the clock starts on the day received with the item's promised limit."""
    check(actor, "record_case", item.unit)
    applicant_name = (applicant_name or "").strip()
    if not applicant_name:
        raise WindowError(gettext("Give the applicant's name."), "applicant_required")
    if not item.is_active:
        raise WindowError(gettext("This service item is no longer accepted."), "item_inactive")
    at = _now(received_at)
    day = _local_day(at)
    with transaction.atomic():
        case = ServiceCase(
            item=item,
            unit=item.unit,
            staff=staff or getattr(actor, "person", None),
            applicant_name=applicant_name[:60],
            applicant_phone=applicant_phone[:32],
            enterprise=enterprise,
            received_at=at,
            received_on=day,
            wait_seconds=wait_seconds,
            green_card=bool(enterprise and has_green_card(enterprise, day)),
        )
        case.number = f"{day:%Y%m%d}-{case.public_id[:8]}"
        case.start_clock(day, 0 if item.is_immediate else item.promised_limit)
        case.colour = "green"
        case.save()
        rollup.bump(case, cases=1, wait_sum=wait_seconds or 0, wait_n=int(wait_seconds is not None))
        append_event(case, "received", actor, {"item": item.code, "limit": case.time_limit}, at=at)
        if consultation is not None:
            _link(consultation, case, actor, at)
    return case


def do_complete_case(
    case: ServiceCase, *, actor, completed_at: datetime.datetime | None = None
) -> tuple[ServiceCase, str]:
    """办结: stop the clock, judge the outcome and return the plain rating token (shown once)."""
    check(actor, "record_case", case.unit)
    at = _now(completed_at)
    with transaction.atomic():
        case = ServiceCase.objects.select_for_update().get(pk=case.pk)
        if case.state != CaseState.RECEIVED:
            raise WindowConflict(gettext("This case is already completed."), "already_completed")
        if at < case.received_at:
            raise WindowError(gettext("A case cannot be completed before it was received."), "invalid_time")
        day = _local_day(at)
        case.completed_at, case.completed_on, case.state = at, day, CaseState.COMPLETED
        if day == case.received_on:
            case.outcome = Outcome.ON_THE_SPOT
        elif day <= case.deadline:
            case.outcome = Outcome.ON_TIME
        else:
            case.outcome, case.missed_deadline = Outcome.LATE, True
        case.stop_clock()
        token = secrets.token_urlsafe(24)
        case.rating_token_hash = token_digest(token)
        case.save()
        rollup.bump(
            case,
            completed=1,
            unrated_completed=1,
            on_the_spot=int(case.outcome == Outcome.ON_THE_SPOT),
            on_time=int(case.outcome != Outcome.LATE),
            late=int(case.outcome == Outcome.LATE),
        )
        append_event(case, "completed", actor, {"outcome": case.outcome}, at=at)
    return case, token


def do_new_rating_token(case: ServiceCase, *, actor) -> str:
    """A fresh link for an unrated case (the slip was lost); the old link stops working."""
    check(actor, "record_case", case.unit)
    with transaction.atomic():
        case = ServiceCase.objects.select_for_update().get(pk=case.pk)
        if case.state != CaseState.COMPLETED or case.rating_level is not None:
            raise WindowConflict(gettext("This case cannot be rated now."), "not_ratable")
        token = secrets.token_urlsafe(24)
        case.rating_token_hash = token_digest(token)
        case.save(update_fields=["rating_token_hash"])
        append_event(case, "rating_link_renewed", actor, {}, at=clock.now())
    return token


def case_for_token(token: str) -> ServiceCase | None:
    if not token or len(token) > 64:
        return None
    return (
        ServiceCase.objects.select_related("item", "unit")
        .filter(rating_token_hash=token_digest(token))
        .first()
    )


# ---- ratings -------------------------------------------------------------------------------


def _clean_level(value) -> int:
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = 0
    if level not in Level.values:
        raise WindowError(gettext("Choose one of the five levels."), "invalid_level")
    return level


def _clean_dimensions(dimensions: dict | None) -> dict:
    out = {}
    for key, value in (dimensions or {}).items():
        if key not in DIMENSIONS:
            raise WindowError(gettext("Unknown rating dimension."), "invalid_dimension")
        if value not in (None, ""):
            out[key] = _clean_level(value)
    return out


def _save_rating(
    case: ServiceCase,
    *,
    level: int,
    dimensions: dict,
    comment: str,
    channel: str,
    at: datetime.datetime,
    external_ref: str | None = None,
) -> Rating:
    try:
        with transaction.atomic():
            rating = Rating.objects.create(
                case=case,
                level=level,
                dimensions=dimensions,
                comment=(comment or "")[:2000],
                channel=channel,
                rated_at=at,
                external_ref=external_ref,
            )
    except IntegrityError:
        raise WindowConflict(gettext("This case has already been rated."), "already_rated") from None
    ServiceCase.objects.filter(pk=case.pk).update(rating_level=level, rating_token_hash=None)
    rollup.bump(case, rated=1, satisfied=int(level >= 3), bad=int(level in BAD_LEVELS), unrated_completed=-1)
    append_event(case, "rated", None, {"level": level, "channel": channel}, at=at)
    if level in BAD_LEVELS:
        _open_rectification(rating, at)
    return rating


def do_rate_case(
    token: str,
    *,
    level,
    dimensions: dict | None = None,
    comment: str = "",
    rated_at: datetime.datetime | None = None,
) -> Rating:
    """好差评 from the applicant's link or QR code: no account, once per case."""
    level = _clean_level(level)
    dimensions = _clean_dimensions(dimensions)
    with transaction.atomic():
        case = case_for_token(token)
        if case is None:
            raise WindowNotFound(
                gettext("This rating link is not valid or has already been used."), "not_found"
            )
        case = ServiceCase.objects.select_for_update().get(pk=case.pk)
        return _save_rating(
            case, level=level, dimensions=dimensions, comment=comment, channel=Channel.LINK, at=_now(rated_at)
        )


def import_rating(
    case: ServiceCase,
    *,
    level: int,
    dimensions: dict,
    comment: str,
    rated_at: datetime.datetime,
    external_ref: str,
) -> Rating:
    """One row of a provincial export (the importer checks permission and validates first)."""
    case = ServiceCase.objects.select_for_update().get(pk=case.pk)
    return _save_rating(
        case,
        level=level,
        dimensions=dimensions,
        comment=comment,
        channel=Channel.IMPORT,
        at=rated_at,
        external_ref=external_ref,
    )


def _open_rectification(rating: Rating, at: datetime.datetime) -> None:
    """A bad rating: a rectification matter for the window and a return visit for the center."""
    case = rating.case
    kind = MatterKind.objects.get(code=RECTIFICATION_KIND)
    title = gettext("Bad rating at %(window)s: %(item)s") % {
        "window": case.unit.short_name,
        "item": case.item.name,
    }
    description = gettext("Case %(number)s received %(day)s. Rating: %(level)s. Comment: %(comment)s") % {
        "number": case.number,
        "day": f"{case.received_on:%Y-%m-%d}",
        "level": Level(rating.level).label,
        "comment": rating.comment or "—",
    }
    matter = do_receive_matter(
        kind=kind,
        title=title,
        actor=None,
        description=description,
        source=Source.RECTIFICATION,
        received_at=at,
        event_data={"window_case": case.public_id},
    )
    matter = do_assign_matter(matter, actor=None, unit=case.unit, time_limit=config.rectify_days() or None)
    rating.matter = matter
    rating.save(update_fields=["matter"])
    ReturnVisit.objects.create(
        rating=rating, due_on=workdays.add_workdays(matter.deadline, config.visit_days())
    )
    append_event(case, "rectification_opened", None, {"matter": matter.public_id}, at=at)


def on_rectification_verified(matter: Matter, actor) -> None:
    """Verify hook: the rectification is done; the return visit falls due a few days on."""
    rating = Rating.objects.filter(matter=matter).select_related("case").first()
    if rating is None:
        return
    if rating.rectified_at is None:  # verified again after a reopening: counted once
        rollup.bump(rating.case, rectified=1)
    rating.rectified_at = clock.now()
    rating.save(update_fields=["rectified_at"])
    ReturnVisit.objects.filter(rating=rating, done_at__isnull=True).update(
        due_on=workdays.add_workdays(clock.today(), config.visit_days())
    )
    append_event(rating.case, "rectified", actor, {"matter": matter.public_id}, at=clock.now())


def do_return_visit(visit: ReturnVisit, *, actor, satisfied: bool, note: str = "") -> ReturnVisit:
    """回访: the center records what the applicant said after the rectification."""
    check(actor, "view_applicant", visit.rating.case.unit)
    with transaction.atomic():
        visit = ReturnVisit.objects.select_for_update().select_related("rating__case").get(pk=visit.pk)
        if visit.done_at is not None:
            raise WindowConflict(gettext("This return visit is already recorded."), "already_visited")
        visit.done_at, visit.visitor, visit.satisfied, visit.note = clock.now(), actor, satisfied, note[:2000]
        visit.save()
        append_event(visit.rating.case, "return_visit", actor, {"satisfied": satisfied}, at=clock.now())
    return visit


# ---- consultations, first inquiries, roster, green cards -------------------------------------


def _link(consultation: Consultation, case: ServiceCase, actor, at=None) -> None:
    if consultation.unit_id != case.unit_id:
        raise WindowError(gettext("The consultation belongs to another window."), "wrong_window")
    consultation.case = case
    consultation.save(update_fields=["case"])
    append_event(case, "consultation_linked", actor, {"kind": consultation.kind}, at=at)


def do_record_consultation(
    *,
    unit: Unit,
    actor,
    kind: str,
    subject: str,
    held_on: datetime.date,
    item: ServiceItem | None = None,
    enterprise: Target | None = None,
    note: str = "",
) -> Consultation:
    """提前介入."""
    check(actor, "record_case", unit)
    if not (subject or "").strip():
        raise WindowError(gettext("Give the project or subject."), "subject_required")
    with transaction.atomic():
        consultation = Consultation.objects.create(
            unit=unit,
            kind=kind,
            subject=subject.strip()[:200],
            held_on=held_on,
            item=item,
            enterprise=enterprise,
            staff=getattr(actor, "person", None),
            note=note,
        )
        append_event(consultation, "recorded", actor, {"kind": kind}, at=clock.now())
    return consultation


def do_link_consultation(consultation: Consultation, case: ServiceCase, *, actor) -> None:
    check(actor, "record_case", case.unit)
    with transaction.atomic():
        _link(consultation, case, actor)


def do_record_inquiry(
    *,
    unit: Unit,
    actor,
    person: Person,
    subject: str,
    item: ServiceItem | None = None,
    referred_to: Unit | None = None,
    answer: str = "",
    asked_at: datetime.datetime | None = None,
) -> FirstInquiry:
    """首问登记."""
    check(actor, "record_case", unit)
    if not (subject or "").strip():
        raise WindowError(gettext("Say what was asked."), "subject_required")
    with transaction.atomic():
        inquiry = FirstInquiry.objects.create(
            unit=unit,
            person=person,
            subject=subject.strip()[:200],
            item=item,
            referred_to=referred_to,
            answer=answer,
            asked_at=_now(asked_at),
        )
        append_event(inquiry, "recorded", actor, {}, at=clock.now())
    return inquiry


def do_set_duty(*, unit: Unit, day: datetime.date, person: Person, actor, phone: str = "") -> DutyRoster:
    """主任值班: one director per hall and day; setting it again replaces the person."""
    check(actor, "manage_roster", unit)
    with transaction.atomic():
        duty, created = DutyRoster.objects.update_or_create(
            unit=unit, day=day, defaults={"person": person, "phone": phone}
        )
        append_event(duty, "set", actor, {"person": person.pk}, at=clock.now())
        record(
            "windows.duty_set",
            actor=actor,
            target=duty,
            detail={"day": day.isoformat(), "person": person.name},
        )
    return duty


def has_green_card(enterprise: Target, day: datetime.date) -> bool:
    card = GreenCard.objects.filter(enterprise=enterprise).first()
    return card is not None and card.active_on(day)


def do_grant_green_card(
    enterprise: Target,
    *,
    actor,
    granted_on: datetime.date,
    valid_to: datetime.date | None = None,
    note: str = "",
) -> GreenCard:
    """绿卡: the enterprise is served first at every window."""
    check(actor, "manage_items")
    if valid_to is not None and valid_to < granted_on:
        raise WindowError(gettext("A green card cannot end before it begins."), "invalid_dates")
    with transaction.atomic():
        card, _created = GreenCard.objects.update_or_create(
            enterprise=enterprise, defaults={"granted_on": granted_on, "valid_to": valid_to, "note": note}
        )
        append_event(
            card, "granted", actor, {"valid_to": valid_to.isoformat() if valid_to else None}, at=clock.now()
        )
        record("windows.green_card", actor=actor, target=card, detail={"enterprise": enterprise.name})
    return card
