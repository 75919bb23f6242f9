import hashlib

from django.db import connection

from xiaoneng.evaluations import actions
from xiaoneng.evaluations.models import Ballot, BallotLink, Grade, Mark
from xiaoneng.evaluations.tests.base import EvaluationTestCase


class LinkTests(EvaluationTestCase):
    def test_only_the_hash_of_the_secret_is_stored(self):
        (secret,) = self.links()
        link = BallotLink.objects.get()
        self.assertEqual(link.secret_hash, hashlib.sha256(secret.encode()).hexdigest())
        self.assertNotIn(secret, str(BallotLink.objects.values().get()))

    def test_secrets_are_long_and_distinct(self):
        secrets_ = self.links(count=50)
        self.assertEqual(len(set(secrets_)), 50)
        self.assertTrue(all(len(s) >= 32 for s in secrets_))

    def test_links_issued_are_audited_without_secrets(self):
        from xiaoneng.audit.models import AuditEntry

        (secret,) = self.links()
        entry = AuditEntry.objects.get(action="evaluations.links_issued")
        self.assertNotIn(secret, str(entry.detail))


class CastTests(EvaluationTestCase):
    def setUp(self):
        self.open()
        (self.secret,) = self.links()

    def answers(self, grade=Grade.SATISFIED):
        return {(self.t_a.pk, d.pk): grade for d in self.dims}

    def test_a_ballot_is_cast_once(self):
        actions.do_cast_ballot(self.secret, self.answers())
        with self.assertRaises(actions.LinkNotUsable):
            actions.do_cast_ballot(self.secret, self.answers(Grade.DISSATISFIED))
        self.assertEqual(Ballot.objects.count(), 1)
        self.assertEqual(set(Mark.objects.values_list("value", flat=True)), {Grade.SATISFIED})

    def test_unknown_link_is_refused(self):
        with self.assertRaises(actions.LinkNotUsable):
            actions.do_cast_ballot("not-a-secret", self.answers())

    def test_answers_outside_the_form_are_refused_and_the_link_stays_usable(self):
        with self.assertRaises(actions.EvaluationError):
            actions.do_cast_ballot(self.secret, {(self.t_a.pk, self.dims[0].pk): 55})
        self.assertFalse(BallotLink.objects.get().used)

    def test_closed_round_takes_no_ballots(self):
        actions.do_close_round(self.round, actor=self.staff)
        with self.assertRaises(actions.LinkNotUsable):
            actions.do_cast_ballot(self.secret, self.answers())


class UnlinkabilityTests(EvaluationTestCase):
    """Once used, nothing stored ties a link to the ballot it cast."""

    def test_ballot_and_link_tables_share_no_column_but_round_and_group(self):
        ballot_columns = {f.column for f in Ballot._meta.concrete_fields}
        self.assertEqual(ballot_columns, {"id", "round_id", "group_id"})
        link_columns = {f.column for f in BallotLink._meta.concrete_fields}
        self.assertEqual(link_columns, {"id", "round_id", "group_id", "secret_hash", "used"})

    def test_no_time_is_stored_on_either(self):
        for model in (Ballot, BallotLink, Mark):
            self.assertFalse([f for f in model._meta.concrete_fields
                              if f.get_internal_type() in ("DateTimeField", "DateField")], model)

    def test_ballot_keys_are_random_so_their_order_reveals_nothing(self):
        self.open()
        secrets_ = self.links(count=3)
        answer = {(self.t_a.pk, self.dims[0].pk): Grade.FAIRLY}
        cast = [actions.do_cast_ballot(s, answer).pk for s in secrets_]
        self.assertEqual(len({c.version for c in cast}), 1)  # uuid4: no clock or counter inside
        self.assertEqual(cast[0].version, 4)

    def test_casting_leaves_no_trace_or_audit_row(self):
        from xiaoneng.audit.models import AuditEntry
        from xiaoneng.trace.models import Event

        self.open()
        (secret,) = self.links()
        events, audits = Event.objects.count(), AuditEntry.objects.count()
        actions.do_cast_ballot(secret, {(self.t_a.pk, self.dims[0].pk): Grade.FAIRLY})
        self.assertEqual((Event.objects.count(), AuditEntry.objects.count()), (events, audits))

    def test_the_schema_has_no_foreign_key_from_ballots_to_links(self):
        with connection.cursor() as cursor:
            relations = connection.introspection.get_relations(cursor, Ballot._meta.db_table)
        self.assertNotIn(BallotLink._meta.db_table, {table for _col, table in relations.values()})
