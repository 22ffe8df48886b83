"""The kinds of portfolio file, each with its importer."""

from intercity.engagement.importers.portfolio.activities import ActivityImporter
from intercity.engagement.importers.portfolio.memberships import PortfolioImporter
from intercity.engagement.importers.portfolio.participations import ParticipationImporter
from intercity.engagement.importers.portfolio.positions import PositionImporter

IMPORTERS = {
    "portfolio": PortfolioImporter,
    "positions": PositionImporter,
    "participations": ParticipationImporter,
    "activities": ActivityImporter,
}
KINDS = [*IMPORTERS, "workbook"]
