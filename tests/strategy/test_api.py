"""The decision tools' private API: priorities, assessments, overrides, runs and what-if evaluations.

Writes go through ``strategy.actions`` (history rows prove it), viewers read and evaluate but write
nothing, another workspace's records are never listed, and the evaluation the API answers is the one
``strategy.actions.evaluate`` computes, with the documented shape.
"""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from intercity.strategy import actions
from intercity.strategy.api.private import EvaluationSerializer
from intercity.strategy.choices import Criterion
from intercity.strategy.models import CriterionOverride, EvaluationRun, NetworkAssessment, Priorities
from tests.factories import WorkspaceFactory, WorkspaceMemberFactory

BASE = "/api/workspaces/office-a/"


@pytest.fixture
def api(decisions):
    """``api(user)``: an API client with ``user``'s token."""

    def client_for(user):
        client = APIClient()
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for


def fresh(workspace):
    """The workspace as saved now: every private write moves its data version (part of the snapshot)."""
    workspace.refresh_from_db()
    return workspace


def without_time(evaluation):
    """The evaluation without what differs between two identical runs: when and how long it took."""
    portfolio = {key: value for key, value in evaluation["portfolio"].items() if key != "seconds"}
    portfolio["greedy"] = {key: value for key, value in portfolio["greedy"].items() if key != "seconds"}
    return {**evaluation, "computed_at": None, "portfolio": portfolio}


# --- Priorities ------------------------------------------------------------------------------------------


def test_priorities_answers_the_saved_record(decisions, api):
    response = api(decisions.viewer).get(BASE + "priorities/")
    assert response.status_code == 200
    data = response.json()
    assert data["saved"] is True
    assert sorted(data["themes"]) == ["citizen-security", "climate"]
    assert data["regions"] == ["South America"]
    assert data["fee_budget"] == "40000.00"
    assert data["exchange_rates"] == {"USD": 0.9}
    assert data["url"].endswith(BASE + "priorities/")


def test_priorities_of_a_workspace_without_any_are_the_unsaved_defaults(decisions, api):
    workspace = WorkspaceFactory(slug="office-new")
    WorkspaceMemberFactory(workspace=workspace, user=decisions.viewer)
    response = api(decisions.viewer).get("/api/workspaces/office-new/priorities/")
    assert response.status_code == 200
    data = response.json()
    assert data["saved"] is False
    assert data["themes"] == []
    assert data["fee_budget"] is None
    assert set(data["weights"]) == set(Criterion.values)
    assert not Priorities.objects.filter(workspace=workspace).exists()


def test_editor_sets_priorities_through_the_action_and_history_keeps_the_change(decisions, api):
    priorities = decisions.priorities
    history = priorities.history.count()
    body = {
        "themes": ["tourism"],
        "fee_budget": "12000.00",
        "weights": {"visibility": 3, "lobbying": 1},
        "weight_method": "direct",
    }
    response = api(decisions.editor).put(BASE + "priorities/", body, format="json")
    assert response.status_code == 200, response.content
    priorities.refresh_from_db()
    assert [theme.slug for theme in priorities.themes.all()] == ["tourism"]
    assert priorities.fee_budget == 12000
    assert priorities.weights == {"visibility": 3.0, "lobbying": 1.0}
    # Fields left out of the body keep their values.
    assert priorities.regions == ["South America"]
    assert priorities.history.count() > history
    assert Priorities.objects.filter(workspace=decisions.workspace).count() == 1
    assert response.json()["themes"] == ["tourism"]


