"""The matters core notifies those who must act: assignment, urge, order, extension, colours."""

from xiaoneng.matters import actions
from xiaoneng.matters.models import State
from xiaoneng.matters.scanner import scan
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.notifications.models import Delivery, EventKind, Notification
from xiaoneng.notifications.tests.base import CONFIGURED
from xiaoneng.org.models import Person


class MatterHookTests(MatterTestCase):
    def received(self, kind):
        return Notification.objects.filter(kind=kind).order_by("recipient_id")

    def test_assignment_notifies_the_units_contacts(self):
        m = self.matter(State.ASSIGNED)
        got = self.received(EventKind.ASSIGNED)
        self.assertEqual([n.recipient for n in got], [self.liaison_a, self.head_a])
        self.assertIn(m.public_id, got[0].title)
        self.assertEqual(got[0].url, m.get_absolute_url())
        self.assertEqual((got[0].subject_id, got[0].subject_type.model), (m.pk, "matter"))

    def test_other_units_hear_nothing(self):
        self.matter(State.ASSIGNED)
        self.assertFalse(Notification.objects.filter(recipient__in=[self.liaison_b, self.section_liaison])
                         .exists())

    def test_receiving_alone_notifies_nobody(self):
        self.matter(State.RECEIVED)
        self.assertFalse(Notification.objects.exists())

    def test_urge_and_supervision_order(self):
        m = self.matter(State.ASSIGNED)
        actions.do_urge_matter(m, actor=self.staff, note="请加快")
        actions.do_order_matter(m, actor=self.staff)
        self.assertEqual(self.received(EventKind.URGED).count(), 2)
        self.assertEqual(self.received(EventKind.SUPERVISION_ORDER).count(), 2)

    @CONFIGURED
    def test_default_rules_send_an_urge_by_sms(self):
        Person.objects.filter(user=self.liaison_a).update(phone="13800000001")
        actions.do_urge_matter(self.matter(State.ASSIGNED), actor=self.staff)
        sent = Delivery.objects.filter(notification__kind=EventKind.URGED).values_list("channel", "address")
        self.assertEqual(sorted(sent), [("sms", "13800000001"), ("wechat", "13800000001")])

    def test_extension_decided_tells_the_requester(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
            ext = actions.do_request_extension(m, actor=self.liaison_a, workdays=2, reason="需会商")
            actions.do_decide_extension(ext, actor=self.staff, grant=False, note="理由不充分")
        [n] = self.received(EventKind.EXTENSION_DECIDED)
        self.assertEqual(n.recipient, self.liaison_a)
        self.assertIn("未批准", n.title)

    def test_scanner_warning_then_overdue_once_each(self):
        with at(2025, 9, 30):
            self.matter(State.ASSIGNED)  # yellow Oct 11, red Oct 12
        with at(2025, 10, 11):
            scan()
            scan()
        self.assertEqual(self.received(EventKind.WARNING).count(), 2)
        with at(2025, 10, 12):
            scan()
        with at(2025, 10, 13):
            scan()  # the automatic urge, and red again: overdue is not repeated
        self.assertEqual(self.received(EventKind.OVERDUE).count(), 2)
        self.assertEqual(self.received(EventKind.URGED).count(), 2)
        self.assertEqual(self.received(EventKind.WARNING).count(), 2)

    def test_rolled_back_action_notifies_nobody(self):
        m = self.matter(State.RECEIVED)
        with self.assertRaises(actions.MatterError):
            actions.do_assign_matter(m, actor=self.liaison_a, unit=self.unit_a)
        self.assertFalse(Notification.objects.exists())
