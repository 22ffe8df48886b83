"""``import_urbact``: the real URBACT files (read from the shared data folder, never copied) and small
invented files in URBACT's format (written here, in tmp_path)."""

import datetime

import pytest
from django.conf import settings
from django.template.loader import render_to_string

from intercity.analysis.resolve import Gazetteer
from intercity.core.choices import Confidence, DatePrecision
from intercity.core.models import DataSource
from intercity.engagement.choices import MembershipStatus
from intercity.engagement.importers.urbact import import_urbact
from intercity.engagement.models import Membership
from intercity.knowledge.models import SearchDocument
from intercity.networks.models import Network
from intercity.opendata.loader import load_opendata
from intercity.places.models import Government
from tests.conftest import shared_data_dir
from tests.factories import NetworkFactory

pytestmark = pytest.mark.django_db

# Measured on the real files (172 networks, 1,510 participations) with the bundled atlas loaded.
URBACT_NETWORKS = 172
URBACT_PARTICIPATIONS = 1510
BERLIN_REPEATED = 254  # Berlin is partner (line 252) and lead partner (line 254) of network 28


@pytest.fixture(scope="session")
def gazetteer():
    return Gazetteer.load(cache_dir=settings.INTERCITY_CACHE_DIR)


@pytest.fixture
def urbact_dir():
    return shared_data_dir() / "urbact"


@pytest.fixture
def atlas(gazetteer):
    load_opendata(steps=["sources", "countries", "themes", "networks"], gazetteer=gazetteer)


def urbact_networks():
    return Network.objects.filter(source__slug="urbact")


# --- The real files ------------------------------------------------------------------------------------


def test_real_files_import_every_network_and_participation_and_a_second_run_creates_nothing(
    atlas, urbact_dir, gazetteer
):
    bundled = Network.objects.count()
    governments_before = Government.objects.count()

    result = import_urbact(
        urbact_dir / "networks.csv", urbact_dir / "participations.csv", gazetteer=gazetteer
    )

    networks, participations = result.networks, result.participations
    assert result.ok and result.committed, result.networks.errors[:3] + result.participations.errors[:3]
    assert networks.outcome_counts() == {"created": URBACT_NETWORKS}
    assert urbact_networks().count() == URBACT_NETWORKS == Network.objects.count() - bundled
    # Every network has its aims; the 40-odd with activities have them as a second paragraph.
    assert urbact_networks().exclude(aims="").count() == URBACT_NETWORKS
    assert urbact_networks().filter(aims__contains="\n\n").count() >= 40
    assert not urbact_networks().filter(aims__contains="\\").exists()
    assert not urbact_networks().filter(description__contains="\\").exists()
    # Theme mapping: 678 of 680 keywords map onto the vocabulary, and every network has a theme.
    assert networks.counters["keywords mapped to a theme"] == 678
    assert networks.counters["keywords outside the theme vocabulary"] == 2
    assert urbact_networks().filter(themes=None).count() == 0
    # The one name the bundled catalogue already uses.
    civitas = Network.objects.get(source_key="urbact:U14")
    assert (civitas.name, civitas.slug) == ("CIVITAS (URBACT)", "urbact-civitas-urbact")
    assert Network.objects.filter(name="CIVITAS Initiative").exclude(source__slug="urbact").exists()

    second_chance = Network.objects.get(source_key="urbact:1")
    assert (second_chance.name, second_chance.slug) == ("2nd Chance", "urbact-2nd-chance")
    assert (second_chance.founded, second_chance.dissolved) == (2015, 2018)
    assert (second_chance.kind, second_chance.scope, second_chance.region) == (
        "thematic",
        "regional",
        "Europe",
    )
    assert second_chance.secretariat_country_id == "IT"
    assert second_chance.website == "http://urbact.eu/2nd-chance"
    assert second_chance.confidence == Confidence.MEDIUM and second_chance.source.slug == "urbact"
    assert set(second_chance.themes.values_list("slug", flat=True)) == {
        "climate",
        "culture-heritage",
        "governance-democracy",
        "urban-development-housing",
    }

    assert len(participations.rows) == URBACT_PARTICIPATIONS
    assert participations.outcome_counts() == {"created": URBACT_PARTICIPATIONS - 1, "duplicate": 1}
    statuses = participations.status_counts()
    assert statuses["matched"] >= 1450  # measured 1,476 (97.7 %); 10 ambiguous, 24 unmatched
    assert statuses["matched"] + statuses["ambiguous"] + statuses["unmatched"] == URBACT_PARTICIPATIONS
    memberships = Membership.objects.filter(network__source__slug="urbact")
    assert memberships.count() == Membership.objects.count() == URBACT_PARTICIPATIONS - 1
    assert memberships.filter(government__place__isnull=False).count() >= 1440
    # One lead partner per network (Berlin's two rows in network 28 became one, as lead partner).
    assert memberships.filter(note="Lead partner").count() == URBACT_NETWORKS
    berlin = memberships.get(network__source_key="urbact:28", government__name="Berlin")
    assert berlin.note == "Lead partner" and berlin.status == MembershipStatus.FORMER
    assert (berlin.joined_on, berlin.left_on, berlin.left_precision) == (
        datetime.date(2010, 1, 1),
        datetime.date(2011, 1, 1),
        DatePrecision.YEAR,
    )
    assert "same membership as line 252" in participations.rows[BERLIN_REPEATED - 2].warnings[0].message
    # Networks whose period has ended have former members; those without an end have members.
    assert memberships.filter(status=MembershipStatus.FORMER).count() == 1075
    assert not memberships.filter(network__dissolved__isnull=True, status=MembershipStatus.FORMER).exists()
    created_governments = Government.objects.count() - governments_before

    again = import_urbact(urbact_dir / "networks.csv", urbact_dir / "participations.csv", gazetteer=gazetteer)

    assert again.ok and again.committed
    assert again.networks.outcome_counts() == {"unchanged": URBACT_NETWORKS}
    assert again.participations.outcome_counts() == {"unchanged": URBACT_PARTICIPATIONS - 1, "duplicate": 1}
    assert urbact_networks().count() == URBACT_NETWORKS
    assert Membership.objects.count() == URBACT_PARTICIPATIONS - 1
    assert Government.objects.count() - governments_before == created_governments


