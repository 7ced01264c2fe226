# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The compiled-code cache of module_utils imported from a zip, as AnsiballZ ships them: used when safe, never
stale, never trusted when damaged or planted, and absent when the collection is imported from files."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import stat
import subprocess
import sys
import textwrap
import zipfile

import pytest

from ansible_collections.relops.itsm.plugins.module_utils.core import codecache

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__)))))))
INNER = "ansible_collections/relops/itsm/plugins/module_utils/"

# Run in a child Python with the zip first on sys.path: import a module as a module would, and report how many
# of the package's sources were compiled (by the cache or by zipimport) and what the imported code says.
CHILD = textwrap.dedent("""
    import builtins, json, sys, zipimport
    sys.path.insert(0, sys.argv[1])
    compiled = []
    real_compile, real_zip = builtins.compile, zipimport._compile_source
    def counting(source, filename, *args, **kwargs):
        compiled.append(str(filename))
        return real_compile(source, filename, *args, **kwargs)
    def counting_zip(pathname, source):
        compiled.append(pathname)
        return real_zip(pathname, source)
    builtins.compile, zipimport._compile_source = counting, counting_zip
    # What every module imports first: boundary, which imports codecache before the rest of the collection.
    from ansible_collections.relops.itsm.plugins.module_utils.core import boundary
    from ansible_collections.relops.itsm.plugins.module_utils.core import errors
    from ansible_collections.relops.itsm.plugins.module_utils.plutora import search
    from ansible_collections.relops.itsm.plugins.module_utils.core import codecache
    before = ("__init__.py", "codecache.py", "boundary.py")  # imported before the hook exists
    ours = [c for c in compiled if "relops/itsm/plugins/module_utils/" in c and not c.endswith(before)]
    print(json.dumps({"compiled": sorted(set(ours)), "marker": getattr(errors, "MARKER", None),
                      "file": errors.__file__, "hooked": any(isinstance(f, codecache._Finder) for f in sys.meta_path),
                      "kind": errors.ApiError.__name__, "quoted": search.__name__}))
""")


