"""Demo step: the last quarter's service achievements in every state, and its public display.

Units' heads and liaisons declare; 交通局 and 人社局 liaisons leave drafts and submissions for
their heads; the center has verified, rejected and selected some and is still to verify others;
the selected ones are on public display now, with comments pending, shown, one edited (the
original kept) and one hidden. The same quarter a year earlier has declarations too, so the
"同比" comparison has something to compare.
"""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group
from django.utils import timezone

from xiaoneng.achievements import actions
from xiaoneng.achievements.models import CityResult, CommentKind
from xiaoneng.org.models import Person, Position, User

UNITS = ["fgw", "czj", "zjj", "cgj", "gjj", "gd", "swgs", "xzsp", "ybj", "wjw", "sthj", "scjgj"]
TOPICS = [
    (
        "企业开办“一窗受理、一日办结”",
        "新开办企业",
        "整合登记、刻章、申领发票等环节，全程网办，平均用时压缩至1个工作日。",
    ),
    (
        "重大项目“拿地即开工”全程代办",
        "在建亿元项目",
        "组建代办专班，提前介入图审、规划等环节，项目拿地当月开工。",
    ),
    (
        "“百名科长联百企”上门帮办",
        "中小微企业",
        "科长每人挂钩一家企业，每季度上门不少于2次，帮助解决融资、用工难题。",
    ),
    ("便民服务延时、错时办理", "上班族群众", "工作日中午和周六上午不打烊，累计办理业务1200余件。"),
]
COMMENTS = [
    ("为这项服务点赞，上次办执照一天就拿到了。", ""),
    ("希望能推广到乡镇便民服务中心。", ""),
    ("实际办理中仍需要跑两趟，建议核实。", CommentKind.OBJECTION),
]


def unit_head_account(ctx, code: str) -> User:
    """The unit's head as an account (the demo has accounts for a few units only)."""
    username = f"{code}_head"
    if username in ctx.accounts:
        return ctx.accounts[username]
    user = User.objects.create(username=username, password=ctx.password_hash)
    user.groups.add(Group.objects.get(name="unit_head"))
    person = Person.objects.filter(
        unit=ctx.unit(code), position=Position.PRINCIPAL, user__isnull=True
    ).first()
    if person is None:
        person = Person.objects.create(
            name=f"{ctx.unit(code).short_name}负责人", unit=ctx.unit(code), position=Position.PRINCIPAL
        )
    person.user = user
    person.save(update_fields=["user"])
    user.first_name = person.name
    user.save(update_fields=["first_name"])
    ctx.accounts[username] = user
    return user


def _last_quarter(today: datetime.date) -> tuple[int, int]:
    quarter = (today.month - 1) // 3 + 1
    return (today.year, quarter - 1) if quarter > 1 else (today.year - 1, 4)


def _declare(actor, unit, year: int, quarter: int, n: int):
    title, whom, what = TOPICS[n % len(TOPICS)]
    return actions.do_create_declaration(
        actor=actor,
        unit=unit,
        year=year,
        quarter=quarter,
        title=f"{unit.short_name}{title}",
        what_done=what,
        beneficiaries=whom,
    )


def build_achievements(ctx) -> None:
    today = timezone.localdate()
    year, quarter = _last_quarter(today)
    staff = ctx.accounts["center_staff2"]
    # 交通局 and 人社局: liaison drafts, submissions for the head, and declared ones.
    jtj, rsj = ctx.accounts["jtj_liaison"], ctx.accounts["rsj_liaison"]
    _declare(jtj, ctx.unit("jtj"), year, quarter, 0)
    actions.do_submit_declaration(_declare(rsj, ctx.unit("rsj"), year, quarter, 1), actor=rsj)
    actions.do_submit_declaration(
        _declare(ctx.accounts["nsh_liaison"], ctx.unit("nsh"), year, quarter, 2),
        actor=ctx.accounts["nsh_liaison"],
    )
    selected = []
    for code, liaison, head in (("jtj", jtj, "jtj_head"), ("rsj", rsj, "rsj_head")):
        declaration = actions.do_submit_declaration(
            _declare(liaison, ctx.unit(code), year, quarter, 3), actor=liaison
        )
        declaration = actions.do_approve_declaration(declaration, actor=ctx.accounts[head])
        declaration = actions.do_verify_declaration(declaration, actor=staff, verified=True)
        selected.append(actions.do_select_declaration(declaration, actor=staff))
    for n, code in enumerate(UNITS):
        head = unit_head_account(ctx, code)
        declaration = actions.do_submit_declaration(
            _declare(head, ctx.unit(code), year, quarter, n), actor=head
        )
        if n % 4 == 3:
            continue  # declared, awaiting the center
        if n % 4 == 2:
            actions.do_verify_declaration(
                declaration, actor=staff, verified=False, reason="属常规工作，特色不明显"
            )
            continue
        declaration = actions.do_verify_declaration(declaration, actor=staff, verified=True)
        if n % 4 == 0:
            selected.append(actions.do_select_declaration(declaration, actor=staff))
        # the same unit, the same quarter a year earlier
        last = actions.do_submit_declaration(
            _declare(head, ctx.unit(code), year - 1, quarter, n + 1), actor=head
        )
        actions.do_verify_declaration(last, actor=staff, verified=True)
    actions.do_record_city_result(selected[0], actor=staff, result=CityResult.CHOSEN, note="入选市“十件实事”")
    actions.do_record_city_result(selected[1], actor=staff, result=CityResult.NOT_CHOSEN)
    _display(ctx, year, quarter, today, selected)


def _display(ctx, year: int, quarter: int, today: datetime.date, selected) -> None:
    staff = ctx.accounts["center_staff2"]
    actions.do_open_display(
        actor=staff,
        year=year,
        quarter=quarter,
        starts_on=today - datetime.timedelta(days=3),
        ends_on=today + datetime.timedelta(days=4),
        note="通过县政府网站向社会公示，接受各界人士监督",
    )
    posted = []
    for n, declaration in enumerate(selected):
        text, kind = COMMENTS[n % len(COMMENTS)]
        posted.append(
            actions.do_post_comment(
                declaration, text=text, kind=kind or CommentKind.COMMENT, name="市民" if n % 2 else ""
            )
        )
    actions.do_moderate_comment(posted[0], actor=staff, show=True)
    edited = actions.do_post_comment(selected[0], text="很好！有事找王科长，电话13912345678。", name="张先生")
    actions.do_moderate_comment(edited, actor=staff, show=True, text="很好！有事找王科长，电话（已隐去）。")
    hidden = actions.do_post_comment(selected[-1], text="代办各类证件，联系微信xxxx")
    actions.do_moderate_comment(hidden, actor=staff, show=False, reason="广告信息")
