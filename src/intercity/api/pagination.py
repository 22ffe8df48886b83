"""Pagination of every list of the API."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination


class AtlasPagination(PageNumberPagination):
    """Numbered pages of 50 records; ``page_size`` asks for more, up to 500 (larger values are capped).

    A ``page_size`` that is not a positive whole number answers 400 rather than being ignored.
    """

    page_size = 50
    page_size_query_param = "page_size"
    page_size_query_description = gettext_lazy("Number of results per page (at most 500).")
    page_query_description = gettext_lazy("A page number within the paginated result set.")
    max_page_size = 500

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not value.isdigit() or int(value) < 1:
            raise exceptions.ValidationError(
                {
                    self.page_size_query_param: [
                        _("%(value)s is not a page size: give a whole number from 1 to %(maximum)s.")
                        % {"value": value, "maximum": self.max_page_size}
                    ]
                }
            )
        return min(int(value), self.max_page_size)

    def get_page_number(self, request, paginator):
        # DRF reads ?page= as the first page; like any other page that is not a number, it is not found.
        if request.query_params.get(self.page_query_param) == "":
            raise exceptions.NotFound(self.invalid_page_message)
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