def test_editor_saves_the_first_priorities_of_a_workspace(decisions, api):
    workspace = WorkspaceFactory(slug="office-new")
    WorkspaceMemberFactory(workspace=workspace, user=decisions.editor, role="editor")
    response = api(decisions.editor).patch(
        "/api/workspaces/office-new/priorities/", {"staff_hours": "20.0"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["saved"] is True
    assert Priorities.objects.get(workspace=workspace).staff_hours == 20


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"weights": {"charisma": 2}}, "weights"),
        ({"weights": {"visibility": 0, "lobbying": 0}}, "weights"),
        ({"weights": {"visibility": -1}}, "weights"),
        ({"ahp_judgements": {"visibility|visibility": 3}}, "ahp_judgements"),
        ({"ahp_judgements": {"visibility|lobbying": 12}}, "ahp_judgements"),
        ({"exchange_rates": {"DOLLARS": 1}}, "exchange_rates"),
        ({"themes": ["no-such-theme"]}, "themes"),
        ({"top_k": 0}, "top_k"),
    ],
)
def test_priorities_refuse_bad_values_naming_the_field_and_change_nothing(decisions, api, body, field):
    history = decisions.priorities.history.count()
    response = api(decisions.editor).patch(BASE + "priorities/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]
    assert decisions.priorities.history.count() == history


def test_viewer_cannot_change_priorities(decisions, api):
    response = api(decisions.viewer).put(BASE + "priorities/", {"fee_budget": "1.00"}, format="json")
    assert response.status_code == 403
    decisions.priorities.refresh_from_db()
    assert decisions.priorities.fee_budget == 40000


# --- Assessments and overrides --------------------------------------------------------------------------


def test_assessments_list_only_the_workspaces_own(decisions, api):
    response = api(decisions.viewer).get(BASE + "assessments/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert sorted(row["network"] for row in rows) == ["safer-cities", "tourism-cities"]
    security = next(row for row in rows if row["network"] == "safer-cities")
    # The other office's assessment of the same network (fee 1, observer everywhere) is not this one.
    assert security["expected_fee"] is None
    assert security["observer_status"] == ""


def test_assessments_filter_by_network(decisions, api):
    response = api(decisions.viewer).get(BASE + "assessments/", {"network": "tourism-cities"})
    assert [row["network_name"] for row in response.json()["results"]] == ["Tourism Cities"]


def test_editor_assesses_a_network_and_cannot_assess_it_twice(decisions, api):
    client = api(decisions.editor)
    body = {"network": "south-american-cities", "expected_hours": "4.0", "funds_available": True}
    created = client.post(BASE + "assessments/", body, format="json")
    assert created.status_code == 201, created.content
    assessment = NetworkAssessment.objects.get(pk=created.json()["id"])
    assert assessment.workspace == decisions.workspace
    assert assessment.history.count() == 1
    again = client.post(BASE + "assessments/", body, format="json")
    assert again.status_code == 400
    assert NetworkAssessment.objects.filter(workspace=decisions.workspace).count() == 3


def test_override_records_who_rated_and_refuses_a_rating_above_five(decisions, api):
    client = api(decisions.owner)
    body = {"network": "climate-alliance", "criterion": "visibility", "rating": 5, "comment": "Chairs it."}
    created = client.post(BASE + "overrides/", body, format="json")
    assert created.status_code == 201, created.content
    override = CriterionOverride.objects.get(pk=created.json()["id"])
    assert override.author == decisions.owner
    assert created.json()["author_name"] == "decisions-owner"
    refused = client.post(BASE + "overrides/", {**body, "criterion": "lobbying", "rating": 6}, format="json")
    assert refused.status_code == 400
    assert "rating" in refused.json()["error"]["details"]


def test_overrides_list_only_the_workspaces_own(decisions, api):
    rows = api(decisions.viewer).get(BASE + "overrides/").json()["results"]
    assert [(row["network"], row["criterion"], row["rating"]) for row in rows] == [
        ("tourism-cities", "lobbying", 4)
    ]


# --- What-if evaluations -------------------------------------------------------------------------------


def test_viewer_evaluates_and_nothing_is_written(decisions, api):
    counts = (
        EvaluationRun.objects.count(),
        Priorities.history.count(),
        CriterionOverride.history.count(),
        NetworkAssessment.history.count(),
    )
    response = api(decisions.viewer).get(BASE + "evaluate/", {"budget": 25000, "seed": 3})
    assert response.status_code == 200, response.content
    evaluation = response.json()
    assert evaluation["inputs"]["budget"] == 25000
    assert evaluation["inputs"]["seed"] == 3
    assert evaluation["portfolio"]["fees_total"] <= 25000
    # Every active network of the atlas, not the dissolved one.
    assert {network["slug"] for network in evaluation["networks"]} == {
        "climate-alliance",
        "safer-cities",
        "south-american-cities",
        "world-local",
        "tourism-cities",
    }
    assert (
        EvaluationRun.objects.count(),
        Priorities.history.count(),
        CriterionOverride.history.count(),
        NetworkAssessment.history.count(),
    ) == counts


def test_evaluate_answers_what_the_action_computes(decisions, api):
    response = api(decisions.viewer).get(BASE + "evaluate/", {"hours": 10, "draws": 50})
    direct = actions.evaluate(fresh(decisions.workspace), hours=10, draws=50)
    assert without_time(response.json()) == without_time(direct)


def test_evaluate_with_the_same_seed_is_reproducible(decisions, api):
    client = api(decisions.viewer)
    first = client.get(BASE + "evaluate/", {"seed": 11}).json()
    second = client.get(BASE + "evaluate/", {"seed": 11}).json()
    assert without_time(first) == without_time(second)


def test_evaluate_weights_replace_the_priorities_and_unnamed_criteria_weigh_zero(decisions, api):
    evaluation = api(decisions.viewer).get(BASE + "evaluate/", {"weights": "visibility=3,lobbying=1"}).json()
    weights = evaluation["inputs"]["weights"]
    assert weights["visibility"] == pytest.approx(0.75)
    assert weights["lobbying"] == pytest.approx(0.25)
    assert all(weights[criterion] == 0 for criterion in set(Criterion.values) - {"visibility", "lobbying"})
    # With these weights the ranking follows visibility and lobbying only.
    expected = sorted(
        evaluation["networks"],
        key=lambda network: -(0.75 * network["scores"]["visibility"] + 0.25 * network["scores"]["lobbying"]),
    )
    assert [network["id"] for network in evaluation["networks"]] == [network["id"] for network in expected]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"weights": "visibility"}, "weights"),
        ({"weights": "visibility=much"}, "weights"),
        ({"weights": "charisma=1"}, "weights"),
        ({"weights": "visibility=0"}, "weights"),
        ({"budget": -1}, "budget"),
        ({"draws": 5}, "draws"),
        ({"seed": "x"}, "seed"),
    ],
)
def test_evaluate_refuses_bad_values_naming_the_parameter(decisions, api, query, field):
    response = api(decisions.viewer).get(BASE + "evaluate/", query)
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


