"""Importers of membership lists: a network's members in CSV or XLSX, and the ETMUN data set."""

from intercity.engagement.importers.etmun import ETMUN_NETWORK_ALIASES, EtmunImporter, import_etmun
from intercity.engagement.importers.memberships import (
    MembershipImporter,
    describe_ambiguity,
    import_memberships,
)
from intercity.engagement.importers.networks import NetworkIndex, network_key

__all__ = [
    "ETMUN_NETWORK_ALIASES",
    "EtmunImporter",
    "MembershipImporter",
    "NetworkIndex",
    "describe_ambiguity",
    "import_etmun",
    "import_memberships",
    "network_key",
]
