import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from intercity.core.actions import Outcome
from intercity.core.choices import DatePrecision
from intercity.core.models import DataSource
from intercity.engagement.actions import end_membership, record_membership
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.models import Membership
from tests.factories import GovernmentFactory, MembershipFactory, NetworkFactory

pytestmark = pytest.mark.django_db


def test_database_refuses_two_memberships_with_the_same_joining_date():
    membership = MembershipFactory(joined_on=datetime.date(2010, 1, 26))
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            government=membership.government, network=membership.network, joined_on=membership.joined_on
        )


def test_database_refuses_two_undated_memberships_of_the_same_network():
    membership = MembershipFactory(joined_on=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(government=membership.government, network=membership.network)


def test_a_government_may_rejoin_a_network_on_another_date():
    first = MembershipFactory(joined_on=datetime.date(2001, 1, 1), left_on=datetime.date(2005, 1, 1))
    Membership.objects.create(
        government=first.government, network=first.network, joined_on=datetime.date(2012, 3, 1)
    )
    assert Membership.objects.filter(government=first.government).count() == 2


def test_database_refuses_a_membership_that_ends_before_it_starts():
    with pytest.raises(IntegrityError), transaction.atomic():
        MembershipFactory(joined_on=datetime.date(2010, 1, 1), left_on=datetime.date(2009, 1, 1))


def test_recording_the_same_membership_twice_changes_nothing():
    source = DataSource.objects.create(slug="test", name="Test", licence="CC0")
    government, network = GovernmentFactory(), NetworkFactory()
    facts = {"joined_on": datetime.date(2012, 7, 23), "source": source, "source_key": "20494"}
    membership, outcome = record_membership(government, network, **facts)
    again, second_outcome = record_membership(government, network, **facts)
    assert (outcome, second_outcome) == (Outcome.CREATED, Outcome.UNCHANGED)
    assert again.pk == membership.pk
    assert membership.history.count() == 1


def test_recording_a_changed_status_updates_the_same_record_and_its_history():
    source = DataSource.objects.create(slug="test", name="Test", licence="CC0")
    government, network = GovernmentFactory(), NetworkFactory()
    membership, _ = record_membership(
        government, network, status=MembershipStatus.CANDIDATE, source=source, source_key="7"
    )
    updated, outcome = record_membership(
        government, network, status=MembershipStatus.MEMBER, source=source, source_key="7"
    )
    assert outcome == Outcome.UPDATED
    assert updated.pk == membership.pk
    assert list(membership.history.order_by("history_id").values_list("status", flat=True)) == [
        "candidate",
        "member",
    ]


def test_ending_a_membership_records_the_date_and_keeps_the_year_precision():
    membership = MembershipFactory(joined_on=datetime.date(2004, 1, 1), joined_precision=DatePrecision.YEAR)
    end_membership(membership, left_on=datetime.date(2019, 1, 1), left_precision=DatePrecision.YEAR)
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.FORMER
    assert (membership.joined_display, membership.left_display) == ("2004", "2019")


def test_a_former_membership_without_end_date_or_reason_is_invalid():
    membership = MembershipFactory.build(
        government=GovernmentFactory(), network=NetworkFactory(), status=MembershipStatus.FORMER
    )
    with pytest.raises(ValidationError) as error:
        membership.full_clean()
    assert "left_on" in error.value.message_dict
