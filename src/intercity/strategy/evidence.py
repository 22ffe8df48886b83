"""The evidence of the decision tools: one row of plain features per candidate network, read from the
atlas and from ONE workspace's private records, and the sentences that explain each score.

:func:`gather` reads the database in a constant number of queries (one per kind of record, never one per
network): the active networks of the atlas (not dissolved), their themes, their current public members
with country, continent, population and kind; the workspace government and its twinnings; the
workspace's portfolio, fees, recent activities, positions, working-group seats and assessments. Nothing
of another workspace is read (every private query goes through ``for_workspace``).

Money is only ever converted with the rates the office entered (``Priorities.exchange_rates``): an
amount in a currency without a rate is not added to anything, and a fee in such a currency is treated
as unknown, then estimated, and the evidence says so.

Fee estimates (a network without a known fee): the median of the known fees (in the budget currency)
of the networks of the same kind and scope in the workspace's own data (portfolio and assessments);
else of the same kind; else :data:`DEFAULT_FEES_EUR` by kind, converted when the budget currency is
not the euro (and unknown without a EUR rate). Staff hours: the assessment's expected hours; else the
current working-group seats' hours of a portfolio membership; else :data:`DEFAULT_HOURS` by kind.

:func:`score_rows` applies the seven functions of :mod:`intercity.analysis.mcda.criteria` to the rows
(with the agenda's match in the context, when the office gave an agenda: :func:`agenda_match`);
:func:`explain` turns their ``(code, params)`` evidence into a translated sentence.
"""

import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from intercity.analysis.mcda import criteria
from intercity.engagement.choices import ActivityKind, PortfolioStatus
from intercity.engagement.models import (
    Activity,
    Membership,
    MembershipFee,
    Participation,
    PortfolioMembership,
    Position,
)
from intercity.engagement.scoring import DEFAULT_WINDOW_MONTHS, months_before
from intercity.networks.choices import GeographicScope, NetworkKind
from intercity.networks.models import Network
from intercity.networks.querysets import CURRENT_STATUSES
from intercity.places.models import Government
from intercity.relations.models import Twinning
from intercity.strategy.models import NetworkAssessment

#: A yearly fee assumed when nothing better is known, in euros, by kind of network (documented guesses:
#: representation networks charge most).
DEFAULT_FEES_EUR = {
    NetworkKind.REPRESENTATION: 10_000.0,
    NetworkKind.REGIONAL: 5_000.0,
    NetworkKind.THEMATIC: 5_000.0,
}
#: Staff hours per month assumed for a membership when nothing better is known, by kind of network.
DEFAULT_HOURS = {NetworkKind.REPRESENTATION: 6.0, NetworkKind.REGIONAL: 4.0, NetworkKind.THEMATIC: 4.0}
#: Two governments are of similar size when the larger is at most this many times the smaller.
SIMILAR_POPULATION_FACTOR = 3
#: Portfolio statuses that count as "in the portfolio" (a city leaving or gone is not in it).
IN_PORTFOLIO = (PortfolioStatus.ACTIVE, PortfolioStatus.UNDER_REVIEW)
#: Activities that are practices exchanged.
PRACTICE_KINDS = (ActivityKind.PRESENTED, ActivityKind.CO_AUTHORED)


@dataclass
class Context:
    """What every row is judged against: the priorities, the money and the maxima of the atlas."""

    currency: str
    rates: dict
    budget: float | None
    hours_available: float | None
    themes: tuple  # priority theme slugs
    regions: tuple
    peers_total: int = 0
    max_members: int = 0
    max_countries: int = 0
    window_start: object = None
    window_end: object = None
    home_id: int | None = None
    default_currency: str = ""  # the workspace's: the currency of an amount recorded without one
    # The agenda's match (``knowledge.search.agenda.network_agenda_scores``): {network id: match}, and how
    # many priorities the agenda has (0: no agenda, the priority themes are used).
    agenda: dict = field(default_factory=dict)
    agenda_total: int = 0


