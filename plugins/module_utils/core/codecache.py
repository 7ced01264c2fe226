# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Compiled code of the collection's module_utils, kept between module runs.

Ansible ships a module and its module_utils to the managed host as a zip file, and Python cannot cache the
bytecode of what it imports from a zip: every task compiled this package's sources again, about as long as
compiling ``ansible.module_utils.basic`` itself. When this module is imported from such a zip (and only then),
importing it adds an import hook for the collection's module_utils that keeps their compiled code in a private
directory, keyed by a digest of the source and the Python build, so a changed source or another Python never
reuses stale code. ``core/boundary.py``, which every module imports, imports this module before anything else
of the collection, so only ``boundary`` itself is compiled as before. (The hook is not installed from the
packages' ``__init__.py``: ansible-core 2.16's sanity tests require those to be empty.)

The directory is ``$RELOPS_ITSM_CODE_CACHE``, or ``relops.itsm/code`` under ``$XDG_CACHE_HOME`` (default
``~/.cache``); ``RELOPS_ITSM_CODE_CACHE=false`` turns the cache off. It is used only when it is a real directory
(not a link) owned by the current user and writable by nobody else; files are opened without following links,
must belong to the user, and are written atomically (0600). Anything else (an unsafe directory, a damaged or
foreign file, a read-only disk) falls back to compiling the source as Python would, silently: the cache can make
a task faster, never different. Nothing but compiled code of the collection's own source is stored.
``PYTHONDONTWRITEBYTECODE`` does not turn it off (it governs ``__pycache__`` beside source files, and is often set
in shells and images for that reason alone); ``RELOPS_ITSM_CODE_CACHE=false`` does.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import marshal
import os
import stat
import sys
import zipimport
from importlib.machinery import ModuleSpec

PACKAGE = "ansible_collections.relops.itsm.plugins.module_utils"
ENV = "RELOPS_ITSM_CODE_CACHE"
HEADER = b"relops.itsm code 1\n"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_OFF = ("", "0", "false", "no", "off")


def cache_directory(environ=None):
    """The directory this user's cache lives in, or None when it is turned off."""
    environ = os.environ if environ is None else environ
    chosen = environ.get(ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in _OFF else os.path.abspath(os.path.expanduser(chosen))
    base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "relops.itsm", "code")


def _private_directory(path):
    """True when ``path`` is (or could be made) a directory of this user's that nobody else can write."""
    parent = os.path.dirname(path)
    try:
        if not os.path.isdir(parent):
            os.makedirs(os.path.dirname(parent), exist_ok=True)
            os.mkdir(parent, 0o700)  # relops.itsm itself: private, as the token cache wants it
        if not os.path.lexists(path):
            os.mkdir(path, 0o700)
        info = os.lstat(path)
    except OSError:
        return False
    return (stat.S_ISDIR(info.st_mode) and info.st_uid == os.geteuid()
            and not stat.S_IMODE(info.st_mode) & 0o022)


class CodeCache:
    """Compiled code objects by source digest, in one private directory."""

    def __init__(self, directory):
        self.directory = directory

    def key(self, name, source):
        digest = hashlib.sha256()
        for part in (sys.implementation.cache_tag or "", sys.version, name):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        digest.update(source)
        return digest.hexdigest()

    def code(self, name, source, filename):
        """The compiled ``source`` (bytes) of module ``name``: from the cache when a valid entry exists."""
        key = self.key(name, source)
        path = os.path.join(self.directory, key[:40] + ".code")
        code = self._load(path, key)
        if code is None:
            code = compile(source, filename, "exec", dont_inherit=True)
            self._store(path, key, code)
        return code

    @staticmethod
    def _load(path, key):
        try:
            fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
        except OSError:
            return None
        try:
            info = os.fstat(fd)
            if info.st_uid != os.geteuid() or stat.S_IMODE(info.st_mode) & 0o022:
                return None
            with os.fdopen(fd, "rb") as handle:
                fd = None
                data = handle.read()
        except OSError:
            return None
        finally:
            if fd is not None:
                os.close(fd)
        head = HEADER + key.encode("ascii") + b"\n"
        if not data.startswith(head):
            return None
        try:
            return marshal.loads(data[len(head):])
        except (EOFError, ValueError, TypeError):
            return None

    @staticmethod
    def _store(path, key, code):
        temp = "%s.%d.tmp" % (path, os.getpid())
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(HEADER + key.encode("ascii") + b"\n" + marshal.dumps(code))
            os.rename(temp, path)
        except OSError:
            try:
                os.unlink(temp)
            except OSError:
                pass


class _Loader:
    """Runs one module of the package from the zip, its code from the cache."""

    def __init__(self, cache, source, relative):
        self.cache = cache
        self.source = source
        self.relative = relative

    def create_module(self, spec):  # pylint: disable=unused-argument
        return None  # the default module object

    def exec_module(self, module):
        exec(self.get_code(module.__name__), module.__dict__)  # pylint: disable=exec-used

    def get_code(self, name):
        # Compiled as the path inside the payload, not the payload's temporary directory: the same for every run.
        return self.cache.code(name, self.source, self.relative)

    def get_source(self, name):  # pylint: disable=unused-argument
        return self.source.decode("utf-8", "replace")  # for tracebacks (linecache asks the loader)


class _Finder:
    """A meta path finder for the package's submodules inside a zip.

    It reads the source itself rather than asking ``zipimport``: ``zipimporter.find_spec`` compiles the module to
    learn its file name, and loading it compiles it again, so going through it would cost more than it saves.
    """

    def __init__(self, cache):
        self.cache = cache

    def find_spec(self, fullname, path=None, target=None):  # pylint: disable=unused-argument
        if not fullname.startswith(PACKAGE + ".") or not path:
            return None
        leaf = fullname.rpartition(".")[2]
        relative = fullname.replace(".", "/")
        for entry in path:
            importer = self._importer(entry)
            if importer is None:
                continue
            base = importer.archive + os.sep + importer.prefix + leaf
            # Python's own order in a zip: a package before a module of the same name.
            for inner, suffix, package in ((base + os.sep + "__init__.py", "/__init__.py", True),
                                           (base + ".py", ".py", False)):
                try:
                    source = importer.get_data(inner)
                except OSError:
                    continue
                spec = ModuleSpec(fullname, _Loader(self.cache, source, relative + suffix), origin=inner,
                                  is_package=package)
                if package:
                    spec.submodule_search_locations = [base]
                spec.has_location = True
                return spec
        return None

    @staticmethod
    def _importer(entry):
        importer = sys.path_importer_cache.get(entry)
        if isinstance(importer, zipimport.zipimporter):
            return importer
        if importer is not None:
            return None  # a real directory: Python's own loader (and __pycache__) handle it
        try:
            return zipimport.zipimporter(entry)
        except (zipimport.ZipImportError, OSError):
            return None


def install(package_spec, environ=None):
    """Add the hook when the package (``package_spec``, its ``__spec__``) is imported from a zip; True if added."""
    if package_spec is None or not isinstance(package_spec.loader, zipimport.zipimporter):
        return False
    if not hasattr(os, "geteuid"):
        return False
    if any(isinstance(finder, _Finder) for finder in sys.meta_path):
        return False
    directory = cache_directory(environ)
    if not directory or not _private_directory(directory):
        return False
    sys.meta_path.insert(0, _Finder(CodeCache(directory)))
    return True


install(__spec__)
