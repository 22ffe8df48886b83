"""``intercity evaluate``: the ranking and the proposed portfolio on the command line, the evaluation as
JSON, what-if options validated as the API validates them, and runs saved by a user who may write."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from intercity.strategy import actions
from intercity.strategy.models import EvaluationRun
from tests.strategy.test_api import fresh, without_time


def evaluate(*arguments):
    """Run the command; answer what it printed on the standard output and on the error output."""
    out, err = StringIO(), StringIO()
    call_command("evaluate", "--workspace", "office-a", *arguments, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_json_is_the_evaluation_the_action_computes(decisions):
    out, _err = evaluate("--json", "--budget", "30000", "--seed", "9")
    printed = json.loads(out)
    direct = actions.evaluate(fresh(decisions.workspace), budget=30000, seed=9)
    assert without_time(printed) == without_time(direct)
    assert printed["inputs"]["budget"] == 30000


def test_the_ranking_and_the_portfolio_are_printed_with_their_actions(decisions):
    out, err = evaluate("--top", "0")
    evaluation = actions.evaluate(decisions.workspace)
    for network in evaluation["networks"]:
        assert network["name"] in out
    assert "Bygone League" not in out
    assert "Ranking of 5 networks" in out
    assert "Proposed portfolio" in out
    labels = {"keep": "Keep", "join": "Join", "reconsider": "Reconsider", "leave": "Leave"}
    for recommendation in evaluation["portfolio"]["recommendations"]:
        assert labels[recommendation["action"]] in out
    assert "Evaluated 5 networks" in err


def test_top_limits_the_rows_of_the_ranking(decisions):
    out, _err = evaluate("--top", "2")
    evaluation = actions.evaluate(decisions.workspace)
    assert "the first 2" in out
    ranking = out.split("Proposed portfolio")[0]
    assert evaluation["networks"][0]["name"] in ranking
    assert evaluation["networks"][4]["name"] not in ranking


def test_a_zero_budget_proposes_no_paid_membership(decisions):
    printed = json.loads(evaluate("--json", "--budget", "0")[0])
    assert printed["portfolio"]["budget"] == 0
    assert printed["portfolio"]["fees_total"] == 0


def test_weights_replace_the_priorities(decisions):
    printed = json.loads(evaluate("--json", "--weights", "contacts=1")[0])
    assert printed["inputs"]["weights"]["contacts"] == pytest.approx(1)
    assert printed["inputs"]["weight_method"] == "direct"
    contacts = [network["scores"]["contacts"] for network in printed["networks"]]
    assert contacts == sorted(contacts, reverse=True)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--weights", "visibility=lots"], "--weights"),
        (["--weights", "fame=1"], "--weights"),
        (["--budget", "-5"], "--budget"),
        (["--draws", "3"], "--draws"),
        (["--note", "why"], "--save"),
    ],
)
def test_bad_options_are_refused_naming_the_option(decisions, arguments, message):
    with pytest.raises(CommandError, match=message):
        evaluate(*arguments)
    assert not EvaluationRun.objects.exists()


def test_an_unknown_workspace_is_refused(decisions):
    with pytest.raises(CommandError, match="no-such-office"):
        call_command("evaluate", "--workspace", "no-such-office", stdout=StringIO(), stderr=StringIO())


def test_save_stores_the_run_made_by_the_first_owner(decisions):
    out, _err = evaluate("--save", "Council briefing", "--note", "Before the budget vote.", "--seed", "4")
    run = EvaluationRun.objects.get()
    assert (run.workspace, run.name, run.note) == (
        decisions.workspace,
        "Council briefing",
        "Before the budget vote.",
    )
    assert run.created_by == decisions.owner
    assert run.results["inputs"]["seed"] == 4
    assert f"(id {run.pk})" in out


def test_save_with_json_keeps_the_standard_output_pure_json(decisions):
    out, err = evaluate("--json", "--save", "Scripted", "--user", "decisions-editor")
    run = EvaluationRun.objects.get()
    assert json.loads(out)["networks"] == run.results["networks"]
    assert run.created_by == decisions.editor
    assert "Scripted" in err


def test_a_viewer_cannot_save_a_run(decisions):
    with pytest.raises(CommandError, match="decisions-viewer"):
        evaluate("--save", "Mine", "--user", "decisions-viewer")
    assert not EvaluationRun.objects.exists()
