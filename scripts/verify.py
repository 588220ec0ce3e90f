"""Recompute the SHA-256 of every Dokument version of the site and report mismatches.

Run inside Zope:  zconsole run var/etc/zope.conf scripts/verify.py   (or: make verify)
Exits with status 1 if any checksum does not match.
"""

from eakte.dokument.versions import verify_all
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import sys


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
with api.env.adopt_roles(["Manager"]):
    results = verify_all(site)
bad = [r for r in results if not r["ok"]]
checked = sum(r["checked"] for r in results)
for result in bad:
    for mismatch in result["mismatches"]:
        print(
            f"MISMATCH {result['aktenzeichen']} ({result['path']}) version {mismatch['version']}: "
            f"expected {mismatch['expected']}, found {mismatch['actual']}"
        )
print(f"Checked {checked} file versions of {len(results)} Dokumente: {len(bad)} with mismatches.")
sys.exit(1 if bad else 0)
