# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The release record API against the simulator: finding by the natural key, writing from a plan, deleting."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.relops.itsm.plugins.module_utils.core.fields import Plan
from ansible_collections.relops.itsm.plugins.module_utils.plutora.lookups import Lookups
from ansible_collections.relops.itsm.plugins.module_utils.plutora.release_plan import plan_release
from ansible_collections.relops.itsm.plugins.module_utils.plutora.releases import Releases

FIELDS = {"name": "Record API", "release_type": "Minor", "status": "Draft", "risk_level": "Low",
          "implementation_date": "2027-04-01", "organization": "Payments"}


def _create(client, identifier):
    releases, lookups = Releases(client), Lookups(client)
    plan = plan_release(FIELDS, None, lookups, releases, identifier=identifier)
    return releases, releases.create(plan, identifier)["id"]


def test_identifiers_with_backticks_spaces_and_case_are_found_again(make_client):
    client = make_client()
    for identifier in ("REC`1", "REC-2"):
        releases, release_id = _create(client, identifier)
        assert releases.find(identifier)["id"] == release_id
    assert releases.find(" rec-2  ")["identifier"] == "REC-2"
    assert releases.find("REC`1")["identifier"] == "REC`1"
    assert releases.find("REC1") is None


def test_update_from_a_plan_keeps_every_other_field_and_delete_settles(make_client):
    client = make_client()
    releases, release_id = _create(client, "REC-3")
    record = releases.get(release_id)
    plan = Plan()
    plan.add("summary", None, "New summary", "summary", "New summary")
    releases.update(record, plan)
    after = releases.get(release_id)
    assert after["summary"] == "New summary" and after["name"] == "Record API"
    assert after["releaseStatusType"] == record["releaseStatusType"]
    releases.delete(release_id)
    assert releases.get(release_id, missing_ok=True) is None


def test_the_record_lock_is_per_release(make_client, tmp_path):
    releases = Releases(make_client())
    with releases.lock("REC-4"):
        with releases.lock("REC-5"):
            pass
    assert any(p.name.startswith("record-") for p in (tmp_path / "cache").iterdir())


def _count(sim, identifier):
    return len([r for r in sim.control("GET", "data")["releases"] if r["identifier"] == identifier])


def test_a_create_whose_answer_was_lost_is_settled_by_reading(sim, make_client):
    client = make_client()
    client.get("/me")
    for n, fault in enumerate(({"drop": True}, {"status": 502}, {"status": 504})):
        identifier = "LOST-%d" % n
        sim.control("POST", "faults", json=dict(fault, method="POST", path="/releases", after=True))
        releases, release_id = _create(client, identifier)
        assert releases.get(release_id)["identifier"] == identifier
        assert _count(sim, identifier) == 1
    posts = [r for r in sim.requests_log() if r["method"] == "POST" and r["path"] == "/releases"]
    assert len(posts) == 3


def test_a_create_that_did_not_land_is_sent_once_more(sim, make_client):
    client = make_client()
    client.get("/me")
    sim.control("POST", "faults", json={"method": "POST", "path": "/releases", "status": 503})
    releases, release_id = _create(client, "LOST-RETRY")
    assert _count(sim, "LOST-RETRY") == 1 and releases.get(release_id)
    posts = [r["status"] for r in sim.requests_log() if r["method"] == "POST" and r["path"] == "/releases"]
    assert posts == [503, 201] or posts == [503, 200]


def test_a_delete_whose_answer_was_lost_counts_as_done(sim, make_client):
    client = make_client()
    releases, release_id = _create(client, "LOST-DEL")
    sim.control("POST", "faults", json={"method": "DELETE", "path": "/releases/*", "drop": True, "after": True})
    releases.delete(release_id)
    assert releases.get(release_id, missing_ok=True) is None
