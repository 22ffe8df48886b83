import pytest
from django.db import IntegrityError, transaction

from intercity.core.actions import Outcome
from intercity.relations.actions import SelfLinkError, link_governments
from intercity.relations.models import Twinning
from tests.factories import GovernmentFactory

pytestmark = pytest.mark.django_db


def test_linking_a_pair_in_either_order_stores_one_record():
    first, second = GovernmentFactory(), GovernmentFactory()
    twinning, outcome = link_governments(second, first)
    again, second_outcome = link_governments(first, second)
    assert outcome == Outcome.CREATED
    assert second_outcome == Outcome.UNCHANGED
    assert again.pk == twinning.pk
    assert Twinning.objects.count() == 1
    assert (twinning.government_a_id, twinning.government_b_id) == tuple(sorted([first.pk, second.pk]))


def test_saving_a_reversed_pair_puts_it_in_canonical_order():
    first, second = GovernmentFactory(), GovernmentFactory()
    twinning = Twinning.objects.create(government_a=second, government_b=first)
    assert twinning.government_a_id < twinning.government_b_id


def test_database_refuses_the_mirror_of_an_existing_pair():
    first, second = GovernmentFactory(), GovernmentFactory()
    low, high = sorted([first, second], key=lambda government: government.pk)
    Twinning.objects.create(government_a=low, government_b=high)
    with pytest.raises(IntegrityError), transaction.atomic():
        # Bypass save() to prove the constraint itself holds: the mirror breaks the ordering check.
        Twinning.objects.bulk_create([Twinning(government_a=high, government_b=low)])
    assert Twinning.objects.count() == 1


def test_database_refuses_a_duplicate_pair():
    first, second = GovernmentFactory(), GovernmentFactory()
    link_governments(first, second)
    low, high = sorted([first, second], key=lambda government: government.pk)
    with pytest.raises(IntegrityError), transaction.atomic():
        Twinning.objects.bulk_create([Twinning(government_a=low, government_b=high)])


def test_a_government_cannot_be_twinned_with_itself():
    government = GovernmentFactory()
    with pytest.raises(SelfLinkError):
        link_governments(government, government)
    with pytest.raises(IntegrityError), transaction.atomic():
        Twinning.objects.bulk_create([Twinning(government_a=government, government_b=government)])


def test_involving_finds_twinnings_from_both_sides():
    hub, left, right = GovernmentFactory(), GovernmentFactory(), GovernmentFactory()
    link_governments(hub, left)
    link_governments(right, hub)
    link_governments(left, right)
    assert Twinning.objects.involving(hub).count() == 2
    partners = {twinning.partner_of(hub).pk for twinning in Twinning.objects.involving(hub)}
    assert partners == {left.pk, right.pk}


def test_twinning_changes_are_recorded_in_history():
    first, second = GovernmentFactory(), GovernmentFactory()
    twinning, _ = link_governments(first, second)
    link_governments(first, second, note="Renewed in 2019")
    assert [record.history_type for record in twinning.history.order_by("history_id")] == ["+", "~"]
