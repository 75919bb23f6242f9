"""The only ways a complaint is filed, triaged, protected, published and rated.

The handling itself (assign, sign, reply, verify, close, reopen, escalate) is the matter's and
goes through xiaoneng.matters.actions. These functions check permission and write the
complaint with its trace event in one transaction. A refusal raises ComplaintError (bad
input) or matters' NotPermitted / IllegalTransition.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext

from xiaoneng.audit.log import record
from xiaoneng.complaints import identity as protect
from xiaoneng.complaints.identity import Identity
from xiaoneng.complaints.models import Category, Channel, Complaint, Satisfaction, Scope
from xiaoneng.matters import clock
from xiaoneng.matters.actions import do_receive_matter, do_reject_matter, do_reopen_matter
from xiaoneng.matters.models import Matter, MatterKind, Source, State, Verdict
from xiaoneng.matters.transitions import IllegalTransition, NotPermitted
from xiaoneng.org.access import sees_all_units
from xiaoneng.org.models import Person, Unit
from xiaoneng.search.hooks import matter_text_changed
from xiaoneng.trace.chain import append_event, events_for

log = logging.getLogger(__name__)

__all__ = [
    "ComplaintError", "Identity", "PublicStep", "do_file_complaint", "do_mark_duplicate",
    "do_view_identity", "do_redact", "do_set_public", "do_rate_satisfaction", "do_reopen_complaint",
    "do_dismiss_attention", "find_by_tracking", "visible_complaints", "can_see_complaint",
    "public_progress", "repeat_count",
]

_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"  # no 0/1/I/L/O/U: read aloud over the phone
TRACKING_PREFIX = "TS"
MAX_DESCRIPTION = 5000
VERIFIED_RULE = "complaint_verified"


class ComplaintError(Exception):
    """Bad input for a complaint; `message` is for the user, `code` a stable string for APIs."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message, self.code = message, code

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class PublicStep:
    at: datetime.datetime
    text: str


def _random(length: int) -> str:
    return "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))


def _new_tracking_code() -> str:
    while True:
        code = TRACKING_PREFIX + _random(10)
        if not Complaint.objects.filter(tracking_code=code).exists():
            return code


def _existing(channel: str, external_ref: str | None, idempotency_key: str | None) -> Complaint | None:
    if external_ref:
        found = Complaint.objects.filter(channel=channel, external_ref=external_ref).first()
        if found:
            return found
    if idempotency_key:
        return Complaint.objects.filter(idempotency_key=idempotency_key).first()
    return None


def _validate(category: str, scope: str, channel: str, description: str, kind_code: str) -> MatterKind:
    if category not in Category.values:
        raise ComplaintError(gettext("Choose what kind of problem this is."), "invalid_category")
    if scope not in Scope.values:
        raise ComplaintError(gettext("Choose the field of work concerned."), "invalid_scope")
    if channel not in Channel.values:
        raise ComplaintError(gettext("Unknown channel."), "invalid_channel")
    if not description:
        raise ComplaintError(gettext("Describe the problem."), "description_required")
    if len(description) > MAX_DESCRIPTION:
        raise ComplaintError(gettext("The description is too long (at most %(max)d characters).")
                             % {"max": MAX_DESCRIPTION}, "description_too_long")
    kind = MatterKind.objects.filter(code=kind_code, is_active=True).first()
    if kind is None:
        raise ComplaintError(gettext("Unknown kind of matter."), "invalid_kind")
    return kind


def _default_title(category: str, accused_unit: Unit | None) -> str:
    label = str(Category(category).label)
    return f"{label}：{accused_unit.short_name}" if accused_unit else label


