"""The matter screens for every role: list, detail, and an action post per action."""

from django.urls import reverse

from xiaoneng.matters.models import Matter, State
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.matters.tests.calls import ALLOWED, LEGAL_FROM, USERS

POSTS = {
    "assign": lambda t: {"assign-unit": t.unit_a.pk, "assign-note": "请按期办复"},
    "reject": lambda t: {"reject-reason": "不属受理范围"},
    "sign": lambda t: {},
    "return": lambda t: {"return-reason": "不属本单位职责"},
    "reply": lambda t: {"reply-reply": "已修复"},
    "approve_reply": lambda t: {"approve_reply-approve": "yes"},
    "verify": lambda t: {"verify-verdict": "partly", "verify-resolution": "resolved"},
    "close": lambda t: {"close-resolution": "unresolved", "close-outcome": "当事人不满意"},
    "reopen": lambda t: {"reopen-reason": "回访不满意"},
    "pause": lambda t: {"pause-reason": "等待举报人补充材料"},
    "resume": lambda t: {},
    "request_extension": lambda t: {"request_extension-workdays": 3, "request_extension-reason": "需会商"},
    "decide_extension": lambda t: {"decide_extension-grant": "yes"},
    "urge": lambda t: {"urge-note": "请抓紧"},
    "order": lambda t: {},
    "refer": lambda t: {},
}


class ListTests(MatterTestCase):
    def setUp(self):
        with at(2025, 9, 29):
            self.mine = self.matter(State.ASSIGNED, title="交通局的事项")
            self.theirs = self.matter(State.ASSIGNED, unit=self.unit_b, title="人社局的事项")

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(reverse("matters:list"))
        self.assertEqual(response.status_code, 302)

    def test_supervisor_without_permission_is_refused(self):
        self.login(self.supervisor)
        self.assertEqual(self.client.get(reverse("matters:list")).status_code, 403)

    def test_staff_and_leader_see_all(self):
        for user in (self.admin, self.staff, self.leader):
            self.login(user)
            response = self.client.get(reverse("matters:list"))
            self.assertContains(response, "交通局的事项")
            self.assertContains(response, "人社局的事项")

    def test_liaison_sees_only_its_subtree(self):
        for user in (self.liaison_a, self.head_a):
            self.login(user)
            response = self.client.get(reverse("matters:list"))
            self.assertContains(response, "交通局的事项")
            self.assertNotContains(response, "人社局的事项")

    def test_section_liaison_does_not_see_the_parent_units_matters(self):
        self.login(self.section_liaison)
        self.assertNotContains(self.client.get(reverse("matters:list")), "交通局的事项")

    def test_filters(self):
        self.login(self.staff)
        response = self.client.get(reverse("matters:list"), {"unit": self.unit_b.pk, "state": "assigned"})
        self.assertNotContains(response, "交通局的事项")
        self.assertContains(response, "人社局的事项")
        response = self.client.get(reverse("matters:list"), {"state": "closed"})
        self.assertContains(response, "没有可显示的事项")

    def test_pagination(self):
        with at(2025, 9, 29):
            for i in range(51):
                self.matter(title=f"批量{i}")
        self.login(self.staff)
        response = self.client.get(reverse("matters:list"), {"state": "received"})
        self.assertContains(response, "1 / 2")
        self.assertEqual(len(response.context["page"]), 50)

    def test_list_is_in_chinese(self):
        self.login(self.staff)
        response = self.client.get(reverse("matters:list"))
        self.assertContains(response, "督办事项")
        self.assertContains(response, "已交办")


