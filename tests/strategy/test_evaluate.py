"""The evaluation dict, overrides, reproducibility, runs and their comparison, and the write actions."""

import json
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from intercity.analysis.mcda import CRITERIA
from intercity.strategy import actions
from intercity.strategy.models import CriterionOverride, EvaluationRun, NetworkAssessment, Priorities

TIMINGS = ("computed_at",)


def by_slug(evaluation):
    return {network["slug"]: network for network in evaluation["networks"]}


def without_timings(evaluation):
    """The dict without what depends on the clock: when it was computed and how long the solvers took."""
    data = json.loads(json.dumps(evaluation))
    data.pop("computed_at")
    data["portfolio"].pop("seconds")
    data["portfolio"]["greedy"].pop("seconds")
    return data


@pytest.fixture
def evaluation(decisions):
    return actions.evaluate(decisions.workspace)


def test_the_dict_has_the_contracted_shape(evaluation, decisions):
    assert set(evaluation) == {
        "computed_at",
        "snapshot",
        "inputs",
        "criteria",
        "networks",
        "not_open",
        "portfolio",
    }
    json.dumps(evaluation)  # JSON-serialisable
    inputs = evaluation["inputs"]
    assert inputs["themes"] == ["citizen-security", "climate"]
    assert inputs["regions"] == ["South America"]
    assert (inputs["budget"], inputs["currency"], inputs["hours"]) == (40_000.0, "EUR", 30.0)
    assert (inputs["top_k"], inputs["draws"], inputs["seed"], inputs["weight_method"]) == (
        3,
        200,
        7,
        "direct",
    )
    assert sum(inputs["weights"].values()) == pytest.approx(1)
    assert [criterion["key"] for criterion in evaluation["criteria"]] == list(CRITERIA)
    assert evaluation["criteria"][5]["label"] == "Network of contacts"
    assert evaluation["snapshot"]["workspace_data_version"] == decisions.workspace.data_version
    network = evaluation["networks"][0]
    expected = {
        "id", "slug", "name", "acronym", "kind", "url", "portfolio_status", "scores", "computed", "evidence",
        "overrides", "fee", "fee_estimated", "hours", "weighted_sum", "wsm_rank", "topsis", "topsis_rank",
        "top_k_share", "robust", "rank_range", "sensitivity",
    }  # fmt: skip
    assert set(network) == expected
    assert set(network["scores"]) == set(network["evidence"]) == set(network["sensitivity"]) == set(CRITERIA)
    portfolio = evaluation["portfolio"]
    for key in ("selected", "status", "gap", "objective", "value", "fees_total", "budget", "hours_total",
                "hours_available", "uncovered_themes", "seconds", "greedy", "recommendations"):  # fmt: skip
        assert key in portfolio


def test_networks_sorted_by_weighted_sum_rank(evaluation):
    ranks = [network["wsm_rank"] for network in evaluation["networks"]]
    assert ranks == list(range(1, len(ranks) + 1))
    sums = [network["weighted_sum"] for network in evaluation["networks"]]
    assert sums == sorted(sums, reverse=True)
    assert len(ranks) == 5  # the dissolved network is not ranked


def test_weighted_sum_is_the_scores_times_the_weights(evaluation):
    weights = evaluation["inputs"]["weights"]
    for network in evaluation["networks"]:
        expected = sum(weights[c] * network["scores"][c] for c in CRITERIA)
        assert network["weighted_sum"] == pytest.approx(expected, abs=1e-5)


def test_overrides_replace_scores_and_are_reported(evaluation):
    tourism = by_slug(evaluation)["tourism-cities"]
    # Computed: thematic 0.2 + observer status 0.25; the office's rating 4/5 replaces it.
    assert tourism["computed"]["lobbying"] == pytest.approx(0.45)
    assert tourism["scores"]["lobbying"] == pytest.approx(0.8)
    assert tourism["overrides"] == {
        "lobbying": {"rating": 4, "comment": "Speaks for its members at the UN agency."}
    }
    # Other criteria are untouched.
    assert tourism["scores"]["visibility"] == tourism["computed"]["visibility"]


