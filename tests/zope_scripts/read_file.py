"""Read a File's blob back in a new process and print its checksum (run by zconsole)."""

from Testing.makerequest import makerequest

import hashlib
import os


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
obj = site[os.environ["FILE_ID"]]
with obj.file.open() as blob:
    data = blob.read()
print("SHA256", hashlib.sha256(data).hexdigest())
print("SIZE", len(data))
