"""One evaluation of the networks for one workspace: scores, rankings, sensitivity and the proposed
portfolio, as the JSON-serialisable EVALUATION DICT that the pages, the API, the CLI and the brief
render (its shape is documented in docs/decision-tools.md; :func:`evaluate` builds it).

Steps: the priorities (saved, or given for a what-if without saving) -> the agenda's match, when the
office gave an agenda (:func:`agenda_scores`) -> the evidence of every active network
(:mod:`intercity.strategy.evidence`) -> the seven scores, replaced by the office's overrides
-> weights (direct, or AHP) -> weighted sum and TOPSIS -> sensitivity of the top k to the weights -> the
best portfolio under the budget and the staff hours (HiGHS), compared with a greedy heuristic -> keep,
join, reconsider or leave, each with its reasons.

The optimiser's inputs (documented choices):

- the value of a network is its weighted-sum score minus the median score of the networks evaluated
  (a middling network is worth about nothing: without this, many cheap middling networks outscored one
  strong network, and the top-ranked network of the demo workspace was proposed for reconsideration);
- candidates: every network of the atlas up to :data:`OPTIMISER_CANDIDATES` (the best by score beyond
  that), plus always the networks of the portfolio and the :data:`BEST_PER_THEME` best networks of each
  priority theme (so that coverage stays possible). On the full atlas (216 active networks) HiGHS proves
  the optimum in about 0.2 s;
- overlap of two networks: ``MEMBER_OVERLAP_FACTOR * Jaccard(members)`` for each pair kept together
  (two networks with the same members lose half a score), pairs below :data:`OVERLAP_FLOOR` ignored (a
  weak overlap is noise, and every pair adds a variable to the model); plus
  :data:`THEME_OVERLAP_WEIGHT` for every priority theme two kept networks share, which the optimiser
  models exactly through the number of kept networks per theme (a dense pairwise theme matrix left
  HiGHS at its time limit with a 40-90% gap; this formulation is proven optimal in well under a second
  on the whole atlas);
- a fee that is unknown (no estimate possible) counts as the largest fee known, so that an unknown
  cost is never taken as free.
"""

import hashlib
import math
from collections.abc import Mapping

import numpy as np
from django.utils import formats, timezone
from django.utils.translation import gettext, ngettext

from intercity.analysis.mcda import (
    CRITERIA,
    ahp_weights,
    normalise_weights,
    pairwise_matrix,
    ranks,
    robust,
    topsis,
    weight_sensitivity,
    weighted_sum,
)
from intercity.analysis.portfolio import greedy_portfolio, optimise_portfolio
from intercity.core.caching import atlas_version, cached, workspace_cache_key
from intercity.engagement.choices import PortfolioStatus
from intercity.engagement.scoring import Flag, score_portfolio
from intercity.networks.models import Theme
from intercity.strategy import evidence as ev
from intercity.strategy.choices import Criterion, Recommendation, WeightMethod
from intercity.strategy.models import CriterionOverride, Priorities

OPTIMISER_CANDIDATES = 400
BEST_PER_THEME = 3
MEMBER_OVERLAP_FACTOR = 0.5
THEME_OVERLAP_WEIGHT = 0.05
OVERLAP_FLOOR = 0.1
OPTIMISER_TIME_LIMIT = 5.0
#: A network ranked in the last third is "bottom third" (a reason to leave).
BOTTOM_SHARE = 1 / 3
DIGITS = 6


def _round(value, digits=DIGITS):
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None
    return round(value, digits)


# --- Priorities -----------------------------------------------------------------------------------------

PRIORITY_FIELDS = (
    "regions",
    "agenda",
    "fee_budget",
    "budget_currency",
    "exchange_rates",
    "staff_hours",
    "weight_method",
    "weights",
    "ahp_judgements",
    "top_k",
    "weight_spread",
    "draws",
    "seed",
)


def _themes_of(values):
    """Theme rows (slug, name) from Theme objects, ids or slugs (one query)."""
    values = list(values or ())
    ids = [value.pk if isinstance(value, Theme) else value for value in values]
    numbers = [
        value for value in ids if isinstance(value, int) or (isinstance(value, str) and value.isdigit())
    ]
    slugs = [value for value in ids if isinstance(value, str) and not value.isdigit()]
    if not numbers and not slugs:
        return []
    from django.db.models import Q

    return list(
        Theme.objects.filter(Q(pk__in=[int(n) for n in numbers]) | Q(slug__in=slugs))
        .order_by("slug")
        .values_list("slug", "name")
    )


