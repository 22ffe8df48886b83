"""The seven criteria: how one network scores on each, from plain figures (no Django).

Each function takes documented numbers and returns ``(score, evidence)``: ``score`` between 0 and 1
(1 is best: every criterion is a *benefit*, so a low fee burden scores high), and ``evidence`` a pair
``(code, params)``: a stable message code and the figures behind the score. The Django side
(``intercity.strategy.evidence.explain``) turns the pair into a translated sentence; the codes and
their parameters are listed in each function's documentation and in :data:`EVIDENCE_CODES`.

The constants below are the documented choices of the model (docs/decision-tools.md repeats them):
change them here and the tests in tests/strategy/test_criteria.py tell what moved.
"""

import math

from intercity.analysis.mcda.weights import CRITERIA

#: Without a budget, a fee is judged against this reference (in the budget currency): a fee of this size
#: scores 0.5, half of it 0.67, twice it 0.33.
REFERENCE_FEE = 10_000.0
#: A fee of unknown amount is neither good nor bad.
UNKNOWN_FEE_SCORE = 0.5

#: Financial opportunities: funds open to members weigh this much; the rest is funds received against
#: fees paid (a ratio of 1 or more scores the full share).
FUNDS_AVAILABLE_SHARE = 0.4

#: Visibility: what the city does (positions, events hosted, awards) and the network's reach (members,
#: countries) count half each. Each position adds 0.35 to the city's part, each event hosted 0.25, each
#: award 0.2, up to 1.
VISIBILITY_OWN_SHARE = 0.5
POSITION_VISIBILITY = 0.35
EVENT_VISIBILITY = 0.25
AWARD_VISIBILITY = 0.2

#: Lobbying: representation networks speak for local governments before states and international
#: bodies; regional networks sometimes; thematic ones rarely. An observer status at an international
#: body adds 0.25, a position in a governance body 0.15 (the city has a say in what is asked).
LOBBYING_BY_KIND = {"representation": 0.6, "regional": 0.3, "thematic": 0.2}
LOBBYING_DEFAULT = 0.2
OBSERVER_LOBBYING = 0.25
POSITION_LOBBYING = 0.15

#: Best practices: the share of the priority themes the network works on (or, when the office gave an
#: agenda, how well the network matches it) weighs 0.75; practices the city exchanged (presented,
#: co-authored) the rest, full at 3.
THEME_MATCH_SHARE = 0.75
PRACTICES_FOR_FULL_SCORE = 3
#: Without priority themes, the theme match is neither good nor bad.
NO_THEMES_MATCH = 0.5
#: With an agenda, the evidence quotes a matched priority cut to this many characters.
AGENDA_PRIORITY_CHARS = 80

#: Membership variation: a network where this share of the members are comparable to the city (or more)
#: scores 1.
SIMILAR_SHARE_FOR_FULL_SCORE = 0.5
#: Without any known member, neither good nor bad.
NO_MEMBERS_SCORE = 0.5

#: Every evidence code, with the names of its parameters (the Django side has one sentence per code).
EVIDENCE_CODES = {
    "fee_unknown": (),
    "fee_free": ("estimated",),
    "fee_share": ("fee", "budget", "share", "estimated"),
    "fee_over_budget": ("fee", "budget", "share", "estimated"),
    "fee_no_budget": ("fee", "reference", "estimated"),
    "funds": ("available", "received", "paid", "ratio"),
    "visibility": ("positions", "events", "awards", "members", "countries", "max_members", "max_countries"),
    "lobbying": ("kind", "observer", "positions"),
    "practices": ("matched", "priority_themes", "practices"),
    "practices_no_themes": ("practices",),
    "practices_agenda": ("matched", "total", "priority", "share", "practices"),
    "contacts": ("peers", "peers_total", "in_regions", "members", "regions"),
    "variation": ("similar", "members", "share"),
    "variation_no_members": (),
}


