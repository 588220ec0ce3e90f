"""Delete an object from the e-Akte site and commit (run by zconsole)."""

from Testing.makerequest import makerequest

import os
import transaction


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
site._delObject(os.environ["OBJECT_ID"], suppress_events=True)
transaction.commit()
