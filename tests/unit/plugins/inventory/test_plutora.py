# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The relops.itsm.plutora inventory, run by ansible-inventory against the simulator: its JSON against what the
simulator's data says it must be, filters, the inventory cache, request counts for thousands of hosts, one login
shared with the modules, and every bad configuration refused with a message."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import subprocess
import sys
import uuid
from urllib.parse import unquote_plus

import yaml

import ansible_collections.relops.itsm as collection
from ansible_collections.relops.itsm.plugins.doc_fragments.connection import ModuleDocFragment as Connection
from ansible_collections.relops.itsm.plugins.doc_fragments.plugin_connection import ModuleDocFragment as PluginConnection
from ansible_collections.relops.itsm.plugins.module_utils.plutora.connection import OPTIONS

ROOT = os.path.abspath(list(collection.__path__)[0])  # .../ansible_collections/relops/itsm
COLLECTIONS = os.path.dirname(os.path.dirname(os.path.dirname(ROOT)))
ANSIBLE_INVENTORY = os.path.join(os.path.dirname(sys.executable), "ansible-inventory")


def plain(value):
    """ansible-inventory's JSON without its ``{"__ansible_unsafe": ...}`` wrappers."""
    if isinstance(value, dict):
        if list(value) == ["__ansible_unsafe"]:
            return plain(value["__ansible_unsafe"])
        return dict((k, plain(v)) for k, v in value.items())
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def inventory(sim, tmp_path, config=None, name="plutora.yml", cache_dir=None, extra=()):
    """Run ``ansible-inventory --list`` on a configuration file; return (rc, inventory or None, stderr)."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(dict({"plugin": "relops.itsm.plutora"}, **(config or {}))))
    info = sim.info
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=COLLECTIONS, ANSIBLE_INVENTORY_ENABLED="relops.itsm.plutora",
               ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="True", ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"),
               PLUTORA_API_URL=info["api_url"], PLUTORA_AUTH_URL=info["auth_url"],
               PLUTORA_CLIENT_ID=info["client_id"], PLUTORA_CLIENT_SECRET=info["client_secret"],
               PLUTORA_USERNAME=info["username"], PLUTORA_PASSWORD=info["password"],
               PLUTORA_TOKEN_CACHE=str(cache_dir or tmp_path / "token-cache"))
    proc = subprocess.run([ANSIBLE_INVENTORY, "-i", str(path), "--list"] + list(extra), env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    data = plain(json.loads(proc.stdout)) if proc.returncode == 0 else None
    return proc.returncode, data, proc.stderr


def safe(prefix, name):
    return "%s_%s" % (prefix, re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_"))


def expected_inventory(data):
    """Hosts, their plutora_* variables and the groups, worked out from the simulator's raw data."""
    names = dict((i["id"], i["value"]) for items in data["lookups"].values() for i in items)
    systems = dict((s["id"], s) for s in data["systems"])
    orgs = dict((o["id"], o["name"]) for o in data["organizations"])
    hostvars, groups = {}, {}
    for env in data["environments"]:
        system = systems[env["linkedSystemId"]]
        status = names[env["environmentStatusId"]]
        for host in [h for h in data["hosts"] if h["environmentId"] == env["id"]]:
            layers = [{"id": x["id"], "component": x["componentName"], "version": x["version"],
                       "stack_layer": names[x["stackLayerId"]], "stack_layer_type": "StackLayer"}
                      for x in data["layers"] if x["hostId"] == host["id"]]
            hostvars[host["name"]] = {
                "plutora_host_id": host["id"], "plutora_environment": env["name"], "plutora_environment_id": env["id"],
                "plutora_environment_status": status, "plutora_environment_url": env["url"],
                "plutora_environment_usage": names[env["usageWorkItemId"]], "plutora_system": system["name"],
                "plutora_system_id": system["id"], "plutora_organization": orgs[system["organizationId"]],
                "plutora_layers": layers, "plutora_components": dict((x["component"], x["version"]) for x in layers),
                "plutora_environments": [env["name"]]}
            for group in (safe("environment", env["name"]), safe("system", system["name"]), safe("status", status)):
                groups.setdefault(group, []).append(host["name"])
    return hostvars, groups


def groups_of(result):
    return dict((k, v["hosts"]) for k, v in result.items() if k not in ("_meta", "all") and v.get("hosts"))


def api_requests(sim):
    return [r for r in sim.requests_log() if not r["path"].startswith("/_sim")]


