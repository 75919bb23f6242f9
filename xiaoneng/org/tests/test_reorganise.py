import datetime

from django.core.exceptions import PermissionDenied, ValidationError

from xiaoneng.org.actions import do_create_unit, do_rename_unit, do_reorganise_unit
from xiaoneng.org.models import Person, Position, Unit, UnitKind
from xiaoneng.testing import XiaonengTestCase, make_unit

DAY = datetime.date(2019, 3, 1)


class ReorganiseTests(XiaonengTestCase):
    def setUp(self):
        self.nw = make_unit("nw", "县农业委员会", parent=self.county, short_name="农委", is_key=True)
        self.njj = make_unit("njj", "县农业机械管理局", parent=self.county, short_name="农机局")
        self.clerk = Person.objects.create(name="王五", unit=self.nw, position=Position.STAFF)

    def test_merge_two_units_into_one(self):
        new = do_create_unit(self.admin, code="nyj", name="县农业农村局", kind=UnitKind.DEPARTMENT,
                             parent=self.county, valid_from=DAY)
        do_reorganise_unit(self.admin, self.nw, ended_on=DAY - datetime.timedelta(days=1), successor=new)
        do_reorganise_unit(self.admin, self.njj, ended_on=DAY - datetime.timedelta(days=1), successor=new)
        self.assertEqual(set(new.predecessors.values_list("code", flat=True)), {"nw", "njj"})
        self.assertEqual(self.nw.current_unit(), new)

    def test_ended_unit_is_not_current_but_was_valid_before(self):
        do_reorganise_unit(self.admin, self.nw, ended_on=datetime.date(2019, 2, 28))
        self.assertFalse(Unit.objects.current().filter(code="nw").exists())
        self.assertTrue(Unit.objects.valid_on(datetime.date(2019, 2, 28)).filter(code="nw").exists())

    def test_persons_move_only_when_asked(self):
        new = make_unit("nyj", "县农业农村局", parent=self.county)
        do_reorganise_unit(self.admin, self.nw, ended_on=DAY, successor=new)
        self.clerk.refresh_from_db()
        self.assertEqual(self.clerk.unit, self.nw)

    def test_persons_move_to_successor(self):
        new = make_unit("nyj", "县农业农村局", parent=self.county)
        do_reorganise_unit(self.admin, self.nw, ended_on=DAY, successor=new, move_persons=True)
        self.clerk.refresh_from_db()
        self.assertEqual(self.clerk.unit, new)

    def test_rename_creates_successor_and_keeps_old_unit_for_old_records(self):
        record_unit_id = self.nw.pk  # what a matter made in 2018 points at
        new = do_rename_unit(self.admin, self.nw, new_code="nyj", name="县农业农村局",
                             short_name="农业农村局", effective=DAY)
        old = Unit.objects.get(pk=record_unit_id)
        self.assertEqual(old.name, "县农业委员会")
        self.assertEqual(old.valid_to, datetime.date(2019, 2, 28))
        self.assertEqual(old.successor, new)
        self.assertEqual(new.valid_from, DAY)
        self.assertTrue(new.is_key)
        self.clerk.refresh_from_db()
        self.assertEqual(self.clerk.unit, new)

    def test_rename_moves_current_sections(self):
        section = make_unit("nw-1", "办公室", UnitKind.SECTION, parent=self.nw)
        new = do_rename_unit(self.admin, self.nw, new_code="nyj", name="县农业农村局", effective=DAY)
        section.refresh_from_db()
        self.assertEqual(section.parent, new)
        self.assertTrue(section.path.startswith(new.path))

    def test_cannot_end_twice(self):
        do_reorganise_unit(self.admin, self.nw, ended_on=DAY)
        with self.assertRaises(ValidationError):
            do_reorganise_unit(self.admin, self.nw, ended_on=DAY)

    def test_successor_cannot_be_itself(self):
        with self.assertRaises(ValidationError):
            do_reorganise_unit(self.admin, self.nw, ended_on=DAY, successor=self.nw)

    def test_end_before_start_is_refused(self):
        with self.assertRaises(ValidationError):
            do_reorganise_unit(self.admin, self.nw, ended_on=datetime.date(1990, 1, 1))

    def test_liaison_may_not_reorganise(self):
        with self.assertRaises(PermissionDenied):
            do_reorganise_unit(self.liaison_a, self.nw, ended_on=DAY)

    def test_liaison_may_not_create_units(self):
        with self.assertRaises(PermissionDenied):
            do_create_unit(self.liaison_a, code="x", name="x", kind=UnitKind.SECTION, parent=self.unit_a)

    def test_create_unit_validates(self):
        with self.assertRaises(ValidationError):
            do_create_unit(self.admin, code="jtj", name="重复", kind=UnitKind.SECTION)
