# -*- coding: utf-8 -*-
# Copyright: relops.itsm contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""The ManageEngine ServiceDesk Plus (v3 API, Release module) simulator on sim_core: both editions from one server.

On-premises paths ``/api/v3/...`` take a technician key, cloud paths ``/app/{portal}/api/v3/...`` a Zoho OAuth
access token from ``POST /oauth/v2/token``; see the SDP section of ../README.md.
"""