@dataclass
class NetworkRow:
    """The plain features of one candidate network for one workspace."""

    id: int
    slug: str
    name: str
    acronym: str
    kind: str
    scope: str
    url: str
    themes: frozenset = frozenset()
    theme_overlap: int = 0  # how many priority themes it works on
    members: frozenset = frozenset()  # current member government ids, the workspace's own excluded
    member_count: int = 0  # len(members)
    reach_members: int = 0  # recorded members or the approximate count, whichever is larger
    country_count: int = 0
    members_in_regions: int = 0
    similar_members: int = 0
    peers_present: int = 0
    home_is_member: bool = False
    open_to_home: bool = True  # False: a regional or national network of another region or country
    secretariat_country: str | None = None
    secretariat_continent: str | None = None
    region: str = ""
    present_continents: frozenset = frozenset()  # continents holding a real share of the members
    country_codes: frozenset = frozenset()  # countries of the current members
    portfolio_id: int | None = None
    portfolio_status: str | None = None
    fee: float | None = None
    fee_estimated: bool = False
    fee_source: tuple = ("unknown", {})
    hours: float = 0.0
    hours_source: str = "default"
    funds_available: bool = False
    observer_status: str = ""
    funds_received: float = 0.0
    fees_paid: float = 0.0
    unconverted: set = field(default_factory=set)  # currencies of amounts left out (no rate)
    positions: int = 0
    events_hosted: int = 0
    awards: int = 0
    practices: int = 0

    @property
    def in_portfolio(self):
        return self.portfolio_status in IN_PORTFOLIO


def to_float(value):
    if value is None or value == "":
        return None
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return None


def convert(amount, currency, context):
    """``amount`` in the budget currency, or None when its currency has no rate (never mixed)."""
    amount = to_float(amount)
    if amount is None:
        return None
    currency = (currency or context.default_currency or context.currency).upper()
    if currency == context.currency:
        return amount
    rate = to_float(context.rates.get(currency))
    if rate is None or rate < 0:
        return None
    return amount * rate


def _population(government_population, place_population):
    if government_population:
        return government_population
    return place_population or None


def is_similar(home, other):
    """Same continent, and population within a factor 3 (or the same kind when a population is unknown).

    ``home`` and ``other`` are ``(continent, population or None, kind)``.
    """
    home_continent, home_population, home_kind = home
    continent, population, kind = other
    if not home_continent or continent != home_continent:
        return False
    if home_population and population:
        low, high = sorted((home_population, population))
        return high <= SIMILAR_POPULATION_FACTOR * low
    return kind == home_kind


#: Words of a network's region (as the atlas writes it) -> the continents it covers.
REGION_WORDS = {
    "europe": "EU",
    "european": "EU",
    "eu": "EU",
    "baltic": "EU",
    "nordic": "EU",
    "balkan": "EU",
    "danube": "EU",
    "alpine": "EU",
    "adriatic": "EU",
    "mediterranean": "EU AF AS",
    "arctic": "EU NA",
    "africa": "AF",
    "african": "AF",
    "sahel": "AF",
    "uemoa": "AF",
    "asia": "AS",
    "asian": "AS",
    "asean": "AS",
    "arab": "AS AF",
    "gulf": "AS",
    "eurasia": "EU AS",
    "pacific": "AS OC",
    "oceania": "OC",
    "latin": "SA NA",
    "ibero": "SA NA EU",
    "iberoamerican": "SA NA EU",
    "mercosur": "SA",
    "andean": "SA",
    "caribbean": "NA",
    "americas": "NA SA",
    "america": "NA SA",
}
#: A regional network counts as present on a continent holding at least this share of its members.
REGIONAL_PRESENCE_SHARE = 0.05


def region_continents(text):
    """The continents a network's region covers, from its words ("West Africa (UEMOA)" -> {"AF"})."""
    words = re.findall(r"[a-z]+", (text or "").lower())
    return {code for word in words for code in REGION_WORDS.get(word, "").split()}