class DetailTests(MatterTestCase):
    def setUp(self):
        with at(2025, 9, 29):
            self.m = self.matter(State.ASSIGNED)

    def url(self, matter=None):
        return reverse("matters:detail", args=[(matter or self.m).public_id])

    def test_visibility_by_role(self):
        expected = {"admin": 200, "staff": 200, "leader": 200, "liaison_a": 200, "head_a": 200,
                    "liaison_b": 404, "section_liaison": 404, "supervisor": 403}
        for name, status in expected.items():
            with self.subTest(user=name):
                self.login(getattr(self, name))
                self.assertEqual(self.client.get(self.url()).status_code, status)

    def test_unknown_public_id_is_404(self):
        self.login(self.staff)
        self.assertEqual(self.client.get(reverse("matters:detail", args=["0" * 20])).status_code, 404)

    def test_timeline_and_forms_for_the_liaison(self):
        self.login(self.liaison_a)
        response = self.client.get(self.url())
        self.assertContains(response, "已交办")  # the trace timeline
        self.assertContains(response, reverse("matters:act", args=[self.m.public_id, "reply"]))
        self.assertNotContains(response, reverse("matters:act", args=[self.m.public_id, "assign"]))

    def test_leader_gets_no_action_forms(self):
        self.login(self.leader)
        self.assertNotContains(self.client.get(self.url()), f"/matters/{self.m.public_id}/reply")

    def test_deadline_colour_and_escalation_are_shown(self):
        from xiaoneng.matters.actions import do_order_matter

        with at(2025, 9, 29):
            do_order_matter(self.m, actor=self.staff)
        self.login(self.staff)
        with at(2025, 10, 14):
            response = self.client.get(self.url())
        self.assertContains(response, "2025-10-10")
        self.assertContains(response, "已下督办单")
        self.assertContains(response, "已超期 3 个工作日")  # Oct 11 (worked Saturday), 13, 14

    def test_closed_and_resolved_are_shown_apart(self):
        with at(2025, 9, 29):
            m = self.matter(State.CLOSED)
        self.login(self.staff)
        response = self.client.get(self.url(m))
        self.assertContains(response, "已办结")
        self.assertContains(response, "已解决")


class ActionViewTests(MatterTestCase):
    def post(self, user, matter, action, data):
        self.login(user)
        return self.client.post(reverse("matters:act", args=[matter.public_id, action]), data)

    def test_every_role_on_every_action_view(self):
        for action, state in LEGAL_FROM.items():
            for name in USERS:
                with self.subTest(action=action, user=name), at(2025, 9, 29):
                    m = self.matter(state)
                    if action == "decide_extension":
                        from xiaoneng.matters.actions import do_request_extension

                        do_request_extension(m, actor=self.liaison_a, workdays=2, reason="需会商")
                    user = getattr(self, name)
                    visible = Matter.objects.visible_to(user).filter(pk=m.pk).exists()
                    response = self.post(user, m, action, POSTS[action](self))
                    before = m.state
                    m.refresh_from_db()
                    if name in ALLOWED[action]:
                        self.assertEqual(response.status_code, 302, response.content[:2000])
                    elif name == "supervisor":
                        self.assertEqual(response.status_code, 403)  # no view permission at all
                    elif not visible:
                        self.assertEqual(response.status_code, 404)  # another unit's: as if absent
                    else:
                        self.assertEqual(response.status_code, 403)
                        self.assertEqual(m.state, before)

    def test_illegal_transition_rerenders_with_a_chinese_error(self):
        with at(2025, 9, 29):
            m = self.matter(State.CLOSED)
        response = self.post(self.staff, m, "assign", POSTS["assign"](self))
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, "不能", status_code=409)

    def test_invalid_form_rerenders(self):
        with at(2025, 9, 29):
            m = self.matter(State.RECEIVED)
        response = self.post(self.staff, m, "reject", {"reject-reason": ""})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "请修改", status_code=400)

    def test_unknown_action_is_404(self):
        with at(2025, 9, 29):
            m = self.matter()
        self.assertEqual(self.post(self.staff, m, "explode", {}).status_code, 404)

    def test_get_is_not_allowed(self):
        with at(2025, 9, 29):
            m = self.matter()
        self.login(self.staff)
        response = self.client.get(reverse("matters:act", args=[m.public_id, "reject"]))
        self.assertEqual(response.status_code, 405)

    def test_decide_without_pending_request_is_a_clear_error(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
        response = self.post(self.staff, m, "decide_extension", POSTS["decide_extension"](self))
        self.assertContains(response, "没有待决定的延期申请", status_code=409)


class NewMatterTests(MatterTestCase):
    def test_staff_registers_a_matter(self):
        self.login(self.staff)
        response = self.client.post(reverse("matters:new"), {
            "kind": self.enquiry.pk, "source": "complaint", "title": "窗口人员态度差", "description": ""})
        m = Matter.objects.get(title="窗口人员态度差")
        self.assertRedirects(response, m.get_absolute_url())
        self.assertEqual(self.kinds_of_events(m), ["received"])

    def test_only_center_roles_may_register(self):
        for name in USERS:
            with self.subTest(user=name):
                self.login(getattr(self, name))
                status = self.client.get(reverse("matters:new")).status_code
                self.assertEqual(status, 200 if name in ("admin", "staff") else 403)