def test_the_inventory_is_what_the_simulator_holds(sim, tmp_path):
    rc, result, err = inventory(sim, tmp_path)
    assert rc == 0, err
    hostvars, groups = expected_inventory(sim.control("GET", "data"))
    assert len(hostvars) == 23
    assert result["_meta"]["hostvars"] == hostvars
    assert groups_of(result) == groups
    assert groups["environment_payments_api_uat"] == ["pay-uat-app01.example.com", "pay-uat-app02.example.com",
                                                      "pay-uat-db01.example.com"]
    assert groups["status_under_build_config"] == ["dwh-dev-etl01.example.com"]
    assert hostvars["dwh-dev-etl01.example.com"]["plutora_layers"] == []


def test_constructed_features(sim, tmp_path):
    rc, result, err = inventory(sim, tmp_path, {
        "compose": {"app_version": "plutora_components['payments-api'] | default('none')"},
        "groups": {"databases": "plutora_layers | selectattr('stack_layer', 'equalto', 'Database') | list | length > 0"},
        "keyed_groups": [{"key": "plutora_environment_usage", "prefix": "usage"}],
        "systems": ["Payments API"]})
    assert rc == 0, err
    assert sorted(result["databases"]["hosts"]) == ["pay-%s-db01.example.com" % t for t in ("dev", "prod", "sit", "uat")]
    assert sorted(result["usage_UAT"]["hosts"]) == ["pay-uat-app01.example.com", "pay-uat-app02.example.com",
                                                    "pay-uat-db01.example.com"]
    assert result["_meta"]["hostvars"]["pay-prod-app01.example.com"]["app_version"] == "4.1.2"
    assert result["_meta"]["hostvars"]["pay-prod-db01.example.com"]["app_version"] == "none"


def test_filters_go_to_the_server(sim, tmp_path):
    sim.control("DELETE", "requests")
    rc, result, err = inventory(sim, tmp_path, {"systems": ["payments api"], "statuses": ["active"],
                                                "environments": ["Payments API - UAT", "payments api - prod"]})
    assert rc == 0, err
    assert sorted(result["_meta"]["hostvars"]) == sorted(
        ["pay-uat-app01.example.com", "pay-uat-app02.example.com", "pay-uat-db01.example.com",
         "pay-prod-app01.example.com", "pay-prod-app02.example.com", "pay-prod-db01.example.com"])
    lists = [unquote_plus(r["query"]) for r in api_requests(sim) if r["path"] == "/environments"]
    assert len(lists) == 1
    for term in ("`linkedSystem` Equals `Payments API`", "`status` Equals `Active`",
                 "`name` Equals `Payments API - UAT`", "`name` Equals `payments api - prod`"):
        assert term in lists[0]
    reads = [r for r in api_requests(sim) if r["path"].startswith("/environments/")]
    assert len(reads) == 2  # only the environments the server kept are read


def test_patterns_organizations_and_statuses(sim, tmp_path):
    rc, result, err = inventory(sim, tmp_path, {"environments": ["* - uat"]})
    assert rc == 0, err
    assert sorted(set(v["plutora_environment"] for v in result["_meta"]["hostvars"].values())) == [
        "Customer Portal - UAT", "Ledger Core - UAT", "Payments API - UAT"]
    rc, result, err = inventory(sim, tmp_path, {"organizations": ["Digital Banking"]})
    assert rc == 0, err
    assert set(v["plutora_organization"] for v in result["_meta"]["hostvars"].values()) == {"Digital Banking"}
    rc, result, err = inventory(sim, tmp_path, {"statuses": ["Under Build/Config"]})
    assert rc == 0, err
    assert list(result["_meta"]["hostvars"]) == ["dwh-dev-etl01.example.com"]


def test_the_documented_example(sim, tmp_path):
    """docs/examples/plutora.yml, with its cache in the test's directory."""
    example = os.path.join(ROOT, "docs", "examples", "plutora.yml")
    with open(example) as handle:
        config = yaml.safe_load(handle)
    config.pop("plugin")
    config["cache_connection"] = str(tmp_path / "example-cache")
    rc, result, err = inventory(sim, tmp_path, config)
    assert rc == 0, err
    hostvars = result["_meta"]["hostvars"]
    assert sorted(set(v["plutora_environment"] for v in hostvars.values())) == [
        "Ledger Core - PROD", "Ledger Core - UAT", "Payments API - PROD", "Payments API - UAT"]
    assert sorted(result["databases"]["hosts"]) == ["ledger-prod-db01.example.com", "ledger-uat-db01.example.com",
                                                    "pay-prod-db01.example.com", "pay-uat-db01.example.com"]
    assert hostvars["pay-uat-app01.example.com"]["deployed_version"] == "4.2.0"
    assert "deployed_version" not in hostvars["ledger-uat-app01.example.com"]
    assert sorted(result["usage_PROD"]["hosts"])[0] == "ledger-prod-app01.example.com"


