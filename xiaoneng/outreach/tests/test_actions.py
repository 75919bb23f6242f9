import datetime

from xiaoneng.matters.models import State
from xiaoneng.outreach import actions, quotas
from xiaoneng.outreach.models import Award, Shortfall
from xiaoneng.outreach.tests.base import OutreachTestCase, photo, target
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.trace.chain import events_for

D = datetime.date


class PairingRuleTests(OutreachTestCase):
    def test_one_leader_per_target_in_the_first_tier(self):
        actions.do_pair(
            self.leaders,
            actor=self.staff,
            person=self.deputy_a,
            target=self.factory,
            started_on=D(2026, 3, 1),
        )
        other = self.head_a.person
        with self.assertRaisesMessage(actions.OutreachError, "已与王副局长结对"):
            actions.do_pair(
                self.leaders, actor=self.staff, person=other, target=self.factory, started_on=D(2026, 3, 1)
            )

    def test_a_chief_has_one_target(self):
        with self.assertRaisesMessage(actions.OutreachError, "最多结对1个对象"):
            actions.do_pair(
                self.chiefs,
                actor=self.staff,
                person=self.chief.person,
                target=self.factory_b,
                started_on=D(2026, 3, 1),
            )

    def test_after_ending_the_pairing_a_chief_may_take_another(self):
        actions.do_end_pairing(self.chief_pairing, actor=self.staff, ended_on=D(2026, 2, 28))
        actions.do_pair(
            self.chiefs,
            actor=self.staff,
            person=self.chief.person,
            target=self.factory_b,
            started_on=D(2026, 3, 1),
        )

    def test_households_are_many(self):
        for n in range(3):
            actions.do_pair(
                self.stations,
                actor=self.staff,
                person=self.station_staff.person,
                target=target(f"户{n}", "household"),
                started_on=D(2026, 1, 1),
            )

    def test_who_and_what_follow_the_tier(self):
        with self.assertRaisesMessage(actions.OutreachError, "不能参加"):
            actions.do_pair(
                self.leaders,
                actor=self.staff,
                person=self.chief.person,
                target=self.factory_b,
                started_on=D(2026, 1, 1),
            )
        with self.assertRaisesMessage(actions.OutreachError, "只能结对"):
            actions.do_pair(
                self.chiefs,
                actor=self.staff,
                person=self.chief_b.person,
                target=self.household,
                started_on=D(2026, 1, 1),
            )

    def test_a_liaison_pairs_only_within_the_own_unit(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_pair(
                self.stations,
                actor=self.liaison_b,
                person=self.station_staff.person,
                target=target("户x", "household"),
                started_on=D(2026, 1, 1),
            )
        with self.assertRaises(actions.NotPermitted):
            actions.do_pair(
                self.stations,
                actor=self.chief,
                person=self.chief.person,
                target=target("户y", "household"),
                started_on=D(2026, 1, 1),
            )


class VisitTests(OutreachTestCase):
    def test_the_paired_chief_records_a_visit_with_a_clean_photo_on_the_trace(self):
        visit = actions.do_record_visit(
            self.chief_pairing,
            actor=self.chief,
            visited_on=D(2026, 3, 2),
            found="用电成本高",
            help_given="宣传电能补助政策",
            photos=[photo()],
            today=D(2026, 3, 2),
        )
        (event,) = events_for(visit)
        self.assertEqual(event.data["found"], "用电成本高")
        self.assertEqual(event.attachments.count(), 1)

    def test_another_persons_pairing_is_refused(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_record_visit(
                self.chief_b_pairing,
                actor=self.chief,
                visited_on=D(2026, 3, 2),
                found="x",
                today=D(2026, 3, 2),
            )

    def test_no_future_visits_and_none_before_the_pairing(self):
        with self.assertRaisesMessage(actions.OutreachError, "不能晚于今天"):
            actions.do_record_visit(
                self.chief_pairing, actor=self.chief, visited_on=D(2026, 3, 3), found="x", today=D(2026, 3, 2)
            )
        with self.assertRaisesMessage(actions.OutreachError, "不在结对期间内"):
            actions.do_record_visit(
                self.chief_pairing,
                actor=self.chief,
                visited_on=D(2025, 12, 31),
                found="x",
                today=D(2026, 3, 2),
            )

    def test_an_empty_visit_is_refused(self):
        with self.assertRaisesMessage(actions.OutreachError, "发现的问题或提供的帮助"):
            actions.do_record_visit(
                self.chief_pairing, actor=self.chief, visited_on=D(2026, 3, 2), today=D(2026, 3, 2)
            )


class HandOverTests(OutreachTestCase):
    def test_a_problem_becomes_an_assigned_matter_of_the_responsible_unit(self):
        visit = self.visit(self.chief_pairing, D(2026, 3, 2), found="厂房土地证迟迟未办")
        visit = actions.do_hand_over_problem(visit, actor=self.chief, unit=self.unit_b, title="厂房土地登记")
        matter = visit.matter
        self.assertEqual(
            (matter.kind.code, matter.unit, matter.state), ("outreach_problem", self.unit_b, State.ASSIGNED)
        )
        self.assertIsNotNone(matter.deadline)
        self.assertEqual(events_for(matter).first().data["raised_by"], "chief_a")

    def test_only_once(self):
        visit = self.visit(self.chief_pairing, D(2026, 3, 2))
        actions.do_hand_over_problem(visit, actor=self.chief, unit=self.unit_b, title="问题")
        with self.assertRaisesMessage(actions.OutreachError, "已经交办"):
            actions.do_hand_over_problem(visit, actor=self.chief, unit=self.unit_b, title="问题")

    def test_someone_else_may_not(self):
        visit = self.visit(self.chief_pairing, D(2026, 3, 2))
        with self.assertRaises(actions.NotPermitted):
            actions.do_hand_over_problem(visit, actor=self.chief_b, unit=self.unit_b, title="问题")


class LedgerTests(OutreachTestCase):
    def test_shortfalls_of_an_ended_year_are_proposed_once_each(self):
        period = quotas.year_period(2026)
        proposals = actions.do_propose_shortfalls(self.chiefs, period, actor=self.staff, today=D(2027, 1, 4))
        self.assertEqual(len(proposals), 2)
        self.assertEqual({p.rule.code for p in proposals}, {"outreach_shortfall"})
        self.assertTrue(all(p.points < 0 and p.person_id for p in proposals))
        actions.do_propose_shortfalls(self.chiefs, period, actor=self.staff, today=D(2027, 1, 4))
        self.assertEqual(ScoreProposal.objects.count(), 2)
        self.assertEqual(Shortfall.objects.count(), 2)

    def test_not_before_the_period_ends(self):
        with self.assertRaisesMessage(actions.OutreachError, "尚未结束"):
            actions.do_propose_shortfalls(
                self.chiefs, quotas.year_period(2026), actor=self.staff, today=D(2026, 12, 31)
            )

    def test_liaisons_may_not_propose(self):
        with self.assertRaises(actions.NotPermitted):
            actions.do_propose_shortfalls(
                self.chiefs, quotas.year_period(2026), actor=self.liaison_a, today=D(2027, 1, 4)
            )

    def test_the_quarters_best_units_are_proposed_for_the_competition_bonus(self):
        for day in (
            D(2026, 1, 5),
            D(2026, 1, 6),
            D(2026, 1, 7),
            D(2026, 2, 2),
            D(2026, 2, 3),
            D(2026, 2, 4),
            D(2026, 3, 2),
            D(2026, 3, 3),
            D(2026, 3, 4),
        ):
            self.visit(self.station_pairing, day)
        (proposal,) = actions.do_propose_awards(
            self.programme, actor=self.staff, year=2026, quarter=1, places=1, today=D(2026, 4, 1)
        )
        self.assertEqual((proposal.rule.code, proposal.unit), ("competition", self.station))
        self.assertEqual(Award.objects.get().rank, 1)
