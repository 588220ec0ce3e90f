"""Overwrite a Dokument's current file below the application (simulates tampering or bit rot)."""

from Testing.makerequest import makerequest

import os
import transaction


app = makerequest(app)  # noqa: F821
dokument = app.unrestrictedTraverse(os.environ["OBJECT_PATH"])
with dokument.file._blob.open("w") as blob:
    blob.write(b"%PDF-1.4 manipuliert")
transaction.commit()
