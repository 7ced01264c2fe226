# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Environments, systems, hosts and layers as writable resources (README "Environments, hosts, layers")."""

import uuid

UNKNOWN = "11111111-2222-3333-4444-555555555555"


def lookup(api, kind, value):
    return api.lookup(kind, value)


def new_system(api, name="Fraud Engine", form=False):
    body = {"Name": name, "Vendor": "Acme", "Status": "Active",
            "OrganizationId": api.call("GET", "/organizations").json()[1]["id"]}
    resp = api.call("POST", "/systems", **({"data": body} if form else {"json": body}))
    assert resp.status_code == 201, resp.text
    return resp.json()


def environment_body(api, system_id, name="Fraud Engine - Dev", **extra):
    body = {"Name": name, "Vendor": "Acme", "LinkedSystemId": system_id,
            "UsageWorkItemId": lookup(api, "UsedForWorkItem", "Dev"),
            "EnvironmentStatusId": lookup(api, "EnvironmentStatus", "Active"), "Color": "#ffffff",
            "IsSharedEnvironment": "true"}
    body.update(extra)
    return body


def test_the_primer_walk_through(api):
    """System -> environment -> host -> layer, then the environment read carries hosts[].layers[] (Primer)."""
    system = new_system(api)
    assert (system["isAllowEdit"], system["inMyOrganization"]) == (False, False)  # the Primer's create answer
    read = api.call("GET", "/systems/" + system["id"]).json()
    assert (read["isAllowEdit"], read["inMyOrganization"]) == (True, True)
    created = api.call("POST", "/environments", json=environment_body(api, system["id"]))
    assert created.status_code == 201
    env = created.json()
    assert env["linkedSystem"] == "Fraud Engine" and env["isSharedEnvironment"] is True
    assert (env["usageWorkItem"], env["environmentStatus"], env["hosts"]) == (None, None, None)
    host = api.call("POST", "/hosts", json={"Name": "My Host", "EnvironmentID": env["id"]})
    assert host.status_code == 201
    assert host.json() == {"id": host.json()["id"], "name": "My Host", "environmentID": env["id"], "layers": []}
    layer = api.call("POST", "/layers", json={
        "ComponentName": "My Application", "Version": "1.0", "HostID": host.json()["id"], "EnvironmentID": env["id"],
        "StackLayerID": lookup(api, "StackLayer", "Application")})
    assert layer.status_code == 201
    assert (layer.json()["stackLayer"], layer.json()["stackLayerType"]) == ("Application", "StackLayer")
    full = api.call("GET", "/environments/" + env["id"]).json()
    assert (full["usageWorkItem"], full["environmentStatus"]) == ("Dev", "Active")
    assert [h["name"] for h in full["hosts"]] == ["My Host"]
    assert full["hosts"][0]["layers"] == [layer.json()]
    # The Primer's version bump: GET the layer, change it, PUT it back (no body); POST to the layer works too.
    data = api.call("GET", "/layers/" + layer.json()["id"]).json()
    data["version"] = "2.0"
    put = api.call("PUT", "/layers/" + data["id"], json=data)
    assert (put.status_code, put.content) == (204, b"")
    data["version"] = "2.1"
    assert api.call("POST", "/layers/" + data["id"], json=data).status_code == 204
    assert api.call("GET", "/layers/" + data["id"]).json()["version"] == "2.1"
    # The environment's PUT ignores hosts in the body and answers 204.
    full["description"] = "Here is the description"
    full["hosts"] = []
    assert api.call("PUT", "/environments/" + env["id"], json=full).status_code == 204
    again = api.call("GET", "/environments/" + env["id"]).json()
    assert again["description"] == "Here is the description" and len(again["hosts"]) == 1


def test_form_bodies_as_plutora_qe_sends_them(api):
    system = new_system(api, "Form System", form=True)
    env = api.call("POST", "/environments", data=environment_body(api, system["id"], "Form Env")).json()
    host = api.call("POST", "/hosts", data={"name": "form-host", "EnvironmentID": env["id"]})
    assert host.status_code == 201 and host.json()["environmentID"] == env["id"]