def _clip(value):
    return min(1.0, max(0.0, float(value)))


def _log_share(count, maximum):
    """``log(1 + count) / log(1 + maximum)``: reach grows with size, but the 1,000th member adds less
    than the 10th."""
    if maximum <= 0 or count <= 0:
        return 0.0
    return _clip(math.log1p(count) / math.log1p(maximum))


def financial_commitment(fee, budget, estimated=False, *, reference=REFERENCE_FEE):
    """The fee burden against the budget: ``1 - fee / budget`` (0 when the fee takes the whole budget).

    ``fee`` and ``budget`` are yearly amounts in the budget currency; ``fee`` None is unknown (score
    0.5); ``budget`` None means no budget was stated: the fee is judged against ``reference`` with
    ``reference / (reference + fee)``. ``estimated`` says the fee is an estimate (reported, not scored).

    Codes: ``fee_unknown``; ``fee_free`` (a fee of 0); ``fee_share`` and ``fee_over_budget`` with
    ``fee, budget, share`` (share of the budget, may exceed 1); ``fee_no_budget`` with ``fee, reference``.

    Examples
    --------
    >>> financial_commitment(10_000, 40_000)[0]
    0.75
    >>> financial_commitment(None, 40_000)
    (0.5, ('fee_unknown', {}))
    """
    if fee is None:
        return UNKNOWN_FEE_SCORE, ("fee_unknown", {})
    fee = max(0.0, float(fee))
    if fee == 0:
        return 1.0, ("fee_free", {"estimated": bool(estimated)})
    if budget is None:
        reference = float(reference)
        return reference / (reference + fee), (
            "fee_no_budget",
            {"fee": fee, "reference": reference, "estimated": bool(estimated)},
        )
    budget = max(0.0, float(budget))
    share = fee / budget if budget else math.inf
    params = {"fee": fee, "budget": budget, "share": share if budget else None, "estimated": bool(estimated)}
    if share >= 1:
        return 0.0, ("fee_over_budget", params)
    return 1.0 - share, ("fee_share", params)


def financial_opportunities(funds_available, funds_received, fees_paid):
    """Money the membership can bring: ``0.4 * funds_available + 0.6 * min(1, received / paid)``.

    ``funds_available`` (bool): the network offers funds to its members (recorded by the office);
    ``funds_received``: funds the city received through the membership, and ``fees_paid``: the fees it
    paid, both over the same period and in the budget currency. Funds received without any fee paid
    count as a full return; no funds received, none.

    Code ``funds`` with ``available, received, paid, ratio`` (ratio None without fees).

    Examples
    --------
    >>> financial_opportunities(True, 30_000, 20_000)[0]
    1.0
    >>> round(financial_opportunities(False, 5_000, 20_000)[0], 2)
    0.15
    """
    received = max(0.0, float(funds_received or 0))
    paid = max(0.0, float(fees_paid or 0))
    if paid > 0:
        ratio = received / paid
        returned = min(1.0, ratio)
    else:
        ratio = None
        returned = 1.0 if received > 0 else 0.0
    score = FUNDS_AVAILABLE_SHARE * bool(funds_available) + (1 - FUNDS_AVAILABLE_SHARE) * returned
    return _clip(score), (
        "funds",
        {"available": bool(funds_available), "received": received, "paid": paid, "ratio": ratio},
    )