def test_dry_run_on_the_real_files_reports_everything_and_writes_nothing(atlas, urbact_dir, gazetteer):
    networks_before, governments_before = Network.objects.count(), Government.objects.count()

    result = import_urbact(
        urbact_dir / "networks.csv", urbact_dir / "participations.csv", dry_run=True, gazetteer=gazetteer
    )

    assert result.ok and not result.committed
    assert all(report.dry_run and not report.committed for report in result.reports)
    assert result.networks.outcome_counts() == {"created": URBACT_NETWORKS}
    # The participations were checked against the networks the run would create.
    assert result.participations.outcome_counts()["created"] == URBACT_PARTICIPATIONS - 1
    assert (Network.objects.count(), Government.objects.count()) == (networks_before, governments_before)
    assert Membership.objects.count() == 0
    assert not DataSource.objects.filter(slug="urbact").exists()


# --- Small invented files in URBACT's format -------------------------------------------------------------

HEADER = (
    "Main.Key.Word;Additionnal.key.words;Name;Code_Network;Description;LeadPartnerCountry;Url;Start;End;"
    "Aims;Activities;Members;Continent;Region;NbCities;CodeCity;LeadPartner;Phase;Type\n"
)
# Line 2 holds a text over two lines with the R export's escaped quotes; the second network is line 4.
NETWORKS = HEADER + (
    "Environment;Food / Evaluation systems and results;Green Yards;T1;Shared gardens on empty plots;IT;"
    'https://example.org/green-yards;2016;2019;"Cities turn empty plots into gardens.\n'
    'Neighbours call them \\\\""little farms\\\\"" in the plan.";NA;Cities;Europe;Southern Europe;2;IT1;'
    "Bologna;Urbact III;Action Planning\n"
    "Governance;Participation;Budget Circles;T2;Citizens decide together;PT;NA;2019;NA;"
    "Residents choose how to spend a share of the budget.;Workshops in every district.;Cities / Others;"
    "Europe;Southern Europe;2;PT1;Porto;Urbact III;Transfer\n"
)
PARTICIPATIONS = (
    "Code_Network;NameCity;CodeCity;Country;Continent;Region;City.Statut;Sources;Years;Network;"
    "Description;LeadPartnerCountry;Url;Start;End\n"
    "T1;Bologna;IT1;IT;Europe;Southern Europe;Lead Partner;invented;2019;Green Yards;x;IT;NA;2016;2019\n"
    "T1;Porto;PT1;PT;Europe;Southern Europe;Partner;invented;2019;Green Yards;x;IT;NA;2016;2019\n"
    "T2;Porto;PT1;PT;Europe;Southern Europe;Lead Partner;invented;2019;Budget Circles;x;PT;NA;2019;NA\n"
    "T2;Bologna;;IT;Europe;Southern Europe;Partner;invented;2019;Budget Circles;x;PT;NA;2019;NA\n"
)


