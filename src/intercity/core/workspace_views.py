"""Generic views of the private workspace: every private page is one of these, so scoping is done once.

* :class:`WorkspaceMixin` finds the workspace from the URL (``<slug:workspace>``) and the user's role:
  404 for anybody who is not a member (the workspace's existence does not leak), 403 for a member whose
  role is too low. Any non-safe method (POST...) needs at least the editor role, whatever the view says.
* :class:`WorkspaceObjectMixin` reads ``model.objects.for_workspace(workspace)``: an object of another
  workspace is a 404.
* :class:`WorkspaceListView`, :class:`WorkspaceDetailView`, :class:`WorkspaceFormView` and
  :class:`WorkspaceDeleteView` are the list, detail, create/update and delete pages. Form views restrict
  every choice of a private record to the workspace and save through an action (``save_action``), the
  same function the API and the importers call.
"""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.forms.models import ModelMultipleChoiceField
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView
from django.views.generic.edit import FormMixin

from intercity.core.actions import delete_private_record, save_private_record
from intercity.core.choices import Role
from intercity.core.generic import ObjectListView
from intercity.core.tenancy import get_workspace_for, limit_choices_to_workspace

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


class WorkspaceMixin(LoginRequiredMixin):
    """The workspace of the URL and the user's role in it (``self.workspace``, ``self.role``)."""

    #: The lowest role that may use the view; writes always need at least an editor.
    required_role = Role.VIEWER

    def get_required_role(self):
        if self.request.method not in SAFE_METHODS and Role.rank(self.required_role) < Role.rank(Role.EDITOR):
            return Role.EDITOR
        return self.required_role

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        try:
            self.workspace, self.role = get_workspace_for(
                request.user, kwargs["workspace"], required=self.get_required_role()
            )
        except PermissionError as error:
            raise PermissionDenied(_("Your role in this workspace does not allow this.")) from error
        return super().dispatch(request, *args, **kwargs)

    @property
    def can_edit(self):
        return Role.allows(self.role, Role.EDITOR)

    @property
    def is_owner(self):
        return Role.allows(self.role, Role.OWNER)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(workspace=self.workspace, workspace_role=self.role, can_edit=self.can_edit)
        context.setdefault("is_owner", self.is_owner)
        return context


class WorkspaceObjectMixin(WorkspaceMixin):
    """Objects of ``model`` in the workspace only."""

    model = None

    def get_queryset(self):
        if self.model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs a model.")
        return self.model.objects.for_workspace(self.workspace)


class WorkspacePageView(WorkspaceMixin, TemplateView):
    """A page of the workspace that is not about one record (home, portfolio...)."""


class WorkspaceListView(WorkspaceMixin, ObjectListView):
    """A filterable, exportable list of the workspace's records (``queryset`` is scoped here)."""

    def get_queryset(self):
        return super().get_queryset().for_workspace(self.workspace)


class WorkspaceDetailView(WorkspaceObjectMixin, DetailView):
    """One record of the workspace."""


class WorkspaceFormView(WorkspaceObjectMixin, FormMixin, TemplateView):
    """Create (no ``pk`` in the URL) or change a record, through ``save_action``.

    ``save_action(workspace, values, instance=...)`` receives the cleaned values of the form's fields
    (many-to-many fields as lists) and raises ``ValidationError`` to refuse them; its errors are shown
    on the form and nothing is saved.
    """

    template_name = "core/workspace_form.html"
    required_role = Role.EDITOR
    save_action = None
    success_message = None

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_initial_instance(self):
        """A new record before the form fills it; subclasses may preset fields (its membership...)."""
        return self.model(workspace=self.workspace)

    def setup_object(self):
        self.object = self.get_object()
        self.instance = self.object if self.object is not None else self.get_initial_instance()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.instance
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        limit_choices_to_workspace(form.fields, self.workspace)
        return form

    def get(self, request, *args, **kwargs):
        self.setup_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.setup_object()
        form = self.get_form()
        if not form.is_valid():
            return self.form_invalid(form)
        return self.form_valid(form)

    def form_values(self, form):
        """``(values, m2m)`` to hand to the action."""
        values, m2m = {}, {}
        for name, field in form.fields.items():
            if name not in form.cleaned_data or name not in {f.name for f in self.model._meta.get_fields()}:
                continue
            if isinstance(field, ModelMultipleChoiceField):
                m2m[name] = list(form.cleaned_data[name])
            else:
                values[name] = form.cleaned_data[name]
        return values, m2m

    def call_action(self, values, m2m):
        if self.save_action is None:
            return save_private_record(self.instance, self.workspace, values, m2m=m2m)
        if m2m:
            return self.save_action(self.workspace, values, instance=self.instance, **m2m)
        return self.save_action(self.workspace, values, instance=self.instance)

    def form_valid(self, form):
        values, m2m = self.form_values(form)
        try:
            self.object = self.call_action(values, m2m)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message or _("Saved."))
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("object", self.object)
        context.setdefault("model_verbose_name", self.model._meta.verbose_name)
        return context


class WorkspaceDeleteView(WorkspaceObjectMixin, TemplateView):
    """Confirm, then delete a record of the workspace (its history keeps a copy)."""

    template_name = "core/workspace_confirm_delete.html"
    required_role = Role.EDITOR
    delete_action = None

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_success_url(self):
        raise ImproperlyConfigured(f"{type(self).__name__} needs get_success_url().")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("object", self.object)
        context.setdefault("model_verbose_name", self.model._meta.verbose_name)
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        success_url = self.get_success_url()
        (self.delete_action or delete_private_record)(self.object, self.workspace)
        messages.success(request, _("Deleted."))
        return HttpResponseRedirect(success_url)
