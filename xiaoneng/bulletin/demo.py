"""Demo step: two published issues of the bulletin and one in preparation.

Each issue covers a month: its 中心动态 are the drafts the installed mechanisms give for that
month (xiaoneng.news.center_news), its 部门动态 the units' accepted submissions, its 他山之石 a
reprint. The issue in preparation holds submissions in every state: waiting, edited and
waiting, accepted, returned with a reason. Everything goes through the action functions.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from xiaoneng.bulletin import actions
from xiaoneng.bulletin.models import Issue, Section, SectionKind
from xiaoneng.news import center_news

DISTRIBUTION = {"report_to": "市效能办，县委、县政府主要领导",
                "send_to": "县委、县人大、县政府、县政协分管领导",
                "issue_to": "各乡镇（街道），县各部门单位"}

SUBMISSIONS = {
    "jtj_liaison": ("“四强化”推进效能建设",
                    "为贯彻落实县委、县政府工作意见，县交通运输局采取“四个强化”，深入推进效能建设。"
                    "一是强化组织领导，成立由主要负责人任组长的领导小组；二是强化制度建设，完善首问负责、"
                    "限时办结等制度；三是强化窗口服务，推行“一站式”办理；四是强化督查考核，每月通报。"),
    "rsj_liaison": ("创新模式优服务",
                    "今年以来，县人社局不断创新服务模式，提高社保服务水平。一是整合服务窗口，实行"
                    "“五险合一”征缴；二是创新工作机制，实行电脑叫号和主任值班制度；三是提升业务能力，"
                    "要求每名工作人员熟练掌握经办业务，做到首问负责、限时办结。"),
    "nsh_liaison": ("“四突出”助推三农发展",
                    "今年以来，金湖农商行坚持“支农支小”市场定位，突出客户储备、服务创新、挂钩帮扶和"
                    "全员发动四方面工作，深入推进效能建设。"),
    "hbck_liaison": ("环保窗口提速审批",
                     "县行政服务中心环保窗口推行并联审批，建设项目环评审批时限由二十个工作日压缩至"
                     "十个工作日，全年未发生一起超时办件。"),
}
REPRINTS = [
    ("邢台掀起“问责风暴”",
     "去年以来，河北省邢台市围绕作风建设，对工作不力、服务态度不好的部门（科室）及相关责任人进行问责。"
     "\n该市开展全市最优、最差部门（科室）评议活动，取消综合得分排名末位部门当年评先评优资格。",
     "《中国纪检监察报》"),
    ("宿迁推行“效能亮牌”", "宿迁市在政务服务窗口推行效能亮牌，红黄牌警示结果与年度考核挂钩。", "新华网"),
    ("泰州开展“作风建设年”", "泰州市将作风建设纳入年度考核，开展明察暗访，通报典型问题。", "人民网"),
]


def _month(today: datetime.date, back: int) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    for _step in range(back):
        first = (first - datetime.timedelta(days=1)).replace(day=1)
    end = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
    return first, min(end, today)


def _issue(editor, start: datetime.date, end: datetime.date, reprint: int) -> Issue:
    """An issue of the month start..end, dated five days after it (numbered within its own year)."""
    date = min(end + datetime.timedelta(days=5), timezone.localdate())
    issue = actions.do_create_issue(actor=editor, date=date, period_start=start, period_end=end,
                                    **DISTRIBUTION)
    for draft in center_news(start, end):
        actions.do_add_center_draft(issue, draft, actor=editor)
    title, text, source = REPRINTS[reprint]
    actions.do_add_item(issue, actor=editor, section=Section.objects.get(kind=SectionKind.REPRINT),
                        title=title, text=text, source=source, source_date=start + datetime.timedelta(days=3))
    return issue


def build_bulletin(ctx) -> None:
    editor = ctx.accounts["center_staff1"]
    today = timezone.localdate()
    months = [_month(today, back) for back in (2, 1, 0)]
    names = list(SUBMISSIONS)
    for index, (start, end) in enumerate(months[:-1]):
        issue = _issue(editor, start, end, index)
        for username in ctx.rng.sample(names, 2):
            title, text = SUBMISSIONS[username]
            submission = actions.do_submit(actor=ctx.accounts[username], issue=issue, title=title, text=text)
            actions.do_accept_submission(submission, actor=editor)
        actions.do_publish_issue(issue, actor=editor)
        # The demo builds today what was published at the time: date the publication accordingly.
        published = timezone.make_aware(datetime.datetime.combine(issue.date, datetime.time(16)))
        Issue.objects.filter(pk=issue.pk).update(published_at=published)
    start, end = months[-1]
    pending = _issue(editor, start, end, 2)
    waiting = {username: actions.do_submit(actor=ctx.accounts[username], issue=pending, title=title,
                                           text=text)
               for username, (title, text) in SUBMISSIONS.items()}
    actions.do_accept_submission(waiting["rsj_liaison"], actor=editor)
    actions.do_return_submission(waiting["nsh_liaison"], actor=editor,
                                 reason="内容与上期部门动态重复，请补充本季度新的做法和成效后重新报送。")
    hbck = waiting["hbck_liaison"]
    actions.do_edit_submission(hbck, actor=editor, title="环保窗口并联审批提速一半",
                               text=hbck.text.replace("全年未发生一起超时办件", "今年以来未发生超时办件"))
