# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one paging loop: records of a list read page by page, whatever the vendor's page request looks like."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class Listing:
    """Iterate the records of a paged list; ``total`` is the server's count once a page said it (else None).

    ``fetch(page_number, page_size)`` returns ``(records, total_or_None)`` for one page, the first page being
    ``first_page``. Reading stops at ``limit`` records, at a short or empty page, once ``total`` records were seen,
    or when a page starts with a record already seen (a server that ignores the page number).
    """

    def __init__(self, fetch, page_size, limit=None, first_page=0, key=None):
        self._fetch = fetch
        self.page_size = page_size
        self.limit = limit
        self.first_page = first_page
        self._key = key or _record_key
        self.total = None
        self.pages = 0

    def __iter__(self):
        page, seen, first_keys = self.first_page, 0, set()
        while True:
            records, total = self._fetch(page, self.page_size)
            self.pages += 1
            if total is not None:
                self.total = total
            marker = self._key(records[0]) if records else None
            if marker is not None and marker in first_keys:
                return
            first_keys.add(marker)
            for record in records:
                yield record
                seen += 1
                if self.limit is not None and seen >= self.limit:
                    return
            if not records or len(records) < self.page_size or (total is not None and seen >= total):
                return
            page += 1


def _record_key(record):
    return record.get("id") if isinstance(record, dict) else repr(record)