def test_an_override_changes_the_ranking(decisions, evaluation):
    before = by_slug(evaluation)["tourism-cities"]["wsm_rank"]
    for criterion in ("financial_opportunities", "best_practices", "contacts", "membership_variation"):
        actions.save_override(
            decisions.workspace,
            {
                "network": decisions.networks.tourism,
                "criterion": criterion,
                "rating": 5,
                "comment": "Excellent.",
            },
            user=decisions.editor,
        )
    after = by_slug(actions.evaluate(decisions.workspace))["tourism-cities"]
    assert after["wsm_rank"] < before
    assert after["wsm_rank"] == 1


def test_evidence_sentences(evaluation):
    climate = by_slug(evaluation)["climate-alliance"]
    assert (
        climate["evidence"]["financial_commitment"] == "Fee of 20,000 EUR: 50% of the budget of 40,000 EUR."
    )
    assert "30,000 EUR received for 20,000 EUR of fees" in climate["evidence"]["financial_opportunities"]
    assert "1 of the 2 priority themes" in climate["evidence"]["best_practices"]
    world = by_slug(evaluation)["world-local"]
    assert "5,000 USD converted" in world["evidence"]["financial_commitment"]
    regional = by_slug(evaluation)["south-american-cities"]
    assert regional["fee_estimated"] is True
    assert "no exchange rate from BRL to EUR" in regional["evidence"]["financial_commitment"]


def test_reproducible_with_the_same_seed(decisions, evaluation):
    again = actions.evaluate(decisions.workspace)
    assert without_timings(again) == without_timings(evaluation)
    other_seed = actions.evaluate(decisions.workspace, seed=8)
    assert other_seed["inputs"]["seed"] == 8
    # Same scores and ranks; the sensitivity draws differ.
    assert [n["id"] for n in other_seed["networks"]] == [n["id"] for n in evaluation["networks"]]


def test_what_if_arguments_replace_the_priorities_without_saving(decisions, evaluation):
    weights = {criterion: 0 for criterion in CRITERIA} | {"lobbying": 1}
    changed = actions.evaluate(decisions.workspace, budget=5_000, hours=10, weights=weights, draws=50)
    assert changed["inputs"]["budget"] == 5_000
    assert changed["inputs"]["weights"]["lobbying"] == 1
    assert changed["inputs"]["draws"] == 50
    # Lobbying alone: the representation network (0.6) ... and the tourism network rated 4/5 (0.8).
    assert changed["networks"][0]["slug"] == "tourism-cities"
    assert changed["portfolio"]["fees_total"] <= 5_000
    # Nothing was saved.
    saved = Priorities.objects.get(workspace=decisions.workspace)
    assert saved.fee_budget == 40_000 and saved.weights != weights
    assert not EvaluationRun.objects.exists()


def test_priorities_as_a_mapping(decisions):
    what_if = actions.evaluate(
        decisions.workspace,
        priorities={"themes": ["tourism"], "regions": [], "fee_budget": 100_000, "draws": 20},
    )
    assert what_if["inputs"]["themes"] == ["tourism"]
    assert what_if["inputs"]["budget"] == 100_000.0
    tourism = by_slug(what_if)["tourism-cities"]
    assert "1 of the 1 priority themes" in tourism["evidence"]["best_practices"]
    assert Priorities.objects.get(workspace=decisions.workspace).themes.count() == 2


def test_priorities_of_another_workspace_are_refused(decisions):
    other = Priorities.objects.get(workspace=decisions.other_workspace)
    with pytest.raises(ValueError, match="another workspace"):
        actions.evaluate(decisions.workspace, priorities=other)


