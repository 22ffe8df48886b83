"""Tables of the workspace shell (django-tables2): people and departments, shown and exported."""

import django_tables2 as tables
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from intercity.core.models import Department, Person


class WorkspaceTable(tables.Table):
    """A table of one workspace's records; links need the workspace, edit links need an editor.

    Subclasses name their edit and delete URLs (``edit_url_name``, ``delete_url_name``); the ``actions``
    column is left out for viewers and never exported.
    """

    edit_url_name = None
    delete_url_name = None

    actions = tables.Column(
        verbose_name=_("Actions"), empty_values=(), orderable=False, exclude_from_export=True
    )

    def __init__(self, *args, workspace, can_edit=False, **kwargs):
        if not can_edit:
            kwargs["exclude"] = (*kwargs.get("exclude", ()), "actions")
        super().__init__(*args, **kwargs)
        self.workspace = workspace

    def record_url(self, name, record):
        return reverse(name, kwargs={"workspace": self.workspace.slug, "pk": record.pk})

    def render_actions(self, record):
        return format_html(
            '<a href="{}" aria-label="{} {}">{}</a> · <a href="{}" aria-label="{} {}">{}</a>',
            self.record_url(self.edit_url_name, record),
            _("Edit"),
            record,
            _("Edit"),
            self.record_url(self.delete_url_name, record),
            _("Delete"),
            record,
            _("Delete"),
        )


class PersonTable(WorkspaceTable):
    edit_url_name = "workspace:person-edit"
    delete_url_name = "workspace:person-delete"

    name = tables.Column(verbose_name=_("Name"), attrs={"td": {"class": "name-cell"}})
    role_title = tables.Column(verbose_name=_("Role title"))
    department = tables.Column(verbose_name=_("Department"), order_by=("department__name",))
    email = tables.EmailColumn(verbose_name=_("E-mail"))
    active = tables.BooleanColumn(verbose_name=_("Active"), yesno=(_("yes"), _("no")))
    id = tables.Column(verbose_name=_("Identifier"), visible=False)

    class Meta:
        model = Person
        fields = ()
        sequence = ("name", "role_title", "department", "email", "active", "actions")
        order_by = ("name",)
        empty_text = _("No person matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("People of the workspace")

    def value_department(self, record):
        return record.department.name if record.department else ""

    def value_active(self, record):
        return record.active


class DepartmentTable(WorkspaceTable):
    edit_url_name = "workspace:department-edit"
    delete_url_name = "workspace:department-delete"

    name = tables.Column(verbose_name=_("Name"), attrs={"td": {"class": "name-cell"}})
    people_count = tables.Column(verbose_name=_("People"), attrs={"td": {"class": "number"}})
    id = tables.Column(verbose_name=_("Identifier"), visible=False)

    class Meta:
        model = Department
        fields = ()
        sequence = ("name", "people_count", "actions")
        order_by = ("name",)
        empty_text = _("No department matches these filters.")
        attrs = {"class": "data-table"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.caption = _("Departments of the workspace")

    def render_people_count(self, record, value):
        url = reverse("workspace:people", kwargs={"workspace": self.workspace.slug})
        return format_html('<a href="{}?department={}">{}</a>', url, record.pk, value)


def departments_with_counts():
    """Departments with the number of people in each (the list's queryset)."""
    return Department.objects.annotate(people_count=Count("people"))
