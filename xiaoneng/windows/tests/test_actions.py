from __future__ import annotations

import datetime
import os
from unittest import mock

from xiaoneng.matters import actions as matter_actions
from xiaoneng.matters import scanner
from xiaoneng.matters.models import Resolution, State, Verdict
from xiaoneng.trace.chain import events_for
from xiaoneng.windows import actions
from xiaoneng.windows.models import Outcome, Rating, ReturnVisit, ServiceCase
from xiaoneng.windows.tests.base import WindowTestCase, at, moment


class CaseTests(WindowTestCase):
    def test_on_the_spot_same_day(self):
        case = self.case(self.item_spot, received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 9, 20))
        self.assertEqual(case.outcome, Outcome.ON_THE_SPOT)
        self.assertEqual([e.kind for e in events_for(case)], ["received", "completed"])

    def test_on_time_and_late(self):
        on_time = self.case(received=moment(2025, 3, 3), completed=moment(2025, 3, 14))
        late = self.case(received=moment(2025, 3, 3), completed=moment(2025, 3, 18))
        self.assertEqual(on_time.deadline, datetime.date(2025, 3, 17))
        self.assertEqual((on_time.outcome, late.outcome), (Outcome.ON_TIME, Outcome.LATE))
        self.assertTrue(late.missed_deadline)

    def test_completing_twice_is_refused(self):
        case = self.case(received=moment(2025, 3, 3), completed=moment(2025, 3, 4))
        with self.assertRaises(actions.WindowConflict):
            actions.do_complete_case(case, actor=self.clerk_a)

    def test_other_window_clerk_cannot_receive(self):
        with self.assertRaises(actions.WindowNotFound):
            actions.do_receive_case(self.item_a, actor=self.clerk_b, applicant_name="李四")

    def test_liaison_may_not_receive(self):
        with self.assertRaises(actions.WindowNotPermitted):
            actions.do_receive_case(self.item_a, actor=self.liaison_a, applicant_name="李四")

    def test_applicant_required(self):
        with self.assertRaisesMessage(actions.WindowError, "申请人"):
            actions.do_receive_case(self.item_a, actor=self.clerk_a, applicant_name=" ")
        self.assertFalse(ServiceCase.objects.exists())

    def test_consultation_linked_to_following_case(self):
        c = actions.do_record_consultation(
            unit=self.window_a,
            actor=self.clerk_a,
            kind="project",
            subject="恒通物流仓储项目",
            held_on=datetime.date(2025, 3, 1),
        )
        case = self.case(consultation=c)
        self.assertEqual(list(case.consultations.all()), [c])


class ColourTests(WindowTestCase):
    """National Day 2025: Oct 1–8 off, Sat Oct 11 worked. Received Mon Sep 29, limit 10."""

    def test_colours_across_the_holiday(self):
        with at(2025, 9, 29):
            case = self.case()
        self.assertEqual(case.deadline, datetime.date(2025, 10, 20))
        expected = {
            (2025, 10, 8): "green",
            (2025, 10, 17): "green",
            (2025, 10, 20): "yellow",
            (2025, 10, 21): "red",
        }
        for (y, m, d), colour in expected.items():
            with at(y, m, d, 7):
                scanner.scan()
            case.refresh_from_db()
            self.assertEqual(case.colour, colour, (m, d))

    def test_yellow_share_is_configurable(self):
        with at(2025, 9, 29), mock.patch.dict(os.environ, {"XIAONENG_WINDOWS_YELLOW_SHARE": "50"}):
            case = self.case()
        self.assertEqual(case.yellow_on, datetime.date(2025, 10, 14))

    def test_completed_case_leaves_the_scan(self):
        with at(2025, 9, 29):
            case = self.case()
        with at(2025, 9, 30):
            case, _token = actions.do_complete_case(case, actor=self.clerk_a)
        with at(2025, 10, 21):
            self.assertEqual(scanner.scan(), [])


class RatingTests(WindowTestCase):
    def setUp(self):
        with at(2025, 3, 3):
            self.done = self.case(received=moment(2025, 3, 3, 9), completed=moment(2025, 3, 3, 11))

    def test_rating_exactly_once(self):
        token = self.token
        with at(2025, 3, 3, 12):
            rating = actions.do_rate_case(token, level=5, dimensions={"attitude": 5})
            with self.assertRaises(actions.WindowNotFound):
                actions.do_rate_case(token, level=1)
        self.assertEqual(Rating.objects.count(), 1)
        self.assertEqual(ServiceCase.objects.get().rating_level, 5)
        self.assertIsNone(rating.matter)

    def test_wrong_token_and_bad_level(self):
        with self.assertRaises(actions.WindowNotFound):
            actions.do_rate_case("x" * 32, level=5)
        with self.assertRaises(actions.WindowError):
            actions.do_rate_case(self.token, level=7)
        with self.assertRaises(actions.WindowError):
            actions.do_rate_case(self.token, level=5, dimensions={"colour": 5})
        self.assertFalse(Rating.objects.exists())

    def test_bad_rating_rectification_and_return_visit(self):
        with at(2025, 3, 4):
            rating = actions.do_rate_case(self.token, level=2, comment="材料要求前后不一")
        matter = rating.matter
        self.assertEqual(
            (matter.kind.code, matter.state, matter.unit),
            ("window_rectification", State.ASSIGNED, self.window_a),
        )
        self.assertEqual(matter.time_limit, 15)
        visit = ReturnVisit.objects.get(rating=rating)
        self.assertIsNone(visit.done_at)
        with at(2025, 3, 10):
            matter = matter_actions.do_reply_matter(matter, actor=self.liaison_a, reply="已统一材料清单")
            matter_actions.do_verify_matter(
                matter, actor=self.staff, verdict=Verdict.SUBSTANTIATED, resolution=Resolution.RESOLVED
            )
        rating.refresh_from_db()
        visit.refresh_from_db()
        self.assertIsNotNone(rating.rectified_at)
        self.assertEqual(visit.due_on, datetime.date(2025, 3, 17))
        with at(2025, 3, 12):
            actions.do_return_visit(visit, actor=self.staff, satisfied=True, note="已满意")
        with self.assertRaises(actions.WindowConflict):
            actions.do_return_visit(visit, actor=self.staff, satisfied=True)
        kinds = [e.kind for e in events_for(self.done)]
        self.assertEqual(kinds[-4:], ["rated", "rectification_opened", "rectified", "return_visit"])

    def test_new_link_replaces_old(self):
        old = self.token
        new = actions.do_new_rating_token(self.done, actor=self.clerk_a)
        with self.assertRaises(actions.WindowNotFound):
            actions.do_rate_case(old, level=5)
        actions.do_rate_case(new, level=4)
        with self.assertRaises(actions.WindowConflict):
            actions.do_new_rating_token(self.done, actor=self.clerk_a)


class GreenCardTests(WindowTestCase):
    def test_green_card_case_and_ticket_marked(self):
        actions.do_grant_green_card(self.firm, actor=self.admin, granted_on=datetime.date(2025, 1, 1))
        case = self.case(enterprise=self.firm)
        self.assertTrue(case.green_card)

    def test_card_may_not_end_before_it_begins(self):
        with self.assertRaises(actions.WindowError):
            actions.do_grant_green_card(
                self.firm,
                actor=self.admin,
                granted_on=datetime.date(2025, 2, 1),
                valid_to=datetime.date(2025, 1, 1),
            )

    def test_unit_staff_cannot_grant(self):
        with self.assertRaises(actions.WindowNotPermitted):
            actions.do_grant_green_card(self.firm, actor=self.clerk_a, granted_on=datetime.date(2025, 1, 1))
