import random

from django.test import SimpleTestCase

from xiaoneng.demo.targets import make_uscc, org_code_check
from xiaoneng.org.uscc import is_valid_uscc


class DemoCreditCodeTests(SimpleTestCase):
    def test_org_code_check_of_a_published_code(self):
        # A real registered code: 91 440300 71526726X G; its organisation code ends in X.
        self.assertTrue(is_valid_uscc("9144030071526726XG"))
        self.assertEqual(org_code_check("71526726"), "X")
        self.assertEqual(org_code_check("D2143569"), "X")  # GB 11714's own example

    def test_generated_codes_are_valid_and_registered_in_jinhu(self):
        rng, seen = random.Random(1), set()
        for category in ("91", "92"):
            for _ in range(200):
                code = make_uscc(rng, category, seen)
                self.assertTrue(is_valid_uscc(code), code)
                self.assertTrue(code.startswith(category + "320831"))
                self.assertEqual(org_code_check(code[8:16]), code[16])
        self.assertEqual(len(seen), 400)
