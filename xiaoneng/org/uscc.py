"""统一社会信用代码 (GB 32100-2015): 18 characters, the last a check character."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# GB 32100 alphabet: digits and capitals without I, O, S, V, Z.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_VALUE = {char: index for index, char in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    """The 18th character for the given first 17."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    if len(code) != 18 or any(char not in _VALUE for char in code):
        return False
    return check_character(code[:17]) == code[17]


def validate_uscc(code: str) -> None:
    if not is_valid_uscc(code):
        raise ValidationError(
            _("%(code)s is not a valid unified social credit code (GB 32100)."),
            code="invalid_uscc",
            params={"code": code},
        )
