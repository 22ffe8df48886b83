"""The best-practices criterion matched against the office's agenda (issue 6, part 4).

The networks of tests/strategy/conftest.py get descriptions here, saved inside a captured commit so that
their search documents are indexed (as a real commit would do), and the agenda matcher of
``knowledge.search.agenda`` runs for real: the embeddings model, the full-text index and the fusion.
"""

from unittest import mock

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from intercity.analysis.mcda import criteria
from intercity.knowledge import indexing
from intercity.knowledge.search import agenda as agenda_module
from intercity.strategy import actions
from intercity.strategy.choices import Criterion
from intercity.strategy.models import MAX_AGENDA_LENGTH, EvaluationRun, Priorities
from intercity.strategy.views import input_text
from tests.factories import UserFactory, WorkspaceMemberFactory

pytestmark = pytest.mark.django_db

BASE = "/api/workspaces/office-a/"

DESCRIPTIONS = {
    "climate": "Cities cutting their greenhouse gas emissions: energy efficiency of buildings, solar power "
    "and adaptation to heat waves.",
    "security": "Cities preventing youth violence and crime: safer streets at night, community policing, "
    "and programmes for young people at risk in poor neighbourhoods.",
    "regional": "Cooperation among South American cities on culture, museums and heritage.",
    "world": "The global voice of local governments before the United Nations and national governments.",
    "tourism": "Cities managing tourism: visitor flows, hotels and short-term rentals.",
}
#: Clearly about the security network's work.
AGENDA = "- Prevent youth violence in poor neighbourhoods\n- Safer streets at night for young people"


@pytest.fixture
def indexed(decisions):
    """The networks described and their search documents indexed.

    In production saving a network indexes it when its transaction commits. Here the ``decisions`` fixture
    already saved them inside the test's transaction, leaving their indexing batch waiting for a commit
    that never comes (``django_capture_on_commit_callbacks`` runs only the callbacks added within its
    block, and the later saves join that waiting batch): the networks are indexed through the indexing's
    own batch function instead, as ``intercity reindex`` does.
    """
    networks = []
    for key, description in DESCRIPTIONS.items():
        network = getattr(decisions.networks, key)
        network.description = description
        network.save()
        networks.append(network)
    report = indexing.index_objects(
        indexing.indexable("networks.network").filter(pk__in=[n.pk for n in networks])
    )
    assert report.created == len(DESCRIPTIONS)
    return decisions


def set_agenda(decisions, text):
    """Save the agenda through the action (the workspace's data version moves: read it again)."""
    actions.save_priorities(decisions.workspace, {"agenda": text})
    decisions.workspace.refresh_from_db()


def by_slug(evaluation):
    return {network["slug"]: network for network in evaluation["networks"]}


def best_practices_of(evaluation):
    return {slug: network["computed"]["best_practices"] for slug, network in by_slug(evaluation).items()}


def page_url(decisions, name="index"):
    return reverse(f"strategy:{name}", kwargs={"workspace": decisions.workspace.slug})


# --- The evaluation --------------------------------------------------------------------------------------------


def test_an_agenda_about_one_networks_work_gives_it_the_best_practices_lead(indexed):
    decisions = indexed
    themes_only = best_practices_of(actions.evaluate(decisions.workspace))
    set_agenda(decisions, AGENDA)
    evaluation = actions.evaluate(decisions.workspace)
    scores = best_practices_of(evaluation)
    assert evaluation["inputs"]["agenda"] == AGENDA
    assert evaluation["inputs"]["agenda_priorities"] == 2
    # The security network serves the agenda best: it now leads the criterion, which it did not on themes
    # (the world network works on both priority themes, the climate network exchanged practices).
    assert scores["safer-cities"] == max(scores.values())
    assert all(scores["safer-cities"] > score for slug, score in scores.items() if slug != "safer-cities")
    assert themes_only["safer-cities"] < max(themes_only.values())
    # 0.75 x the agenda match (1 for the best network) + 0.25 x practices (none exchanged in it).
    assert scores["safer-cities"] == pytest.approx(criteria.THEME_MATCH_SHARE * 1.0)
    evidence = by_slug(evaluation)["safer-cities"]["evidence"]["best_practices"]
    assert "of your 2 agenda priorities" in evidence and "(100% of the best match)" in evidence
    assert "youth violence in poor neighbourhoods" in evidence or "Safer streets at night" in evidence
    # The themes still drive the portfolio's coverage: only this criterion changed.
    assert evaluation["inputs"]["themes"] == ["citizen-security", "climate"]
    before = by_slug(actions.evaluate(decisions.workspace, agenda=""))
    for slug, network in by_slug(evaluation).items():
        for criterion in Criterion.values:
            if criterion != "best_practices":
                assert network["computed"][criterion] == before[slug]["computed"][criterion]


