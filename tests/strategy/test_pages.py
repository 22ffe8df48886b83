"""The decision tools' pages: the guided page (what-if GET, saving priorities and runs), overrides,
assessments, saved runs, comparison and the brief; who may do what.

The world (an atlas of six networks, a workspace with priorities, a portfolio, assessments and an
override) comes from tests/strategy/conftest.py.
"""

import json

import pytest
import weasyprint
from django.urls import reverse

from intercity.core.models import Workspace
from intercity.strategy import actions
from intercity.strategy.choices import Criterion
from intercity.strategy.models import CriterionOverride, EvaluationRun, NetworkAssessment, Priorities
from intercity.strategy.views import refuse_fetch

pytestmark = pytest.mark.django_db


def url(decisions, name, **kwargs):
    return reverse(f"strategy:{name}", kwargs={"workspace": decisions.workspace.slug, **kwargs})


def saved_run(decisions, name="Budget 2027", **evaluate_kwargs):
    evaluation = actions.evaluate(decisions.workspace, **evaluate_kwargs)
    return actions.save_run(
        decisions.workspace, evaluation, name=name, note="For the council.", user=decisions.editor
    )


def decision_values(decisions, **changes):
    """Every field of the guided page's form, as a browser sends them."""
    values = {
        "themes": [decisions.themes.climate.pk, decisions.themes.tourism.pk],
        "regions": ["South America"],
        "fee_budget": "35000",
        "budget_currency": "EUR",
        "rate_currency_0": "USD",
        "rate_value_0": "0.9",
        "rate_currency_1": "BRL",
        "rate_value_1": "0.18",
        "staff_hours": "25",
        "weight_method": "direct",
        "top_k": "3",
        "weight_spread": "0.2",
        "draws": "100",
        "seed": "7",
        "rows": "25",
    }
    for criterion in Criterion:
        values[f"weight_{criterion}"] = "10"
    values.update(changes)
    return values


def charts_of(response):
    """The chart data the page hands to decisions.js."""
    content = response.content.decode()
    start = content.index(">", content.index('id="decision-charts"')) + 1
    return json.loads(content[start : content.index("</script>", start)])


def history_rows():
    return (
        Priorities.history.count(),
        EvaluationRun.history.count(),
        CriterionOverride.history.count(),
        NetworkAssessment.history.count(),
    )


# --- The guided page ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_guided_page_evaluates_the_saved_priorities_at_once(decisions, decision_client, role):
    response = decision_client(getattr(decisions, role)).get(url(decisions, "index"))
    assert response.status_code == 200
    content = response.content.decode()
    for network in ("Climate Alliance of Cities", "Safer Cities Forum", "Tourism Cities"):
        assert network in content
    # A dissolved network is not a candidate.
    assert "Bygone League" not in content
    assert "Proposed portfolio" in content
    charts = charts_of(response)
    assert [criterion["key"] for criterion in charts["criteria"]] == Criterion.values
    assert len(charts["radar"]) == 5
    # The saved priorities fill the form: the budget and the exchange rate.
    assert 'name="fee_budget" value="40000' in content
    assert 'name="rate_currency_0" value="USD"' in content


def test_viewer_sees_no_save_buttons_and_editor_does(decisions, decision_client):
    viewer_page = decision_client(decisions.viewer).get(url(decisions, "index")).content.decode()
    assert "Save these priorities" not in viewer_page
    assert "Save this run" not in viewer_page
    assert 'name="csrfmiddlewaretoken"' not in viewer_page.split('id="decision-form"')[1].split("</form>")[0]
    editor_page = decision_client(decisions.editor).get(url(decisions, "index")).content.decode()
    assert "Save these priorities" in editor_page
    assert "Save this run" in editor_page


def test_what_if_get_shows_the_new_weights_and_writes_nothing(decisions, decision_client):
    workspace_before = Workspace.objects.get(pk=decisions.workspace.pk).data_changed_at
    counts_before = (
        Priorities.objects.count(),
        EvaluationRun.objects.count(),
        CriterionOverride.objects.count(),
    )
    history_before = history_rows()
    weights = {f"weight_{criterion}": "0" for criterion in Criterion}
    weights["weight_visibility"] = "100"
    response = decision_client(decisions.viewer).get(
        url(decisions, "index"), decision_values(decisions, **weights)
    )
    assert response.status_code == 200
    weights_used = {criterion["key"]: criterion["weight"] for criterion in charts_of(response)["criteria"]}
    assert weights_used["visibility"] == pytest.approx(1.0)
    assert weights_used["lobbying"] == 0
    assert (Priorities.objects.count(), EvaluationRun.objects.count(), CriterionOverride.objects.count()) == (
        counts_before
    )
    assert history_rows() == history_before
    assert Workspace.objects.get(pk=decisions.workspace.pk).data_changed_at == workspace_before
    priorities = Priorities.objects.get(workspace=decisions.workspace)
    assert float(priorities.fee_budget) == 40000
    assert priorities.weights == decisions.priorities.weights