def is_open_to(row, country, continent):
    """Whether a government of ``country`` (on ``continent``) could join the network.

    A global network is open to all. A regional network is open on the continents its region names, where
    its secretariat is, and where it has a real presence (at least :data:`REGIONAL_PRESENCE_SHARE` of its
    members: the Covenant of Mayors for Europe counts a few signatories elsewhere). A national network is
    open in the countries where it has members or its secretariat. When the atlas knows none of these, the
    network is taken as open (nothing to judge on); a network the government belongs to is open.
    """
    if row.home_is_member or row.scope not in (GeographicScope.REGIONAL, GeographicScope.NATIONAL):
        return True
    if row.scope == GeographicScope.REGIONAL:
        where = region_continents(row.region) | set(row.present_continents)
        if row.secretariat_continent:
            where.add(row.secretariat_continent)
        return not where or continent in where
    where = set(row.country_codes) | ({row.secretariat_country} if row.secretariat_country else set())
    return not where or country in where


def gather(workspace, context, *, networks=None):
    """The :class:`NetworkRow` of every candidate network (``networks``: ids to restrict to), sorted by
    name, and the completed ``context`` (peers, maxima). A constant number of queries."""
    today = timezone.localdate()
    window_start = months_before(today, DEFAULT_WINDOW_MONTHS)
    context.window_start, context.window_end = window_start, today
    theme_set = set(context.themes)
    region_set = set(context.regions)

    candidates = Network.objects.filter(dissolved__isnull=True)
    if networks is not None:
        candidates = candidates.filter(pk__in=list(networks))
    rows = {}
    for values in candidates.order_by("name").values(
        "id",
        "slug",
        "name",
        "acronym",
        "kind",
        "scope",
        "approx_members",
        "secretariat_country_id",
        "secretariat_country__continent",
        "region",
    ):
        rows[values["id"]] = NetworkRow(
            id=values["id"],
            slug=values["slug"],
            name=values["name"],
            acronym=values["acronym"],
            kind=values["kind"],
            scope=values["scope"],
            url=reverse("networks:detail", args=[values["slug"]]),
            reach_members=values["approx_members"] or 0,
            secretariat_country=values["secretariat_country_id"],
            secretariat_continent=values["secretariat_country__continent"],
            region=values["region"],
        )
    themes = defaultdict(set)
    for network_id, slug in Network.themes.through.objects.filter(network_id__in=rows).values_list(
        "network_id", "theme__slug"
    ):
        themes[network_id].add(slug)

    home = Government.objects.select_related("country", "place").get(pk=workspace.government_id)
    context.home_id = home.pk
    context.default_currency = context.default_currency or workspace.default_currency
    home_profile = (
        home.country.continent if home.country_id else None,
        _population(home.population, home.place.population if home.place_id else None),
        home.kind,
    )

    # Current public members of every candidate network (one query), with what the criteria need.
    members = defaultdict(set)
    countries = defaultdict(set)
    continents = defaultdict(lambda: defaultdict(int))
    in_regions = defaultdict(int)
    similar = defaultdict(int)
    home_networks = set()
    profiles = {}
    for network_id, government_id, country, continent, region, population, place_population, kind in (
        Membership.objects.filter(status__in=CURRENT_STATUSES, network_id__in=rows)
        .values_list(
            "network_id",
            "government_id",
            "government__country_id",
            "government__country__continent",
            "government__country__region",
            "government__population",
            "government__place__population",
            "government__kind",
        )
        .order_by()
    ):
        if government_id == home.pk:
            home_networks.add(network_id)
            continue
        if government_id in members[network_id]:
            continue  # two periods of one government
        members[network_id].add(government_id)
        if country:
            countries[network_id].add(country)
        if continent:
            continents[network_id][continent] += 1
        if region and region in region_set:
            in_regions[network_id] += 1
        if government_id not in profiles:
            profiles[government_id] = is_similar(
                home_profile, (continent, _population(population, place_population), kind)
            )
        similar[network_id] += profiles[government_id]

    # The workspace's private records (all through for_workspace: never another workspace's).
    portfolio = {
        row["network_id"]: row
        for row in PortfolioMembership.objects.for_workspace(workspace).values(
            "id", "network_id", "status", "annual_fee", "currency"
        )
    }
    assessments = {
        row["network_id"]: row
        for row in NetworkAssessment.objects.for_workspace(workspace).values(
            "network_id",
            "expected_fee",
            "fee_currency",
            "expected_hours",
            "funds_available",
            "observer_status",
        )
    }
    fees_paid = defaultdict(float)
    unconverted = defaultdict(set)
    for network_id, amount, currency in (
        MembershipFee.objects.for_workspace(workspace)
        .filter(year__gte=window_start.year, year__lte=today.year)
        .values_list("membership__network_id", "amount", "currency")
    ):
        converted = convert(amount, currency, context)
        if converted is None:
            unconverted[network_id].add(currency)
        else:
            fees_paid[network_id] += converted
    funds = defaultdict(float)
    counts = defaultdict(lambda: defaultdict(int))
    for network_id, kind, amount, currency in (
        Activity.objects.for_workspace(workspace)
        .filter(occurred_on__gte=window_start, occurred_on__lte=today)
        .values_list("membership__network_id", "kind", "amount", "currency")
    ):
        counts[network_id][kind] += 1
        if kind == ActivityKind.RECEIVED_FUNDS and amount:
            converted = convert(amount, currency, context)
            if converted is None:
                unconverted[network_id].add(currency or context.default_currency)
            else:
                funds[network_id] += converted
    current = (Q(started_on__isnull=True) | Q(started_on__lte=today)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=today)
    )
    positions = defaultdict(int)
    for network_id in (
        Position.objects.for_workspace(workspace)
        .filter(current)
        .values_list("membership__network_id", flat=True)
    ):
        positions[network_id] += 1
    seat_hours = defaultdict(float)
    for network_id, hours in (
        Participation.objects.for_workspace(workspace)
        .filter(current)
        .values_list("membership__network_id", "hours_per_month")
    ):
        seat_hours[network_id] += to_float(hours) or 0.0

    twins = set()
    for low, high in (
        Twinning.objects.involving(home)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=today))
        .values_list("government_a_id", "government_b_id")
    ):
        twins.add(high if low == home.pk else low)
    # Peers: twins, and co-members of the networks the city is in (publicly or in its portfolio).
    shared = home_networks | {
        network_id for network_id, row in portfolio.items() if row["status"] in IN_PORTFOLIO
    }
    peers = set(twins)
    for network_id in shared:
        peers |= members.get(network_id, set())
    peers.discard(home.pk)
    context.peers_total = len(peers)

    for network_id, row in rows.items():
        row.themes = frozenset(themes.get(network_id, ()))
        row.theme_overlap = len(row.themes & theme_set)
        row.members = frozenset(members.get(network_id, ()))
        row.member_count = len(row.members)
        row.reach_members = max(row.reach_members, row.member_count)
        row.country_count = len(countries.get(network_id, ()))
        counted = continents.get(network_id, {})
        total = sum(counted.values())
        row.present_continents = frozenset(
            code for code, count in counted.items() if count >= REGIONAL_PRESENCE_SHARE * total
        )
        row.country_codes = frozenset(countries.get(network_id, ()))
        row.members_in_regions = in_regions.get(network_id, 0)
        row.similar_members = similar.get(network_id, 0)
        row.peers_present = len(row.members & peers)
        row.home_is_member = network_id in home_networks
        row.open_to_home = is_open_to(row, home.country_id, home_profile[0])
        held = portfolio.get(network_id)
        if held:
            row.portfolio_id = held["id"]
            row.portfolio_status = held["status"]
        assessment = assessments.get(network_id) or {}
        row.funds_available = bool(assessment.get("funds_available"))
        row.observer_status = assessment.get("observer_status") or ""
        row.funds_received = funds.get(network_id, 0.0)
        row.fees_paid = fees_paid.get(network_id, 0.0)
        row.unconverted = set(unconverted.get(network_id, ()))
        row.positions = positions.get(network_id, 0)
        kinds = counts.get(network_id, {})
        row.events_hosted = kinds.get(ActivityKind.HOSTED, 0)
        row.awards = kinds.get(ActivityKind.WON_AWARD, 0)
        row.practices = sum(kinds.get(kind, 0) for kind in PRACTICE_KINDS)
        _known_fee(row, held, assessment, context)
        if (
            not row.fees_paid
            and held
            and held["status"] in IN_PORTFOLIO
            and row.fee
            and not row.fee_estimated
        ):
            # No fee recorded in the window: the annual fee for each year of the window.
            row.fees_paid = row.fee * DEFAULT_WINDOW_MONTHS / 12
        hours = to_float(assessment.get("expected_hours"))
        if hours is not None:
            row.hours, row.hours_source = hours, "assessment"
        elif seat_hours.get(network_id):
            row.hours, row.hours_source = seat_hours[network_id], "working_groups"
        else:
            row.hours, row.hours_source = DEFAULT_HOURS.get(row.kind, 4.0), "default"
    _estimate_fees(rows.values(), context)
    context.max_members = max((row.reach_members for row in rows.values()), default=0)
    context.max_countries = max((row.country_count for row in rows.values()), default=0)
    return list(rows.values()), context


