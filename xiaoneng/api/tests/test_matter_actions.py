from xiaoneng.api.tests.base import ROLES, SEES_UNIT_A, ApiTestCase
from xiaoneng.matters.models import State

# action -> (the state it starts from, a valid body, who may take it on a matter of unit_a)
CASES = {
    "assign": (State.RECEIVED, {"unit": "jtj", "co_units": ["rsj"], "time_limit": 5, "note": "请速办"},
               {"admin", "staff"}),
    "reply": (State.ASSIGNED, {"reply": "已办结"}, {"liaison_a", "head_a"}),
    "return": (State.ASSIGNED, {"reason": "不属本单位职责"}, {"liaison_a", "head_a"}),
    "verify": (State.REPLIED, {"verdict": "partly", "resolution": "resolved", "note": "电话核实"},
               {"admin", "staff"}),
    "close": (State.VERIFIED, {"resolution": "resolved", "outcome": "已解决"}, {"admin", "staff"}),
    "reopen": (State.CLOSED, {"reason": "回访不满意", "time_limit": 3}, {"admin", "staff"}),
    "urge": (State.ASSIGNED, {"note": "请抓紧"}, {"admin", "staff"}),
}
AFTER = {"assign": State.ASSIGNED, "reply": State.REPLIED, "return": State.RETURNED,
         "verify": State.VERIFIED, "close": State.CLOSED, "reopen": State.REOPENED, "urge": State.ASSIGNED}
# A body each action refuses before it touches the matter.
BAD_BODIES = {
    "assign": [{}, {"unit": ""}, {"unit": "nosuch"}, {"unit": "jtj", "co_units": ["nosuch"]},
               {"unit": "jtj", "time_limit": 0}, {"unit": "jtj", "time_limit": 61}, {"unit": 5}],
    "reply": [{}, {"reply": ""}, {"reply": None}, {"reply": ["x"]}],
    "return": [{}, {"reason": ""}, {"reason": 3}],
    "verify": [{}, {"verdict": "true"}, {"verdict": "partly", "resolution": "maybe"}],
    "close": [{}, {"resolution": ""}, {"resolution": "done"}],
    "reopen": [{}, {"reason": ""}, {"reason": "x", "time_limit": -1}],
    "urge": [{"note": 5}, {"note": "x" * 10_001}],
}


def expected_status(action: str, role: str, allowed: set[str]) -> int:
    if role in allowed:
        return 200
    if role == "supervisor":
        return 403  # may not see matters at all
    # A received matter has no unit yet: only county-wide roles see it.
    visible = {"admin", "staff", "leader"} if action == "assign" else SEES_UNIT_A
    return 403 if role in visible else 404


class ActionPermissionTests(ApiTestCase):
    def test_every_action_for_every_role(self):
        for action, (state, body, allowed) in CASES.items():
            for role in ROLES:
                with self.subTest(action=action, role=role):
                    m = self.matter(state)
                    response = self.api("post", f"/api/v1/matters/{m.public_id}/{action}", role, body)
                    self.assertEqual(response.status_code, expected_status(action, role, allowed))
                    m.refresh_from_db()
                    if response.status_code == 200:
                        self.assertEqual(response.json()["state"], AFTER[action])
                        self.assertEqual(m.state, AFTER[action])
                    else:
                        self.assertEqual(m.state, state)


class ActionEffectTests(ApiTestCase):
    def test_assign_sets_unit_limit_and_co_units(self):
        m = self.matter()
        body = self.api("post", f"/api/v1/matters/{m.public_id}/assign", "staff", CASES["assign"][1]).json()
        self.assertEqual((body["unit"], body["co_units"]), ("jtj", ["rsj"]))
        m.refresh_from_db()
        self.assertEqual(m.time_limit, 5)

    def test_urge_is_traced(self):
        m = self.matter(State.ASSIGNED)
        self.api("post", f"/api/v1/matters/{m.public_id}/urge", "staff", {"note": "请抓紧"})
        self.assertEqual(self.kinds_of_events(m)[-1], "urged")

    def test_illegal_transition_is_409(self):
        m = self.matter(State.CLOSED)
        response = self.api("post", f"/api/v1/matters/{m.public_id}/reply", "liaison_a", {"reply": "x"})
        self.assertEqual((response.status_code, self.error_code(response)), (409, "illegal_transition"))
        self.assertIn("已办结", response.json()["error"]["message"])

    def test_domain_refusal_of_blank_text_is_422(self):
        m = self.matter(State.ASSIGNED)
        response = self.api("post", f"/api/v1/matters/{m.public_id}/reply", "liaison_a", {"reply": "   "})
        self.assertEqual((response.status_code, self.error_code(response)), (422, "invalid"))


class BadInputTests(ApiTestCase):
    def test_bad_bodies_are_422_and_change_nothing(self):
        for action, bodies in BAD_BODIES.items():
            state, _body, allowed = CASES[action]
            role = sorted(allowed)[0]
            m = self.matter(state)
            for body in bodies:
                with self.subTest(action=action, body=body):
                    response = self.api("post", f"/api/v1/matters/{m.public_id}/{action}", role, body)
                    self.assertEqual((response.status_code, self.error_code(response)),
                                     (422, "validation_error"))
                    self.assertTrue(response.json()["error"]["fields"])
            m.refresh_from_db()
            self.assertEqual(m.state, state)

    def test_malformed_json_is_400(self):
        m = self.matter(State.ASSIGNED)
        for action in CASES:
            with self.subTest(action=action):
                path = f"/api/v1/matters/{m.public_id}/{action}"
                response = self.api("post", path, "staff", raw="{not json")
                self.assertEqual((response.status_code, self.error_code(response)), (400, "bad_request"))

    def test_a_body_that_is_not_an_object_is_422(self):
        m = self.matter(State.ASSIGNED)
        for raw in ("[]", "3", '"text"', "null"):
            with self.subTest(raw=raw):
                response = self.api("post", f"/api/v1/matters/{m.public_id}/urge", "staff", raw=raw)
                self.assertIn(response.status_code, (400, 422))

    def test_unknown_matter_is_404(self):
        for action, (_state, body, allowed) in CASES.items():
            with self.subTest(action=action):
                response = self.api("post", f"/api/v1/matters/NOSUCH/{action}", sorted(allowed)[0], body)
                self.assertEqual(response.status_code, 404)


class ComplaintReopenTests(ApiTestCase):
    def test_reopening_a_complaint_clears_the_unsatisfied_rating(self):
        from xiaoneng.complaints.models import Satisfaction
        from xiaoneng.matters import actions

        matter = self.complaint_matter(state=State.ASSIGNED)
        actions.do_reply_matter(matter, actor=self.liaison_a, reply="已办")
        actions.do_verify_matter(matter, actor=self.staff, verdict="unfounded", resolution="resolved")
        actions.do_close_matter(matter, actor=self.staff, resolution="resolved")
        complaint = matter.complaint
        complaint.satisfaction, complaint.needs_attention = Satisfaction.UNSATISFIED, True
        complaint.save(update_fields=["satisfaction", "needs_attention"])
        response = self.api("post", f"/api/v1/matters/{matter.public_id}/reopen", "staff",
                            {"reason": "回访不满意"})
        self.assertEqual(response.status_code, 200)
        complaint.refresh_from_db()
        self.assertEqual((complaint.satisfaction, complaint.needs_attention), ("", False))
