"""Pages of the workspace shell: the user's workspaces, a workspace's overview, people, departments,
members and settings. Each page declares what it shows; core.workspace_views does the scoping."""

import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from intercity.core.actions import LastOwnerError, remove_member, set_member_role, update_workspace
from intercity.core.choices import Role
from intercity.core.filtersets import DepartmentFilterSet, PersonFilterSet
from intercity.core.forms import (
    AddMemberForm,
    DepartmentForm,
    MemberRoleForm,
    PersonForm,
    WorkspaceSettingsForm,
)
from intercity.core.models import Department, Person, Workspace, WorkspaceMember
from intercity.core.tables import DepartmentTable, PersonTable, departments_with_counts
from intercity.core.tenancy import role_of
from intercity.core.workspace_views import (
    WorkspaceDeleteView,
    WorkspaceFormView,
    WorkspaceListView,
    WorkspacePageView,
)
from intercity.engagement.choices import PortfolioStatus
from intercity.engagement.models import Activity, Participation, PortfolioMembership, Position
from intercity.engagement.querysets import activity_timeline
from intercity.engagement.scoring import DEFAULT_WINDOW_MONTHS, months_before

# Renewals closer than this are listed on the overview.
RENEWAL_HORIZON_DAYS = 90


class WorkspaceIndexView(LoginRequiredMixin, TemplateView):
    """The signed-in user's workspaces with their role; straight to the workspace when there is one."""

    template_name = "core/workspace_index.html"

    def get(self, request, *args, **kwargs):
        self.memberships = list(
            WorkspaceMember.objects.filter(user=request.user)
            .select_related("workspace__government__country")
            .order_by("workspace__name")
        )
        if len(self.memberships) == 1:
            return HttpResponseRedirect(self.memberships[0].workspace.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(memberships=self.memberships, **kwargs)


class WorkspaceHomeView(WorkspacePageView):
    """What the workspace holds, in figures, and the renewals coming up."""

    template_name = "core/workspace_home.html"

    def get_context_data(self, **kwargs):
        workspace = self.workspace
        today = timezone.localdate()
        memberships = PortfolioMembership.objects.for_workspace(workspace)
        counts = {
            "memberships": memberships.count(),
            "active_memberships": memberships.filter(status=PortfolioStatus.ACTIVE).count(),
            "activities": Activity.objects.for_workspace(workspace).count(),
            "positions": Position.objects.for_workspace(workspace).count(),
            "participations": Participation.objects.for_workspace(workspace).count(),
            "people": Person.objects.for_workspace(workspace).count(),
            "departments": Department.objects.for_workspace(workspace).count(),
            "members": workspace.members.count(),
        }
        renewals = (
            memberships.filter(
                renewal_on__gte=today,
                renewal_on__lte=today + datetime.timedelta(days=RENEWAL_HORIZON_DAYS),
            )
            .exclude(status=PortfolioStatus.LEFT)
            .select_related("network")
            .order_by("renewal_on")
        )
        # What the city did in its networks over the engagement window, month by month (one query).
        since = months_before(today, DEFAULT_WINDOW_MONTHS)
        recent = Activity.objects.for_workspace(workspace).filter(
            occurred_on__gte=since, occurred_on__lte=today
        )
        timeline = activity_timeline(recent.only("occurred_on", "kind"), today=today)
        return super().get_context_data(
            counts=counts,
            renewals=list(renewals),
            renewal_horizon=RENEWAL_HORIZON_DAYS,
            timeline=timeline,
            timeline_months=DEFAULT_WINDOW_MONTHS,
            **kwargs,
        )


class WorkspaceListPage(WorkspaceListView):
    """A list page of the workspace: its table knows the workspace and hides edit links from viewers."""

    template_name = "core/workspace_list.html"
    add_url_name = None
    intro = None

    def get_table(self, data, **kwargs):
        kwargs.setdefault("workspace", self.workspace)
        kwargs.setdefault("can_edit", self.can_edit)
        return super().get_table(data, **kwargs)

    def get_export_name(self):
        return f"{self.workspace.slug}-{super().get_export_name()}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.add_url_name and self.can_edit:
            context["add_url"] = reverse(self.add_url_name, kwargs={"workspace": self.workspace.slug})
        context.setdefault("list_intro", self.intro)
        context.setdefault("model_verbose_name", self.get_queryset().model._meta.verbose_name)
        return context


class PersonListView(WorkspaceListPage):
    queryset = Person.objects.select_related("department")
    filterset = PersonFilterSet
    table = PersonTable
    add_url_name = "workspace:person-add"
    intro = _(
        "The staff who represent the city in networks, own memberships or take part in activities. "
        "A role title is enough: record names only where the office needs them."
    )

    def get_filterset(self, queryset):
        filterset = super().get_filterset(queryset)
        # People pick a department by name, not by typing its number.
        departments = Department.objects.for_workspace(self.workspace).order_by("name")
        filterset.form.fields["department"].widget = forms.Select(
            choices=[("", _("All departments"))]
            + [(department.pk, department.name) for department in departments]
        )
        return filterset


class DepartmentListView(WorkspaceListPage):
    queryset = departments_with_counts()
    filterset = DepartmentFilterSet
    table = DepartmentTable
    add_url_name = "workspace:department-add"
    intro = _("The city's departments that take part in networks' working groups.")


class PeopleSuccessMixin:
    list_url_name = None

    def get_success_url(self):
        return reverse(self.list_url_name, kwargs={"workspace": self.workspace.slug})

    def get_context_data(self, **kwargs):
        return super().get_context_data(cancel_url=self.get_success_url(), **kwargs)


class PersonFormView(PeopleSuccessMixin, WorkspaceFormView):
    model = Person
    form_class = PersonForm
    list_url_name = "workspace:people"


class PersonDeleteView(PeopleSuccessMixin, WorkspaceDeleteView):
    model = Person
    list_url_name = "workspace:people"


class DepartmentFormView(PeopleSuccessMixin, WorkspaceFormView):
    model = Department
    form_class = DepartmentForm
    list_url_name = "workspace:departments"


class DepartmentDeleteView(PeopleSuccessMixin, WorkspaceDeleteView):
    model = Department
    list_url_name = "workspace:departments"

    def get_context_data(self, **kwargs):
        # A department that takes part in working groups cannot go (participations protect it).
        participations = Participation.objects.for_workspace(self.workspace).filter(department=self.object)
        return super().get_context_data(blocking_count=participations.count(), **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if Participation.objects.for_workspace(self.workspace).filter(department=self.object).exists():
            messages.error(
                request,
                _("This department takes part in working groups: end or move its participations first."),
            )
            return self.render_to_response(self.get_context_data())
        return super().post(request, *args, **kwargs)


class MembersView(WorkspacePageView):
    """The owner's page: who may use the workspace, with which role (add, change, remove)."""

    template_name = "core/workspace_members.html"
    required_role = Role.OWNER

    def members(self):
        return self.workspace.members.select_related("user").order_by("user__username")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("add_form", AddMemberForm(workspace=self.workspace))
        return super().get_context_data(members=self.members(), roles=Role.choices, **kwargs)

    def post(self, request, *args, **kwargs):
        if "member" in request.POST:
            return self.change_member(request)
        return self.add_member(request)

    def add_member(self, request):
        form = AddMemberForm(request.POST, workspace=self.workspace)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(add_form=form))
        user, role = form.cleaned_data["user"], form.cleaned_data["role"]
        set_member_role(self.workspace, user, role)
        messages.success(
            request,
            _("%(user)s was added as %(role)s.") % {"user": user.get_username(), "role": Role(role).label},
        )
        return HttpResponseRedirect(request.path)

    def change_member(self, request):
        form = MemberRoleForm(request.POST, workspace=self.workspace)
        if form.is_valid():
            member = form.cleaned_data["member"]
            user = member.user
            try:
                if form.cleaned_data["action"] == "remove":
                    remove_member(self.workspace, user)
                    message = _("%(user)s no longer has access to this workspace.") % {
                        "user": user.get_username()
                    }
                else:
                    role = form.cleaned_data["role"]
                    set_member_role(self.workspace, user, role)
                    message = _("%(user)s is now %(role)s.") % {
                        "user": user.get_username(),
                        "role": Role(role).label,
                    }
            except LastOwnerError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, message)
                if user == request.user and role_of(user, self.workspace) != Role.OWNER:
                    # An owner who stepped down or left cannot see this page any more.
                    return HttpResponseRedirect(reverse("workspace:list"))
                return HttpResponseRedirect(request.path)
        return self.render_to_response(self.get_context_data(role_form=form))


class SettingsView(WorkspacePageView):
    """The owner's page: the workspace's name and default currency."""

    template_name = "core/workspace_settings.html"
    required_role = Role.OWNER

    def get_form(self, data=None):
        # A fresh copy: a refused change must not show in the page's header.
        return WorkspaceSettingsForm(data, instance=Workspace.objects.get(pk=self.workspace.pk))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        update_workspace(
            self.workspace,
            name=form.cleaned_data["name"],
            default_currency=form.cleaned_data["default_currency"],
        )
        messages.success(request, _("The settings were saved."))
        return HttpResponseRedirect(request.path)