def do_file_complaint(*, category: str, scope: str, description: str, title: str = "",
                      accused_unit: Unit | None = None, occurred_on: datetime.date | None = None,
                      anonymous: bool = True, name: str = "", phone: str = "", email: str = "",
                      id_number: str = "", attachments: Iterable[File] = (), channel: str = Channel.WEB,
                      actor=None, kind_code: str = "complaint", external_ref: str | None = None,
                      idempotency_key: str | None = None, request: HttpRequest | None = None,
                      received_at: datetime.datetime | None = None,
                      named_persons: Iterable[Person] = ()) -> tuple[Complaint, str]:
    """受理: file a complaint (a new matter) and return it with the plain query secret (shown once).

    `actor=None` is the public (web, Open311); staff need complaints.record_complaint. A known
    external_ref (per channel) or idempotency_key returns the existing complaint and "".
    `named_persons`: the cadres accused (staff intake); the complaint is never shown to them.
    """
    if actor is not None and not actor.has_perm("complaints.record_complaint"):
        raise NotPermitted(gettext("You may not record complaints."))
    description, title = (description or "").strip(), (title or "").strip()[:200]
    kind = _validate(category, scope, channel, description, kind_code)
    if existing := _existing(channel, external_ref, idempotency_key):
        return existing, ""
    if occurred_on is not None and occurred_on > clock.today():
        raise ComplaintError(gettext("The date lies in the future."), "invalid_date")
    who = Identity(name=(name or "").strip()[:60], phone=(phone or "").strip()[:32],
                   email=(email or "").strip()[:254], id_number=(id_number or "").strip()[:32])
    if not anonymous and not (who.name and who.phone):
        raise ComplaintError(gettext("Give your name and phone number, or complain anonymously."),
                             "identity_required")
    secret = _random(12)
    code = _new_tracking_code()
    try:
        with transaction.atomic():
            matter = do_receive_matter(
                kind=kind, title=title or _default_title(category, accused_unit), actor=actor,
                description=description, source=Source.COMPLAINT, received_at=received_at,
                attachments=attachments, event_data={
                    "channel": channel, "category": category, "scope": scope, "tracking_code": code,
                    "anonymous": anonymous},
            )
            complaint = Complaint.objects.create(
                matter=matter, category=category, scope=scope, channel=channel, accused_unit=accused_unit,
                occurred_on=occurred_on, anonymous=anonymous, identity=protect.encrypt_identity(who),
                phone_hash=protect.phone_hash(who.phone), tracking_code=code,
                secret_hash=protect.secret_hash(code, secret), external_ref=external_ref or None,
                idempotency_key=idempotency_key or None, created_at=matter.received_at,
            )
            if named_persons:
                complaint.named_persons.set(named_persons)
    except IntegrityError:
        # Another request with the same reference got in first: answer as the idempotent repeat.
        if existing := _existing(channel, external_ref, idempotency_key):
            return existing, ""
        raise
    return complaint, secret


def _require_staff(actor, perm: str) -> None:
    if actor is None or not actor.has_perm(perm) or not sees_all_units(actor):
        raise NotPermitted(gettext("You may not do this with this complaint."))


def _locked(complaint: Complaint) -> Complaint:
    return Complaint.objects.select_for_update(of=("self",)).select_related("matter").get(pk=complaint.pk)


def do_mark_duplicate(complaint: Complaint, *, actor, original: Complaint) -> Complaint:
    """重复件: close `complaint` as a duplicate of `original`; both keep and show the link."""
    _require_staff(actor, "complaints.triage_complaint")
    if original.pk == complaint.pk:
        raise ComplaintError(gettext("A complaint cannot duplicate itself."), "duplicate_self")
    root = original.duplicate_of or original
    if root.pk == complaint.pk:
        raise ComplaintError(gettext("That complaint is itself a duplicate of this one."), "duplicate_cycle")
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.duplicate_of_id is not None:
            raise IllegalTransition(gettext("This complaint is already marked as a duplicate."))
        reason = gettext("Duplicate of complaint %(code)s, which is handled in its place.") % {
            "code": root.tracking_code}
        do_reject_matter(complaint.matter, actor=actor, reason=reason)
        complaint.duplicate_of = root
        complaint.save(update_fields=["duplicate_of"])
        append_event(complaint.matter, "marked_duplicate", actor,
                     {"state": State.REJECTED, "original": root.matter.public_id}, at=clock.now())
        append_event(root.matter, "duplicate_received", actor,
                     {"state": root.matter.state, "duplicate": complaint.matter.public_id}, at=clock.now())
    return complaint


