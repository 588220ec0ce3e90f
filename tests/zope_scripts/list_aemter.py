"""Print the site's Ämter, one per line (run by zconsole)."""

from eakte.organisation import list_aemter
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
for amt in list_aemter(site):
    print(f"Amt {amt.nummer} {amt.name}")
