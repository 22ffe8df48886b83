"""Template helpers of the private workspace: links to its sections, whichever are installed."""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from intercity.core.choices import Role

register = template.Library()

# The sections of a workspace, in the order of its navigation: (URL name, label).
SECTIONS = [
    ("workspace:home", _("Overview")),
    ("engagement:portfolio", _("Portfolio")),
    ("engagement:activity-list", _("Activities")),
    ("engagement:position-list", _("Positions")),
    ("engagement:working-group-list", _("Working groups")),
    ("engagement:participation-list", _("Participations")),
    ("workspace:people", _("People")),
    ("workspace:departments", _("Departments")),
    ("workspace-knowledge:practices", _("Practices")),
    ("workspace-knowledge:lessons", _("Lessons")),
    ("strategy:index", _("Decisions")),
    ("transfer:index", _("Import and export")),
    ("workspace:members", _("Members")),
    ("workspace:settings", _("Settings")),
]
# Sections only an owner may open: not shown to the others.
OWNER_SECTIONS = {"workspace:members", "workspace:settings"}


def workspace_reverse(name, workspace, *args):
    """The URL of section ``name`` of ``workspace`` (a slug or a Workspace), '' when it does not exist."""
    slug = getattr(workspace, "slug", workspace)
    kwargs = {"workspace": slug}
    if args:
        kwargs["pk"] = args[0]
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def workspace_url(context, name, *args):
    """``{% workspace_url "engagement:portfolio" as url %}``: '' while that section is not installed."""
    return workspace_reverse(name, context["workspace"], *args)


@register.simple_tag(takes_context=True)
def workspace_sections(context):
    """The navigation of the workspace in ``context``: dicts of label, url and current (for aria-current).

    Sections whose pages are not installed are left out, and so are the owner's sections for others.
    """
    workspace = context["workspace"]
    request = context.get("request")
    path = request.path if request is not None else ""
    is_owner = context.get("is_owner", False)
    sections = []
    for name, label in SECTIONS:
        if name in OWNER_SECTIONS and not is_owner:
            continue
        url = workspace_reverse(name, workspace)
        if not url:
            continue
        current = path == url if name == "workspace:home" else path.startswith(url)
        sections.append({"name": name, "label": label, "url": url, "current": current})
    return sections


@register.filter
def role_label(role):
    """``"owner"`` -> "Owner", in the active language."""
    try:
        return Role(role).label
    except ValueError:
        return role or ""