def test_what_if_budget_changes_the_proposed_portfolio(decisions, decision_client):
    client = decision_client(decisions.viewer)
    generous = charts_of(
        client.get(url(decisions, "index"), decision_values(decisions, fee_budget="1000000"))
    )
    none = charts_of(client.get(url(decisions, "index"), decision_values(decisions, fee_budget="0")))
    assert generous["budget"]["budget"] == 1000000
    assert none["budget"]["budget"] == 0
    spent_none = none["budget"]["fees"]["keep"] + none["budget"]["fees"]["join"]
    spent_generous = generous["budget"]["fees"]["keep"] + generous["budget"]["fees"]["join"]
    assert spent_none == 0
    assert spent_generous > 0


def test_htmx_what_if_returns_only_the_results_region(decisions, decision_client):
    response = decision_client(decisions.viewer).get(
        url(decisions, "index"), decision_values(decisions, weight_lobbying="90"), HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="decision-form"' not in content
    assert 'id="decision-charts"' in content
    assert "Safer Cities Forum" in content
    assert "HX-Request" in response["Vary"]


def test_invalid_what_if_shows_the_errors_instead_of_results(decisions, decision_client):
    zero = {f"weight_{criterion}": "0" for criterion in Criterion}
    response = decision_client(decisions.viewer).get(
        url(decisions, "index"), decision_values(decisions, **zero)
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Give at least one criterion a weight above zero." in content
    assert 'id="decision-charts"' not in content


def test_a_token_in_the_address_is_dropped(decisions, decision_client):
    response = decision_client(decisions.editor).get(
        url(decisions, "index"), {"csrfmiddlewaretoken": "abc", "fee_budget": "100"}
    )
    assert response.status_code == 302
    assert response["Location"] == url(decisions, "index") + "?fee_budget=100"


def test_ahp_weights_show_the_consistency_ratio(decisions, decision_client):
    # Visibility extremely more important than lobbying, lobbying than contacts, yet contacts than visibility.
    values = decision_values(
        decisions,
        weight_method="ahp",
        ahp_visibility__lobbying="9",
        ahp_lobbying__contacts="9",
        ahp_visibility__contacts="1/9",
    )
    response = decision_client(decisions.viewer).get(url(decisions, "index"), values)
    content = response.content.decode()
    assert "Consistency ratio:" in content
    assert "The comparisons are inconsistent" in content
    warning = content.split('id="ahp-warning"')[1].split(">")[0]
    assert "hidden" not in warning


# --- Saving priorities and runs ------------------------------------------------------------------------------


def test_editor_saves_the_priorities_through_the_action(decisions, decision_client):
    history_before = Priorities.history.filter(workspace=decisions.workspace).count()
    values = decision_values(decisions, weight_visibility="60", fee_budget="55000")
    response = decision_client(decisions.editor).post(url(decisions, "priorities-save"), values)
    assert response.status_code == 302
    assert response["Location"] == url(decisions, "index")
    priorities = Priorities.objects.get(workspace=decisions.workspace)
    assert float(priorities.fee_budget) == 55000
    assert priorities.weights["visibility"] == 60
    assert priorities.exchange_rates == {"USD": 0.9, "BRL": 0.18}
    assert set(priorities.themes.values_list("slug", flat=True)) == {"climate", "tourism"}
    assert float(priorities.staff_hours) == 25
    assert Priorities.history.filter(workspace=decisions.workspace).count() > history_before
    assert Priorities.objects.count() == 2  # still one per workspace (the other office has its own)


def test_saving_priorities_with_a_half_exchange_rate_changes_nothing(decisions, decision_client):
    values = decision_values(decisions, rate_currency_1="BRL", rate_value_1="")
    response = decision_client(decisions.editor).post(url(decisions, "priorities-save"), values)
    assert response.status_code == 200
    assert "Give both the currency and its value." in response.content.decode()
    assert Priorities.objects.get(workspace=decisions.workspace).exchange_rates == {"USD": 0.9}


def test_viewer_cannot_save_priorities_or_runs(decisions, decision_client):
    client = decision_client(decisions.viewer)
    history_before = history_rows()
    assert client.post(url(decisions, "priorities-save"), decision_values(decisions)).status_code == 403
    response = client.post(url(decisions, "run-save"), {**decision_values(decisions), "name": "Mine"})
    assert response.status_code == 403
    assert not EvaluationRun.objects.exists()
    assert history_rows() == history_before


def test_editor_saves_a_run_and_opens_it(decisions, decision_client):
    client = decision_client(decisions.editor)
    values = {**decision_values(decisions, weight_lobbying="80"), "name": "Lobbying first", "note": "Draft"}
    response = client.post(url(decisions, "run-save"), values)
    run = EvaluationRun.objects.get(workspace=decisions.workspace)
    assert response.status_code == 302
    assert response["Location"] == run.get_absolute_url()
    assert run.name == "Lobbying first"
    assert run.note == "Draft"
    assert run.created_by == decisions.editor
    assert run.results["inputs"]["budget"] == 35000
    assert run.results["inputs"]["weights"]["lobbying"] == pytest.approx(80 / 140)
    # Saving a run does not change the saved priorities.
    assert float(Priorities.objects.get(workspace=decisions.workspace).fee_budget) == 40000

    page = client.get(run.get_absolute_url())
    content = page.content.decode()
    assert page.status_code == 200
    assert "Lobbying first" in content
    assert "Safer Cities Forum" in content
    assert "35,000 EUR" in content or "35000 EUR" in content
    assert 'id="decision-charts"' in content


def test_saving_a_run_without_a_name_asks_for_one(decisions, decision_client):
    response = decision_client(decisions.editor).post(url(decisions, "run-save"), decision_values(decisions))
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not EvaluationRun.objects.exists()


# --- Overrides and assessments -----------------------------------------------------------------------------


def test_results_link_to_overrides_and_show_the_existing_one(decisions, decision_client):
    content = decision_client(decisions.editor).get(url(decisions, "index")).content.decode()
    assert "overridden: 4/5" in content
    assert "Speaks for its members at the UN agency." in content
    link = url(decisions, "override-add") + f"?network={decisions.networks.tourism.pk}&amp;criterion=lobbying"
    assert link in content
    # The link opens the existing override rather than a new one.
    form = decision_client(decisions.editor).get(
        url(decisions, "override-add"), {"network": decisions.networks.tourism.pk, "criterion": "lobbying"}
    )
    assert "Speaks for its members at the UN agency." in form.content.decode()


def test_viewer_sees_overrides_without_links_to_change_them(decisions, decision_client):
    content = decision_client(decisions.viewer).get(url(decisions, "index")).content.decode()
    assert "overridden: 4/5" in content
    assert "Override this score" not in content
    listing = decision_client(decisions.viewer).get(url(decisions, "overrides")).content.decode()
    assert "Tourism Cities" in listing
    assert url(decisions, "override-edit", pk=decisions.overrides.tourism_lobbying.pk) not in listing
    # The other office's override is not listed.
    assert "Another office" not in listing


def test_editor_adds_an_override_signed_by_them_and_the_evaluation_uses_it(decisions, decision_client):
    client = decision_client(decisions.editor)
    response = client.post(
        url(decisions, "override-add"),
        {
            "network": decisions.networks.security.pk,
            "criterion": Criterion.VISIBILITY,
            "rating": "5",
            "comment": "Its forum is covered by every national newspaper.",
        },
    )
    assert response.status_code == 302
    override = CriterionOverride.objects.get(
        workspace=decisions.workspace, network=decisions.networks.security
    )
    assert override.author == decisions.editor
    assert override.history.count() == 1
    security = next(
        network
        for network in actions.evaluate(decisions.workspace)["networks"]
        if network["slug"] == "safer-cities"
    )
    assert security["scores"]["visibility"] == 1.0


def test_an_override_needs_a_comment(decisions, decision_client):
    response = decision_client(decisions.editor).post(
        url(decisions, "override-add"),
        {"network": decisions.networks.security.pk, "criterion": Criterion.VISIBILITY, "rating": "5"},
    )
    assert response.status_code == 200
    assert not CriterionOverride.objects.filter(
        network=decisions.networks.security, workspace=decisions.workspace
    )


def test_editor_changes_and_deletes_an_assessment(decisions, decision_client):
    client = decision_client(decisions.editor)
    assessment = decisions.assessments.tourism
    response = client.post(
        url(decisions, "assessment-edit", pk=assessment.pk),
        {
            "network": decisions.networks.tourism.pk,
            "expected_fee": "9500",
            "fee_currency": "eur",
            "expected_hours": "4",
            "funds_available": "on",
            "funds_note": "",
            "observer_status": "",
            "notes": "",
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert float(assessment.expected_fee) == 9500
    assert assessment.fee_currency == "EUR"
    listing = client.get(url(decisions, "assessments")).content.decode()
    assert "9,500.00 EUR" in listing
    assert client.post(url(decisions, "assessment-delete", pk=assessment.pk)).status_code == 302
    assert not NetworkAssessment.objects.filter(pk=assessment.pk).exists()


# --- Runs: list, compare, brief, delete --------------------------------------------------------------------


def test_run_list_shows_name_author_first_networks_and_budget(decisions, decision_client):
    run = saved_run(decisions)
    content = decision_client(decisions.viewer).get(url(decisions, "runs")).content.decode()
    assert "Budget 2027" in content
    assert "decisions-editor" in content
    assert run.results["networks"][0]["name"] in content
    assert "40,000.00 EUR" in content


def test_compare_shows_ranks_selections_and_changed_inputs(decisions, decision_client):
    first = saved_run(decisions, name="Equal weights")
    second = saved_run(
        decisions,
        name="Money matters",
        budget=1000,
        weights={
            criterion: (1 if criterion == "financial_commitment" else 0) for criterion in Criterion.values
        },
    )
    response = decision_client(decisions.viewer).get(
        url(decisions, "compare"), {"a": first.pk, "b": second.pk}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Equal weights" in content and "Money matters" in content
    assert "Budget for fees" in content
    assert "Weights" in content
    for network in ("Climate Alliance of Cities", "Tourism Cities"):
        assert network in content


def test_compare_from_a_run_page_picks_the_latest_other_run(decisions, decision_client):
    first = saved_run(decisions, name="First")
    saved_run(decisions, name="Second", budget=500)
    response = decision_client(decisions.viewer).get(url(decisions, "compare"), {"a": first.pk})
    assert response.status_code == 200
    assert "What changed between the runs" in response.content.decode()


def test_brief_html_holds_the_run_and_the_pdf_is_produced(decisions, decision_client):
    run = saved_run(decisions, name="Brief for the mayor")
    client = decision_client(decisions.viewer)
    html = client.get(url(decisions, "run-brief", pk=run.pk), {"format": "html"})
    content = html.content.decode()
    assert html.status_code == 200
    assert "Brief for the mayor" in content
    assert "<script" not in content
    assert run.results["networks"][0]["name"] in content
    # One page, with nothing fetched from outside.
    document = weasyprint.HTML(string=content, url_fetcher=refuse_fetch).render()
    assert len(document.pages) == 1
    pdf = client.get(url(decisions, "run-brief", pk=run.pk))
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert 'filename="brief-for-the-mayor-brief.pdf"' in pdf["Content-Disposition"]


def test_brief_refuses_an_unknown_format(decisions, decision_client):
    run = saved_run(decisions)
    response = decision_client(decisions.viewer).get(
        url(decisions, "run-brief", pk=run.pk), {"format": "docx"}
    )
    assert response.status_code == 400


def test_editor_deletes_a_run_and_a_viewer_cannot(decisions, decision_client):
    run = saved_run(decisions)
    assert decision_client(decisions.viewer).post(url(decisions, "run-delete", pk=run.pk)).status_code == 403
    assert EvaluationRun.objects.filter(pk=run.pk).exists()
    response = decision_client(decisions.editor).post(url(decisions, "run-delete", pk=run.pk))
    assert response.status_code == 302
    assert response["Location"] == url(decisions, "runs")
    assert not EvaluationRun.objects.filter(pk=run.pk).exists()


def test_a_run_of_another_workspace_is_not_found(decisions, decision_client):
    other = actions.save_run(
        decisions.other_workspace, actions.evaluate(decisions.other_workspace), name="Theirs", user=None
    )
    client = decision_client(decisions.owner)
    for name in ("run", "run-brief", "run-delete"):
        assert client.get(url(decisions, name, pk=other.pk)).status_code == 404
    assert client.get(url(decisions, "compare"), {"a": other.pk, "b": other.pk}).status_code == 200
    assert "Theirs" not in client.get(url(decisions, "compare"), {"a": other.pk}).content.decode()


def test_workspace_navigation_links_to_the_decisions(decisions, decision_client):
    content = decision_client(decisions.viewer).get(url(decisions, "runs")).content.decode()
    assert f'<a href="{url(decisions, "index")}" aria-current="page">Decisions</a>' in content
