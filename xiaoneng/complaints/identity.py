"""Reporter protection: the identity is encrypted at rest, phones are matched by a keyed hash.

Encryption is SM4 (GB/T 32907) in CTR mode with an HMAC-SM3 tag over version, nonce and
ciphertext (encrypt-then-MAC). The key lives outside the database: XIAONENG_IDENTITY_KEY
(hex, at least 32 bytes) or a key file generated once in the data dir, like the secret key.
Separate keys for encryption, the tag, phone hashes and query secrets are derived from it
with HKDF-SM3, so one leaked derived key does not expose the others.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from xiaoneng.conf import ConfigError

KEY_ENV = "XIAONENG_IDENTITY_KEY"
KEY_FILE = "identity_key"
MIN_KEY_BYTES = 32
_VERSION = b"\x01"
_NONCE = 16
_TAG = 32


class IdentityCorrupt(Exception):
    """The stored identity does not verify: tampered with, or encrypted under another key."""


@dataclass(frozen=True)
class Identity:
    name: str = ""
    phone: str = ""
    email: str = ""
    id_number: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.name, self.phone, self.email, self.id_number))


@dataclass(frozen=True)
class Keys:
    encrypt: bytes
    tag: bytes
    phone: bytes
    secret: bytes


def read_key_material(environ=os.environ, directory: Path | None = None) -> bytes:
    """The master key: from the environment (hex) or from the key file, created on first use."""
    raw = environ.get(KEY_ENV)
    if raw is not None:
        try:
            key = bytes.fromhex(raw.strip())
        except ValueError:
            raise ConfigError(f"{KEY_ENV} must be hexadecimal") from None
        if len(key) < MIN_KEY_BYTES:
            raise ConfigError(f"{KEY_ENV} must hold at least {2 * MIN_KEY_BYTES} hex digits")
        return key
    path = Path(directory if directory is not None else settings.DATA_DIR) / KEY_FILE
    if not path.exists():
        try:
            # Owner-only permissions from the first byte; O_EXCL: two processes never both write.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(secrets.token_hex(MIN_KEY_BYTES))
    key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    if len(key) < MIN_KEY_BYTES:
        raise ConfigError(f"{path} must hold at least {MIN_KEY_BYTES} bytes in hex")
    return key


def derive_keys(material: bytes) -> Keys:
    def derive(label: bytes, length: int) -> bytes:
        hkdf = HKDF(algorithm=hashes.SM3(), length=length, salt=None, info=b"xiaoneng:" + label)
        return hkdf.derive(material)

    return Keys(derive(b"identity-sm4", 16), derive(b"identity-tag", 32), derive(b"phone-hash", 32),
                derive(b"query-secret", 32))


@cache
def keys() -> Keys:
    return derive_keys(read_key_material())


def _tag(key: bytes, data: bytes) -> bytes:
    mac = crypto_hmac.HMAC(key, hashes.SM3())
    mac.update(data)
    return mac.finalize()


def encrypt_identity(identity: Identity, using: Keys | None = None) -> bytes:
    """version | nonce | ciphertext | tag; an empty identity is stored as b""."""
    if identity.is_empty:
        return b""
    k = using or keys()
    nonce = os.urandom(_NONCE)
    plain = json.dumps(asdict(identity), ensure_ascii=False, sort_keys=True).encode()
    encryptor = Cipher(algorithms.SM4(k.encrypt), modes.CTR(nonce)).encryptor()
    body = _VERSION + nonce + encryptor.update(plain) + encryptor.finalize()
    return body + _tag(k.tag, body)


def decrypt_identity(blob: bytes, using: Keys | None = None) -> Identity:
    blob = bytes(blob or b"")
    if not blob:
        return Identity()
    k = using or keys()
    body, tag = blob[:-_TAG], blob[-_TAG:]
    if len(blob) < 1 + _NONCE + _TAG or body[:1] != _VERSION:
        raise IdentityCorrupt("unknown identity format")
    if not hmac.compare_digest(_tag(k.tag, body), tag):
        raise IdentityCorrupt("identity tag does not verify")
    decryptor = Cipher(algorithms.SM4(k.encrypt), modes.CTR(body[1:1 + _NONCE])).decryptor()
    plain = decryptor.update(body[1 + _NONCE:]) + decryptor.finalize()
    return Identity(**json.loads(plain))


def normalise_phone(phone: str) -> str:
    digits = "".join(ch for ch in phone or "" if ch.isdigit())
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits


def phone_hash(phone: str, using: Keys | None = None) -> str:
    """A keyed hash for finding repeat reporters without storing the number in the clear."""
    digits = normalise_phone(phone)
    if not digits:
        return ""
    return hmac.new((using or keys()).phone, digits.encode(), hashlib.sha256).hexdigest()


def secret_hash(tracking_code: str, secret: str, using: Keys | None = None) -> str:
    message = f"{tracking_code}:{secret.strip().upper()}".encode()
    return hmac.new((using or keys()).secret, message, hashlib.sha256).hexdigest()


def secret_matches(tracking_code: str, secret: str, stored: str) -> bool:
    return hmac.compare_digest(secret_hash(tracking_code, secret or ""), stored or "")
