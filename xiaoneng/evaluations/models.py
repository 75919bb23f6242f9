"""评议 evaluations: a round rates departments and sections by weighted rater groups and dimensions.

Ballots are cast through one-time links. A link (`BallotLink`) keeps only the SHA-256 of its
secret and a `used` flag; a `Ballot` keeps only its round and rater group, a random UUID key and
no time. Nothing joins the two, so once a link is used nobody can tell which ballot it cast
(docs/evaluations.md, "Unlinkability").
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.matters.models import new_public_id
from xiaoneng.org.models import Person, Unit

WEIGHT = {"max_digits": 6, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0.01"))]}
SCORE = {"max_digits": 7, "decimal_places": 2}


class RoundState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("evaluation round", "draft")
    OPEN = "open", pgettext_lazy("evaluation round", "open for ballots")
    CLOSED = "closed", pgettext_lazy("evaluation round", "closed")
    PUBLISHED = "published", pgettext_lazy("evaluation round", "published")


class Level(models.TextChoices):
    DEPARTMENT = "department", _("department")
    SECTION = "section", _("section")


class RaterKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("enterprises")
    SUPERVISOR = "supervisor", _("supervisors")
    DEPUTY = "deputy", _("deputies and committee members")
    PUBLIC = "public", _("the public")
    PEER = "peer", _("peer units")


class Grade(models.IntegerChoices):
    """What a rater can answer for one target on one dimension (不了解 = no answer)."""

    SATISFIED = 100, _("satisfied")
    FAIRLY = 80, _("fairly satisfied")
    BASIC = 60, _("basically satisfied")
    DISSATISFIED = 0, _("dissatisfied")


DEFAULT_DIMENSIONS = [("work style", "工作作风", Decimal("35")), ("efficiency", "工作效能", Decimal("35")),
                      ("service quality", "服务质量", Decimal("30"))]


class Round(models.Model):
    """评议: one evaluation round of a year."""

    public_id = models.CharField(_("number"), max_length=20, unique=True, default=new_public_id,
                                 editable=False)
    title = models.CharField(pgettext_lazy("evaluation round", "title"), max_length=120)
    year = models.PositiveSmallIntegerField(_("assessment year"))
    state = models.CharField(_("state"), max_length=12, choices=RoundState.choices, default=RoundState.DRAFT)
    min_ballots = models.PositiveSmallIntegerField(
        _("minimum ballots to be ranked"), default=5, validators=[MinValueValidator(1)])
    ledger_weight = models.DecimalField(
        _("weight of the score ledger in the composite (%)"), max_digits=5, decimal_places=2,
        default=Decimal("30"), validators=[MinValueValidator(0), MaxValueValidator(100)])
    ledger_base = models.DecimalField(_("ledger base score"), default=Decimal("100"), **SCORE)
    clause = models.CharField(_("clause applied to consequences"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    class Meta:
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")
        ordering = ["-year", "-created_at", "-pk"]
        permissions = [
            ("manage_round", _("Set up, open, close and publish evaluation rounds")),
            ("confirm_consequence", _("Confirm or withdraw the consequences of evaluations")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("evaluations:detail", args=[self.public_id])

    def get_public_url(self) -> str:
        return reverse("public_evaluations:detail", args=[self.public_id])

    @property
    def evaluation_weight(self) -> Decimal:
        return Decimal("100") - self.ledger_weight


class RaterGroup(models.Model):
    """参评群体: who rates, and how much their view weighs."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="groups")
    kind = models.CharField(_("kind"), max_length=12, choices=RaterKind.choices)
    name = models.CharField(_("name"), max_length=60)
    weight = models.DecimalField(_("weight"), **WEIGHT)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="evaluations_group_name")]

    def __str__(self) -> str:
        return self.name


