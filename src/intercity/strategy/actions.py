"""Write side of the decision tools, and the evaluation: one function per use case.

Views, the API and the command line call these functions to change the workspace's priorities,
assessments, overrides and runs. Each write validates (``ValidationError`` with field names), keeps
the record in its workspace, writes a history row, and changes nothing when it fails (through
:func:`intercity.core.actions.save_private_record`). :func:`evaluate` writes nothing: it is the what-if
that a viewer may run with other weights; :func:`save_run` stores its result.
"""

import math
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from intercity.core.actions import delete_private_record, save_private_record
from intercity.core.validators import validate_currency
from intercity.strategy.choices import Criterion
from intercity.strategy.evaluation import clean_agenda, evaluate
from intercity.strategy.models import CriterionOverride, EvaluationRun, NetworkAssessment, Priorities

__all__ = [
    "compare_runs",
    "delete_run",
    "evaluate",
    "save_assessment",
    "save_override",
    "save_priorities",
    "save_run",
]

#: Fields of Priorities stored as decimals.
DECIMAL_FIELDS = ("fee_budget", "staff_hours", "weight_spread")
#: Saaty's scale runs from 1/9 to 9.
SAATY_MIN, SAATY_MAX = 1 / 9, 9


def _number(value):
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _check_priorities(values):
    """Errors of the JSON fields the model cannot validate by itself, by field name."""
    errors = {}
    weights = values.get("weights")
    if weights is not None:
        if not isinstance(weights, dict) or set(weights) - set(Criterion.values):
            errors["weights"] = [gettext("Give a weight to each of the seven criteria, by their keys.")]
        elif any(_number(w) is None or _number(w) < 0 for w in weights.values()):
            errors["weights"] = [gettext("Weights are numbers of 0 or more.")]
        elif not any(_number(w) for w in weights.values()):
            errors["weights"] = [gettext("At least one weight must be more than 0.")]
    judgements = values.get("ahp_judgements")
    if judgements:
        problems = []
        if not isinstance(judgements, dict):
            problems.append(gettext('Pairwise comparisons map "criterion|criterion" to a value.'))
        else:
            for key, value in judgements.items():
                parts = str(key).split("|")
                if len(parts) != 2 or parts[0] == parts[1] or set(parts) - set(Criterion.values):
                    problems.append(gettext("%(pair)s is not a pair of two criteria.") % {"pair": key})
                    continue
                number = _number(value)
                if number is None or not SAATY_MIN - 1e-9 <= number <= SAATY_MAX + 1e-9:
                    problems.append(
                        gettext("%(pair)s: %(value)s is not on Saaty's scale (1/9 to 9).")
                        % {"pair": key, "value": value}
                    )
        if problems:
            errors["ahp_judgements"] = problems
    rates = values.get("exchange_rates")
    if rates:
        problems = []
        if not isinstance(rates, dict):
            problems.append(gettext("Exchange rates map a currency code to a number."))
        else:
            for code, rate in rates.items():
                try:
                    validate_currency(str(code).upper())
                except ValidationError:
                    problems.append(gettext("%(code)s is not a currency code.") % {"code": code})
                    continue
                number = _number(rate)
                if number is None or number <= 0:
                    problems.append(
                        gettext("The rate of %(code)s must be a number above 0.") % {"code": code}
                    )
        if problems:
            errors["exchange_rates"] = problems
    regions = values.get("regions")
    if regions is not None and (
        not isinstance(regions, list) or not all(isinstance(region, str) for region in regions)
    ):
        errors["regions"] = [gettext("Regions are a list of names.")]
    return errors


def save_priorities(workspace, values, *, themes=None):
    """Create or change the workspace's one record of priorities; ``themes``: Theme objects (None keeps
    them)."""
    instance = Priorities.objects.for_workspace(workspace).first() or Priorities()
    values = dict(values)
    errors = _check_priorities(values)
    if errors:
        raise ValidationError(errors)
    # A float (the model's default spread, JSON numbers) becomes the decimal it reads as: 0.2, not
    # 0.2000000000000000111.
    if isinstance(instance.weight_spread, float):
        instance.weight_spread = Decimal(str(instance.weight_spread))
    for name in DECIMAL_FIELDS:
        if isinstance(values.get(name), float):
            values[name] = Decimal(str(values[name]))
    if values.get("exchange_rates"):
        values["exchange_rates"] = {
            str(code).upper(): float(rate) for code, rate in values["exchange_rates"].items()
        }
    if "weights" in values and values["weights"] is not None:
        values["weights"] = {key: float(value) for key, value in values["weights"].items()}
    if values.get("ahp_judgements"):
        values["ahp_judgements"] = {key: float(value) for key, value in values["ahp_judgements"].items()}
    if "agenda" in values:
        values["agenda"] = clean_agenda(values["agenda"])
    # Themes are public records: set here rather than through save_private_record's ``m2m``, which
    # checks that related records belong to the workspace.
    with transaction.atomic():
        record = save_private_record(instance, workspace, values)
        if themes is not None:
            record.themes.set(list(themes))
    return record


def save_assessment(workspace, values, instance=None):
    """Record what the office knows of a network (expected fee and hours, funds, observer status)."""
    return save_private_record(instance or NetworkAssessment(), workspace, values)


