# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""One login per run: a token cache shared by every task and fork, with the grant itself handed in.

* The token is kept in a 0600 file named after the endpoint, the non-secret identity and a keyed digest of every
  secret (``FileStore.keyed``), behind a lock so that forks starting at once wait for a single login. Changed
  credentials therefore never get a cached token. It is renewed shortly before it expires.
* A login the vendor refused is remembered under the same name, so later tasks fail at once instead of spending
  the attempts an account has before the vendor locks it.
* A login that may have reached the server but got no answer is never re-sent by the transport; such attempts are
  counted across tasks and forks, and once ``MAX_UNCERTAIN`` of them pile up within the memory window no further
  login is tried with those credentials.
* A login that got an answer which judges nothing (the grant raises ``NoVerdict``: a 5xx, a 200 without a token,
  an unreadable body - the vendors' "you may need to click Send a second time") is sent once more at once. It is
  not a failed login: an answer came, so the request is not uncertain, and it said nothing of the credentials.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import AuthenticationError, TransportError
from ansible_collections.relops.itsm.plugins.module_utils.core.filestore import fingerprint

# How long a rejected login is remembered when nothing about the credentials changes.
REJECTION_MEMORY_SECONDS = 3600
# Logins without an answer tolerated per credentials within that window before no more are tried.
MAX_UNCERTAIN = 2


class Token:
    """A bearer token and when it expires."""

    def __init__(self, access_token, lifetime):
        self.access_token = access_token
        self.lifetime = float(lifetime)


class LoginRejected(Exception):
    """Raised by a grant when the vendor refused the credentials.

    ``error`` is the ApiError to raise now; ``verdict`` is what to remember (the vendor's own verdict, never what
    was sent), handed back to the grant's ``replay`` when a later task would try the same credentials.
    """

    def __init__(self, error, verdict):
        super(LoginRejected, self).__init__(error.message)
        self.error = error
        self.verdict = verdict


class NoVerdict(Exception):
    """Raised by a grant whose request was answered without a verdict on the credentials: worth one more request.

    ``error`` is the ApiError to raise if the one more request is answered the same way.
    """

    def __init__(self, error):
        super(NoVerdict, self).__init__(error.message)
        self.error = error


# The first token request plus the one more that an answer without a verdict earns.
GRANT_ATTEMPTS = 2


class TokenCache:
    """Hands out a valid access token, logging in at most once for all processes of a run.

    ``grant()`` logs in and returns a ``Token``, or raises ``LoginRejected`` (remembered) or another ApiError (not
    remembered). ``replay(verdict, at)`` builds the error for a remembered refusal. ``identity`` is the non-secret
    part of the credentials (endpoint, client id, user name); ``secrets`` the rest.
    """

    def __init__(self, store, identity, secrets, grant, replay, clock=time.time):
        self.store = store
        self._grant = grant
        self._replay = replay
        self._clock = clock
        name = fingerprint(*identity) + store.keyed(*secrets)[:32]
        self._key = "token-" + name
        self._rejected_key = "rejected-" + name
        self._uncertain_key = "uncertain-" + name
        self._token = None
        self.unjudged = 0  # token requests answered without a verdict in this process (for tests and the log)

    def _fresh(self, entry):
        if not isinstance(entry, dict) or not isinstance(entry.get("access_token"), str):
            return False
        try:
            lifetime, expires_at = float(entry.get("lifetime", 600)), float(entry.get("expires_at", 0))
        except (TypeError, ValueError):
            return False
        # Renew a little before expiry: 10% of the lifetime, at most one minute.
        return expires_at - min(60.0, 0.1 * lifetime) > self._clock()

    def token(self):
        """Return an access token, from memory, from the shared cache, or from one login."""
        if self._fresh(self._token):
            return self._token["access_token"]
        with self.store.locked(self._key):
            entry = self.store.read(self._key)
            if not self._fresh(entry):
                self._check_memory()
                entry = self._login()
                self.store.write(self._key, entry)
            self._token = entry
        return entry["access_token"]

    def invalidate(self, token):
        """Forget ``token`` (the API refused it) so the next call logs in again."""
        self._token = None
        with self.store.locked(self._key):
            entry = self.store.read(self._key)
            if entry and entry.get("access_token") == token:
                self.store.delete(self._key)

    def _recent(self, key):
        return self.store.recall(key, REJECTION_MEMORY_SECONDS, self._clock)

    def _check_memory(self):
        rejected = self._recent(self._rejected_key)
        if rejected:
            raise self._replay(rejected.get("verdict") or {}, rejected.get("at"))
        uncertain = self._recent(self._uncertain_key)
        if uncertain and int(uncertain.get("count", 0)) >= MAX_UNCERTAIN:
            raise AuthenticationError(
                "%d login attempts with these credentials got no answer since %s; they may have reached the server, "
                "where a wrong password counts towards locking the account, so no further login is tried. Fix the "
                "path to the token endpoint, then remove the token cache (or wait an hour) to try again."
                % (int(uncertain["count"]), when_text(uncertain.get("first", uncertain["at"]))))

    def _login(self):
        """One login: the grant, and once more only if its answer judged nothing (``NoVerdict``)."""
        try:
            return self._login_once()
        except NoVerdict:
            self.unjudged += 1
        try:
            return self._login_once()
        except NoVerdict as unjudged:
            self.unjudged += 1
            error = unjudged.error
            error.message += (" The token request was sent %d times: an answer that does not judge the credentials "
                              "earns one more request, which is not counted as a failed login, and neither answer "
                              "judged them." % GRANT_ATTEMPTS)
            error.args = (error.message,)
            raise error

    def _login_once(self):
        try:
            token = self._grant()
        except LoginRejected as refused:
            self.store.remember(self._rejected_key, {"verdict": refused.verdict}, self._clock)
            raise refused.error
        except TransportError as exc:
            if exc.maybe_sent:
                count = self._note_uncertain()
                exc.message += (" The login was not re-sent, because a wrong password counts towards locking the "
                                "account; %d of %d such unanswered logins are allowed within an hour."
                                % (count, MAX_UNCERTAIN))
                exc.args = (exc.message,)
            raise
        self.store.delete(self._uncertain_key)
        return {"access_token": token.access_token, "expires_at": self._clock() + token.lifetime,
                "lifetime": token.lifetime}

    def _note_uncertain(self):
        with self.store.locked(self._uncertain_key):
            memory = self._recent(self._uncertain_key) or {"count": 0, "first": self._clock()}
            count = int(memory.get("count", 0)) + 1
            self.store.remember(self._uncertain_key, {"count": count, "first": memory.get("first")}, self._clock)
        return count


def when_text(at):
    """A remembered time for messages."""
    try:
        return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(float(at)))
    except (TypeError, ValueError):
        return "earlier"