class Dimension(models.Model):
    """评议内容: work style, efficiency, service quality."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="dimensions")
    name = models.CharField(_("name"), max_length=60)
    weight = models.DecimalField(_("weight"), **WEIGHT)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["round", "name"], name="evaluations_dimension_name")]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A department or section under evaluation, and after closing its result."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="targets")
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    # The result, written when the round closes (a snapshot: ballots and ledger at that moment).
    ballots = models.PositiveIntegerField(_("ballots"), default=0)
    evaluation_score = models.DecimalField(_("evaluation score"), null=True, blank=True, **SCORE)
    ledger_score = models.DecimalField(_("ledger score"), null=True, blank=True, **SCORE)
    composite = models.DecimalField(_("composite score"), null=True, blank=True, **SCORE)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)  # None: too few ballots
    is_best = models.BooleanField(_("best"), default=False)
    is_worst = models.BooleanField(_("worst"), default=False)

    class Meta:
        ordering = ["level", "rank", "unit__code"]
        constraints = [models.UniqueConstraint(fields=["round", "unit"], name="evaluations_target_once")]

    def __str__(self) -> str:
        return self.unit.name


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_secret() -> str:
    return secrets.token_urlsafe(24)  # 192 random bits


class BallotLink(models.Model):
    """一次性评议链接: only the hash of the secret is kept; no time of use is recorded."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="links")
    group = models.ForeignKey(RaterGroup, models.CASCADE, related_name="links")
    secret_hash = models.CharField(max_length=64, unique=True)
    used = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.group} · {'used' if self.used else 'unused'}"


class Ballot(models.Model):
    """One cast ballot. A random key and no time, so neither order nor moment ties it to a link."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, models.CASCADE, related_name="ballots")
    group = models.ForeignKey(RaterGroup, models.CASCADE, related_name="ballots")

    def __str__(self) -> str:
        return f"{self.round} · {self.group}"


class Mark(models.Model):
    """One answer of a ballot: a target on a dimension."""

    ballot = models.ForeignKey(Ballot, models.CASCADE, related_name="marks")
    target = models.ForeignKey(Target, models.CASCADE, related_name="marks")
    dimension = models.ForeignKey(Dimension, models.CASCADE, related_name="marks")
    value = models.PositiveSmallIntegerField(choices=Grade.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "target", "dimension"],
                                               name="evaluations_mark_once")]

    def __str__(self) -> str:
        return f"{self.target} · {self.dimension} · {self.value}"


class ConsequenceKind(models.TextChoices):
    LOSS_OF_AWARD_ELIGIBILITY = "loss_of_award_eligibility", _("loss of award eligibility for the year")
    HEAD_ACCOUNTABILITY = "head_accountability", _("accountability of the principal head")
    HEAD_REMOVAL = "head_removal", _("removal of the section head")


# The accountability form each kind becomes once confirmed (xiaoneng.accountability AccountabilityForm).
ACCOUNTABILITY_FORM = {
    ConsequenceKind.LOSS_OF_AWARD_ELIGIBILITY: "loss_of_award_eligibility",
    ConsequenceKind.HEAD_ACCOUNTABILITY: "admonition_talk",
    ConsequenceKind.HEAD_REMOVAL: "removal",
}


class ConsequenceState(models.TextChoices):
    DRAFTED = "drafted", _("drafted, awaiting confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Consequence(models.Model):
    """评议结果运用: drafted when a round closes; takes effect only once the confirmer confirms it."""

    round = models.ForeignKey(Round, models.CASCADE, related_name="consequences")
    target = models.ForeignKey(Target, models.CASCADE, related_name="consequences")
    kind = models.CharField(_("kind"), max_length=32, choices=ConsequenceKind.choices)
    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("person"))
    state = models.CharField(_("state"), max_length=12, choices=ConsequenceState.choices,
                             default=ConsequenceState.DRAFTED)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("evaluation consequence")
        verbose_name_plural = _("evaluation consequences")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["target", "kind"], name="evaluations_consequence_once"),
        ]

    def __str__(self) -> str:
        return f"{self.target.unit.name} · {self.get_kind_display()}"

    def get_absolute_url(self) -> str:
        return reverse("evaluations:detail", args=[self.round.public_id]) + f"#consequence-{self.pk}"
