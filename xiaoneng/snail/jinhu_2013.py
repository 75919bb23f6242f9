"""jinhu_2013 part: Taizhou's first Snail Award batch (2013-2) — 11 matters, 12 units named —
rebuilt on the county's 2013 units and recomputed by figures.py."""

from __future__ import annotations

from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.snail import figures as snail_figures
from xiaoneng.snail.demo import Spec, stage_batch
from xiaoneng.snail.models import Batch, LeadSource

# The newsletter's kinds of problem: project funds late, enterprise fees handled carelessly,
# municipal repairs late, complaints unhandled or not finished on time. One matter names two units.
SPECS = [
    Spec("工贸发展项目资金未按期落实", "项目资金超过承诺时限未落实。", LeadSource.HOTLINE, ("czj", "fgw")),
    Spec("行政许可事项办理不及时", "行政许可申请超过法定时限未办结。", LeadSource.VISIT, ("rf",)),
    Spec("涉企乱收费问题处理不认真", "企业反映的乱收费问题处理不认真。", LeadSource.HOTLINE, ("wjj",)),
    Spec("市政基础设施维修不及时", "道路破损报修长期未修复。", LeadSource.MAILBOX, ("zjj",)),
    Spec("路灯维修不及时", "路灯损坏报修一个月未修复。", LeadSource.MEDIA, ("cgj",)),
    Spec("群众投诉事项不办理", "群众投诉转办后未办理。", LeadSource.HOTLINE, ("gtj",)),
    Spec("群众投诉事项未按期办结", "投诉事项超过办理时限未办结。", LeadSource.HOTLINE, ("hbj",)),
    Spec("农业项目资金未按期落实", "项目资金未按承诺时限拨付。", LeadSource.INSPECTION, ("nw",)),
    Spec("涉企收费投诉处理不认真", "企业投诉收费问题答复敷衍。", LeadSource.VISIT, ("zlj",)),
    Spec("群众来信反映问题未按期办结", "来信反映的问题超过时限未答复。", LeadSource.MAILBOX, ("slj",)),
    Spec("水电气接入审批迟缓", "企业反映接入审批久拖不决。", LeadSource.INSPECTION, ("jtj",)),
]


def build(ctx) -> None:
    stage_batch(ctx, 2013, SPECS,
                summary="对职责范围内事项办理不认真、不及时、效率低下的12个部门（单位）予以通报。")


def _batch() -> Batch:
    return Batch.objects.get(year=2013, number=1)


def figures() -> list[Figure]:
    return [
        Figure("2013-2", "12个市直机关、基层站所榜上有名", 12, lambda: snail_figures.units_named(_batch())),
        Figure("2013-2", "第一批“蜗牛奖”涉及11个事项", 11, lambda: snail_figures.items_in(_batch())),
    ]
