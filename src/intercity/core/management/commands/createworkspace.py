"""``intercity createworkspace --government ID|NAME --name ... [--slug ...] [--currency EUR] [--owner USERNAME]``."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from intercity.core.actions import create_workspace
from intercity.core.models import Workspace
from intercity.core.validators import validate_currency
from intercity.places.models import Government

LISTED_CANDIDATES = 15


def find_government(value, *, country=None):
    """The government with id ``value``, or the only one named ``value``; CommandError listing candidates.

    A name matches exactly (ignoring case) first, then as a part of a name; ``country`` (an ISO code)
    narrows the search.
    """
    governments = Government.objects.select_related("country")
    if country:
        governments = governments.filter(country_id=country.upper())
    value = value.strip()
    if value.isdigit():
        government = governments.filter(pk=int(value)).first()
        if government is None:
            raise CommandError(_("No government has the id %(id)s.") % {"id": value})
        return government
    candidates = list(governments.filter(name__iexact=value)[: LISTED_CANDIDATES + 1])
    if not candidates:
        candidates = list(governments.filter(name__icontains=value)[: LISTED_CANDIDATES + 1])
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        raise CommandError(
            _("No government is named %(name)s. Search the atlas (/governments/) and give its id.")
            % {"name": value}
        )
    lines = [f"  {government.pk}: {government.name} ({government.country_id})" for government in candidates]
    if len(candidates) > LISTED_CANDIDATES:
        lines[-1] = "  ..."
    raise CommandError(
        _("Several governments match %(name)s; give the id of one (or --country):\n%(candidates)s")
        % {"name": value, "candidates": "\n".join(lines)}
    )


class Command(BaseCommand):
    help = "Create a private workspace for a government, optionally with its first owner."

    def add_arguments(self, parser):
        parser.add_argument("--government", required=True, help=_("The government's id or name."))
        parser.add_argument("--country", help=_("ISO code of the government's country, to tell names apart."))
        parser.add_argument("--name", required=True, help=_("The workspace's name, e.g. the office's name."))
        parser.add_argument("--slug", help=_("Its identifier in addresses (default: from the name)."))
        parser.add_argument("--currency", default="EUR", help=_("Default currency (ISO 4217; default EUR)."))
        parser.add_argument("--owner", help=_("Username of an existing user who becomes the owner."))

    def handle(self, *args, government, country, name, slug, currency, owner, **options):
        found = find_government(government, country=country)
        slug = slug or slugify(name)
        if not slug:
            raise CommandError(_("Give a --slug: none can be made from this name."))
        if Workspace.objects.filter(slug=slug).exists():
            raise CommandError(_("A workspace already has the identifier %(slug)s.") % {"slug": slug})
        owner_user = None
        if owner:
            owner_user = get_user_model().objects.filter(username=owner).first()
            if owner_user is None:
                raise CommandError(
                    _("No user is called %(username)s; create it first with: intercity adduser %(username)s")
                    % {"username": owner}
                )
        try:
            validate_currency(currency.upper())
            workspace = create_workspace(
                found, name=name, slug=slug, default_currency=currency.upper(), owner=owner_user
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        self.stdout.write(
            _("Created workspace %(name)s (%(slug)s) for %(government)s: /w/%(slug)s/")
            % {"name": workspace.name, "slug": workspace.slug, "government": found}
        )
        if owner_user is not None:
            self.stdout.write(_("Owner: %(username)s") % {"username": owner_user.username})
