"""Pages of the knowledge base: the workspace's practices and lessons, and the public ones of the atlas.

Workspace pages only declare; scoping, roles, exports and saving through :mod:`intercity.knowledge.actions`
happen in :mod:`intercity.core.workspace_views`. Public pages read ``Practice.objects.public()`` (and the
same for lessons) and nothing else: a private record is a 404 there, whoever asks.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from intercity.core.choices import Role
from intercity.core.generic import ObjectListView
from intercity.core.workspace_pages import WorkspaceListPage
from intercity.core.workspace_views import (
    WorkspaceDeleteView,
    WorkspaceDetailView,
    WorkspaceFormView,
    WorkspaceObjectMixin,
)
from intercity.knowledge import actions
from intercity.knowledge.choices import Language, Visibility
from intercity.knowledge.filtersets import LessonFilterSet, PracticeFilterSet
from intercity.knowledge.forms import AttachmentForm, LessonForm, PracticeForm
from intercity.knowledge.models import Lesson, Practice
from intercity.knowledge.tables import (
    LessonTable,
    PracticeTable,
    PublicLessonTable,
    PublicPracticeTable,
    goal_name,
)
from intercity.places.models import Country, Government

NAMESPACE = "workspace-knowledge"


def practice_queryset(queryset):
    return queryset.select_related("government__country", "workspace__government").prefetch_related(
        "themes", "networks"
    )


def lesson_queryset(queryset):
    return queryset.select_related("activity__membership__network", "author", "workspace__government")


def practice_extras(practice):
    """What a practice's page shows beyond its fields: goals with their names, key figures one per line."""
    return {
        "goals": [(number, goal_name(number)) for number in practice.sdgs],
        "key_figures": [line.strip() for line in practice.key_figures.splitlines() if line.strip()],
        "attachments": list(practice.attachments.all()),
    }


def select_of(field, rows, empty_label):
    """Show a number filter as a list of the rows it may take (``(value, label)`` pairs)."""
    field.widget = forms.Select(choices=[("", empty_label), *rows])


# --- Workspace: lists ------------------------------------------------------------------------------------------


class KnowledgeListView(WorkspaceListPage):
    def get_context_data(self, **kwargs):
        # The list's "Add a ..." button names the kind of record.
        kwargs.setdefault("model_verbose_name", self.get_queryset().model._meta.verbose_name)
        return super().get_context_data(**kwargs)


class PracticeListView(KnowledgeListView):
    queryset = practice_queryset(Practice.objects.all())
    filterset = PracticeFilterSet
    table = PracticeTable
    add_url_name = f"{NAMESPACE}:practice-add"
    filter_form_fields = ("q", "theme", "sdg", "language", "visibility", "government")
    intro = gettext_lazy(
        "Good practices of governments that the office recorded: what they faced, what they did and what "
        "came of it. Keep them private to the workspace or publish them to the open atlas."
    )

    def get_filterset(self, queryset):
        filterset = super().get_filterset(queryset)
        governments = Government.objects.filter(
            pk__in=Practice.objects.for_workspace(self.workspace).values("government")
        ).order_by("name")
        select_of(
            filterset.form.fields["government"],
            [(government.pk, government.name) for government in governments],
            _("All governments"),
        )
        return filterset


class LessonListView(KnowledgeListView):
    queryset = lesson_queryset(Lesson.objects.all())
    filterset = LessonFilterSet
    table = LessonTable
    add_url_name = f"{NAMESPACE}:lesson-add"
    filter_form_fields = ("q", "tag", "language", "visibility", "after", "before")
    intro = gettext_lazy(
        "What the office learned at summits, peer-learning visits and projects, so that the next person "
        "does not have to learn it again."
    )


# --- Workspace: one record -------------------------------------------------------------------------------------