def test_ahp_weights_and_consistency(decisions):
    actions.save_priorities(
        decisions.workspace,
        {"weight_method": "ahp", "ahp_judgements": {"lobbying|visibility": 5, "lobbying|contacts": 3}},
    )
    evaluation = actions.evaluate(decisions.workspace)
    inputs = evaluation["inputs"]
    assert inputs["weight_method"] == "ahp"
    assert inputs["ahp"]["consistency_ratio"] >= 0
    assert isinstance(inputs["ahp"]["consistent"], bool)
    weights = inputs["weights"]
    assert weights["lobbying"] == max(weights.values())
    assert weights["visibility"] < weights["financial_commitment"]


def test_all_zero_weights_are_refused(decisions):
    with pytest.raises(ValueError):
        actions.evaluate(decisions.workspace, weights={criterion: 0 for criterion in CRITERIA})


def test_private_data_of_another_workspace_never_used(decisions, evaluation):
    security = by_slug(evaluation)["safer-cities"]
    assert security["portfolio_status"] is None
    assert security["overrides"] == {}
    assert security["scores"]["best_practices"] == security["computed"]["best_practices"]
    assert security["scores"]["financial_opportunities"] == 0.0
    assert security["fee"] != 1.0
    # The other office evaluates its own portfolio, with its own override.
    theirs = by_slug(actions.evaluate(decisions.other_workspace))
    assert theirs["safer-cities"]["portfolio_status"] == "active"
    assert theirs["safer-cities"]["scores"]["best_practices"] == 0.0
    assert theirs["tourism-cities"]["overrides"] == {}


def test_portfolio_within_budget_and_hours_with_recommendations(evaluation, decisions):
    portfolio = evaluation["portfolio"]
    networks = by_slug(evaluation)
    selected = set(portfolio["selected"])
    fees = sum(n["fee"] for n in evaluation["networks"] if n["id"] in selected)
    hours = sum(n["hours"] for n in evaluation["networks"] if n["id"] in selected)
    assert portfolio["fees_total"] == pytest.approx(fees) and fees <= 40_000
    assert portfolio["hours_total"] == pytest.approx(hours) and hours <= 30
    assert portfolio["status"] == "optimal" and portfolio["gap"] == pytest.approx(0)
    # The optimum is at least as good as the greedy heuristic.
    assert portfolio["objective"] >= portfolio["greedy"]["objective"] - 1e-9
    # Both priority themes can be covered within the budget.
    assert portfolio["uncovered_themes"] == []
    actions_by_network = {r["network_id"]: r for r in portfolio["recommendations"]}
    for slug, network in networks.items():
        in_portfolio = network["portfolio_status"] in ("active", "under_review")
        chosen = network["id"] in selected
        recommendation = actions_by_network.get(network["id"])
        if in_portfolio and chosen:
            assert recommendation["action"] == "keep", slug
        elif chosen:
            assert recommendation["action"] == "join", slug
        elif in_portfolio:
            assert recommendation["action"] in ("leave", "reconsider"), slug
        else:
            assert recommendation is None, slug
        if recommendation:
            assert recommendation["reasons"][0].startswith("Score ")
    # The world organisation is only attended at the summit: if it is not kept, it is to leave, and
    # its passive flag is one of the reasons.
    world = actions_by_network[decisions.networks.world.pk]
    if world["action"] != "keep":
        assert world["action"] == "leave"
        assert any(reason.startswith("Passive membership") for reason in world["reasons"])


def test_a_tiny_budget_leaves_themes_uncovered(decisions):
    evaluation = actions.evaluate(decisions.workspace, budget=100)
    portfolio = evaluation["portfolio"]
    assert portfolio["selected"] == []
    assert portfolio["uncovered_themes"] == ["citizen-security", "climate"]
    kept = [r for r in portfolio["recommendations"] if r["action"] == "keep"]
    assert kept == []


def test_restricted_candidates(decisions):
    evaluation = actions.evaluate(decisions.workspace, networks=[decisions.networks.climate.pk])
    assert [n["slug"] for n in evaluation["networks"]] == ["climate-alliance"]
    assert evaluation["networks"][0]["rank_range"] == [1, 1]


