"""Matter kinds are reference data in the Django admin."""

from django.urls import reverse

from xiaoneng.matters.models import MatterKind
from xiaoneng.matters.tests.base import MatterTestCase


class MatterKindAdminTests(MatterTestCase):
    def test_defaults_from_practice_are_installed(self):
        self.assertEqual(MatterKind.objects.get(code="enquiry").time_limit, 3)
        self.assertEqual(MatterKind.objects.get(code="complaint").time_limit, 13)
        self.assertEqual(MatterKind.objects.get(code="rectification").yellow_share, 90)

    def test_admin_lists_kinds_for_the_center_admin(self):
        self.admin.is_staff = True
        self.admin.save()
        self.login(self.admin)
        response = self.client.get(reverse("admin:matters_matterkind_changelist"))
        self.assertContains(response, "t-enquiry")

    def test_liaison_cannot_reach_it(self):
        self.liaison_a.is_staff = True
        self.liaison_a.save()
        self.login(self.liaison_a)
        response = self.client.get(reverse("admin:matters_matterkind_changelist"))
        self.assertEqual(response.status_code, 403)

    def test_kind_validation(self):
        from django.core.exceptions import ValidationError

        kind = MatterKind(code="x", name="x", time_limit=3, yellow_days_before=None, yellow_share=None)
        with self.assertRaises(ValidationError):
            kind.clean()
        kind = MatterKind(code="x", name="x", time_limit=3, urge_after=5, supervise_after=3)
        with self.assertRaises(ValidationError):
            kind.clean()
