from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from hypothesis import given
from hypothesis import strategies as st

from xiaoneng.org.uscc import ALPHABET, check_character, is_valid_uscc, validate_uscc

# Published codes of real organisations.
REAL_CODES = [
    "91350100M000100Y43",
    "91110108551385082Q",
    "91440300708461136T",  # Tencent (Shenzhen)
    "11100000000013127D",  # a State Council body (category 1: organs)
    "12100000400000624D",  # category 1, public institution
]
first17 = st.text(alphabet=ALPHABET, min_size=17, max_size=17)


class UsccTests(SimpleTestCase):
    def test_real_codes_are_valid(self):
        for code in REAL_CODES:
            self.assertTrue(is_valid_uscc(code), code)

    def test_check_character_of_real_codes(self):
        self.assertEqual(check_character("91350100M000100Y4"), "3")
        self.assertEqual(check_character("91110108551385082"), "Q")

    def test_wrong_check_character(self):
        self.assertFalse(is_valid_uscc("91350100M000100Y44"))
        self.assertFalse(is_valid_uscc("91110108551385082P"))

    def test_wrong_length(self):
        self.assertFalse(is_valid_uscc("91350100M000100Y4"))
        self.assertFalse(is_valid_uscc("91350100M000100Y433"))
        self.assertFalse(is_valid_uscc(""))

    def test_letters_outside_the_alphabet(self):
        for letter in "IOSVZ":
            self.assertFalse(is_valid_uscc("9135010" + letter + "M000100Y43"), letter)

    def test_lower_case_is_not_valid(self):
        self.assertFalse(is_valid_uscc("91110108551385082q"))

    def test_validator_message_names_the_code(self):
        with self.assertRaises(ValidationError) as caught:
            validate_uscc("91350100M000100Y44")
        self.assertEqual(caught.exception.code, "invalid_uscc")
        self.assertIn("91350100M000100Y44", caught.exception.messages[0])

    def test_validator_accepts_valid_code(self):
        validate_uscc("91350100M000100Y43")

    @given(first17)
    def test_round_trip(self, body):
        self.assertTrue(is_valid_uscc(body + check_character(body)))

    @given(first17, st.sampled_from(ALPHABET))
    def test_only_one_check_character_fits(self, body, other):
        right = check_character(body)
        self.assertEqual(is_valid_uscc(body + other), other == right)

    @given(first17, st.integers(0, 16), st.sampled_from(ALPHABET))
    def test_a_single_changed_character_is_caught(self, body, index, char):
        code = body + check_character(body)
        changed = code[:index] + char + code[index + 1:]
        self.assertEqual(is_valid_uscc(changed), char == code[index])

    @given(first17)
    def test_check_character_is_in_alphabet(self, body):
        self.assertIn(check_character(body), ALPHABET)
