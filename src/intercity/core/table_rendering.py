"""The body of a django-tables2 table rendered in Python, cell by cell, without a template per cell.

``{% render_table %}`` with our ``includes/table.html`` spent more than half of a list page's time in the
template engine's loops over rows and cells (about 0.15 ms a cell: a portfolio of 40 memberships has 360
cells). The cells are the same ones django-tables2 renders (``BoundRow.get_cell``: render methods, links,
defaults); only the looping and the attributes, which do not change from row to row, are done here once.
"""

from django.template import Context
from django.template.base import render_value_in_context
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _static_td_attrs(bound_column):
    """The ``<td>`` attributes of a column as HTML, or None when they depend on the cell (callables)."""
    declared = (bound_column.column.attrs or {}).get("td", {})
    if any(callable(value) for value in declared.values()):
        return None
    return bound_column.attrs["td"].as_html()


def _cell_html(bound_column, cell, context):
    if bound_column.localize is None:
        return render_value_in_context(cell, context)
    return conditional_escape(localize(cell, use_l10n=bound_column.localize))


def table_body_html(table):
    """The ``<tr>`` rows of the table's current page, as safe HTML (the same cells as the template's)."""
    context = Context(autoescape=True)
    columns = list(table.columns)
    static_attrs = [_static_td_attrs(column) for column in columns]
    parts = []
    for row in table.paginated_rows:
        cells = []
        for column, td_attrs in zip(columns, static_attrs, strict=True):
            cell = row.get_cell(column.name)
            if td_attrs is None:
                # Callable attributes read the cell being rendered, as in BoundRow.items().
                column.current_value, column.current_record = cell, row.record
                td_attrs = column.attrs["td"].as_html()
            cells.append(f"<td {td_attrs}>{_cell_html(column, cell, context)}</td>")
        parts.append(format_html("<tr {}>", row.attrs.as_html()) + "".join(cells) + "</tr>")
    return mark_safe("\n".join(parts))
