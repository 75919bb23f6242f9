"""The NinjaAPI at /api/v1/: token (or session with CSRF) authentication, rate limit, routers.

Authentication is per request: `Authorization: Bearer <token>` (an ApiToken, CSRF-exempt since
nothing is sent by the browser on its own), or the web session, for which ninja checks CSRF on
every unsafe method. A request with an Authorization header that is not a usable token is
refused outright rather than falling back to the session.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.openapi.docs import Swagger
from ninja.security import HttpBearer, SessionAuth
from ninja.throttling import AuthRateThrottle

from xiaoneng import conf
from xiaoneng.api import complaints, errors, matters
from xiaoneng.api.parser import StrictParser
from xiaoneng.api.tokens import authenticate_token
from xiaoneng.dispatch import api as dispatch_api
from xiaoneng.windows import api as windows_api


class TokenAuth(HttpBearer):
    def __call__(self, request: HttpRequest):
        header = request.headers.get(self.header)
        if header is None:
            return None  # no token: the session may authenticate instead
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer":
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str):
        user = authenticate_token(token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        return user


class ActiveSessionAuth(SessionAuth):
    def authenticate(self, request: HttpRequest, key):
        from xiaoneng.web.second_factor import passed

        user = super().authenticate(request, key)
        # A browser session that has not passed its second factor does not reach the API either.
        return user if user is not None and user.is_active and passed(request) else None


class XiaonengAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        # Plain names for generated clients: "list_matters", not "xiaoneng_api_matters_list_matters".
        return operation.view_func.__name__


# Requests per account; a busy integration can be given more through the environment.
RATE = conf.env_str("XIAONENG_API_RATE", "600/m")

api = XiaonengAPI(
    title="Xiaoneng API",
    version="1",
    description="Matters and complaints of the county efficiency center. See docs/api.md.",
    urls_namespace="api",
    auth=[TokenAuth(), ActiveSessionAuth()],
    throttle=[AuthRateThrottle(RATE)],
    # Served from ninja's own static files (ninja is an installed app): no CDN, no online validator.
    docs=Swagger(settings={"validatorUrl": None}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    parser=StrictParser(),
)
errors.install(api)
api.add_router("", matters.router)
api.add_router("", complaints.router)
api.add_router("", windows_api.router)  # /windows/…: queue machines (xiaoneng/windows/api.py)
api.add_router("", dispatch_api.router)


def _complaint_error(request, exc):
    return errors.error_response(api, request, 422, getattr(exc, "code", "invalid") or "invalid", str(exc))


def _register_complaint_errors() -> None:
    from xiaoneng.complaints.actions import ComplaintError

    api.add_exception_handler(ComplaintError, _complaint_error)


_register_complaint_errors()