def do_view_identity(complaint: Complaint, *, actor, request: HttpRequest | None = None) -> Identity:
    """Decrypt the reporter's identity for a permitted staff member; every viewing is audited."""
    if (actor is None or not actor.has_perm("complaints.view_identity") or not sees_all_units(actor)
            or not can_see_complaint(actor, complaint)):
        raise NotPermitted(gettext("You may not see who filed this complaint."))
    with transaction.atomic():
        record("identity.view", actor=actor, request=request, target=complaint,
               detail={"tracking_code": complaint.tracking_code})
    return protect.decrypt_identity(complaint.identity)


def repeat_count(complaint: Complaint) -> int:
    """How many OTHER complaints came from the same phone (for permitted staff only)."""
    if not complaint.phone_hash:
        return 0
    return Complaint.objects.filter(phone_hash=complaint.phone_hash).exclude(pk=complaint.pk).count()


def do_redact(complaint: Complaint, *, actor, unit_text: str) -> Complaint:
    """What the unit reads instead of the original text (which stays on the matter)."""
    _require_staff(actor, "complaints.redact_complaint")
    with transaction.atomic():
        complaint = _locked(complaint)
        complaint.unit_text = (unit_text or "").strip()
        complaint.save(update_fields=["unit_text"])
        matter_text_changed(complaint.matter)  # the search index reads the redacted text
        append_event(complaint.matter, "redacted", actor,
                     {"state": complaint.matter.state, "redacted": bool(complaint.unit_text)}, at=clock.now())
    return complaint


def do_set_public(complaint: Complaint, *, actor, is_public: bool, public_summary: str = "") -> Complaint:
    """Show (a summary of) the complaint in the public list and Open311, or withdraw it."""
    _require_staff(actor, "complaints.publish_complaint")
    public_summary = (public_summary or "").strip()
    if is_public and not public_summary:
        raise ComplaintError(gettext("Write the summary the public will see."), "summary_required")
    with transaction.atomic():
        complaint = _locked(complaint)
        complaint.is_public, complaint.public_summary = is_public, public_summary
        complaint.save(update_fields=["is_public", "public_summary"])
        append_event(complaint.matter, "published" if is_public else "unpublished", actor,
                     {"state": complaint.matter.state, "summary": public_summary}, at=clock.now())
    return complaint


def do_rate_satisfaction(complaint: Complaint, *, rating: str) -> Complaint:
    """回访评价 by the reporter: once per closing; "unsatisfied" puts it before the center."""
    if rating not in Satisfaction.values:
        raise ComplaintError(gettext("Choose how satisfied you are."), "invalid_rating")
    with transaction.atomic():
        complaint = _locked(complaint)
        if complaint.matter.state != State.CLOSED:
            raise IllegalTransition(gettext("A complaint can be rated once it is closed."))
        if complaint.satisfaction:
            raise IllegalTransition(gettext("This complaint has already been rated."))
        complaint.satisfaction, complaint.satisfaction_at = rating, clock.now()
        complaint.needs_attention = rating == Satisfaction.UNSATISFIED
        complaint.save(update_fields=["satisfaction", "satisfaction_at", "needs_attention"])
        append_event(complaint.matter, "rated", None,
                     {"state": complaint.matter.state, "satisfaction": rating}, at=clock.now())
    return complaint


def do_reopen_complaint(complaint: Complaint, *, actor, reason: str,
                        time_limit: int | None = None) -> Complaint:
    """Reopen (matters' do_reopen_matter); the reporter may rate the new outcome again."""
    with transaction.atomic():
        do_reopen_matter(complaint.matter, actor=actor, reason=reason, time_limit=time_limit)
        complaint = _locked(complaint)
        complaint.satisfaction, complaint.satisfaction_at, complaint.needs_attention = "", None, False
        complaint.save(update_fields=["satisfaction", "satisfaction_at", "needs_attention"])
    return complaint