def resolve_priorities(workspace, priorities=None):
    """The priorities as plain values: the saved ones, a :class:`Priorities` instance, or a mapping of
    its fields (``themes``: Theme objects, ids or slugs) for a what-if that saves nothing."""
    if priorities is None:
        priorities = Priorities.objects.for_workspace(workspace).first() or Priorities(workspace=workspace)
    if isinstance(priorities, Priorities):
        if priorities.pk and priorities.workspace_id != workspace.pk:
            raise ValueError("These priorities belong to another workspace.")
        values = {name: getattr(priorities, name) for name in PRIORITY_FIELDS}
        themes = _themes_of(list(priorities.themes.all())) if priorities.pk else []
    elif isinstance(priorities, Mapping):
        defaults = Priorities(workspace=workspace)
        values = {name: priorities.get(name, getattr(defaults, name)) for name in PRIORITY_FIELDS}
        themes = _themes_of(priorities.get("themes"))
    else:
        raise TypeError("priorities must be a Priorities record or a mapping of its fields")
    values["themes"] = themes
    return values


def resolve_weights(values, weights=None):
    """``(weights array, method, ahp figures or None)``; ``weights`` (a mapping) forces direct weights."""
    if weights is not None:
        return normalise_weights({key: float(value) for key, value in weights.items()}), "direct", None
    if values["weight_method"] == WeightMethod.AHP:
        result = ahp_weights(pairwise_matrix(values["ahp_judgements"] or {}))
        return (
            np.asarray(result.weights, dtype=float),
            "ahp",
            {
                "consistency_ratio": _round(result.consistency_ratio),
                "consistent": bool(result.consistent),
                "lambda_max": _round(result.lambda_max),
            },
        )
    raw = values["weights"] or {}
    return normalise_weights({key: float(value) for key, value in raw.items()}), "direct", None


def clean_agenda(text):
    """An agenda as stored and compared: line ends made ``\n``, surrounding blanks removed."""
    return "\n".join((text or "").splitlines()).strip()


def agenda_scores(workspace, text):
    """``({network id: NetworkAgendaMatch}, number of priorities)`` of the agenda ``text``.

    ``({}, 0)`` without an agenda, or when it holds no priority the matcher can use (lines of a single
    word): the priority themes are used then. The match (``knowledge.search.agenda.network_agenda_scores``:
    each priority is embedded and searched, about 0.06 s for five priorities on the open atlas, plus about
    a second for the first agenda of a process, which loads the model) is computed once per evaluation and
    cached by the agenda under the workspace's and the atlas's data versions (the search documents are
    part of the atlas's version), so that trying other weights on the page does not match it again.
    """
    # The search stack is imported when an agenda is used only.
    from intercity.knowledge.search.agenda import network_agenda_scores, split_agenda

    text = clean_agenda(text)
    total = len(split_agenda(text)) if text else 0
    if not total:
        return {}, 0
    digest = hashlib.sha256(text.encode()).hexdigest()
    key = workspace_cache_key(workspace, "agenda-scores", digest)
    return cached(key, lambda: network_agenda_scores(text, workspace)), total


# --- Portfolio ------------------------------------------------------------------------------------------


def _jaccard(incidence):
    """Pairwise Jaccard similarity of the rows of a 0/1 matrix."""
    if incidence.shape[1] == 0:
        return np.zeros((incidence.shape[0], incidence.shape[0]))
    matrix = incidence.astype(np.float32)
    intersection = matrix @ matrix.T
    sizes = matrix.sum(axis=1)
    union = sizes[:, None] + sizes[None, :] - intersection
    with np.errstate(divide="ignore", invalid="ignore"):
        similarity = np.where(union > 0, intersection / union, 0.0)
    return similarity.astype(np.float64)