def visibility(
    positions_held, events_hosted, awards, member_count, country_count, max_members, max_countries
):
    """Being seen: half what the city does in the network, half the network's reach.

    The city's part is ``min(1, 0.35 * positions_held + 0.25 * events_hosted + 0.2 * awards)``; the
    reach is the mean of ``log(1 + members) / log(1 + max_members)`` and the same for countries, where
    the maxima are those of all the networks compared (the largest network has full reach).

    Code ``visibility`` with ``positions, events, awards, members, countries, max_members,
    max_countries``.

    Examples
    --------
    >>> visibility(0, 0, 0, 10, 5, 10, 5)[0]
    0.5
    >>> visibility(1, 1, 1, 0, 0, 10, 5)[0]
    0.4
    """
    own = _clip(
        POSITION_VISIBILITY * max(0, positions_held)
        + EVENT_VISIBILITY * max(0, events_hosted)
        + AWARD_VISIBILITY * max(0, awards)
    )
    reach = (_log_share(member_count, max_members) + _log_share(country_count, max_countries)) / 2
    score = VISIBILITY_OWN_SHARE * own + (1 - VISIBILITY_OWN_SHARE) * reach
    return round(_clip(score), 12), (
        "visibility",
        {
            "positions": int(positions_held),
            "events": int(events_hosted),
            "awards": int(awards),
            "members": int(member_count),
            "countries": int(country_count),
            "max_members": int(max_members),
            "max_countries": int(max_countries),
        },
    )


def lobbying(kind, observer_status, positions_held):
    """Weight before states and international bodies: a base by kind of network (representation 0.6,
    regional 0.3, thematic 0.2), plus 0.25 with an observer status recorded, plus 0.15 when the city
    holds a position in a governance body; at most 1.

    ``kind`` is the network's kind (``networks.NetworkKind`` value); ``observer_status`` the text
    recorded (empty: none).

    Code ``lobbying`` with ``kind, observer, positions``.

    Examples
    --------
    >>> lobbying("representation", "UN-Habitat", 1)[0]
    1.0
    >>> lobbying("thematic", "", 0)[0]
    0.2
    """
    base = LOBBYING_BY_KIND.get(kind, LOBBYING_DEFAULT)
    observer = bool((observer_status or "").strip())
    score = base + OBSERVER_LOBBYING * observer + POSITION_LOBBYING * (positions_held > 0)
    return round(_clip(score), 12), (
        "lobbying",
        {"kind": kind, "observer": (observer_status or "").strip(), "positions": int(positions_held)},
    )


def _shorten(text, size=AGENDA_PRIORITY_CHARS):
    """``text`` on one line, cut to ``size`` characters with an ellipsis.

    Examples
    --------
    >>> _shorten("Safer streets  for children", 14)
    'Safer streets…'
    """
    text = " ".join(str(text or "").split())
    if len(text) <= size:
        return text
    return text[: size - 1].rstrip() + "…"


def best_practices(
    theme_overlap,
    priority_theme_count,
    practices_exchanged,
    *,
    agenda_score=None,
    agenda_matched=0,
    agenda_total=0,
    agenda_priority="",
):
    """Learning and sharing: ``0.75 * theme_overlap / priority_theme_count + 0.25 * min(1, practices /
    3)``; with an agenda, ``0.75 * agenda_score + 0.25 * min(1, practices / 3)``.

    ``theme_overlap``: how many of the workspace's priority themes the network works on;
    ``priority_theme_count``: how many priority themes there are (none: the match counts 0.5);
    ``practices_exchanged``: practices the city presented or co-authored in the network.

    When the office gave an agenda (``agenda_total``: how many priorities it has, more than 0), the
    agenda match replaces the theme share: ``agenda_score`` from 0 to 1 (1 for the network that matches
    the agenda best; None or 0 when it matches none of its priorities), ``agenda_matched`` how many
    priorities it serves and ``agenda_priority`` one of them, quoted in the evidence (shortened to
    :data:`AGENDA_PRIORITY_CHARS` characters).

    Codes ``practices`` with ``matched, priority_themes, practices``; ``practices_no_themes`` with
    ``practices``; ``practices_agenda`` with ``matched, total, priority, share, practices`` (``share``: the
    agenda match used, from 0 to 1).

    Examples
    --------
    >>> best_practices(2, 2, 3)[0]
    1.0
    >>> best_practices(1, 2, 0)[0]
    0.375
    >>> score, (code, params) = best_practices(
    ...     0, 2, 0, agenda_score=0.5, agenda_matched=1, agenda_total=4, agenda_priority="Safer streets"
    ... )
    >>> score, code, params["priority"]
    (0.375, 'practices_agenda', 'Safer streets')
    """
    practices = max(0, int(practices_exchanged))
    practices_part = min(1.0, practices / PRACTICES_FOR_FULL_SCORE)
    if agenda_total > 0:
        match = _clip(agenda_score or 0.0)
        matched = max(0, int(agenda_matched))
        evidence = (
            "practices_agenda",
            {
                "matched": matched,
                "total": int(agenda_total),
                "priority": _shorten(agenda_priority) if matched else "",
                "share": match,
                "practices": practices,
            },
        )
    elif priority_theme_count <= 0:
        match = NO_THEMES_MATCH
        evidence = ("practices_no_themes", {"practices": practices})
    else:
        match = _clip(theme_overlap / priority_theme_count)
        evidence = (
            "practices",
            {
                "matched": int(theme_overlap),
                "priority_themes": int(priority_theme_count),
                "practices": practices,
            },
        )
    score = THEME_MATCH_SHARE * match + (1 - THEME_MATCH_SHARE) * practices_part
    return round(_clip(score), 12), evidence