def do_dismiss_attention(complaint: Complaint, *, actor, note: str) -> Complaint:
    """The center looked at an unsatisfied rating and decided not to reopen, saying why."""
    _require_staff(actor, "complaints.triage_complaint")
    note = (note or "").strip()
    if not note:
        raise ComplaintError(gettext("Say why the complaint is not reopened."), "note_required")
    with transaction.atomic():
        complaint = _locked(complaint)
        if not complaint.needs_attention:
            raise IllegalTransition(gettext("This complaint does not need attention."))
        complaint.needs_attention = False
        complaint.save(update_fields=["needs_attention"])
        append_event(complaint.matter, "attention_dismissed", actor,
                     {"state": complaint.matter.state, "note": note}, at=clock.now())
    return complaint


def find_by_tracking(tracking_code: str, secret: str) -> Complaint | None:
    """The reporter's complaint, if the code and secret match (compared in constant time)."""
    code = (tracking_code or "").strip().upper()
    complaint = Complaint.objects.select_related("matter").filter(tracking_code=code).first()
    if complaint is None:
        protect.secret_matches(code, secret, "0" * 64)  # the same work either way
        return None
    return complaint if protect.secret_matches(code, secret, complaint.secret_hash) else None


def visible_complaints(user) -> QuerySet[Complaint]:
    """Complaints `user` may see: the matters' unit scope, and never one that names them."""
    if not user.is_authenticated or not user.has_perm("complaints.view_complaint"):
        return Complaint.objects.none()
    return Complaint.objects.filter(matter__in=Matter.objects.visible_to(user)).exclude(
        named_persons__user=user)


def can_see_complaint(user, complaint: Complaint) -> bool:
    return visible_complaints(user).filter(pk=complaint.pk).exists()


_PUBLIC_TEXT = {
    "received": lambda d: gettext("Your complaint was received."),
    "assigned": lambda d: gettext("Passed to %(unit)s for handling.") % {"unit": d.get("unit_name", "")},
    "signed": lambda d: gettext("The responsible unit has taken up your complaint."),
    "replied": lambda d: gettext("The responsible unit has replied."),
    "verified": lambda d: gettext("The center has checked the reply."),
    "closed": lambda d: gettext("Your complaint was concluded."),
    "reopened": lambda d: gettext("Your complaint was reopened for further handling."),
    "paused": lambda d: gettext("Handling is paused while waiting for information."),
    "resumed": lambda d: gettext("Handling continues."),
    "urged": lambda d: gettext("The center urged the unit to act."),
    "extension_granted": lambda d: gettext("The time for handling was extended."),
    "returned": lambda d: gettext("Your complaint is being passed to the right unit."),
    "rated": lambda d: gettext("Thank you for your rating."),
}


def public_progress(complaint: Complaint) -> list[PublicStep]:
    """The steps the reporter sees: plain sentences, no staff notes, no identity, no unit texts."""
    steps = []
    for event in events_for(complaint.matter):
        if event.kind == "rejected":
            text = gettext("Your complaint was not accepted: %(reason)s") % {
                "reason": (event.data or {}).get("reason", "")}
            if complaint.duplicate_of_id:
                # Never the other complaint's tracking code: it belongs to another reporter.
                text = gettext("Your complaint is handled together with an earlier complaint "
                               "about the same matter.")
        elif event.kind in _PUBLIC_TEXT:
            text = _PUBLIC_TEXT[event.kind](event.data or {})
        else:
            continue
        steps.append(PublicStep(at=event.at, text=text))
    return steps


def propose_verified_deduction(matter: Matter, actor) -> None:
    """Verify hook: a substantiated (or partly) complaint proposes a deduction for the unit."""
    from xiaoneng.scoring.actions import ScoringError, do_propose_entry

    complaint = Complaint.objects.filter(matter=matter).first()
    unit = matter.unit or (complaint.accused_unit if complaint else None)
    if complaint is None or unit is None or matter.verdict not in (Verdict.SUBSTANTIATED, Verdict.PARTLY):
        return
    reason = gettext("Complaint %(code)s was verified as “%(verdict)s”.") % {
        "code": complaint.tracking_code, "verdict": matter.get_verdict_display()}
    try:
        do_propose_entry(unit=unit, rule_code=VERIFIED_RULE, source=complaint, reason=reason,
                         proposer=None, source_url=complaint.get_absolute_url())
    except ScoringError:
        log.warning("no deduction proposed for complaint %s", complaint.tracking_code, exc_info=True)
