"""The same seed builds the same county; another seed builds another."""

import random
from unittest import mock

from django.test import TestCase

from xiaoneng.demo.builder import STEPS, DemoError, build_demo, build_units
from xiaoneng.demo.tests.helpers import built, fast_hashing
from xiaoneng.org.models import Unit


@fast_hashing
class DeterminismTests(TestCase):
    def test_same_seed_same_data(self):
        first = built(7)
        self.assertTrue(first["matters"] and first["events"])
        self.assertEqual(built(7), first)

    def test_another_seed_other_names_same_tree(self):
        # Names come from the organisation steps; later steps only add matters to them.
        with mock.patch("xiaoneng.demo.builder.STEPS", STEPS[:4]):
            first, second = built(7), built(8)
        self.assertEqual(first["units"], second["units"])
        self.assertNotEqual(first["persons"], second["persons"])
        self.assertNotEqual(first["targets"], second["targets"])

    def test_a_step_draws_from_its_own_stream(self):
        seen = []

        def record(ctx):
            seen.append(ctx.rng.random())

        build_demo(seed=7, steps=[record, build_units, record])
        self.assertEqual(seen[0], random.Random("7:record").random())
        self.assertEqual(seen[0], seen[1])

    def test_refuses_to_build_twice(self):
        build_demo(seed=7, steps=[build_units])
        with self.assertRaises(DemoError):
            build_demo(seed=7, steps=[build_units])

    def test_refuses_a_database_with_other_data(self):
        Unit.objects.create(code="x", name="某县", short_name="某县", kind="county")
        with self.assertRaises(DemoError):
            build_demo(seed=7)
