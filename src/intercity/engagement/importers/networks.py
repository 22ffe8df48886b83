"""Finding the network a row of a members file names, with "did you mean" suggestions."""

import re
from collections import defaultdict

from django.utils.translation import gettext as _
from rapidfuzz import fuzz, process
from unidecode import unidecode

from intercity.networks.models import Network


def network_key(text):
    """Comparison form of a network name or acronym: ``"ACR+"``, ``"acr +"`` -> ``"acr"``."""
    return re.sub(r"[^a-z0-9]", "", unidecode(str(text or "")).lower())


class NetworkIndex:
    """The networks of the atlas by acronym, name, other names and slug, compared loosely."""

    def __init__(self, networks):
        self.networks = []
        self.by_key = defaultdict(set)
        self.labels = {}
        for network in networks:
            self.add(network)

    def add(self, network):
        """Make ``network`` findable by its acronym, name, slug and other names."""
        self.networks.append(network)
        for spelling in [network.acronym, network.name, network.slug, *(network.other_names or [])]:
            key = network_key(spelling)
            if key:
                self.by_key[key].add(network)
                self.labels.setdefault(spelling, network)

    @classmethod
    def load(cls):
        return cls(Network.objects.all())

    def find(self, text):
        """The network ``text`` names, or None; raises ValueError when it names several."""
        found = self.by_key.get(network_key(text), set())
        if len(found) > 1:
            names = ", ".join(sorted(str(network) for network in found))
            raise ValueError(
                _("“%(value)s” could mean several networks: %(names)s; use the full name.")
                % {"value": text, "names": names}
            )
        return next(iter(found), None)

    def suggest(self, text, limit=3):
        """The closest network names to ``text``, best first (for "did you mean")."""
        matches = process.extract(text, list(self.labels), scorer=fuzz.WRatio, limit=limit * 3)
        names = []
        for label, _score, _index in matches:
            network = self.labels[label]
            shown = f"{network.name} ({network.acronym})" if network.acronym else network.name
            if shown not in names:
                names.append(shown)
        return names[:limit]

    def unknown_message(self, text):
        suggestions = self.suggest(text)
        if suggestions:
            return _("“%(value)s” is not a network of the atlas; closest: %(names)s.") % {
                "value": text,
                "names": "; ".join(suggestions),
            }
        return _("“%(value)s” is not a network of the atlas.") % {"value": text}