def _known_fee(row, held, assessment, context):
    """The fee the office knows: its assessment's, else the portfolio's (see the module docstring)."""
    amount, currency = None, ""
    if assessment.get("expected_fee") is not None:
        amount, currency = (
            assessment["expected_fee"],
            assessment.get("fee_currency") or context.default_currency,
        )
    elif held and held["annual_fee"] is not None:
        amount, currency = held["annual_fee"], held["currency"] or context.default_currency
    if amount is None:
        return
    converted = convert(amount, currency, context)
    if converted is None:
        row.fee_source = ("no_rate", {"amount": to_float(amount), "currency": currency})
        return
    row.fee = converted
    row.fee_source = ("known", {"amount": to_float(amount), "currency": currency})


def _estimate_fees(rows, context):
    """Fill the unknown fees with estimates (median of the same kind and scope, then of the kind, then
    the default by kind)."""
    by_kind_scope, by_kind = defaultdict(list), defaultdict(list)
    for row in rows:
        if row.fee is not None:
            by_kind_scope[row.kind, row.scope].append(row.fee)
            by_kind[row.kind].append(row.fee)
    default_rate = 1.0 if context.currency == "EUR" else to_float(context.rates.get("EUR"))
    for row in rows:
        if row.fee is not None:
            continue
        note = dict(row.fee_source[1]) if row.fee_source[0] == "no_rate" else {}
        if by_kind_scope.get((row.kind, row.scope)):
            known = by_kind_scope[row.kind, row.scope]
            row.fee, basis = statistics.median(known), "kind_scope"
        elif by_kind.get(row.kind):
            known = by_kind[row.kind]
            row.fee, basis = statistics.median(known), "kind"
        elif default_rate is not None:
            known = []
            row.fee, basis = DEFAULT_FEES_EUR.get(row.kind, 5_000.0) * default_rate, "default"
        else:
            row.fee_source = ("unknown", note)
            continue
        row.fee_estimated = True
        row.fee_source = ("estimate", {**note, "basis": basis, "count": len(known)})


