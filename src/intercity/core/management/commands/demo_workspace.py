"""``intercity demo-workspace``: a private workspace for Buenos Aires filled with a fictional portfolio.

The networks are real (taken from the atlas, preferring those the atlas says Buenos Aires belongs to);
everything else is invented: fees, dates, positions, working groups, about 150 activities over the last
three years, departments and staff, who are named by role only ("Staff member B", coordinator of
networks). The portfolio shows every pattern the workspace's pages deal with: leading memberships, a
political and an executive position, memberships whose only activity is attending the annual summit
(passive), one with no activity at all, one under review and one being left, renewals due soon.

The command is idempotent: it makes the demo login and the workspace when they are missing, fills the
portfolio only when the workspace has none, and always resets the demo login's password to the one
given (a local demo's password is public: see docs/workspaces.md).
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from intercity.core.actions import create_workspace, save_private_record, set_member_role
from intercity.core.choices import Role
from intercity.core.models import Department, Person, Workspace
from intercity.engagement import portfolio_actions as actions
from intercity.engagement.choices import (
    ActivityKind,
    MembershipCategory,
    MembershipStatus,
    PortfolioStatus,
    PositionNature,
)
from intercity.engagement.models import PortfolioMembership
from intercity.knowledge.demo import fill_demo_knowledge
from intercity.networks.choices import BodyKind
from intercity.networks.models import Network
from intercity.places.models import Government

DEMO_SLUG = "buenos-aires"
DEMO_NAME = "Buenos Aires – international relations (demo)"
DEMO_USERNAME = "demo"
DEMO_PASSWORD = "intercity-demo"
PORTFOLIO_SIZE = 12
SEED = 4

DEPARTMENTS = [
    "International relations",
    "Environment and climate change",
    "Urban planning",
    "Economic development",
    "Culture and creative industries",
    "Innovation and digital government",
    "Social development",
    "Transport and mobility",
    "Safety and resilience",
]

# key: (name, role title, department). Nobody real: people are named by their role only.
PEOPLE = {
    "mayor": ("The mayor", "Mayor", None),
    "director": ("Staff member A", "Director of international relations", "International relations"),
    "coordinator": ("Staff member B", "Coordinator of networks", "International relations"),
    "analyst": ("Staff member C", "Analyst, cooperation funds", "International relations"),
    "climate": ("Staff member D", "Climate policy adviser", "Environment and climate change"),
    "planning": ("Staff member E", "Head of strategic planning", "Urban planning"),
    "economy": ("Staff member F", "Investment promotion officer", "Economic development"),
    "culture": ("Staff member G", "Cultural cooperation officer", "Culture and creative industries"),
    "digital": ("Staff member H", "Digital government lead", "Innovation and digital government"),
    "social": ("Staff member I", "Social inclusion adviser", "Social development"),
    "mobility": ("Staff member J", "Sustainable mobility officer", "Transport and mobility"),
    "resilience": ("Staff member K", "Resilience officer", "Safety and resilience"),
}

# One profile per membership, keyed by the network's slug in the atlas; a network of the portfolio
# without a profile of its own takes the next unused one, so every pattern is always shown.
# pattern: engaged (activities of every kind), summit_only (only the annual summit: passive),
# dormant (nothing), past (nothing in the last year).
PROFILES = [
    {
        "slug": "uclg",
        "pattern": "engaged",
        "category": MembershipCategory.FULL,
        "fee": ("25000", "USD"),
        "renewal_days": 45,
        "joined": 2004,
        "owner": "director",
        "activities": 30,
        "positions": [
            (
                BodyKind.VICE_PRESIDENCY,
                "Presidency",
                "Vice-president for Latin America",
                "Mayor",
                "mayor",
                PositionNature.POLITICAL,
            )
        ],
        "groups": [
            ("Committee on local economic development", "Economic development", "economy", "6"),
            (
                "Community of practice on urban innovation",
                "Innovation and digital government",
                "digital",
                "4",
            ),
        ],
    },
    {
        "slug": "metropolis",
        "pattern": "engaged",
        "category": MembershipCategory.FULL,
        "fee": ("18000", "EUR"),
        "renewal_days": 210,
        "joined": 1999,
        "owner": "coordinator",
        "activities": 24,
        "positions": [
            (
                BodyKind.EXECUTIVE_BUREAU,
                "Executive bureau",
                "Member of the executive bureau",
                "Director of international relations",
                "director",
                PositionNature.EXECUTIVE,
            )
        ],
        "groups": [("Gender equality working group", "Social development", "social", "5")],
    },
    {
        "slug": "c40",
        "pattern": "engaged",
        "category": MembershipCategory.FULL,
        "fee": None,
        "renewal_days": None,
        "joined": 2011,
        "owner": "climate",
        "activities": 26,
        "funds": ("150000", "USD"),
        "groups": [
            ("Clean energy network", "Environment and climate change", "climate", "10"),
            ("Zero-emission transport network", "Transport and mobility", "mobility", "6"),
        ],
    },
    {
        "slug": "mercociudades",
        "pattern": "engaged",
        "category": MembershipCategory.FOUNDING,
        "fee": ("12000000", "ARS"),
        "renewal_days": 75,
        "joined": 1995,
        "owner": "coordinator",
        "activities": 22,
        "groups": [
            ("Thematic unit on international cooperation", "International relations", "director", "8"),
            ("Thematic unit on culture", "Culture and creative industries", "culture", "4"),
        ],
    },
    {
        "slug": "iclei",
        "pattern": "engaged",
        "category": MembershipCategory.FULL,
        "fee": ("11000", "EUR"),
        "renewal_days": 60,
        "joined": 2012,
        "owner": "climate",
        "activities": 12,
        "groups": [("Urban nature working group", "Environment and climate change", "climate", "3")],
    },
    {
        "slug": "cideu",
        "pattern": "summit_only",
        "category": MembershipCategory.FULL,
        "fee": ("6000", "EUR"),
        "renewal_days": 30,
        "joined": 1993,
        "owner": "planning",
        "notes": "The city goes to the yearly congress and does little else: decide at renewal.",
    },
    {
        "slug": "ucci",
        "pattern": "engaged",
        "category": MembershipCategory.FOUNDING,
        "fee": ("7000", "EUR"),
        "renewal_days": 240,
        "joined": 1982,
        "owner": "director",
        "activities": 10,
    },
    {
        "slug": "flacma",
        "pattern": "summit_only",
        "category": MembershipCategory.FULL,
        "fee": ("1500000", "ARS"),
        "renewal_days": 300,
        "joined": 2008,
        "owner": "coordinator",
    },
    {
        "slug": "wego",
        "pattern": "engaged",
        "category": MembershipCategory.FULL,
        "fee": ("5000", "USD"),
        "renewal_days": 85,
        "joined": 2017,
        "owner": "digital",
        "activities": 8,
        "groups": [
            ("Smart city services working group", "Innovation and digital government", "digital", "3")
        ],
    },
    {
        "slug": "al-las",
        "pattern": "past",
        "status": PortfolioStatus.UNDER_REVIEW,
        "category": MembershipCategory.FULL,
        "fee": None,
        "renewal_days": 150,
        "joined": 2013,
        "owner": "analyst",
        "activities": 6,
        "notes": "The project that funded the alliance has ended; the office is reviewing the membership.",
    },
    {
        "slug": "digitalcities",
        "pattern": "past",
        "status": PortfolioStatus.LEAVING,
        "leaving_reason": "A European network with little bearing on the city's priorities.",
        "category": MembershipCategory.ASSOCIATE,
        "fee": ("3000", "EUR"),
        "renewal_days": 120,
        "joined": 2015,
        "owner": "digital",
        "activities": 4,
    },
    {
        "slug": "iapmc",
        "pattern": "dormant",
        "category": MembershipCategory.HONORARY,
        "fee": None,
        "renewal_days": None,
        "joined": 1987,
        "owner": "coordinator",
        "notes": "No activity recorded: check whether the membership is still alive.",
    },
]

# The kinds of activity of an engaged membership, with their weights.
ACTIVITY_WEIGHTS = [
    (ActivityKind.ATTENDED, 30),
    (ActivityKind.PRESENTED, 16),
    (ActivityKind.CO_AUTHORED, 8),
    (ActivityKind.HOSTED, 6),
    (ActivityKind.LED, 7),
    (ActivityKind.VOTED, 7),
    (ActivityKind.APPLIED_FOR_FUNDS, 5),
    (ActivityKind.RECEIVED_FUNDS, 3),
    (ActivityKind.WON_AWARD, 2),
    (ActivityKind.OTHER, 4),
]
TOPICS = [
    "climate adaptation",
    "urban mobility",
    "the circular economy",
    "digital public services",
    "social housing",
    "gender equality",
    "local economic development",
    "public space",
    "cultural heritage",
    "metropolitan governance",
    "disaster risk reduction",
    "open data",
]
TITLES = {
    ActivityKind.ATTENDED: [
        "Attended the {network} webinar on {topic}",
        "Attended the {network} regional meeting on {topic}",
        "Took part in a {network} peer-learning session on {topic}",
    ],
    ActivityKind.PRESENTED: [
        "Presented the city's experience in {topic} at a {network} forum",
        "Case study on {topic} presented to {network} members",
    ],
    ActivityKind.CO_AUTHORED: ["Co-authored the {network} policy brief on {topic}"],
    ActivityKind.HOSTED: [
        "Hosted the {network} technical visit on {topic}",
        "Hosted a {network} workshop on {topic}",
    ],
    ActivityKind.LED: [
        "Led the {network} task force on {topic}",
        "Coordinated the {network} campaign on {topic}",
    ],
    ActivityKind.VOTED: [
        "Voted on the {network} statutes and budget",
        "Voted on the {network} declaration on {topic}",
    ],
    ActivityKind.APPLIED_FOR_FUNDS: ["Applied to the {network} fund for projects on {topic}"],
    ActivityKind.RECEIVED_FUNDS: ["Grant from {network} for a pilot on {topic}"],
    ActivityKind.WON_AWARD: ["{network} award for the city's work on {topic}"],
    ActivityKind.OTHER: [
        "Answered the {network} survey on {topic}",
        "Interview for the {network} newsletter on {topic}",
    ],
}
OUTCOMES = [
    "Contacts with three peer cities for a follow-up exchange.",
    "The city's practice was included in the network's publication.",
    "A draft cooperation proposal to discuss with the department.",
    "",
    "",
]


class Command(BaseCommand):
    help = "Create (once) a demo workspace for Buenos Aires with a fictional portfolio, and its demo login."

    def add_arguments(self, parser):
        parser.add_argument("--username", default=DEMO_USERNAME, help=_("The demo login (default: demo)."))
        parser.add_argument(
            "--password", default=DEMO_PASSWORD, help=_("Its password (default: %(default)s).")
        )
        parser.add_argument(
            "--slug", default=DEMO_SLUG, help=_("The workspace's identifier (default: %(default)s).")
        )
        parser.add_argument(
            "--site", default="http://127.0.0.1:8000", help=_("The address printed for the workspace.")
        )

    def handle(self, *args, username, password, slug, site, **options):
        with transaction.atomic():
            user = self.ensure_user(username, password)
            workspace = Workspace.objects.filter(slug=slug).first()
            if workspace is None:
                government = self.find_government()
                workspace = create_workspace(government, name=DEMO_NAME, slug=slug, default_currency="USD")
                self.stdout.write(_("Created the workspace %(name)s.") % {"name": workspace.name})
            set_member_role(workspace, user, Role.OWNER)
            if PortfolioMembership.objects.for_workspace(workspace).exists():
                self.stdout.write(_("The demo workspace already has its portfolio: nothing added."))
            else:
                figures = DemoPortfolio(workspace, today=timezone.localdate()).fill()
                self.stdout.write(
                    _(
                        "Filled the portfolio: %(memberships)s memberships, %(activities)s activities, "
                        "%(positions)s positions, %(participations)s participations, %(people)s people."
                    )
                    % figures
                )
            knowledge = fill_demo_knowledge(workspace)
            if knowledge["practices"] or knowledge["lessons"]:
                self.stdout.write(
                    _("Added %(practices)s practices and %(lessons)s lessons learned.") % knowledge
                )
        self.stdout.write(
            _("Demo workspace: %(url)s  login: %(username)s / %(password)s")
            % {"url": f"{site.rstrip('/')}/w/{workspace.slug}/", "username": username, "password": password}
        )

    def ensure_user(self, username, password):
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, email=f"{username}@example.org")
        user.set_password(password)
        user.save()
        return user

    def find_government(self):
        governments = Government.objects.all()
        government = (
            governments.filter(name__iexact="Buenos Aires", country_id="AR").first()
            or governments.filter(name__icontains="Buenos Aires", country_id="AR").order_by("name").first()
        )
        if government is not None:
            return government
        government = (
            governments.annotate(network_count=Count("memberships")).order_by("-network_count", "pk").first()
        )
        if government is None:
            raise CommandError(
                _("The atlas has no government yet: load it first with intercity load-opendata.")
            )
        self.stderr.write(
            _("Warning: the atlas has no Buenos Aires (Argentina); the demo workspace uses %(government)s.")
            % {"government": government}
        )
        return government


class DemoPortfolio:
    """Writes the fictional portfolio of ``workspace`` through the portfolio's actions."""

    def __init__(self, workspace, *, today):
        self.workspace = workspace
        self.today = today
        self.random = random.Random(SEED)
        self.departments = {}
        self.people = {}
        self.figures = dict.fromkeys(
            ("memberships", "activities", "positions", "participations", "people"), 0
        )

    def fill(self):
        for name in DEPARTMENTS:
            self.departments[name] = save_private_record(Department(), self.workspace, {"name": name})
        for key, (name, role_title, department) in PEOPLE.items():
            values = {"name": name, "role_title": role_title, "department": self.departments.get(department)}
            self.people[key] = save_private_record(Person(), self.workspace, values)
        self.figures["people"] = len(self.people)
        for network, profile in self.choose_networks():
            self.add_membership(network, profile)
        return self.figures

    def choose_networks(self):
        """Up to PORTFOLIO_SIZE networks with a profile each: the government's own networks first."""
        government = self.workspace.government
        own = list(
            Network.objects.filter(
                memberships__government=government,
                memberships__status__in=[
                    MembershipStatus.MEMBER,
                    MembershipStatus.ASSOCIATE,
                    MembershipStatus.OBSERVER,
                ],
            )
            .distinct()
            .order_by("name")
        )
        known = {
            network.slug: network
            for network in Network.objects.filter(slug__in=[p["slug"] for p in PROFILES])
        }
        chosen = own + [
            known[p["slug"]] for p in PROFILES if p["slug"] in known and known[p["slug"]] not in own
        ]
        if len(chosen) < PORTFOLIO_SIZE:
            others = Network.objects.exclude(pk__in=[network.pk for network in chosen]).filter(
                dissolved__isnull=True
            )
            chosen += list(others.order_by("name")[: PORTFOLIO_SIZE - len(chosen)])
        chosen = chosen[:PORTFOLIO_SIZE]
        if not chosen:
            raise CommandError(_("The atlas has no network yet: load it first with intercity load-opendata."))
        profiles = {p["slug"]: p for p in PROFILES}
        assigned = {network.pk: profiles[network.slug] for network in chosen if network.slug in profiles}
        unused = iter([p for p in PROFILES if p not in assigned.values()])
        return [(network, assigned.get(network.pk) or next(unused)) for network in chosen]

    def days_ago(self, low, high):
        return self.today - datetime.timedelta(days=self.random.randint(low, high))

    def add_membership(self, network, profile):
        status = profile.get("status", PortfolioStatus.ACTIVE)
        fee = profile.get("fee")
        values = {
            "network": network,
            "status": status,
            "category": profile["category"],
            "joined_on": datetime.date(profile["joined"], self.random.randint(1, 12), 1),
            "annual_fee": Decimal(fee[0]) if fee else None,
            "currency": fee[1] if fee else "",
            "budget_line": "International relations – network fees" if fee else "",
            "renewal_on": (
                self.today + datetime.timedelta(days=profile["renewal_days"])
                if profile.get("renewal_days")
                else None
            ),
            "owner": self.people[profile["owner"]],
            "reason_for_joining": "Peer learning and visibility of the city's policies abroad.",
            "leaving_reason": profile.get("leaving_reason", ""),
            "notes": profile.get("notes", ""),
        }
        membership = actions.save_membership(self.workspace, values)
        self.figures["memberships"] += 1
        if fee:
            self.add_fees(membership, Decimal(fee[0]), fee[1])
        for kind, body_name, seat, holder_title, holder, nature in profile.get("positions", []):
            body = actions.find_or_create_body(self.workspace, network, kind, body_name)
            actions.save_position(
                self.workspace,
                {
                    "membership": membership,
                    "body": body,
                    "seat": seat,
                    "holder_title": holder_title,
                    "holder": self.people[holder],
                    "nature": nature,
                    "started_on": self.today - datetime.timedelta(days=420),
                },
            )
            self.figures["positions"] += 1
        groups = []
        for group_name, department, representative, hours in profile.get("groups", []):
            group = actions.find_or_create_working_group(self.workspace, network, group_name)
            groups.append(group)
            actions.save_participation(
                self.workspace,
                {
                    "working_group": group,
                    "membership": membership,
                    "department": self.departments[department],
                    "representative": self.people[representative],
                    "started_on": self.days_ago(500, 1000),
                    "hours_per_month": Decimal(hours),
                },
            )
            self.figures["participations"] += 1
        self.add_activities(membership, profile, groups)

    def add_fees(self, membership, amount, currency):
        # Argentine pesos lose value fast: earlier years' fees were much lower.
        yearly_change = Decimal("1.8") if currency == "ARS" else Decimal("1.03")
        for offset in range(2, -1, -1):
            year = self.today.year - offset
            due = (amount / yearly_change**offset).quantize(Decimal("1"))
            paid_on = datetime.date(year, 3, 15)
            actions.save_fee(
                self.workspace,
                {
                    "membership": membership,
                    "year": year,
                    "amount": due,
                    "currency": currency,
                    "paid_on": paid_on if paid_on <= self.today else None,
                },
            )

    def add_activities(self, membership, profile, groups):
        pattern = profile["pattern"]
        if pattern == "dormant":
            return
        network = membership.network
        label = network.acronym or network.name
        coordinator, owner = self.people["coordinator"], membership.owner
        # The annual summit, once a year for three years: all that a passive membership does.
        if pattern in ("summit_only", "engaged"):
            for years_ago in range(3):
                occurred_on = self.today - datetime.timedelta(
                    days=45 + 365 * years_ago + self.random.randint(0, 60)
                )
                self.save_activity(
                    membership,
                    {
                        "kind": ActivityKind.ATTENDED,
                        "occurred_on": occurred_on,
                        "title": f"Attended the {label} annual summit {occurred_on.year}",
                        "at_annual_meeting": True,
                    },
                    people=[owner],
                )
        if pattern == "summit_only":
            return
        count = profile["activities"] - (3 if pattern == "engaged" else 0)
        kinds, weights = zip(*ACTIVITY_WEIGHTS, strict=True)
        for index in range(count):
            kind = self.random.choices(kinds, weights)[0]
            if index < 2 and profile.get("positions"):
                kind = ActivityKind.LED
            if index == 2 and profile.get("funds"):
                kind = ActivityKind.RECEIVED_FUNDS
            occurred_on = self.days_ago(400, 1000) if pattern == "past" else self.days_ago(5, 1090)
            values = {
                "kind": kind,
                "occurred_on": occurred_on,
                "title": self.random.choice(TITLES[kind]).format(
                    network=label, topic=self.random.choice(TOPICS)
                ),
                "at_annual_meeting": kind == ActivityKind.VOTED,
                "outcome": self.random.choice(OUTCOMES),
                "working_group": self.random.choice(groups)
                if groups and self.random.random() < 0.4
                else None,
            }
            if kind == ActivityKind.RECEIVED_FUNDS:
                amount, currency = profile.get("funds") or ("40000", "USD")
                values.update(amount=Decimal(amount), currency=currency)
            elif kind == ActivityKind.APPLIED_FOR_FUNDS:
                values.update(amount=Decimal(self.random.randrange(20000, 200000, 5000)), currency="USD")
            if self.random.random() < 0.3:
                values["evidence_url"] = f"https://example.org/demo-evidence/{network.slug}/{index + 1}"
            people = {owner, self.random.choice([coordinator, *self.people.values()])}
            self.save_activity(membership, values, people=sorted(people, key=lambda person: person.pk))

    def save_activity(self, membership, values, *, people):
        actions.save_activity(self.workspace, {"membership": membership, **values}, people=people)
        self.figures["activities"] += 1