@pytest.fixture
def countries_and_themes():
    load_opendata(steps=["sources", "countries", "themes"])


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_invented_files_become_networks_with_aims_themes_and_memberships_that_are_searched(
    countries_and_themes, gazetteer, tmp_path, django_capture_on_commit_callbacks
):
    networks_csv = write(tmp_path, "networks.csv", NETWORKS)
    participations_csv = write(tmp_path, "participations.csv", PARTICIPATIONS)
    steps = []
    with django_capture_on_commit_callbacks(execute=True):
        NetworkFactory(name="Green Yards", acronym="GY")  # another source's network with the same name
        result = import_urbact(
            networks_csv,
            participations_csv,
            gazetteer=gazetteer,
            progress=lambda description, done, total: steps.append((description, done, total)),
        )

    assert result.ok and result.committed, result.networks.errors + result.participations.errors
    assert [row.line for row in result.networks.rows] == [2, 4]
    assert ("Writing", 2, 2) in steps and ("Writing", 4, 4) in steps  # the networks, then the memberships
    yards = Network.objects.get(source_key="urbact:T1")
    assert (yards.name, yards.slug) == ("Green Yards (URBACT)", "urbact-green-yards-urbact")
    assert (
        yards.aims
        == 'Cities turn empty plots into gardens.\nNeighbours call them "little farms" in the plan.'
    )
    assert (yards.founded, yards.dissolved, yards.website) == (2016, 2019, "https://example.org/green-yards")
    assert set(yards.themes.values_list("slug", flat=True)) == {"environment", "food"}
    assert (yards.secretariat_label, yards.secretariat_country_id) == ("Bologna (lead partner)", "IT")
    unmapped = [str(issue) for issue in result.networks.row_warnings]
    assert unmapped[0].startswith("Line 2, column “Additionnal.key.words”")
    assert "Evaluation systems and results" in unmapped[0]
    assert any("imported as “Green Yards (URBACT)”" in warning for warning in unmapped)

    circles = Network.objects.get(source_key="urbact:T2")
    assert (
        circles.aims == "Residents choose how to spend a share of the budget.\n\nWorkshops in every district."
    )
    assert (circles.dissolved, circles.website, circles.member_types) == (None, "", ["cities", "others"])
    assert list(circles.themes.values_list("slug", flat=True)) == ["governance-democracy"]

    memberships = {
        (membership.network.source_key, membership.government.name): membership
        for membership in Membership.objects.select_related("network", "government")
    }
    assert set(memberships) == {
        ("urbact:T1", "Bologna"),
        ("urbact:T1", "Porto"),
        ("urbact:T2", "Porto"),
        ("urbact:T2", "Bologna"),
    }
    lead = memberships[("urbact:T1", "Bologna")]
    assert (lead.status, lead.note, lead.left_on) == (
        MembershipStatus.FORMER,
        "Lead partner",
        datetime.date(2019, 1, 1),
    )
    current = memberships[("urbact:T2", "Bologna")]
    assert (current.status, current.note, current.left_on) == (MembershipStatus.MEMBER, "", None)
    assert current.joined_on == datetime.date(2019, 1, 1) and current.joined_precision == DatePrecision.YEAR
    assert Government.objects.filter(name="Bologna").count() == 1  # one government, found again by place
    assert result.participations.status_counts() == {"matched": 4}

    # The aims are part of the network's search document.
    document = SearchDocument.objects.get(kind="network", object_id=yards.pk)
    assert "little farms" in document.body and document.title == "Green Yards (URBACT)"

    changed = write(tmp_path, "networks.csv", NETWORKS.replace("Citizens decide together", "Citizens decide"))
    again = import_urbact(changed, participations_csv, gazetteer=gazetteer)

    assert again.networks.outcome_counts() == {"unchanged": 1, "updated": 1}
    assert again.participations.outcome_counts() == {"unchanged": 4}
    assert Network.objects.get(source_key="urbact:T2").description == "Citizens decide"
    assert (urbact_networks().count(), Membership.objects.count()) == (2, 4)


