"""Forms of the workspace shell: people, departments, members and settings."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from intercity.core.choices import Role
from intercity.core.models import Department, Person, Workspace
from intercity.core.validators import validate_currency


class PersonForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["name", "role_title", "department", "email", "active"]
        help_texts = {
            "name": _("How the office refers to this person; a role description is enough."),
            "active": _("Untick when the person has left: their past activities stay linked to them."),
        }


class DepartmentForm(forms.ModelForm):
    class Meta:
        model = Department
        fields = ["name"]


class CurrencyField(forms.CharField):
    """An ISO 4217 code; "usd" is read as "USD"."""

    default_validators = [validate_currency]

    def to_python(self, value):
        return super().to_python(value).upper()


class WorkspaceSettingsForm(forms.ModelForm):
    default_currency = CurrencyField(
        label=_("Default currency"),
        max_length=3,
        help_text=_("ISO 4217 code proposed for new fees and amounts (EUR, USD, ARS...)."),
    )

    class Meta:
        model = Workspace
        fields = ["name", "default_currency"]


class AddMemberForm(forms.Form):
    """Add an existing user (by username or e-mail address) to the workspace with a role."""

    user = forms.CharField(
        label=_("Username or e-mail address"),
        max_length=254,
        help_text=_("The person needs an account already; an administrator creates it (intercity adduser)."),
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.VIEWER)

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def clean_user(self):
        identifier = self.cleaned_data["user"].strip()
        users = list(
            get_user_model().objects.filter(
                Q(username=identifier) | Q(email__iexact=identifier), is_active=True
            )
        )
        exact = [user for user in users if user.username == identifier]
        if exact:
            users = exact
        if not users:
            raise forms.ValidationError(
                _("No account has this username or e-mail address."), code="unknown_user"
            )
        if len(users) > 1:
            raise forms.ValidationError(
                _("Several accounts have this e-mail address: give the username instead."), code="ambiguous"
            )
        user = users[0]
        if self.workspace.members.filter(user=user).exists():
            raise forms.ValidationError(
                _("%(user)s is already a member: change their role in the list below."),
                code="already_member",
                params={"user": user.get_username()},
            )
        return user


class MemberRoleForm(forms.Form):
    """Change the role of a member, or remove them (``action`` = ``role`` or ``remove``)."""

    member = forms.IntegerField(widget=forms.HiddenInput)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, required=False)
    action = forms.ChoiceField(choices=[("role", _("Change role")), ("remove", _("Remove"))])

    def __init__(self, *args, workspace, **kwargs):
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def clean_member(self):
        member = self.workspace.members.select_related("user").filter(pk=self.cleaned_data["member"]).first()
        if member is None:
            raise forms.ValidationError(_("This person is not a member of the workspace."), code="unknown")
        return member

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "role" and not cleaned.get("role"):
            self.add_error("role", _("Choose a role."))
        return cleaned