# --- Scores ---------------------------------------------------------------------------------------------


def score_row(row, context):
    """``{criterion: (score, (code, params))}`` of one row, before any override."""
    fns = criteria.FUNCTIONS
    return {
        "financial_commitment": fns["financial_commitment"](row.fee, context.budget, row.fee_estimated),
        "financial_opportunities": fns["financial_opportunities"](
            row.funds_available, row.funds_received, row.fees_paid
        ),
        "visibility": fns["visibility"](
            row.positions,
            row.events_hosted,
            row.awards,
            row.reach_members,
            row.country_count,
            context.max_members,
            context.max_countries,
        ),
        "lobbying": fns["lobbying"](row.kind, row.observer_status, row.positions),
        "best_practices": fns["best_practices"](
            row.theme_overlap, len(context.themes), row.practices, **agenda_match(row, context)
        ),
        "contacts": fns["contacts"](
            row.peers_present,
            context.peers_total,
            row.members_in_regions,
            row.member_count,
            regions=bool(context.regions),
        ),
        "membership_variation": fns["membership_variation"](row.similar_members, row.member_count),
    }


def agenda_match(row, context):
    """The agenda's figures for the best-practices criterion of ``row`` (no agenda: none).

    A network absent from the match serves none of the priorities (score 0). The priority quoted is the
    one the network serves best (the matcher lists them best first).
    """
    if not context.agenda_total:
        return {}
    match = context.agenda.get(row.id)
    priorities = tuple(match.priorities) if match is not None else ()
    return {
        "agenda_score": match.score if match is not None else 0.0,
        "agenda_matched": len(priorities),
        "agenda_total": context.agenda_total,
        "agenda_priority": priorities[0] if priorities else "",
    }


