"""Each action called in its simplest valid form, and a state from which it is legal."""

from xiaoneng.matters import actions
from xiaoneng.matters.models import Extension, Resolution, State, Verdict


def _extension(test, m):
    from django.utils import timezone

    return Extension.objects.create(matter=m, workdays=2, reason="需外单位配合", requested_by=test.liaison_a,
                                    requested_at=timezone.now())


CALLS = {
    "assign": lambda t, m, who: actions.do_assign_matter(m, actor=who, unit=t.unit_a),
    "reject": lambda t, m, who: actions.do_reject_matter(m, actor=who, reason="不属受理范围"),
    "sign": lambda t, m, who: actions.do_sign_matter(m, actor=who),
    "return": lambda t, m, who: actions.do_return_matter(m, actor=who, reason="不属本单位职责"),
    "reply": lambda t, m, who: actions.do_reply_matter(m, actor=who, reply="已办理"),
    "approve_reply": lambda t, m, who: actions.do_approve_reply(m, actor=who, approve=True),
    "verify": lambda t, m, who: actions.do_verify_matter(m, actor=who, verdict=Verdict.UNFOUNDED),
    "close": lambda t, m, who: actions.do_close_matter(m, actor=who, resolution=Resolution.RESOLVED),
    "reopen": lambda t, m, who: actions.do_reopen_matter(m, actor=who, reason="回访不满意"),
    "pause": lambda t, m, who: actions.do_pause_matter(m, actor=who, reason="等待举报人"),
    "resume": lambda t, m, who: actions.do_resume_matter(m, actor=who),
    "request_extension": lambda t, m, who: actions.do_request_extension(m, actor=who, workdays=3,
                                                                        reason="需外单位配合"),
    "decide_extension": lambda t, m, who: actions.do_decide_extension(_extension(t, m), actor=who,
                                                                      grant=True),
    "urge": lambda t, m, who: actions.do_urge_matter(m, actor=who),
    "order": lambda t, m, who: actions.do_order_matter(m, actor=who),
    "refer": lambda t, m, who: actions.do_refer_matter(m, actor=who),
}

LEGAL_FROM = {
    "assign": State.RECEIVED, "reject": State.RECEIVED, "sign": State.ASSIGNED, "return": State.ASSIGNED,
    "reply": State.ASSIGNED,
    "approve_reply": State.AWAITING_APPROVAL, "verify": State.REPLIED, "close": State.VERIFIED,
    "reopen": State.CLOSED, "pause": State.ASSIGNED, "resume": State.PAUSED,
    "request_extension": State.ASSIGNED, "decide_extension": State.ASSIGNED, "urge": State.ASSIGNED,
    "order": State.ASSIGNED, "refer": State.ASSIGNED,
}

CENTER = {"admin", "staff"}
UNIT_A = {"liaison_a", "head_a"}
# Who may take each action on a matter of unit_a (the accounts of XiaonengTestCase).
ALLOWED = dict.fromkeys(CALLS, CENTER) | {
    "sign": UNIT_A, "return": UNIT_A, "reply": UNIT_A, "request_extension": UNIT_A,
    "approve_reply": {"head_a"},
}
USERS = ["admin", "staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor", "leader"]
