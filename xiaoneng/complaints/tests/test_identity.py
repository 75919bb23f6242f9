import os
import stat
import tempfile
from pathlib import Path

from django.test import SimpleTestCase

from xiaoneng.complaints import identity as protect
from xiaoneng.complaints.identity import Identity, IdentityCorrupt
from xiaoneng.conf import ConfigError

KEYS = protect.derive_keys(bytes(range(32)))
OTHER = protect.derive_keys(bytes(range(1, 33)))
WHO = Identity(name="王小明", phone="13912345678", email="w@example.cn", id_number="320831199001011234")


class EncryptionTests(SimpleTestCase):
    def test_round_trip(self):
        self.assertEqual(protect.decrypt_identity(protect.encrypt_identity(WHO, KEYS), KEYS), WHO)

    def test_nothing_readable_at_rest(self):
        blob = protect.encrypt_identity(WHO, KEYS)
        for value in ("王小明".encode(), b"13912345678", b"example.cn", b"320831"):
            self.assertNotIn(value, blob)

    def test_same_identity_encrypts_differently_each_time(self):
        self.assertNotEqual(protect.encrypt_identity(WHO, KEYS), protect.encrypt_identity(WHO, KEYS))

    def test_empty_identity_stores_nothing(self):
        self.assertEqual(protect.encrypt_identity(Identity(), KEYS), b"")
        self.assertEqual(protect.decrypt_identity(b"", KEYS), Identity())

    def test_tampering_is_detected(self):
        blob = bytearray(protect.encrypt_identity(WHO, KEYS))
        blob[20] ^= 1
        with self.assertRaises(IdentityCorrupt):
            protect.decrypt_identity(bytes(blob), KEYS)

    def test_another_key_does_not_decrypt(self):
        with self.assertRaises(IdentityCorrupt):
            protect.decrypt_identity(protect.encrypt_identity(WHO, KEYS), OTHER)

    def test_truncated_blob_is_refused(self):
        with self.assertRaises(IdentityCorrupt):
            protect.decrypt_identity(b"\x01abc", KEYS)


class KeyTests(SimpleTestCase):
    def test_key_from_env(self):
        env = {protect.KEY_ENV: "ab" * 32}
        self.assertEqual(protect.read_key_material(env, Path("/nonexistent")), bytes.fromhex("ab" * 32))

    def test_short_env_key_is_refused(self):
        with self.assertRaises(ConfigError):
            protect.read_key_material({protect.KEY_ENV: "ab" * 8}, Path("/nonexistent"))

    def test_non_hex_env_key_is_refused(self):
        with self.assertRaises(ConfigError):
            protect.read_key_material({protect.KEY_ENV: "zz" * 32}, Path("/nonexistent"))

    def test_key_file_is_generated_once_owner_only(self):
        with tempfile.TemporaryDirectory() as tmp:
            first = protect.read_key_material({}, Path(tmp))
            again = protect.read_key_material({}, Path(tmp))
            mode = stat.S_IMODE(os.stat(Path(tmp) / protect.KEY_FILE).st_mode)
        self.assertEqual(first, again)
        self.assertEqual(len(first), protect.MIN_KEY_BYTES)
        self.assertEqual(mode, 0o600)

    def test_env_key_wins_over_the_file(self):
        with tempfile.TemporaryDirectory() as tmp:
            protect.read_key_material({}, Path(tmp))
            self.assertEqual(protect.read_key_material({protect.KEY_ENV: "cd" * 32}, Path(tmp)),
                             bytes.fromhex("cd" * 32))

    def test_derived_keys_differ(self):
        values = [KEYS.encrypt, KEYS.tag, KEYS.phone, KEYS.secret]
        self.assertEqual(len(set(values)), 4)
        self.assertEqual(len(KEYS.encrypt), 16)


class PhoneHashTests(SimpleTestCase):
    def test_formats_of_one_number_match(self):
        self.assertEqual(protect.phone_hash("139 1234 5678", KEYS),
                         protect.phone_hash("+86 13912345678", KEYS))

    def test_hash_is_keyed(self):
        self.assertNotEqual(protect.phone_hash("13912345678", KEYS), protect.phone_hash("13912345678", OTHER))

    def test_hash_does_not_contain_the_number(self):
        self.assertNotIn("13912345678", protect.phone_hash("13912345678", KEYS))

    def test_no_phone_no_hash(self):
        self.assertEqual(protect.phone_hash("", KEYS), "")


class SecretTests(SimpleTestCase):
    def test_secret_hash_matches_case_insensitively(self):
        stored = protect.secret_hash("TS123", "abc")
        self.assertTrue(protect.secret_matches("TS123", "ABC", stored))
        self.assertFalse(protect.secret_matches("TS123", "ABD", stored))
        self.assertFalse(protect.secret_matches("TS124", "ABC", stored))