def test_a_network_matching_no_priority_scores_only_its_practices_and_says_so(indexed):
    decisions = indexed
    with mock.patch.object(agenda_module, "network_agenda_scores", return_value={}):
        evaluation = actions.evaluate(
            decisions.workspace, agenda="Solar panels on schools\nHeat waves in summer"
        )
    climate = by_slug(evaluation)["climate-alliance"]
    # Nothing matched: 0 for the agenda part, the two practices exchanged in the climate network remain.
    assert climate["computed"]["best_practices"] == pytest.approx(0.25 * 2 / 3, abs=1e-6)
    assert climate["evidence"]["best_practices"].startswith("Matches none of your 2 agenda priorities")
    assert "2 practice(s) exchanged" in climate["evidence"]["best_practices"]


def test_without_an_agenda_the_scores_are_the_theme_based_ones(indexed):
    decisions = indexed
    evaluation = actions.evaluate(decisions.workspace)
    assert evaluation["inputs"]["agenda"] == "" and evaluation["inputs"]["agenda_priorities"] == 0
    scores = best_practices_of(evaluation)
    # Priority themes climate and citizen security: 0.75 x share of them + 0.25 x min(1, practices / 3).
    assert scores == pytest.approx(
        {
            "climate-alliance": 0.75 * 1 / 2 + 0.25 * 2 / 3,
            "safer-cities": 0.75 * 1 / 2,
            "south-american-cities": 0.0,
            "world-local": 0.75,
            "tourism-cities": 0.0,
        }
    )
    assert by_slug(evaluation)["safer-cities"]["evidence"]["best_practices"].startswith(
        "Works on 1 of the 2 priority themes"
    )
    # An agenda of single words holds no priority to match: the themes are used, and the matcher is not run.
    with mock.patch.object(agenda_module, "network_agenda_scores") as matcher:
        blank = actions.evaluate(decisions.workspace, agenda="security\n\nclimate\n")
    matcher.assert_not_called()
    assert blank["inputs"]["agenda_priorities"] == 0
    assert best_practices_of(blank) == scores


def test_the_agenda_is_matched_once_per_evaluation_and_reused_for_other_weights(indexed):
    decisions = indexed
    set_agenda(decisions, AGENDA)
    with mock.patch.object(
        agenda_module, "network_agenda_scores", wraps=agenda_module.network_agenda_scores
    ) as matcher:
        first = actions.evaluate(decisions.workspace)
        assert matcher.call_count == 1
        again = actions.evaluate(decisions.workspace, weights={"best_practices": 1, "visibility": 1})
        assert matcher.call_count == 1  # cached under the data versions
        matcher.assert_called_with(AGENDA, decisions.workspace)
    assert best_practices_of(first) == best_practices_of(again)


def test_another_workspace_does_not_get_this_workspaces_agenda(indexed):
    decisions = indexed
    set_agenda(decisions, AGENDA)
    other = actions.evaluate(decisions.other_workspace)
    assert other["inputs"]["agenda"] == ""
    assert all("agenda" not in network["evidence"]["best_practices"] for network in other["networks"])


# --- Runs ------------------------------------------------------------------------------------------------------