# --- Runs -----------------------------------------------------------------------------------------------


def test_save_run_keeps_inputs_snapshot_and_results(decisions, evaluation):
    run = actions.save_run(
        decisions.workspace, evaluation, name="Budget 2026", note="First look", user=decisions.editor
    )
    run.refresh_from_db()
    assert run.workspace == decisions.workspace and run.created_by == decisions.editor
    assert run.results == json.loads(json.dumps(evaluation))
    assert run.inputs["budget"] == 40_000
    assert run.inputs["overrides"] == [
        {
            "network_id": decisions.networks.tourism.pk,
            "criterion": "lobbying",
            "rating": 4,
            "comment": "Speaks for its members at the UN agency.",
        }
    ]
    assert run.snapshot["computed_at"] == evaluation["computed_at"]
    assert run.history.count() == 1
    with pytest.raises(ValidationError):
        actions.save_run(decisions.workspace, evaluation, name="", user=decisions.editor)
    actions.delete_run(run, decisions.workspace)
    assert not EvaluationRun.objects.exists()


def test_a_run_cannot_be_deleted_from_another_workspace(decisions, evaluation):
    run = actions.save_run(decisions.workspace, evaluation, name="Mine", user=decisions.editor)
    with pytest.raises(ValueError):
        actions.delete_run(run, decisions.other_workspace)
    assert EvaluationRun.objects.filter(pk=run.pk).exists()


def test_compare_runs(decisions, evaluation):
    run_a = actions.save_run(decisions.workspace, evaluation, name="A", user=decisions.editor)
    weights = {criterion: 0 for criterion in CRITERIA} | {"lobbying": 1}
    run_b = actions.save_run(
        decisions.workspace,
        actions.evaluate(decisions.workspace, budget=10_000, weights=weights),
        name="B",
        user=decisions.editor,
    )
    comparison = actions.compare_runs(run_a, run_b)
    rows = {row["id"]: row for row in comparison["networks"]}
    assert len(rows) == 5
    tourism = rows[decisions.networks.tourism.pk]
    assert tourism["rank_b"] == 1 and tourism["rank_a"] == by_slug(evaluation)["tourism-cities"]["wsm_rank"]
    assert [row["rank_a"] for row in comparison["networks"]] == [1, 2, 3, 4, 5]
    for row in comparison["networks"]:
        assert row["selected_a"] == (row["id"] in run_a.results["portfolio"]["selected"])
        assert row["selected_b"] == (row["id"] in run_b.results["portfolio"]["selected"])
    assert comparison["weights_b"]["lobbying"] == 1
    changed = {change["key"]: change for change in comparison["changed_inputs"]}
    assert set(changed) == {"weights", "budget"}
    assert (changed["budget"]["a"], changed["budget"]["b"]) == (40_000.0, 10_000.0)
    assert changed["budget"]["label"] == "Budget for fees"


def test_compare_runs_of_two_workspaces_is_refused(decisions, evaluation):
    mine = actions.save_run(decisions.workspace, evaluation, name="A", user=decisions.editor)
    theirs = actions.save_run(
        decisions.other_workspace, actions.evaluate(decisions.other_workspace), name="B", user=None
    )
    with pytest.raises(ValueError):
        actions.compare_runs(mine, theirs)


# --- Writes ---------------------------------------------------------------------------------------------


