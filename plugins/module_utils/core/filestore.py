# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Small private files shared by every task and fork of a run: the token cache, the rejected-login memory,
the request budget and the per-record locks.

Files are 0600 in a 0700 directory owned by the current user, written atomically (temp file + rename), never
opened through a symbolic link, and guarded by ``flock`` so that concurrent processes see one consistent state.
A file that is not what this code wrote (truncated, planted, another shape) is treated as absent and replaced.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import re
import stat
import tempfile
import time

from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError

KEY_FILE = "store-key"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def fingerprint(*parts):
    """A stable, non-reversible short key for a tuple of non-secret strings."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


class FileStore:
    """A private directory of JSON files; a ``None`` directory keeps everything in this process's memory.

    ``label`` names the setting that chose the directory, for messages (for example an option and its variable).
    ``warnings`` collects what a person should hear once (a damaged file replaced, a directory made private).
    """

    def __init__(self, directory, label="the cache directory"):
        self.directory = None
        self.label = label
        self.warnings = []
        self._memory = {}
        self._key = None
        if directory:
            self.directory = os.path.abspath(os.path.expanduser(directory))
            self._prepare()

    # ------------------------------------------------------------------ the directory
    def _prepare(self):
        path = self.directory
        try:
            # exist_ok: forks starting together race to create it.
            os.makedirs(path, mode=0o700, exist_ok=True)
        except OSError as exc:
            raise ConfigurationError("%s %s cannot be used as a directory: %s" % (self.label, path, exc.strerror))
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            raise ConfigurationError("%s %s is a symbolic link; give the real directory, so that nobody can redirect "
                                     "the token files elsewhere" % (self.label, path))
        if not stat.S_ISDIR(info.st_mode):
            raise ConfigurationError("%s %s is not a directory" % (self.label, path))
        if info.st_uid != os.geteuid():
            raise ConfigurationError("%s %s belongs to another user (uid %d); use a directory of your own, since its "
                                     "owner could read or plant token files" % (self.label, path, info.st_uid))
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, 0o700)
            self.warnings.append("%s %s was accessible to other users (mode %o); it is now 0700, and token files it "
                                 "held before were not trusted" % (self.label, path, stat.S_IMODE(info.st_mode)))
            for name in os.listdir(path):
                if name.endswith(".json"):
                    self._unlink(os.path.join(path, name))

    def path(self, name):
        return os.path.join(self.directory, name) if self.directory else None

    # ------------------------------------------------------------------ locking
    @contextlib.contextmanager
    def locked(self, name):
        """Exclusive lock shared by all processes using the same directory."""
        if not self.directory:
            yield
            return
        fd = os.open(self.path(name + ".lock"), os.O_RDWR | os.O_CREAT | _NOFOLLOW, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    # ------------------------------------------------------------------ files
    def read(self, name):
        """The JSON object stored under ``name``, or None (absent, unreadable or not an object: then replaced)."""
        if not self.directory:
            return self._memory.get(name)
        path = self.path(name + ".json")
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
        except OSError:
            return None
        try:
            with os.fdopen(fd) as handle:
                data = json.load(handle)
        except (IOError, OSError, ValueError):
            data = None
        if isinstance(data, dict):
            return data
        self._damaged(path)
        return None

    def _damaged(self, path):
        self._unlink(path)
        message = "%s: ignored and removed the damaged file %s; it is written anew when needed" % (self.label, path)
        if message not in self.warnings:
            self.warnings.append(message)

    def write(self, name, data):
        if not self.directory:
            self._memory[name] = data
            return
        fd, tmp = tempfile.mkstemp(prefix="." + name, dir=self.directory)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w") as handle:
                json.dump(data, handle)
            # rename replaces a planted link itself; it never writes through it.
            os.rename(tmp, self.path(name + ".json"))
        except BaseException:
            self._unlink(tmp)
            raise

    def delete(self, name):
        if not self.directory:
            self._memory.pop(name, None)
            return
        self._unlink(self.path(name + ".json"))

    def remember(self, name, data, clock=time.time):
        """Write ``data`` under ``name`` with the time it was learnt, for ``recall``."""
        self.write(name, dict(data, at=clock()))

    def recall(self, name, ttl, clock=time.time):
        """What was remembered under ``name`` less than ``ttl`` seconds ago, or None (an older memory is removed)."""
        memory = self.read(name)
        if not memory:
            return None
        try:
            if 0 <= clock() - float(memory.get("at", 0)) < ttl:
                return memory
        except (TypeError, ValueError):
            pass
        self.delete(name)
        return None

    @staticmethod
    def _unlink(path):
        try:
            os.unlink(path)
        except OSError:
            pass

    # ------------------------------------------------------------------ keyed digests of secrets
    def keyed(self, *secrets):
        """HMAC-SHA256 of secrets under a random key kept in this store (0600): a name for them that reveals
        nothing and cannot be checked against guesses without the key file."""
        material = "\0".join(s or "" for s in secrets).encode("utf-8")
        return hmac.new(self._secret_key(), material, hashlib.sha256).hexdigest()

    def _secret_key(self):
        if self._key is None:
            with self.locked(KEY_FILE):
                entry = self.read(KEY_FILE)
                key = entry.get("key") if entry else None
                if not (isinstance(key, str) and re.match(r"^[0-9a-f]{64}$", key)):
                    key = os.urandom(32).hex()
                    self.write(KEY_FILE, {"key": key})
            self._key = bytes.fromhex(key)
        return self._key
