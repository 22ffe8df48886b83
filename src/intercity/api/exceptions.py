"""Every error of the API answers the same JSON shape: ``{"error": {"status", "message", "details"}}``."""

import logging

from django.core import signals
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger("django.request")

# django-filter reports form-wide errors (such as unknown filters) under Django's key.
FORM_ERRORS_KEY = "__all__"


def error_body(status_code, message, details=None):
    return {"error": {"status": status_code, "message": str(message), "details": details or {}}}


def _flatten(detail):
    """The messages of a DRF error detail, in order, whatever its nesting."""
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _validation_message(details):
    parts = []
    for field, errors in details.items() if isinstance(details, dict) else [(None, details)]:
        for message in _flatten(errors):
            if field in (None, api_settings.NON_FIELD_ERRORS_KEY):
                parts.append(message)
            else:
                parts.append(_("%(parameter)s: %(message)s") % {"parameter": field, "message": message})
    return " ".join(parts) or _("The request is invalid.")


def exception_handler(exc, context):
    """DRF's handler, with its answer wrapped in the API's error shape; unexpected errors become JSON 500s."""
    response = drf_exception_handler(exc, context)
    if response is None:
        request = context.get("request")
        # Keep Django's behaviour for crashes: the traceback is logged and the test client re-raises.
        logger.error(
            "Internal Server Error: %s",
            getattr(request, "path", ""),
            exc_info=exc,
            extra={"status_code": 500, "request": getattr(request, "_request", None)},
        )
        signals.got_request_exception.send(sender=None, request=getattr(request, "_request", None))
        return Response(
            error_body(500, _("The server failed to answer this request.")),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    if isinstance(exc, exceptions.ValidationError):
        details = (
            exc.detail if isinstance(exc.detail, dict) else {api_settings.NON_FIELD_ERRORS_KEY: exc.detail}
        )
        if FORM_ERRORS_KEY in details:
            details = {api_settings.NON_FIELD_ERRORS_KEY: details[FORM_ERRORS_KEY]} | {
                key: value for key, value in details.items() if key != FORM_ERRORS_KEY
            }
        response.data = error_body(response.status_code, _validation_message(details), details)
    else:
        detail = getattr(exc, "detail", None)
        if isinstance(exc, Http404) or detail is None:
            message = _("Not found.")
            code = "not_found"
        else:
            message = detail
            code = getattr(detail, "code", "error")
        response.data = error_body(response.status_code, message, {"code": code})
    return response


def not_found(request, path=""):
    """The answer to any address under ``/api/`` that names no endpoint: a JSON 404.

    An address missing only its final slash is redirected, as Django's ``APPEND_SLASH`` would.
    """
    if not request.path_info.endswith("/"):
        try:
            match = resolve(request.path_info + "/")
        except Resolver404:
            match = None
        if match is not None and match.func is not not_found:
            query = request.META.get("QUERY_STRING", "")
            return HttpResponsePermanentRedirect(request.path + "/" + (f"?{query}" if query else ""))
    return JsonResponse(
        error_body(
            404,
            _("There is no API endpoint at %(path)s. The list of endpoints is at /api/.")
            % {"path": request.path},
            {"code": "not_found"},
        ),
        status=404,
    )