def overlap_matrix(rows):
    """The overlap penalty of every pair of rows (see the module docstring), and its two parts."""
    governments = sorted(set().union(*(row.members for row in rows))) if rows else []
    themes = sorted(set().union(*(row.themes for row in rows))) if rows else []
    gov_index = {government: i for i, government in enumerate(governments)}
    theme_index = {theme: i for i, theme in enumerate(themes)}
    members = np.zeros((len(rows), len(governments)), dtype=bool)
    topics = np.zeros((len(rows), len(themes)), dtype=bool)
    for i, row in enumerate(rows):
        members[i, [gov_index[g] for g in row.members]] = True
        topics[i, [theme_index[t] for t in row.themes]] = True
    member_jaccard, theme_jaccard = _jaccard(members), _jaccard(topics)
    overlap = MEMBER_OVERLAP_FACTOR * member_jaccard
    overlap[overlap < OVERLAP_FLOOR] = 0.0
    np.fill_diagonal(overlap, 0.0)
    return overlap, member_jaccard, theme_jaccard


def candidate_indices(rows, scores, theme_slugs):
    order = list(np.argsort(-scores, kind="stable"))
    chosen = set(order[:OPTIMISER_CANDIDATES])
    chosen |= {i for i, row in enumerate(rows) if row.in_portfolio}
    for slug in theme_slugs:
        covering = [i for i in order if slug in rows[i].themes]
        chosen |= set(covering[:BEST_PER_THEME])
    return sorted(chosen)


# --- The evaluation -------------------------------------------------------------------------------------