def _payload(path, replace=None):
    """A zip laid out like an AnsiballZ payload: empty package inits down to module_utils, then the sources."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for package in ("ansible_collections", "ansible_collections/relops", "ansible_collections/relops/itsm",
                        "ansible_collections/relops/itsm/plugins", INNER.rstrip("/")):
            archive.writestr(package + "/__init__.py", "")
        base = os.path.join(ROOT, "plugins", "module_utils")
        for folder, dummy, files in os.walk(base):
            for name in files:
                if name.endswith(".py"):
                    full = os.path.join(folder, name)
                    inner = INNER + os.path.relpath(full, base).replace(os.sep, "/")
                    with open(full, "rb") as handle:
                        data = handle.read()
                    archive.writestr(inner, (replace or {}).get(inner, data))
    return path


def _run(zip_path, env):
    child_env = dict(os.environ)
    child_env.pop(codecache.ENV, None)
    child_env.update(env)
    out = subprocess.check_output([sys.executable, "-c", CHILD, zip_path], env=child_env, cwd=os.path.dirname(zip_path))
    return json.loads(out.decode("utf-8").strip().splitlines()[-1])


def _entries(directory):
    return sorted(n for n in os.listdir(directory) if n.endswith(".code")) if os.path.isdir(directory) else []


@pytest.fixture
def payload(tmp_path):
    return _payload(str(tmp_path / "payload.zip"))


def test_second_run_compiles_nothing_of_the_package(tmp_path, payload):
    cache = str(tmp_path / "home" / "relops.itsm" / "code")
    first = _run(payload, {codecache.ENV: cache})
    assert first["hooked"] and first["kind"] == "ApiError"
    assert any(c.endswith("core/errors.py") for c in first["compiled"])
    assert first["file"] == payload + "/" + INNER + "core/errors.py"
    entries = _entries(cache)
    assert len(entries) >= 3  # errors, plutora/__init__, search and what they import
    assert stat.S_IMODE(os.stat(cache).st_mode) == 0o700
    assert all(stat.S_IMODE(os.stat(os.path.join(cache, e)).st_mode) == 0o600 for e in entries)
    second = _run(payload, {codecache.ENV: cache})
    assert second["compiled"] == [] and second["hooked"] and second["kind"] == "ApiError"
    assert _entries(cache) == entries


def test_default_directory_is_private_under_the_cache_home(tmp_path, payload):
    home = tmp_path / "xdg"
    _run(payload, {"XDG_CACHE_HOME": str(home)})
    assert _entries(str(home / "relops.itsm" / "code"))
    # relops.itsm is the token cache's default directory too: created private, as it requires
    assert stat.S_IMODE(os.stat(str(home / "relops.itsm")).st_mode) == 0o700


def test_a_changed_source_is_compiled_anew(tmp_path, payload):
    cache = str(tmp_path / "code")
    assert _run(payload, {codecache.ENV: cache})["marker"] is None
    with open(os.path.join(ROOT, "plugins", "module_utils", "core", "errors.py"), "rb") as handle:
        changed = handle.read() + b"\nMARKER = 'new'\n"
    other = _payload(str(tmp_path / "other.zip"), {INNER + "core/errors.py": changed})
    result = _run(other, {codecache.ENV: cache})
    assert result["marker"] == "new"
    assert result["compiled"] == ["ansible_collections/relops/itsm/plugins/module_utils/core/errors.py"]


@pytest.mark.parametrize("damage", ["truncate", "garbage", "header", "link", "group-writable"])
def test_damaged_or_planted_entries_are_not_trusted(tmp_path, payload, damage):
    cache = str(tmp_path / "code")
    _run(payload, {codecache.ENV: cache})
    for name in _entries(cache):
        path = os.path.join(cache, name)
        with open(path, "rb") as handle:
            data = handle.read()
        if damage == "truncate":
            data = data[:len(data) // 2]
        elif damage == "garbage":
            data = data[:data.index(b"\n", len(codecache.HEADER)) + 1] + b"\x00not marshal"
        elif damage == "header":
            data = b"x" + data
        if damage == "link":
            planted = os.path.join(str(tmp_path), name)
            with open(planted, "wb") as handle:
                handle.write(data)
            os.unlink(path)
            os.symlink(planted, path)
        elif damage == "group-writable":
            os.chmod(path, 0o620)
        else:
            with open(path, "wb") as handle:
                handle.write(data)
    result = _run(payload, {codecache.ENV: cache})
    assert result["kind"] == "ApiError" and result["hooked"]
    assert any(c.endswith("core/errors.py") for c in result["compiled"])  # compiled again, not loaded
    if damage in ("truncate", "garbage", "header"):  # replaced: the next run loads again
        assert _run(payload, {codecache.ENV: cache})["compiled"] == []


@pytest.mark.parametrize("unsafe", ["world-writable", "link", "file"])
def test_an_unsafe_directory_is_not_used(tmp_path, payload, unsafe):
    cache = str(tmp_path / "code")
    if unsafe == "world-writable":
        os.mkdir(cache)
        os.chmod(cache, 0o777)
    elif unsafe == "link":
        os.mkdir(str(tmp_path / "elsewhere"), 0o700)
        os.symlink(str(tmp_path / "elsewhere"), cache)
    else:
        with open(cache, "w") as handle:
            handle.write("not a directory")
    for dummy in range(2):
        result = _run(payload, {codecache.ENV: cache})
        assert not result["hooked"] and result["kind"] == "ApiError"
        assert any(c.endswith("core/errors.py") for c in result["compiled"])
    assert _entries(str(tmp_path / "elsewhere")) == []
    if unsafe == "world-writable":
        assert _entries(cache) == [] and stat.S_IMODE(os.stat(cache).st_mode) == 0o777


def test_a_directory_of_another_user_is_not_used(tmp_path, monkeypatch):
    cache = str(tmp_path / "code")
    os.mkdir(cache, 0o700)
    assert codecache._private_directory(cache)
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(cache).st_uid + 1)
    assert not codecache._private_directory(cache)


def test_an_entry_of_another_user_is_not_loaded(tmp_path, monkeypatch):
    store = codecache.CodeCache(str(tmp_path))
    source = b"VALUE = 42\n"
    namespace = {}
    exec(store.code("pkg.mod", source, "pkg/mod.py"), namespace)  # pylint: disable=exec-used
    assert namespace["VALUE"] == 42 and len(_entries(str(tmp_path))) == 1
    path = os.path.join(str(tmp_path), _entries(str(tmp_path))[0])
    key = store.key("pkg.mod", source)
    assert store._load(path, key) is not None
    monkeypatch.setattr(os, "geteuid", lambda: os.stat(path).st_uid + 1)
    assert store._load(path, key) is None
    monkeypatch.undo()
    assert store._load(path, store.key("pkg.other", source)) is None  # another module's key: not this entry


@pytest.mark.parametrize("value", ["false", "0", "off", ""])
def test_turned_off(tmp_path, payload, value):
    result = _run(payload, {codecache.ENV: value, "XDG_CACHE_HOME": str(tmp_path / "xdg")})
    assert not result["hooked"] and result["kind"] == "ApiError"
    assert not os.path.exists(str(tmp_path / "xdg" / "relops.itsm"))


def test_not_installed_when_imported_from_files():
    assert not any(isinstance(f, codecache._Finder) for f in sys.meta_path)
    from ansible_collections.relops.itsm.plugins.module_utils import core
    assert codecache.install(core.__spec__) is False


def test_cache_directory_choices(tmp_path):
    assert codecache.cache_directory({codecache.ENV: "false"}) is None
    assert codecache.cache_directory({codecache.ENV: str(tmp_path)}) == str(tmp_path)
    assert codecache.cache_directory({"XDG_CACHE_HOME": "/x"}) == "/x/relops.itsm/code"
    assert codecache.cache_directory({}) == os.path.join(os.path.expanduser("~"), ".cache", "relops.itsm", "code")