def score_rows(rows, context):
    return [score_row(row, context) for row in rows]


# --- Sentences ------------------------------------------------------------------------------------------


def money(amount, currency):
    amount = formats.number_format(round(amount), 0, use_l10n=True, force_grouping=True)
    return f"{amount} {currency}"


def percent(share):
    return formats.number_format(round(share * 100), 0, use_l10n=True)


def fee_note(row, context):
    """Where the fee comes from (known, converted, estimated or unknown), as a sentence."""
    code, params = row.fee_source
    parts = []
    if params.get("currency") and "amount" in params:
        if code == "known" and params["currency"] != context.currency:
            parts.append(
                gettext("Fee of %(amount)s converted at the rate entered.")
                % {"amount": money(params["amount"], params["currency"])}
            )
        elif code != "known":
            parts.append(
                gettext("The fee of %(amount)s is not counted: no exchange rate from %(from)s to %(to)s.")
                % {
                    "amount": money(params["amount"], params["currency"]),
                    "from": params["currency"],
                    "to": context.currency,
                }
            )
    if code == "estimate":
        if params["basis"] == "default":
            parts.append(gettext("Fee estimated: the default for this kind of network."))
        else:
            parts.append(
                ngettext(
                    "Fee estimated: the median of %(count)d known fee of similar networks.",
                    "Fee estimated: the median of %(count)d known fees of similar networks.",
                    params["count"],
                )
                % {"count": params["count"]}
            )
    return " ".join(parts)