def test_save_priorities_creates_then_updates_the_one_record(decisions):
    workspace = decisions.other_workspace
    Priorities.objects.filter(workspace=workspace).delete()
    created = actions.save_priorities(
        workspace, {"fee_budget": 1000, "exchange_rates": {"usd": "0.9"}}, themes=[decisions.themes.tourism]
    )
    assert created.exchange_rates == {"USD": 0.9}
    assert list(created.themes.all()) == [decisions.themes.tourism]
    assert created.weight_spread == Decimal("0.2")  # the model's default, stored as a decimal
    updated = actions.save_priorities(workspace, {"staff_hours": 12, "weight_spread": 0.35})
    assert updated.weight_spread == Decimal("0.35")
    assert updated.pk == created.pk
    assert list(updated.themes.all()) == [decisions.themes.tourism]  # themes kept
    assert Priorities.objects.filter(workspace=workspace).count() == 1


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"weights": {"lobbying": -1}}, "weights"),
        ({"weights": {"charm": 1}}, "weights"),
        ({"weights": {"lobbying": 0, "visibility": 0}}, "weights"),
        ({"ahp_judgements": {"lobbying|lobbying": 3}}, "ahp_judgements"),
        ({"ahp_judgements": {"lobbying|visibility": 12}}, "ahp_judgements"),
        ({"exchange_rates": {"USD": 0}}, "exchange_rates"),
        ({"exchange_rates": {"dollars": 1}}, "exchange_rates"),
        ({"regions": "South America"}, "regions"),
        ({"top_k": 0}, "top_k"),
        ({"budget_currency": "euros"}, "budget_currency"),
    ],
)
def test_save_priorities_refuses_bad_values(decisions, values, field):
    before = Priorities.objects.get(workspace=decisions.workspace)
    with pytest.raises(ValidationError) as error:
        actions.save_priorities(decisions.workspace, values)
    assert field in error.value.message_dict
    after = Priorities.objects.get(workspace=decisions.workspace)
    assert (after.weights, after.ahp_judgements, after.exchange_rates, after.top_k) == (
        before.weights,
        before.ahp_judgements,
        before.exchange_rates,
        before.top_k,
    )


def test_save_override_signs_and_requires_a_comment(decisions):
    override = actions.save_override(
        decisions.workspace,
        {
            "network": decisions.networks.climate,
            "criterion": "visibility",
            "rating": 2,
            "comment": "Less seen.",
        },
        user=decisions.viewer,
    )
    assert override.author == decisions.viewer and override.workspace == decisions.workspace
    with pytest.raises(ValidationError) as error:
        actions.save_override(
            decisions.workspace,
            {"network": decisions.networks.climate, "criterion": "lobbying", "rating": 6, "comment": ""},
            user=decisions.editor,
        )
    assert {"rating", "comment"} <= set(error.value.message_dict)
    # One override per network and criterion.
    with pytest.raises(ValidationError):
        actions.save_override(
            decisions.workspace,
            {
                "network": decisions.networks.climate,
                "criterion": "visibility",
                "rating": 3,
                "comment": "Again.",
            },
            user=decisions.editor,
        )
    with pytest.raises(ValueError):
        actions.delete_override(override, decisions.other_workspace)
    actions.delete_override(override, decisions.workspace)
    assert not CriterionOverride.objects.filter(pk=override.pk).exists()


def test_save_assessment(decisions):
    assessment = actions.save_assessment(
        decisions.workspace,
        {
            "network": decisions.networks.regional,
            "expected_fee": 2_000,
            "fee_currency": "EUR",
            "funds_available": True,
        },
    )
    assert assessment.workspace == decisions.workspace
    regional = by_slug(actions.evaluate(decisions.workspace))["south-american-cities"]
    # The assessment's fee wins over the portfolio's (in BRL, without a rate).
    assert regional["fee"] == 2_000 and regional["fee_estimated"] is False
    assert regional["scores"]["financial_opportunities"] == pytest.approx(0.4)
    changed = actions.save_assessment(decisions.workspace, {"expected_fee": 2_500}, instance=assessment)
    assert changed.pk == assessment.pk and changed.history.count() == 2
    with pytest.raises(ValidationError):
        actions.save_assessment(
            decisions.workspace, {"network": decisions.networks.regional}
        )  # already assessed
    assert NetworkAssessment.objects.for_workspace(decisions.workspace).count() == 3
