"""Validators shared by private records."""

from functools import cache

from babel.numbers import list_currencies
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


@cache
def known_currencies():
    """ISO 4217 codes known to CLDR (through Babel)."""
    return frozenset(list_currencies())


def validate_currency(value):
    """Accept an ISO 4217 code in capitals (EUR, USD, ARS...)."""
    if value not in known_currencies():
        raise ValidationError(
            _("%(value)s is not an ISO 4217 currency code (for example EUR, USD, ARS)."),
            code="currency",
            params={"value": value},
        )