def test_refusals(api):
    system = new_system(api)
    bad = api.call("POST", "/environments", json={"name": ""})
    assert bad.status_code == 400
    assert "environment.name" in bad.json()["modelState"] and "environment.linkedSystemId" in bad.json()["modelState"]
    bad = api.call("POST", "/environments", json=environment_body(api, UNKNOWN))
    assert bad.json()["modelState"] == {"environment.linkedSystemId": ["The system does not exist."]}
    assert api.call("PUT", "/environments/" + str(uuid.uuid4()), json={}).status_code == 400  # QE: not a 404
    env = api.call("POST", "/environments", json=environment_body(api, system["id"])).json()
    other = api.call("GET", "/environments").json()[0]["id"]
    assert api.call("PUT", "/environments/" + env["id"], json=dict(env, id=other)).status_code == 400
    assert api.call("POST", "/hosts", json={"Name": "h", "EnvironmentID": UNKNOWN}).status_code == 400
    host = api.call("POST", "/hosts", json={"Name": "h", "EnvironmentID": env["id"]}).json()
    stack = lookup(api, "StackLayer", "Database")
    wrong_env = api.call("POST", "/layers", json={"ComponentName": "db", "HostID": host["id"], "EnvironmentID": other,
                                                  "StackLayerID": stack})
    assert wrong_env.json()["modelState"] == {"layer.environmentID": ["The host belongs to another environment."]}
    assert api.call("POST", "/layers", json={"ComponentName": "db", "HostID": host["id"], "EnvironmentID": env["id"],
                                             "StackLayerID": UNKNOWN}).status_code == 400
    for path in ("/hosts/", "/layers/", "/environments/", "/systems/"):
        assert api.call("GET", path + UNKNOWN).status_code == 404
        assert api.call("DELETE", path + UNKNOWN).status_code == 404
    assert api.call("GET", "/hosts/" + host["id"], auth=False).status_code == 401
    linked = api.call("DELETE", "/systems/" + system["id"])
    assert linked.status_code == 400 and "Fraud Engine - Dev" in linked.json()["modelState"]["system.id"][0]


def test_updates_and_deletes(api):
    system = new_system(api)
    changed = api.call("PUT", "/systems/" + system["id"], json=dict(system, name="Fraud Engine 2"))
    assert changed.status_code == 200 and changed.json()["name"] == "Fraud Engine 2"
    assert api.call("PUT", "/systems/" + UNKNOWN, json={}).status_code == 400
    env = api.call("POST", "/environments", json=environment_body(api, system["id"])).json()
    host = api.call("POST", "/hosts", json={"Name": "h1", "EnvironmentID": env["id"]}).json()
    layer = api.call("POST", "/layers", json={"ComponentName": "app", "HostID": host["id"], "EnvironmentID": env["id"],
                                              "StackLayerID": lookup(api, "StackLayer", "Application")}).json()
    assert api.call("PUT", "/hosts/" + host["id"], json={"Name": "h1-renamed", "EnvironmentID": env["id"]}).status_code \
        == 204
    assert api.call("GET", "/hosts/" + host["id"]).json()["name"] == "h1-renamed"
    assert api.call("DELETE", "/layers/" + layer["id"]).status_code == 200
    assert api.call("GET", "/hosts/" + host["id"]).json()["layers"] == []
    assert api.call("DELETE", "/environments/" + env["id"]).status_code == 200
    assert api.call("DELETE", "/environments/" + env["id"]).status_code == 404  # QE: a repeat is a 404
    assert api.call("GET", "/hosts/" + host["id"]).status_code == 404  # the environment took its hosts with it
    assert api.call("DELETE", "/systems/" + system["id"]).status_code == 200
    assert api.call("GET", "/systems/" + system["id"]).status_code == 404


def test_seed_hosts_and_layers(api):
    envs = {e["name"]: e for e in api.call("GET", "/environments").json()}
    uat = api.call("GET", "/environments/" + envs["Payments API - UAT"]["id"]).json()
    assert [h["name"] for h in uat["hosts"]] == ["pay-uat-app01.example.com", "pay-uat-app02.example.com",
                                                 "pay-uat-db01.example.com"]
    app = uat["hosts"][0]["layers"]
    assert [(x["componentName"], x["version"], x["stackLayer"]) for x in app] == [
        ("payments-api", "4.2.0", "Application"), ("RHEL", "9.4", "Operating System")]
    assert all(x["hostID"] == uat["hosts"][0]["id"] and x["environmentID"] == uat["id"] for x in app)
    assert envs["Data Warehouse - Dev"]["status"] == "Under Build/Config"
    bare = api.call("GET", "/environments/" + envs["Search Gateway - Dev"]["id"]).json()
    assert bare["hosts"] == []
    with_hosts = [n for n, e in envs.items() if api.call("GET", "/environments/" + e["id"]).json()["hosts"]]
    assert len(with_hosts) == 12


def test_thousands_of_hosts_through_sim_load(api):
    system = api.call("GET", "/systems").json()[0]
    envs, hosts = [], []
    for n in range(20):
        env_id = str(uuid.uuid4())
        envs.append({"id": env_id, "name": "Scale %02d" % n, "vendor": "Acme", "linkedSystemId": system["id"],
                     "usageWorkItemId": lookup(api, "UsedForWorkItem", "Dev"),
                     "environmentStatusId": lookup(api, "EnvironmentStatus", "Active"), "color": "#000000",
                     "isSharedEnvironment": False})
        hosts.extend({"id": str(uuid.uuid4()), "name": "scale-%02d-%03d" % (n, i), "environmentId": env_id}
                     for i in range(150))
    counts = api.sim("POST", "load", json={"environments": envs, "hosts": hosts})
    assert counts["hosts"] == 23 + 3000 and counts["environments"] == 52
    one = api.call("GET", "/environments/" + envs[7]["id"]).json()
    assert len(one["hosts"]) == 150 and one["hosts"][0]["name"] == "scale-07-000"
