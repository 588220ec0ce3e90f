"""Change one stored Protokoll entry directly in the database, below the application (as
someone with database access could), and commit."""

from eakte.protokoll.store import get_store
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import json
import os
import transaction


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
journal = get_store(site).journals[os.environ["OBJECT_UID"]]
seq = int(os.environ.get("SEQ", "1"))
entry = json.loads(journal.entries[seq])
entry["details"] = {"title": {"alt": "Personalakte Muster", "neu": "Personalakte Musterfrau"}}
journal.entries[seq] = json.dumps(entry, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
transaction.commit()
print("TAMPERED", os.environ["OBJECT_UID"], seq)
