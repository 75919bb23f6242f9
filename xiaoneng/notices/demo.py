"""The demo county's notices (a step of xiaoneng.demo.builder.STEPS): a criticism drafted from
an accountability record and a commendation, both approved and published; the criticism's
critical_notice deduction is approved into the ledger; one draft waits."""

from __future__ import annotations

from xiaoneng.accountability.models import AccountabilityForm, AccountabilityRecord, RecordState
from xiaoneng.notices.actions import do_approve_notice, do_draft_from, do_draft_notice, do_publish_notice
from xiaoneng.scoring.actions import do_approve_proposal
from xiaoneng.scoring.models import ScoreProposal


def build_notices(ctx) -> None:
    staff, admin = ctx.accounts["center_staff1"], ctx.accounts["center_admin"]
    record = (
        AccountabilityRecord.objects.filter(
            form=AccountabilityForm.CRITICAL_NOTICE, state=RecordState.DECIDED
        )
        .order_by("pk")
        .first()
    )
    if record is not None:
        notice = do_publish_notice(do_approve_notice(do_draft_from(record, staff), admin), admin)
        for proposal in ScoreProposal.objects.filter(
            source_id=notice.pk, rule__code="critical_notice", unit__isnull=False
        ):
            do_approve_proposal(proposal, ctx.accounts["confirmer"])
    praised = [ctx.unit(code) for code in ("rsj", "cgj") if code in ctx.units]
    commendation = do_draft_notice(
        kind="commendation",
        title="关于表扬“十佳举措”“十件实事”承办单位的通报",
        actor=staff,
        units=praised,
        body="县人社局“五险合一”征缴改革、县城管局背街小巷整治分别入选年度“十佳举措”“十件实事”。\n"
        "希望受表扬单位再接再厉，各部门单位学习借鉴，进一步提升服务效能。",
    )
    do_publish_notice(do_approve_notice(commendation, admin), admin)
    do_draft_notice(
        kind="criticism",
        title="关于县环境保护局督办事项超期的通报",
        actor=staff,
        units=[ctx.unit("hbj")],
        body="县环境保护局环评审批督办事项超期未办结。\n请于5个工作日内整改到位。",
    )
