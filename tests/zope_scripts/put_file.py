"""Create a File with a blob in the e-Akte site and commit (run by zconsole)."""

from plone import api
from plone.namedfile.file import NamedBlobFile
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import hashlib
import os
import transaction


app = makerequest(app)  # noqa: F821
site = app[os.environ.get("EAKTE_SITE_ID", "eakte")]
setSite(site)
data = os.urandom(int(os.environ["FILE_SIZE"]))
with api.env.adopt_roles(["Manager"]):
    obj = api.content.create(
        container=site,
        type="File",
        id=os.environ["FILE_ID"],
        title="Roundtrip",
        file=NamedBlobFile(
            data=data, filename="roundtrip.bin", contentType="application/octet-stream"
        ),
    )
transaction.commit()
print("SHA256", hashlib.sha256(data).hexdigest())