def evaluate(
    workspace,
    *,
    priorities=None,
    budget=None,
    hours=None,
    weights=None,
    seed=None,
    draws=None,
    agenda=None,
    networks=None,
):
    """The EVALUATION DICT of the workspace (see the module docstring and docs/decision-tools.md).

    ``priorities``: None (the saved ones, or the defaults), a :class:`Priorities` or a mapping of its
    fields; ``budget``, ``hours``, ``weights`` (``{criterion: weight}``, direct), ``seed``, ``draws`` and
    ``agenda`` (a text; "" for none) replace the priorities' values; ``networks``: ids to restrict the
    candidates to. Nothing is written. Raises ``ValueError`` (``MCDAError``) when every weight is 0.

    With an agenda, the best-practices criterion matches the networks against it (once per evaluation,
    :func:`agenda_scores`) instead of against the priority themes.
    """
    values = resolve_priorities(workspace, priorities)
    weight_vector, method, ahp = resolve_weights(values, weights)
    budget = ev.to_float(budget if budget is not None else values["fee_budget"])
    hours_available = ev.to_float(hours if hours is not None else values["staff_hours"])
    seed = int(seed if seed is not None else values["seed"])
    draws = int(draws if draws is not None else values["draws"])
    top_k = int(values["top_k"])
    spread = float(values["weight_spread"])
    currency = (values["budget_currency"] or "EUR").upper()
    rates = {}
    for code, rate in (values["exchange_rates"] or {}).items():
        rate = ev.to_float(rate)
        if rate is not None and rate >= 0:
            rates[str(code).upper()] = rate
    agenda_text = clean_agenda(agenda if agenda is not None else values["agenda"])
    agenda_matches, agenda_total = agenda_scores(workspace, agenda_text)
    theme_rows = values["themes"]
    theme_slugs = [slug for slug, _name in theme_rows]
    theme_names = dict(theme_rows)
    context = ev.Context(
        currency=currency,
        rates=rates,
        budget=budget,
        hours_available=hours_available,
        themes=tuple(theme_slugs),
        regions=tuple(values["regions"] or ()),
        agenda=agenda_matches,
        agenda_total=agenda_total,
    )
    rows, context = ev.gather(workspace, context, networks=networks)
    # Regional or national networks of another region or country are not open to this government: left
    # out of the ranking and of the portfolio, and listed with the reason.
    closed = [row for row in rows if not row.open_to_home and row.portfolio_status is None]
    rows = [row for row in rows if row.open_to_home or row.portfolio_status is not None]
    budget_source, hours_source = _limit_source(budget), _limit_source(hours_available)
    if budget is None or hours_available is None:
        # Without a limit every network worth anything would be proposed: the current portfolio's fees and
        # staff hours are the limits instead (what the city already spends), and the result says so.
        current = [row for row in rows if row.in_portfolio]
        current_fees = sum(row.fee for row in current if row.fee is not None)
        current_hours = sum(row.hours for row in current)
        if budget is None and current_fees > 0:
            budget, budget_source = float(current_fees), "current_portfolio"
        if hours_available is None and current_hours > 0:
            hours_available, hours_source = float(current_hours), "current_portfolio"
        context.budget, context.hours_available = budget, hours_available
    computed = ev.score_rows(rows, context)
    overrides = {}
    for network_id, criterion, rating, comment in CriterionOverride.objects.for_workspace(
        workspace
    ).values_list("network_id", "criterion", "rating", "comment"):
        overrides.setdefault(network_id, {})[criterion] = {"rating": rating, "comment": comment}

    n, m = len(rows), len(CRITERIA)
    before = np.array([[computed[i][c][0] for c in CRITERIA] for i in range(n)], dtype=float).reshape(n, m)
    matrix = before.copy()
    for i, row in enumerate(rows):
        for criterion, override in overrides.get(row.id, {}).items():
            matrix[i, CRITERIA.index(criterion)] = override["rating"] / 5
    inputs = {
        "weights": {c: _round(w) for c, w in zip(CRITERIA, weight_vector, strict=True)},
        "weight_method": method,
        "ahp": ahp,
        "themes": theme_slugs,
        "regions": list(context.regions),
        "agenda": agenda_text,
        "agenda_priorities": agenda_total,
        "budget": budget,
        "budget_source": budget_source,
        "currency": currency,
        "exchange_rates": rates,
        "hours": hours_available,
        "hours_source": hours_source,
        "top_k": top_k,
        "spread": spread,
        "draws": draws,
        "seed": seed,
    }
    result = {
        "computed_at": timezone.now().isoformat(),
        "snapshot": {"atlas_version": atlas_version(), "workspace_data_version": workspace.data_version},
        "inputs": inputs,
        "criteria": [
            {"key": c, "label": str(Criterion(c).label), "weight": inputs["weights"][c]} for c in CRITERIA
        ],
        "networks": [],
        "not_open": [
            {"id": row.id, "slug": row.slug, "name": row.name, "url": row.url, "reason": _closed_reason(row)}
            for row in closed
        ],
        "portfolio": _empty_portfolio(budget, hours_available, theme_slugs),
    }
    if n == 0:
        return result

    wsm = weighted_sum(matrix, weight_vector)
    wsm_rank = ranks(wsm)
    closeness = topsis(matrix, weight_vector)
    topsis_rank = ranks(closeness)
    k = max(1, min(top_k, n))
    sensitivity = weight_sensitivity(matrix, weight_vector, top_k=k, spread=spread, draws=draws, seed=seed)
    is_robust = robust(sensitivity)

    entries = []
    for i, row in enumerate(rows):
        entries.append(
            {
                "id": row.id,
                "slug": row.slug,
                "name": row.name,
                "acronym": row.acronym,
                "kind": row.kind,
                "url": row.url,
                "portfolio_status": row.portfolio_status,
                "scores": {c: _round(matrix[i, j]) for j, c in enumerate(CRITERIA)},
                "computed": {c: _round(before[i, j]) for j, c in enumerate(CRITERIA)},
                "evidence": {c: ev.explain(c, computed[i][c][1], row, context) for c in CRITERIA},
                "overrides": overrides.get(row.id, {}),
                "fee": _round(row.fee, 2) if row.fee is not None else None,
                "fee_estimated": row.fee_estimated,
                "hours": _round(row.hours, 2),
                "weighted_sum": _round(wsm[i]),
                "wsm_rank": int(wsm_rank[i]),
                "topsis": _round(closeness[i]),
                "topsis_rank": int(topsis_rank[i]),
                "top_k_share": _round(sensitivity.top_k_share[i]),
                "robust": bool(is_robust[i]),
                "rank_range": [int(sensitivity.rank_low[i]), int(sensitivity.rank_high[i])],
                "sensitivity": {
                    c: _round(sensitivity.per_criterion_share[i, j]) for j, c in enumerate(CRITERIA)
                },
            }
        )
    result["portfolio"] = _portfolio(workspace, rows, entries, wsm, context, theme_slugs, theme_names, k)
    order = sorted(range(n), key=lambda i: (entries[i]["wsm_rank"], entries[i]["id"]))
    result["networks"] = [entries[i] for i in order]
    return result


