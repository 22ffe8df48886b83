"""Forms of the workspace's engagement records.

The views restrict every choice of a private record to the workspace (``limit_choices_to_workspace``)
and save through :mod:`intercity.engagement.portfolio_actions`; these forms only say which fields a
person fills in and how.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from intercity.engagement.choices import ActivityKind
from intercity.engagement.models import (
    Activity,
    MembershipFee,
    Participation,
    PortfolioMembership,
    Position,
)
from intercity.networks.choices import BodyKind
from intercity.networks.models import WorkingGroup

#: Activity kinds that come with an amount of money (the short form shows amount and currency for them).
KINDS_WITH_AMOUNT = (ActivityKind.APPLIED_FOR_FUNDS, ActivityKind.RECEIVED_FUNDS, ActivityKind.WON_AWARD)


class DateInput(forms.DateInput):
    """The browser's date picker; the value is sent as YYYY-MM-DD whatever the language."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def currency_input():
    return forms.TextInput(
        attrs={"size": 4, "maxlength": 3, "autocapitalize": "characters", "pattern": "[A-Za-z]{3}"}
    )


class UpperCaseCurrencyMixin:
    """Currencies are ISO 4217 codes: ``eur`` is read as ``EUR``."""

    def clean_currency(self):
        return (self.cleaned_data.get("currency") or "").strip().upper()


class PortfolioMembershipForm(UpperCaseCurrencyMixin, forms.ModelForm):
    class Meta:
        model = PortfolioMembership
        fields = [
            "network",
            "status",
            "category",
            "joined_on",
            "left_on",
            "annual_fee",
            "currency",
            "budget_line",
            "renewal_on",
            "owner",
            "reason_for_joining",
            "leaving_reason",
            "notes",
        ]
        widgets = {
            "joined_on": DateInput(),
            "left_on": DateInput(),
            "renewal_on": DateInput(),
            "currency": currency_input(),
            "reason_for_joining": forms.Textarea(attrs={"rows": 3}),
            "leaving_reason": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "leaving_reason": _("Required when the status is leaving or left."),
            "renewal_on": _("Renewals in the next 90 days are announced at the top of the portfolio."),
        }


class MembershipFeeForm(UpperCaseCurrencyMixin, forms.ModelForm):
    class Meta:
        model = MembershipFee
        fields = ["membership", "year", "amount", "currency", "paid_on", "note"]
        widgets = {"paid_on": DateInput(), "currency": currency_input()}


class PositionForm(forms.ModelForm):
    """A seat in a governance body, which is picked by kind and name (and created when new)."""

    body_kind = forms.ChoiceField(label=_("Governance body"), choices=BodyKind.choices)
    body_name = forms.CharField(
        label=_("Name of the body"),
        max_length=200,
        required=False,
        help_text=_("As the network calls it, when it differs from the kind (optional)."),
    )

    class Meta:
        model = Position
        fields = [
            "membership",
            "body_kind",
            "body_name",
            "seat",
            "holder_title",
            "holder",
            "nature",
            "started_on",
            "ended_on",
        ]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.body_id:
            self.initial.setdefault("body_kind", self.instance.body.kind)
            self.initial.setdefault("body_name", self.instance.body.name)


class ParticipationForm(forms.ModelForm):
    class Meta:
        model = Participation
        fields = [
            "membership",
            "working_group",
            "department",
            "representative",
            "started_on",
            "ended_on",
            "hours_per_month",
        ]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}


class ActivityForm(UpperCaseCurrencyMixin, forms.ModelForm):
    class Meta:
        model = Activity
        fields = [
            "membership",
            "kind",
            "occurred_on",
            "title",
            "working_group",
            "at_annual_meeting",
            "people",
            "outcome",
            "evidence_url",
            "evidence_file",
            "amount",
            "currency",
        ]
        widgets = {
            "occurred_on": DateInput(),
            "people": forms.CheckboxSelectMultiple(),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "currency": currency_input(),
        }


class ActivityShortForm(UpperCaseCurrencyMixin, forms.ModelForm):
    """The short form of the membership page: the membership is given, the essentials only."""

    class Meta:
        model = Activity
        fields = [
            "membership",
            "kind",
            "occurred_on",
            "title",
            "working_group",
            "at_annual_meeting",
            "outcome",
            "evidence_url",
            "amount",
            "currency",
        ]
        widgets = {
            "membership": forms.HiddenInput(),
            "occurred_on": DateInput(),
            "outcome": forms.Textarea(attrs={"rows": 2}),
            "currency": currency_input(),
        }

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.membership = membership
        for name in ("amount", "currency"):
            self.fields[name].widget.attrs["data-amount-field"] = "true"
        self.fields["kind"].widget.attrs["data-kinds-with-amount"] = " ".join(KINDS_WITH_AMOUNT)
        if membership is not None:
            # Only the working groups of this membership's network make sense here.
            self.fields["working_group"].queryset = WorkingGroup.objects.for_workspace(
                membership.workspace_id
            ).filter(network_id=membership.network_id)


class WorkingGroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["network", "name", "theme"]
