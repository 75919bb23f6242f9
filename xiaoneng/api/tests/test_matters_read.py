import datetime

from xiaoneng.api.tests.base import CENTER, ROLES, SEES_UNIT_A, ApiTestCase
from xiaoneng.matters.models import State
from xiaoneng.matters.tests.base import at
from xiaoneng.org.models import Person


class ListTests(ApiTestCase):
    def ids(self, response) -> set[str]:
        return {item["id"] for item in response.json()["items"]}

    def test_each_role_sees_its_scope(self):
        a, b = self.matter(State.ASSIGNED), self.matter(State.ASSIGNED, unit=self.unit_b)
        for role in ROLES:
            with self.subTest(role=role):
                response = self.api("get", "/api/v1/matters", role)
                if role == "supervisor":  # no permission to see matters at all
                    self.assertEqual(response.status_code, 403)
                    continue
                self.assertEqual(response.status_code, 200)
                self.assertEqual(a.public_id in self.ids(response), role in SEES_UNIT_A)
                self.assertEqual(b.public_id in self.ids(response), role in CENTER | {"liaison_b", "leader"})

    def test_items_carry_the_public_id_never_the_key(self):
        m = self.matter()
        item = self.api("get", "/api/v1/matters", "staff").json()["items"][0]
        self.assertEqual(item["id"], m.public_id)
        self.assertNotIn("pk", item)

    def test_filters(self):
        received = self.matter(title="窗口排队太久")
        assigned = self.matter(State.ASSIGNED, unit=self.unit_b, kind=self.complaint)
        cases = {
            "state=received": {received}, "state=assigned": {assigned}, "unit=rsj": {assigned},
            "unit=jtj": set(), "unit=nosuch": set(), "kind=t-complaint": {assigned},
            "colour=green": {received, assigned}, "colour=red": set(), "overdue=false": {received, assigned},
            "overdue=true": set(), "text=排队": {received}, f"text={assigned.public_id.lower()}": {assigned},
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                response = self.api("get", f"/api/v1/matters?{query}", "staff")
                self.assertEqual(self.ids(response), {m.public_id for m in expected})

    def test_overdue(self):
        with at(2025, 3, 3):
            m = self.matter(State.ASSIGNED)
        with at(2025, 4, 1):
            response = self.api("get", "/api/v1/matters?overdue=true", "staff")
            self.assertEqual(self.ids(response), {m.public_id})
            self.assertTrue(response.json()["items"][0]["overdue"])

    def test_created_range(self):
        with at(2025, 3, 3):
            march = self.matter()
        with at(2025, 4, 1):
            april = self.matter()
        for query, expected in {"created_from=2025-04-01": {april}, "created_to=2025-03-31": {march},
                                "created_from=2025-03-03&created_to=2025-03-03": {march},
                                "created_from=2025-05-01": set()}.items():
            with self.subTest(query=query):
                self.assertEqual(self.ids(self.api("get", f"/api/v1/matters?{query}", "staff")),
                                 {m.public_id for m in expected})

    def test_pagination(self):
        made = [self.matter() for _ in range(5)]
        page = self.api("get", "/api/v1/matters?limit=2&offset=1", "staff").json()
        self.assertEqual((page["count"], page["limit"], page["offset"]), (5, 2, 1))
        self.assertEqual([i["id"] for i in page["items"]], [m.public_id for m in reversed(made)][1:3])

    def test_limit_is_capped(self):
        response = self.api("get", "/api/v1/matters?limit=101", "staff")
        self.assertEqual(response.status_code, 422)
        self.assertEqual(response.json()["error"]["fields"][0]["loc"], ["query", "limit"])

    def test_bad_filters_are_422(self):
        for query in ("state=nope", "colour=blue", "overdue=perhaps", "created_from=yesterday", "offset=-1",
                      "limit=0", "text=" + "x" * 201, "unit=" + "x" * 33):
            with self.subTest(query=query):
                response = self.api("get", f"/api/v1/matters?{query}", "staff")
                self.assertEqual(response.status_code, 422)
                self.assertEqual(self.error_code(response), "validation_error")

    def test_a_named_person_does_not_see_the_complaint(self):
        matter = self.complaint_matter(state=State.ASSIGNED)
        matter.complaint.named_persons.add(Person.objects.get(user=self.head_a))
        self.assertNotIn(matter.public_id, self.ids(self.api("get", "/api/v1/matters", "head_a")))
        self.assertIn(matter.public_id, self.ids(self.api("get", "/api/v1/matters", "liaison_a")))


class DetailTests(ApiTestCase):
    def test_each_role(self):
        m = self.matter(State.ASSIGNED)
        for role in ROLES:
            for suffix in ("", "/events"):
                with self.subTest(role=role, suffix=suffix):
                    response = self.api("get", f"/api/v1/matters/{m.public_id}{suffix}", role)
                    expected = 200 if role in SEES_UNIT_A else 403 if role == "supervisor" else 404
                    self.assertEqual(response.status_code, expected)

    def test_unknown_matter_is_404(self):
        for suffix in ("", "/events"):
            response = self.api("get", f"/api/v1/matters/NOSUCHMATTER{suffix}", "staff")
            self.assertEqual((response.status_code, self.error_code(response)), (404, "not_found"))

    def test_too_long_id_is_422(self):
        for suffix in ("", "/events"):
            response = self.api("get", "/api/v1/matters/" + "A" * 41 + suffix, "staff")
            self.assertEqual((response.status_code, self.error_code(response)), (422, "validation_error"))

    def test_detail_shows_state_deadline_and_allowed_actions(self):
        with at(2025, 3, 3):
            m = self.matter(State.ASSIGNED)
            body = self.api("get", f"/api/v1/matters/{m.public_id}", "liaison_a").json()
        self.assertEqual((body["state"], body["unit"]), ("assigned", "jtj"))
        self.assertEqual(body["deadline"], m.deadline.isoformat())
        self.assertIn("reply", body["actions"])
        self.assertNotIn("assign", body["actions"])

    def test_events_in_order_with_labels(self):
        m = self.matter(State.REPLIED)
        events = self.api("get", f"/api/v1/matters/{m.public_id}/events", "liaison_a").json()
        self.assertEqual([e["kind"] for e in events], ["received", "assigned", "replied"])
        self.assertEqual(events[2]["data"]["reply"], "已修复")
        self.assertEqual(events[1]["actor"], "staff")

    def test_the_named_person_gets_404(self):
        matter = self.complaint_matter(state=State.ASSIGNED)
        matter.complaint.named_persons.add(Person.objects.get(user=self.liaison_a))
        for suffix in ("", "/events"):
            self.assertEqual(self.api("get", f"/api/v1/matters/{matter.public_id}{suffix}", "liaison_a")
                             .status_code, 404)

    def test_the_unit_reads_the_redacted_text(self):
        from xiaoneng.complaints.actions import do_redact

        matter = self.complaint_matter(state=State.ASSIGNED)
        do_redact(matter.complaint, actor=self.staff, unit_text="办证拖延（已隐去个人信息）")
        unit_view = self.api("get", f"/api/v1/matters/{matter.public_id}", "liaison_a").json()
        center_view = self.api("get", f"/api/v1/matters/{matter.public_id}", "staff").json()
        self.assertEqual(unit_view["description"], "办证拖延（已隐去个人信息）")
        self.assertEqual(center_view["description"], "办证拖了三个月")
        self.assertEqual(center_view["complaint"]["category"], "slow")

    def test_events_do_not_carry_the_tracking_code(self):
        matter = self.complaint_matter()
        response = self.api("get", f"/api/v1/matters/{matter.public_id}/events", "staff")
        self.assertNotIn(matter.complaint.tracking_code, response.content.decode())


class UnstorableInputTests(ApiTestCase):
    def test_dates_at_the_ends_of_the_calendar_are_422(self):
        for day in (datetime.date.min, datetime.date.max):
            for name in ("created_from", "created_to"):
                with self.subTest(day=day, name=name):
                    response = self.api("get", f"/api/v1/matters?{name}={day}", "staff")
                    self.assertEqual(response.status_code, 422)

    def test_nul_and_lone_surrogates_are_400(self):
        m = self.matter(State.ASSIGNED)
        self.assertEqual(self.api("get", "/api/v1/matters?text=a%00b", "staff").status_code, 400)
        for raw in ('{"reply": "a\\u0000b"}', '{"reply": "\\ud800"}', '{"\\u0000": 1}'):
            with self.subTest(raw=raw):
                response = self.api("post", f"/api/v1/matters/{m.public_id}/reply", "liaison_a", raw=raw)
                self.assertEqual((response.status_code, self.error_code(response)), (400, "bad_request"))

    def test_an_id_with_odd_characters_is_422(self):
        self.assertEqual(self.api("get", "/api/v1/matters/a%00b", "staff").status_code, 422)


class QueryCountTests(ApiTestCase):
    def test_a_page_costs_the_same_queries_for_more_items(self):
        def queries() -> int:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            with CaptureQueriesContext(connection) as captured:
                self.api("get", "/api/v1/matters", "liaison_a")
            return len(captured)

        self.complaint_matter(state=State.ASSIGNED)
        self.matter(State.ASSIGNED)
        queries()  # the first call also notes the token's last use
        few = queries()
        for _ in range(4):
            self.complaint_matter(state=State.ASSIGNED)
            self.matter(State.ASSIGNED)
        self.assertEqual(queries(), few)


class RedactedSearchTests(ApiTestCase):
    def test_the_unit_cannot_search_the_text_it_may_not_read(self):
        from xiaoneng.complaints.actions import do_redact

        matter = self.complaint_matter(state=State.ASSIGNED)
        do_redact(matter.complaint, actor=self.staff, unit_text="办证拖延")
        for role, words, found in (("staff", "三个月", True), ("liaison_a", "三个月", False),
                                   ("liaison_a", "拖延", True)):
            with self.subTest(role=role, words=words):
                items = self.api("get", f"/api/v1/matters?text={words}", role).json()["items"]
                self.assertEqual(bool(items), found)

    def test_the_unit_searches_unredacted_descriptions(self):
        self.complaint_matter(state=State.ASSIGNED)
        self.assertTrue(self.api("get", "/api/v1/matters?text=三个月", "liaison_a").json()["items"])