def delete_assessment(assessment, workspace):
    delete_private_record(assessment, workspace)


def save_override(workspace, values, *, user, instance=None):
    """Replace a computed criterion score with staff's rating (0-5) and the reason; ``user`` signs it."""
    values = dict(values)
    values["author"] = user
    return save_private_record(instance or CriterionOverride(), workspace, values)


def delete_override(override, workspace):
    delete_private_record(override, workspace)


def _used_overrides(evaluation):
    return [
        {"network_id": network["id"], "criterion": criterion, **override}
        for network in evaluation.get("networks", [])
        for criterion, override in sorted(network.get("overrides", {}).items())
    ]


def save_run(workspace, evaluation, *, name, note="", user):
    """Store an evaluation (the dict of :func:`evaluate`) as an :class:`EvaluationRun`.

    ``inputs`` keeps the evaluation's inputs and the overrides it used; ``snapshot`` the data versions and
    when it was computed; ``results`` the whole evaluation.
    """
    inputs = {**evaluation["inputs"], "overrides": _used_overrides(evaluation)}
    snapshot = {**evaluation["snapshot"], "computed_at": evaluation["computed_at"]}
    with transaction.atomic():
        return save_private_record(
            EvaluationRun(),
            workspace,
            {
                "name": name,
                "note": note,
                "created_by": user,
                "inputs": inputs,
                "snapshot": snapshot,
                "results": evaluation,
            },
        )


def delete_run(run, workspace):
    delete_private_record(run, workspace)


#: Labels of the inputs that :func:`compare_runs` reports when they changed.
INPUT_LABELS = {
    "weights": _("Weights"),
    "weight_method": _("Weighting method"),
    "ahp": _("Pairwise comparisons"),
    "themes": _("Priority themes"),
    "regions": _("Priority regions"),
    "agenda": _("Agenda"),
    "agenda_priorities": _("Agenda priorities"),
    "budget": _("Budget for fees"),
    "currency": _("Budget currency"),
    "exchange_rates": _("Exchange rates"),
    "hours": _("Staff hours"),
    "top_k": _("Size of the shortlist"),
    "spread": _("Weight perturbation"),
    "draws": _("Random draws"),
    "seed": _("Random seed"),
    "overrides": _("Overrides"),
    "atlas_version": _("Atlas data"),
    "workspace_data_version": _("Workspace data"),
}


#: Inputs that runs saved before they existed lack, with the value that means the same.
INPUT_DEFAULTS = {"agenda": "", "agenda_priorities": 0}


def compare_runs(run_a, run_b):
    """Two runs side by side: each network's rank, score and selection in both, and what changed.

    Returns ``{"networks": [{id, name, rank_a, rank_b, score_a, score_b, selected_a, selected_b}],
    "weights_a", "weights_b", "changed_inputs": [{key, label, a, b}]}``; networks are ordered by their
    rank in ``run_a`` (then ``run_b``), a network absent from a run has ``None`` there.
    """
    if run_a.workspace_id != run_b.workspace_id:
        raise ValueError("Runs of two workspaces cannot be compared.")
    results_a, results_b = run_a.results or {}, run_b.results or {}
    a = {network["id"]: network for network in results_a.get("networks", [])}
    b = {network["id"]: network for network in results_b.get("networks", [])}
    selected_a = set(results_a.get("portfolio", {}).get("selected", []))
    selected_b = set(results_b.get("portfolio", {}).get("selected", []))
    networks = []
    for network_id in a.keys() | b.keys():
        first, second = a.get(network_id), b.get(network_id)
        networks.append(
            {
                "id": network_id,
                "name": (first or second)["name"],
                "rank_a": first["wsm_rank"] if first else None,
                "rank_b": second["wsm_rank"] if second else None,
                "score_a": first["weighted_sum"] if first else None,
                "score_b": second["weighted_sum"] if second else None,
                "selected_a": network_id in selected_a,
                "selected_b": network_id in selected_b,
            }
        )
    big = float("inf")
    networks.sort(
        key=lambda row: (
            row["rank_a"] if row["rank_a"] is not None else big,
            row["rank_b"] if row["rank_b"] is not None else big,
            row["id"],
        )
    )
    inputs_a = {**INPUT_DEFAULTS, **(run_a.inputs or {}), **_snapshot_versions(run_a)}
    inputs_b = {**INPUT_DEFAULTS, **(run_b.inputs or {}), **_snapshot_versions(run_b)}
    changed = [
        {"key": key, "label": str(INPUT_LABELS.get(key, key)), "a": inputs_a.get(key), "b": inputs_b.get(key)}
        for key in sorted(inputs_a.keys() | inputs_b.keys(), key=lambda k: (k not in INPUT_LABELS, k))
        if inputs_a.get(key) != inputs_b.get(key)
    ]
    order = list(INPUT_LABELS)
    changed.sort(key=lambda row: order.index(row["key"]) if row["key"] in order else len(order))
    return {
        "networks": networks,
        "weights_a": (run_a.inputs or {}).get("weights", {}),
        "weights_b": (run_b.inputs or {}).get("weights", {}),
        "changed_inputs": changed,
    }


def _snapshot_versions(run):
    snapshot = run.snapshot or {}
    return {key: snapshot.get(key) for key in ("atlas_version", "workspace_data_version") if key in snapshot}
