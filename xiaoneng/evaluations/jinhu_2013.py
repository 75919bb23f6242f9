"""jinhu_2013 part: Xingtai's evaluation of 52 departments and 122 sections (2013-1), whose last
section's head was removed, rebuilt on the county's 2013 units and recomputed by figures.py."""

from __future__ import annotations

from xiaoneng.demo.jinhu_2013 import Figure
from xiaoneng.evaluations import figures as evaluation_figures
from xiaoneng.evaluations.demo import active_units, confirm_all, stage_round
from xiaoneng.evaluations.models import ConsequenceKind, Level, Round
from xiaoneng.org.models import UnitKind

TITLE = "2012年度最优、最差部门（科室）评议"


def build(ctx) -> None:
    departments = active_units(ctx, (UnitKind.DEPARTMENT,))[:52]
    sections = active_units(ctx, (UnitKind.SECTION, UnitKind.STATION))
    # The newsletter's worst section is a bureau's 监察大队; ours is the land bureau's.
    worst_section = next((u for u in sections if "监察大队" in u.name), sections[-1])
    sections = [u for u in sections if u.pk != worst_section.pk][:121] + [worst_section]
    round = stage_round(ctx, title=TITLE, year=2012, departments=departments, sections=sections,
                        worst=(departments[-1], worst_section), ballots_per_group=1,
                        clause="取消综合得分排名末位的部门当年评先评优资格，对其主要领导进行问责；"
                               "综合得分排名末位的科室主要负责人将被免职")
    confirm_all(ctx, round)


def _round() -> Round:
    return Round.objects.get(title=TITLE)


def figures() -> list[Figure]:
    return [
        Figure("2013-1", "52个部门及122个科室", (52, 122),
               lambda: tuple(evaluation_figures.targets_by_level(_round())[level]
                             for level in (Level.DEPARTMENT, Level.SECTION))),
        Figure("2013-1", "一科室负责人因科室被评为最差遭免职", 1,
               lambda: len(evaluation_figures.confirmed_consequences(_round(),
                                                                     ConsequenceKind.HEAD_REMOVAL))),
        Figure("2013-1", "的工作作风、工作效能、服务质量等进行评议", "工作作风、工作效能、服务质量",
               lambda: "、".join(_round().dimensions.values_list("name", flat=True))),
    ]
