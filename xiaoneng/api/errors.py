"""Every API error has one shape: {"error": {"code": "...", "message": "...", "fields": [...]}}.

`code` is a stable English string for programs; `message` is for people, in the request's
language (Chinese by default); `fields` lists request-validation problems, if any.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from xiaoneng.matters.transitions import IllegalTransition, MatterError, NotPermitted


class FieldError(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ErrorDetail(Schema):
    code: str
    message: str
    fields: list[FieldError] | None = None


class ErrorOut(Schema):
    error: ErrorDetail


class ApiError(Exception):
    """Raised by an endpoint to answer with a structured error."""

    def __init__(self, status: int, code: str, message: str, fields: list[dict] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields


def invalid_field(loc: list[str | int], message: str) -> ApiError:
    """A request that passed the schema but names something that does not exist."""
    return ApiError(422, "validation_error", gettext("The request has invalid fields."),
                    [{"loc": loc, "msg": str(message), "type": "value_error"}])


def not_found() -> ApiError:
    # Another unit's matter is answered exactly like one that does not exist.
    return ApiError(404, "not_found", gettext("Not found."))


def forbidden() -> ApiError:
    return ApiError(403, "not_permitted", gettext("You may not do this."))


# Statuses an endpoint may answer with an error, for the `response=` of each operation.
READ_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut, 429: ErrorOut}
WRITE_ERRORS = {**READ_ERRORS, 409: ErrorOut}


def error_response(api: NinjaAPI, request: HttpRequest, status: int, code: str, message: str,
                   fields: list[dict] | None = None) -> HttpResponse:
    body: dict = {"code": code, "message": str(message)}
    if fields is not None:
        body["fields"] = fields
    return api.create_response(request, {"error": body}, status=status)


def _fields(errors: list[dict]) -> list[dict]:
    return [{"loc": [p if isinstance(p, int) else str(p) for p in e.get("loc", ())],
             "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))} for e in errors]


def _http_error(status: int, message: str) -> tuple[str, str]:
    if status == 401:
        return "not_authenticated", gettext("Authentication needed: send a valid token.")
    if status == 403 and "CSRF" in message:
        return "csrf_failed", gettext("The CSRF check failed; send a token instead of a session.")
    if status == 403:
        return "not_permitted", gettext("You may not do this.")
    if status == 429:
        return "throttled", gettext("Too many requests; try again later.")
    return "bad_request", gettext("The request could not be understood.")


def install(api: NinjaAPI) -> None:
    """Replace ninja's default error bodies with ours."""

    def on_api_error(request, exc: ApiError):
        return error_response(api, request, exc.status, exc.code, exc.message, exc.fields)

    def on_validation(request, exc: ValidationError):
        return error_response(api, request, 422, "validation_error",
                              gettext("The request has invalid fields."), _fields(exc.errors))

    def on_http_error(request, exc: HttpError):
        code, message = _http_error(exc.status_code, str(exc))
        response = error_response(api, request, exc.status_code, code, message)
        if exc.status_code == 401:
            response["WWW-Authenticate"] = "Bearer"
        return response

    def on_404(request, exc: Http404):
        return error_response(api, request, 404, "not_found", gettext("Not found."))

    def on_matter_error(request, exc: MatterError):
        if isinstance(exc, NotPermitted):
            return error_response(api, request, 403, "not_permitted", str(exc))
        if isinstance(exc, IllegalTransition):
            return error_response(api, request, 409, "illegal_transition", str(exc))
        return error_response(api, request, 422, "invalid", str(exc))

    api.add_exception_handler(ApiError, on_api_error)
    api.add_exception_handler(ValidationError, on_validation)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(AuthenticationError, on_http_error)
    api.add_exception_handler(Throttled, on_http_error)
    api.add_exception_handler(Http404, on_404)
    api.add_exception_handler(MatterError, on_matter_error)
