"""factory_boy factories for the atlas models; tests build exactly the rows they need."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils.text import slugify

from intercity.core.choices import Role
from intercity.core.models import Department, Person, Workspace, WorkspaceMember
from intercity.engagement.choices import ActivityKind, PortfolioStatus, PositionNature
from intercity.engagement.models import (
    Activity,
    Membership,
    MembershipFee,
    Participation,
    PortfolioMembership,
    Position,
)
from intercity.networks.choices import BodyKind, GeographicScope, NetworkKind
from intercity.networks.models import GovernanceBody, Network, Theme, WorkingGroup
from intercity.places.models import Country, Government, Place
from intercity.strategy.choices import Criterion
from intercity.strategy.models import CriterionOverride, EvaluationRun, NetworkAssessment, Priorities


class CountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Country
        django_get_or_create = ["code"]

    code = "IT"
    iso3 = factory.LazyAttribute(
        lambda country: {"IT": "ITA", "ES": "ESP", "FR": "FRA"}.get(country.code, country.code + "X")
    )
    name = factory.LazyAttribute(
        lambda country: {"IT": "Italy", "ES": "Spain", "FR": "France"}.get(country.code, country.code)
    )
    continent = "EU"


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    geonameid = factory.Sequence(lambda n: 9_000_000 + n)
    name = factory.Sequence(lambda n: f"Place {n}")
    country = factory.SubFactory(CountryFactory)
    latitude = 45.0
    longitude = 9.0
    population = 10_000


class GovernmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Government

    name = factory.Sequence(lambda n: f"Municipality {n}")
    country = factory.SubFactory(CountryFactory)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = "Climate"
    slug = factory.LazyAttribute(lambda theme: slugify(theme.name))


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Network of Cities {n}")
    slug = factory.LazyAttribute(lambda network: slugify(network.name))
    acronym = factory.Sequence(lambda n: f"NC{n}")
    kind = NetworkKind.THEMATIC
    scope = GeographicScope.GLOBAL


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    government = factory.SubFactory(GovernmentFactory)
    network = factory.SubFactory(NetworkFactory)


# --- Workspaces and their private records ----------------------------------------------------------------


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"officer{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def saved(user, create, extracted, **kwargs):
        if create:
            user.save()


class WorkspaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workspace

    name = factory.Sequence(lambda n: f"International relations office {n}")
    slug = factory.LazyAttribute(lambda workspace: slugify(workspace.name))
    government = factory.SubFactory(GovernmentFactory)
    default_currency = "EUR"


class WorkspaceMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkspaceMember

    workspace = factory.SubFactory(WorkspaceFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.EDITOR


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Department {n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Staff member {n}")
    role_title = "Adviser"


class PortfolioMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PortfolioMembership

    workspace = factory.SubFactory(WorkspaceFactory)
    network = factory.SubFactory(NetworkFactory)
    status = PortfolioStatus.ACTIVE
    annual_fee = 10000
    currency = "EUR"
    joined_on = datetime.date(2015, 1, 1)


class MembershipFeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipFee

    membership = factory.SubFactory(PortfolioMembershipFactory)
    workspace = factory.SelfAttribute("membership.workspace")
    year = 2025
    amount = 10000
    currency = "EUR"


class GovernanceBodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GovernanceBody

    workspace = factory.SubFactory(WorkspaceFactory)
    network = factory.SubFactory(NetworkFactory)
    kind = BodyKind.EXECUTIVE_BUREAU


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkingGroup

    workspace = factory.SubFactory(WorkspaceFactory)
    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Working group {n}")


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    membership = factory.SubFactory(PortfolioMembershipFactory)
    workspace = factory.SelfAttribute("membership.workspace")
    body = factory.SubFactory(
        GovernanceBodyFactory,
        workspace=factory.SelfAttribute("..membership.workspace"),
        network=factory.SelfAttribute("..membership.network"),
    )
    seat = "Vice-president"
    holder_title = "Mayor"
    nature = PositionNature.POLITICAL
    started_on = datetime.date(2024, 1, 1)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    membership = factory.SubFactory(PortfolioMembershipFactory)
    workspace = factory.SelfAttribute("membership.workspace")
    working_group = factory.SubFactory(
        WorkingGroupFactory,
        workspace=factory.SelfAttribute("..membership.workspace"),
        network=factory.SelfAttribute("..membership.network"),
    )
    department = factory.SubFactory(
        DepartmentFactory, workspace=factory.SelfAttribute("..membership.workspace")
    )
    started_on = datetime.date(2024, 1, 1)
    hours_per_month = 8


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    membership = factory.SubFactory(PortfolioMembershipFactory)
    workspace = factory.SelfAttribute("membership.workspace")
    kind = ActivityKind.PRESENTED
    occurred_on = datetime.date(2025, 6, 1)
    title = factory.Sequence(lambda n: f"Activity {n}")


# --- Decision tools ---------------------------------------------------------------------------------------


class PrioritiesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priorities
        django_get_or_create = ["workspace"]

    workspace = factory.SubFactory(WorkspaceFactory)
    fee_budget = 50000
    staff_hours = 40


class NetworkAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkAssessment

    workspace = factory.SubFactory(WorkspaceFactory)
    network = factory.SubFactory(NetworkFactory)


class CriterionOverrideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CriterionOverride

    workspace = factory.SubFactory(WorkspaceFactory)
    network = factory.SubFactory(NetworkFactory)
    criterion = Criterion.VISIBILITY
    rating = 3
    comment = "The network's summit gave the mayor a main-stage slot."


class EvaluationRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationRun

    workspace = factory.SubFactory(WorkspaceFactory)
    name = factory.Sequence(lambda n: f"Run {n}")
    inputs = factory.LazyFunction(dict)
    snapshot = factory.LazyFunction(dict)
    results = factory.LazyFunction(lambda: {"networks": [], "portfolio": {"selected": []}})


# --- Knowledge base -------------------------------------------------------------------------------------


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "knowledge.Practice"

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Practice {n}")
    government = factory.SubFactory(GovernmentFactory)
    problem = "Too many cars in the old town."
    solution = "Bus lanes, bicycle lanes and a car-free centre on Sundays."
    language = "en"
    visibility = "workspace"


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "knowledge.Lesson"

    workspace = factory.SubFactory(WorkspaceFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    learned = "Peers listen when the mayor comes in person."
    language = "en"
    visibility = "workspace"
