"""Parsing and comparing cell values: days, amounts, currencies, fees, people's names."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from intercity.core.importing import parse_decimal, parse_partial_date, word_key
from intercity.core.validators import known_currencies

#: A fee cell: an amount, optionally with its currency before or after it ("1200", "1200 USD").
FEE_CELL = re.compile(r"^(?:([A-Za-z]{3})\s*)?([-\u2212]?[\d.,]+)(?:\s*([A-Za-z]{3}))?$")


def parse_day(text, *, future_years=1):
    """A date written ``YYYY-MM-DD``, ``DD/MM/YYYY``, ``DD.MM.YYYY``, ``YYYY-MM`` or ``YYYY``; empty gives None.

    ``future_years`` is how far ahead a date may lie (renewal dates are planned years ahead).

    Examples
    --------
    >>> parse_day("31/12/2025")
    datetime.date(2025, 12, 31)
    """
    text = (text or "").strip().split("T", 1)[0]
    if not text:
        return None
    latest = datetime.date.today().year + future_years
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            value = datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if value.year > latest:
            raise ValueError(_("“%(value)s” is not a plausible year.") % {"value": text})
        if value.year >= 1800:
            return value
    value, _precision = parse_partial_date(text)
    return value


def parse_amount(text):
    """A non-negative amount with a decimal point or comma (``"1200,50"``); empty gives None."""
    value = parse_decimal(text)
    if value is None:
        return None
    if value < 0:
        raise ValueError(_("An amount cannot be negative."))
    try:
        return Decimal(str(value)).quantize(Decimal("0.01"))
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": text}) from None


def parse_currency(text):
    """An ISO 4217 code in any case (``"eur"`` -> ``"EUR"``); empty gives ""."""
    code = (text or "").strip().upper()
    if code and code not in known_currencies():
        raise ValueError(
            _("“%(value)s” is not an ISO 4217 currency code (for example EUR, USD, ARS).") % {"value": text}
        )
    return code


def parse_fee(text):
    """A fee cell: ``(amount, currency or "")``, or ``(None, "")`` when empty.

    Examples
    --------
    >>> parse_fee("1200 usd")
    (Decimal('1200.00'), 'USD')
    """
    text = (text or "").strip()
    if not text:
        return None, ""
    match = FEE_CELL.match(text)
    if not match or (match.group(1) and match.group(3)):
        raise ValueError(
            _("“%(value)s” is not a fee: write an amount, optionally with its currency (1200 or 1200 USD).")
            % {"value": text}
        )
    return parse_amount(match.group(2)), parse_currency(match.group(1) or match.group(3) or "")


def person_key(name):
    """People are found again by their name, ignoring case, accents and extra spaces."""
    return word_key(name)


def differs(instance, values, m2m=None):
    """True when saving ``values`` (and many-to-many ``m2m``) would change ``instance``."""
    if instance is None or instance.pk is None:
        return True
    for name, value in values.items():
        if getattr(instance, name) != value:
            return True
    for name, objects in (m2m or {}).items():
        if {item.pk for item in getattr(instance, name).all()} != {item.pk for item in objects}:
            return True
    return False
