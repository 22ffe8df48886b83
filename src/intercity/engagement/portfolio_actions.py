"""Write side of the workspace's portfolio: one function per use case.

Views, the API, the importers and the command line call these functions and nothing else to change
private engagement records. Each one validates (raising ``ValidationError`` with field names), checks
that every related record belongs to the same workspace, writes a history row, and changes nothing
when it fails.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from intercity.core.actions import save_private_record
from intercity.engagement.choices import PortfolioStatus
from intercity.engagement.models import (
    Activity,
    Membership,
    MembershipFee,
    Participation,
    PortfolioMembership,
    Position,
)
from intercity.networks.models import GovernanceBody, WorkingGroup


def public_membership_for(workspace, network):
    """The atlas's membership of the workspace's government in ``network`` (the latest), if any."""
    return (
        Membership.objects.filter(government_id=workspace.government_id, network=network)
        .order_by("-joined_on")
        .first()
    )


def save_membership(workspace, values, *, instance=None):
    """Add a network to the portfolio, or change a portfolio membership.

    The link to the atlas's public record is found by itself when the atlas knows the membership.
    """
    instance = instance or PortfolioMembership()
    values = dict(values)
    network = values.get("network", getattr(instance, "network", None) if instance.network_id else None)
    if network is not None and "public_membership" not in values:
        values["public_membership"] = public_membership_for(workspace, network)
    return save_private_record(instance, workspace, values)


def end_membership(membership, *, status, left_on, reason):
    """Mark a portfolio membership as leaving or left, with the reason (required)."""
    if status not in (PortfolioStatus.LEAVING, PortfolioStatus.LEFT):
        raise ValueError(status)
    return save_private_record(
        membership,
        membership.workspace,
        {"status": status, "left_on": left_on, "leaving_reason": reason},
    )


def save_fee(workspace, values, *, instance=None):
    """Record the fee of one year of a membership."""
    return save_private_record(instance or MembershipFee(), workspace, values)


def find_or_create_body(workspace, network, kind, name=""):
    """The governance body ``kind``/``name`` of ``network`` in the workspace, created when new."""
    body, _created = GovernanceBody.objects.for_workspace(workspace).get_or_create(
        workspace=workspace, network=network, kind=kind, name=name.strip()
    )
    return body


def find_or_create_working_group(workspace, network, name, *, theme=None):
    """The working group ``name`` of ``network`` in the workspace, created when new."""
    name = name.strip()
    if not name:
        raise ValidationError({"working_group": gettext("Give the name of the working group.")})
    group, created = WorkingGroup.objects.for_workspace(workspace).get_or_create(
        workspace=workspace, network=network, name=name, defaults={"theme": theme}
    )
    if not created and theme is not None and group.theme_id is None:
        save_private_record(group, workspace, {"theme": theme})
    return group


def save_position(workspace, values, *, instance=None):
    """Record a seat the city holds in a governance body of the membership's network."""
    return save_private_record(instance or Position(), workspace, values)


def save_participation(workspace, values, *, instance=None):
    """Record a department (and its representative) in a working group."""
    return save_private_record(instance or Participation(), workspace, values)


def save_activity(workspace, values, *, people=None, instance=None):
    """Record something the city did in a network; ``people`` are the workspace's people involved."""
    m2m = {"people": list(people)} if people is not None else None
    with transaction.atomic():
        return save_private_record(instance or Activity(), workspace, values, m2m=m2m)
