"""Forms of the decision tools.

:class:`DecisionForm` is the guided page's one form: priorities, weights (direct or pairwise) and the
options of the sensitivity analysis. The same values either evaluate a what-if (a GET: nothing is saved)
or, for editors, are saved as the workspace's priorities (a POST through ``strategy.actions``). Every
field is optional: a missing value falls back to the saved priorities, so that a link such as
``?fee_budget=50000`` is a complete what-if.
"""

from decimal import Decimal
from fractions import Fraction

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intercity.core.validators import validate_currency
from intercity.engagement.forms import currency_input
from intercity.networks.models import Network, Theme
from intercity.places.models import Country
from intercity.strategy.choices import Criterion, WeightMethod
from intercity.strategy.evaluation import clean_agenda
from intercity.strategy.models import MAX_AGENDA_LENGTH, CriterionOverride, NetworkAssessment

#: Saaty's fundamental scale, from "the first criterion is extremely more important" to the reverse.
#: The value is how much more the first criterion of the pair matters than the second.
SAATY_SCALE = [
    ("9", _("◀ 9 · extremely more important")),
    ("8", "◀ 8"),
    ("7", _("◀ 7 · very strongly more important")),
    ("6", "◀ 6"),
    ("5", _("◀ 5 · strongly more important")),
    ("4", "◀ 4"),
    ("3", _("◀ 3 · moderately more important")),
    ("2", "◀ 2"),
    ("1", _("1 · equally important")),
    ("1/2", "2 ▶"),
    ("1/3", _("3 ▶ · moderately more important")),
    ("1/4", "4 ▶"),
    ("1/5", _("5 ▶ · strongly more important")),
    ("1/6", "6 ▶"),
    ("1/7", _("7 ▶ · very strongly more important")),
    ("1/8", "8 ▶"),
    ("1/9", _("9 ▶ · extremely more important")),
]
SAATY_VALUES = {value: float(Fraction(value)) for value, _label in SAATY_SCALE}

#: UN M49 regions of the sub-regions used by the atlas (``places.Country.region``), to group them.
M49_REGIONS = {
    _("Africa"): [
        "Northern Africa",
        "Eastern Africa",
        "Middle Africa",
        "Southern Africa",
        "Western Africa",
    ],
    _("Americas"): ["Caribbean", "Central America", "South America", "Northern America"],
    _("Asia"): ["Central Asia", "Eastern Asia", "South-eastern Asia", "Southern Asia", "Western Asia"],
    _("Europe"): ["Eastern Europe", "Northern Europe", "Southern Europe", "Western Europe"],
    _("Oceania"): ["Australia and New Zealand", "Melanesia", "Micronesia", "Polynesia"],
}
#: Empty rows offered under the exchange rates already entered.
EXTRA_RATE_ROWS = 2
MAX_RATE_ROWS = 30
ROWS_CHOICES = [("25", _("the first 25")), ("50", _("the first 50")), ("all", _("all"))]


def weight_field_name(criterion):
    return f"weight_{criterion}"


def ahp_pairs():
    """The 21 pairs of criteria, in the order of ``Criterion`` (first before second)."""
    criteria = Criterion.values
    return [(a, b) for index, a in enumerate(criteria) for b in criteria[index + 1 :]]


def ahp_field_name(first, second):
    return f"ahp_{first}__{second}"


def saaty_choice(value):
    """The scale's choice closest to a stored judgement (a float), as a string of the scale."""
    try:
        value = float(value)
    except (TypeError, ValueError):
        return "1"
    if value <= 0:
        return "1"
    return min(SAATY_VALUES, key=lambda choice: abs(SAATY_VALUES[choice] - value))


def region_choices():
    """The atlas's sub-regions grouped by UN M49 region; sub-regions outside the table come last."""
    known = set(Country.objects.exclude(region="").values_list("region", flat=True).distinct())
    groups, grouped = [], set()
    for region, subregions in M49_REGIONS.items():
        present = [name for name in subregions if name in known]
        grouped.update(present)
        if present:
            groups.append((region, [(name, gettext(name)) for name in present]))
    others = sorted(known - grouped)
    if others:
        groups.append((_("Other"), [(name, gettext(name)) for name in others]))
    return groups


