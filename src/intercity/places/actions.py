"""Write side of the places app: finding or creating the government behind a row of data.

Every path that brings governments in (the open-data loader, the importers, the admin, later the API)
goes through :class:`GovernmentDirectory`, so the same city is never created twice: a government is
found again by any of its external identifiers, then by its gazetteer place (for city-level
governments), then by its exact name in its country when it has no place.
"""

from dataclasses import dataclass, field

from intercity.places.choices import GovernmentKind, IdentifierScheme, ResolutionStatus
from intercity.places.models import Government, GovernmentIdentifier

# Governments of these kinds stand for the place itself, so two sources naming the same place meet.
PLACE_LEVEL_KINDS = {GovernmentKind.MUNICIPALITY, GovernmentKind.CITY}


@dataclass
class GovernmentDirectory:
    """An in-memory index of governments for one import; create it inside the import's transaction.

    Examples
    --------
    >>> directory = GovernmentDirectory.load()  # doctest: +SKIP
    >>> government, created = directory.find_or_create(  # doctest: +SKIP
    ...     name="Comune di Bologna", country_code="IT", place_id=3181928,
    ...     identifiers={"com": "1234"}, source=source)
    """

    by_identifier: dict = field(default_factory=dict)
    by_place: dict = field(default_factory=dict)
    by_name: dict = field(default_factory=dict)
    created: int = 0
    reused: int = 0

    @classmethod
    def load(cls):
        directory = cls()
        governments = Government.objects.only("id", "name", "kind", "country_id", "place_id", "name_variants")
        by_id = {}
        for government in governments.iterator(chunk_size=5000):
            by_id[government.pk] = government
            directory._index(government)
        for scheme, value, government_id in GovernmentIdentifier.objects.values_list(
            "scheme", "value", "government_id"
        ).iterator(chunk_size=5000):
            directory.by_identifier[(scheme, value)] = by_id[government_id]
        return directory

    @staticmethod
    def _place_key(place_id, kind):
        # Municipality and city are one level: the same place's municipality is the same government.
        return (place_id, "place" if kind in PLACE_LEVEL_KINDS else kind)

    def _index(self, government):
        if government.place_id:
            self.by_place.setdefault(self._place_key(government.place_id, government.kind), government)
        else:
            self.by_name.setdefault(
                self._name_key(government.name, government.country_id, government.kind), government
            )

    @staticmethod
    def _name_key(name, country_code, kind):
        return (" ".join(name.lower().split()), country_code or "", kind)

    def find(
        self, *, name, country_code=None, kind=GovernmentKind.MUNICIPALITY, place_id=None, identifiers=None
    ):
        """The existing government for these facts, or None."""
        for scheme, value in (identifiers or {}).items():
            government = self.by_identifier.get((scheme, str(value)))
            if government is not None:
                return government
        if place_id:
            return self.by_place.get(self._place_key(place_id, kind))
        return self.by_name.get(self._name_key(name, country_code, kind))

    def find_or_create(
        self,
        *,
        name,
        country_code=None,
        kind=GovernmentKind.MUNICIPALITY,
        place_id=None,
        identifiers=None,
        source=None,
        resolution=None,
        latitude=None,
        longitude=None,
        population=None,
        confidence=None,
    ):
        """Return ``(government, created)``; a found government learns the new name and identifiers.

        ``resolution`` is the resolver's verdict (an object with ``status``, ``score`` and ``reason``)
        and is recorded on a new government so that people can review ambiguous links later.
        """
        identifiers = {scheme: str(value) for scheme, value in (identifiers or {}).items() if value}
        government = self.find(
            name=name, country_code=country_code, kind=kind, place_id=place_id, identifiers=identifiers
        )
        # The GeoNames id names the government's own place: never attach it to one placed elsewhere.
        if place_id and kind in PLACE_LEVEL_KINDS and (government is None or government.place_id == place_id):
            identifiers.setdefault(IdentifierScheme.GEONAMES, str(place_id))
        created = government is None
        if created:
            government = Government(
                name=name.strip(),
                kind=kind,
                country_id=country_code,
                place_id=place_id,
                source=source,
                latitude=latitude,
                longitude=longitude,
                population=population,
            )
            if confidence:
                government.confidence = confidence
            if resolution is not None:
                government.resolution_status = resolution.status
                government.resolution_score = resolution.score
                government.resolution_note = (resolution.reason or "")[:500]
            elif place_id:
                government.resolution_status = ResolutionStatus.MANUAL
            government.save()
            self._index(government)
            self.created += 1
        else:
            self.reused += 1
            if government.add_name_variant(name):
                government.save(update_fields=["name_variants", "updated_at"])
        self._add_identifiers(government, identifiers)
        return government, created

    def _add_identifiers(self, government, identifiers):
        for scheme, value in identifiers.items():
            if (scheme, value) in self.by_identifier:
                continue
            GovernmentIdentifier.objects.create(government=government, scheme=scheme, value=value)
            self.by_identifier[(scheme, value)] = government
