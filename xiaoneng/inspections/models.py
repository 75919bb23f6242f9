"""督查: inspection campaigns, their groups, members and targets, checklists, findings and suggestions.

Who may see what is decided in `xiaoneng.inspections.access`; every change of state goes
through `xiaoneng.inspections.actions`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.matters.models import PUBLIC_ID_LENGTH, Matter, new_public_id
from xiaoneng.org.models import Person, Unit


class CampaignKind(models.TextChoices):
    SPECIAL = "special", _("special supervision")
    JOINT = "joint", _("joint supervision")
    COVERT = "covert", _("covert visit")
    MYSTERY_SHOPPING = "mystery_shopping", _("mystery shopping")


class CampaignState(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("campaign state", "planned")
    ACTIVE = "active", pgettext_lazy("campaign state", "active")
    CLOSED = "closed", pgettext_lazy("campaign state", "closed")


class Checklist(models.Model):
    """检查清单: a reusable list of points to check on a visit (e.g. discipline)."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(pgettext_lazy("checklist", "active"), default=True)

    class Meta:
        verbose_name = _("checklist")
        verbose_name_plural = _("checklists")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ChecklistItem(models.Model):
    checklist = models.ForeignKey(Checklist, models.CASCADE, related_name="items",
                                  verbose_name=_("checklist"))
    text = models.CharField(_("point to check"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        ordering = ["checklist", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class Campaign(models.Model):
    """督查活动: 专题监督, 联动督查, 明察暗访 or 模拟客户, organised by the center or a unit."""

    public_id = models.CharField(
        _("number"), max_length=PUBLIC_ID_LENGTH, unique=True, default=new_public_id, editable=False
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices)
    # The center or a unit. A unit's own campaign (系统内明察暗访, 自查自纠) may only visit
    # its own subtree; the center's (county_wide) may visit any unit.
    organiser_unit = models.ForeignKey(Unit, models.PROTECT, related_name="organised_campaigns",
                                       verbose_name=_("organiser"))
    county_wide = models.BooleanField(_("organised by the center"), default=False)
    title = models.CharField(pgettext_lazy("campaign", "title"), max_length=200)
    basis = models.TextField(_("basis and plan"), blank=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    state = models.CharField(_("state"), max_length=10, choices=CampaignState.choices,
                             default=CampaignState.PLANNED)
    checklists = models.ManyToManyField(Checklist, blank=True, related_name="campaigns",
                                        verbose_name=_("checklists"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspection campaign")
        verbose_name_plural = _("inspection campaigns")
        ordering = ["-starts_on", "-pk"]
        permissions = [
            ("view_all_campaigns", _("See every inspection campaign, including secret ones")),
            ("organise_campaign", _("Organise inspection campaigns")),
            ("organise_own_campaign", _("Organise inspection campaigns within one's own unit")),
            ("hand_over_finding", _("Hand inspection findings over to units")),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:detail", args=[self.public_id])

    @property
    def is_closed(self) -> bool:
        return self.state == CampaignState.CLOSED

    def target_scope(self) -> models.QuerySet[Unit]:
        """Units this campaign may inspect: the county for the center, else the organiser's subtree."""
        if self.county_wide:
            return Unit.objects.all()
        return Unit.objects.subtree_of(self.organiser_unit)

    def member_users(self) -> models.QuerySet:
        from xiaoneng.org.models import User

        return User.objects.filter(campaign_memberships__group__campaign=self).distinct()


class CampaignGroup(models.Model):
    """督查组: a group of members visiting some of the targets."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="groups",
                                 verbose_name=_("campaign"))
    name = models.CharField(_("name"), max_length=60)
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                               related_name="+", verbose_name=_("group leader"))

    class Meta:
        verbose_name = _("inspection group")
        verbose_name_plural = _("inspection groups")
        ordering = ["campaign", "pk"]

    def __str__(self) -> str:
        return self.name


class CampaignMember(models.Model):
    group = models.ForeignKey(CampaignGroup, models.CASCADE, related_name="members",
                              verbose_name=_("group"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="campaign_memberships",
                             verbose_name=_("account"))
    person = models.ForeignKey(Person, models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name=_("person"))

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="inspections_member_once")]

    def __str__(self) -> str:
        return str(self.person or self.user)


class CampaignTarget(models.Model):
    """A unit or window the campaign visits (secret from that unit until the campaign closes)."""

    campaign = models.ForeignKey(Campaign, models.CASCADE, related_name="targets",
                                 verbose_name=_("campaign"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    group = models.ForeignKey(CampaignGroup, models.SET_NULL, null=True, blank=True,
                              related_name="targets", verbose_name=_("group"))
    visited_on = models.DateField(_("visited on"), null=True, blank=True)

    class Meta:
        verbose_name = _("inspected unit")
        verbose_name_plural = _("inspected units")
        ordering = ["campaign", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["campaign", "unit"], name="inspections_target_once")]

    def __str__(self) -> str:
        return str(self.unit)


class ChecklistResult(models.Model):
    target = models.ForeignKey(CampaignTarget, models.CASCADE, related_name="results",
                               verbose_name=_("inspected unit"))
    item = models.ForeignKey(ChecklistItem, models.PROTECT, related_name="+", verbose_name=_("point"))
    passed = models.BooleanField(_("passed"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                    related_name="+")
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("checklist result")
        verbose_name_plural = _("checklist results")
        constraints = [models.UniqueConstraint(fields=["target", "item"], name="inspections_result_once")]

    def __str__(self) -> str:
        return f"{self.item}: {'✓' if self.passed else '✗'}"


class FindingState(models.TextChoices):
    RECORDED = "recorded", pgettext_lazy("finding state", "recorded")
    HANDED_OVER = "handed_over", pgettext_lazy("finding state", "handed over")
    RESOLVED = "resolved", pgettext_lazy("finding state", "resolved")
    DISMISSED = "dismissed", pgettext_lazy("finding state", "dismissed")


class Finding(models.Model):
    """问题线索: a problem a member saw in the field; handed over, it becomes a matter."""

    public_id = models.CharField(
        _("number"), max_length=PUBLIC_ID_LENGTH, unique=True, default=new_public_id, editable=False
    )
    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="findings",
                                 verbose_name=_("campaign"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    what = models.TextField(_("what was found"))
    where = models.CharField(_("where"), max_length=200, blank=True)
    occurred_at = models.DateTimeField(_("when"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=12, choices=FindingState.choices,
                             default=FindingState.RECORDED)
    state_note = models.TextField(_("note"), blank=True)  # why dismissed, how resolved
    matter = models.OneToOneField(Matter, models.PROTECT, null=True, blank=True, related_name="finding",
                                  verbose_name=_("matter"))

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["campaign", "state"], name="inspections_finding_state")]

    def __str__(self) -> str:
        return self.what[:60]

    def get_absolute_url(self) -> str:
        return reverse("inspections:finding", args=[self.public_id])


class SuggestionState(models.TextChoices):
    OPEN = "open", pgettext_lazy("suggestion state", "open")
    ADOPTED = "adopted", pgettext_lazy("suggestion state", "adopted")
    DECLINED = "declined", pgettext_lazy("suggestion state", "declined")


class Suggestion(models.Model):
    """意见建议: advice given to a unit on a visit, followed until adopted or declined with a reason."""

    campaign = models.ForeignKey(Campaign, models.PROTECT, related_name="suggestions",
                                 verbose_name=_("campaign"))
    unit = models.ForeignKey(Unit, models.PROTECT, related_name="+", verbose_name=_("unit"))
    text = models.TextField(_("suggestion"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=SuggestionState.choices,
                             default=SuggestionState.OPEN)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("decided by"))

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["campaign", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
