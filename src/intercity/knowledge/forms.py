"""Forms of the knowledge base: a practice, a lesson, an attachment.

The views restrict every choice of a private record to the workspace and save through
:mod:`intercity.knowledge.actions`; these forms say which fields a person fills in and how. The government
of a practice is picked among the atlas's (about 20,000) with a text box that suggests names as one types.
"""

import re

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from intercity.engagement.forms import DateInput, UpperCaseCurrencyMixin, currency_input
from intercity.engagement.models import Activity
from intercity.knowledge.choices import SustainableDevelopmentGoal
from intercity.knowledge.models import Lesson, Practice
from intercity.networks.models import Network, Theme
from intercity.networks.querysets import display_name
from intercity.places.models import Country, Government

#: The separator of the picker's suggestions (places/government_suggestions.html): "Name — Country".
NAME_SEPARATOR = " — "
MAX_CANDIDATES = 8
MAX_ATTACHMENT_MB = 20
SEVERAL_HINT = _("Hold Ctrl (⌘ on a Mac) to choose several.")


def government_label(government, *, with_number=False):
    """The text the picker shows for a government: its name and country, and its number when asked."""
    label = government.name
    if government.country_id:
        label += NAME_SEPARATOR + government.country.localized_name
    return f"{label} #{government.pk}" if with_number else label


