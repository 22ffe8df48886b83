"""The best-practices criterion with an agenda (plain numbers, no database), and the criteria's examples.

The seven criteria on hand-built cases are in tests/strategy/test_criteria.py; here the agenda's part of
best practices: the match replaces the share of the priority themes, the rest is unchanged.
"""

import doctest
import itertools

import pytest

from intercity.analysis.mcda import criteria as c


def test_docstring_examples_run():
    result = doctest.testmod(c, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_agenda_match_replaces_the_theme_share():
    score, (code, params) = c.best_practices(
        2, 2, 3, agenda_score=0.2, agenda_matched=1, agenda_total=3, agenda_priority="Clean air near schools"
    )
    # 0.75 x 0.2 (the agenda, not the 2 of 2 themes) + 0.25 x min(1, 3 / 3)
    assert score == pytest.approx(0.75 * 0.2 + 0.25)
    assert code == "practices_agenda"
    assert params == {
        "matched": 1,
        "total": 3,
        "priority": "Clean air near schools",
        "share": 0.2,
        "practices": 3,
    }
    assert set(params) == set(c.EVIDENCE_CODES[code])


def test_the_best_matching_network_scores_the_full_match_share():
    assert c.best_practices(0, 0, 0, agenda_score=1.0, agenda_matched=2, agenda_total=2)[0] == 0.75


def test_a_network_matching_no_priority_keeps_only_its_practices():
    score, (code, params) = c.best_practices(2, 2, 1, agenda_score=None, agenda_matched=0, agenda_total=4)
    assert score == pytest.approx(0.25 / 3)
    assert code == "practices_agenda"
    assert params == {"matched": 0, "total": 4, "priority": "", "share": 0.0, "practices": 1}


@pytest.mark.parametrize(
    ("overlap", "themes", "practices"), list(itertools.product([0, 1, 2], [0, 2, 3], [0, 1, 5]))
)
def test_without_an_agenda_the_criterion_is_the_theme_based_one(overlap, themes, practices):
    theme_based = c.best_practices(overlap, themes, practices)
    # An agenda score without any priority (no agenda) changes nothing.
    assert c.best_practices(overlap, themes, practices, agenda_score=0.9, agenda_total=0) == theme_based
    share = 0.5 if themes == 0 else min(1.0, overlap / themes)
    assert theme_based[0] == pytest.approx(0.75 * share + 0.25 * min(1.0, practices / 3))


def test_the_quoted_priority_is_one_line_and_short():
    long = "Reduce   the violence\namong young people " + "in the outer neighbourhoods " * 10
    params = c.best_practices(
        0, 0, 0, agenda_score=0.4, agenda_matched=1, agenda_total=1, agenda_priority=long
    )[1][1]
    assert "\n" not in params["priority"] and "  " not in params["priority"]
    assert len(params["priority"]) == c.AGENDA_PRIORITY_CHARS
    assert params["priority"].startswith("Reduce the violence among young people")
    assert params["priority"].endswith("…")


@pytest.mark.parametrize("agenda_score", [-1.0, 0.0, 0.3, 1.0, 7.0])
def test_scores_stay_between_zero_and_one(agenda_score):
    score, _evidence = c.best_practices(9, 1, 99, agenda_score=agenda_score, agenda_matched=3, agenda_total=2)
    assert 0.0 <= score <= 1.0