class PracticeDetailView(WorkspaceDetailView):
    model = Practice
    template_name = "knowledge/practice_detail.html"

    def get_queryset(self):
        return practice_queryset(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(practice_extras(self.object))
        context["last_change"] = self.object.history.select_related("history_user").first()
        if self.can_edit:
            context.setdefault("attachment_form", AttachmentForm())
        return context


class LessonDetailView(WorkspaceDetailView):
    model = Lesson
    template_name = "knowledge/lesson_detail.html"

    def get_queryset(self):
        return lesson_queryset(super().get_queryset())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["last_change"] = self.object.history.select_related("history_user").first()
        return context


class KnowledgeFormView(WorkspaceFormView):
    """The form of a practice or a lesson, in groups of fields (the form's ``fieldsets``)."""

    template_name = "knowledge/record_form.html"
    detail_url_name = None
    list_url_name = None

    def get_initial(self):
        initial = super().get_initial()
        language = (get_language() or "")[:2]
        if self.object is None and language in Language.values:
            initial["language"] = language
        return initial

    def get_success_url(self):
        return reverse(self.detail_url_name, kwargs={"workspace": self.workspace.slug, "pk": self.object.pk})

    def get_context_data(self, **kwargs):
        if self.object is not None:
            cancel_url = self.get_success_url()
        else:
            cancel_url = reverse(self.list_url_name, kwargs={"workspace": self.workspace.slug})
        return super().get_context_data(cancel_url=cancel_url, **kwargs)


class PracticeFormView(KnowledgeFormView):
    model = Practice
    form_class = PracticeForm
    save_action = staticmethod(actions.save_practice)
    detail_url_name = f"{NAMESPACE}:practice-detail"
    list_url_name = f"{NAMESPACE}:practices"

    def get_initial(self):
        initial = super().get_initial()
        if self.object is None:
            # Most practices an office records are its own government's.
            initial["government"] = self.workspace.government_id
        return initial

    def form_values(self, form):
        values, m2m = super().form_values(form)
        if values.get("cost") is None:
            values["currency"] = ""  # a currency without a cost means nothing
        return values, m2m


class LessonFormView(KnowledgeFormView):
    model = Lesson
    form_class = LessonForm
    save_action = staticmethod(actions.save_lesson)
    detail_url_name = f"{NAMESPACE}:lesson-detail"
    list_url_name = f"{NAMESPACE}:lessons"


class KnowledgeDeleteView(WorkspaceDeleteView):
    list_url_name = None
    detail_url_name = None

    def get_success_url(self):
        return reverse(self.list_url_name, kwargs={"workspace": self.workspace.slug})

    def get_context_data(self, **kwargs):
        cancel_url = reverse(
            self.detail_url_name, kwargs={"workspace": self.workspace.slug, "pk": self.object.pk}
        )
        return super().get_context_data(cancel_url=cancel_url, **kwargs)


class PracticeDeleteView(KnowledgeDeleteView):
    model = Practice
    delete_action = staticmethod(actions.delete_practice)
    list_url_name = f"{NAMESPACE}:practices"
    detail_url_name = f"{NAMESPACE}:practice-detail"


class LessonDeleteView(KnowledgeDeleteView):
    model = Lesson
    delete_action = staticmethod(actions.delete_lesson)
    list_url_name = f"{NAMESPACE}:lessons"
    detail_url_name = f"{NAMESPACE}:lesson-detail"


# --- Workspace: actions on a record (POST; a GET goes back to the record's page) -----------------------------


class RecordActionView(WorkspaceObjectMixin, View):
    """An action on one record of the workspace, answered with a redirect to the record's page."""

    required_role = Role.EDITOR
    detail_url_name = None
    anchor = ""

    def get_record(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def record_url(self, record):
        url = reverse(self.detail_url_name, kwargs={"workspace": self.workspace.slug, "pk": record.pk})
        return url + (f"#{self.anchor}" if self.anchor else "")

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.record_url(self.get_record()))


class PublishView(RecordActionView):
    """Publish a record to the open atlas or make it private again (``visibility``; without it, toggle)."""

    def post(self, request, *args, **kwargs):
        record = self.get_record()
        wanted = request.POST.get("visibility") or (
            Visibility.WORKSPACE if record.is_public else Visibility.PUBLIC
        )
        if wanted not in Visibility.values:
            messages.error(request, _("Choose who may see the record: public or workspace only."))
            return HttpResponseRedirect(self.record_url(record))
        publishing = wanted == Visibility.PUBLIC
        try:
            (actions.publish if publishing else actions.unpublish)(record, self.workspace)
        except ValidationError as error:
            # A record imported with errors is published only once it is corrected.
            messages.error(request, " ".join([_("Correct the record first:"), *error.messages]))
        else:
            if publishing:
                messages.success(request, _("Published: everybody can now see it in the open atlas."))
            else:
                messages.success(request, _("Made private: only this workspace can see it now."))
        return HttpResponseRedirect(self.record_url(record))


class PracticePublishView(PublishView):
    model = Practice
    detail_url_name = f"{NAMESPACE}:practice-detail"


class LessonPublishView(PublishView):
    model = Lesson
    detail_url_name = f"{NAMESPACE}:lesson-detail"


class AttachmentAddView(PracticeDetailView):
    """Attach a file or a link to a practice; a refused one shows the practice's page with the errors."""

    required_role = Role.EDITOR

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(self.attachments_url(self.get_object()))

    def attachments_url(self, practice):
        url = reverse(
            f"{NAMESPACE}:practice-detail", kwargs={"workspace": self.workspace.slug, "pk": practice.pk}
        )
        return f"{url}#attachments"

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = AttachmentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                attachment = actions.add_attachment(self.object, self.workspace, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("Attached: %(title)s.") % {"title": attachment.title})
                return HttpResponseRedirect(self.attachments_url(self.object))
        return self.render_to_response(self.get_context_data(attachment_form=form))


class AttachmentMixin:
    """The attachment of the URL among the practice's; a missing one sends back to the practice's page."""

    model = Practice
    detail_url_name = f"{NAMESPACE}:practice-detail"
    anchor = "attachments"

    def find_attachment(self, practice):
        attachment = practice.attachments.filter(pk=self.kwargs["attachment"]).first()
        if attachment is None:
            messages.warning(self.request, _("This attachment no longer exists."))
        return attachment


class AttachmentFileView(AttachmentMixin, RecordActionView):
    """An attachment's file, for the workspace's members (downloaded, never shown in the page)."""

    required_role = Role.VIEWER

    def get(self, request, *args, **kwargs):
        practice = self.get_record()
        attachment = self.find_attachment(practice)
        if attachment is None or not attachment.file:
            return HttpResponseRedirect(self.record_url(practice))
        try:
            return FileResponse(attachment.file.open("rb"), as_attachment=True)
        except FileNotFoundError:
            messages.error(request, _("The file of this attachment is missing from the server."))
            return HttpResponseRedirect(self.record_url(practice))


class AttachmentDeleteView(AttachmentMixin, RecordActionView):
    def post(self, request, *args, **kwargs):
        practice = self.get_record()
        attachment = self.find_attachment(practice)
        if attachment is not None:
            actions.delete_attachment(attachment, self.workspace)
            messages.success(request, _("Attachment deleted: %(title)s.") % {"title": attachment.title})
        return HttpResponseRedirect(self.record_url(practice))


# --- The open atlas --------------------------------------------------------------------------------------------


class CountryChoicesMixin:
    """The ``country`` filter lists the countries of the rows, by name, instead of asking for an ISO code."""

    country_path = None

    def get_filterset(self, queryset):
        filterset = super().get_filterset(queryset)
        codes = queryset.order_by().values_list(self.country_path, flat=True).distinct()
        countries = sorted(Country.objects.filter(code__in=codes), key=str)
        select_of(
            filterset.form.fields["country"],
            [(country.code, str(country)) for country in countries],
            _("All countries"),
        )
        return filterset


class PublicPracticeListView(CountryChoicesMixin, ObjectListView):
    queryset = practice_queryset(Practice.objects.public())
    filterset = PracticeFilterSet
    table = PublicPracticeTable
    template_name = "knowledge/practice_list.html"
    export_name = "practices"
    filter_form_fields = ("q", "theme", "sdg", "language", "country")
    country_path = "government__country_id"


class PublicLessonListView(CountryChoicesMixin, ObjectListView):
    queryset = lesson_queryset(Lesson.objects.public())
    filterset = LessonFilterSet
    table = PublicLessonTable
    template_name = "knowledge/lesson_list.html"
    export_name = "lessons"
    filter_form_fields = ("q", "tag", "language", "country", "after", "before")
    country_path = "workspace__government__country_id"


class PublicPracticeDetailView(DetailView):
    queryset = practice_queryset(Practice.objects.public())
    template_name = "knowledge/public_practice_detail.html"
    context_object_name = "practice"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**practice_extras(self.object), **kwargs)


class PublicLessonDetailView(DetailView):
    queryset = lesson_queryset(Lesson.objects.public())
    template_name = "knowledge/public_lesson_detail.html"
    context_object_name = "lesson"


class PublicAttachmentView(View):
    """An attachment's file of a public practice (files of private practices are never served here)."""

    def get(self, request, pk, attachment):
        practice = get_object_or_404(Practice.objects.public(), pk=pk)
        record = get_object_or_404(practice.attachments.exclude(file=""), pk=attachment)
        try:
            return FileResponse(record.file.open("rb"), as_attachment=True)
        except FileNotFoundError as error:
            raise Http404 from error