def explain(criterion, evidence, row, context):
    """The translated sentence of one criterion's ``(code, params)`` evidence for ``row``."""
    code, p = evidence
    currency = context.currency
    if code == "fee_unknown":
        text = gettext("Fee unknown.")
    elif code == "fee_free":
        text = gettext("No fee.")
    elif code == "fee_share":
        text = gettext("Fee of %(fee)s: %(share)s%% of the budget of %(budget)s.") % {
            "fee": money(p["fee"], currency),
            "share": percent(p["share"]),
            "budget": money(p["budget"], currency),
        }
    elif code == "fee_over_budget":
        text = gettext("Fee of %(fee)s: the whole budget of %(budget)s or more.") % {
            "fee": money(p["fee"], currency),
            "budget": money(p["budget"], currency),
        }
    elif code == "fee_no_budget":
        text = gettext("Fee of %(fee)s, with no budget stated (judged against %(reference)s).") % {
            "fee": money(p["fee"], currency),
            "reference": money(p["reference"], currency),
        }
    elif code == "funds":
        available = (
            gettext("Funds are open to members.")
            if p["available"]
            else gettext("No funds recorded for members.")
        )
        if p["paid"] and p["ratio"] is not None:
            received = gettext(
                "%(received)s received for %(paid)s of fees in the last %(months)d months (%(percent)s%%)."
            ) % {
                "received": money(p["received"], currency),
                "paid": money(p["paid"], currency),
                "months": DEFAULT_WINDOW_MONTHS,
                "percent": percent(p["ratio"]),
            }
        elif p["received"]:
            received = gettext("%(received)s received in the last %(months)d months, with no fee paid.") % {
                "received": money(p["received"], currency),
                "months": DEFAULT_WINDOW_MONTHS,
            }
        else:
            received = gettext("No funds received in the last %(months)d months.") % {
                "months": DEFAULT_WINDOW_MONTHS
            }
        text = f"{available} {received}"
        if row.unconverted:
            text += " " + gettext("Amounts in %(currencies)s left out: no exchange rate.") % {
                "currencies": ", ".join(sorted(row.unconverted))
            }
    elif code == "visibility":
        text = gettext(
            "%(positions)d position(s) held, %(events)d event(s) hosted and %(awards)d award(s) in the last "
            "%(months)d months; %(members)s members in %(countries)d countries (largest network: "
            "%(max_members)s members)."
        ) % {
            "positions": p["positions"],
            "events": p["events"],
            "awards": p["awards"],
            "months": DEFAULT_WINDOW_MONTHS,
            "members": formats.number_format(p["members"], 0, use_l10n=True, force_grouping=True),
            "countries": p["countries"],
            "max_members": formats.number_format(p["max_members"], 0, use_l10n=True, force_grouping=True),
        }
    elif code == "lobbying":
        kind = NetworkKind(p["kind"]).label if p["kind"] in NetworkKind.values else p["kind"]
        text = gettext("%(kind)s network.") % {"kind": kind}
        if p["observer"]:
            text += " " + gettext("Observer status: %(observer)s.") % {"observer": p["observer"]}
        if p["positions"]:
            text += " " + gettext("The city holds a position in its governance.")
    elif code == "practices":
        text = gettext(
            "Works on %(matched)d of the %(total)d priority themes; %(practices)d practice(s) exchanged in the "
            "last %(months)d months."
        ) % {
            "matched": p["matched"],
            "total": p["priority_themes"],
            "practices": p["practices"],
            "months": DEFAULT_WINDOW_MONTHS,
        }
    elif code == "practices_no_themes":
        text = gettext(
            "No priority themes stated; %(practices)d practice(s) exchanged in the last %(months)d months."
        ) % {"practices": p["practices"], "months": DEFAULT_WINDOW_MONTHS}
    elif code == "practices_agenda":
        if p["matched"]:
            text = ngettext(
                "Matches %(matched)d of your %(total)d agenda priority, “%(priority)s” (%(share)s%% of the "
                "best match); %(practices)d practice(s) exchanged in the last %(months)d months.",
                "Matches %(matched)d of your %(total)d agenda priorities, including “%(priority)s” "
                "(%(share)s%% of the best match); %(practices)d practice(s) exchanged in the last %(months)d "
                "months.",
                p["total"],
            ) % {
                "matched": p["matched"],
                "total": p["total"],
                "priority": p["priority"],
                "share": percent(p["share"]),
                "practices": p["practices"],
                "months": DEFAULT_WINDOW_MONTHS,
            }
        else:
            text = ngettext(
                "Matches none of your %(total)d agenda priority; %(practices)d practice(s) exchanged in the "
                "last %(months)d months.",
                "Matches none of your %(total)d agenda priorities; %(practices)d practice(s) exchanged in "
                "the last %(months)d months.",
                p["total"],
            ) % {"total": p["total"], "practices": p["practices"], "months": DEFAULT_WINDOW_MONTHS}
    elif code == "contacts":
        text = gettext("%(peers)d of the city's %(total)d peers (twins and co-members) are members.") % {
            "peers": p["peers"],
            "total": p["peers_total"],
        }
        if p["regions"]:
            text += " " + gettext("%(in_regions)d of %(members)d members are in the priority regions.") % {
                "in_regions": p["in_regions"],
                "members": p["members"],
            }
    elif code == "variation":
        text = gettext(
            "%(similar)d of %(members)d members are comparable to the city (size or kind, same continent): "
            "%(share)s%%."
        ) % {"similar": p["similar"], "members": p["members"], "share": percent(p["share"])}
    elif code == "variation_no_members":
        text = gettext("No members recorded in the atlas.")
    else:  # pragma: no cover - a code without a sentence is a bug of this module
        raise KeyError(code)
    if criterion == "financial_commitment":
        note = fee_note(row, context)
        if note:
            text = f"{text} {note}"
    return text
