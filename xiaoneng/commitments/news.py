"""What public commitments tell the bulletin (中心动态) about a period: campaigns whose
commitments were made within it, in the newsletter's words, and the breaches found in it."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from xiaoneng.commitments.figures import breaches_between, campaign_figures, days_phrase
from xiaoneng.commitments.models import Campaign, NoticeState
from xiaoneng.news import Citation, NewsDraft


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    drafts = []
    campaigns = Campaign.objects.filter(commitments__committed_on__range=(start, end)).distinct()
    for campaign in campaigns:
        counts = campaign_figures(campaign)
        figures = {
            "units": counts.units,
            "leaders_on_tv": counts.leaders_on_tv,
            "items": counts.items,
            "days": days_phrase(counts.days),
        }
        text = _(
            "The county efficiency center organised the “%(name)s” campaign under %(basis)s. The heads "
            "or leadership collectives of %(leaders_on_tv)s units made specific and clear commitments "
            "on television on %(days)s; %(units)s units committed in all, with %(items)s promises. The "
            "center follows up their fulfilment; broken promises are made public, responsibility is "
            "pursued and points are deducted."
        ) % {
            **figures,
            "name": campaign.name,
            "basis": f"{campaign.issued_by}《{campaign.basis_title}》{campaign.basis_number}",
        }
        drafts.append(
            NewsDraft(
                key="commitments.campaign",
                title=_("Organising the public commitment campaign"),
                text=text,
                figures=figures,
                citations=[
                    Citation(str(c.unit), c.get_absolute_url())
                    for c in campaign.commitments.select_related("unit", "campaign")[:100]
                ],
            )
        )
    breaches = list(breaches_between(start, end).select_related("notice"))
    if breaches:
        published = sum(1 for b in breaches if b.notice.state == NoticeState.PUBLISHED)
        drafts.append(
            NewsDraft(
                key="commitments.breaches",
                title=_("Broken public commitments"),
                text=_(
                    "The center's follow-up found %(count)s broken commitments; %(published)s have been made "
                    "public."
                )
                % {"count": len(breaches), "published": published},
                figures={"breaches": len(breaches), "published": published},
                citations=[Citation(str(b), b.get_absolute_url()) for b in breaches],
            )
        )
    return drafts
