# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Small private files shared by every task and fork of a run: the token cache,
the rejected-login memory and the request budget.

Files are 0600 in a 0700 directory, written atomically (temp file + rename) and
guarded by ``flock`` so that concurrent processes see one consistent state.
"""

from __future__ import absolute_import, division, print_function
from __future__ import annotations

__metaclass__ = type

import contextlib
import fcntl
import hashlib
import json
import os
import tempfile


def fingerprint(*parts):
    """A stable, non-reversible short key for a tuple of strings."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update((part or "").encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def secret_fingerprint(salt, *secrets):
    """A slow salted hash of secrets, so the file never holds them nor a cheap hash of them."""
    material = "\0".join(s or "" for s in secrets).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha256", material, salt.encode("utf-8"), 20000).hex()


class FileStore:
    """A private directory of JSON files; ``None`` directory means in-memory only."""

    def __init__(self, directory):
        self.directory = directory
        self._memory = {}
        if directory:
            directory = os.path.expanduser(directory)
            self.directory = directory
            # exist_ok: forks starting together race to create it.
            os.makedirs(directory, mode=0o700, exist_ok=True)

    def path(self, name):
        return os.path.join(self.directory, name) if self.directory else None

    @contextlib.contextmanager
    def locked(self, name):
        """Exclusive lock shared by all processes using the same directory."""
        if not self.directory:
            yield
            return
        fd = os.open(self.path(name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def read(self, name):
        if not self.directory:
            return self._memory.get(name)
        try:
            with open(self.path(name + ".json")) as handle:
                return json.load(handle)
        except (IOError, OSError, ValueError):
            return None

    def write(self, name, data):
        if not self.directory:
            self._memory[name] = data
            return
        fd, tmp = tempfile.mkstemp(prefix="." + name, dir=self.directory)
        try:
            os.fchmod(fd, 0o600)
            with os.fdopen(fd, "w") as handle:
                json.dump(data, handle)
            os.rename(tmp, self.path(name + ".json"))
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def delete(self, name):
        if not self.directory:
            self._memory.pop(name, None)
            return
        try:
            os.unlink(self.path(name + ".json"))
        except OSError:
            pass
