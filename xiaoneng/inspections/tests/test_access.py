from xiaoneng.inspections import access, actions
from xiaoneng.inspections.access import Standing
from xiaoneng.inspections.tests.base import InspectionTestCase


class SecrecyTests(InspectionTestCase):
    """unit_a and unit_b are visited; findings about unit_a, its section and unit_b."""

    def setUp(self):
        actions.do_add_target(self.campaign, actor=self.staff, unit=self.unit_b)
        self.about_a = self.record(what="甲")
        self.about_section = self.record(unit=self.section_a, what="乙")
        self.about_b = self.record(unit=self.unit_b, what="丙")

    def test_inspected_units_see_nothing_before_closing(self):
        for user in (self.liaison_a, self.head_a, self.section_liaison, self.liaison_b):
            self.assertEqual(access.standing(user, self.campaign), Standing.NONE)
            self.assertFalse(access.visible_campaigns(user).exists())
            self.assertFalse(access.visible_findings(user, self.campaign).exists())
            self.assertFalse(access.visible_targets(user, self.campaign).exists())

    def test_after_closing_each_unit_sees_its_own_subtree(self):
        self.close()
        expected = {
            self.liaison_a: {self.about_a, self.about_section},
            self.head_a: {self.about_a, self.about_section},
            self.section_liaison: {self.about_section},
            self.liaison_b: {self.about_b},
        }
        for user, findings in expected.items():
            self.assertEqual(access.standing(user, self.campaign), Standing.INSPECTED)
            self.assertEqual(set(access.visible_findings(user, self.campaign)), findings)
            self.assertEqual(list(access.visible_campaigns(user)), [self.campaign])

    def test_after_closing_targets_of_others_stay_hidden(self):
        self.close()
        units = {t.unit for t in access.visible_targets(self.liaison_b, self.campaign)}
        self.assertEqual(units, {self.unit_b})

    def test_center_and_leader_see_all(self):
        for user, level in ((self.staff, Standing.MANAGER), (self.admin, Standing.MANAGER),
                            (self.leader, Standing.OBSERVER)):
            self.assertEqual(access.standing(user, self.campaign), level)
            self.assertEqual(access.visible_findings(user, self.campaign).count(), 3)


class SupervisorTests(InspectionTestCase):
    def test_member_sees_own_campaign(self):
        self.assertEqual(access.standing(self.supervisor, self.campaign), Standing.MEMBER)
        self.assertEqual(list(access.visible_campaigns(self.supervisor)), [self.campaign])

    def test_supervisor_sees_only_own_campaigns(self):
        self.assertFalse(access.visible_campaigns(self.other_supervisor).exists())
        self.assertEqual(access.standing(self.other_supervisor, self.campaign), Standing.NONE)
        self.close()
        self.assertFalse(access.visible_campaigns(self.other_supervisor).exists())

    def test_supervisor_of_another_campaign(self):
        other = self.make_campaign(title="另一活动")
        group = other.groups.get()
        actions.do_add_member(group, actor=self.staff, user=self.other_supervisor)
        self.assertEqual(list(access.visible_campaigns(self.other_supervisor)), [other])


class OrganiserTests(InspectionTestCase):
    def test_unit_campaign_seen_by_its_organiser_not_by_other_units(self):
        import datetime

        campaign = actions.do_create_campaign(
            actor=self.head_a, kind="covert", title="系统内明察暗访", starts_on=datetime.date(2026, 11, 1),
            ends_on=datetime.date(2026, 11, 3),
        )
        actions.do_add_target(campaign, actor=self.head_a, unit=self.section_a)
        self.assertIn(campaign, access.visible_campaigns(self.liaison_a))
        self.assertEqual(access.standing(self.liaison_a, campaign), Standing.MANAGER)
        self.assertNotIn(campaign, access.visible_campaigns(self.liaison_b))
        # The inspected section does not see its own unit's secret campaign either.
        self.assertNotIn(campaign, access.visible_campaigns(self.section_liaison))
        self.assertEqual(access.standing(self.section_liaison, campaign), Standing.NONE)
        # The center sees every campaign, the unit's own included.
        self.assertIn(campaign, access.visible_campaigns(self.staff))
