"""Window service supervision: the item catalogue, cases (办件), queue tickets (叫号), ratings
(好差评), first-inquiry records, duty roster, green cards, admonitions and service stars.

Windows are org Units of kind `window`; the people at them are org Persons. Figures are
computed from `ServiceCase` alone (one aggregate query per figure set), so the case carries
denormalised facts: its outcome, the queue wait of its ticket and its rating level.
"""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.matters.deadlines import DeadlineMixin, DeadlinePolicy
from xiaoneng.matters.models import new_public_id
from xiaoneng.org.models import Person, Target, Unit
from xiaoneng.windows import config


class ServiceItem(models.Model):
    """服务事项: one item a window accepts, with its legal and promised limits and materials."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="service_items", verbose_name=_("window"))
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    legal_limit = models.PositiveSmallIntegerField(_("legal limit (working days)"), default=0)
    promised_limit = models.PositiveSmallIntegerField(_("promised limit (working days)"), default=0)
    is_immediate = models.BooleanField(_("completed on the spot (即办件)"), default=False)
    materials = models.TextField(_("required materials"), blank=True, help_text=_("One per line."))
    is_public = models.BooleanField(_("listed publicly"), default=True)
    is_active = models.BooleanField(pgettext_lazy("service item", "active"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("service item")
        verbose_name_plural = _("service items")
        ordering = ["unit__path", "code"]
        permissions = [("manage_items", _("Manage the service item catalogue"))]

    def __str__(self) -> str:
        return self.name

    def material_list(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class CaseState(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("case state", "received")
    COMPLETED = "completed", pgettext_lazy("case state", "completed")


class Outcome(models.TextChoices):
    ON_THE_SPOT = "spot", _("on the spot")
    ON_TIME = "on_time", _("on time")
    LATE = "late", _("late")


class Level(models.IntegerChoices):
    VERY_SATISFIED = 5, _("very satisfied")
    SATISFIED = 4, _("satisfied")
    BASICALLY = 3, _("basically satisfied")
    UNSATISFIED = 2, _("unsatisfied")
    VERY_UNSATISFIED = 1, _("very unsatisfied")


BAD_LEVELS = (Level.UNSATISFIED, Level.VERY_UNSATISFIED)
# The standard 好差评 dimensions, each scored with the same five levels.
DIMENSIONS = {
    "attitude": _("service attitude"),
    "efficiency": _("efficiency"),
    "guidance": _("guidance and notification"),
    "competence": _("competence"),
    "environment": _("environment"),
}


class ServiceCase(DeadlineMixin):
    """办件: received at a window, completed on the spot, on time or late."""

    public_id = models.CharField(max_length=20, unique=True, default=new_public_id, editable=False)
    number = models.CharField(_("case number"), max_length=32, unique=True)
    item = models.ForeignKey(
        ServiceItem, models.PROTECT, related_name="cases", verbose_name=_("service item")
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="service_cases", verbose_name=_("window"))
    staff = models.ForeignKey(
        Person,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="service_cases",
        verbose_name=_("staff member"),
    )
    # Personal data: shown only to roles with view_applicant, never publicly, never in figures.
    applicant_name = models.CharField(_("applicant"), max_length=60)
    applicant_phone = models.CharField(_("applicant phone"), max_length=32, blank=True)
    enterprise = models.ForeignKey(
        Target,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="service_cases",
        verbose_name=_("enterprise"),
    )
    green_card = models.BooleanField(_("green card"), default=False)
    state = models.CharField(_("state"), max_length=12, choices=CaseState.choices, default=CaseState.RECEIVED)
    received_at = models.DateTimeField(_("received at"))
    received_on = models.DateField(_("received on"))
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, blank=True)
    wait_seconds = models.PositiveIntegerField(_("queue wait (seconds)"), null=True, blank=True)
    rating_level = models.PositiveSmallIntegerField(_("rating"), choices=Level.choices, null=True, blank=True)
    rating_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta(DeadlineMixin.Meta):
        verbose_name = _("service case")
        verbose_name_plural = _("service cases")
        ordering = ["-received_at"]
        permissions = [
            ("record_case", _("Record and complete service cases")),
            ("view_applicant", _("See applicants of service cases")),
            ("view_figures", _("See window figures and rankings")),
        ]
        indexes = [
            *DeadlineMixin.Meta.indexes,
            # The live board: open cases counted per window and colour from the index alone, and
            # the most urgent red (then yellow) cards read in deadline order, 50 index entries.
            models.Index(fields=["state", "unit", "colour"], name="windows_case_open"),
            models.Index(fields=["state", "colour", "deadline"], name="windows_case_due"),
            models.Index(fields=["unit", "received_on"], name="windows_case_unit_day"),
            models.Index(fields=["staff", "received_on"], name="windows_case_staff_day"),
            models.Index(fields=["enterprise", "received_on"], name="windows_case_ent_day"),
            # Completed and not yet rated, by day completed: the few not yet deemed satisfied.
            models.Index(
                fields=["completed_on", "received_on"],
                condition=Q(rating_level__isnull=True, completed_on__isnull=False),
                name="windows_case_unrated",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("windows:case", args=[self.public_id])

    def deadline_policy(self) -> DeadlinePolicy:
        return DeadlinePolicy(
            yellow_days_before=None, yellow_share=config.yellow_share(), escalation_after=()
        )


class ConsultationKind(models.TextChoices):
    """The environmental window's four 提前介入 (seed 2013-1)."""

    PROJECT = "project", _("advice while the project is being considered")
    REPORT = "report", _("advice while the assessment report is drafted")
    ACCEPTANCE = "acceptance", _("materials and procedure told before acceptance")
    DRAFT = "draft", _("approval opinion drafted in advance")


