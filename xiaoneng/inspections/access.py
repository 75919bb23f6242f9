"""Who sees which campaign, and how much of it.

- Center staff and admin (and leaders, read-only) see every campaign.
- The head or liaison of a unit that organised a campaign (系统内明察暗访) manages it.
- Members (supervisors and cadres in its groups) see the campaigns they belong to.
- An inspected unit sees nothing before the campaign closes: not its targets, not its dates,
  not that it exists. After closing, its head, liaison and staff see the campaign and only the
  targets, findings and suggestions about their own subtree.
"""

from __future__ import annotations

import enum

from django.db.models import Q, QuerySet

from xiaoneng.inspections.models import Campaign, CampaignState, Finding, Suggestion


class Standing(enum.Enum):
    MANAGER = "manager"  # may change the campaign
    OBSERVER = "observer"  # sees all of it, changes nothing (leaders)
    MEMBER = "member"  # sees all of it, records findings and suggestions
    INSPECTED = "inspected"  # after closing: sees what concerns its own subtree
    NONE = "none"


def _unit(user):
    return getattr(user, "unit", None) if user.is_authenticated else None


def can_organise(user) -> bool:
    return user.is_authenticated and (
        user.has_perm("inspections.organise_campaign")
        or (user.has_perm("inspections.organise_own_campaign") and _unit(user) is not None)
    )


def manages(user, campaign: Campaign) -> bool:
    if not user.is_authenticated:
        return False
    if user.has_perm("inspections.organise_campaign"):
        return True
    unit = _unit(user)
    return (user.has_perm("inspections.organise_own_campaign") and unit is not None
            and campaign.organiser_unit.is_within(unit))


def is_member(user, campaign: Campaign) -> bool:
    return user.is_authenticated and (
        campaign.groups.filter(Q(members__user=user) | Q(leader=user)).exists()
    )


def standing(user, campaign: Campaign) -> Standing:
    if manages(user, campaign):
        return Standing.MANAGER
    if user.is_authenticated and user.has_perm("inspections.view_all_campaigns"):
        return Standing.OBSERVER
    if is_member(user, campaign):
        return Standing.MEMBER
    unit = _unit(user)
    if (campaign.is_closed and unit is not None and user.has_perm("inspections.view_campaign")
            and _concerns(campaign, unit.path)):
        return Standing.INSPECTED
    return Standing.NONE


def _concerns(campaign: Campaign, path: str) -> bool:
    return (campaign.targets.filter(unit__path__startswith=path).exists()
            or campaign.findings.filter(unit__path__startswith=path).exists()
            or campaign.suggestions.filter(unit__path__startswith=path).exists())


def visible_campaigns(user) -> QuerySet[Campaign]:
    if not user.is_authenticated:
        return Campaign.objects.none()
    if user.has_perm("inspections.view_all_campaigns") or user.has_perm("inspections.organise_campaign"):
        return Campaign.objects.all()
    mine = Q(groups__members__user=user) | Q(groups__leader=user)
    unit = _unit(user)
    if unit is not None:
        if user.has_perm("inspections.organise_own_campaign"):
            mine |= Q(organiser_unit__path__startswith=unit.path)
        if user.has_perm("inspections.view_campaign"):
            mine |= Q(state=CampaignState.CLOSED) & (
                Q(targets__unit__path__startswith=unit.path)
                | Q(findings__unit__path__startswith=unit.path)
                | Q(suggestions__unit__path__startswith=unit.path)
            )
    ids = Campaign.objects.filter(mine).values("pk")
    return Campaign.objects.filter(pk__in=ids)


def _scoped(queryset: QuerySet, user, campaign: Campaign) -> QuerySet:
    level = standing(user, campaign)
    if level in (Standing.MANAGER, Standing.OBSERVER, Standing.MEMBER):
        return queryset
    if level is Standing.INSPECTED:
        return queryset.filter(unit__path__startswith=_unit(user).path)
    return queryset.none()


def visible_targets(user, campaign: Campaign) -> QuerySet:
    return _scoped(campaign.targets.select_related("unit", "group"), user, campaign)


def visible_findings(user, campaign: Campaign) -> QuerySet[Finding]:
    return _scoped(campaign.findings.select_related("unit", "recorded_by", "matter"), user, campaign)


def visible_suggestions(user, campaign: Campaign) -> QuerySet[Suggestion]:
    return _scoped(campaign.suggestions.select_related("unit"), user, campaign)


def can_see_finding(user, finding: Finding) -> bool:
    return visible_findings(user, finding.campaign).filter(pk=finding.pk).exists()


def can_record(user, campaign: Campaign) -> bool:
    """Members and managers record findings and suggestions while the campaign is active."""
    return campaign.state == CampaignState.ACTIVE and (
        is_member(user, campaign) or manages(user, campaign)
    )


def can_decide_suggestion(user, suggestion: Suggestion) -> bool:
    """The campaign's managers, or (after closing) the suggestion's unit, record the decision."""
    if not user.is_authenticated or not user.has_perm("inspections.change_suggestion"):
        return False
    if manages(user, suggestion.campaign):
        return True
    unit = _unit(user)
    return (suggestion.campaign.is_closed and unit is not None
            and suggestion.unit.is_within(unit))