class GovernmentPicker(forms.TextInput):
    """A text box whose suggestions (a datalist) come from the atlas as one types (htmx)."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"autocomplete": "off", "spellcheck": "false", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        options_id = f"{context['widget']['attrs'].get('id', name)}-options"
        context["widget"]["attrs"].update(
            {
                "list": options_id,
                "hx-get": reverse("places:government-suggest"),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{options_id}",
                "hx-swap": "innerHTML",
                # The suggestions read ``q``; this box is named after the form's field.
                "hx-vals": 'js:{"q": this.value}',
            }
        )
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        options_id = f"{(attrs or {}).get('id', name)}-options"
        return format_html('{}<datalist id="{}"></datalist>', html, options_id)


class GovernmentField(forms.Field):
    """A government of the atlas, typed as "Name — Country" (as suggested), as "#123" or as its number."""

    widget = GovernmentPicker
    default_error_messages = {
        "unknown": _(
            "No government of the atlas is called “%(text)s”. Type two letters or more and choose one of the suggestions."
        ),
        "unknown_number": _("No government of the atlas has the number %(number)s."),
        "ambiguous": _(
            "Several governments are called “%(text)s”: %(candidates)s. Add the number of the one you mean, for example “%(example)s”."
        ),
    }

    def prepare_value(self, value):
        if isinstance(value, int | str) and str(value).isdigit():
            value = Government.objects.select_related("country").filter(pk=value).first() or value
        if isinstance(value, Government):
            return government_label(value, with_number=self.is_ambiguous(value))
        return value

    @staticmethod
    def is_ambiguous(government):
        return (
            Government.objects.filter(name__iexact=government.name, country_id=government.country_id)
            .exclude(pk=government.pk)
            .exists()
        )

    def to_python(self, value):
        text = " ".join(str(value or "").split())
        if not text:
            return None
        number = re.fullmatch(r"(?:.*\s)?#?(\d+)", text)
        if number and (text.isdigit() or "#" in text):
            government = Government.objects.select_related("country").filter(pk=number.group(1)).first()
            if government is None:
                raise forms.ValidationError(
                    self.error_messages["unknown_number"], code="unknown", params={"number": number.group(1)}
                )
            return government
        candidates = list(self.candidates(text)[: MAX_CANDIDATES + 1])
        if not candidates:
            raise forms.ValidationError(self.error_messages["unknown"], code="unknown", params={"text": text})
        if len(candidates) > 1:
            raise forms.ValidationError(
                self.error_messages["ambiguous"],
                code="ambiguous",
                params={
                    "text": text,
                    "candidates": "; ".join(
                        f"{government_label(g, with_number=True)} ({g.get_kind_display()})"
                        for g in candidates[:MAX_CANDIDATES]
                    ),
                    "example": government_label(candidates[0], with_number=True),
                },
            )
        return candidates[0]

    @staticmethod
    def candidates(text):
        name, _separator, country = text.rpartition(NAME_SEPARATOR.strip())
        if not name:
            name, country = text, ""
        governments = Government.objects.select_related("country").filter(name__iexact=name.strip())
        country = country.strip()
        if country:
            countries = Country.objects.filter(
                Q(code__iexact=country)
                | Q(name__iexact=country)
                | Q(name_es__iexact=country)
                | Q(name_pt__iexact=country)
                | Q(name_fr__iexact=country)
            )
            governments = governments.filter(country__in=countries)
        return governments.order_by("kind", "pk")


class NetworkChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, network):
        name = display_name(network)
        return f"{name} ({network.acronym})" if network.acronym and network.acronym != name else name


class ActivityChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, activity):
        return f"{activity.occurred_on:%Y-%m-%d} · {activity.title} ({display_name(activity.membership.network)})"


class TagsField(forms.CharField):
    """Free words separated by commas, kept as a list."""

    def prepare_value(self, value):
        return ", ".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        return [tag.strip() for tag in super().to_python(value).split(",") if tag.strip()]


def goal_choices():
    return [(goal.value, f"{goal.value}. {goal.label}") for goal in SustainableDevelopmentGoal]


class PracticeForm(UpperCaseCurrencyMixin, forms.ModelForm):
    """A practice, its fields grouped as the page shows them (``fieldsets``)."""

    government = GovernmentField(
        label=_("Government"),
        help_text=_("The government that carried out the practice: type its name and choose a suggestion."),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        help_text=SEVERAL_HINT,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    sdgs = forms.TypedMultipleChoiceField(
        label=_("Sustainable Development Goals"),
        choices=goal_choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "goal-choices"}),
    )
    networks = NetworkChoiceField(
        label=_("Networks involved"),
        queryset=Network.objects.order_by("name"),
        required=False,
        help_text=SEVERAL_HINT,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    fieldsets = [
        (_("The practice"), ["title", "government", "language", "themes", "sdgs"]),
        (_("What it did"), ["problem", "solution", "results", "key_figures"]),
        (
            _("Cost and time"),
            ["cost", "currency", "cost_note", "started_year", "ended_year", "timeframe_note"],
        ),
        (_("Who took part"), ["partners", "networks"]),
        (_("Source and sharing"), ["source_url", "licence", "visibility"]),
    ]

    class Meta:
        model = Practice
        fields = [
            "title",
            "government",
            "language",
            "themes",
            "sdgs",
            "problem",
            "solution",
            "results",
            "key_figures",
            "cost",
            "currency",
            "cost_note",
            "started_year",
            "ended_year",
            "timeframe_note",
            "partners",
            "networks",
            "source_url",
            "licence",
            "visibility",
        ]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "solution": forms.Textarea(attrs={"rows": 6}),
            "results": forms.Textarea(attrs={"rows": 4}),
            "key_figures": forms.Textarea(attrs={"rows": 4}),
            "partners": forms.Textarea(attrs={"rows": 3}),
            "currency": currency_input(),
            "started_year": forms.NumberInput(attrs={"min": 1900, "max": 2100}),
            "ended_year": forms.NumberInput(attrs={"min": 1900, "max": 2100}),
            "visibility": forms.RadioSelect(),
        }
        help_texts = {
            "currency": _("The ISO code of the cost's currency: EUR, USD, COP..."),
            "visibility": _(
                "A public practice appears in the open atlas for everybody; you can change this later."
            ),
        }

    def clean(self):
        # The model's constraints say the same about the whole form; here each message goes to its field.
        cleaned = super().clean()
        if cleaned.get("cost") is not None and not cleaned.get("currency") and "currency" not in self.errors:
            self.add_error("currency", _("Give the currency of the cost."))
        started, ended = cleaned.get("started_year"), cleaned.get("ended_year")
        if started and ended and ended < started:
            self.add_error("ended_year", _("The practice cannot end before it started."))
        return cleaned


class LessonForm(forms.ModelForm):
    activity = ActivityChoiceField(
        label=_("Activity"),
        queryset=Activity.objects.select_related("membership__network").order_by("-occurred_on", "-pk"),
        required=False,
        help_text=_("The summit, visit or meeting of the portfolio where it was learned."),
    )
    tags = TagsField(
        label=_("Tags"),
        required=False,
        help_text=_("Words or short phrases separated by commas: mobility, youth, financing."),
    )

    fieldsets = [
        (_("The lesson"), ["title", "learned", "language", "tags"]),
        (_("Where and when"), ["activity", "event", "project", "learned_on", "author"]),
        (_("Sharing"), ["visibility"]),
    ]

    class Meta:
        model = Lesson
        fields = [
            "title",
            "learned",
            "language",
            "tags",
            "activity",
            "event",
            "project",
            "learned_on",
            "author",
            "visibility",
        ]
        widgets = {
            "learned": forms.Textarea(attrs={"rows": 6}),
            "learned_on": DateInput(),
            "visibility": forms.RadioSelect(),
        }
        help_texts = {
            "visibility": _("A public lesson appears in the open atlas, without its author or activity."),
        }


class AttachmentForm(forms.Form):
    """A file or a link that documents a practice."""

    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), required=False, max_length=200)
    url = forms.URLField(label=_("Or an address"), required=False, max_length=500, assume_scheme="https")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "attachment_%s")
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("A report, slides, a photo: up to %(size)s MB.") % {
            "size": MAX_ATTACHMENT_MB
        }

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if file is not None and file.size > MAX_ATTACHMENT_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB."), code="size", params={"size": MAX_ATTACHMENT_MB}
            )
        return file

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("file") and not cleaned.get("url"):
            raise forms.ValidationError(_("Attach a file or give an address."), code="file_or_url")
        return cleaned