class Consultation(models.Model):
    """提前介入: advice given before an application, later linked to the case that follows."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="consultations", verbose_name=_("window"))
    item = models.ForeignKey(
        ServiceItem, models.PROTECT, null=True, blank=True, verbose_name=_("service item")
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ConsultationKind.choices)
    subject = models.CharField(_("project or subject"), max_length=200)
    enterprise = models.ForeignKey(
        Target, models.PROTECT, null=True, blank=True, verbose_name=_("enterprise")
    )
    staff = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, verbose_name=_("staff member"))
    held_on = models.DateField(_("held on"))
    note = models.TextField(_("note"), blank=True)
    case = models.ForeignKey(
        ServiceCase,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("following case"),
    )

    class Meta:
        verbose_name = _("pre-application consultation")
        verbose_name_plural = _("pre-application consultations")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return self.subject


class TicketState(models.TextChoices):
    ISSUED = "issued", pgettext_lazy("ticket", "waiting")
    CALLED = "called", pgettext_lazy("ticket", "called")
    SERVED = "served", pgettext_lazy("ticket", "served")
    ABANDONED = "abandoned", pgettext_lazy("ticket", "abandoned")


class QueueTicket(models.Model):
    """叫号: one ticket carries its events (issued, called, served or abandoned) as timestamps."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="queue_tickets", verbose_name=_("window"))
    day = models.DateField(_("day"))
    number = models.CharField(_("ticket number"), max_length=12)
    state = models.CharField(
        _("state"), max_length=10, choices=TicketState.choices, default=TicketState.ISSUED
    )
    green_card = models.BooleanField(_("green card"), default=False)
    enterprise = models.ForeignKey(
        Target, models.PROTECT, null=True, blank=True, verbose_name=_("enterprise")
    )
    issued_at = models.DateTimeField(pgettext_lazy("ticket", "issued at"))
    hour = models.PositiveSmallIntegerField(_("hour issued"))
    called_at = models.DateTimeField(_("called at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    counter = models.CharField(_("counter"), max_length=20, blank=True)
    staff = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, verbose_name=_("staff member"))
    wait_seconds = models.PositiveIntegerField(_("wait (seconds)"), null=True, blank=True)

    class Meta:
        verbose_name = _("queue ticket")
        verbose_name_plural = _("queue tickets")
        ordering = ["day", "issued_at"]
        permissions = [("operate_queue", _("Issue and call queue tickets"))]
        constraints = [
            models.UniqueConstraint(fields=["unit", "day", "number"], name="windows_ticket_unique")
        ]
        indexes = [
            models.Index(fields=["unit", "day", "state"], name="windows_ticket_queue"),
            models.Index(fields=["day", "unit", "hour", "wait_seconds"], name="windows_ticket_waits"),
        ]

    def __str__(self) -> str:
        return self.number


class DutyRoster(models.Model):
    """主任值班: who is director on duty in a hall (or window) on a day."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="duty_days", verbose_name=_("hall or window"))
    day = models.DateField(_("day"))
    person = models.ForeignKey(
        Person, models.PROTECT, related_name="duty_days", verbose_name=_("director on duty")
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)

    class Meta:
        verbose_name = _("director on duty")
        verbose_name_plural = _("duty roster")
        ordering = ["-day"]
        permissions = [("manage_roster", _("Manage the duty roster"))]
        constraints = [models.UniqueConstraint(fields=["unit", "day"], name="windows_duty_unique")]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.person}"


class FirstInquiry(models.Model):
    """首问登记: the first person asked is responsible for seeing the visitor through."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="first_inquiries", verbose_name=_("window"))
    person = models.ForeignKey(Person, models.PROTECT, verbose_name=_("first person asked"))
    asked_at = models.DateTimeField(_("asked at"))
    subject = models.CharField(_("what was asked"), max_length=200)
    item = models.ForeignKey(
        ServiceItem, models.SET_NULL, null=True, blank=True, verbose_name=_("service item")
    )
    referred_to = models.ForeignKey(
        Unit, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("referred to")
    )
    answer = models.TextField(_("answer or referral"), blank=True)

    class Meta:
        verbose_name = _("first-inquiry record")
        verbose_name_plural = _("first-inquiry records")
        ordering = ["-asked_at"]

    def __str__(self) -> str:
        return self.subject


class GreenCard(models.Model):
    """绿卡: an enterprise served first and followed closely."""

    enterprise = models.OneToOneField(
        Target, models.PROTECT, related_name="green_card", verbose_name=_("enterprise")
    )
    granted_on = models.DateField(_("granted on"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("green card")
        verbose_name_plural = _("green cards")
        ordering = ["enterprise__name"]

    def __str__(self) -> str:
        return str(self.enterprise)

    def active_on(self, day: datetime.date) -> bool:
        return self.granted_on <= day and (self.valid_to is None or self.valid_to >= day)


class Channel(models.TextChoices):
    LINK = "link", _("link or QR code")
    IMPORT = "import", _("provincial platform")


class Rating(models.Model):
    """好差评: exactly one per case. A bad one opens a rectification matter and a return visit."""

    case = models.OneToOneField(ServiceCase, models.PROTECT, related_name="rating", verbose_name=_("case"))
    level = models.PositiveSmallIntegerField(_("rating"), choices=Level.choices)
    dimensions = models.JSONField(_("dimensions"), default=dict, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    external_ref = models.CharField(
        _("platform reference"), max_length=64, null=True, blank=True, unique=True
    )
    rated_at = models.DateTimeField(_("rated at"))
    matter = models.OneToOneField(
        "matters.Matter",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="window_rating",
        verbose_name=_("rectification"),
    )
    rectified_at = models.DateTimeField(_("rectification verified at"), null=True, blank=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        ordering = ["-rated_at"]
        permissions = [("import_ratings", _("Import ratings from the provincial platform"))]
        indexes = [models.Index(fields=["level", "rated_at"], name="windows_rating_level")]

    def __str__(self) -> str:
        return f"{self.case} {self.get_level_display()}"

    @property
    def is_bad(self) -> bool:
        return self.level in BAD_LEVELS


class ReturnVisit(models.Model):
    """回访: the center calls the applicant back after a bad rating."""

    rating = models.OneToOneField(
        Rating, models.PROTECT, related_name="return_visit", verbose_name=_("rating")
    )
    due_on = models.DateField(_("due on"))
    done_at = models.DateTimeField(_("visited at"), null=True, blank=True)
    visitor = models.ForeignKey(
        "org.User", models.PROTECT, null=True, blank=True, verbose_name=_("visited by")
    )
    satisfied = models.BooleanField(_("satisfied after rectification"), null=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("return visit")
        verbose_name_plural = _("return visits")
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"{self.rating} {self.due_on:%Y-%m-%d}"


class Admonition(models.Model):
    """诫勉谈话 proposal: a window at the bottom of the monthly ranking two months running."""

    unit = models.ForeignKey(Unit, models.PROTECT, related_name="admonitions", verbose_name=_("window"))
    month = models.DateField(_("month"))  # the first day of the second month
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    proposal = models.ForeignKey(
        "scoring.ScoreProposal", models.SET_NULL, null=True, blank=True, verbose_name=_("score proposal")
    )

    class Meta:
        verbose_name = _("admonition talk proposal")
        verbose_name_plural = _("admonition talk proposals")
        ordering = ["-month", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["unit", "month"], name="windows_admonition_unique")]

    def __str__(self) -> str:
        return f"{self.unit} {self.month:%Y-%m}"


class StarState(models.TextChoices):
    PROPOSED = "proposed", pgettext_lazy("service star", "proposed")
    CONFIRMED = "confirmed", pgettext_lazy("service star", "confirmed")
    WITHDRAWN = "withdrawn", pgettext_lazy("service star", "withdrawn")


class ServiceStar(models.Model):
    """服务之星: proposed each quarter from figures and ratings, confirmed by the center, published."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="service_stars", verbose_name=_("person"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("window"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    figures = models.JSONField(_("figures"), default=dict)
    state = models.CharField(_("state"), max_length=10, choices=StarState.choices, default=StarState.PROPOSED)
    decided_by = models.ForeignKey(
        "org.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("decided by")
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("service star")
        verbose_name_plural = _("service stars")
        ordering = ["-year", "-quarter", "unit__path"]
        permissions = [
            ("confirm_star", _("Propose and confirm service stars, admonitions and poor performers"))
        ]
        constraints = [
            models.UniqueConstraint(fields=["person", "year", "quarter"], name="windows_star_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person.name} {self.year}Q{self.quarter}"


class PoorPerformance(models.Model):
    """问责考核较差人员: a person lowest at their window in a quarter, with the figures the ledger
    proposal rests on."""

    person = models.ForeignKey(Person, models.PROTECT, related_name="+", verbose_name=_("person"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    figures = models.JSONField(_("figures"), default=dict)
    reason = models.TextField(_("reason"))
    proposal = models.ForeignKey(
        "scoring.ScoreProposal", models.SET_NULL, null=True, blank=True, verbose_name=_("score proposal")
    )

    class Meta:
        verbose_name = _("poor performance")
        verbose_name_plural = _("poor performances")
        ordering = ["-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year", "quarter"], name="windows_poor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} {self.year}Q{self.quarter}"


class CaseDay(models.Model):
    """Daily rollup of cases per window and staff member (received_on, unit, staff): what the
    figures sum. Kept by the case actions in the same transaction as the case (`rollup.py`), and
    rebuildable from the cases (`xiaoneng windows_rollup`)."""

    day = models.DateField(_("day"))
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+", verbose_name=_("window"))
    staff_key = models.PositiveIntegerField(default=0)  # the staff Person's id, 0 for none
    cases = models.PositiveIntegerField(default=0)
    completed = models.PositiveIntegerField(default=0)
    on_the_spot = models.PositiveIntegerField(default=0)
    on_time = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)
    rated = models.PositiveIntegerField(default=0)  # real ratings
    satisfied = models.PositiveIntegerField(default=0)  # real ratings of levels 3-5
    bad = models.PositiveIntegerField(default=0)
    rectified = models.PositiveIntegerField(default=0)
    unrated_completed = models.PositiveIntegerField(default=0)
    wait_sum = models.BigIntegerField(default=0)
    wait_n = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily case figures")
        verbose_name_plural = _("daily case figures")
        constraints = [
            models.UniqueConstraint(fields=["day", "unit", "staff_key"], name="windows_caseday_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.unit_id}/{self.staff_key}"


class QueueHour(models.Model):
    """Hourly rollup of queue tickets per day and window (hour of issue): what `queue.waits` sums.
    Kept by the queue actions in the ticket's transaction; rebuilt by `xiaoneng windows_rollup`."""

    day = models.DateField(_("day"))
    unit = models.ForeignKey(Unit, models.CASCADE, related_name="+", verbose_name=_("window"))
    hour = models.PositiveSmallIntegerField(_("hour issued"))
    tickets = models.PositiveIntegerField(default=0)
    called = models.PositiveIntegerField(default=0)
    abandoned = models.PositiveIntegerField(default=0)
    wait_sum = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("hourly queue figures")
        verbose_name_plural = _("hourly queue figures")
        constraints = [
            models.UniqueConstraint(fields=["day", "unit", "hour"], name="windows_queuehour_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.unit_id} {self.hour}h"
