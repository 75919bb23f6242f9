import datetime

from django.core.exceptions import ValidationError

from xiaoneng.org.actions import do_move_unit
from xiaoneng.org.models import Unit, UnitKind
from xiaoneng.testing import XiaonengTestCase, make_unit


class UnitPathTests(XiaonengTestCase):
    def test_path_is_parent_path_plus_own_id(self):
        self.assertEqual(self.section_a.path, f"{self.unit_a.path}{self.section_a.pk}/")

    def test_subtree_contains_sections(self):
        codes = set(Unit.objects.subtree_of(self.unit_a).values_list("code", flat=True))
        self.assertEqual(codes, {"jtj", "jtj-zf"})

    def test_move_reroots_descendants(self):
        station = make_unit("jtj-zf-1", "执法一中队", UnitKind.STATION, parent=self.section_a)
        do_move_unit(None, self.section_a, self.unit_b)
        station.refresh_from_db()
        self.section_a.refresh_from_db()
        self.assertEqual(station.path, f"{self.unit_b.path}{self.section_a.pk}/{station.pk}/")
        self.assertTrue(station.is_within(self.unit_b))
        self.assertFalse(station.is_within(self.unit_a))

    def test_move_with_stale_parent_instance_uses_stored_path(self):
        stale_section = Unit.objects.get(pk=self.section_a.pk)
        do_move_unit(None, self.unit_a, self.unit_b)
        child = make_unit("jtj-zf-2", "执法二中队", UnitKind.STATION, parent=stale_section)
        self.unit_a.refresh_from_db()
        self.assertTrue(child.path.startswith(self.unit_a.path))
        self.assertTrue(child.path.startswith(self.unit_b.path))

    def test_cannot_move_under_itself(self):
        with self.assertRaises(ValidationError):
            do_move_unit(None, self.unit_a, self.section_a)

    def test_save_refuses_a_loop_even_without_the_action(self):
        self.unit_a.parent = self.section_a
        with self.assertRaises(ValidationError):
            self.unit_a.save()

    def test_move_to_top_level(self):
        do_move_unit(None, self.section_a, None)
        self.section_a.refresh_from_db()
        self.assertEqual(self.section_a.path, f"/{self.section_a.pk}/")
        self.assertEqual(self.section_a.depth, 0)

    def test_clean_rejects_end_before_start(self):
        self.unit_a.valid_to = datetime.date(1999, 1, 1)
        with self.assertRaises(ValidationError):
            self.unit_a.full_clean()

    def test_update_fields_parent_also_saves_path(self):
        self.section_a.parent = self.unit_b
        self.section_a.save(update_fields=["parent"])
        self.assertTrue(Unit.objects.get(pk=self.section_a.pk).path.startswith(self.unit_b.path))

    def test_ancestors_in_order(self):
        self.assertEqual(self.section_a.ancestors(), [self.county, self.unit_a])