def percentage_weights(weights):
    """Stored weights (any non-negative scale) as whole percentages for the form's sliders."""
    values = {criterion: max(float((weights or {}).get(criterion, 0) or 0), 0.0) for criterion in Criterion}
    total = sum(values.values())
    if total <= 0:
        return {criterion: round(100 / len(Criterion)) for criterion in Criterion}
    return {criterion: round(100 * value / total) for criterion, value in values.items()}


class AgendaField(forms.CharField):
    """The agenda's text with its line ends made ``\n`` before its length is checked (a browser sends
    ``\r\n`` but counts one character per line end against ``maxlength``)."""

    def to_python(self, value):
        return clean_agenda(super().to_python(value))


class DecisionForm(forms.Form):
    """Priorities, weights and options of one evaluation (see the module's docstring)."""

    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Priority themes"),
    )
    regions = forms.MultipleChoiceField(
        widget=forms.CheckboxSelectMultiple, required=False, label=_("Priority regions")
    )
    agenda = AgendaField(
        required=False,
        max_length=MAX_AGENDA_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        label=_("Agenda"),
        error_messages={
            "max_length": _(
                "The agenda is too long: %(show_value)d characters, at most %(limit_value)d. Keep the "
                "priorities, or a summary of the plan."
            )
        },
    )
    fee_budget = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        label=_("Budget for fees (per year)"),
        help_text=_("Leave empty for no limit."),
    )
    budget_currency = forms.CharField(
        required=False, max_length=3, widget=currency_input(), label=_("Budget currency")
    )
    staff_hours = forms.DecimalField(
        required=False,
        min_value=0,
        max_digits=8,
        decimal_places=1,
        label=_("Staff hours available (per month)"),
        help_text=_("Leave empty for no limit."),
    )
    weight_method = forms.ChoiceField(
        choices=WeightMethod.choices, required=False, widget=forms.RadioSelect, label=_("Weighting method")
    )
    top_k = forms.IntegerField(
        required=False, min_value=1, max_value=100, label=_("Size of the shortlist (k)")
    )
    weight_spread = forms.DecimalField(
        required=False,
        min_value=0,
        max_value=1,
        max_digits=4,
        decimal_places=2,
        label=_("Weight perturbation"),
        help_text=_("Each weight is moved at random by up to this share (0.2 = ±20%)."),
    )
    draws = forms.IntegerField(required=False, min_value=10, max_value=100000, label=_("Random draws"))
    seed = forms.IntegerField(required=False, min_value=0, max_value=2**31 - 1, label=_("Random seed"))
    rows = forms.ChoiceField(choices=ROWS_CHOICES, required=False, label=_("Networks listed"))

    def __init__(self, data=None, *, priorities, **kwargs):
        self.priorities = priorities
        super().__init__(data, **kwargs)
        self.fields["regions"].choices = region_choices()
        self.fields["agenda"].help_text = gettext(
            "Your priorities, one per line, or your plan's text: networks are matched against it for the "
            "best-practices criterion. Leave empty to use the priority themes. At most %(limit)s characters."
        ) % {"limit": number_format(MAX_AGENDA_LENGTH, force_grouping=True)}
        for criterion in Criterion:
            self.fields[weight_field_name(criterion)] = forms.IntegerField(
                required=False,
                min_value=0,
                max_value=100,
                label=criterion.label,
                widget=forms.NumberInput(attrs={"type": "range", "step": 1, "class": "weight-slider"}),
            )
        for first, second in ahp_pairs():
            self.fields[ahp_field_name(first, second)] = forms.ChoiceField(
                choices=SAATY_SCALE,
                required=False,
                label=_("%(first)s against %(second)s")
                % {"first": Criterion(first).label, "second": Criterion(second).label},
                widget=forms.Select(
                    attrs={"class": "ahp-select", "data-first": first, "data-second": second}
                ),
            )
        self.rate_rows = self.count_rate_rows()
        for index in range(self.rate_rows):
            self.fields[f"rate_currency_{index}"] = forms.CharField(
                required=False, max_length=3, label=_("Currency"), widget=currency_input()
            )
            self.fields[f"rate_value_{index}"] = forms.DecimalField(
                required=False,
                min_value=Decimal("0.000001"),
                max_digits=18,
                decimal_places=6,
                label=_("Value in the budget currency"),
            )
        self.initial = self.initial_from(priorities) | dict(self.initial)

    @classmethod
    def from_saved(cls, priorities):
        """The form bound to the saved priorities (so that the page evaluates them at once)."""
        form = cls(priorities=priorities)
        data = QueryDict(mutable=True)
        for name in form.fields:
            value = form.initial.get(name)
            if value is None:
                continue
            if isinstance(value, list | tuple):
                data.setlist(name, [str(getattr(item, "pk", item)) for item in value])
            else:
                data[name] = str(value)
        return cls(data, priorities=priorities)

    # --- Reading the saved priorities -----------------------------------------------------------------------

    def count_rate_rows(self):
        saved = len(self.priorities.exchange_rates or {})
        posted = 0
        if self.data:
            posted = sum(1 for key in self.data if key.startswith("rate_currency_"))
        return min(max(saved, posted) + EXTRA_RATE_ROWS, MAX_RATE_ROWS)

    def initial_from(self, priorities):
        initial = {
            "themes": list(priorities.themes.all()) if priorities.pk else [],
            "regions": list(priorities.regions or []),
            "agenda": priorities.agenda,
            "fee_budget": priorities.fee_budget,
            "budget_currency": priorities.budget_currency,
            "staff_hours": priorities.staff_hours,
            "weight_method": priorities.weight_method,
            "top_k": priorities.top_k,
            "weight_spread": priorities.weight_spread,
            "draws": priorities.draws,
            "seed": priorities.seed,
            "rows": ROWS_CHOICES[0][0],
        }
        for criterion, percentage in percentage_weights(priorities.weights).items():
            initial[weight_field_name(criterion)] = percentage
        judgements = priorities.ahp_judgements or {}
        for first, second in ahp_pairs():
            value = judgements.get(f"{first}|{second}")
            if value is None and judgements.get(f"{second}|{first}"):
                value = 1 / float(judgements[f"{second}|{first}"])
            initial[ahp_field_name(first, second)] = saaty_choice(value if value is not None else 1)
        for index, (currency, rate) in enumerate(sorted((priorities.exchange_rates or {}).items())):
            initial[f"rate_currency_{index}"] = currency
            initial[f"rate_value_{index}"] = rate
        return initial

    # --- Fields grouped for the template ------------------------------------------------------------------------

    def weight_fields(self):
        return [self[weight_field_name(criterion)] for criterion in Criterion]

    def ahp_fields(self):
        return [
            (Criterion(first).label, self[ahp_field_name(first, second)], Criterion(second).label)
            for first, second in ahp_pairs()
        ]

    def rate_fields(self):
        return [(self[f"rate_currency_{i}"], self[f"rate_value_{i}"]) for i in range(self.rate_rows)]

    def option_fields(self):
        return [self[name] for name in ("top_k", "weight_spread", "draws", "seed")]

    # --- Cleaning: what is missing comes from the saved priorities ----------------------------------------------

    def value(self, name):
        """The cleaned value of ``name``, or its initial (saved) value when the request left it out."""
        value = self.cleaned_data.get(name)
        if value in (None, "") and (not self.is_bound or name not in self.data):
            return self.initial.get(name)
        return value

    def clean_budget_currency(self):
        currency = (self.cleaned_data.get("budget_currency") or "").strip().upper()
        if currency:
            validate_currency(currency)
        return currency

    def clean(self):
        cleaned = super().clean()
        weights = {}
        for criterion in Criterion:
            value = self.value(weight_field_name(criterion))
            weights[criterion.value] = float(value or 0)
        if self.value("weight_method") != WeightMethod.AHP and not any(weights.values()):
            raise ValidationError(_("Give at least one criterion a weight above zero."), code="weights")
        cleaned["weights"] = weights
        cleaned["ahp_judgements"] = {
            f"{first}|{second}": SAATY_VALUES[self.value(ahp_field_name(first, second)) or "1"]
            for first, second in ahp_pairs()
        }
        cleaned["exchange_rates"] = self.clean_rates()
        return cleaned

    def clean_rates(self):
        rates = {}
        for index in range(self.rate_rows):
            currency = (self.cleaned_data.get(f"rate_currency_{index}") or "").strip().upper()
            rate = self.cleaned_data.get(f"rate_value_{index}")
            if not self.is_bound:
                currency = self.initial.get(f"rate_currency_{index}") or ""
                rate = self.initial.get(f"rate_value_{index}")
            if not currency and rate is None:
                continue
            if not currency or rate is None:
                self.add_error(
                    f"rate_currency_{index}" if not currency else f"rate_value_{index}",
                    _("Give both the currency and its value."),
                )
                continue
            try:
                validate_currency(currency)
            except ValidationError as error:
                self.add_error(f"rate_currency_{index}", error)
                continue
            rates[currency] = float(rate)
        return rates

    # --- What the actions receive ---------------------------------------------------------------------------

    def priorities_values(self):
        """``(values, themes)`` for ``strategy.actions.save_priorities``."""
        values = {
            "regions": list(self.value("regions") or []),
            "agenda": self.value("agenda") or "",
            "fee_budget": self.value("fee_budget"),
            "budget_currency": self.value("budget_currency") or self.priorities.budget_currency,
            "exchange_rates": self.cleaned_data["exchange_rates"],
            "staff_hours": self.value("staff_hours"),
            "weight_method": self.value("weight_method") or WeightMethod.DIRECT,
            "weights": self.cleaned_data["weights"],
            "ahp_judgements": self.cleaned_data["ahp_judgements"],
            "top_k": self.value("top_k"),
            "weight_spread": self.value("weight_spread"),
            "draws": self.value("draws"),
            "seed": self.value("seed"),
        }
        themes = self.value("themes")
        return values, list(themes if themes is not None else [])

    def what_if_priorities(self):
        """The form's values as the mapping ``strategy.actions.evaluate`` takes for a what-if (never saved)."""
        values, themes = self.priorities_values()
        return {**values, "themes": themes}

    def rows_shown(self):
        rows = self.value("rows") or ROWS_CHOICES[0][0]
        return None if rows == "all" else int(rows)


