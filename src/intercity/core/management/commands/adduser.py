"""``intercity adduser USERNAME [--email ...] [--password ... | --password-from-env VAR]
[--workspace SLUG --role owner|editor|viewer] [--token]``: create or update a login."""

import getpass
import os
import sys

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from intercity.core.actions import LastOwnerError, set_member_role
from intercity.core.choices import Role
from intercity.core.models import Workspace


class Command(BaseCommand):
    help = (
        "Create a user, or update an existing one: e-mail, password, role in a workspace, API token. "
        "Without --password or --password-from-env, a new user's password is asked for (when a terminal "
        "is attached); an existing user's password is left unchanged."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", help=_("The user's e-mail address (for password resets)."))
        secret = parser.add_mutually_exclusive_group()
        secret.add_argument("--password", help=_("The password (visible in the shell's history)."))
        secret.add_argument(
            "--password-from-env", metavar="VAR", help=_("Read the password from environment variable VAR.")
        )
        parser.add_argument(
            "--workspace", help=_("Identifier (slug) of a workspace to give the user a role in.")
        )
        parser.add_argument(
            "--role", choices=Role.values, help=_("The user's role in --workspace (default: viewer).")
        )
        parser.add_argument(
            "--token", action="store_true", help=_("Print the user's API token (made if needed).")
        )

    def handle(self, *args, username, email, password, password_from_env, workspace, role, token, **options):
        if role and not workspace:
            raise CommandError(_("--role needs --workspace."))
        target = None
        if workspace:
            target = Workspace.objects.filter(slug=workspace).first()
            if target is None:
                raise CommandError(_("No workspace has the identifier %(slug)s.") % {"slug": workspace})
        if email:
            try:
                validate_email(email)
            except ValidationError as error:
                raise CommandError(_("%(email)s is not an e-mail address.") % {"email": email}) from error
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(username=username)
        password = self.read_password(password, password_from_env, needed=created)
        if email is not None:
            user.email = email
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            user.set_password(password)
        try:
            user.full_clean(exclude=["password"])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        with transaction.atomic():
            user.save()
            if target is not None:
                # Without --role an existing member keeps their role; a new member is a viewer.
                current = target.members.filter(user=user).values_list("role", flat=True).first()
                try:
                    set_member_role(target, user, role or current or Role.VIEWER)
                except LastOwnerError as error:
                    raise CommandError(str(error)) from error
        self.stdout.write(
            (_("Created user %(username)s.") if created else _("Updated user %(username)s."))
            % {"username": username}
        )
        if target is not None:
            member = target.members.get(user=user)
            self.stdout.write(
                _("Role in %(workspace)s: %(role)s")
                % {"workspace": target.slug, "role": member.get_role_display()}
            )
        if token:
            key = Token.objects.get_or_create(user=user)[0].key
            self.stdout.write(_("API token: %(key)s") % {"key": key})

    def read_password(self, password, variable, *, needed):
        """The password given, read from the environment, or typed; None to keep the current one."""
        if variable:
            value = os.environ.get(variable)
            if not value:
                raise CommandError(
                    _("The environment variable %(name)s is empty or not set.") % {"name": variable}
                )
            return value
        if password is not None:
            return password
        if not needed:
            return None
        if not sys.stdin.isatty():
            raise CommandError(
                _("Give the new user a password: --password, --password-from-env, or a terminal.")
            )
        first = getpass.getpass(_("Password: "))
        if first != getpass.getpass(_("Password (again): ")):
            raise CommandError(_("The two passwords differ."))
        return first
