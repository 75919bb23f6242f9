"""The `jinhu_2013` fixture's commitments: the "改进作风、优化服务" campaign of the first seed issue.

"53个软环境和效能建设重点部门单位主要负责人或领导班子集体，集中于3月21、22日在县广电台演播大厅，
就审批提速、规范执法、控减企业负担及执行“绿卡”制度等，通过电视作出具体而明确的承诺。同时，组织
基层站所…通过广播、电视、报纸、网络、公开栏等多种途径及签订承诺书、责任状等不同方式进行公开承诺。"

Records are made through `xiaoneng.commitments.actions`; figures come from
`xiaoneng.commitments.figures` (the same functions as the screens and the bulletin).
"""

from __future__ import annotations

import datetime

from xiaoneng.commitments import actions
from xiaoneng.commitments.demo import PROMISES, STATIONS
from xiaoneng.commitments.figures import campaign_figures, days_phrase
from xiaoneng.commitments.models import Campaign, Channel, CommitterKind
from xiaoneng.demo.county import KEY_UNITS_2013
from xiaoneng.demo.jinhu_2013 import Figure

NAME = "“改进作风、优化服务”集中公开承诺活动"
DAYS = (datetime.date(2013, 3, 21), datetime.date(2013, 3, 22))


def build(ctx) -> None:
    staff = ctx.accounts["center_staff1"]
    campaign = actions.do_create_campaign(
        actor=staff,
        name=NAME,
        basis_title="关于开展“改进作风、优化服务”集中公开承诺活动的通知",
        basis_number="金软建办〔2013〕3号",
        issued_by="县效能中心",
        starts_on=DAYS[0],
        ends_on=datetime.date(2013, 12, 31),
    )
    for n, (code, _name, _short) in enumerate(KEY_UNITS_2013):
        commitment = actions.do_record_commitment(
            campaign,
            actor=staff,
            unit=ctx.unit(code),
            committer_kind=CommitterKind.HEAD if n % 3 else CommitterKind.COLLECTIVE,
            committed_on=DAYS[0] if n < 27 else DAYS[1],
            channels=[Channel.TV],
            statement="在县广电台演播大厅，通过电视作出具体而明确的承诺。",
        )
        kind, promise, value, unit = PROMISES[n % len(PROMISES)]
        actions.do_add_item(
            commitment,
            actor=staff,
            kind=kind,
            promise=promise,
            target_value=value,
            target_unit=unit,
            due_on=datetime.date(2013, 12, 31),
        )
    for code, channels in STATIONS:
        if code in ctx.units:
            actions.do_record_commitment(
                campaign,
                actor=staff,
                unit=ctx.unit(code),
                committer_kind=CommitterKind.HEAD,
                committed_on=DAYS[1],
                channels=channels,
            )


def _counts():
    return campaign_figures(Campaign.objects.get(name=NAME))


def figures() -> list[Figure]:
    return [
        Figure(
            "2013-1",
            "53个软环境和效能建设重点部门单位主要负责人或领导班子集体",
            53,
            lambda: _counts().leaders_on_tv,
        ),
        Figure("2013-1", "集中于3月21、22日", "3月21、22日", lambda: days_phrase(_counts().days)),
    ]
