from decimal import Decimal

from xiaoneng.evaluations import actions
from xiaoneng.evaluations.models import Grade, RaterKind
from xiaoneng.org.models import Position, UnitKind
from xiaoneng.testing import XiaonengTestCase, make_unit, make_user


class EvaluationTestCase(XiaonengTestCase):
    """A round over three departments and two sections, with two rater groups, still in draft."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.confirmer = make_user("confirmer", "confirmer")
        cls.unit_c = make_unit("zjj", "县住房和城乡建设局", parent=cls.county, short_name="住建局")
        cls.section_b = make_unit("rsj-ks", "县人社局劳动监察大队", UnitKind.SECTION, parent=cls.unit_b)
        from xiaoneng.org.models import Person

        cls.head_b = Person.objects.create(name="王局长", unit=cls.unit_b, position=Position.PRINCIPAL)
        cls.chief_b = Person.objects.create(name="李大队长", unit=cls.section_b, position=Position.CHIEF)
        cls.round = actions.do_create_round(actor=cls.staff, title="2013年度最优最差部门（科室）评议",
                                            year=2013, min_ballots=2, clause="《评议办法》第十条")
        cls.enterprises = actions.do_add_group(cls.round, actor=cls.staff, kind=RaterKind.ENTERPRISE,
                                               name="企业代表", weight=Decimal("60"))
        cls.deputies = actions.do_add_group(cls.round, actor=cls.staff, kind=RaterKind.DEPUTY,
                                            name="人大代表、政协委员", weight=Decimal("40"))
        cls.t_a = actions.do_add_target(cls.round, actor=cls.staff, unit=cls.unit_a)
        cls.t_b = actions.do_add_target(cls.round, actor=cls.staff, unit=cls.unit_b)
        cls.t_c = actions.do_add_target(cls.round, actor=cls.staff, unit=cls.unit_c)
        cls.s_a = actions.do_add_target(cls.round, actor=cls.staff, unit=cls.section_a)
        cls.s_b = actions.do_add_target(cls.round, actor=cls.staff, unit=cls.section_b)
        cls.dims = list(cls.round.dimensions.all())

    def links(self, group=None, count=1):
        return actions.do_issue_links(self.round, actor=self.staff, group=group or self.enterprises,
                                      count=count)

    def open(self):
        actions.do_open_round(self.round, actor=self.staff)
        self.round.refresh_from_db()

    def vote(self, grades: dict, group=None):
        """Cast one ballot giving each target (by Target) one grade on every dimension."""
        (secret,) = self.links(group)
        answers = {(t.pk, d.pk): grade for t, grade in grades.items() for d in self.dims}
        return actions.do_cast_ballot(secret, answers)

    def close(self):
        actions.do_close_round(self.round, actor=self.staff)
        self.round.refresh_from_db()

    def standard_votes(self):
        """a best, c worst among departments; s_b worst among sections; b has a single ballot."""
        S, F, B, D = Grade.SATISFIED, Grade.FAIRLY, Grade.BASIC, Grade.DISSATISFIED
        self.vote({self.t_a: S, self.t_b: F, self.t_c: D, self.s_a: S, self.s_b: D})
        self.vote({self.t_a: S, self.t_c: B, self.s_a: F, self.s_b: B}, group=self.deputies)
        self.vote({self.t_a: F, self.t_c: D, self.s_a: S, self.s_b: D})
