"""Generic views in the NetBox manner: a list page only declares what it lists, this module does the work.

    class NetworkListView(ObjectListView):
        queryset = Network.objects.with_member_counts()
        filterset = NetworkFilterSet
        table = NetworkTable
        template_name = "networks/network_list.html"

One view serves four things from the same filtered queryset:

* the full page (``template_name``, which includes ``includes/list_results.html``);
* the results region only, when htmx asks (``HX-Request`` header): the filter form swaps it in place and
  pushes the filtered URL, so a filtered list can be bookmarked and shared;
* ``?export=csv`` and ``?export=json``: every matching row (not only the page shown), streamed, with
  the table's export columns;
* the FilterSet's errors (an unknown or malformed filter): shown above the results, which are then empty
  rather than silently unfiltered; an export with bad filters answers 400 with the message.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponseBadRequest
from django.template.loader import render_to_string
from django.utils.cache import patch_vary_headers
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from intercity.core.caching import cached
from intercity.core.exports import EXPORT_FORMATS, export_response


def is_htmx(request):
    """True for an htmx request that wants a fragment (a history restore wants the whole page)."""
    return (
        request.headers.get("HX-Request") == "true"
        and request.headers.get("HX-History-Restore-Request") != "true"
        and request.headers.get("HX-Boosted") != "true"
    )


def use_friendly_widgets(form):
    """Widgets that read well for people who do not know Django's conventions.

    Multiple choices become checkboxes (clearer than a multi-select, for screen readers too); a single
    choice offers "Any" instead of "---------"; a yes/no filter offers "Any / Yes / No" instead of
    "Unknown / Yes / No".
    """
    for field in form.fields.values():
        if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField) and isinstance(
            field.widget, forms.SelectMultiple
        ):
            field.widget = forms.CheckboxSelectMultiple(choices=field.widget.choices)
        elif isinstance(field, forms.NullBooleanField):
            field.widget = forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))])
        elif isinstance(field, forms.ChoiceField) and isinstance(field.widget, forms.Select):
            field.choices = [
                ("", _("Any")) if value == "" else (value, label) for value, label in field.choices
            ]
    return form


class ObjectListView(TemplateView):
    """A filterable, sortable, paginated, exportable list of objects.

    Subclasses declare ``queryset``, ``filterset`` (a ``StrictFilterSet``), ``table`` (a django-tables2
    Table) and ``template_name``; optionally ``export_name`` (the download's file name, default: the
    model's plural name), ``per_page`` and ``results_template_name``.
    """

    queryset = None
    filterset = None
    table = None
    template_name = "includes/object_list.html"
    results_template_name = "includes/list_results.html"
    table_template_name = "includes/table.html"
    per_page = 50
    max_per_page = 500
    export_name = None
    # The filters shown in the form (all by default); the others are still accepted in the URL.
    filter_form_fields = None
    # The id of the element the htmx requests replace; the templates read it from the view.
    results_id = "results"

    def get_queryset(self):
        if self.queryset is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a queryset.")
        return self.queryset.all()

    def get_filterset(self, queryset):
        filterset = self.filterset(self.request.GET or None, queryset=queryset, request=self.request)
        use_friendly_widgets(filterset.form)
        return filterset

    def get_table(self, data, **kwargs):
        kwargs.setdefault("template_name", self.table_template_name)
        return self.table(data, request=self.request, **kwargs)

    def get_export_name(self):
        if self.export_name:
            return self.export_name
        return slugify(str(self.get_queryset().model._meta.verbose_name_plural)) or "export"

    def get_per_page(self):
        try:
            per_page = int(self.request.GET.get("per_page", self.per_page))
        except ValueError:
            per_page = self.per_page
        return max(1, min(per_page, self.max_per_page))

    def filter_queryset(self):
        """The FilterSet and the rows it keeps (none when the filters are invalid)."""
        queryset = self.get_queryset()
        filterset = self.get_filterset(queryset)
        if filterset.is_bound and not filterset.is_valid():
            return filterset, queryset.none()
        return filterset, filterset.qs

    def get(self, request, *args, **kwargs):
        self.filterset_instance, rows = self.filter_queryset()
        export_format = request.GET.get("export")
        if export_format:
            return self.export(export_format, rows)
        table = self.get_table(rows)
        RequestConfig(request, paginate={"per_page": self.get_per_page()}).configure(table)
        context = self.get_context_data(table=table, filter=self.filterset_instance, **kwargs)
        cache_key = self.get_cache_key() if getattr(settings, "INTERCITY_WORKSPACE_CACHE", True) else None
        if cache_key:
            # The results region and the filter fields hold no form token: they can be kept whole.
            context["results_html"] = cached(
                f"{cache_key}:results",
                lambda: render_to_string(self.results_template_name, context, request),
            )
            context["results_template_name"] = "includes/cached_results.html"
            context["filter_cache_key"] = cache_key
        if is_htmx(request):
            response = self.response_class(
                request=request, template=[context["results_template_name"]], context=context
            )
        else:
            context.update(self.get_extra_context())
            response = self.render_to_response(context)
        # The same URL answers with a fragment or a page: caches must keep them apart.
        patch_vary_headers(response, ["HX-Request"])
        return response

    def export(self, export_format, rows):
        if export_format not in EXPORT_FORMATS:
            return HttpResponseBadRequest(
                _("Unknown export format %(format)s; use one of: %(formats)s.")
                % {"format": export_format, "formats": ", ".join(EXPORT_FORMATS)},
                content_type="text/plain; charset=utf-8",
            )
        if self.filterset_instance.form.errors:
            return HttpResponseBadRequest(
                " ".join(
                    str(error) for errors in self.filterset_instance.form.errors.values() for error in errors
                ),
                content_type="text/plain; charset=utf-8",
            )
        table = self.get_table(rows)
        # Sorting applies to exports too; pagination does not.
        RequestConfig(self.request, paginate=False).configure(table)
        return export_response(table, export_format, self.get_export_name())

    def get_cache_key(self):
        """A key under which the results region and the filter fields may be cached, or None (default).

        It must change whenever anything they show changes (the data, the address, the language, the
        user's role...): see ``core.caching.workspace_cache_key``.
        """
        return None

    def get_extra_context(self):
        """What only the full page needs (charts, maps, facts): not computed for htmx fragments."""
        return {}

    def get_filter_fields(self, form):
        if self.filter_form_fields is None:
            return form.visible_fields()
        return [form[name] for name in self.filter_form_fields]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("results_template_name", self.results_template_name)
        context.setdefault("results_id", self.results_id)
        if "filter" in context:
            context.setdefault("filter_fields", self.get_filter_fields(context["filter"].form))
        context.setdefault("export_formats", list(EXPORT_FORMATS))
        context.setdefault("model_verbose_name_plural", self.get_queryset().model._meta.verbose_name_plural)
        return context