def _closed_reason(row):
    if row.scope == ev.GeographicScope.REGIONAL:
        return gettext("A regional network of another region: no member or secretariat on this continent.")
    return gettext("A national network of another country.")


def _limit_source(limit):
    """Where a limit comes from: "given" (priorities or the request), or "none" (no limit yet)."""
    return "none" if limit is None else "given"


def _empty_portfolio(budget, hours_available, theme_slugs):
    return {
        "selected": [],
        "status": "optimal",
        "gap": 0.0,
        "objective": 0.0,
        "value": 0.0,
        "fees_total": 0.0,
        "budget": budget,
        "hours_total": 0.0,
        "hours_available": hours_available,
        "uncovered_themes": list(theme_slugs),
        "seconds": 0.0,
        "greedy": {"value": 0.0, "objective": 0.0, "selected": [], "seconds": 0.0},
        "recommendations": [],
    }


def _portfolio(workspace, rows, entries, wsm, context, theme_slugs, theme_names, top_k):
    indices = candidate_indices(rows, wsm, theme_slugs)
    cand = [rows[i] for i in indices]
    known_fees = [row.fee for row in rows if row.fee is not None]
    unknown_fee = max(known_fees, default=0.0)
    fees = np.array([row.fee if row.fee is not None else unknown_fee for row in cand], dtype=float)
    hours = np.array([row.hours for row in cand], dtype=float)
    # A membership is worth its score above the median network's: otherwise a portfolio padded with many
    # middling, cheap networks outscores one strong network, and the staff hours go to padding.
    values = wsm[indices] - float(np.median(wsm))
    coverage = np.array([[slug in row.themes for slug in theme_slugs] for row in cand], dtype=bool).reshape(
        len(cand), len(theme_slugs)
    )
    overlap, member_jaccard, theme_jaccard = overlap_matrix(cand)
    options = {
        "budget": context.budget,
        "hours_available": context.hours_available,
        "themes": coverage if theme_slugs else None,
        "overlap": overlap,
        "theme_overlap_weight": THEME_OVERLAP_WEIGHT if theme_slugs else 0.0,
    }
    solution = optimise_portfolio(values, fees, hours, time_limit=OPTIMISER_TIME_LIMIT, **options)
    greedy = greedy_portfolio(values, fees, hours, **options)
    selected_local = np.asarray(solution.selected, dtype=bool)
    selected_ids = [cand[j].id for j in np.flatnonzero(selected_local)]
    uncovered = [slug for slug, flag in zip(theme_slugs, solution.uncovered_themes, strict=True) if flag]

    flags = {}
    if any(row.in_portfolio for row in rows):
        for membership_id, engagement in score_portfolio(workspace).items():
            if engagement.flag:
                flags[membership_id] = (engagement.flag, str(engagement.flag_reason))
    position = {index: j for j, index in enumerate(indices)}
    selected_positions = set(np.flatnonzero(selected_local))
    n = len(rows)
    recommendations = []
    for i in sorted(range(n), key=lambda i: entries[i]["wsm_rank"]):
        row, entry = rows[i], entries[i]
        j = position.get(i)
        selected = j is not None and j in selected_positions
        if row.in_portfolio:
            flag = flags.get(row.portfolio_id)
            if selected:
                action = Recommendation.KEEP
            elif entry["wsm_rank"] > n * (1 - BOTTOM_SHARE) or flag:
                action = Recommendation.LEAVE
            else:
                action = Recommendation.RECONSIDER
        elif selected:
            action, flag = Recommendation.JOIN, None
        else:
            continue
        reasons = _reasons(
            action,
            row,
            entry,
            n,
            context,
            top_k,
            flag,
            j,
            cand,
            selected_positions,
            member_jaccard,
            theme_jaccard,
            coverage,
            theme_slugs,
            theme_names,
        )
        recommendations.append(
            {"network_id": row.id, "name": row.name, "action": str(action), "reasons": reasons}
        )
    return {
        "selected": selected_ids,
        "status": solution.status,
        "gap": _round(solution.gap) if not math.isnan(solution.gap) else None,
        "objective": _round(solution.objective),
        "value": _round(solution.value),
        "fees_total": _round(solution.fees_total, 2),
        "budget": context.budget,
        "hours_total": _round(solution.hours_total, 2),
        "hours_available": context.hours_available,
        "uncovered_themes": uncovered,
        "seconds": _round(solution.seconds, 4),
        "greedy": {
            "value": _round(greedy.value),
            "objective": _round(greedy.objective),
            "selected": [cand[j].id for j in np.flatnonzero(np.asarray(greedy.selected, dtype=bool))],
            "seconds": _round(greedy.seconds, 4),
        },
        "recommendations": recommendations,
    }