def test_a_bad_year_in_the_networks_file_names_line_and_column_and_writes_nothing(
    countries_and_themes, gazetteer, tmp_path
):
    networks_csv = write(
        tmp_path, "networks.csv", NETWORKS.replace(";2019;NA;Residents", ";20l9;NA;Residents")
    )
    participations_csv = write(tmp_path, "participations.csv", PARTICIPATIONS)

    result = import_urbact(networks_csv, participations_csv, gazetteer=gazetteer)

    assert not result.ok and not result.committed
    assert [(issue.line, issue.field) for issue in result.networks.errors] == [(4, "Start")]
    assert str(result.networks.errors[0]) == "Line 4, column “Start”: “20l9” is not a year (YYYY)."
    assert result.participations.errors[0].message.startswith("Not checked: the networks file has errors")
    assert not Network.objects.exists() and not Membership.objects.exists()
    assert not DataSource.objects.filter(slug="urbact").exists()


def test_a_bad_participation_refuses_both_files(countries_and_themes, gazetteer, tmp_path):
    networks_csv = write(tmp_path, "networks.csv", NETWORKS)
    participations = PARTICIPATIONS.replace(
        "Partner;invented;2019;Green Yards;x;IT;NA;2016;2019\nT2",
        "Partner;invented;2019;Green Yards;x;IT;NA;2016;2O19\nT2",
    )
    participations += "T9;Porto;PT1;PT;Europe;Southern Europe;Partner;invented;2019;Nowhere;x;PT;NA;2019;NA\n"
    participations_csv = write(tmp_path, "participations.csv", participations)

    result = import_urbact(networks_csv, participations_csv, gazetteer=gazetteer)

    assert not result.ok and not result.committed
    assert result.networks.ok and result.networks.outcome_counts() == {"created": 2}  # what would have been
    errors = [(issue.line, issue.field) for issue in result.participations.errors]
    assert errors == [(3, "End"), (6, "Code_Network")]
    assert "“2O19” is not a year" in result.participations.errors[0].message
    assert "T9" in result.participations.errors[1].message
    # The networks file was fine, but nothing of either file is kept.
    assert (
        not Network.objects.exists() and not Membership.objects.exists() and not Government.objects.exists()
    )


def test_the_aims_include_shows_the_aims_as_escaped_paragraphs_or_nothing():
    network = Network(name="Green Yards", aims="Gardens <b>first</b>.\n\nThen markets.")

    html = render_to_string("networks/includes/network_aims.html", {"network": network})

    assert 'id="aims-heading">Aims</h3>' in html
    assert "<p>Gardens &lt;b&gt;first&lt;/b&gt;.</p>" in html and "<p>Then markets.</p>" in html
    network.aims = ""
    assert render_to_string("networks/includes/network_aims.html", {"network": network}).strip() == ""