def test_evaluate_refuses_an_unknown_parameter(decisions, api):
    response = api(decisions.viewer).get(BASE + "evaluate/", {"budjet": 1000})
    assert response.status_code == 400
    assert "budjet" in str(response.json())


def test_the_schema_of_the_evaluation_describes_every_key_of_the_answer(decisions, api):
    evaluation = api(decisions.viewer).get(BASE + "evaluate/").json()
    described = EvaluationSerializer(evaluation).data

    def keys(value, path="evaluation"):
        """Every key path of a nested answer (one network, one recommendation and one override stand for
        all of them; score dictionaries by criterion are values, not keys)."""
        if isinstance(value, dict):
            if path.endswith(("scores", "computed", "evidence", "sensitivity", "weights", "exchange_rates")):
                return {path}
            if path.endswith("overrides"):
                value = dict(list(value.items())[:1])
                return {path} | {k for item in value.values() for k in keys(item, path + ".*")}
            return {path} | {k for key, item in value.items() for k in keys(item, f"{path}.{key}")}
        if isinstance(value, list) and value and isinstance(value[0], dict):
            return {k for item in value for k in keys(item, path + "[]")}
        return {path}

    assert keys(described) == keys(evaluation)
    assert any(network["overrides"] for network in evaluation["networks"]), "the fixture has an override"


# --- Runs ----------------------------------------------------------------------------------------------


def test_editor_evaluates_and_saves_a_run_with_what_if_values(decisions, api):
    body = {"name": "Budget cut", "note": "If the council cuts the budget.", "budget": 10000, "seed": 5}
    response = api(decisions.editor).post(BASE + "runs/", body, format="json")
    assert response.status_code == 201, response.content
    run = EvaluationRun.objects.get(pk=response.json()["id"])
    assert (run.workspace, run.name, run.created_by) == (decisions.workspace, "Budget cut", decisions.editor)
    assert run.results["inputs"]["budget"] == 10000
    assert run.results["portfolio"]["fees_total"] <= 10000
    data = response.json()
    assert data["results"] == run.results
    assert data["page_url"].endswith(run.get_absolute_url())
    # The same values evaluated again give the same results (saving the run moved the workspace's data
    # version, so the snapshots differ).
    again = without_time(actions.evaluate(fresh(decisions.workspace), budget=10000, seed=5))
    assert {**without_time(run.results), "snapshot": None} == {**again, "snapshot": None}


def test_a_run_needs_a_name_and_a_viewer_cannot_save_one(decisions, api):
    unnamed = api(decisions.editor).post(BASE + "runs/", {"budget": 1000}, format="json")
    assert unnamed.status_code == 400
    assert "name" in unnamed.json()["error"]["details"]
    viewer = api(decisions.viewer).post(BASE + "runs/", {"name": "Mine"}, format="json")
    assert viewer.status_code == 403
    assert not EvaluationRun.objects.exists()


def test_runs_list_without_results_names_the_best_networks_and_detail_gives_results(decisions, api):
    run = actions.save_run(
        decisions.workspace, actions.evaluate(decisions.workspace), name="Baseline", user=decisions.owner
    )
    client = api(decisions.viewer)
    listed = client.get(BASE + "runs/").json()["results"]
    assert [row["name"] for row in listed] == ["Baseline"]
    assert "results" not in listed[0]
    assert listed[0]["top"] == [network["name"] for network in run.results["networks"][:5]]
    assert listed[0]["created_by_name"] == "decisions-owner"
    detail = client.get(BASE + f"runs/{run.pk}/").json()
    assert detail["results"] == run.results
    assert detail["top"] == listed[0]["top"]


def test_runs_are_never_changed_and_editors_delete_them(decisions, api):
    run = actions.save_run(
        decisions.workspace, actions.evaluate(decisions.workspace), name="Baseline", user=decisions.owner
    )
    client = api(decisions.editor)
    assert client.patch(BASE + f"runs/{run.pk}/", {"name": "Other"}, format="json").status_code == 405
    assert api(decisions.viewer).delete(BASE + f"runs/{run.pk}/").status_code == 403
    assert client.delete(BASE + f"runs/{run.pk}/").status_code == 204
    assert not EvaluationRun.objects.filter(pk=run.pk).exists()


def test_a_run_of_another_workspace_is_not_found(decisions, api):
    run = actions.save_run(
        decisions.other_workspace, actions.evaluate(decisions.other_workspace), name="Theirs", user=None
    )
    client = api(decisions.viewer)
    assert client.get(BASE + f"runs/{run.pk}/").status_code == 404
    assert client.get(BASE + "runs/").json()["count"] == 0
