# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One exception taxonomy for everything that can go wrong talking to a vendor API.

Every class carries a message that tells a person what to do next. Messages are
built from status codes, vendor error texts and URLs only: never from request
bodies or headers, so no secret can reach them.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ApiError(Exception):
    """Base class. ``status`` is the HTTP status when there was one."""

    kind = "error"

    def __init__(self, message, status=None, details=None):
        super(ApiError, self).__init__(message)
        self.message = message
        self.status = status
        self.details = details or {}

    def to_result(self):
        """Extra keys for fail_json (never secrets)."""
        result = {"error_kind": self.kind}
        if self.status is not None:
            result["status"] = self.status
        if self.details:
            result["error_details"] = self.details
        return result


class ConfigurationError(ApiError):
    """The task's own options are incomplete or contradictory; nothing was sent."""

    kind = "configuration"


class TransportError(ApiError):
    """No HTTP answer: DNS, refused or dropped connection, timeout, TLS.

    ``maybe_sent`` is true when the request may have reached the server (a read timeout, a connection dropped
    after sending), so a write may have taken effect.
    """

    kind = "transport"

    def __init__(self, message, status=None, details=None, maybe_sent=False):
        super(TransportError, self).__init__(message, status, details)
        self.maybe_sent = maybe_sent


class AuthenticationError(ApiError):
    """The token endpoint or the API refused our identity."""

    kind = "authentication"


class BadClientCredentials(AuthenticationError):
    """The client id or client secret is wrong."""

    kind = "bad_client_credentials"


class LoginFailed(AuthenticationError):
    """The username or password is wrong."""

    kind = "login_failed"

    def __init__(self, message, status=None, details=None, attempts_left=None):
        super(LoginFailed, self).__init__(message, status, details)
        self.attempts_left = attempts_left


class AccountLocked(AuthenticationError):
    """The vendor locked the account after repeated failed logins."""

    kind = "account_locked"


class NotWhitelisted(ApiError):
    """The request came from an address outside the tenant's IP whitelist."""

    kind = "ip_not_whitelisted"


class PermissionDenied(ApiError):
    """403 for a reason other than the IP whitelist: the user lacks a permission."""

    kind = "permission_denied"


class MediaTypeError(ApiError):
    """The API refused the request's content type."""

    kind = "media_type"


class ValidationError(ApiError):
    """400: the API (or our own pre-flight check) refused the data."""

    kind = "validation"


class NotFoundError(ApiError):
    """404: no record at that id or path."""

    kind = "not_found"


class ThrottledError(ApiError):
    """429 after every retry, or the client-side hourly budget is spent."""

    kind = "throttled"


class ServerError(ApiError):
    """5xx after every retry, or another status we cannot interpret."""

    kind = "server_error"