class RunForm(forms.Form):
    """The name and note of a run to save."""

    name = forms.CharField(max_length=200, label=_("Name of the run"))
    note = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), label=_("Note"))


class CompareForm(forms.Form):
    """Two saved runs of the workspace to compare."""

    a = forms.ModelChoiceField(queryset=None, label=_("First run"))
    b = forms.ModelChoiceField(queryset=None, label=_("Second run"))

    def __init__(self, *args, runs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a"].queryset = runs
        self.fields["b"].queryset = runs


def network_choice_field():
    return forms.ModelChoiceField(
        queryset=Network.objects.filter(dissolved__isnull=True).order_by("name"), label=_("Network")
    )


class CriterionOverrideForm(forms.ModelForm):
    network = network_choice_field()

    class Meta:
        model = CriterionOverride
        fields = ["network", "criterion", "rating", "comment"]
        widgets = {
            "rating": forms.NumberInput(attrs={"min": 0, "max": 5}),
            "comment": forms.Textarea(attrs={"rows": 3}),
        }


class NetworkAssessmentForm(forms.ModelForm):
    network = network_choice_field()

    class Meta:
        model = NetworkAssessment
        fields = [
            "network",
            "expected_fee",
            "fee_currency",
            "expected_hours",
            "funds_available",
            "funds_note",
            "observer_status",
            "notes",
        ]
        widgets = {"fee_currency": currency_input(), "notes": forms.Textarea(attrs={"rows": 3})}

    def clean_fee_currency(self):
        return (self.cleaned_data.get("fee_currency") or "").strip().upper()
