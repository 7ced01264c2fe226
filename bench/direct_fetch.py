#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The floor of a search: every page of ``POST PATH`` fetched with requests, kept in a list, printed as JSON.

    direct_fetch.py PATH SEARCH_FILTERS_JSON [EXTRA_BODY_JSON]

One login (PLUTORA_* variables), 100 records a page until a short page or the total; what bench/run.py compares
release_info and change_search with (it measures this process's time and peak memory).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import sys

import requests


def main():
    path, filters = sys.argv[1], json.loads(sys.argv[2])
    extra = json.loads(sys.argv[3]) if len(sys.argv) > 3 else {}
    env = os.environ
    form = {"client_id": env["PLUTORA_CLIENT_ID"], "client_secret": env["PLUTORA_CLIENT_SECRET"],
            "grant_type": "password", "username": env["PLUTORA_USERNAME"], "password": env["PLUTORA_PASSWORD"]}
    http = requests.Session()
    token = http.post(env["PLUTORA_AUTH_URL"] + "/oauth/token", data=form, timeout=30).json()["access_token"]
    http.headers["Authorization"] = "bearer " + token
    records, page = [], 0
    while True:
        body = dict(extra, searchFilters=filters, recordsPerPage=100, pageNum=page)
        answer = http.post(env["PLUTORA_API_URL"] + path, json=body, timeout=60)
        answer.raise_for_status()
        result = answer.json()
        records.extend(result["resultSet"])
        if len(result["resultSet"]) < 100 or len(records) >= result["totalCount"]:
            break
        page += 1
    sys.stdout.write(json.dumps({"records": records}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
