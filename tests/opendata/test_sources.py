from intercity.core.models import DataSource
from intercity.opendata import sources
from intercity.opendata.report import StepReport


def test_every_source_has_an_attribution_record_with_its_licence(attributions):
    records = {source.slug: source for source in DataSource.objects.all()}
    assert set(records) == {
        sources.GEONAMES,
        sources.NETWORK_FACTS,
        sources.COVENANT_OF_MAYORS,
        sources.WIKIDATA_TWINNINGS,
        sources.NATURAL_EARTH,
        sources.UNICODE_CLDR,
    }
    for record in records.values():
        assert record.licence and record.attribution and record.publisher
        assert record.redistributable is True
        assert record.retrieved_on == sources.RETRIEVED_ON
    assert records[sources.GEONAMES].licence == "CC BY 4.0"
    assert records[sources.COVENANT_OF_MAYORS].licence == "CC BY 4.0"
    assert "European Union" in records[sources.COVENANT_OF_MAYORS].attribution
    assert records[sources.WIKIDATA_TWINNINGS].licence == "CC0 1.0"
    assert records[sources.NATURAL_EARTH].licence == "Public domain"


def test_loading_the_sources_again_changes_nothing(attributions):
    history = DataSource.history.count()
    report = StepReport("sources")
    sources.load_sources(report)
    assert (report.created, report.updated, report.unchanged) == (0, 0, len(sources.SOURCES))
    assert DataSource.history.count() == history


def test_an_edited_attribution_is_restored_by_the_next_load(attributions):
    DataSource.objects.filter(slug=sources.GEONAMES).update(licence="unknown")
    report = StepReport("sources")
    sources.load_sources(report)
    assert report.updated == 1
    assert DataSource.objects.get(slug=sources.GEONAMES).licence == "CC BY 4.0"
