"""服务实绩: quarterly declarations by units, the center's screening, the city's contest, 公示.

A declaration goes draft → submitted (awaiting the unit head) → declared (with the center) →
verified or rejected (with a reason) → selected as typical. Selected declarations are exported
as the package sent to the city, whose result is recorded when it comes back; year-end awards
(十佳举措 / 十件实事) are recorded on the declaration. During a display period (公示) the
public comments or objects; comments are moderated and an edited comment keeps its original.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.matters.models import PUBLIC_ID_LENGTH, new_public_id
from xiaoneng.org.models import Unit


class DeclarationState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("declaration state", "draft")
    SUBMITTED = "submitted", pgettext_lazy("declaration state", "awaiting the unit head")
    DECLARED = "declared", pgettext_lazy("declaration state", "declared")
    VERIFIED = "verified", pgettext_lazy("declaration state", "verified")
    REJECTED = "rejected", pgettext_lazy("declaration state", "rejected")
    SELECTED = "selected", pgettext_lazy("declaration state", "selected as typical")


# States that reached the center: what "N units declared M achievements" counts.
DECLARED_STATES = (
    DeclarationState.DECLARED,
    DeclarationState.VERIFIED,
    DeclarationState.REJECTED,
    DeclarationState.SELECTED,
)


class CityResult(models.TextChoices):
    PENDING = "", pgettext_lazy("city result", "awaiting the city")
    CHOSEN = "chosen", _("chosen among the city's ten practical things")
    NOT_CHOSEN = "not_chosen", _("not chosen")


class YearAward(models.TextChoices):
    NONE = "", pgettext_lazy("year award", "none")
    TOP_TEN_MEASURES = "top_ten_measures", _("top ten measures")
    TEN_PRACTICAL_THINGS = "ten_practical_things", _("ten practical things")


class Declaration(models.Model):
    public_id = models.CharField(
        _("number"), max_length=PUBLIC_ID_LENGTH, unique=True, default=new_public_id, editable=False
    )
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    title = models.CharField(pgettext_lazy("achievement", "title"), max_length=200)
    what_done = models.TextField(_("what was done"))
    beneficiaries = models.CharField(_("for whom"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=DeclarationState.choices, default=DeclarationState.DRAFT
    )
    state_reason = models.TextField(_("reason"), blank=True)  # why rejected or returned
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("declared by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    declared_at = models.DateTimeField(_("declared at"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    selected_at = models.DateTimeField(_("selected at"), null=True, blank=True)
    city_result = models.CharField(
        _("the city's result"),
        max_length=12,
        choices=CityResult.choices,
        default=CityResult.PENDING,
        blank=True,
    )
    city_note = models.CharField(_("the city's note"), max_length=200, blank=True)
    year_award = models.CharField(
        _("year-end award"), max_length=24, choices=YearAward.choices, default=YearAward.NONE, blank=True
    )

    class Meta:
        verbose_name = _("service achievement")
        verbose_name_plural = _("service achievements")
        ordering = ["-year", "-quarter", "unit__sort_order", "pk"]
        indexes = [models.Index(fields=["year", "quarter", "state"], name="achievements_quarter_state")]
        permissions = [
            ("declare_achievement", _("Declare service achievements of one's own unit")),
            ("approve_declaration", _("Approve one's own unit's declarations")),
            ("screen_declaration", _("Verify, screen and select service achievements")),
            ("moderate_comment", _("Moderate public comments on achievements")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("achievements:detail", args=[self.public_id])

    def get_public_url(self) -> str:
        return reverse("public_achievements:detail", args=[self.public_id])

    @property
    def quarter_label(self) -> str:
        return f"{self.year} Q{self.quarter}"


class DisplayPeriod(models.Model):
    """公示: the quarter's selected achievements are shown to the public between two days."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("display period")
        verbose_name_plural = _("display periods")
        ordering = ["-year", "-quarter"]
        constraints = [models.UniqueConstraint(fields=["year", "quarter"], name="achievements_display_once")]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"

    def is_open(self, day) -> bool:
        return self.starts_on <= day <= self.ends_on


class CommentKind(models.TextChoices):
    COMMENT = "comment", pgettext_lazy("public comment kind", "comment")
    OBJECTION = "objection", pgettext_lazy("public comment kind", "objection")


class CommentState(models.TextChoices):
    PENDING = "pending", pgettext_lazy("comment state", "awaiting moderation")
    SHOWN = "shown", pgettext_lazy("comment state", "shown")
    HIDDEN = "hidden", pgettext_lazy("comment state", "hidden")


class PublicComment(models.Model):
    """A comment or objection from the public; `original_text` keeps what was sent, always."""

    declaration = models.ForeignKey(
        Declaration, models.CASCADE, related_name="comments", verbose_name=_("service achievement")
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=CommentKind.choices, default=CommentKind.COMMENT
    )
    name = models.CharField(_("name (optional)"), max_length=40, blank=True)
    text = models.TextField(_("comment"))
    original_text = models.TextField(_("original text"))
    state = models.CharField(
        _("state"), max_length=8, choices=CommentState.choices, default=CommentState.PENDING
    )
    hidden_reason = models.CharField(_("why hidden"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderated by"),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)

    class Meta:
        verbose_name = _("public comment")
        verbose_name_plural = _("public comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]

    def get_absolute_url(self) -> str:
        return self.declaration.get_absolute_url()

    @property
    def edited(self) -> bool:
        return self.text != self.original_text
