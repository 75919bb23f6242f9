"""Public ids: random, unguessable, used in every URL."""

from django.urls import reverse

from xiaoneng.matters.models import PUBLIC_ID_LENGTH, Matter, new_public_id
from xiaoneng.matters.tests.base import MatterTestCase, at


class PublicIdTests(MatterTestCase):
    def test_shape(self):
        pid = new_public_id()
        self.assertEqual(len(pid), PUBLIC_ID_LENGTH)
        self.assertTrue(set(pid) <= set("0123456789ABCDEFGHJKMNPQRSTVWXYZ"))

    def test_not_sequential(self):
        with at(2025, 9, 29):
            ids = [self.matter(title=f"事项{i}").public_id for i in range(20)]
        self.assertEqual(len(set(ids)), 20)
        self.assertNotEqual(ids, sorted(ids))
        self.assertFalse(any(str(m.pk) == m.public_id for m in Matter.objects.all()))

    def test_neighbours_share_no_prefix(self):
        ids = [new_public_id() for _ in range(200)]
        # 100 random bits: a shared 8-character prefix would be astronomically unlikely.
        self.assertEqual(len({pid[:8] for pid in ids}), 200)

    def test_url_uses_the_public_id_not_the_key(self):
        with at(2025, 9, 29):
            m = self.matter()
        self.assertEqual(m.get_absolute_url(), reverse("matters:detail", args=[m.public_id]))
        self.login(self.staff)
        self.assertEqual(self.client.get(f"/matters/{m.pk}/").status_code, 404)

    def test_unique_and_indexed(self):
        field = Matter._meta.get_field("public_id")
        self.assertTrue(field.unique)