def test_many_systems_and_a_host_in_two_environments(sim, tmp_path):
    """An organisation of 30 systems is more than one filter names: the systems are matched here instead, before
    any environment is read. A host name two environments list is one host in both groups."""
    data = sim.control("GET", "data")
    org = data["organizations"][3]  # Platform Engineering: Auth Service and Notification Service in the seed
    env0 = data["environments"][0]
    systems, envs, hosts = [], [], []
    for n in range(30):
        systems.append({"id": str(uuid.uuid4()), "name": "Platform %02d" % n, "vendor": "Acme", "status": "Active",
                        "organizationId": org["id"], "description": None, "systemAlias": None})
        envs.append(dict(env0, id=str(uuid.uuid4()), name="Platform %02d - Dev" % n, linkedSystemId=systems[-1]["id"]))
        hosts.append({"id": str(uuid.uuid4()), "name": "platform-%02d.example.com" % n, "environmentId": envs[-1]["id"]})
    hosts.append({"id": str(uuid.uuid4()), "name": "platform-00.example.com", "environmentId": envs[1]["id"]})
    sim.control("POST", "load", json={"systems": systems, "environments": envs, "hosts": hosts})
    sim.control("DELETE", "requests")
    rc, result, err = inventory(sim, tmp_path, {"organizations": ["Platform Engineering"]})
    assert rc == 0, err
    hostvars = result["_meta"]["hostvars"]
    assert sorted(hostvars) == ["auth-prod-app01.example.com", "auth-prod-app02.example.com"] + [
        "platform-%02d.example.com" % n for n in range(30)]
    assert hostvars["platform-00.example.com"]["plutora_environments"] == ["Platform 00 - Dev", "Platform 01 - Dev"]
    assert hostvars["platform-00.example.com"]["plutora_environment"] == "Platform 00 - Dev"
    assert result["environment_platform_01_dev"]["hosts"] == ["platform-01.example.com", "platform-00.example.com"]
    lists = [r for r in api_requests(sim) if r["path"] == "/environments"]
    assert len(lists) == 1 and "filter" not in lists[0]["query"]  # 32 names: more than one filter takes
    # Only the organisation's environments are read: 30 loaded, 4 each of Auth Service and Notification Service.
    assert len([r for r in api_requests(sim) if r["path"].startswith("/environments/")]) == 38


def test_a_cache_hit_makes_no_request(sim, tmp_path):
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(tmp_path / "inv"),
              "cache_timeout": 600}
    rc, first, err = inventory(sim, tmp_path, config)
    assert rc == 0, err
    assert api_requests(sim)
    sim.control("DELETE", "requests")
    rc, second, err = inventory(sim, tmp_path, config)
    assert rc == 0, err
    assert second == first
    assert api_requests(sim) == []  # not even a token request
    rc, third, err = inventory(sim, tmp_path, config, extra=["--flush-cache"])
    assert rc == 0 and third == first
    assert [r["path"] for r in api_requests(sim) if r["path"] == "/environments"] == ["/environments"]


def test_thousands_of_hosts_cost_the_pages_and_one_read_per_environment(sim, tmp_path):
    data = sim.control("GET", "data")
    system = data["systems"][0]
    usage, status = data["environments"][0]["usageWorkItemId"], data["environments"][0]["environmentStatusId"]
    stack = data["lookups"]["StackLayer"][0]["id"]
    envs, hosts, layers = [], [], []
    for n in range(120):
        env_id = str(uuid.uuid4())
        envs.append({"id": env_id, "name": "Scale %03d" % n, "vendor": "Acme", "linkedSystemId": system["id"],
                     "usageWorkItemId": usage, "environmentStatusId": status, "color": "#000000",
                     "isSharedEnvironment": False, "url": None})
        for i in range(25):
            host_id = str(uuid.uuid4())
            hosts.append({"id": host_id, "name": "scale-%03d-%02d.example.com" % (n, i), "environmentId": env_id})
            layers.append({"id": str(uuid.uuid4()), "componentName": "app", "version": str(i), "hostId": host_id,
                           "environmentId": env_id, "stackLayerId": stack})
    sim.control("POST", "load", json={"environments": envs, "hosts": hosts, "layers": layers})
    sim.control("DELETE", "requests")
    rc, result, err = inventory(sim, tmp_path)
    assert rc == 0, err
    assert len(result["_meta"]["hostvars"]) == 3000 + 23
    assert len(result["system_payments_api"]["hosts"]) == 3000 + 12
    total = len(data["environments"]) + 120  # 152 environments: 2 pages of 100
    seen = api_requests(sim)
    pages = [r for r in seen if r["path"] == "/environments"]
    assert [unquote_plus(r["query"]) for r in pages] == ["pageNum=0&recordsPerPage=100",
                                                         "pageNum=1&recordsPerPage=100"]
    assert len([r for r in seen if r["path"].startswith("/environments/")]) == total
    assert sorted(set(r["path"] for r in seen if not r["path"].startswith("/environments"))) == [
        "/oauth/token", "/organizations", "/systems"]
    assert len(seen) == 1 + 1 + 1 + 2 + total


