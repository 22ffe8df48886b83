"""The controlled vocabulary of themes: the policy areas of DOMAIN.md and of the bundled networks.

Slugs are stable identifiers used by imports and the API; labels are translated in the catalogues.
``aliases`` lists the spellings found in data files so that importers map them onto one theme.
"""

from django.utils.translation import gettext_noop

THEMES = [
    # slug, English label, aliases as written in source files
    (
        "local-economic-development",
        gettext_noop("Local economic development"),
        ["local economic development"],
    ),
    ("governance-democracy", gettext_noop("Governance and democracy"), ["governance & democracy"]),
    ("environment", gettext_noop("Sustainability and environment"), ["environment", "sustainability"]),
    ("culture-heritage", gettext_noop("Culture and heritage"), ["culture & heritage", "culture"]),
    ("climate", gettext_noop("Climate"), ["climate"]),
    ("social-inclusion", gettext_noop("Social development and inclusion"), ["social inclusion"]),
    ("decentralised-cooperation", gettext_noop("Decentralised cooperation"), ["decentralised cooperation"]),
    (
        "urban-development-housing",
        gettext_noop("Urban development and housing"),
        ["urban development & housing"],
    ),
    ("mobility", gettext_noop("Mobility and transport"), ["mobility"]),
    ("tourism", gettext_noop("Tourism"), ["tourism"]),
    ("energy", gettext_noop("Energy"), ["energy"]),
    ("resilience-risk", gettext_noop("Resilience and risk"), ["resilience & risk"]),
    ("health", gettext_noop("Health"), ["health"]),
    ("youth", gettext_noop("Youth"), ["youth"]),
    ("digital-innovation", gettext_noop("Digital and innovation"), ["digital & innovation"]),
    ("water-sanitation", gettext_noop("Water and sanitation"), ["water & sanitation"]),
    ("migration", gettext_noop("Migration"), ["migration"]),
    ("education", gettext_noop("Education"), ["education"]),
    ("peace", gettext_noop("Peace"), ["peace"]),
    ("citizen-security", gettext_noop("Citizen security"), ["citizen security", "urban security"]),
    ("food", gettext_noop("Food"), ["food"]),
    ("finance", gettext_noop("Finance"), ["finance"]),
    ("gender", gettext_noop("Gender equality"), ["gender"]),
]

THEME_BY_ALIAS = {alias: slug for slug, _label, aliases in THEMES for alias in [slug, *aliases]}


def theme_slug(text):
    """The slug of the theme a source spelling names, or None when it is not in the vocabulary."""
    return THEME_BY_ALIAS.get((text or "").strip().lower())
