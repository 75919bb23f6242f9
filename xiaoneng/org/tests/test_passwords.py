from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import TestCase

from xiaoneng.org.passwords import character_kinds


class PasswordPolicyTests(TestCase):
    def test_character_kinds(self):
        self.assertEqual(character_kinds("abcdefgh"), 1)
        self.assertEqual(character_kinds("abcDEF12"), 3)
        self.assertEqual(character_kinds("ab-D1"), 4)

    def test_short_simple_and_common_passwords_are_refused(self):
        for password in ("Ab1!", "abcdefghijkl", "1234567890123", "Password123"):
            with self.subTest(password), self.assertRaises(ValidationError):
                validate_password(password)

    def test_a_long_mixed_password_is_accepted(self):
        validate_password("Jinhu-xiaoneng-2026")

    def test_the_message_speaks_chinese(self):
        with self.assertRaises(ValidationError) as caught:
            validate_password("abcdefghijklmn")
        self.assertTrue(any("字符" in m for m in caught.exception.messages), caught.exception.messages)
