"""Recompute the hash chain of every Protokoll of the site and report broken ones.

Run inside Zope:  zconsole run var/etc/zope.conf scripts/verify_protokoll.py
Exits with status 1 if any Protokoll is broken (a changed, removed or re-ordered entry) or an
e-Akte object has no Protokoll at all.
"""

from eakte.protokoll import checked_entries
from eakte.protokoll import verify_all
from eakte.protokoll.store import journals
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import sys


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
with api.env.adopt_roles(["Manager"]):
    broken = verify_all(site)
    total = len(list(journals(site)))
    entries = checked_entries(site)
for result in broken:
    where = result["path"] or result["uid"]
    aktenzeichen = result["aktenzeichen"] or "-"
    print(
        f"BROKEN {aktenzeichen} ({where}) uid {result['uid']} first broken entry {result['first_broken']}: "
        f"{result['reason']}"
    )
print(f"Checked {entries} entries in {total} Protokolle: {len(broken)} broken.")
sys.exit(1 if broken else 0)
