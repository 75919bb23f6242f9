"""The demo county's Snail Award (a step of xiaoneng.demo.builder.STEPS), and the helper the
jinhu_2013 fixture shares: a batch staged and published through the real actions."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from xiaoneng.matters.actions import do_reply_matter, do_verify_matter
from xiaoneng.snail import actions
from xiaoneng.snail.models import Batch, Item, LeadSource


@dataclass(frozen=True)
class Spec:
    title: str
    problem: str
    lead_source: str
    units: tuple[str, ...]  # unit codes: the responsible unit first


def stage_batch(ctx, year: int, specs: list[Spec], extra: list[Item] = (), summary: str = "") -> Batch:
    staff, admin = ctx.accounts["center_staff1"], ctx.accounts["center_admin"]
    batch = actions.do_create_batch(actor=staff, year=year, summary=summary)
    items = [actions.do_add_item(actor=staff, unit=ctx.unit(spec.units[0]), title=spec.title,
                                 problem=spec.problem, lead_source=spec.lead_source, year=year,
                                 co_units=[ctx.unit(code) for code in spec.units[1:]])
             for spec in specs]
    for item in [*items, *extra]:
        actions.do_select_item(item, actor=staff, batch=batch)
    return actions.do_publish_batch(batch, actor=admin)


DEMO = [
    Spec("重点项目扶持资金未按期拨付到位",
         "企业反映重点项目扶持资金超过承诺时限两个月仍未拨付，多次询问无明确答复。",
         LeadSource.HOTLINE, ("czj", "fgw")),
    Spec("城区路灯报修长期未修复", "群众通过效能监督信箱反映城区主干道路灯损坏，报修40余天未修复。",
         LeadSource.MAILBOX, ("cgj",)),
    Spec("涉企收费投诉处理不认真", "企业投诉检测收费标准不透明，承办单位答复敷衍，未核实即办结。",
         LeadSource.VISIT, ("scjgj",)),
    Spec("道路客运班线审批超时", "明察暗访发现班线审批事项超过承诺时限未办结。",
         LeadSource.INSPECTION, ("jtj",)),
]


def build_snail(ctx) -> None:
    """Batch 1 of this year (four items found by leads, plus what the data proposes), one
    rectification verified as not done (accountability proposed), and candidates left to decide."""
    year = timezone.localdate().year
    proposed = actions.do_propose_candidates(actor=None)
    batch = stage_batch(ctx, year, DEMO, extra=proposed[:2],
                        summary="对职责范围内事项办理不认真、不及时、效率低下的单位予以通报。")
    # By title: with another seed the data may propose a second item for the same unit.
    failed = batch.items.get(unit=ctx.unit("jtj"), title=DEMO[3].title).rectification
    do_reply_matter(failed, actor=ctx.accounts["jtj_liaison"], reply="正在协调，尚未办结。")
    do_verify_matter(failed, actor=ctx.accounts["center_staff1"], verdict="substantiated",
                     resolution="unresolved")
    actions.do_add_item(actor=ctx.accounts["center_staff2"], unit=ctx.unit("rsj"),
                        title="社保转移接续办理迟缓",
                        problem="媒体报道群众办理社保转移接续往返多次仍未办结。",
                        lead_source=LeadSource.MEDIA, year=year)