def contacts(peers_present, peers_total, members_in_priority_regions, member_count, *, regions=True):
    """Who the city meets there: the mean of ``sqrt(peers_present / peers_total)`` and the share of the
    members in the priority regions.

    ``peers_present``: members that are the city's peers (governments it twins with or already shares a
    network with); ``peers_total``: how many peers the city has; ``members_in_priority_regions`` and
    ``member_count``: the network's current members. The square root rewards the first peers most (a
    network holding a quarter of the city's peers scores 0.5 on that half). Without priority regions
    (``regions=False``) the peers alone make the score.

    Code ``contacts`` with ``peers, peers_total, in_regions, members, regions``.

    Examples
    --------
    >>> contacts(1, 4, 5, 10)[0]
    0.5
    >>> contacts(1, 4, 0, 0, regions=False)[0]
    0.5
    """
    peers = math.sqrt(_clip(peers_present / peers_total)) if peers_total > 0 else 0.0
    in_regions = _clip(members_in_priority_regions / member_count) if member_count > 0 else 0.0
    score = (peers + in_regions) / 2 if regions else peers
    return round(_clip(score), 12), (
        "contacts",
        {
            "peers": int(peers_present),
            "peers_total": int(peers_total),
            "in_regions": int(members_in_priority_regions),
            "members": int(member_count),
            "regions": bool(regions),
        },
    )


def membership_variation(similar_members, member_count):
    """Real interlocution rather than being drowned: ``min(1, 2 * similar / members)``.

    ``similar_members``: members comparable to the city (population within a factor 3, or the same kind
    of government when a population is unknown, on the same continent); ``member_count``: all current
    members (the city itself excluded). A network where half the members are comparable scores 1.

    Codes ``variation`` with ``similar, members, share``; ``variation_no_members``.

    Examples
    --------
    >>> membership_variation(1, 4)[0]
    0.5
    >>> membership_variation(0, 0)
    (0.5, ('variation_no_members', {}))
    """
    if member_count <= 0:
        return NO_MEMBERS_SCORE, ("variation_no_members", {})
    share = _clip(similar_members / member_count)
    score = _clip(share / SIMILAR_SHARE_FOR_FULL_SCORE)
    return score, (
        "variation",
        {"similar": int(similar_members), "members": int(member_count), "share": share},
    )


#: The function of each criterion, in the order of :data:`CRITERIA`.
FUNCTIONS = {
    "financial_commitment": financial_commitment,
    "financial_opportunities": financial_opportunities,
    "visibility": visibility,
    "lobbying": lobbying,
    "best_practices": best_practices,
    "contacts": contacts,
    "membership_variation": membership_variation,
}
assert tuple(FUNCTIONS) == CRITERIA
