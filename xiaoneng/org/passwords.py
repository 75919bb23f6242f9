"""Password rules beyond Django's own: several kinds of character (等保 2.0 complexity)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext


def character_kinds(password: str) -> int:
    """How many of: lower-case letters, upper-case letters, digits, other characters."""
    kinds = [any(c.islower() for c in password), any(c.isupper() for c in password),
             any(c.isdigit() for c in password), any(not c.isalnum() for c in password)]
    return sum(kinds)


class CharacterKindsValidator:
    def __init__(self, kinds: int = 3) -> None:
        self.kinds = kinds

    def validate(self, password: str, user=None) -> None:
        if character_kinds(password) < self.kinds:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self) -> str:
        return ngettext(
            "Your password must mix at least %(kinds)d kind of character: lower-case letters, "
            "upper-case letters, digits, symbols.",
            "Your password must mix at least %(kinds)d kinds of character: lower-case letters, "
            "upper-case letters, digits, symbols.",
            self.kinds,
        ) % {"kinds": self.kinds}



