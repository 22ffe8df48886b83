"""Importing a workspace's portfolio: memberships with their fees, positions, participations, activities.

The importers run on the generic pipeline of :mod:`intercity.core.importing` (read, check every row,
write in one transaction, report every problem with its line and column) and write only through
:mod:`intercity.engagement.portfolio_actions` and :func:`intercity.core.actions.save_private_record`.
Every row is resolved against one workspace: another workspace's records are never read or changed.

Re-importing a file creates nothing new and changes nothing: each record is found again by its natural
key, and saved only when a value differs (so no history row is written for an unchanged record).

============== ====================================================================================
kind           natural key (within the workspace)
============== ====================================================================================
portfolio      a membership: the network; a fee: the membership and the year
positions      the membership, the governance body (kind and name), the seat and the term start
participations the working group, the department and the start
activities     the membership, the date, the kind and the title
============== ====================================================================================

Only the columns present in a file are written: a file without a ``notes`` column leaves the notes as
they are. A workbook (XLSX) with one sheet per kind is imported sheet after sheet in one transaction, so
positions may name a membership that the ``memberships`` sheet of the same workbook creates.

The package: :mod:`.columns` and :mod:`.spellings` (what a file may hold), :mod:`.values` (parsing cells),
:mod:`.base` and one module per kind (:mod:`.memberships`, :mod:`.positions`, :mod:`.participations`,
:mod:`.activities`), :mod:`.kinds`, :mod:`.import_file` and :mod:`.workbook` (the entry points) and
:mod:`.reports` (the report as sections and as CSV).
"""

from intercity.engagement.importers.portfolio.activities import ActivityImporter
from intercity.engagement.importers.portfolio.base import (
    BODIES_CREATED,
    DEPARTMENTS_CREATED,
    FEES_CREATED,
    FEES_UPDATED,
    PEOPLE_CREATED,
    WORKING_GROUPS_CREATED,
    WorkspaceImporter,
)
from intercity.engagement.importers.portfolio.columns import (
    ACTIVITY_COLUMNS,
    FEE_HEADER,
    LIST_SEPARATOR,
    MEMBERSHIP_COLUMNS,
    NETWORK,
    PAID_HEADER,
    PARTICIPATION_COLUMNS,
    POSITION_COLUMNS,
)
from intercity.engagement.importers.portfolio.import_file import import_portfolio_file
from intercity.engagement.importers.portfolio.kinds import (
    IMPORTERS,
    KINDS,
)
from intercity.engagement.importers.portfolio.memberships import PortfolioImporter
from intercity.engagement.importers.portfolio.participations import (
    ParticipationImporter,
    find_working_group,
)
from intercity.engagement.importers.portfolio.positions import PositionImporter
from intercity.engagement.importers.portfolio.reports import (
    REPORT_CSV_COLUMNS,
    report_sections,
    write_report_csv,
)
from intercity.engagement.importers.portfolio.spellings import (
    ACTIVITY_KIND_SPELLINGS,
    BODY_KIND_SPELLINGS,
    CATEGORY_SPELLINGS,
    NATURE_SPELLINGS,
    PORTFOLIO_STATUS_SPELLINGS,
    SHEET_SPELLINGS,
    WORKBOOK_ORDER,
    YES_NO,
)
from intercity.engagement.importers.portfolio.values import (
    FEE_CELL,
    differs,
    parse_amount,
    parse_currency,
    parse_day,
    parse_fee,
    person_key,
)
from intercity.engagement.importers.portfolio.workbook import (
    WorkbookReport,
    import_workbook,
    workbook_sheets,
)

__all__ = [
    "ACTIVITY_COLUMNS",
    "ACTIVITY_KIND_SPELLINGS",
    "BODIES_CREATED",
    "BODY_KIND_SPELLINGS",
    "CATEGORY_SPELLINGS",
    "DEPARTMENTS_CREATED",
    "FEES_CREATED",
    "FEES_UPDATED",
    "FEE_CELL",
    "FEE_HEADER",
    "IMPORTERS",
    "KINDS",
    "LIST_SEPARATOR",
    "MEMBERSHIP_COLUMNS",
    "NATURE_SPELLINGS",
    "NETWORK",
    "PAID_HEADER",
    "PARTICIPATION_COLUMNS",
    "PEOPLE_CREATED",
    "PORTFOLIO_STATUS_SPELLINGS",
    "POSITION_COLUMNS",
    "REPORT_CSV_COLUMNS",
    "SHEET_SPELLINGS",
    "WORKBOOK_ORDER",
    "WORKING_GROUPS_CREATED",
    "YES_NO",
    "ActivityImporter",
    "ParticipationImporter",
    "PortfolioImporter",
    "PositionImporter",
    "WorkbookReport",
    "WorkspaceImporter",
    "differs",
    "find_working_group",
    "import_portfolio_file",
    "import_workbook",
    "parse_amount",
    "parse_currency",
    "parse_day",
    "parse_fee",
    "person_key",
    "report_sections",
    "workbook_sheets",
    "write_report_csv",
]
