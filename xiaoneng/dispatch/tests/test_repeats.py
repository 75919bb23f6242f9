"""Repeat detection, staff marking a repeat with complaints' duplicate marking, and 重复件率."""

import datetime

from xiaoneng.complaints.actions import do_mark_duplicate
from xiaoneng.dispatch import repeats
from xiaoneng.dispatch.figures import months, repeat_rate
from xiaoneng.dispatch.news import dashboard_panels
from xiaoneng.dispatch.service import visible_repeats
from xiaoneng.dispatch.tests.base import START, DispatchTestCase
from xiaoneng.trace.chain import events_for

PHONE = "13812345678"
TEXT = "关于卫东村村道修补的问题，反映多次无人处理，请尽快处理。"
AGAIN = TEXT.replace("请尽快处理", "要求给个说法")


class RepeatTests(DispatchTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        later = START + datetime.timedelta(days=200)
        cls.original = cls.file(TEXT, at=later, unit=cls.unit_a, phone=PHONE, accused=cls.unit_a)
        cls.unrelated = cls.file("办理失业金申领，工作人员态度很差。", at=later + datetime.timedelta(hours=1),
                                 unit=cls.unit_b, accused=cls.unit_b)
        cls.same_caller = cls.file("我家老人办理驾培学校退费，收了没有公示的费用。",
                                   at=later + datetime.timedelta(hours=2), phone="+86 138-1234-5678")

    def repeat(self, text=AGAIN, **kwargs):
        kwargs.setdefault("at", self.original.matter.received_at + datetime.timedelta(days=3))
        return self.new_complaint(text, **kwargs)

    def test_similar_text_of_the_same_unit_is_listed(self):
        found = repeats.find_repeats(self.repeat(accused=self.unit_a))
        self.assertEqual(found[0].complaint, self.original)
        self.assertGreater(found[0].similarity, 0.5)
        self.assertTrue(found[0].same_unit)
        self.assertNotIn(self.unrelated, [r.complaint for r in found])

    def test_same_phone_is_matched_through_its_keyed_hash(self):
        complaint = self.repeat("驾培学校退费的事情到现在还没有结果，收费也没有票据。", phone="13812345678")
        found = repeats.find_repeats(complaint)
        self.assertEqual(found[0].complaint, self.same_caller)
        self.assertTrue(found[0].same_phone)
        self.assertNotIn(PHONE, self.same_caller.phone_hash)

    def test_without_the_identity_permission_no_phone_match_is_shown(self):
        complaint = self.repeat("驾培学校退费的事情到现在还没有结果，收费也没有票据。", phone=PHONE)
        self.staff.user_permissions.clear()
        from django.contrib.auth.models import Permission

        perm = Permission.objects.get(codename="view_identity")
        for group in self.staff.groups.all():
            group.permissions.remove(perm)
        from xiaoneng.org.models import User

        staff = User.objects.get(pk=self.staff.pk)
        shown = visible_repeats(complaint, staff)
        self.assertTrue(all(not r.same_phone for r in shown))
        self.assertNotIn(self.same_caller, [r.complaint for r in shown])

    def test_old_closed_ones_and_later_ones_are_not_listed(self):
        complaint = self.repeat(at=self.original.matter.received_at - datetime.timedelta(days=1))
        self.assertNotIn(self.original, [r.complaint for r in repeats.find_repeats(complaint)])
        far = self.repeat(at=self.original.matter.received_at + datetime.timedelta(days=90))
        self.original.matter.state = "closed"  # in memory only: the query reads the database
        self.assertIn(self.original, [r.complaint for r in repeats.find_repeats(far)])  # still open
        self.assertNotIn(self.original, [r.complaint for r in repeats.find_repeats(far, replay=True)])

    def test_marking_from_the_list_uses_the_duplicate_marking_and_is_traced(self):
        complaint = self.repeat(accused=self.unit_a)
        self.login(self.staff)
        response = self.client.post(f"/complaints/{complaint.matter.public_id}/act/duplicate/",
                                    {"duplicate-original": self.original.tracking_code})
        self.assertEqual(response.status_code, 302)
        complaint.refresh_from_db()
        self.assertEqual(complaint.duplicate_of, self.original)
        self.assertTrue(events_for(complaint.matter).filter(kind="marked_duplicate").exists())
        self.assertTrue(events_for(self.original.matter).filter(kind="duplicate_received").exists())
        third = [r.complaint for r in repeats.find_repeats(self.repeat(accused=self.unit_a))]
        self.assertIn(self.original, third)
        self.assertNotIn(complaint, third)  # a marked duplicate points to its original instead

    def test_precision_and_recall_on_labelled_merges(self):
        found = self.repeat(accused=self.unit_a)
        do_mark_duplicate(found, actor=self.staff, original=self.original)
        missed = self.repeat("完全不同的事情：网上系统老是出故障。", accused=self.unit_b)
        do_mark_duplicate(missed, actor=self.staff, original=self.unrelated)
        for complaint in (found, missed):
            complaint.refresh_from_db()
        result = repeats.measure([found, missed, self.unrelated])
        self.assertEqual((result["merges"], result["found"]), (2, 1))
        self.assertEqual(result["recall"], 0.5)
        self.assertEqual(result["precision"], 1.0)

    def test_repeat_rate_counts_marked_duplicates(self):
        complaint = self.repeat(accused=self.unit_a)
        do_mark_duplicate(complaint, actor=self.staff, original=self.original)
        day = self.original.matter.received_at.date()
        rate = repeat_rate(day - datetime.timedelta(days=1), day + datetime.timedelta(days=5))
        self.assertEqual((rate.received, rate.repeats), (4, 1))
        self.assertEqual(str(rate.percent), "25.0")
        self.assertIsNone(repeat_rate(datetime.date(2020, 1, 1), datetime.date(2020, 1, 31)).percent)
        self.assertEqual(len(months(datetime.date(2026, 1, 15), datetime.date(2026, 3, 2))), 3)

    def test_dashboard_panel_for_county_wide_readers_only(self):
        start, end = datetime.date(2026, 3, 1), datetime.date(2026, 12, 31)
        panels = dashboard_panels(start, end, self.leader)
        self.assertEqual(panels[0].key, "dispatch.repeat_rate")
        self.assertEqual(panels[0].rows[-1][1], 51)
        self.assertEqual(dashboard_panels(start, end, self.liaison_a), [])
        self.assertEqual(dashboard_panels(start, end, self.supervisor), [])
