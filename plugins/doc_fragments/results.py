# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    # The option of every module that returns records (core.fields.RAW_OPTION).
    DOCUMENTATION = r"""
options:
  raw:
    description:
      - Also return each record as the vendor's API sent it, under a C(raw) key of that record.
      - Records are always returned in the module options' names and forms, which a later task can take back as its
        options; the vendor's field names, ids and every empty custom-field property are only in C(raw).
    type: bool
    default: false
"""
