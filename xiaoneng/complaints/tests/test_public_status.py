from xiaoneng.complaints.actions import do_file_complaint
from xiaoneng.complaints.models import Complaint
from xiaoneng.matters.actions import (
    do_assign_matter,
    do_close_matter,
    do_reply_matter,
    do_sign_matter,
    do_verify_matter,
)
from xiaoneng.testing import XiaonengTestCase

URL = "/public/status/"
RATE = "/public/status/rate/"
NOT_FOUND = 'id="lookup-error"'


def file_complaint(**extra) -> tuple[Complaint, str]:
    fields = {"category": "fees", "scope": "public_service", "description": "自来水公司多收了安装费。",
              "anonymous": False, "name": "赵六", "phone": "13911112222"}
    return do_file_complaint(**{**fields, **extra})


class StatusTestCase(XiaonengTestCase):
    def setUp(self):
        self.complaint, self.secret = file_complaint()
        self.code = self.complaint.tracking_code

    def look_up(self, code=None, secret=None, **extra):
        data = {"tracking_code": code or self.code, "secret": secret or self.secret, **extra}
        return self.client.post(URL, data)

    def close(self, note="内部说明：经办人李四已谈话提醒"):
        matter = do_assign_matter(self.complaint.matter, actor=self.admin, unit=self.unit_a, note=note)
        do_sign_matter(matter, actor=self.liaison_a)
        do_reply_matter(matter, actor=self.liaison_a, reply="单位内部回复：已退还多收费用")
        do_verify_matter(matter, actor=self.admin, verdict="substantiated", note=note)
        do_close_matter(matter, actor=self.admin, resolution="resolved", outcome="内部结论")

    def rate(self, rating="satisfied", secret=None):
        return self.client.post(RATE, {"tracking_code": self.code, "secret": secret or self.secret,
                                       "rating": rating})


class LookupTests(StatusTestCase):
    def test_get_shows_the_lookup_form(self):
        page = self.client.get(URL).content.decode()
        for marker in ('name="tracking_code"', 'name="secret"', 'id="lookup"', 'method="post"'):
            self.assertIn(marker, page)

    def test_code_and_secret_show_the_progress(self):
        response = self.look_up()
        self.assertContains(response, 'id="progress"')
        self.assertContains(response, self.code)
        self.assertNotContains(response, NOT_FOUND)

    def test_code_is_forgiving_about_case_and_spaces(self):
        self.assertContains(self.look_up(code=" " + self.code.lower() + " "), 'id="progress"')

    def test_wrong_secret_and_unknown_code_say_the_same(self):
        wrong = self.look_up(secret="WRONGSECRET1").content.decode()
        unknown = self.look_up(code="TS0000000000", secret="WRONGSECRET1").content.decode()
        self.assertIn(NOT_FOUND, wrong)
        self.assertNotIn('id="progress"', wrong)
        strip = lambda page: page.replace(self.code, "").replace("TS0000000000", "")  # noqa: E731
        self.assertEqual(strip(wrong), strip(unknown))

    def test_secret_never_goes_in_a_url(self):
        page = self.look_up().content.decode()
        self.assertNotIn(f"secret={self.secret}", page)
        self.assertEqual(self.client.get(URL, {"tracking_code": self.code, "secret": self.secret})
                         .content.decode().count('id="progress"'), 0)

    def test_no_identity_or_staff_notes_in_the_status_page(self):
        self.close()
        page = self.look_up().content.decode()
        for hidden in ("赵六", "13911112222", "内部说明", "李四", "单位内部回复", "内部结论"):
            self.assertNotIn(hidden, page)
        self.assertIn("县交通运输局", page)

    def test_malformed_lookups_never_500(self):
        for data in ({}, {"tracking_code": "x" * 5000, "secret": "y"}, {"tracking_code": ["a", "b"]},
                     {"tracking_code": "TS\x00", "secret": "\x00"}):
            with self.subTest(data=data):
                self.assertEqual(self.client.post(URL, data).status_code, 200)


class RatingTests(StatusTestCase):
    def test_no_rating_form_before_closing(self):
        self.assertNotContains(self.look_up(), 'id="rate"')

    def test_rating_before_closing_is_refused(self):
        self.rate()
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.satisfaction, "")

    def test_closed_complaint_offers_the_three_ratings(self):
        self.close()
        page = self.look_up().content.decode()
        self.assertIn('id="rate"', page)
        for value in ("satisfied", "basically", "unsatisfied"):
            self.assertIn(f'name="rating" value="{value}"', page)

    def test_rating_once(self):
        self.close()
        self.assertContains(self.rate("unsatisfied"), 'id="rated"')
        self.rate("satisfied")
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.satisfaction, "unsatisfied")
        self.assertTrue(self.complaint.needs_attention)
        self.assertNotContains(self.look_up(), 'id="rate"')

    def test_rating_needs_the_secret(self):
        self.close()
        self.assertContains(self.rate(secret="WRONGSECRET1"), NOT_FOUND)
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.satisfaction, "")

    def test_bad_rating_value_never_500(self):
        self.close()
        response = self.rate("delighted")
        self.assertEqual(response.status_code, 200)
        self.complaint.refresh_from_db()
        self.assertEqual(self.complaint.satisfaction, "")

    def test_rate_is_post_only(self):
        self.assertEqual(self.client.get(RATE).status_code, 405)


class LoggedInTests(StatusTestCase):
    def test_look_up_and_rating_work_for_every_role(self):
        self.close()
        for user in (self.admin, self.staff, self.liaison_a, self.head_a, self.supervisor, self.leader):
            self.login(user)
            with self.subTest(user=user):
                self.assertContains(self.look_up(), 'id="progress"')
                self.assertNotContains(self.look_up(), "赵六")
        self.assertContains(self.rate("basically"), 'id="rated"')