def test_inventory_and_tasks_share_one_login(sim, tmp_path, make_client):
    cache = tmp_path / "shared-cache"
    rc, _result, err = inventory(sim, tmp_path, cache_dir=cache)
    assert rc == 0, err
    client = make_client(token_cache=str(cache))
    assert client.get("/me") == sim.info["username"]
    assert len(sim.token_requests()) == 1


def test_bad_configuration_is_a_clear_error(sim, tmp_path):
    cases = [
        ({"bogus": 1}, "unknown option bogus; valid options: "),
        ({"systems": ["Nope"]}, "systems 'Nope' is not a Plutora system; valid: Auth Service, Customer Portal"),
        ({"organizations": ["Nope"]}, "organizations 'Nope' is not a Plutora organization; valid: Acme Group"),
        ({"statuses": ["Nope"]}, "statuses 'Nope' is not a Plutora EnvironmentStatus; valid: Active, Decommisioned"),
        ({"environments": ["Nope*"]}, "environments 'Nope*' matches no Plutora environment"),
        ({"password": "wrong"}, "wrong username or password"),
        ({"region": "mars"}, "region"),
        ({"timeout": 0}, "timeout"),
    ]
    for config, message in cases:
        rc, _result, err = inventory(sim, tmp_path, config)
        assert rc != 0, config
        assert message in err, (config, err)
        assert "Traceback" not in err
        assert sim.info["client_secret"] not in err and sim.info["password"] not in err


def test_an_unreachable_tenant(sim, tmp_path):
    closed = {"api_url": "http://127.0.0.1:9", "auth_url": "http://127.0.0.1:9", "retries": 0}
    rc, result, err = inventory(sim, tmp_path, dict(closed, strict=False))
    assert rc == 0, err
    assert result["_meta"]["hostvars"] == {} and groups_of(result) == {}
    assert "The inventory is empty (strict: false)" in err and "127.0.0.1:9" in err
    rc, result, err = inventory(sim, tmp_path, dict(closed, strict=True))
    assert rc != 0 and "Check the URL" in err and "Traceback" not in err


def test_extra_vars_and_empty_variables(sim, tmp_path, monkeypatch):
    # A blank PLUTORA_* variable counts as unset, as for the modules (AWX injects blanks).
    monkeypatch.setenv("PLUTORA_REGION", "")
    monkeypatch.setenv("PLUTORA_CA_PATH", "")
    rc, result, err = inventory(sim, tmp_path, {"systems": ["Auth Service"]})
    assert rc == 0, err
    assert len(result["_meta"]["hostvars"]) == 2
    # An extra variable plutora_<option> sets the option (Ansible checks its choices).
    rc, _result, err = inventory(sim, tmp_path, extra=["-e", "plutora_region=mars"])
    assert rc != 0 and "Invalid value 'mars' for config 'region'" in err and "us, uk, au, eu" in err
    rc, result, err = inventory(sim, tmp_path, {"systems": ["Auth Service"]},
                                extra=["-e", "plutora_api_url=http://127.0.0.1:9", "-e", "plutora_retries=0"])
    assert rc == 0 and "127.0.0.1:9" in err and "The inventory is empty (strict: false)" in err  # strict: false by default


def test_the_plugin_options_are_the_modules_options():
    """Both fragments name every connection option; the plugin one gives each its PLUTORA_* variable, an ini key
    and a plutora_<name> variable."""
    plugin = yaml.safe_load(PluginConnection.DOCUMENTATION)["options"]
    modules = yaml.safe_load(Connection.DOCUMENTATION)["options"]
    assert list(plugin) == list(OPTIONS) and sorted(modules) == sorted(OPTIONS)
    for name, option in OPTIONS.items():
        assert plugin[name] == {"env": [{"name": option.env}], "ini": [{"section": "relops.itsm.plutora", "key": name}],
                                "vars": [{"name": "plutora_" + name}]}, name