def _number(value, digits=2):
    return formats.number_format(round(value, digits), digits, use_l10n=True)


def _reasons(
    action,
    row,
    entry,
    count,
    context,
    top_k,
    flag,
    j,
    cand,
    selected_positions,
    member_jaccard,
    theme_jaccard,
    coverage,
    theme_slugs,
    theme_names,
):
    reasons = [
        gettext("Score %(score)s, ranked %(rank)d of %(count)d (TOPSIS: %(topsis)d).")
        % {
            "score": _number(entry["weighted_sum"]),
            "rank": entry["wsm_rank"],
            "count": count,
            "topsis": entry["topsis_rank"],
        }
    ]
    share = round(entry["top_k_share"] * 100)
    if entry["robust"]:
        reasons.append(
            gettext("Robust: among the first %(k)d in %(share)d%% of the weight draws.")
            % {"k": top_k, "share": share}
        )
    else:
        reasons.append(
            gettext("Not robust: among the first %(k)d in %(share)d%% of the weight draws.")
            % {"k": top_k, "share": share}
        )
    if row.fee is None:
        reasons.append(gettext("Fee unknown."))
    else:
        fee = ev.money(row.fee, context.currency)
        if context.budget:
            text = gettext("Fee of %(fee)s: %(share)s%% of the budget.") % {
                "fee": fee,
                "share": ev.percent(row.fee / context.budget),
            }
        else:
            text = gettext("Fee of %(fee)s.") % {"fee": fee}
        if row.fee_estimated:
            text = text.rstrip(".") + " " + gettext("(estimate)") + "."
        reasons.append(text)
    if row.portfolio_status in (PortfolioStatus.LEAVING, PortfolioStatus.LEFT):
        reasons.append(
            gettext("The portfolio marks it as: %(status)s.")
            % {"status": PortfolioStatus(row.portfolio_status).label}
        )
    covered = [theme_names[slug] for slug in theme_slugs if slug in row.themes]
    if covered:
        reasons.append(
            ngettext(
                "Covers the priority theme %(themes)s.",
                "Covers the priority themes %(themes)s.",
                len(covered),
            )
            % {"themes": ", ".join(covered)}
        )
    if j is not None and theme_slugs:
        others = [k for k in selected_positions if k != j]
        only = [
            theme_names[slug]
            for t, slug in enumerate(theme_slugs)
            if coverage[j, t] and not any(coverage[k, t] for k in others)
        ]
        if only and action in (Recommendation.KEEP, Recommendation.JOIN):
            reasons.append(
                gettext("The only proposed network covering %(themes)s.") % {"themes": ", ".join(only)}
            )
    if j is not None:
        partners = [k for k in selected_positions if k != j]
        if partners:
            best = max(partners, key=lambda k: (member_jaccard[j, k] + theme_jaccard[j, k], -k))
            members, themes = member_jaccard[j, best], theme_jaccard[j, best]
            if members + themes >= 0.2:
                reasons.append(
                    gettext(
                        "Overlaps with %(other)s (proposed): %(members)s%% shared members, %(themes)s%% "
                        "shared themes."
                    )
                    % {"other": cand[best].name, "members": ev.percent(members), "themes": ev.percent(themes)}
                )
    if flag:
        label = Flag(flag[0]).label
        reasons.append(f"{label}: {flag[1]}")
    if action == Recommendation.LEAVE and entry["wsm_rank"] > count * (1 - BOTTOM_SHARE):
        reasons.append(gettext("Its score is in the bottom third of the ranking."))
    if action in (Recommendation.LEAVE, Recommendation.RECONSIDER):
        reasons.append(gettext("Not in the proposed portfolio within the budget and the staff hours."))
    return reasons
