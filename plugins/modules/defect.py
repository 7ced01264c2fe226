#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: defect
short_description: Keep a Plutora Test defect's name and description as stated
version_added: 0.1.0
description:
  - Keeps the title (O(name)) and description of an existing Plutora Test (formerly Stryka) defect as the task states
    them, with Plutora Test's C(PATCH /defects/{id}) and a delta of only the fields that differ.
  - One read when nothing differs; C(changed) only when a field differs.
  - It does not create or delete defects, and does not change their status, links or custom fields, because no public
    source shows how the vendor's API does that. Use the Plutora Test UI for those.
author:
  - Relops ITSM maintainers (@relops)
options:
  id:
    description:
      - The defect's id (a GUID). One of O(id) and O(display_id) is required.
    type: str
  display_id:
    description:
      - The id people see, for example V(DEF-1001).
    type: str
  name:
    description:
      - The title the defect must have. Surrounding white space is not significant; it cannot be empty.
    type: str
  description:
    description:
      - The description the defect must have, as Plutora Test keeps it (usually HTML). Surrounding white space is
        not significant; V("") empties it.
    type: str
extends_documentation_fragment:
  - relops.itsm.plutora_test
  - relops.itsm.plutora_test.attributes_write
  - relops.itsm.results
seealso:
  - module: relops.itsm.defect_info
"""

EXAMPLES = r"""
- name: Keep a defect's title in step with the pipeline
  relops.itsm.defect:
    display_id: DEF-1002
    name: Refund rounding differs from ledger by one cent (fix in 4.2.1)

- name: Title and description, by id
  relops.itsm.defect:
    id: 5aee8d68-58d9-5142-8707-48747d7bfa33
    name: Payment confirmation e-mail sent twice
    description: "<p>Seen in build {{ lookup('env', 'BUILD_NUMBER') | default('4.2.0-rc3', true) }}.</p>"
  register: kept
"""

RETURN = r"""
defect:
  description:
    - The defect as it is after the task (in check mode, as it would be), as M(relops.itsm.defect_info) returns
      defects - in option names, dates in UTC with a C(Z); with O(raw=true), the vendor's record under C(raw).
  returned: success
  type: dict
  sample:
    id: c12794ea-4223-5761-b120-20de64ad787f
    display_id: DEF-1002
    name: Refund rounding differs from ledger by one cent (fix in 4.2.1)
    description: "<p>Refund rounding differs from ledger by one cent.</p>"
    status: In Progress
    severity: Critical
    priority: High
    releases: []
    custom_fields: {}
    created_date: "2026-10-02T09:01:00Z"
    last_modified_date: "2026-11-02T14:01:00Z"
diff:
  description: Only the fields that change, before and after; returned with C(--diff).
  returned: when changed and in diff mode
  type: dict
  sample:
    before:
      name: Refund rounding differs from ledger by one cent
    after:
      name: Refund rounding differs from ledger by one cent (fix in 4.2.1)
api_calls:
  description: Number of HTTP requests the task made, token requests and retries included.
  returned: always
  type: int
  sample: 3
"""

from ansible_collections.relops.itsm.plugins.module_utils.core import normalize
from ansible_collections.relops.itsm.plugins.module_utils.core.boundary import Module, run_module
from ansible_collections.relops.itsm.plugins.module_utils.core.errors import ConfigurationError
from ansible_collections.relops.itsm.plugins.module_utils.core.fields import RAW_OPTION, Plan, shaped
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.connection import (
    connect,
    connection_argument_spec,
)
from ansible_collections.relops.itsm.plugins.module_utils.plutora_test.defects import WRITABLE, Defects, simple


def plan_for(params, record):
    """The fields that differ between the task and the record (option, before, after, delta key, value)."""
    plan = Plan()
    for option, wire in WRITABLE:
        wanted = params.get(option)
        if wanted is None:
            continue
        if option == "name" and normalize.text(wanted) is None:
            raise ConfigurationError("name cannot be empty; give the defect's title, or leave name out to keep it")
        current = record.get(wire)
        if normalize.text(current) != normalize.text(wanted):
            value = wanted.strip()
            plan.add(option, current, value, wire, value)
    return plan


def run(module, client):
    params = module.params
    if params.get("name") is not None and normalize.text(params["name"]) is None:
        raise ConfigurationError("name cannot be empty; give the defect's title, or leave name out to keep it")
    api = Defects(client)
    record = api.by_id(params["id"]) if params["id"] else api.by_display_id(params["display_id"])
    plan = plan_for(params, record)
    result = {"changed": plan.changed}
    if plan.changed:
        after = dict(record, **plan.wire())
        if not module.check_mode:
            after = api.update(record["Id"], plan.wire()) or after
        record = after
        if module._diff:  # pylint: disable=protected-access
            result["diff"] = plan.diff()
    result["defect"] = shaped(record, simple, params["raw"])
    return result


def main():
    argument_spec = dict(
        id=dict(type="str"),
        display_id=dict(type="str"),
        name=dict(type="str"),
        description=dict(type="str"),
    )
    argument_spec.update(RAW_OPTION)
    argument_spec.update(connection_argument_spec())
    module = Module(argument_spec=argument_spec, supports_check_mode=True,
                    required_one_of=[("id", "display_id"), ("name", "description")],
                    mutually_exclusive=[("id", "display_id")])
    run_module(module, connect, run)


if __name__ == "__main__":
    main()