def test_a_run_keeps_the_agenda_and_the_comparison_names_it(indexed):
    decisions = indexed
    without = actions.save_run(
        decisions.workspace, actions.evaluate(decisions.workspace), name="Themes", user=decisions.editor
    )
    set_agenda(decisions, AGENDA)
    evaluation = actions.evaluate(decisions.workspace)
    run = actions.save_run(decisions.workspace, evaluation, name="Agenda", user=decisions.editor)
    assert run.inputs["agenda"] == AGENDA and run.inputs["agenda_priorities"] == 2
    changed = {change["key"]: change for change in actions.compare_runs(without, run)["changed_inputs"]}
    assert changed["agenda"]["label"] == "Agenda"
    assert (changed["agenda"]["a"], changed["agenda"]["b"]) == ("", AGENDA)
    # A run saved before agendas existed compares as a run without an agenda.
    older = EvaluationRun.objects.get(pk=without.pk)
    older.inputs = {key: value for key, value in older.inputs.items() if not key.startswith("agenda")}
    older.save()
    keys = {change["key"] for change in actions.compare_runs(older, without)["changed_inputs"]}
    assert not keys & {"agenda", "agenda_priorities"}
    # The comparison shows an agenda on one line, cut when long.
    assert input_text("Clean air\n\nSafer streets") == "Clean air · Safer streets"
    assert len(input_text("word " * 1000)) == 200


# --- The page ----------------------------------------------------------------------------------------------------


def test_editor_saves_the_agenda_and_the_page_explains_the_match(indexed, decision_client):
    decisions = indexed
    client = decision_client(decisions.editor)
    page = client.get(page_url(decisions)).content.decode()
    assert 'name="agenda"' in page and "networks are matched against it" in page
    values = {
        "themes": [decisions.themes.climate.pk, decisions.themes.security.pk],
        "regions": ["South America"],
        "agenda": AGENDA.replace("\n", "\r\n") + "\r\n",
    }
    response = client.post(page_url(decisions, "priorities-save"), values)
    assert response.status_code == 302
    priorities = Priorities.objects.get(workspace=decisions.workspace)
    assert priorities.agenda == AGENDA  # line ends and trailing blanks cleaned
    # Fields the request left out keep their saved values.
    assert float(priorities.fee_budget) == 40000
    page = client.get(page_url(decisions)).content.decode()
    assert "Best practices: networks matched against the agenda (2 priorities)." in page
    assert "of your 2 agenda priorities, including" in page
    assert AGENDA + "</textarea>" in page  # the form shows the saved agenda


def test_a_too_long_agenda_is_refused_with_a_clear_error_and_nothing_is_saved(decisions, decision_client):
    history = decisions.priorities.history.count()
    values = {"agenda": "x" * (MAX_AGENDA_LENGTH + 1), "fee_budget": "1000"}
    response = decision_client(decisions.editor).post(page_url(decisions, "priorities-save"), values)
    assert response.status_code == 200
    assert (
        f"The agenda is too long: {MAX_AGENDA_LENGTH + 1} characters, at most {MAX_AGENDA_LENGTH}."
        in response.content.decode()
    )
    priorities = Priorities.objects.get(workspace=decisions.workspace)
    assert priorities.agenda == "" and float(priorities.fee_budget) == 40000
    assert decisions.priorities.history.count() == history


def test_what_if_agenda_on_the_page_and_the_saved_run_agree(indexed, decision_client):
    decisions = indexed
    client = decision_client(decisions.editor)
    values = {
        "themes": [decisions.themes.climate.pk, decisions.themes.security.pk],
        "regions": ["South America"],
        "agenda": AGENDA,
    }
    what_if = client.get(page_url(decisions), values).content.decode()
    assert "Best practices: networks matched against the agenda (2 priorities)." in what_if
    assert Priorities.objects.get(workspace=decisions.workspace).agenda == ""  # a what-if saves nothing
    response = client.post(page_url(decisions, "run-save"), {**values, "name": "With the agenda"})
    assert response.status_code == 302
    run = EvaluationRun.objects.get(name="With the agenda")
    assert run.inputs["agenda"] == AGENDA
    assert by_slug(run.results)["safer-cities"]["computed"]["best_practices"] == pytest.approx(0.75)
    run_page = client.get(run.get_absolute_url()).content.decode()
    assert "2 priorities, matched for best practices" in run_page
    assert "Prevent youth violence in poor neighbourhoods" in run_page
    brief = client.get(
        reverse("strategy:run-brief", kwargs={"workspace": decisions.workspace.slug, "pk": run.pk}),
        {"format": "html"},
    ).content.decode()
    assert "Agenda (2 priorities, matched for best practices)" in brief


# --- The API -----------------------------------------------------------------------------------------------------


@pytest.fixture
def api():
    def client_for(user):
        client = APIClient()
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return client_for


def test_the_api_round_trips_the_agenda(decisions, api):
    assert api(decisions.viewer).get(BASE + "priorities/").json()["agenda"] == ""
    response = api(decisions.editor).patch(BASE + "priorities/", {"agenda": AGENDA}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["agenda"] == AGENDA
    assert api(decisions.viewer).get(BASE + "priorities/").json()["agenda"] == AGENDA
    assert Priorities.objects.get(workspace=decisions.workspace).agenda == AGENDA
    # A PUT without the agenda keeps it; an empty one removes it.
    kept = api(decisions.editor).put(BASE + "priorities/", {"top_k": 4}, format="json")
    assert kept.status_code == 200 and kept.json()["agenda"] == AGENDA
    removed = api(decisions.editor).patch(BASE + "priorities/", {"agenda": ""}, format="json")
    assert removed.json()["agenda"] == ""
    assert Priorities.objects.get(workspace=decisions.workspace).agenda == ""


def test_the_api_refuses_a_too_long_agenda_and_keeps_the_saved_one(decisions, api):
    actions.save_priorities(decisions.workspace, {"agenda": AGENDA})
    body = {"agenda": "x" * (MAX_AGENDA_LENGTH + 1), "fee_budget": "1.00"}
    response = api(decisions.editor).patch(BASE + "priorities/", body, format="json")
    assert response.status_code == 400
    assert "agenda" in response.json()["error"]["details"]
    assert "too long" in str(response.json()["error"]["details"]["agenda"])
    priorities = Priorities.objects.get(workspace=decisions.workspace)
    assert priorities.agenda == AGENDA and float(priorities.fee_budget) == 40000


def test_the_agenda_is_private_to_the_workspace(decisions, api):
    actions.save_priorities(decisions.workspace, {"agenda": AGENDA})
    stranger = UserFactory(username="agenda-stranger")
    WorkspaceMemberFactory(workspace=decisions.other_workspace, user=stranger)
    assert api(stranger).get(BASE + "priorities/").status_code == 404
    assert api(stranger).get(BASE + "evaluate/").status_code == 404
    anonymous = APIClient().get(BASE + "priorities/")
    assert anonymous.status_code in (401, 403, 404)
    assert "Prevent youth violence" not in anonymous.content.decode()


def test_the_api_what_if_agenda_replaces_the_saved_one_for_one_answer(indexed, api):
    decisions = indexed
    response = api(decisions.viewer).get(BASE + "evaluate/", {"agenda": AGENDA, "seed": 3})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["inputs"]["agenda"] == AGENDA and data["inputs"]["agenda_priorities"] == 2
    assert best_practices_of(data)["safer-cities"] == pytest.approx(0.75)
    assert Priorities.objects.get(workspace=decisions.workspace).agenda == ""
    too_long = api(decisions.viewer).get(BASE + "evaluate/", {"agenda": "x" * (MAX_AGENDA_LENGTH + 1)})
    assert too_long.status_code == 400 and "agenda" in str(too_long.json())


def test_an_agenda_at_the_limit_counts_a_line_end_once(decisions, decision_client):
    # A browser counts one character per line end against maxlength and sends two (\r\n).
    lines = ["Safer streets for children"] * 1000
    agenda = "\n".join(lines)[:MAX_AGENDA_LENGTH]
    assert len(agenda.replace("\n", "\r\n")) > MAX_AGENDA_LENGTH
    response = decision_client(decisions.editor).post(
        page_url(decisions, "priorities-save"), {"agenda": agenda.replace("\n", "\r\n")}
    )
    assert response.status_code == 302
    assert Priorities.objects.get(workspace=decisions.workspace).agenda == agenda.strip()


def test_the_page_says_when_the_agenda_holds_no_priority_to_match(decisions, decision_client):
    values = {"themes": [decisions.themes.climate.pk], "agenda": "security\nclimate"}
    page = decision_client(decisions.viewer).get(page_url(decisions), values).content.decode()
    assert "The agenda holds no priority to match" in page
    assert "Works on 1 of the 1 priority themes" in page
